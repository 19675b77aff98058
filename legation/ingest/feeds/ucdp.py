"""UCDP Georeferenced Event Dataset (GED) CSV: one row per event, sides A and B, deaths best/low/high.

As published, including the HDX extracts of several GED versions: the second row may be an HXL tag row
(#date+year, ...: skipped, not counted); whole numbers may be written as floats ('6.0', pandas); dates may carry a
time ('2023-10-18 00:00:00.000'); columns come in each version's order, with extra ones ignored and absent optional
ones named once in a notice; `NA` reads as empty. where_prec 1–7 and date_prec 1–5 map to the spec's precisions,
a radius and a confidence factor (`data/feed_precision.csv`); an unclear event (event_clarity 2) is less certain
still. The source headline is kept as the evidence sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from legation.ingest.base import Reject
from legation.ingest.feeds import common

REQUIRED = ("id", "type_of_violence", "side_a", "side_b", "where_prec", "latitude", "longitude", "date_prec",
            "date_start", "date_end", "best", "country")
WANTED = ("source_headline", "where_coordinates", "adm_1", "iso3", "low", "high", "event_clarity")
# date_prec: 1 the day, 2 within 2–6 days, 3 the week, 4 the month, 5 more than a month.
DATE_PRECISION = {1: "day", 2: "days", 3: "week", 4: "month", 5: "year"}
UNCLEAR = 0.8  # event_clarity 2: UCDP is not sure the event happened as coded
VIOLENCE = {1: "state-based", 2: "non-state", 3: "one-sided"}
CODE_COLUMNS = ("conflict_name", "dyad_name", "event_clarity", "number_of_sources", "source_article",
                "source_office", "source_date", "source_original", "adm_2", "priogrid_gid", "where_coordinates")


def _side(name: str) -> dict | None:
    name = name.strip()
    if not name:
        return None
    lowered = name.lower()
    kind = ("government" if lowered.startswith("government of") else
            "civilians" if lowered == "civilians" else "armed_group")
    return common.party(name, kind)


def row_record(row: dict[str, str], line: int, doc: str, file: str) -> dict:
    """One GED row as an event record; `BadField` names the column at fault."""
    native = common.row_id(row, "id")
    violence = common.integer(row["type_of_violence"], "type_of_violence", required=True)
    if violence not in VIOLENCE:
        raise common.BadField("type_of_violence", f"must be 1, 2 or 3, not {row['type_of_violence']!r}")
    where, place_code = common.coded(row["where_prec"], "where_prec", common.precision_codes("ucdp", "where_prec"))
    when, date_code = common.coded(row["date_prec"], "date_prec", common.precision_codes("ucdp", "date_prec"))
    clarity = common.integer(row.get("event_clarity", ""), "event_clarity")
    start, end = common.iso_date(row["date_start"], "date_start"), common.iso_date(row["date_end"], "date_end")
    if end < start:
        raise common.BadField("date_end", f"is before date_start ({end} < {start})")
    lat, lon = common.coordinates(row["latitude"], row["longitude"], "latitude", "longitude")
    deaths = {k: common.integer(row.get(k, ""), k) for k in ("best", "low", "high", "deaths_a", "deaths_b",
                                                       "deaths_civilians", "deaths_unknown")}
    if deaths["best"] is None:
        raise common.BadField("best", "is empty")
    a, b = _side(row["side_a"]), _side(row["side_b"])
    actors, recipients = ([p for p in (a, b) if p], []) if violence != 3 else ([a] if a else [], [b] if b else [])
    place = common.text(row.get("where_coordinates")) or common.text(row.get("adm_1"))
    codes = {"type_of_violence": violence, "violence": VIOLENCE[violence], "where_prec": where, "date_prec": when,
             "deaths": {"best": deaths["best"], "low": deaths["low"], "high": deaths["high"]},
             "deaths_a": deaths["deaths_a"], "deaths_b": deaths["deaths_b"],
             "deaths_civilians": deaths["deaths_civilians"], "deaths_unknown": deaths["deaths_unknown"],
             "ucdp_id": native, **{c: v for c in CODE_COLUMNS if (v := row.get(c, "").strip())}}
    if place_code.radius_km is not None:
        codes["radius_km"] = place_code.radius_km
    unclear = UNCLEAR if clarity == 2 else 1
    confidence = common.FEED_CONFIDENCE * place_code.confidence * date_code.confidence * unclear
    return common.feed_record(
        "ucdp", native, confidence=confidence,
        doc=doc, type="ASSAULT", mode=[], actors=actors, recipients=recipients,
        place={"text": place, "name": place,
               "country": common.text(row.get("iso3")) or common.country_alpha3(None, row["country"]),
               "admin1": common.text(row.get("adm_1")), "lat": lat, "lon": lon, "precision": place_code.precision},
        date={"start": start, "end": end, "precision": DATE_PRECISION[when],
              "kind": "exact" if when == 1 and start == end else "range"},
        fatalities=deaths["best"],
        evidence={"sentence": (row.get("source_headline") or "").strip(), "file": file, "row": line},
        source_codes=codes,
    )


def read_ucdp(stream: IO[str], name: str) -> Iterator[common.FeedRecord | Reject | common.Notice]:
    """Rows of a GED CSV as records or rejects (line, column, reason); the tag row is skipped."""
    return common.read_csv_feed(stream, name, REQUIRED, "id", row_record, skip_tag_row=True, wanted=WANTED)


# How the store keeps UCDP events (`legation.store.imports.Feed(**STORE_AS)`): one event per row, the last
# version of a revised row winning (the earlier one kept as a version).
STORE_AS = {"source": "ucdp"}
