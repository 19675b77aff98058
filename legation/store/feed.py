"""What the live feed reads (level changes and alerts recorded since a moment) and each user's read marker
(migration 0015_feed_marks).

The marker is the moment up to which a user has seen the feed: what was recorded after it is unread. It only moves
forward. It is the user's own view state, like the sign-in throttle's counts, so setting it appends no audit entry
(and so makes no kept answer stale).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from legation.store.tables import audit_log, metadata
from legation.store.tables_alerts import alerts, subscriptions
from legation.store.tables_assessments import level_changes

feed_marks = sa.Table(
    "feed_marks", metadata,
    sa.Column("username", sa.String(64), primary_key=True),
    sa.Column("seen_at", sa.DateTime(timezone=True), nullable=False),
)


def utc(moment: dt.datetime | None) -> dt.datetime | None:
    """A stored time as an aware UTC datetime (SQLite gives them back naive, in UTC as written)."""
    if moment is None:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def seen_at(conn: sa.Connection, username: str) -> dt.datetime | None:
    """The user's read marker; None before they first marked the feed read."""
    return utc(conn.execute(sa.select(feed_marks.c.seen_at).where(feed_marks.c.username == username)).scalar())


def mark_seen(conn: sa.Connection, username: str, at: dt.datetime) -> dt.datetime:
    """Move the user's marker forward to `at` (never back); returns the marker as it now stands."""
    at = utc(at) or dt.datetime.now(dt.UTC)
    current = seen_at(conn, username)
    if current is not None and current >= at:
        return current
    if current is None:
        try:
            with conn.begin_nested():
                conn.execute(feed_marks.insert().values(username=username, seen_at=at))
            return at
        except sa.exc.IntegrityError:  # another tab marked it at the same moment
            pass
    conn.execute(feed_marks.update().where(feed_marks.c.username == username, feed_marks.c.seen_at < at)
                 .values(seen_at=at))
    return seen_at(conn, username) or at


def level_changes_since(conn: sa.Connection, since: dt.datetime, limit: int = 500) -> list[dict[str, Any]]:
    """Level changes recorded after `since`, newest first."""
    rows = conn.execute(sa.select(level_changes).where(level_changes.c.created_at > utc(since))
                        .order_by(level_changes.c.created_at.desc(), level_changes.c.seq.desc()).limit(limit))
    return [{"seq": r.seq, "site_id": r.site_id, "at": r.at, "old_level": r.old_level, "new_level": r.new_level,
             "recorded": utc(r.created_at)} for r in rows]


def alerts_since(conn: sa.Connection, since: dt.datetime, limit: int = 500) -> list[dict[str, Any]]:
    """Alerts raised after `since`, newest first, each with its subscription's owner and channel."""
    rows = conn.execute(sa.select(alerts.c.id, alerts.c.kind, alerts.c.subject, alerts.c.payload, alerts.c.status,
                                  alerts.c.created_at, subscriptions.c.owner, subscriptions.c.channel)
                        .join(subscriptions, alerts.c.subscription_id == subscriptions.c.id)
                        .where(alerts.c.created_at > utc(since))
                        .order_by(alerts.c.created_at.desc()).limit(limit))
    return [{"id": r.id, "kind": r.kind, "subject": r.subject, "title": (r.payload or {}).get("title") or "",
             "text": (r.payload or {}).get("text") or "", "data": (r.payload or {}).get("data") or {},
             "status": r.status, "owner": r.owner, "channel": r.channel, "recorded": utc(r.created_at)}
            for r in rows]


def touched(conn: sa.Connection, after_seq: int, entities: tuple[str, ...]) -> bool:
    """Whether any write after audit entry `after_seq` was to one of these entities (a range of the log's key)."""
    return conn.execute(sa.select(audit_log.c.seq).where(audit_log.c.seq > after_seq,
                                                         audit_log.c.entity.in_(entities)).limit(1)).first() is not None
