"""Live sources and the items they brought: add, list, remove; what is due; health; what was seen before.

An item is recorded in the same transaction as what it stored (the report and its events, or the feed rows), so a
`watch` killed at any moment finds, when started again, exactly the items it had finished.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import sqlalchemy as sa

from legation.domain.errors import InputError, NotFound
from legation.domain.sources import Source
from legation.domain.time import utc
from legation.store import audit
from legation.store.tables_sources import source_items as items_t
from legation.store.tables_sources import sources as t

_STATE = ("next_run", "last_run", "last_success", "last_error", "last_error_at", "failures", "etag",
          "last_modified", "cursor")


def _source(row) -> Source:
    return Source(kind=row.kind, url=row.url, interval=row.interval, params=dict(row.params or {}), id=row.id,
                  name=row.name, added_at=utc(row.added_at), next_run=utc(row.next_run), last_run=utc(row.last_run),
                  last_success=utc(row.last_success), last_error=row.last_error,
                  last_error_at=utc(row.last_error_at), failures=row.failures or 0, etag=row.etag,
                  last_modified=row.last_modified, cursor=dict(row.cursor or {}))


def add_source(conn: sa.Connection, source: Source, now: dt.datetime) -> Source:
    """Store a new source (due at once); the same feed or query added twice is an error naming the first."""
    if conn.execute(sa.select(t.c.id).where(t.c.id == source.id)).first():
        raise InputError(f"this source is already there (id {source.id}); `legation sources list` shows it")
    source.added_at = now
    conn.execute(t.insert().values(id=source.id, kind=source.kind, name=source.name, url=source.url,
                                   params=source.params, interval=source.interval, added_at=now,
                                   next_run=source.next_run, failures=0, cursor=source.cursor))
    audit.append(conn, "source.add", "source", source.id,
                 after={"kind": source.kind, "url": source.url, "params": source.params,
                        "interval": source.interval})
    return source


def get_source(conn: sa.Connection, source_id: str) -> Source:
    rows = conn.execute(sa.select(t).where(t.c.id.startswith(source_id, autoescape=True))).all()
    if not rows:
        raise NotFound(f"no source with id {source_id!r}")
    if len(rows) > 1:
        raise InputError(f"{source_id!r} names {len(rows)} sources; give more of the id")
    return _source(rows[0])


def list_sources(conn: sa.Connection) -> list[Source]:
    return [_source(r) for r in conn.execute(sa.select(t).order_by(t.c.added_at, t.c.id))]


def due_sources(conn: sa.Connection, now: dt.datetime) -> list[Source]:
    """Sources whose next run has come, the longest overdue first."""
    return sorted((s for s in list_sources(conn) if s.due(now)),
                  key=lambda s: s.next_run or dt.datetime.min.replace(tzinfo=dt.UTC))


def remove_source(conn: sa.Connection, source_id: str) -> Source:
    source = get_source(conn, source_id)
    conn.execute(items_t.delete().where(items_t.c.source_id == source.id))
    conn.execute(t.delete().where(t.c.id == source.id))
    audit.append(conn, "source.remove", "source", source.id, before={"kind": source.kind, "url": source.url})
    return source


def save_state(conn: sa.Connection, source: Source) -> None:
    """Write the source's schedule, health, validators and cursor."""
    conn.execute(t.update().where(t.c.id == source.id).values(**{k: getattr(source, k) for k in _STATE}))


def seen_keys(conn: sa.Connection, source_id: str, keys: list[str]) -> set[str]:
    """Which of these item keys this source has already finished."""
    found: set[str] = set()
    for i in range(0, len(keys), 500):
        chunk = keys[i:i + 500]
        found.update(r.key for r in conn.execute(sa.select(items_t.c.key).where(
            items_t.c.source_id == source_id, items_t.c.key.in_(chunk))))
    return found


def seen_digest(conn: sa.Connection, digest: str) -> bool:
    """Whether any source brought this content before."""
    return conn.execute(sa.select(items_t.c.key).where(items_t.c.digest == digest).limit(1)).first() is not None


def record_item(conn: sa.Connection, source_id: str, key: str, at: dt.datetime, status: str, *,
                digest: str | None = None, language: str | None = None, report_id: str | None = None,
                detail: str | None = None) -> None:
    """Mark an item finished (in the caller's transaction, beside what it stored)."""
    conn.execute(items_t.insert().values(source_id=source_id, key=key[:2000], digest=digest, at=at, status=status,
                                         language=language, report_id=report_id,
                                         detail=detail[:500] if detail else None))


def item_counts(conn: sa.Connection, since: dt.datetime) -> dict[str, dict[str, int]]:
    """source id → {status: items} recorded since `since`."""
    counts: dict[str, dict[str, int]] = {}
    rows = conn.execute(sa.select(items_t.c.source_id, items_t.c.status, sa.func.count())
                        .where(items_t.c.at >= since).group_by(items_t.c.source_id, items_t.c.status))
    for source_id, status, n in rows:
        counts.setdefault(source_id, {})[status] = n
    return counts


def list_items(conn: sa.Connection, source_id: str, limit: int = 100) -> list[dict[str, Any]]:
    rows = conn.execute(sa.select(items_t).where(items_t.c.source_id == source_id)
                        .order_by(items_t.c.at.desc()).limit(limit))
    return [{**dict(r._mapping), "at": utc(r.at)} for r in rows]


def health(conn: sa.Connection, now: dt.datetime) -> list[dict[str, Any]]:
    """Each source with its health: last success, last error, items in the last day (by status), next run."""
    counts = item_counts(conn, now - dt.timedelta(days=1))
    out = []
    for s in list_sources(conn):
        day = counts.get(s.id, {})
        out.append({"id": s.id, "kind": s.kind, "name": s.name, "url": s.url, "params": s.params,
                    "interval": s.interval, "last_success": s.last_success, "last_error": s.last_error,
                    "last_error_at": s.last_error_at, "failures": s.failures,
                    "items_last_day": sum(v for k, v in day.items() if k != "duplicate"),
                    "items_by_status": day, "next_run": s.next_run or now,
                    "quiet": _quiet(s, now)})
    return out


def _quiet(source: Source, now: dt.datetime) -> bool:
    """A source has gone quiet when it has not succeeded for three of its intervals (or an hour, if longer)."""
    since = source.last_success or source.added_at
    if since is None:
        return False
    return (now - since).total_seconds() > max(3 * source.interval, 3600)
