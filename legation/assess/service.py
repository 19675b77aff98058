"""Assessing the sites in a database: read sites and events through the store, run the pure model on each.

    with store.connect() as conn:
        assessments = assess_sites(conn, "2023-10-27")
    with store.begin() as conn:
        changes = record_assessments(conn, assessments)   # legation.store.assessments

Events count by `legation.assess.counting` (only what was published by the date); coverage adds, per host country,
which sources ever reported from it before the date, so that a site whose area went silent years ago says since when.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from legation.assess.counting import day_number
from legation.assess.coverage import Coverage, SourceCoverage
from legation.assess.events import EventTable
from legation.assess.features import HISTORY_DAYS
from legation.assess.model import Parameters, as_of, assess, load_parameters
from legation.domain.assessment import Assessment

EVENT_TYPES = ("ASSAULT", "PROTEST", "ADVISORY", "PROTECT")


def area_coverage(conn, country: str, date: dt.date) -> Coverage:
    """The store's whole-history view of which sources reported from `country` by `date`."""
    from legation.assess.coverage import RATE_DAYS
    from legation.store.assessments import area_reports

    day = day_number(date)
    return Coverage(day, [SourceCoverage(source, day_number(last), n * 7.0 / RATE_DAYS)
                          for source, last, n in area_reports(conn, country, date.isoformat(), RATE_DAYS)])


def assess_sites(conn, at: dt.date | str | None = None, site_ids: Iterable[str] | None = None,
                 params: Parameters | None = None) -> list[Assessment]:
    """One assessment per site (all sites, or those named), as of the end of day `at` (default today, UTC)."""
    from legation.store.assessments import assessment_columns
    from legation.store.sites import get_site, list_sites

    date = as_of(at)
    sites = [get_site(conn, s) for s in site_ids] if site_ids else list_sites(conn)
    since = (date - dt.timedelta(days=HISTORY_DAYS)).isoformat()
    table = EventTable.from_rows(assessment_columns(conn, types=EVENT_TYPES, since=since, until=date.isoformat()))
    params = params or load_parameters()
    areas = {country: area_coverage(conn, country, date) for country in {s.host_country for s in sites}}
    return [assess(site, table, date, params, areas[site.host_country]) for site in sites]
