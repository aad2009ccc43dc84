"""Knowledge base of office holders: loader behaviour and the quality of the data files."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from detente import ontology
from detente.actors.kb import (
    KnowledgeBase,
    KnowledgeBaseError,
    Person,
    default_paths,
    kb_titles,
    normalize_title,
    surname_keys,
)
from detente.errors import DataFileError
from detente.tables import read_table

HEADER = "person_id\tname\taliases\tcountry\tsector\ttitle\tstart\tend\torg\n"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


def _one(kb: KnowledgeBase, name: str) -> Person:
    found = kb.find(name)
    assert len(found) == 1, f"{name!r} -> {found}"
    return found[0]


def _write(tmp_path: Path, name: str, *rows: str) -> Path:
    path = tmp_path / name
    path.write_text(HEADER + "".join(r + "\n" for r in rows), encoding="utf-8")
    return path


# --- roles on a date -------------------------------------------------------------------


def test_clinton_roles_on_both_sides_of_each_change(kb: KnowledgeBase) -> None:
    clinton = _one(kb, "Hillary Clinton")
    senator = clinton.role_on(date(2008, 6, 1))
    assert (senator.country, senator.sector, senator.title) == ("USA", "LEG", "senator")
    assert clinton.role_on(date(2009, 1, 20)).sector == "LEG"  # end is exclusive
    secretary = clinton.role_on(date(2010, 6, 1))
    assert (secretary.sector, secretary.title) == ("GOV", "secretary of state")
    former = clinton.role_on(date(2014, 1, 1))
    assert (former.country, former.sector) == ("USA", "ELI")
    assert former.title == "former secretary of state"


def test_lavrov_is_foreign_minister_from_2004_03_09(kb: KnowledgeBase) -> None:
    lavrov = _one(kb, "Sergey Lavrov")
    assert lavrov.role_on(date(2004, 3, 8)).title == "un ambassador"
    assert lavrov.role_on(date(2004, 3, 9)).title == "foreign minister"
    assert lavrov.role_on(date(2025, 1, 1)).title == "foreign minister"


def test_before_first_role_none_and_no_day_gives_latest_role(kb: KnowledgeBase) -> None:
    zelensky = _one(kb, "Volodymyr Zelensky")
    assert zelensky.role_on(date(2015, 1, 1)) is None
    assert _one(kb, "Joe Biden").role_on(None).title == "president"


def test_former_official_belongs_to_home_country_not_the_igo(kb: KnowledgeBase) -> None:
    # Between NATO (ended 2024-10-01) and the Norwegian finance ministry (2025-02-04).
    role = _one(kb, "Jens Stoltenberg").role_on(date(2024, 12, 1))
    assert (role.country, role.sector) == ("NOR", "ELI")


def test_simultaneous_roles_prefer_the_government_office(kb: KnowledgeBase) -> None:
    # Party leader since 2022, chancellor since 2025-05-06.
    assert _one(kb, "Friedrich Merz").role_on(date(2025, 6, 1)).title == "chancellor"
    assert _one(kb, "Friedrich Merz").role_on(date(2024, 6, 1)).sector == "PTY"


# --- lookups ---------------------------------------------------------------------------


def test_find_ignores_case_accents_and_alias_spelling(kb: KnowledgeBase) -> None:
    lavrov = _one(kb, "Sergey Lavrov")
    assert kb.find("sergei lavrov") == (lavrov,)
    assert kb.find("SERGEI VIKTOROVICH LAVROV") == (lavrov,)
    assert _one(kb, "Radoslaw Sikorski") is _one(kb, "Radosław Sikorski")
    assert _one(kb, "viktor orban").name == "Viktor Orbán"
    assert kb.find("Lavrov") == ()  # a bare surname is not a full name


def test_surname_keys_keep_particles_and_drop_suffixes() -> None:
    assert surname_keys("Ursula von der Leyen") == ("von der leyen", "leyen")
    assert "assad" in surname_keys("Bashar al-Assad")
    assert surname_keys("Joseph R. Biden Jr.") == ("biden",)
    assert surname_keys("Annegret Kramp-Karrenbauer") == ("kramp karrenbauer",)


def test_resolve_surname_on_a_date(kb: KnowledgeBase) -> None:
    person, role = kb.resolve("Putin", date(2010, 6, 1))
    assert person.id == "vladimir-putin"
    assert (role.country, role.sector, role.title) == ("RUS", "GOV", "prime minister")
    assert kb.resolve("Putin", date(2005, 6, 1))[1].title == "president"
    # In office beats former: in 2010 "Clinton" is the Secretary of State.
    assert kb.resolve("Clinton", date(2010, 6, 1))[0].id == "hillary-clinton"
    assert kb.resolve("von der Leyen", date(2021, 1, 1))[1].country == "EUR"


def test_resolve_ambiguous_or_unknown_surname_gives_none(kb: KnowledgeBase) -> None:
    # Two Ivanovs in office in 2005 (Security Council secretary and defence minister).
    assert kb.resolve("Ivanov", date(2005, 6, 1)) is None
    assert kb.resolve("Nobodyknowsky", date(2005, 6, 1)) is None


def test_resolve_full_name_outside_any_role_gives_none(kb: KnowledgeBase) -> None:
    assert kb.resolve("Volodymyr Zelensky", date(2015, 1, 1)) is None
    _, role = kb.resolve("Volodymyr Zelenskyy", date(2022, 3, 1))
    assert (role.country, role.title) == ("UKR", "president")


def test_holder_normalises_title_synonyms(kb: KnowledgeBase) -> None:
    day = date(2009, 3, 7)
    assert kb.holder("RUS", "foreign minister", day).id == "sergey-lavrov"
    assert kb.holder("USA", "Foreign Minister", day).id == "hillary-clinton"
    assert kb.holder("USA", "secretary of state", day).id == "hillary-clinton"
    assert kb.holder("GBR", "foreign minister", date(2003, 3, 1)).id == "jack-straw"
    assert kb.holder("USA", "defense secretary", day).id == "robert-gates"
    assert kb.holder("GBR", "head of state", date(2023, 6, 1)).id == "charles-iii"
    assert kb.holder("FRA", "head of government", date(2020, 1, 1)).id == "edouard-philippe"
    assert kb.holder("IGO", "secretary-general", date(2010, 1, 1), org="NATO").id == (
        "anders-fogh-rasmussen"
    )
    assert kb.holder("RUS", "chancellor", day) is None


def test_normalize_title() -> None:
    assert normalize_title("Foreign Secretary") == "foreign minister"
    assert normalize_title("Secretary of Defense") == "defence minister"
    assert normalize_title("Secretary General") == "secretary-general"
    assert normalize_title("vice president") == "vice president"


# --- loading ---------------------------------------------------------------------------


def test_rows_of_one_person_merge_across_files(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.tsv", "ann-x\tAnn X\t\tIGO\tGOV\tsecretary-general\t2010-01-01\t\tUN")
    b = _write(tmp_path, "b.tsv", "ann-x\tAnne X\tA. X\tFRA\tGOV\tforeign minister\t2001\t2005-06")
    kb = KnowledgeBase.load([a, b])
    assert len(kb) == 1
    ann = kb.find("Anne X")[0]
    assert ann.name == "Ann X" and set(ann.aliases) == {"Anne X", "A. X"}
    assert [r.title for r in ann.roles] == ["foreign minister", "secretary-general"]
    assert ann.role_on(date(2007, 1, 1)).country == "FRA"  # ELI of the national role


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("ann-x\tAnn X\t\tUSA\tGOV\tpresident", "6 tab-separated fields"),
        ("ann-x\tAnn X\t\tUSX\tGOV\tpresident\t2001-01-01\t\t", "USX"),
        ("ann-x\tAnn X\t\tUSA\tBOSS\tpresident\t2001-01-01\t\t", "BOSS"),
        ("ann-x\tAnn X\t\tUSA\tGOV\tpresident\t01/02/2001\t\t", "01/02/2001"),
        ("ann-x\tAnn X\t\tUSA\tGOV\tpresident\t2005-01-01\t2001-01-01\t", "not before"),
        ("Ann X\tAnn X\t\tUSA\tGOV\tpresident\t2001-01-01\t\t", "slug"),
        ("ann-x\tAnn X\t\tIGO\tGOV\tpresident\t2001-01-01\t\t", "organisation"),
        ("ann-x\tAnn X\t\tUSA\tGOV\tpresident\t2001-01-01\t\t\tF", "gender 'F'"),
        ("ann-x\tAnn X\t\tUSA\tGOV\tpresident\t2001-01-01\t\t\tfemale", "gender 'female'"),
    ],
)
def test_malformed_row_names_file_line_and_problem(tmp_path: Path, row: str, problem: str) -> None:
    path = _write(tmp_path, "bad.tsv", "# a comment", "ok-row\tOk Row\t\tUSA\tGOV\tsenator\t\t\t", row)
    with pytest.raises(KnowledgeBaseError) as info:
        KnowledgeBase.load([path])
    message = str(info.value)
    assert isinstance(info.value, DataFileError)
    assert "bad.tsv:4" in message and problem in message


def test_gender_is_read_from_any_row_of_the_person(tmp_path: Path) -> None:
    header = "person_id\tname\taliases\tcountry\tsector\ttitle\tstart\tend\torg\tgender\n"
    path = tmp_path / "g.tsv"
    path.write_text(header + "ann-x\tAnn X\t\tFRA\tLEG\tsenator\t2001\t2005\t\t\n"
                    "ann-x\tAnn X\t\tFRA\tGOV\tforeign minister\t2005\t\t\tf\n"
                    "bob-y\tBob Y\t\tFRA\tGOV\tdefence minister\t2005\t\t\tm\n"
                    "cy-z\tCy Z\t\tFRA\tGOV\tinterior minister\t2005\n", encoding="utf-8")
    kb = KnowledgeBase.load([path])
    assert [kb.find(n)[0].gender for n in ("Ann X", "Bob Y", "Cy Z")] == ["f", "m", None]


def test_rows_of_one_person_with_different_genders_are_an_error(tmp_path: Path) -> None:
    a = _write(tmp_path, "a.tsv", "ann-x\tAnn X\t\tFRA\tGOV\tforeign minister\t2001\t2005\t\tf")
    b = _write(tmp_path, "b.tsv", "# c", "ann-x\tAnn X\t\tIGO\tGOV\tsecretary-general\t2010\t\tUN\tm")
    with pytest.raises(KnowledgeBaseError, match=r"b\.tsv:3.*gender 'm'"):
        KnowledgeBase.load([a, b])


def test_packaged_kb_knows_the_gender_of_people_in_the_news(kb: KnowledgeBase) -> None:
    women = ("Liz Truss", "Angela Merkel", "Hillary Clinton", "Maria Zakharova", "Jacinda Ardern")
    men = ("Sergey Lavrov", "Emmanuel Macron", "Xi Jinping", "Narendra Modi")
    assert [_one(kb, n).gender for n in women] == ["f"] * len(women)
    assert [_one(kb, n).gender for n in men] == ["m"] * len(men)
    assert {p.gender for p in kb} <= {"m", "f", None}


def test_missing_header_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "nohead.tsv"
    path.write_text("ann-x\tAnn X\t\tUSA\tGOV\tpresident\t2001\t\t\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="nohead.tsv:1.*header"):
        KnowledgeBase.load([path])


# --- data quality over every packaged file --------------------------------------------


def test_packaged_files_parse_with_valid_codes_and_titles(kb: KnowledgeBase) -> None:
    names = {p.name for p in default_paths()}
    assert "people_a.tsv" in names
    unknown = set()
    for person in kb:
        assert person.roles, person.id
        for role in person.roles:
            assert role.sector in ontology.load().sectors  # countries are checked by the loader
            if role.title not in kb_titles():
                unknown.add((person.id, role.title))
            if role.start and role.end:
                assert role.start < role.end, person.id
    assert not unknown, f"titles outside the vocabulary (README.md): {sorted(unknown)}"


def test_every_kb_title_is_a_kb_title_of_titles_tsv(kb: KnowledgeBase) -> None:
    # titles live in one place: data/actors/titles.tsv (kb = yes marks the KB vocabulary)
    rows = read_table("actors/titles.tsv", ("title",))
    vocabulary = {r["title"] for r in rows if r.get("kb") == "yes"}
    used = {role.title for person in kb for role in person.roles}
    assert used <= vocabulary, sorted(used - vocabulary)
    titles = [r["title"] for r in rows]
    assert len(titles) == len(set(titles)), "a title is listed twice"
    posts = {r.get("means") for r in rows if r.get("means")}
    assert posts <= set(titles), "every synonym names a post that is itself a title"


def test_no_person_holds_the_same_post_twice_at_once(kb: KnowledgeBase) -> None:
    overlaps = []
    for person in kb:
        by_post: dict[tuple, list] = {}
        for role in person.roles:
            by_post.setdefault((role.country, role.title, role.org), []).append(role)
        for post, roles in by_post.items():
            roles.sort(key=lambda r: r.start or date.min)
            for first, second in pairwise(roles):
                if first.end is None or (second.start or date.min) < first.end:
                    overlaps.append((person.id, post))
    assert not overlaps, overlaps


def test_part_a_covers_at_least_280_people() -> None:
    (path,) = [p for p in default_paths() if p.name == "people_a.tsv"]
    assert len(KnowledgeBase.load([path])) >= 280


def test_both_parts_together_cover_at_least_500_people(kb: KnowledgeBase) -> None:
    if "people_b.tsv" not in {p.name for p in default_paths()}:
        pytest.skip("people_b.tsv (part B of the knowledge base) is not written yet")
    assert len(kb) >= 500


def test_cabinet_posts_beyond_foreign_and_defence_are_dated(kb: KnowledgeBase) -> None:
    # part C: interior, justice, trade and finance posts, with titles mapped by function
    assert kb.holder("GBR", "justice minister", date(2020, 1, 1)).id == "robert-buckland"
    assert kb.holder("AUS", "finance minister", date(2024, 1, 1)).id == "jim-chalmers"  # the treasurer
    assert kb.holder("FRA", "interior minister", date(2022, 1, 1)).id == "gerald-darmanin"
    assert kb.holder("FRA", "interior minister", date(2025, 1, 1)).id == "bruno-retailleau"
    wang = kb.resolve("Wang Wentao", date(2023, 5, 1))
    assert wang is not None and (wang[1].country, wang[1].title) == ("CHN", "trade minister")


def test_every_row_of_part_c_records_the_gender() -> None:
    from detente.actors.kb import read_rows

    path = next(p for p in default_paths() if p.name == "people_c.tsv")
    assert all(row.gender in ("m", "f") for row in read_rows(path))
