"""Full-text search reads its matches newest first and stops at the page (migration 0016_event_fts_by_day): the
same events in the same order as sorting every match by date, on every path that writes, revises or deletes."""

from __future__ import annotations

import sqlalchemy as sa

from legation.domain.records import Evidence, Place, TimeSpan
from legation.store.events import encode_record, fts_key, insert_records, query_events, upsert_events
from tests.factories import make_event

BAGHDAD = Place(text="Baghdad", name="Baghdad", country="IRQ", lat=33.31, lon=44.37, precision="city")
BASRA = Place(text="Basra", name="Basra", country="IRQ", lat=30.51, lon=47.78, precision="city")


def _event(doc: str, day: str | None, sentence: str = "A drone struck the base.", where: Place = BAGHDAD):
    date = TimeSpan(start=day, end=day, precision="day", kind="exact") if day else TimeSpan()
    return make_event(doc=doc, date=date, location=where,
                      evidence=Evidence(sentence=sentence, start=0, end=len(sentence)))


def _by_date(events) -> list[str]:
    """The order a search promises: newest day first, undated last, the later stored first within a day."""
    return [e.doc for e in events]


def test_matches_come_newest_first_with_undated_last_whatever_order_they_were_stored_in(store):
    days = ["2023-10-05", None, "1965-03-08", "2023-10-20", "2023-10-05", "2024-01-01"]
    with store.begin() as conn:
        upsert_events(conn, [_event(f"d{i}", day) for i, day in enumerate(days)])
        upsert_events(conn, [_event("other", "2023-12-01", "Protesters gathered at the gate.")])
        found = query_events(conn, text="drone")
        page = query_events(conn, text="drone", limit=2, offset=1)
        until = query_events(conn, text="drone", until="2023-10-20")
        since = query_events(conn, text="drone base", since="2023-10-06")
    assert _by_date(found) == ["d5", "d3", "d4", "d0", "d2", "d1"]  # d4 after d0 on the same day: stored later
    assert _by_date(page) == ["d3", "d4"]
    assert _by_date(until) == ["d3", "d4", "d0", "d2"]  # undated: no day to be before `until`
    assert _by_date(since) == ["d5", "d3"]


def test_a_revised_date_or_sentence_moves_the_event_in_the_index_and_a_deleted_one_leaves_it(store):
    with store.begin() as conn:
        upsert_events(conn, [_event("a", "2023-10-01"), _event("b", "2023-10-02")])
        upsert_events(conn, [_event("a", "2023-10-09")])  # same id (same sentence), a later day
        assert _by_date(query_events(conn, text="drone")) == ["a", "b"]
        upsert_events(conn, [_event("b", "2023-10-02", "A rocket hit the base.")])  # same id: same doc and offset
        assert _by_date(query_events(conn, text="drone")) == ["a"]
        assert _by_date(query_events(conn, text="rocket")) == ["b"]
        conn.execute(sa.text("DELETE FROM events WHERE doc = 'a'"))
        assert query_events(conn, text="drone") == []
        check = conn.exec_driver_sql("INSERT INTO event_fts(event_fts, rank) VALUES ('integrity-check', 1)")
        assert check.rowcount in (-1, 1)  # raises when the index and its content disagree


def test_a_bulk_import_is_searchable_in_the_same_order(store):
    events = [_event(f"bulk-{i}", f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}", f"Mortar round {i} hit the camp.")
              for i in range(600)]  # over the bulk path's threshold: its index rows are written after the batch
    with store.begin() as conn:
        insert_records(conn, [(e.to_dict(), *encode_record(e.to_dict())) for e in events])
        found = query_events(conn, text="mortar camp", limit=25)
        near = query_events(conn, text="mortar", near=(33.31, 44.37, 10), since="2023-12-01", limit=5)
    expected = sorted(events, key=lambda e: (e.date.start, events.index(e)), reverse=True)
    assert _by_date(found) == _by_date(expected[:25])
    assert _by_date(near) == _by_date([e for e in expected if e.date.start >= "2023-12-01"][:5])


def test_a_search_near_a_point_starts_from_the_words_and_keeps_only_the_box(store):
    with store.begin() as conn:
        upsert_events(conn, [_event("bgd-old", "2023-01-01"), _event("bsr-new", "2023-11-01", where=BASRA),
                             _event("bgd-new", "2023-10-01")])
        found = query_events(conn, text="drone", near=(33.31, 44.37, 25))
    assert _by_date(found) == ["bgd-new", "bgd-old"]


def test_the_python_key_is_the_one_the_database_writes(store):
    with store.begin() as conn:
        upsert_events(conn, [_event("k1", "2023-10-18"), _event("k2", None), _event("k3", "1901-07-04")])
        rows = conn.exec_driver_sql("SELECT e.date_start, e.pk, k.key FROM events e JOIN event_text k "
                                    "ON k.key & 4294967295 = e.pk").all()
        stored = {r[0] for r in conn.exec_driver_sql("SELECT rowid FROM event_fts WHERE event_fts MATCH 'drone'")}
    assert len(rows) == 3
    assert all(fts_key(day, pk) == key for day, pk, key in rows)
    assert stored == {key for _, _, key in rows}


def test_near_a_point_the_box_ranks_newest_first_and_a_page_reads_on_past_filtered_events(store):
    # 60 negated events on the newest days fill the first step the box hands over (4 × page + 16 = 36 for a page of
    # 5): the page must still come, from the older events below them.
    hidden = [make_event(doc=f"neg-{i}", negated=True, location=BAGHDAD,
                         date=TimeSpan(start=f"2023-11-{1 + i % 28:02d}", kind="exact")) for i in range(60)]
    shown = [_event(f"e{i}", f"2023-10-{10 + i:02d}") for i in range(8)] + [_event("undated", None)]
    corner = Place(text="box corner", lat=33.31 + 0.085, lon=44.37 + 0.10, precision="site")  # in the box, 14 km out
    with store.begin() as conn:
        upsert_events(conn, [*hidden, *shown, _event("corner", "2023-12-01", where=corner)])
        first = query_events(conn, near=(33.31, 44.37, 10), limit=5)
        rest = query_events(conn, near=(33.31, 44.37, 10), limit=5, offset=5)
        everything = query_events(conn, near=(33.31, 44.37, 10))
        windowed = query_events(conn, near=(33.31, 44.37, 10), since="2023-10-15", until="2023-10-16", records=True)
    assert _by_date(first) == ["e7", "e6", "e5", "e4", "e3"]
    assert _by_date(rest) == ["e2", "e1", "e0", "undated"]
    assert _by_date(everything) == [*_by_date(first), *_by_date(rest)]
    assert [r["doc"] for r in windowed] == ["e6", "e5"]  # as records: the stored dicts
