"""PostgreSQL at scale (migration 0013_pg_scale): the near-site query in a time window reads an index on place and
time, and finds exactly the events a plain scan finds."""

import random

import pytest
import sqlalchemy as sa

from legation.domain import Place, TimeSpan
from legation.domain.geo import haversine_km
from legation.store.events import events_near, upsert_events
from tests.factories import make_event

pytestmark = pytest.mark.postgres


def _indexes(conn) -> set[str]:
    return set(conn.execute(sa.text("SELECT indexname FROM pg_indexes WHERE tablename = 'events'")).scalars())


def test_the_indexes_exist(pg_store):
    with pg_store.connect() as conn:
        assert {"events_geog", "events_last_day", "events_geog_day"} <= _indexes(conn)


def test_near_in_a_window_uses_the_indexes_and_finds_what_a_scan_finds(pg_store):
    rng = random.Random(22)
    events = []
    for _ in range(600):
        day = f"2023-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        events.append(make_event(location=Place(name="x", country="IRQ", lat=33.3 + rng.gauss(0, 0.3),
                                                lon=44.4 + rng.gauss(0, 0.3), precision="city"),
                                 date=TimeSpan(start=day, end=day, precision="day", kind="exact")))
    statements = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        if statement.lstrip().upper().startswith("SELECT") and "FROM events" in statement:
            statements.append((statement, parameters))

    with pg_store.begin() as conn:
        upsert_events(conn, events)
        conn.execute(sa.text("ANALYZE events"))
    sa.event.listen(pg_store.engine, "before_cursor_execute", capture)
    try:
        with pg_store.connect() as conn:
            found = {e.id for e in events_near(conn, 33.3, 44.4, 20, since="2023-11-01")}
            conn.execute(sa.text("SET enable_seqscan = off"))  # 600 rows: a scan would win; ask for the plan at scale
            plan = "\n".join(conn.exec_driver_sql("EXPLAIN " + statements[-1][0], statements[-1][1]).scalars())
    finally:
        sa.event.remove(pg_store.engine, "before_cursor_execute", capture)
    assert "events_geog_day" in plan or "events_last_day" in plan, plan

    def within(km: float) -> set[str]:  # PostGIS measures on the spheroid, haversine on a sphere: a margin
        return {e.id for e in events if e.date.start >= "2023-11-01"
                and haversine_km(33.3, 44.4, e.location.lat, e.location.lon) <= km}

    assert within(19.9) <= found <= within(20.1) and len(found) > 5


def test_downgrade_drops_them(pg_url):
    from alembic import command

    from legation.store import open_store
    from legation.store.db import _alembic_config

    store = open_store(pg_url)
    try:
        with store.begin() as conn:
            command.downgrade(_alembic_config(conn), "0013_pg_scale@0001_foundation")
            assert not {"events_last_day", "events_geog_day"} & _indexes(conn)
            assert "events_geog" in _indexes(conn)
    finally:
        store.close()
