"""ACLED exports: the 31-column CSV (event_id_cnty ... timestamp) with a header row.

event_type/sub_event_type → PLOVER type and modes by `data/acled_types.csv` ("Disrupted weapons use" is kept as an
ASSAULT marked `intercepted`); geo_precision 1/2/3 → city/admin1/region; time_precision 1/2/3 → the day, the week
around it, the month. The event's id comes from event_id_cnty, so a re-import finds it and a revised row replaces
it (the store keeps the earlier version).
"""

from __future__ import annotations

import csv
from functools import lru_cache
from typing import IO, Iterator

from legation.domain.ontology import validate_type_and_modes
from legation.domain.records import Event, Evidence, Party, Place, TimeSpan
from legation.ingest.base import Reject
from legation.ingest.feeds.common import (DATA, BadField, FeedRecord, coordinates, country_alpha3, feed_event,
                                          integer, iso_date, read_csv_feed, row_id, shift, text)

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
           "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
           "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
           "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp")
ID_COLUMN = "event_id_cnty"
REQUIRED = ("event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "country",
            "latitude", "longitude", "geo_precision")
GEO_PRECISION = {1: "city", 2: "admin1", 3: "region"}
# inter codes (older exports: numbers; newer: labels) → the spec's party kinds.
INTER_KINDS = {"1": "military", "2": "armed_group", "3": "armed_group", "4": "armed_group", "5": "unknown",
               "6": "civilians", "7": "civilians", "8": "unknown", "state forces": "military",
               "rebel group": "armed_group", "political militia": "armed_group", "identity militia": "armed_group",
               "rioters": "unknown", "protesters": "civilians", "civilians": "civilians",
               "external/other forces": "unknown"}
CODE_COLUMNS = ("event_id_cnty", "event_type", "sub_event_type", "disorder_type", "inter1", "inter2", "interaction",
                "civilian_targeting", "geo_precision", "time_precision", "source", "source_scale", "tags",
                "timestamp", "admin2", "admin3", "region", "iso")


@lru_cache(maxsize=1)
def type_table() -> dict[tuple[str, str], tuple[str, list[str], str]]:
    """(event_type, sub_event_type) → (PLOVER type, modes, sides), lower-cased keys; checked against the ontology."""
    table = {}
    with open(DATA / "acled_types.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(line for line in handle if not line.startswith("#")):
            modes = [m for m in row["modes"].split("|") if m]
            validate_type_and_modes(row["type"], modes)
            table[(row["event_type"].lower(), row["sub_event_type"].lower())] = (row["type"], modes, row["sides"])
    return table


def _parties(name: str, associates: str, inter: str) -> list[Party]:
    if not name.strip():
        return []
    kind = INTER_KINDS.get(inter.strip().lower(), "unknown")
    parties = [Party(text=name.strip(), kind=kind)]
    parties += [Party(text=a.strip()) for a in associates.split(";") if a.strip()]
    return parties


def _when(row: dict[str, str]) -> TimeSpan:
    date = iso_date(row["event_date"], "event_date")
    precision = integer(row["time_precision"], "time_precision", required=True)
    if precision == 1:
        return TimeSpan(start=date, end=date, precision="day", kind="exact", text=row["event_date"])
    if precision == 2:
        return TimeSpan(start=shift(date, -3), end=shift(date, 3), precision="week", kind="range",
                        text=row["event_date"])
    if precision == 3:
        first = date[:8] + "01"
        last = shift(shift(first, 32)[:8] + "01", -1)
        return TimeSpan(start=first, end=last, precision="month", kind="range", text=row["event_date"])
    raise BadField("time_precision", f"must be 1, 2 or 3, not {row['time_precision']!r}")


def row_event(row: dict[str, str], line: int, doc: str, file: str) -> Event:
    """One ACLED row as an event; `BadField` names the column at fault."""
    native = row_id(row, ID_COLUMN)
    mapped = type_table().get((row["event_type"].strip().lower(), row["sub_event_type"].strip().lower()))
    if mapped is None:
        raise BadField("sub_event_type", f"unknown ACLED event/sub-event type {row['event_type']!r} / "
                                         f"{row['sub_event_type']!r}")
    event_type, modes, sides = mapped
    geo = integer(row["geo_precision"], "geo_precision", required=True)
    if geo not in GEO_PRECISION:
        raise BadField("geo_precision", f"must be 1, 2 or 3, not {row['geo_precision']!r}")
    lat, lon = coordinates(row["latitude"], row["longitude"], "latitude", "longitude")
    side1 = _parties(row["actor1"], row.get("assoc_actor_1", ""), row.get("inter1", ""))
    side2 = _parties(row.get("actor2", ""), row.get("assoc_actor_2", ""), row.get("inter2", ""))
    actors, recipients = (side1 + side2, []) if sides == "both" else (side1, side2)
    place = text(row.get("location"))
    return feed_event(
        "acled", native,
        doc=doc, type=event_type, mode=list(modes), actors=actors, recipients=recipients,
        location=Place(text=place, name=place, country=country_alpha3(row.get("iso"), row["country"]),
                       admin1=text(row.get("admin1")), lat=lat, lon=lon, precision=GEO_PRECISION[geo]),
        date=_when(row), fatalities=integer(row.get("fatalities", ""), "fatalities"),
        evidence=Evidence(sentence=(row.get("notes") or "").strip(), file=file, row=line),
        source_codes={c: row[c].strip() for c in CODE_COLUMNS if row.get(c, "").strip()},
    )


def read_acled(stream: IO[str], name: str) -> Iterator[FeedRecord | Reject]:
    """Rows of an ACLED export as records or rejects (line, column, reason)."""
    return read_csv_feed(stream, name, REQUIRED, ID_COLUMN, row_event)


# How the store keeps ACLED events (`legation.store.imports.Feed(**STORE_AS)`): one event per row, the last
# version of a revised row winning (the earlier one kept as a version).
STORE_AS = {"source": "acled"}
