"""Random sequences of operations by random authorities, through the service and the store: whatever is refused
changes nothing, nothing stored is ever in an invalid state, and the audit chain always verifies."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from legation.act import orders as svc
from legation.act.authorities import load_hierarchy
from legation.domain.errors import Conflict, Forbidden, LegationError
from legation.domain.orders import FINAL, LIVE, Scope, Selector, invariant_violations, settle
from legation.ingest.sites import example_sites_path, read_sites
from legation.store import audit, open_store
from legation.store.orders import list_orders
from legation.store.sites import upsert_sites

T0 = dt.datetime(2023, 10, 25, 10, tzinfo=dt.UTC)
ACTORS = ["iq-pm", "iq-nsa", "iq-moi", "iq-dpd-baghdad", "iq-dpd-erbil", "iq-dpd-baghdad-post-karkh"]
OPS = ["issue", "ack", "comply", "lift", "amend", "split", "wait"]
# Three steps in four are what the chain of command would plausibly do, so that deep states are reached too.
PLAUSIBLE = [("issue", "iq-pm"), ("issue", "iq-moi"), ("ack", "iq-moi"), ("ack", "iq-dpd-baghdad"),
             ("ack", "iq-dpd-erbil"), ("split", "iq-moi"), ("comply", "iq-moi"), ("comply", "iq-dpd-baghdad"),
             ("lift", "iq-pm"), ("lift", "iq-moi"), ("amend", "iq-pm")]
_PLAUSIBLE = st.sampled_from(PLAUSIBLE)
_ANY = st.tuples(st.sampled_from(OPS), st.sampled_from(ACTORS))
STEP = st.tuples(st.one_of(_PLAUSIBLE, _PLAUSIBLE, _PLAUSIBLE, _ANY),
                 st.integers(0, 3), st.integers(0, 6)).map(lambda t: (*t[0], t[1], t[2]))


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("orders") / "orders.db")
    with store.begin() as conn:
        upsert_sites(conn, read_sites(example_sites_path()).records)
    yield store, load_hierarchy()
    store.close()


def _apply(conn, iraq, op: str, actor: str, ref: str, at: dt.datetime) -> None:
    if op == "issue":
        svc.issue_order(conn, iraq, actor, ref, at=at)
    elif op == "ack":
        svc.acknowledge_order(conn, iraq, actor, ref, at=at)
    elif op == "comply":
        svc.comply_order(conn, iraq, actor, ref, "complied", at=at)
    elif op == "lift":
        svc.lift_order(conn, iraq, actor, ref, at=at)
    elif op == "amend":
        svc.amend_order(conn, iraq, actor, ref, at=at, title=f"amended at {at:%H:%M}")
    elif op == "split":
        svc.split_order(conn, iraq, actor, ref, ["iq-dpd-baghdad", "iq-dpd-erbil"], at=at)


# A prefix of the usual course (issued, acknowledged, split, a task acknowledged) so deep states are reached.
COURSE = [("issue", "iq-pm", 0, 0), ("ack", "iq-moi", 0, 1), ("split", "iq-moi", 0, 1),
          ("ack", "iq-dpd-baghdad", 1, 1)]


@settings(max_examples=40, deadline=None)
@given(steps=st.lists(STEP, min_size=3, max_size=12), days=st.integers(1, 4), course=st.integers(0, len(COURSE)))
def test_random_operations_through_the_store_stay_valid(world, steps, days, course):
    store, iraq = world
    with store.connect() as conn:
        transaction = conn.begin()
        try:
            root = svc.draft_order(conn, iraq, "iq-pm", recipients=["iq-moi"],
                                   scope=Scope(selectors=(Selector.parse("kind=diplomatic host_country=IRQ"),)),
                                   measures=["static-guard", "tightened-security"], valid_from=T0,
                                   valid_until=T0 + dt.timedelta(days=days), at=T0)
            at = T0
            for op, actor, target, hours in COURSE[:course] + steps:
                at += dt.timedelta(hours=hours)
                known = [o.id for o in list_orders(conn)]
                ref = known[min(target, len(known) - 1)]
                before = {o.ref: o.to_dict() for o in list_orders(conn, latest_only=False)}
                entries = len(audit.entries(conn))
                savepoint = conn.begin_nested()
                try:
                    _apply(conn, iraq, op, actor, ref, at)
                    savepoint.commit()
                    event(f"{op} done")
                except (Conflict, Forbidden) as err:
                    savepoint.rollback()
                    assert err.message
                    assert {o.ref: o.to_dict() for o in list_orders(conn, latest_only=False)} == before
                    assert len(audit.entries(conn)) == entries
                stored = list_orders(conn, latest_only=False)
                for order in stored:
                    assert invariant_violations(settle(order, at)) == [], (op, actor, order.to_dict())
                    if before.get(order.ref, {}).get("state") in FINAL:
                        assert order.to_dict() == before[order.ref]  # a closed order never changes
                for lineage in {o.id for o in stored}:  # at most one live version of an order
                    assert sum(settle(o, at).state in LIVE for o in stored if o.id == lineage) <= 1
                for task in (o for o in stored if o.parent and settle(o, at).state in LIVE):
                    parent = next(o for o in stored if o.ref == task.parent)
                    assert settle(parent, at).state in LIVE  # no live task under a closed order
                    assert set(task.sites) <= set(parent.sites)
            assert root.id in {o.id for o in stored}
            assert audit.verify(conn)[1] is None
        except LegationError as err:  # anything but a refusal is a bug
            pytest.fail(f"unexpected {type(err).__name__}: {err.message}")
        finally:
            transaction.rollback()
