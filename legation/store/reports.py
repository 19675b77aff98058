"""Reports (documents as read): stored once each, by content hash."""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa

from legation.domain.errors import NotFound
from legation.domain.records import Report
from legation.store import audit
from legation.store.tables import reports as t


def upsert_report(conn: sa.Connection, report: Report) -> bool:
    """Store a report unless the same content is already there; True when it was new."""
    if conn.execute(sa.select(t.c.id).where(t.c.id == report.id)).first():
        return False
    conn.execute(t.insert().values(id=report.id, hash=report.hash, source=report.source, doc=report.doc,
                                   title=report.title, published=report.published, url=report.url,
                                   format=report.format, text=report.text,
                                   ingested_at=dt.datetime.now(dt.UTC)))
    audit.append(conn, "report.ingest", "report", report.id,
                 after={"source": report.source, "hash": report.hash, "title": report.title})
    return True


def get_report(conn: sa.Connection, report_id: str) -> Report:
    row = conn.execute(sa.select(t).where(t.c.id == report_id)).first()
    if row is None:
        raise NotFound(f"no report with id {report_id!r}")
    return Report(text=row.text, source=row.source, title=row.title, published=row.published, url=row.url,
                  format=row.format, doc=row.doc, hash=row.hash, id=row.id)


def count_reports(conn: sa.Connection) -> int:
    return conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()


def list_reports(conn: sa.Connection, limit: int = 1000) -> list[dict]:
    rows = conn.execute(sa.select(t.c.id, t.c.doc, t.c.title, t.c.published, t.c.format, t.c.source)
                        .order_by(t.c.ingested_at.desc()).limit(limit))
    return [dict(r._mapping) for r in rows]
