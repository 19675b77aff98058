"""Assessments with their history, and the level changes other parts react to (alerts, orders).

Re-assessing a site for the same date and model replaces that assessment (its id is derived from them); a level
that differs from the site's previous one (the latest assessment of an earlier or equal date) is a `LevelChange`,
stored in `level_changes` in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

import sqlalchemy as sa

from legation.domain.assessment import Assessment, LevelChange
from legation.store import audit
from legation.store.tables_assessments import assessments as t, level_changes as lc


def _previous_level(conn: sa.Connection, a: Assessment) -> int | None:
    row = conn.execute(sa.select(t.c.level).where(t.c.site_id == a.site_id, t.c.at <= a.at, t.c.id != a.id)
                       .order_by(t.c.at.desc(), t.c.created_at.desc()).limit(1)).first()
    return None if row is None else row.level


def record_assessments(conn: sa.Connection, assessments: Iterable[Assessment]) -> list[LevelChange]:
    """Store assessments (replacing one of the same site, date and model) and return the level changes they make.

    One audit entry per call, naming how many were stored and which sites changed level.
    """
    now = dt.datetime.now(dt.timezone.utc)
    changes: list[LevelChange] = []
    stored = 0
    for a in assessments:
        values = {"site_id": a.site_id, "at": a.at, "model": a.model, "level": a.level,
                  "probability": float(a.probability), "record": a.to_dict(), "created_at": now}
        existing = conn.execute(sa.select(t.c.level).where(t.c.id == a.id)).first()
        old = existing.level if existing is not None else _previous_level(conn, a)
        if existing is None:
            conn.execute(t.insert().values(id=a.id, **values))
        else:
            conn.execute(t.update().where(t.c.id == a.id).values(**values))
        stored += 1
        if old != a.level:
            change = LevelChange(a.site_id, a.at, old, a.level, a.id)
            conn.execute(lc.insert().values(site_id=a.site_id, at=a.at, old_level=old, new_level=a.level,
                                            assessment_id=a.id, created_at=now))
            changes.append(change)
    if stored:
        audit.append(conn, "assessments.record", "assessment", None,
                     after={"stored": stored, "changes": [c.to_dict() for c in changes]})
    return changes


def current_assessments(conn: sa.Connection) -> list[Assessment]:
    """The latest assessment of every assessed site, by site id."""
    latest = (sa.select(t.c.site_id, sa.func.max(t.c.at).label("at")).group_by(t.c.site_id).subquery())
    rows = conn.execute(sa.select(t.c.record, t.c.site_id, t.c.created_at)
                        .join(latest, sa.and_(t.c.site_id == latest.c.site_id, t.c.at == latest.c.at))
                        .order_by(t.c.site_id, t.c.created_at.desc()))
    out: dict[str, Assessment] = {}
    for row in rows:
        out.setdefault(row.site_id, Assessment.from_dict(row.record))
    return list(out.values())


def assessment_history(conn: sa.Connection, site_id: str) -> list[Assessment]:
    """Every stored assessment of one site, oldest first."""
    rows = conn.execute(sa.select(t.c.record).where(t.c.site_id == site_id).order_by(t.c.at, t.c.created_at))
    return [Assessment.from_dict(r.record) for r in rows]


def latest_assessment(conn: sa.Connection, site_id: str) -> Assessment | None:
    """The newest stored assessment of one site (the last of `assessment_history`), or None."""
    row = conn.execute(sa.select(t.c.record).where(t.c.site_id == site_id)
                       .order_by(t.c.at.desc(), t.c.created_at.desc()).limit(1)).first()
    return Assessment.from_dict(row.record) if row else None


def level_changes(conn: sa.Connection, since: dt.datetime | str | None = None,
                  site_id: str | None = None) -> list[LevelChange]:
    """Level changes in the order they were recorded; `since` is a recording time (datetime) or an ISO date
    compared with the assessment date."""
    query = sa.select(lc).order_by(lc.c.seq)
    if isinstance(since, dt.datetime):
        query = query.where(lc.c.created_at >= since)
    elif since:
        query = query.where(lc.c.at >= str(since)[:10])
    if site_id:
        query = query.where(lc.c.site_id == site_id)
    return [LevelChange(r.site_id, r.at, r.old_level, r.new_level, r.assessment_id) for r in conn.execute(query)]
