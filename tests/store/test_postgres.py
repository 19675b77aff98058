"""The same repository functions on a real PostgreSQL + PostGIS server."""

import pytest

from legation.domain import Evidence, Place
from legation.store import audit
from legation.store.events import events_near, query_events, upsert_events
from legation.store.sites import sites_near, upsert_sites
from tests.factories import make_event, make_site

pytestmark = pytest.mark.postgres


def test_postgis_spatial_and_full_text_queries(pg_store):
    near = make_event(location=Place(name="Baghdad", country="IRQ", lat=33.31, lon=44.39, precision="city"),
                      evidence=Evidence(sentence="Rockets struck the airport base.", start=0, end=31))
    far = make_event(location=Place(name="Basra", country="IRQ", lat=30.5, lon=47.8, precision="city"))
    with pg_store.begin() as conn:
        assert conn.exec_driver_sql("SELECT postgis_version()").scalar()
        assert upsert_events(conn, [near, far]).inserted == 2
        assert upsert_events(conn, [near, far]).unchanged == 2
        assert [e.id for e in events_near(conn, 33.30, 44.40, 10, since="2023-10-01")] == [near.id]
        assert [e.id for e in query_events(conn, text="rockets airport")] == [near.id]
        upsert_sites(conn, [make_site(id="usa-emb", lat=33.2985, lon=44.3956)])
        assert [s.id for s, _ in sites_near(conn, 33.30, 44.40, 1)] == ["usa-emb"]
    with pg_store.begin() as conn:
        assert audit.verify(conn)[1] is None


def test_migrations_are_applied_once(pg_url):
    from legation.store import open_store

    for _ in range(2):
        s = open_store(pg_url)
        s.close()
