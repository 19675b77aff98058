import sqlalchemy as sa

from legation.domain import Evidence, Place
from legation.store import audit
from legation.store.events import count_events, event_versions_of, events_near, get_event, query_events, upsert_events
from legation.store.sites import get_site, list_sites, sites_near, upsert_sites
from tests.factories import make_event, make_site


def test_sqlite_has_wal_foreign_keys_rtree_and_fts(store):
    with store.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        names = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master")}
    assert {"event_rtree", "site_rtree", "event_fts", "events", "sites", "reports", "audit_log"} <= names


def test_upsert_events_is_idempotent_and_keeps_earlier_versions(store):
    event = make_event()
    with store.begin() as conn:
        first = upsert_events(conn, [event, make_event()])
        again = upsert_events(conn, [event])
    assert (first.inserted, again.inserted, again.unchanged) == (2, 0, 1)
    revised = make_event(doc=event.doc, fatalities=3)
    assert revised.id == event.id
    with store.begin() as conn:
        counts = upsert_events(conn, [revised])
        assert counts.updated == 1
        assert get_event(conn, event.id).fatalities == 3
        versions = event_versions_of(conn, event.id)
        assert [v["record"]["fatalities"] for v in versions] == [None]
        assert count_events(conn) == 2


def test_events_within_km_of_a_point_since_a_time(store):
    near = make_event(location=Place(name="Baghdad", country="IRQ", lat=33.31, lon=44.39, precision="city"))
    far = make_event(location=Place(name="Basra", country="IRQ", lat=30.5, lon=47.8, precision="city"))
    with store.begin() as conn:
        upsert_events(conn, [near, far])
        found = events_near(conn, 33.30, 44.40, 10, since="2023-10-01")
        assert [e.id for e in found] == [near.id]
        assert events_near(conn, 33.30, 44.40, 10, since="2023-11-01") == []
        assert {e.id for e in events_near(conn, 33.30, 44.40, 500)} == {near.id, far.id}


def test_full_text_search_over_evidence(store):
    a = make_event(evidence=Evidence(sentence="Rockets struck the airport base.", start=0, end=31))
    with store.begin() as conn:
        upsert_events(conn, [a, make_event()])
        assert [e.id for e in query_events(conn, text="rockets airport")] == [a.id]
        assert query_events(conn, text='"unbalanced (quote') == []


def test_sites_create_read_update_and_near(store):
    site = make_site(id="usa-emb", lat=33.2985, lon=44.3956)
    with store.begin() as conn:
        assert upsert_sites(conn, [site]).inserted == 1
        assert upsert_sites(conn, [site]).unchanged == 1
        moved = make_site(id="usa-emb", name=site.name, lat=33.30, lon=44.40)
        assert upsert_sites(conn, [moved]).updated == 1
        assert get_site(conn, "usa-emb").lat == 33.30
        assert [s.id for s, _ in sites_near(conn, 33.30, 44.40, 1)] == ["usa-emb"]
        assert sites_near(conn, 36.19, 44.0, 5) == []
        assert [s.id for s in list_sites(conn, sending_state="usa")] == ["usa-emb"]


def test_every_write_is_audited_and_the_chain_verifies(store):
    with store.begin() as conn, audit.acting_as("analyst1"):
        upsert_sites(conn, [make_site(id="a")])
        upsert_events(conn, [make_event()])
    with store.begin() as conn:
        checked, bad, _ = audit.verify(conn)
        assert (checked, bad) == (2, None)
        actors = [r.actor for r in conn.execute(sa.text("SELECT actor FROM audit_log ORDER BY seq"))]
        assert actors == ["analyst1", "analyst1"]
        conn.execute(sa.text("UPDATE audit_log SET actor = 'mallory' WHERE seq = 1"))
        checked, bad, why = audit.verify(conn)
        assert bad == 1 and "changed" in why
