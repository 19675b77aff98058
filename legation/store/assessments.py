"""Assessments with their history, and the level changes other parts react to (alerts, orders).

Re-assessing a site for the same date and model replaces that assessment (its id is derived from them); a level
that differs from the site's previous one (the latest assessment of an earlier or equal date) is a `LevelChange`,
stored in `level_changes` in the same transaction. An unknown level (no source covers the site's area) is stored
with level 0 in the `level` column (the record keeps None) and is no level change: it neither raises nor lowers.

Each site's current status (its latest assessment: level, probability, coverage and drivers) is also kept in
`site_status`, one row per assessed site (migration 0015_site_status), written by `record_assessments` in the same
transaction as the assessment, so that a site's status is one read by primary key (`current_status`). A site with no
row has never been assessed. An earlier day's status is read from the history (`assessment_as_of`).

The threat model reads events through `assessment_columns` (what counts and when it was known) and
`area_reports` (which sources reported from a country, over the whole history).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from legation.domain.assessment import Assessment, LevelChange
from legation.store import audit
from legation.store.changes import data_changes, log_sites
from legation.store.tables import audit_log, event_versions, metadata
from legation.store.tables import events as ev
from legation.store.tables import reports as rp
from legation.store.tables_assessments import assessments as t
from legation.store.tables_assessments import level_changes as lc

UNKNOWN_LEVEL = 0  # the `level` column of an assessment whose level is unknown

site_status = sa.Table(  # each assessed site's latest assessment (migration 0015_site_status)
    "site_status", metadata,
    sa.Column("site_id", sa.String(64), primary_key=True),
    sa.Column("assessment_id", sa.String(36), nullable=False),
    sa.Column("at", sa.String(10), nullable=False),
    sa.Column("level", sa.Integer, nullable=False),  # UNKNOWN_LEVEL when unknown, as in `assessments`
    sa.Column("probability", sa.Float, nullable=False),
    sa.Column("record", sa.JSON, nullable=False),  # Assessment.to_dict(): coverage and drivers included
    sa.Column("seq", sa.Integer, nullable=False),  # the audit entry of the write that stored it
    sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
)


def _day(value) -> str | None:
    return str(value)[:10] if value else None


def _added(timestamp) -> str | None:
    """A feed row's own date added (ACLED's `timestamp`, seconds since 1970), as an ISO date."""
    try:
        return dt.datetime.fromtimestamp(int(float(timestamp)), dt.UTC).date().isoformat()
    except (TypeError, ValueError, OverflowError, OSError):
        return None


@dataclass(frozen=True)
class Around:
    """Which events some sites' assessments can read (`legation.assess.service.around`): those of the sites' host
    countries, those within boxes around them, and, wherever they are, those dated on or after `recent` of
    `recent_types`, or of `named_types` whose record names one of `names` (a country code, quoted: the targeting
    signal reads the world's attacks on the sites' sending states over the last 90 days)."""

    countries: frozenset[str]
    boxes: tuple[tuple[float, float, float, float], ...]  # (min_lat, max_lat, min_lon, max_lon)
    recent: str
    recent_types: tuple[str, ...]
    named_types: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()

    def clause(self) -> sa.ColumnElement[bool]:
        parts: list[sa.ColumnElement[bool]] = [sa.and_(ev.c.date_start >= self.recent,
                                                        ev.c.type.in_(list(self.recent_types)))]
        if self.named_types and self.names:
            text = sa.cast(ev.c.record, sa.Text)
            parts.append(sa.and_(ev.c.date_start >= self.recent, ev.c.type.in_(list(self.named_types)),
                                 sa.or_(*(text.like(f'%"{name}"%') for name in sorted(self.names)))))
        if self.countries:
            parts.append(ev.c.country.in_(sorted(self.countries)))
        for min_lat, max_lat, min_lon, max_lon in self.boxes:
            inside = [ev.c.lat >= min_lat, ev.c.lat <= max_lat]
            if min_lon >= -180.0 and max_lon <= 180.0:  # a box across the antimeridian keeps every longitude
                inside += [ev.c.lon >= min_lon, ev.c.lon <= max_lon]
            parts.append(sa.and_(*inside))
        return sa.or_(*parts)


def assessment_columns(conn: sa.Connection, *, types: Sequence[str], since: str, until: str,
                       around: Around | None = None) -> list[tuple]:
    """What the threat model reads of every event in a window, as columns: id, type, modes, lat, lon, precision,
    date_start, date_end, date precision, negated, hypothetical, source, country, known (the day it was published
    or added, if later than its date; None when the record says nothing), confidence, and the stored record as JSON
    text (to decode only when an event is looked at). Only events known by `until` (publication) are returned;
    `around`, when given, keeps only the events it names (`Around`), in the same order."""
    date_precision = ev.c.record["date"]["precision"].as_string()
    timestamp = ev.c.record["source_codes"]["timestamp"].as_string()
    query = (sa.select(ev.c.id, ev.c.type, ev.c.modes, ev.c.lat, ev.c.lon, ev.c.precision, ev.c.date_start,
                       ev.c.date_end, date_precision.label("date_precision"), ev.c.negated, ev.c.hypothetical,
                       ev.c.source, ev.c.country, rp.c.published, timestamp.label("added"), ev.c.confidence,
                       sa.cast(ev.c.record, sa.Text).label("record"))
             .select_from(ev.outerjoin(rp, rp.c.id == ev.c.report_id))
             .where(ev.c.type.in_(list(types)), sa.func.coalesce(ev.c.date_end, ev.c.date_start) >= since[:10],
                    ev.c.date_start <= until[:10], ev.c.negated == sa.false(), ev.c.hypothetical == sa.false())
             .order_by(ev.c.date_start.desc(), ev.c.pk.desc()))
    if around is not None:
        query = query.where(around.clause())
    out = []
    end = until[:10]
    for (event_id, kind, modes, lat, lon, precision, start, stop, date_precision, negated, hypothetical, source,
         country, published, added, confidence, record) in conn.execute(query).tuples():
        known = max(filter(None, (_day(published), None if added is None else _added(added))), default=None)
        if known and known > end:
            continue
        out.append((event_id, kind, modes, lat, lon, precision, start, stop, date_precision, negated, hypothetical,
                    source, country, known, confidence, record))
    return out


def area_reports(conn: sa.Connection, country: str, until: str, year_days: int = 365) -> list[tuple[str, str, int]]:
    """(source, last day, events in the year up to that day) of every source that reported any event from
    `country` dated and published by `until`: the long view of coverage."""
    published_by = sa.or_(rp.c.published.is_(None), sa.func.substr(rp.c.published, 1, 10) <= until[:10])
    base = (sa.select(ev.c.source, sa.func.max(ev.c.date_start).label("last"))
            .select_from(ev.outerjoin(rp, rp.c.id == ev.c.report_id))
            .where(ev.c.country == country, ev.c.date_start <= until[:10], published_by)
            .group_by(ev.c.source))
    out = []
    for source, last in conn.execute(base).all():
        since = (dt.date.fromisoformat(last[:10]) - dt.timedelta(days=year_days - 1)).isoformat()
        n = conn.execute(sa.select(sa.func.count()).select_from(ev.outerjoin(rp, rp.c.id == ev.c.report_id))
                         .where(ev.c.country == country, ev.c.source == source, ev.c.date_start >= since,
                                ev.c.date_start <= last, published_by)).scalar_one()
        out.append((source, last[:10], int(n)))
    return out


def _previous_level(conn: sa.Connection, a: Assessment) -> int | None:
    row = conn.execute(sa.select(t.c.level).where(t.c.site_id == a.site_id, t.c.at <= a.at, t.c.id != a.id,
                                                  t.c.level != UNKNOWN_LEVEL)
                       .order_by(t.c.at.desc(), t.c.created_at.desc()).limit(1)).first()
    return None if row is None else row.level


def record_assessments(conn: sa.Connection, assessments: Iterable[Assessment], *,
                       current: dict[str, Any] | None = None) -> list[LevelChange]:
    """Store assessments (replacing one of the same site, date and model) and return the level changes they make.

    One audit entry per call, naming how many were stored and which sites changed level. `current`, when given
    (`after_ingest`: every site's stored assessment of a day is what the store says as of an audit entry), is kept
    in that entry, which is then written even when nothing was stored (`last_current` reads it).
    """
    now = dt.datetime.now(dt.UTC)
    changes: list[LevelChange] = []
    stored, sites = 0, set()
    latest: dict[str, Assessment] = {}
    for a in assessments:
        sites.add(a.site_id)
        if a.site_id not in latest or a.at >= latest[a.site_id].at:  # the last of a day wins, as in the history
            latest[a.site_id] = a
        values = {"site_id": a.site_id, "at": a.at, "model": a.model,
                  "level": UNKNOWN_LEVEL if a.level is None else a.level,
                  "probability": float(a.probability or 0.0), "record": a.to_dict(), "created_at": now}
        existing = conn.execute(sa.select(t.c.level).where(t.c.id == a.id)).first()
        old = (existing.level if existing is not None and existing.level != UNKNOWN_LEVEL
               else _previous_level(conn, a))
        if existing is None:
            conn.execute(t.insert().values(id=a.id, **values))
        else:
            conn.execute(t.update().where(t.c.id == a.id).values(**values))
        stored += 1
        if a.level is not None and old != a.level:
            change = LevelChange(a.site_id, a.at, old, a.level, a.id)
            conn.execute(lc.insert().values(site_id=a.site_id, at=a.at, old_level=old, new_level=a.level,
                                            assessment_id=a.id, created_at=now))
            changes.append(change)
    if stored or current is not None:
        after: dict[str, Any] = {"stored": stored, "changes": [c.to_dict() for c in changes]}
        if current is not None:
            after["current"] = current
        seq = audit.append(conn, "assessments.record", "assessment", None, after=after)
        _keep_status(conn, list(latest.values()), seq, now)
        log_sites(conn, seq, sites)  # what kept answers test (legation/store/changes.py)
        if not sites:  # described as touching nothing: it stales no kept answer
            conn.execute(data_changes.insert(), [{"seq": seq, "kind": "none"}])
    return changes


def _keep_status(conn: sa.Connection, stored: list[Assessment], seq: int, now: dt.datetime) -> None:
    """Each site's row of `site_status` made the newest of its stored assessments: replaced by one of the same or a
    later day (the newest stored wins a day, as `latest_assessment` orders them), kept over an earlier day's."""
    if not stored:
        return
    rows = {r.site_id: r.at for r in conn.execute(sa.select(site_status.c.site_id, site_status.c.at)
                                                 .where(site_status.c.site_id.in_([a.site_id for a in stored])))}
    for a in stored:
        values = {"assessment_id": a.id, "at": a.at, "level": UNKNOWN_LEVEL if a.level is None else a.level,
                  "probability": float(a.probability or 0.0), "record": a.to_dict(), "seq": seq, "updated_at": now}
        if a.site_id not in rows:
            conn.execute(site_status.insert().values(site_id=a.site_id, **values))
        elif a.at >= rows[a.site_id]:
            conn.execute(site_status.update().where(site_status.c.site_id == a.site_id).values(**values))


# Built once: asked on every status read, where building the statement cost more than running it
_STATUS = sa.select(site_status.c.record).where(site_status.c.site_id == sa.bindparam("site_id"))


def current_status(conn: sa.Connection, site_id: str) -> Assessment | None:
    """The site's latest assessment, from `site_status` (one row by primary key); None: never assessed."""
    row = conn.execute(_STATUS, {"site_id": site_id}).first()
    return Assessment.from_dict(row.record) if row else None


def assessment_as_of(conn: sa.Connection, site_id: str, at: str) -> Assessment | None:
    """The site's latest assessment made for a day on or before `at` (an ISO date), from the history; None if none."""
    row = conn.execute(sa.select(t.c.record).where(t.c.site_id == site_id, t.c.at <= at[:10])
                       .order_by(t.c.at.desc(), t.c.created_at.desc()).limit(1)).first()
    return Assessment.from_dict(row.record) if row else None


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


def last_current(conn: sa.Connection, head: int) -> tuple[int, dict[str, Any] | None]:
    """(seq, its `current`) of the newest assessment entry at or before audit entry `head`; (0, None) if none, and
    None for an entry written without one (`legation assess`)."""
    row = conn.execute(sa.select(audit_log.c.seq, audit_log.c.after)
                       .where(audit_log.c.action == "assessments.record", audit_log.c.seq <= head)
                       .order_by(audit_log.c.seq.desc()).limit(1)).first()
    return (0, None) if row is None else (row.seq, _current(row.after))


def assessment_entries(conn: sa.Connection, low: int, high: int) -> list[tuple[int, dict[str, Any] | None]]:
    """(seq, its `current`, or None for an entry written without one) of every assessment entry in (low, high]."""
    rows = conn.execute(sa.select(audit_log.c.seq, audit_log.c.after)
                        .where(audit_log.c.action == "assessments.record", audit_log.c.seq > low,
                               audit_log.c.seq <= high).order_by(audit_log.c.seq))
    return [(seq, _current(after)) for seq, after in rows]


def _current(after: Any) -> dict[str, Any] | None:
    """The `current` an assessment entry's `after` holds (`record_assessments`), or None."""
    current = after.get("current") if isinstance(after, dict) else None
    return current if isinstance(current, dict) else None


def writes_between(conn: sa.Connection, low: int, high: int) -> list[sa.Row]:
    """(seq, action, entity, entity_id, after) of every audit entry in (low, high], oldest first."""
    c = audit_log.c
    return list(conn.execute(sa.select(c.seq, c.action, c.entity, c.entity_id, c.after)
                             .where(c.seq > low, c.seq <= high).order_by(c.seq)))


def replaced_records(conn: sa.Connection, event_ids: Sequence[str]) -> list[dict]:
    """The latest earlier version (the record a revision replaced) of each of these events that has one."""
    out: list[dict] = []
    ids = list(dict.fromkeys(event_ids))
    v = event_versions.c
    for i in range(0, len(ids), 500):
        latest = (sa.select(v.event_id, sa.func.max(v.version).label("version"))
                  .where(v.event_id.in_(ids[i:i + 500])).group_by(v.event_id).subquery())
        out += [r.record for r in conn.execute(
            sa.select(v.record).join(latest, sa.and_(v.event_id == latest.c.event_id, v.version == latest.c.version)))]
    return out


def other_events_of_reports(conn: sa.Connection, report_ids: Iterable[str], excluding: Iterable[str]) -> bool:
    """Whether an event other than `excluding` belongs to one of these reports (whose publication day is the day
    such an event was known)."""
    wanted = sorted(set(report_ids))
    if not wanted:
        return False
    skip = set(excluding)
    return any(r.id not in skip for r in conn.execute(sa.select(ev.c.id).where(ev.c.report_id.in_(wanted))))
