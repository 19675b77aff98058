"""Map points: the light read of events the map draws (same filters as query_events)."""

from __future__ import annotations

from legation.domain import Place, TimeSpan
from legation.store.events import upsert_events
from legation.store.map_points import event_points
from tests.factories import make_event


def test_points_keep_located_asserted_events_in_the_window(store):
    baghdad = Place(text="Baghdad", name="Baghdad", country="IRQ", lat=33.3, lon=44.4, precision="city")
    with store.begin() as conn:
        upsert_events(conn, [
            make_event(doc="in", location=baghdad),
            make_event(doc="negated", location=baghdad, negated=True),
            make_event(doc="unplaced", location=Place(text="somewhere")),
            make_event(doc="old", location=baghdad, date=TimeSpan(start="2023-01-01", kind="exact")),
        ])
    with store.connect() as conn:
        points = event_points(conn, since="2023-10-01", until="2023-10-31")
        assert [(p.type, p.lat, p.day) for p in points] == [("ASSAULT", 33.3, "2023-10-18")]
        assert event_points(conn, since="2023-10-01", until="2023-10-31", near=[(33.8, 42.44, 50)]) == []
        assert len(event_points(conn, since="2023-10-01", until="2023-10-31", near=[(33.31, 44.41, 5)])) == 1
        assert event_points(conn, since="2023-10-01", until="2023-10-31", near=[]) == []
