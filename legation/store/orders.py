"""Protection orders: one row per version, every write audited with the record before and after."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import sqlalchemy as sa

from legation.domain.errors import NotFound
from legation.domain.orders import Order
from legation.store import audit
from legation.store.tables_orders import orders as t


def _values(order: Order) -> dict:
    return {"state": order.state, "issuer": order.issuer, "priority": order.priority, "parent": order.parent,
            "valid_from": order.valid_from, "valid_until": order.valid_until, "record": order.to_dict(),
            "updated_at": dt.datetime.now(dt.UTC)}


def next_order_id(conn: sa.Connection, prefix: str = "ord") -> str:
    """The next free `ord-NNNN` (orders are numbered in the order they were drafted)."""
    if conn.dialect.name == "postgresql":  # one numberer at a time (the audit chain's lock: it is taken anyway)
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(74252)"))
    ids = [r.id for r in conn.execute(sa.select(t.c.id).where(t.c.id.like(f"{prefix}-%")).distinct())]
    numbers = [int(i.rsplit("-", 1)[1]) for i in ids if i.rsplit("-", 1)[1].isdigit()]
    return f"{prefix}-{max(numbers, default=0) + 1:04d}"


def insert_order(conn: sa.Connection, order: Order, action: str = "order.draft") -> Order:
    conn.execute(t.insert().values(id=order.id, version=order.version, **_values(order)))
    audit.append(conn, action, "order", order.ref, after=order.to_dict())
    return order


def save_order(conn: sa.Connection, order: Order, action: str, before: Order | None = None) -> Order:
    """Write a changed order (same id and version) and audit the change."""
    before = before if before is not None else get_order(conn, order.id, order.version)
    result = conn.execute(t.update().where(t.c.id == order.id, t.c.version == order.version).values(**_values(order)))
    if result.rowcount != 1:
        raise NotFound(f"no order {order.ref}")
    audit.append(conn, action, "order", order.ref, before=before.to_dict(), after=order.to_dict())
    return order


def get_order(conn: sa.Connection, order_id: str, version: int | None = None) -> Order:
    """An order by id (its newest version) or by `id@version`."""
    if version is None and "@" in order_id:
        order_id, _, text = order_id.partition("@")
        version = int(text) if text.isdigit() else None
        if version is None:
            raise NotFound(f"no order {order_id}@{text} (versions are numbers: ord-0001@2)")
    query = sa.select(t.c.record).where(t.c.id == order_id)
    query = query.where(t.c.version == version) if version is not None else query.order_by(t.c.version.desc())
    row = conn.execute(query.limit(1)).first()
    if row is None:
        raise NotFound(f"no order {order_id}" + (f" version {version}" if version is not None else ""))
    return Order.from_dict(row.record)


def order_versions(conn: sa.Connection, order_id: str) -> list[Order]:
    rows = conn.execute(sa.select(t.c.record).where(t.c.id == order_id).order_by(t.c.version))
    return [Order.from_dict(r.record) for r in rows]


def list_orders(conn: sa.Connection, *, states: Sequence[str] | None = None, issuer: str | None = None,
                parent: str | None = None, latest_only: bool = True) -> list[Order]:
    """Orders by stored state (time-driven steps are applied by the caller), oldest first."""
    query = sa.select(t.c.id, t.c.version, t.c.record).order_by(t.c.id, t.c.version)
    if states:
        query = query.where(t.c.state.in_(list(states)))
    if issuer:
        query = query.where(t.c.issuer == issuer)
    if parent:
        query = query.where(t.c.parent == parent)
    rows = list(conn.execute(query))
    if latest_only:
        newest: dict[str, sa.Row] = {}
        for row in rows:
            newest[row.id] = row
        rows = list(newest.values())
    return [Order.from_dict(r.record) for r in rows]


def protect_events_of_report(conn: sa.Connection, report_id: str) -> list:
    """The stored PROTECT events read from one report (what a draft order is proposed from)."""
    from legation.domain.records import Event
    from legation.store.tables import events

    rows = conn.execute(sa.select(events.c.record).where(events.c.report_id == report_id, events.c.type == "PROTECT",
                                                         events.c.negated == sa.false(),
                                                         events.c.hypothetical == sa.false())
                        .order_by(events.c.pk))
    return [Event.from_dict(r.record) for r in rows]


def protect_events_between(conn: sa.Connection, since: str, until: str) -> list[dict]:
    """Stored PROTECT events dated within [since, until] (ISO dates): what the news says was ordered."""
    from legation.store.tables import events

    rows = conn.execute(sa.select(events.c.id, events.c.report_id, events.c.sentence, events.c.date_start,
                                  events.c.modes, events.c.actor_names)
                        .where(events.c.type == "PROTECT", events.c.negated == sa.false(),
                               events.c.hypothetical == sa.false(), events.c.date_start >= since[:10],
                               events.c.date_start <= until[:10])
                        .order_by(events.c.date_start, events.c.pk))
    return [dict(r._mapping) for r in rows]
