"""GDELT 2.0: codes kept as strings, CAMEO → PLOVER, one event per reported happening, every row accounted for."""

from __future__ import annotations

import io

from legation.domain.ids import stable_id
from legation.domain.records import Event
from legation.ingest.base import Reject
from legation.ingest.feeds.cameo import load_conversion_table, load_own
from legation.ingest.feeds.gdelt import STORE_AS, Report, combine, event_id_of, incident_key, read_gdelt
from legation.store.events import count_events, get_event, query_events
from legation.store.imports import Feed, run_import
from tests.ingest.feeds.conftest import gdelt_row


def _read(text: str):
    return list(read_gdelt(io.StringIO(text), "t.export.CSV", load_own()))


def _import(store, text: str, **kwargs):


    return run_import(store, read_gdelt(io.StringIO(text), "t.export.CSV", load_own()),
                      Feed(**STORE_AS), file="t.export.CSV", **kwargs)


def test_row_becomes_the_spec_shape_with_feed_codes():
    (item,) = _read(gdelt_row(1001, code="0251") + "\n")
    record = item.record
    assert Event.from_dict(record).to_dict() == record  # exactly the shape Event gives
    assert record["type"] == "REQUEST" and record["mode"] == ["yield"]
    assert record["source_codes"]["cameo"] == "0251" and record["source_codes"]["cameo_root"] == "02"
    assert record["source_codes"]["goldstein"] == -10.0 and record["source_codes"]["num_mentions"] == 6
    assert record["source_codes"]["source_url"] == "https://news.example/a"
    assert record["location"]["country"] == "IRQ" and record["location"]["precision"] == "city"
    assert record["evidence"]["file"] == "t.export.CSV" and record["evidence"]["row"] == 1
    assert record["actors"][0]["kind"] == "state" and record["recipients"][0]["kind"] == "military"


def test_aerial_and_drone_codes_map_to_assault_modes():
    aerial, drone, shell = (_read(gdelt_row(n, code=c) + "\n")[0].record for n, c in
                            ((1, "195"), (2, "1952"), (3, "194")))
    assert (aerial["type"], aerial["mode"]) == ("ASSAULT", ["aerial"])
    assert (drone["type"], drone["mode"]) == ("ASSAULT", ["drone"])
    assert shell["mode"] == ["heavy-weapons"]


def test_action_geo_type_gives_the_precision():
    by_type = {t: _read(gdelt_row(1, geo_type=t) + "\n")[0].record["location"]["precision"] for t in "12345"}
    assert by_type == {"1": "country", "2": "admin1", "3": "city", "4": "city", "5": "admin1"}


def test_fast_id_is_the_project_stable_id():
    fields = gdelt_row(7, feature="").split("\t")
    assert event_id_of(fields) == stable_id("event", "gdelt", incident_key(fields))


def test_bad_rows_are_rejected_with_line_column_and_reason():
    text = "\n".join([gdelt_row(1), "short\trow", gdelt_row(3, date="2023XX18"), gdelt_row(4, code="010"),
                      gdelt_row(5, lat="95")]) + "\n"
    items = _read(text)
    rejects = [(i.line, i.column) for i in items if isinstance(i, Reject)]
    assert rejects == [(2, "row"), (3, "SQLDATE"), (4, "EventCode"), (5, "ActionGeo_Lat")]
    assert "public statement" in [i for i in items if isinstance(i, Reject)][2].reason


def test_a_later_report_of_a_known_event_is_checked_like_any_row():
    text = "\n".join([gdelt_row(1), gdelt_row(2, code="010"), gdelt_row(3, lat="33.3386", lon="444"),
                      "x" + gdelt_row(4), gdelt_row(5)]) + "\n"
    items = _read(text)
    assert [(i.line, i.column) for i in items if isinstance(i, Reject)] == [(2, "EventCode"), (3, "ActionGeo_Long"),
                                                                          (4, "GLOBALEVENTID")]
    assert [i.event_id for i in items if not isinstance(i, Reject)] == [items[0].event_id] * 2


def test_reports_of_one_happening_collapse_into_one_event(store):
    rows = [gdelt_row(1, url="https://a.example/1"), gdelt_row(2, url="https://b.example/2"),
            gdelt_row(3, code="193"),  # same day, actors, root 19 and place: the same event
            gdelt_row(4, date="20231019")]  # another day: another event
    counts = _import(store, "\n".join(rows) + "\n")
    assert (counts.read, counts.imported, counts.duplicates, counts.rejected) == (4, 4, 0, 0)
    with store.connect() as conn:
        assert count_events(conn) == 2
        (event,) = [e for e in query_events(conn) if e.date.start == "2023-10-18"]
    codes = event.source_codes
    assert codes["global_event_ids"] == ["1", "2", "3"] and codes["reports"] == 3
    assert codes["num_mentions"] == 18
    assert codes["source_urls"] == ["https://a.example/1", "https://b.example/2", "https://news.example/a"]


def test_later_rows_carry_only_a_report_and_a_first_row_read_again_counts_once():
    first, later = (item.record for item in _read(gdelt_row(1) + "\n" + gdelt_row(2, url="https://b.example/2") + "\n"))
    assert isinstance(later, Report) and later.row_id == "2" and later.num_mentions == 6
    again = _read(gdelt_row(3) + "\n")[0].record  # a full record (another run): merged as one more report
    codes = combine(None, [first, later, again])["source_codes"]
    assert codes["global_event_ids"] == ["1", "2", "3"] and codes["reports"] == 3 and codes["num_mentions"] == 18
    assert codes["source_urls"] == ["https://news.example/a", "https://b.example/2"]


def test_reimport_is_all_duplicates_and_a_later_report_joins_its_event(store):
    first = "\n".join([gdelt_row(1), gdelt_row(2, date="20231019")]) + "\n"
    _import(store, first)
    again = _import(store, first)
    assert (again.imported, again.duplicates, again.events_added, again.events_updated) == (0, 2, 0, 0)
    later = _import(store, gdelt_row(9) + "\n")  # a later file reports the first event again
    assert (later.imported, later.duplicates, later.events_updated) == (1, 0, 1)
    with store.connect() as conn:
        assert count_events(conn) == 2
        event_id = event_id_of(gdelt_row(9).split("\t"))
        assert get_event(conn, event_id).source_codes["global_event_ids"] == ["1", "9"]
        from legation.store.events import event_versions_of
        assert event_versions_of(conn, event_id) == []  # a report joining its event is no revision


def test_every_globaleventid_is_kept_though_the_record_lists_the_first_ten(store):
    from legation.store.imports import rows_of_event

    counts = _import(store, "\n".join(gdelt_row(n) for n in range(1, 151)) + "\n", batch_size=40)
    assert (counts.imported, counts.events_added) == (150, 1)
    again = _import(store, gdelt_row(150) + "\n" + gdelt_row(151) + "\n")
    assert (again.imported, again.duplicates) == (1, 1)
    with store.connect() as conn:
        (event,) = query_events(conn)
        assert event.source_codes["reports"] == 151 and len(event.source_codes["global_event_ids"]) == 10
        assert rows_of_event(conn, event.id) == [str(n) for n in range(1, 152)]


def test_rows_of_one_event_split_across_batches_still_collapse(store):
    counts = _import(store, "\n".join(gdelt_row(n) for n in range(1, 8)) + "\n", batch_size=3)
    assert counts.imported == 7
    with store.connect() as conn:
        (event,) = query_events(conn)
    assert event.source_codes["reports"] == 7


def test_real_file_every_row_accounted_for(shared, store):
    path = shared / "data" / "gdelt" / "20180326044500.export.CSV"
    from legation.ingest.feeds.common import open_feed


    with open_feed(path) as opened:
        counts = run_import(store, read_gdelt(opened.stream, opened.name, load_own()),
                            Feed(**STORE_AS), file=opened.name)
    assert counts.read == 1540
    assert counts.imported + counts.duplicates + counts.rejected == counts.read
    assert counts.imported > 1300 and counts.events_added < counts.imported  # some reports collapsed
    with store.connect() as conn:
        events = query_events(conn)
        stored_ids = sum(len(e.source_codes["global_event_ids"]) for e in events)
    assert stored_ids == counts.imported  # every imported row's GLOBALEVENTID is kept, once
    codes = {e.source_codes["cameo"] for e in events}
    assert all(isinstance(c, str) for c in codes) and any(c.startswith("0") for c in codes)


def test_the_public_conversion_table_can_be_read_at_run_time(shared):
    table = load_conversion_table(shared / "data" / "plover" / "CAMEO2PLOVER-2021.txt")
    assert table.lookup("193").type == "ASSAULT" and table.lookup("193").mode == ("firearms",)
    assert table.lookup("0841").type == "RETREAT" and table.lookup("0841").mode == ("release",)
    assert table.lookup("1831").mode == ("suicide-attack",)
    assert table.lookup("010").type is None  # not in the table: our own root mapping applies


def test_own_table_maps_every_cameo_root():
    own = load_own()
    for root in range(2, 21):
        assert own.lookup(f"{root:02d}").type is not None, root
    assert own.lookup("145").mode == ("riot",) and own.lookup("1451").mode == ("riot",)
