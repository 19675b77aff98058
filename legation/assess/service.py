"""Assessing the sites in a database: read sites and events through the store, run the pure model on each.

    with store.connect() as conn:
        assessments = assess_sites(conn, "2023-10-27")
    with store.begin() as conn:
        changes = record_assessments(conn, assessments)   # legation.store.assessments
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable

from legation.assess.events import EventTable
from legation.assess.features import HISTORY_DAYS
from legation.assess.model import Parameters, as_of, assess, load_parameters
from legation.domain.assessment import Assessment

EVENT_TYPES = ("ASSAULT", "PROTEST", "ADVISORY", "PROTECT")


def assess_sites(conn, at: dt.date | str | None = None, site_ids: Iterable[str] | None = None,
                 params: Parameters | None = None) -> list[Assessment]:
    """One assessment per site (all sites, or those named), as of the end of day `at` (default today)."""
    from legation.store.events import event_columns
    from legation.store.sites import get_site, list_sites

    date = as_of(at)
    sites = [get_site(conn, s) for s in site_ids] if site_ids else list_sites(conn)
    since = (date - dt.timedelta(days=HISTORY_DAYS)).isoformat()
    table = EventTable.from_rows(event_columns(conn, types=EVENT_TYPES, since=since, until=date.isoformat()))
    params = params or load_parameters()
    return [assess(site, table, date, params) for site in sites]
