"""The audit trail: every write appends an entry (who, what, when, before/after) to a hash-chained log.

Each entry's hash covers its own canonical JSON and the previous entry's hash, so an edited, deleted or reordered
entry breaks the chain at the first place it was touched; `verify` names that entry.

Who is acting comes from `acting_as(user)` (the CLI's `--as`, the API's authenticated user, or a named process such
as "system:alerts"); a write with no one named is refused (`MissingActor`), never silently put down to "system".
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import sqlalchemy as sa

from legation.acting import acting_as, current_actor  # noqa: F401 (re-exported: the faces import them here)
from legation.store.tables import audit_log
from legation.store.tables_orders import audit_head

GENESIS = "0" * 64


class MissingActor(RuntimeError):
    """A write reached the audit log with no one named: a programming error (wrap the write in `acting_as`)."""


def _entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    body = json.dumps(entry, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _canonical(seq: int, at: dt.datetime, actor: str, action: str, entity: str, entity_id: str | None,
               before: Any, after: Any) -> dict[str, Any]:
    at = at if at.tzinfo else at.replace(tzinfo=dt.UTC)
    return {"seq": seq, "at": at.astimezone(dt.UTC).isoformat(timespec="microseconds"), "actor": actor,
            "action": action, "entity": entity, "entity_id": entity_id, "before": before, "after": after}


def append(conn: sa.Connection, action: str, entity: str, entity_id: str | None = None, *,
           before: Any = None, after: Any = None, actor: str | None = None) -> int:
    """Append one entry in the caller's transaction; returns its sequence number."""
    if conn.dialect.name == "postgresql":  # serialise appenders: the chain has one head
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(74252)"))
    last = conn.execute(sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    at = dt.datetime.now(dt.UTC)
    actor = actor or current_actor()
    if not actor:
        raise MissingActor(f"audit entry {action} {entity} {entity_id or ''} has no actor: wrap the write in "
                           "acting_as(user)")
    entry = _canonical(seq, at, actor, action, entity, entity_id, before, after)
    conn.execute(audit_log.insert().values(seq=seq, at=at, actor=actor, action=action, entity=entity,
                                           entity_id=entity_id, before=before, after=after, prev_hash=prev,
                                           hash=_entry_hash(prev, entry)))
    _move_head(conn, seq, _entry_hash(prev, entry))
    return seq


def head_seq(conn: sa.Connection) -> int:
    """The sequence number of the newest entry (0 before the first). Every write appends an entry, so this number
    is a version of all the data: readers may keep an answer for as long as it stays the same."""
    # plain SQL: asked on every API request, where SQLAlchemy's statement handling would cost more than the query
    return conn.exec_driver_sql("SELECT seq FROM audit_head WHERE id = 1").scalar() or 0


def _move_head(conn: sa.Connection, seq: int, entry_hash: str) -> None:
    """Record the newest entry outside the log, so that deleting the newest entries is detected."""
    if conn.execute(audit_head.update().where(audit_head.c.id == 1).values(seq=seq, hash=entry_hash)).rowcount == 0:
        conn.execute(audit_head.insert().values(id=1, seq=seq, hash=entry_hash))


def verify(conn: sa.Connection) -> tuple[int, int | None, str | None]:
    """Walk the chain: (entries checked, first bad seq or None, why)."""
    prev, expected_seq, count = GENESIS, 1, 0
    for row in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)):
        count += 1
        if row.seq != expected_seq:
            return count, expected_seq, f"entry {expected_seq} is missing (found {row.seq} next)"
        if row.prev_hash != prev:
            return count, row.seq, "does not follow the entry before it (deleted or reordered)"
        entry = _canonical(row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.before, row.after)
        if _entry_hash(prev, entry) != row.hash:
            return count, row.seq, "its content was changed after it was written"
        prev, expected_seq = row.hash, expected_seq + 1
    return count, *_check_head(conn, expected_seq - 1, prev)


def _check_head(conn: sa.Connection, last_seq: int, last_hash: str) -> tuple[int | None, str | None]:
    """Compare the end of the chain with the recorded head: (first bad seq, why) or (None, None)."""
    head = conn.execute(sa.select(audit_head.c.seq, audit_head.c.hash).where(audit_head.c.id == 1)).first()
    if head is None:
        return (None, None) if last_seq == 0 else (last_seq, "the record of the chain's newest entry is missing")
    if head.seq > last_seq:
        return last_seq + 1, (f"entries {last_seq + 1}..{head.seq} are missing (deleted from the end of the chain)"
                              if head.seq > last_seq + 1 else f"entry {head.seq} is missing (deleted from the end)")
    if head.seq < last_seq:
        return head.seq + 1, "was not written by Legation (added after the chain's recorded newest entry)"
    if head.hash != last_hash:
        return last_seq, "was replaced after it was written (its hash differs from the recorded one)"
    return None, None


def _utc(moment: dt.datetime) -> dt.datetime:
    """A time given with an offset, in UTC, as entries are written (SQLite compares the stored text); a naive one
    is taken as UTC already. Beyond the calendar's ends, its first or last moment."""
    if moment.tzinfo is None:
        return moment
    try:
        return moment.astimezone(dt.UTC)
    except OverflowError:
        end = dt.datetime.min if moment.year == dt.MINYEAR else dt.datetime.max
        return end.replace(tzinfo=dt.UTC)


def entries(conn: sa.Connection, *, actor: str | None = None, action: str | None = None,
            entity: str | None = None, entity_id: str | None = None, since: dt.datetime | None = None,
            until: dt.datetime | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Entries matching every filter given, oldest first. `action` matches exactly or as a prefix ending at a dot
    (`order` matches `order.issue`); `since`/`until` bound the time written."""
    query = sa.select(audit_log).order_by(audit_log.c.seq)
    if actor:
        query = query.where(audit_log.c.actor == actor)
    if action:
        query = query.where(sa.or_(audit_log.c.action == action, audit_log.c.action.startswith(
            action.rstrip(".") + ".", autoescape=True)))
    if entity:
        query = query.where(audit_log.c.entity == entity)
    if entity_id:
        query = query.where(audit_log.c.entity_id == entity_id)
    if since:
        query = query.where(audit_log.c.at >= _utc(since))
    if until:
        query = query.where(audit_log.c.at < _utc(until))
    rows = list(conn.execute(query))
    if limit is not None:
        rows = rows[-limit:] if limit > 0 else []
    return [{"seq": r.seq, "at": r.at, "actor": r.actor, "action": r.action, "entity": r.entity,
             "entity_id": r.entity_id, "before": r.before, "after": r.after, "hash": r.hash} for r in rows]
