"""Map points: the light read of events the map draws (same filters as query_events)."""

from __future__ import annotations

import pytest

from legation.domain import Place, TimeSpan
from legation.store.events import upsert_events
from legation.store.map_points import map_rows
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
        rows = map_rows(conn, since="2023-10-01", until="2023-10-31")
        assert [(kind, lat, day) for _, kind, lat, _, day in rows] == [("ASSAULT", 33.3, "2023-10-18")]
        assert map_rows(conn, since="2023-10-01", until="2023-10-31", near=[(33.8, 42.44, 50)]) == []
        assert len(map_rows(conn, since="2023-10-01", until="2023-10-31", near=[(33.31, 44.41, 5)])) == 1


def test_map_rows_are_the_points_in_row_order_and_each_row_number_finds_its_event(store):
    from legation.store.map_points import event_id_at

    baghdad = Place(text="Baghdad", name="Baghdad", country="IRQ", lat=33.3, lon=44.4, precision="city")
    erbil = Place(text="Erbil", name="Erbil", country="IRQ", lat=36.19, lon=44.01, precision="city")
    events = [make_event(doc="a", location=baghdad), make_event(doc="b", type="PROTEST", mode=["demo"], location=erbil),
              make_event(doc="hypothetical", location=baghdad, hypothetical=True)]
    with store.begin() as conn:
        upsert_events(conn, events)
    with store.connect() as conn:
        rows = map_rows(conn, since="2023-10-01", until="2023-10-31")
        assert [(kind, lat, day) for _, kind, lat, _, day in rows] == [("ASSAULT", 33.3, "2023-10-18"),
                                                                         ("PROTEST", 36.19, "2023-10-18")]
        assert [event_id_at(conn, row[0]) for row in rows] == [events[0].id, events[1].id]
        assert event_id_at(conn, 10_000) is None
        near = map_rows(conn, since="2023-10-01", until="2023-10-31", near=[(36.2, 44.0, 10)])
        assert [row[1] for row in near] == ["PROTEST"]
        assert map_rows(conn, since="2023-10-01", until="2023-10-17") == []
        assert map_rows(conn, since="2023-10-01", until="2023-10-31", near=[]) == []


def test_event_links_give_report_incident_and_claims(store):
    from legation.domain import Party
    from legation.domain.records import Report
    from legation.store.incidents import refresh
    from legation.store.map_points import event_links
    from legation.store.reports import upsert_report

    text = "A rocket hit the airport. The Brigade said it fired it."
    report = Report(text=text, source="test")
    place = Place(text="Baghdad", name="Baghdad", country="IRQ", lat=33.3, lon=44.4, precision="city")
    hit = make_event(doc="r", report_id=report.id, location=place)
    claim = make_event(doc="r", report_id=report.id, type="CLAIM", mode=[], location=place,
                       actors=[Party(text="The Brigade", name="The Brigade", kind="armed_group")])
    with store.begin() as conn:
        upsert_report(conn, report)
        upsert_events(conn, [hit, claim])
        refresh(conn)
    with store.connect() as conn:
        links = event_links(conn, [hit.id, "no-such-event", hit.id])
    assert list(links) == [hit.id]
    found = links[hit.id]
    assert found["report_id"] == report.id and found["incident_id"] and found["type"] == "ASSAULT"
    assert [(c["claim_id"], c["claimant"], c["report_id"]) for c in found["claims"]] == \
        [(claim.id, "The Brigade", report.id)]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_map_rows_read_the_same_on_both_databases(backend, request):
    """The rows come straight from the driver's cursor: SQLite's and psycopg's parameter styles both work."""
    store = request.getfixturevalue("store" if backend == "sqlite" else "pg_store")
    place = Place(text="Basra", name="Basra", country="IRQ", lat=30.51, lon=47.78, precision="city")
    event = make_event(doc="both", location=place)
    with store.begin() as conn:
        upsert_events(conn, [event])
    with store.connect() as conn:
        rows = map_rows(conn, since="2023-10-01", until="2023-10-31", near=[(30.5, 47.8, 20)])
    assert [(kind, lat, lon, day) for _, kind, lat, lon, day in rows] == [("ASSAULT", 30.51, 47.78, "2023-10-18")]
