"""ACLED: every event and sub-event type mapped, precisions mapped, revisions versioned, bad rows accounted for."""

from __future__ import annotations

import io

from legation.domain.ontology import validate_type_and_modes
from legation.ingest.base import Reject
from legation.ingest.feeds.acled import read_acled, type_table
from legation.store.events import count_events, event_versions_of, get_event, query_events
from legation.store.imports import Feed, run_import
from tests.ingest.feeds.conftest import ACLED_SAMPLE, acled_rows, write_acled


def _records(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(read_acled(handle, str(path)))


def _by_sub(items):
    return {i.record["source_codes"]["sub_event_type"]: i.record for i in items}


def test_fixture_covers_every_event_and_sub_event_type():
    items = _records(ACLED_SAMPLE)
    assert not [i for i in items if isinstance(i, Reject)]
    seen = {(r.record["source_codes"]["event_type"].lower(), r.record["source_codes"]["sub_event_type"].lower())
            for r in items}
    assert seen == {k for k in type_table() if k[1]} and len(seen) == 25
    assert len({k[0] for k in seen}) == 6


def test_mapping_follows_the_issue_and_the_ontology():
    records = _by_sub(_records(ACLED_SAMPLE))
    strike = records["Air/drone strike"]  # the notes say "air/drone strike": drone added to aerial
    assert (strike["type"], strike["mode"]) == ("ASSAULT", ["aerial", "drone"])
    assert records["Shelling/artillery/missile attack"]["mode"] == ["heavy-weapons"]
    disrupted = records["Disrupted weapons use"]
    assert disrupted["type"] == "ASSAULT" and disrupted["mode"] == ["intercepted"]
    looting = records["Looting/property destruction"]  # a seizure of goods or land, not an attack on people
    assert (looting["type"], looting["mode"]) == ("COERCE", ["seize"])
    assert records["Peaceful protest"]["type"] == "PROTEST" and records["Mob violence"]["mode"] == ["riot"]
    assert records["Arrests"]["mode"] == ["arrest"]
    for record in records.values():
        validate_type_and_modes(record["type"], record["mode"])


def test_sides_clash_versus_one_sided():
    records = _by_sub(_records(ACLED_SAMPLE))
    clash = records["Armed clash"]
    assert [p["text"] for p in clash["actors"]] == ["Military Forces of Iraq (2022-)", "Islamic State (Iraq)"]
    assert clash["recipients"] == []
    attack = records["Attack"]
    assert attack["recipients"][0]["kind"] == "civilians" and attack["actors"][0]["kind"] == "armed_group"
    strike = records["Air/drone strike"]
    assert [p["text"] for p in strike["actors"]] == ["Islamic Resistance in Iraq", "Kataib Hezbollah"]


def test_precisions_and_codes():
    rows = {r["event_id_cnty"]: r for r in acled_rows()}
    items = {i.record["source_codes"]["event_id_cnty"]: i.record for i in _records(ACLED_SAMPLE)}
    for native, record in items.items():
        row = rows[native]
        assert record["location"]["precision"] == {"1": "city", "2": "city", "3": "admin1"}[row["geo_precision"]]
        assert record["source_codes"]["radius_km"] == {"1": 10, "2": 25, "3": 75}[row["geo_precision"]]
        date = record["date"]
        if row["time_precision"] == "1":
            assert (date["start"], date["end"], date["kind"]) == (row["event_date"], row["event_date"], "exact")
        else:
            assert date["kind"] == "range" and date["start"] <= row["event_date"] <= date["end"]
        assert record["location"]["country"] == "IRQ"
        assert record["evidence"]["sentence"] == row["notes"] and record["fatalities"] == int(row["fatalities"])
        assert record["evidence"]["row"] >= 2 and record["source"] == "acled"
    month = items["LGT9002"]["date"]
    assert (month["start"], month["end"], month["precision"]) == ("2023-10-01", "2023-10-31", "month")


def test_bad_rows_name_line_column_and_reason(tmp_path):
    rows = acled_rows()[:5]
    rows[1] = {**rows[1], "latitude": "north"}
    rows[2] = {**rows[2], "sub_event_type": "Space battle"}
    rows[3] = {**rows[3], "event_date": "someday"}
    items = _records(write_acled(tmp_path / "bad.csv", rows))
    rejects = [(r.line, r.column) for r in items if isinstance(r, Reject)]
    assert rejects == [(3, "latitude"), (4, "sub_event_type"), (5, "event_date")]


def test_missing_header_columns_is_one_clear_error(tmp_path):
    import pytest

    from legation.domain.errors import InputError

    path = tmp_path / "h.csv"
    path.write_text("event_id_cnty,event_date\nX1,2023-10-01\n")
    with pytest.raises(InputError, match="missing column.*event_type"):
        _records(path)


def test_revised_row_updates_its_event_and_keeps_the_earlier_version(store, tmp_path):
    rows = acled_rows()
    first = write_acled(tmp_path / "v1.csv", rows)
    feed = Feed("acled")

    def load(path):
        with open(path, encoding="utf-8", newline="") as handle:
            return run_import(store, read_acled(handle, str(path)), feed, file=str(path))

    assert load(first).imported == 25
    again = load(first)
    assert (again.imported, again.duplicates) == (0, 25)
    rows[0] = {**rows[0], "fatalities": "7", "notes": rows[0]["notes"] + " Revised: seven killed."}
    revised = load(write_acled(tmp_path / "v2.csv", rows))
    assert (revised.imported, revised.duplicates, revised.revised) == (1, 24, 1)
    with store.connect() as conn:
        assert count_events(conn) == 25
        (event,) = query_events(conn, text="Revised seven")
        assert event.fatalities == 7 and get_event(conn, event.id).fatalities == 7
        (version,) = event_versions_of(conn, event.id)
        assert version["record"]["fatalities"] == 0


def test_import_through_stream_counts_every_row(store):
    text = ACLED_SAMPLE.read_text(encoding="utf-8")
    text += text.splitlines()[1] + "\n"  # the first data row again: a duplicate in the same file
    counts = run_import(store, read_acled(io.StringIO(text), "s.csv"), Feed("acled"), file="s.csv")
    assert (counts.read, counts.imported, counts.duplicates, counts.rejected) == (26, 25, 1, 0)
