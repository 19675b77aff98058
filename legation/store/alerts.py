"""Subscriptions, alerts (each stored once) and their delivery attempts; advisories with versions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from legation.domain.alerts import Alert, Subscription
from legation.domain.errors import NotFound
from legation.store import audit
from legation.store.tables_alerts import advisories, alerts, deliveries, subscriptions


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def add_subscription(conn: sa.Connection, sub: Subscription) -> bool:
    """Store a subscription; False when the same one exists already."""
    if conn.execute(sa.select(subscriptions.c.id).where(subscriptions.c.id == sub.id)).first():
        return False
    conn.execute(subscriptions.insert().values(id=sub.id, owner=sub.owner, channel=sub.channel, target=sub.target,
                                               secret=sub.secret, rule=sub.rule(), active=True, created_at=_now()))
    audit.append(conn, "subscription.create", "subscription", sub.id,
                 after={"owner": sub.owner, "channel": sub.channel, "target": sub.target, "rule": sub.rule()})
    return True


def _subscription(row: sa.Row) -> Subscription:
    return Subscription(owner=row.owner, channel=row.channel, target=row.target, secret=row.secret, id=row.id,
                        **row.rule)


def list_subscriptions(conn: sa.Connection, *, active_only: bool = True) -> list[Subscription]:
    query = sa.select(subscriptions).order_by(subscriptions.c.created_at)
    if active_only:
        query = query.where(subscriptions.c.active == sa.true())
    return [_subscription(r) for r in conn.execute(query)]


def remove_subscription(conn: sa.Connection, sub_id: str) -> None:
    result = conn.execute(subscriptions.update().where(subscriptions.c.id == sub_id).values(active=False))
    if not result.rowcount:
        raise NotFound(f"no subscription with id {sub_id!r}")
    audit.append(conn, "subscription.deactivate", "subscription", sub_id)


def store_new_alerts(conn: sa.Connection, new: list[Alert]) -> list[Alert]:
    """Keep the alerts not seen before (deduplicated by id) and return them, pending delivery."""
    if not new:
        return []
    seen = {r.id for r in conn.execute(sa.select(alerts.c.id).where(alerts.c.id.in_([a.id for a in new])))}
    fresh, ids = [], set()
    for alert in new:
        if alert.id in seen or alert.id in ids:
            continue
        ids.add(alert.id)
        fresh.append(alert)
        conn.execute(alerts.insert().values(id=alert.id, subscription_id=alert.subscription_id, kind=alert.kind,
                                            subject=alert.subject, payload=alert.payload(), status="pending",
                                            created_at=_now()))
    if fresh:
        audit.append(conn, "alerts.create", "alert", None, after={"count": len(fresh)})
    return fresh


def record_delivery(conn: sa.Connection, alert_id: str, attempts: list[Any], *, dead_after: bool) -> str:
    """Record each attempt; the alert becomes delivered, or dead (dead-lettered) when every try failed."""
    start = conn.execute(sa.select(sa.func.count()).select_from(deliveries)
                         .where(deliveries.c.alert_id == alert_id)).scalar_one()
    for a in attempts:
        conn.execute(deliveries.insert().values(alert_id=alert_id, attempt=start + a.number, at=_now(), ok=a.ok,
                                                detail=a.detail))
    status = "delivered" if attempts and attempts[-1].ok else ("dead" if dead_after else "pending")
    conn.execute(alerts.update().where(alerts.c.id == alert_id).values(status=status))
    return status


CLAIM_EXPIRES = dt.timedelta(minutes=10)  # a dispatcher that claimed an alert and died frees it after this


def _claimable(now: dt.datetime):
    return sa.or_(alerts.c.status == "pending",
                  sa.and_(alerts.c.status == "sending", alerts.c.claimed_at < now - CLAIM_EXPIRES))


def claim_alert(conn: sa.Connection, alert_id: str) -> bool:
    """Take a pending alert to deliver it; False when another dispatcher has it (or it was delivered meanwhile).
    Call it in a transaction of its own, committed before delivering."""
    now = _now()
    taken = conn.execute(alerts.update().where(alerts.c.id == alert_id, _claimable(now))
                         .values(status="sending", claimed_at=now))
    return taken.rowcount == 1


def pending_alerts(conn: sa.Connection) -> list[tuple[Alert, Subscription]]:
    """Alerts waiting for delivery (and those a dead dispatcher left half-way), oldest first."""
    rows = conn.execute(sa.select(alerts, subscriptions.c.owner, subscriptions.c.channel, subscriptions.c.target,
                                  subscriptions.c.secret, subscriptions.c.rule)
                        .join(subscriptions, alerts.c.subscription_id == subscriptions.c.id)
                        .where(_claimable(_now())).order_by(alerts.c.created_at))
    out = []
    for r in rows:
        p = r.payload
        alert = Alert(r.subscription_id, r.kind, r.subject, p["title"], p["text"], p.get("data", {}), id=r.id)
        sub = Subscription(owner=r.owner, channel=r.channel, target=r.target, secret=r.secret,
                           id=r.subscription_id, **r.rule)
        out.append((alert, sub))
    return out


def list_alerts(conn: sa.Connection, *, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
    attempts = (sa.select(sa.func.count()).select_from(deliveries).where(deliveries.c.alert_id == alerts.c.id)
                .scalar_subquery())
    query = sa.select(alerts.c.id, alerts.c.kind, alerts.c.subject, alerts.c.status, alerts.c.created_at,
                      alerts.c.payload, subscriptions.c.owner, subscriptions.c.channel,
                      attempts.label("attempts")).join(subscriptions).order_by(alerts.c.created_at.desc()).limit(limit)
    if status:
        query = query.where(alerts.c.status == status)
    return [{"id": r.id, "kind": r.kind, "title": r.payload["title"], "owner": r.owner, "channel": r.channel,
             "status": r.status, "attempts": r.attempts, "created_at": r.created_at} for r in conn.execute(query)]


def delivery_log(conn: sa.Connection, alert_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(deliveries).where(deliveries.c.alert_id == alert_id).order_by(deliveries.c.attempt))
    return [dict(r._mapping) for r in rows]


# --- advisories ---------------------------------------------------------------------------------------------

def save_advisory(conn: sa.Connection, area: str, level: int, summary: str, reasons: list[str], *,
                  status: str = "draft") -> int:
    """A new version of the advisory for an area; returns its version number."""
    version = (conn.execute(sa.select(sa.func.max(advisories.c.version)).where(advisories.c.area == area))
               .scalar_one() or 0) + 1
    now = _now()
    conn.execute(advisories.insert().values(area=area, version=version, level=level, summary=summary,
                                            reasons=reasons, status=status, author=audit.current_actor(),
                                            created_at=now, published_at=now if status == "published" else None))
    audit.append(conn, f"advisory.{status}", "advisory", f"{area}#{version}",
                 after={"level": level, "summary": summary, "reasons": reasons})
    return version


def publish_advisory(conn: sa.Connection, area: str, version: int) -> None:
    row = get_advisory(conn, area, version)
    if row["status"] == "published":
        return
    conn.execute(advisories.update().where(advisories.c.area == area, advisories.c.version == version)
                 .values(status="published", published_at=_now()))
    audit.append(conn, "advisory.publish", "advisory", f"{area}#{version}", before={"status": row["status"]},
                 after={"status": "published"})


def get_advisory(conn: sa.Connection, area: str, version: int | None = None) -> dict[str, Any]:
    query = sa.select(advisories).where(advisories.c.area == area)
    query = query.where(advisories.c.version == version) if version else query.order_by(
        advisories.c.version.desc()).limit(1)
    row = conn.execute(query).first()
    if row is None:
        raise NotFound(f"no advisory for {area!r}" + (f" version {version}" if version else ""))
    return dict(row._mapping)


def advisory_history(conn: sa.Connection, area: str | None = None) -> list[dict[str, Any]]:
    query = sa.select(advisories).order_by(advisories.c.area, advisories.c.version)
    if area:
        query = query.where(advisories.c.area == area)
    return [dict(r._mapping) for r in conn.execute(query)]
