"""ACLED exports: the CSV with a header row (today's 31 columns, or the older layouts), or the API's JSON pages.

The files users have: any of `,` `;` tab as delimiter, headers in any case, `NA`/`NULL` for "none" (R and SQL
exports), the older column names (`ally_actor_1`, `geo_precis`), event types without sub-event types (before
2019), dates as 2023-10-18, 18 October 2023, 18-October-2023 or day-first with a two-digit year ('31-12-19', the
century settled by the `year` column). `import acled` also reads the API's answers as saved: one page
(`{"data": [...]}`), a list of rows, or one page per line.

Mapping, as data (`data/acled_types.csv`, `data/acled_inter.csv`, `data/feed_precision.csv`): event_type and
sub_event_type → PLOVER type, modes and roles ("Disrupted weapons use" keeps the side whose weapon it was as actor);
inter codes → party kinds; geo_precision → place precision, radius and confidence; time_precision → the day, the
week around it, the month. The event's id comes from event_id_cnty, so a re-import finds it and a revised row
replaces it (the store keeps the earlier version).
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

from legation.domain.errors import InputError
from legation.domain.ontology import validate_type_and_modes
from legation.ingest.base import Reject
from legation.ingest.feeds.common import (
    DATA,
    FEED_CONFIDENCE,
    MISSING,
    BadField,
    FeedRecord,
    Notice,
    coded,
    coordinates,
    country_alpha3,
    feed_record,
    integer,
    iso_date,
    party,
    precision_codes,
    read_csv_feed,
    row_id,
    shift,
    text,
)

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
ID_COLUMN = "event_id_cnty"
REQUIRED = ("event_id_cnty", "event_date", "time_precision", "event_type", "actor1", "country", "latitude",
            "longitude", "geo_precision")
WANTED = ("sub_event_type", "year", "inter1", "actor2", "inter2", "location", "notes", "fatalities")
# Older layouts' names for today's columns.
ALIASES = {"ally_actor_1": "assoc_actor_1", "ally_actor_2": "assoc_actor_2", "geo_precis": "geo_precision",
           "event_id": "event_id_cnty"}
CODE_COLUMNS = ("event_id_cnty", "event_type", "sub_event_type", "disorder_type", "inter1", "inter2", "interaction",
                "civilian_targeting", "geo_precision", "time_precision", "source", "source_scale", "tags",
                "timestamp", "admin2", "admin3", "region", "iso")
_DAY_FIRST = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})")


@dataclass(frozen=True, slots=True)
class Mapping:
    type: str
    modes: tuple[str, ...]
    roles: str  # both, one or disrupted (see data/acled_types.csv)
    means: str | None
    mode_if: tuple[tuple[str, str], ...]  # (word in the notes, mode it adds)


@lru_cache(maxsize=1)
def type_table() -> dict[tuple[str, str], Mapping]:
    """(event_type, sub_event_type) → `Mapping`, lower-cased keys (sub_event_type '' for the older layouts' types);
    checked against the ontology."""
    table = {}
    with open(DATA / "acled_types.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            modes = tuple(m for m in row["modes"].split("|") if m)
            conditional = tuple(tuple(pair.split("=", 1)) for pair in row["mode_if"].split(";") if pair)
            validate_type_and_modes(row["type"], [*modes, *(m for _, m in conditional)])
            if row["roles"] not in ("both", "one", "disrupted"):
                raise ValueError(f"acled_types.csv: unknown roles {row['roles']!r}")
            table[(row["event_type"].lower(), row["sub_event_type"].lower())] = Mapping(
                row["type"], modes, row["roles"], row["means"] or None, conditional)  # type: ignore[arg-type]
    return table


@lru_cache(maxsize=1)
def inter_table() -> dict[str, tuple[str, bool]]:
    """inter code or label (lower case) → (party kind, whether this kind stops others' weapons)."""
    table = {}
    with open(DATA / "acled_inter.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            value = (row["kind"], row["stops"] == "yes")
            table[row["code"]] = table[row["label"]] = value
    return table


@lru_cache(maxsize=1024)
def _inter(value: str) -> tuple[str, bool]:
    value = value.strip().lower()
    if value.endswith(".0"):
        value = value[:-2]
    return inter_table().get(value, ("unknown", False))


def _parties(name: str, associates: str, kind: str) -> list[dict]:
    name = name.strip()
    if not name or name in MISSING:
        return []
    parties = [party(name, kind)]
    if associates:
        parties += [party(a.strip()) for a in associates.split(";") if a.strip() and a.strip() not in MISSING]
    return parties


@lru_cache(maxsize=8192)  # a file's dates repeat: each (date, year) is read once (a bad one raises each time)
def event_day(value: str, year: str) -> str:
    """The ISO day of an ACLED event_date. Day-first dates with a two-digit year ('31-12-19') are read with the
    century the row's `year` column gives (and must agree with it); other forms as `iso_date` reads them."""
    match = _DAY_FIRST.fullmatch(value.strip())
    if match is None:
        return iso_date(value, "event_date")
    day, month, short = (int(g) for g in match.groups())
    full = integer(year, "year") if year.strip() else None
    if len(match.group(3)) == 4:
        full_year = short
    elif full is not None:
        if full % 100 != short:
            raise BadField("event_date", f"{value!r} does not agree with year {full}")
        full_year = full
    else:
        raise BadField("event_date", f"two-digit year in {value!r} and no year column to settle its century")
    try:
        return dt.date(full_year, month, day).isoformat()
    except ValueError:
        raise BadField("event_date", f"is not a date: {value!r} (read day first)") from None


def _when(row: dict[str, str], day: str, precision: int) -> dict:
    said = row["event_date"]
    if precision == 1:
        return {"start": day, "end": day, "precision": "day", "kind": "exact", "text": said}
    if precision == 2:
        return {"start": shift(day, -3), "end": shift(day, 3), "precision": "week", "kind": "range", "text": said}
    first = day[:8] + "01"
    last = shift(shift(first, 32)[:8] + "01", -1)
    return {"start": first, "end": last, "precision": "month", "kind": "range", "text": said}


def _roles(mapping: Mapping, row: dict[str, str]) -> tuple[list[dict], list[dict]]:
    """(actors, recipients) by the mapping's roles."""
    kind1, stops1 = _inter(row.get("inter1", ""))
    kind2, stops2 = _inter(row.get("inter2", ""))
    side1 = _parties(row["actor1"], row.get("assoc_actor_1", ""), kind1)
    side2 = _parties(row.get("actor2", ""), row.get("assoc_actor_2", ""), kind2)
    if mapping.roles == "both":
        return side1 + side2, []
    if mapping.roles == "disrupted" and side2 and stops1 and not stops2:
        return side2, side1  # the interceptor is actor1: the one who fired or planted is the actor
    return side1, side2


def _modes(mapping: Mapping, notes: str) -> list[str]:
    modes = list(mapping.modes)
    if mapping.mode_if:
        lowered = notes.lower()
        modes += [m for word, m in mapping.mode_if if word in lowered and m not in modes]
    return modes


def _means(mapping: Mapping, notes: str) -> str | None:
    """The weapon in words: the mapping's, made precise by the notes for shelling ('rocket', 'missile', 'mortar',
    'artillery') and air strikes ('drone strike')."""
    if mapping.means == "shelling":
        lowered = notes.lower()
        for word in ("rocket", "missile", "mortar", "artillery"):
            if word in lowered:
                return f"{word} fire" if word in ("rocket", "mortar", "artillery") else "missile strike"
    if mapping.means == "air strike" and "drone" in _modes(mapping, notes):
        return "drone strike"
    return mapping.means


def row_record(row: dict[str, str], line: int, doc: str, file: str) -> dict:
    """One ACLED row as an event record; `BadField` names the column at fault."""
    native = row_id(row, ID_COLUMN)
    event_type, sub_type = row["event_type"].strip(), row.get("sub_event_type", "").strip()
    mapping = type_table().get((event_type.lower(), sub_type.lower()))
    if mapping is None:
        shown = f"{event_type!r} / {sub_type!r}" if sub_type else f"{event_type!r}"
        raise BadField("sub_event_type" if sub_type else "event_type", f"unknown ACLED event type {shown}")
    _, where = coded(row["geo_precision"], "geo_precision", precision_codes("acled", "geo_precision"))
    time_code, when = coded(row["time_precision"], "time_precision", precision_codes("acled", "time_precision"))
    day = event_day(row["event_date"], row.get("year", ""))
    lat, lon = coordinates(row["latitude"], row["longitude"], "latitude", "longitude")
    actors, recipients = _roles(mapping, row)
    notes = (row.get("notes") or "").strip()
    place = text(row.get("location"))
    codes = {c: v for c in CODE_COLUMNS if (v := row.get(c, "").strip())}
    if where.radius_km is not None:
        codes["radius_km"] = where.radius_km
    means = _means(mapping, notes)
    if means:
        codes["means"] = means
    return feed_record(
        "acled", native, confidence=FEED_CONFIDENCE * where.confidence * when.confidence,
        doc=doc, type=mapping.type, mode=_modes(mapping, notes), actors=actors, recipients=recipients,
        place={"text": place, "name": place, "country": country_alpha3(row.get("iso"), row["country"]),
               "admin1": text(row.get("admin1")), "lat": lat, "lon": lon, "precision": where.precision},
        date=_when(row, day, time_code), fatalities=integer(row.get("fatalities", ""), "fatalities"),
        evidence={"sentence": notes, "file": file, "row": line},
        source_codes=codes,
    )


def read_acled(stream: IO[str], name: str) -> Iterator[FeedRecord | Reject | Notice]:
    """Rows of an ACLED export (CSV, or the API's JSON) as records or rejects (line, column, reason)."""
    lines = iter(stream)
    first = next(lines, "")
    rest = itertools.chain([first], lines)
    if first.lstrip().startswith(("{", "[")):
        return read_csv_feed(stream, name, REQUIRED, ID_COLUMN, row_record, rows=_json_rows(rest, name))
    return read_csv_feed(rest, name, REQUIRED, ID_COLUMN, row_record, aliases=ALIASES,  # type: ignore[arg-type]
                         wanted=WANTED)


def _json_rows(lines: Iterator[str], name: str) -> Iterator[tuple[int, dict[str, str]] | Notice]:
    """The rows of saved API answers as (row number, {column: text}): one page `{"data": [...]}`, a list of rows,
    or one page (or row) per line. Numbers become their text, null and `NA` become empty."""
    content = "".join(lines)
    try:
        pages: list[Any] = [json.loads(content)]
    except json.JSONDecodeError as err:
        try:
            pages = [json.loads(line) for line in content.splitlines() if line.strip()]
        except json.JSONDecodeError:
            raise InputError(f"{name}: not valid JSON ({err.msg} at line {err.lineno}); ACLED's API answers "
                             "are read as saved: one page, a list of rows, or one page per line") from None
    rows: list[Any] = []
    for page in pages:
        if isinstance(page, dict) and "data" in page:
            if page.get("success") is False or not isinstance(page["data"], list):
                raise InputError(f"{name}: the API answered an error, not rows: "
                                 f"{str(page.get('error') or page.get('messages') or page['data'])[:200]}")
            rows += page["data"]
        elif isinstance(page, list):
            rows += page
        elif isinstance(page, dict):
            rows.append(page)
    if not rows:
        raise InputError(f"{name}: no ACLED rows in this JSON (want {{\"data\": [...]}} as the API answers)")
    header = {k.lower() for row in rows if isinstance(row, dict) for k in row}
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InputError(f"{name}: missing field(s) {', '.join(missing)} in the JSON rows")
    absent = [c for c in WANTED if c not in header]
    if absent:
        yield Notice(f"{name}: no field(s) {', '.join(absent)}; read without them")
    for number, row in enumerate(rows, 1):
        if not isinstance(row, dict):
            continue
        values = {k.lower(): ("" if v is None else str(v)) for k, v in row.items()}
        for column in REQUIRED:
            values.setdefault(column, "")
        yield number, {k: ("" if v.strip() in MISSING else v) for k, v in values.items()}


# How the store keeps ACLED events (`legation.store.imports.Feed(**STORE_AS)`): one event per row, the last
# version of a revised row winning (the earlier one kept as a version).
STORE_AS = {"source": "acled"}
