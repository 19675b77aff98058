"""The events' R*Tree holds days beside positions (migration 0009): "near here, in these days" stays exact, on
every path that writes events."""

from __future__ import annotations

import datetime as dt

from legation.domain.records import Place, TimeSpan
from legation.store.events import encode_record, events_near, insert_records, upsert_events
from tests.factories import make_event

BASE = (33.80, 42.44)


def _event(day: str, end: str | None = None, doc: str | None = None):
    return make_event(doc=doc or f"rt-{day}-{end}", location=Place(text="Ain al-Asad", country="IRQ", lat=BASE[0],
                                                                  lon=BASE[1], precision="site"),
                      date=TimeSpan(start=day, end=end or day, precision="day", kind="exact"))


def _days(store) -> dict[str, tuple[float, float]]:
    with store.connect() as conn:
        rows = conn.exec_driver_sql("SELECT e.date_start, r.min_day, r.max_day FROM event_rtree r "
                                    "JOIN events e ON e.pk = r.pk").all()
    return {start: (lo, hi) for start, lo, hi in rows}


def test_a_date_window_keeps_only_its_days(store):
    with store.begin() as conn:
        upsert_events(conn, [_event("2023-09-01"), _event("2023-10-20"), _event("2023-10-10", "2023-10-30"),
                             _event("2023-11-05")])
        found = events_near(conn, *BASE, 5, since="2023-10-15", until="2023-10-25")
    assert sorted(e.date.start for e in found) == ["2023-10-10", "2023-10-20"]  # the span overlaps the window
    epoch = dt.date(1970, 1, 1)
    assert _days(store)["2023-10-10"] == ((dt.date(2023, 10, 10) - epoch).days, (dt.date(2023, 10, 30) - epoch).days)


def test_the_bulk_path_writes_the_same_days(store):
    events = [_event(f"2023-10-{d:02d}", doc=f"bulk-{d}-{i}") for i in range(20) for d in range(1, 31)]
    with store.begin() as conn:
        insert_records(conn, [(e.to_dict(), *encode_record(e.to_dict())) for e in events])
        found = events_near(conn, *BASE, 5, since="2023-10-29", until="2023-10-30")
    assert len(found) == 40 and {e.date.start for e in found} == {"2023-10-29", "2023-10-30"}
    epoch = dt.date(1970, 1, 1)
    assert _days(store)["2023-10-29"] == ((dt.date(2023, 10, 29) - epoch).days,) * 2


def test_an_event_without_a_day_spans_every_day(store):
    undated = make_event(doc="undated", location=Place(text="Ain al-Asad", country="IRQ", lat=BASE[0], lon=BASE[1],
                                                       precision="site"), date=TimeSpan())
    with store.begin() as conn:
        upsert_events(conn, [undated])
        everything = events_near(conn, *BASE, 5)
        windowed = events_near(conn, *BASE, 5, since="2023-10-01")
    assert [e.doc for e in everything] == ["undated"]
    assert windowed == []  # no date: the query's own date filter leaves it out
    assert list(_days(store).values()) == [(-1e7, 1e7)]
