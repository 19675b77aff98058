"""UCDP GED: sides, deaths, precisions, headline as evidence; the tag row skipped; every real row accounted for."""

from __future__ import annotations

import io

from legation.ingest.base import Reject
from legation.ingest.feeds.common import Notice
from legation.ingest.feeds.ucdp import read_ucdp
from legation.store.imports import Feed, run_import

HEADER = ("id,year,type_of_violence,side_a,side_b,source_headline,where_prec,where_coordinates,adm_1,latitude,"
          "longitude,country,iso3,date_prec,date_start,date_end,deaths_a,deaths_b,deaths_civilians,deaths_unknown,"
          "low,best,high")
TAGS = (",#date+year,,#group+name+first,#group+name+second,#description,,#loc+name,#adm1+name,#geo+lat,#geo+lon,"
        ",,,,,,,,,,,")
ROWS = [
    "501,2023,3,Islamic State,Civilians,Gunmen kill four villagers,1,Al Hadar village,Ninawa province,35.57,42.72,"
    "Iraq,IRQ,1,2023-10-18,2023-10-18,0,0,4,0,4,4,5",
    "502,2023,1,Government of Iraq,IS,Clashes near Tarmiyah,4,Salah ad Din province,Salah ad Din province,34.5,43.9,"
    "Iraq,IRQ,3,2023-10-10,2023-10-16,1,2,0,0,3,3,6",
    "503,2023,9,Government of Iraq,IS,Bad type,1,X,Y,34.5,43.9,Iraq,IRQ,1,2023-10-10,2023-10-10,0,0,0,0,0,0,0",
]


def _items(text):
    return [i for i in read_ucdp(io.StringIO(text), "ged.csv") if not isinstance(i, Notice)]


def test_rows_map_sides_deaths_and_precision():
    items = _items("\n".join([HEADER, TAGS, *ROWS[:2]]) + "\n")
    one_sided, battle = (i.record for i in items)
    assert [p["text"] for p in one_sided["actors"]] == ["Islamic State"]
    assert one_sided["recipients"][0]["kind"] == "civilians"
    assert one_sided["source_codes"]["deaths"] == {"best": 4, "low": 4, "high": 5} and one_sided["fatalities"] == 4
    assert one_sided["location"]["precision"] == "city" and one_sided["date"]["kind"] == "exact"
    assert one_sided["evidence"]["sentence"] == "Gunmen kill four villagers"
    assert one_sided["evidence"]["row"] == 3  # line 3 of the file: the tag row is skipped, not counted
    assert [p["kind"] for p in battle["actors"]] == ["government", "armed_group"] and battle["recipients"] == []
    assert battle["location"]["precision"] == "admin1"
    assert (battle["date"]["start"], battle["date"]["end"], battle["date"]["precision"]) == ("2023-10-10",
                                                                                             "2023-10-16", "week")


def test_bad_type_of_violence_is_rejected():
    items = _items("\n".join([HEADER, *ROWS]) + "\n")
    (bad,) = [i for i in items if isinstance(i, Reject)]
    assert (bad.line, bad.column) == (4, "type_of_violence")


def test_real_file_every_row_accounted_for(shared, store):
    from legation.ingest.feeds.common import open_feed

    path = shared / "data" / "ucdp" / "conflict_data_irq.csv"
    with open_feed(path) as opened:
        counts = run_import(store, read_ucdp(opened.stream, opened.name), Feed("ucdp"), file=opened.name)
    assert counts.read == 7473
    assert counts.imported + counts.duplicates + counts.rejected == 7473
    assert counts.imported == counts.events_added
    with open_feed(path) as opened:
        again = run_import(store, read_ucdp(opened.stream, opened.name), Feed("ucdp"), file=opened.name)
    assert (again.read, again.imported, again.duplicates) == (7473, 0, counts.imported)
