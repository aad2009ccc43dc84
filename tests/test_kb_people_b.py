"""Knowledge base, part B data (Asia-Pacific, Middle East, Africa, Americas).

Each fact is checked on both sides of a role change, because the value of the file is the
dates: the same name must resolve to a different role the day before and the day of a
succession, a coup or a fall from power.
"""

from __future__ import annotations

from datetime import date
from itertools import combinations
from pathlib import Path

import pytest

from detente.actors.kb import KnowledgeBase, default_paths, normalize_title, read_rows


def _part_b_path() -> Path:
    paths = [p for p in default_paths() if p.name == "people_b.tsv"]
    assert paths, "data/kb/people_b.tsv is missing from the package"
    return paths[0]


@pytest.fixture(scope="module")
def kb_b() -> KnowledgeBase:
    return KnowledgeBase.load([_part_b_path()])


@pytest.fixture(scope="module")
def kb_all() -> KnowledgeBase:
    return KnowledgeBase.load()


def _d(text: str) -> date:
    return date.fromisoformat(text)


def _role(kb: KnowledgeBase, name: str, day: str) -> tuple[str, str, str]:
    found = kb.resolve(name, _d(day))
    assert found is not None, f"{name!r} on {day} did not resolve"
    _, role = found
    return role.country, role.sector, role.title


def _holder(kb: KnowledgeBase, country: str, title: str, day: str) -> str | None:
    person = kb.holder(country, title, _d(day))
    return person.name if person else None


def test_part_b_is_large_and_covers_every_assigned_country(kb_b: KnowledgeBase) -> None:
    assert len(kb_b) >= 250
    countries = (
        "CHN JPN KOR PRK IND PAK AFG BGD LKA MMR THA VNM PHL IDN MYS SGP AUS NZL IRN IRQ SYR "
        "LBN ISR PSE JOR SAU ARE QAT KWT OMN YEM TUR EGY LBY TUN DZA MAR NGA ZAF ETH KEN SDN "
        "SSD SOM COD RWA MLI ZWE GHA SEN CAN MEX BRA ARG VEN COL CHL PER CUB BOL ECU NIC"
    ).split()
    missing = [c for c in countries
               if kb_b.holder(c, "head of state", _d("2015-06-01")) is None
               and kb_b.holder(c, "head of government", _d("2015-06-01")) is None]
    assert missing == []


@pytest.mark.parametrize(
    ("country", "title", "before", "after", "old", "new"),
    [
        ("JPN", "prime minister", "2012-12-25", "2012-12-26", "Yoshihiko Noda", "Shinzo Abe"),
        ("CHN", "head of state", "2013-03-13", "2013-03-14", "Hu Jintao", "Xi Jinping"),
        ("IRN", "foreign minister", "2013-08-14", "2013-08-15", "Ali Akbar Salehi",
         "Mohammad Javad Zarif"),
        ("EGY", "head of state", "2013-07-02", "2014-06-08", "Mohamed Morsi",
         "Abdel Fattah el-Sisi"),
        ("IND", "external affairs minister", "2019-05-29", "2019-05-30", "Sushma Swaraj",
         "S. Jaishankar"),
        ("ISR", "defence minister", "2024-11-06", "2024-11-07", "Yoav Gallant", "Israel Katz"),
        ("CAN", "prime minister", "2025-03-13", "2025-03-14", "Justin Trudeau", "Mark Carney"),
        ("KOR", "president", "2022-05-09", "2022-05-10", "Moon Jae-in", "Yoon Suk Yeol"),
    ],
)
def test_office_changes_hands_on_the_right_day(
    kb_b: KnowledgeBase, country: str, title: str, before: str, after: str, old: str, new: str
) -> None:
    assert _holder(kb_b, country, title, before) == old
    assert _holder(kb_b, country, title, after) == new


def test_aliases_and_transliterations_resolve(kb_b: KnowledgeBase) -> None:
    assert _role(kb_b, "Abu Mazen", "2010-05-01") == ("PSE", "GOV", "president")
    assert _role(kb_b, "MBS", "2016-01-01") == ("SAU", "GOV", "defence minister")
    assert _role(kb_b, "Mohammad bin Salman", "2023-01-01")[:2] == ("SAU", "GOV")
    assert _role(kb_b, "Ayatollah Ali Khamenei", "2009-06-20")[2] == "supreme leader"
    assert _role(kb_b, "Recep Tayyip Erdogan", "2014-08-27")[2] == "prime minister"
    assert _role(kb_b, "Erdoğan", "2014-08-28")[2] == "president"
    assert _role(kb_b, "Moammar Gadhafi", "2011-03-01") == ("LBY", "GOV", "head of state")


def test_armed_movements_switch_between_rebel_and_government(kb_b: KnowledgeBase) -> None:
    # Taliban: rebels until Kabul fell on 2021-08-15, the government from that day.
    assert _role(kb_b, "Hibatullah Akhundzada", "2021-08-14")[:2] == ("AFG", "REB")
    assert _role(kb_b, "Hibatullah Akhundzada", "2021-08-15")[:2] == ("AFG", "GOV")
    assert _role(kb_b, "Mullah Omar", "2000-01-01")[:2] == ("AFG", "GOV")
    assert _role(kb_b, "Mullah Omar", "2005-01-01")[:2] == ("AFG", "REB")
    # HTS leader known by his nom de guerre, head of state after Assad fled.
    assert _role(kb_b, "Jolani", "2024-12-07")[:2] == ("SYR", "REB")
    assert _role(kb_b, "Jolani", "2024-12-08")[:2] == ("SYR", "GOV")
    assert _role(kb_b, "Bashar al-Assad", "2024-12-07")[1] == "GOV"
    assert _role(kb_b, "Bashar al-Assad", "2024-12-08")[1] == "ELI"
    # Machar went from vice president to rebel leader and back.
    assert _role(kb_b, "Riek Machar", "2015-01-01")[:2] == ("SSD", "REB")
    assert _role(kb_b, "Riek Machar", "2021-01-01")[:2] == ("SSD", "GOV")


def test_hamas_and_hezbollah_leaders(kb_b: KnowledgeBase) -> None:
    assert _role(kb_b, "Ismail Haniyeh", "2007-06-13") == ("PSE", "GOV", "prime minister")
    assert _role(kb_b, "Ismail Haniyeh", "2007-06-14")[:2] == ("PSE", "PTY")
    assert _role(kb_b, "Hassan Nasrallah", "2024-09-26") == ("LBN", "REB", "secretary-general")
    assert _role(kb_b, "Hassan Nasrallah", "2024-09-27")[1] == "ELI"
    assert _role(kb_b, "Naim Qassem", "2024-10-29")[2] == "secretary-general"


def test_people_shared_with_part_a_merge_their_roles(kb_all: KnowledgeBase) -> None:
    (ban,) = kb_all.find("Ban Ki-moon")
    national, international = ban.role_on(_d("2005-06-01")), ban.role_on(_d("2010-06-01"))
    assert national is not None and (national.country, national.title) == ("KOR", "foreign minister")
    assert international is not None and international.country == "IGO"


def test_key_offices_have_one_holder_at_a_time() -> None:
    # Known real overlaps: acting heads (Temer, Olmert), Nicaragua's co-presidency and
    # Libya's rival governments (Bayda/Tobruk and Tripoli).
    allowed = {frozenset({"dilma-rousseff", "michel-temer"}),
               frozenset({"abdullah-al-thani", "fayez-al-sarraj"}),
               frozenset({"ariel-sharon", "ehud-olmert"}),
               frozenset({"daniel-ortega", "rosario-murillo"})}
    offices = {"president", "prime minister", "foreign minister", "defence minister",
               "king", "emir", "sultan", "supreme leader"}
    by_post: dict[tuple[str, str], list] = {}
    for row in read_rows(_part_b_path()):
        title = normalize_title(row.role.title)
        if row.role.sector == "GOV" and title in offices:
            by_post.setdefault((row.role.country, title), []).append(row)
    clashes = []
    for post, rows in by_post.items():
        for a, b in combinations(rows, 2):
            if a.person_id == b.person_id or frozenset({a.person_id, b.person_id}) in allowed:
                continue
            start = max(a.role.start or date.min, b.role.start or date.min)
            end = min(a.role.end or date.max, b.role.end or date.max)
            if (end - start).days > 14:  # month-precision starts may overlap by days
                clashes.append((post, a.person_id, b.person_id))
    assert clashes == []
