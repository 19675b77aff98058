"""Orders, supervision and the audit chain (with its head) on PostgreSQL/PostGIS."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from legation.act import orders as svc
from legation.act.authorities import load_hierarchy
from legation.act.supervision import load_measures_table, watch
from legation.domain.orders import Scope, Selector
from legation.ingest.sites import example_sites_path, read_sites
from legation.store import audit
from legation.store.sites import upsert_sites

T0 = dt.datetime(2023, 10, 25, 10, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)


@pytest.mark.postgres
def test_orders_and_audit_on_postgres(pg_store):
    iraq = load_hierarchy()
    with pg_store.begin() as conn, audit.acting_as("iq-pm"):
        upsert_sites(conn, read_sites(example_sites_path()).records)
        order = svc.draft_order(conn, iraq, "iq-pm", recipients=["iq-moi"], measures=["static-guard"],
                                scope=Scope(selectors=(Selector.parse("kind=diplomatic city=Baghdad"),)),
                                valid_from=T0, valid_until=T0 + 48 * H, at=T0)
        svc.issue_order(conn, iraq, "iq-pm", order.id, at=T0)
        svc.acknowledge_order(conn, iraq, "iq-moi", order.id, at=T0 + H)
        tasks, _ = svc.split_order(conn, iraq, "iq-moi", order.id, ["iq-dpd-iz", "iq-dpd-baghdad"], at=T0 + H)
    with pg_store.begin() as conn:
        found = watch(conn, load_measures_table(), T0 + 30 * H, levels={"usa-emb-baghdad": 5})
        assert {f["kind"] for f in found} == {"unacknowledged", "coverage-gap", "expiring"}
        assert svc.order_view(conn, order.id, T0 + 2 * H)["state"] == "in-force"
        assert audit.verify(conn)[1] is None
        last = conn.execute(sa.text("SELECT max(seq) FROM audit_log")).scalar_one()
        conn.execute(sa.text("DELETE FROM audit_log WHERE seq = :s"), {"s": last})
        assert audit.verify(conn)[1] == last


@pytest.mark.postgres
def test_concurrent_drafts_get_distinct_numbers(pg_store):
    from concurrent.futures import ThreadPoolExecutor

    iraq = load_hierarchy()
    with pg_store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)

    def draft(_: int) -> str:  # in a thread of the pool: it names who acts, as a server's thread would
        with audit.acting_as("iq-pm"), pg_store.begin() as conn:
            return svc.draft_order(conn, iraq, "iq-pm", recipients=["iq-moi"], measures=["patrol"],
                                   scope=Scope(sites=("usa-emb-baghdad",)), at=T0).id

    with ThreadPoolExecutor(4) as pool:
        ids = sorted(pool.map(draft, range(8)))
    assert ids == [f"ord-{i:04d}" for i in range(1, 9)]
    with pg_store.begin() as conn:
        assert audit.verify(conn)[1] is None
