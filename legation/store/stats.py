"""Row counts of the main tables (for `legation db info` and health checks)."""

from __future__ import annotations

import sqlalchemy as sa

from legation.store.tables import audit_log, events, reports, sites


def table_counts(conn: sa.Connection) -> dict[str, int]:
    return {table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in (sites, reports, events, audit_log)}
