"""The audit trail: every write appends an entry (who, what, when, before/after) to a hash-chained log.

Each entry's hash covers its own canonical JSON and the previous entry's hash, so an edited, deleted or reordered
entry breaks the chain at the first place it was touched; `verify` names that entry.

Who is acting comes from `acting_as(user)` (the CLI's `--as`, the API's authenticated user); default "system".
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
import hashlib
import json
from typing import Any, Iterator

import sqlalchemy as sa

from legation.store.tables import audit_log

GENESIS = "0" * 64
_actor: contextvars.ContextVar[str] = contextvars.ContextVar("legation_actor", default="system")


@contextlib.contextmanager
def acting_as(user: str) -> Iterator[None]:
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


def current_actor() -> str:
    return _actor.get()


def _entry_hash(prev_hash: str, entry: dict[str, Any]) -> str:
    body = json.dumps(entry, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def _canonical(seq: int, at: dt.datetime, actor: str, action: str, entity: str, entity_id: str | None,
               before: Any, after: Any) -> dict[str, Any]:
    at = at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)
    return {"seq": seq, "at": at.astimezone(dt.timezone.utc).isoformat(timespec="microseconds"), "actor": actor,
            "action": action, "entity": entity, "entity_id": entity_id, "before": before, "after": after}


def append(conn: sa.Connection, action: str, entity: str, entity_id: str | None = None, *,
           before: Any = None, after: Any = None, actor: str | None = None) -> int:
    """Append one entry in the caller's transaction; returns its sequence number."""
    if conn.dialect.name == "postgresql":  # serialise appenders: the chain has one head
        conn.execute(sa.text("SELECT pg_advisory_xact_lock(74252)"))
    last = conn.execute(sa.select(audit_log.c.seq, audit_log.c.hash).order_by(audit_log.c.seq.desc()).limit(1)).first()
    seq, prev = (last.seq + 1, last.hash) if last else (1, GENESIS)
    at = dt.datetime.now(dt.timezone.utc)
    actor = actor or current_actor()
    entry = _canonical(seq, at, actor, action, entity, entity_id, before, after)
    conn.execute(audit_log.insert().values(seq=seq, at=at, actor=actor, action=action, entity=entity,
                                           entity_id=entity_id, before=before, after=after, prev_hash=prev,
                                           hash=_entry_hash(prev, entry)))
    return seq


def verify(conn: sa.Connection) -> tuple[int, int | None, str | None]:
    """Walk the chain: (entries checked, first bad seq or None, why)."""
    prev, expected_seq, count = GENESIS, 1, 0
    for row in conn.execute(sa.select(audit_log).order_by(audit_log.c.seq)):
        count += 1
        if row.seq != expected_seq:
            return count, row.seq, f"entry {expected_seq} is missing (found {row.seq} next)"
        if row.prev_hash != prev:
            return count, row.seq, "does not follow the entry before it (deleted or reordered)"
        entry = _canonical(row.seq, row.at, row.actor, row.action, row.entity, row.entity_id, row.before, row.after)
        if _entry_hash(prev, entry) != row.hash:
            return count, row.seq, "its content was changed after it was written"
        prev, expected_seq = row.hash, expected_seq + 1
    return count, None, None
