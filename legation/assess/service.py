"""Assessing the sites in a database: read sites and events through the store, run the pure model on each.

    with store.connect() as conn:
        assessments = assess_sites(conn, "2023-10-27")
    with store.begin() as conn:
        changes = record_assessments(conn, assessments)   # legation.store.assessments

Events count by `legation.assess.counting` (only what was published by the date); coverage adds, per host country,
which sources ever reported from it before the date, so that a site whose area went silent years ago says since when.

Which sites an event can change (`sites_touched`), read off the model's inputs (model.py, events.py, coverage.py):

- every site of the event's country: coverage counts each source's reports from the host country (any type, over the
  whole history and over the window), the targeting signal counts attacks in the host country, advisories are about
  it;
- every site within `reach_km` of its point: the counts of attacks (within the site's radius, area and kernel reach,
  at most 4 × the radius widened to a city's 10 km), coverage within 100 km, coarse places (an admin1 point: 50 km),
  protective measures and targeting within the area;
- every site of a sending state among its recipients (an attack on that state's people makes its attackers hostile
  to it, and their attacks count for its sites anywhere in 90 days) or, for an advisory, among its actors (a state's
  advice for a country, or for anywhere).

Nothing else of an event is read; the date the sites are assessed for (`after_ingest`'s day) moves every window, so a
new day re-assesses every site. `plan_reassessment` says when the stored assessments can be trusted for the rest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from legation.assess.counting import PRECISION_KM, SCOPE_MAX_KM, day_number
from legation.assess.coverage import AREA_KM, Coverage, SourceCoverage
from legation.assess.events import EventTable
from legation.assess.features import HISTORY_DAYS, Reach, haversine_many
from legation.assess.model import MODEL, Parameters, as_of, assess, load_parameters
from legation.domain.assessment import Assessment
from legation.domain.geo import bbox
from legation.domain.sites import Site

EVENT_TYPES = ("ASSAULT", "PROTEST", "ADVISORY", "PROTECT")
# The signals read, wherever they are, over the last 90 days (with a margin): advisories, and attacks on a sending
# state's people (whose attackers are then hostile to it)
RECENT_TYPES = ("ADVISORY",)
ATTACK_TYPES = ("ASSAULT", "PROTEST")
RECENT_DAYS = 92
# Audit entities whose writes the model never reads (a report is read through its events: see `plan_reassessment`)
UNREAD_BY_MODEL = frozenset({"alert", "order", "subscription", "advisory", "source", "incident", "token", "user"})


def area_coverage(conn, country: str, date: dt.date) -> Coverage:
    """The store's whole-history view of which sources reported from `country` by `date`."""
    from legation.assess.coverage import RATE_DAYS
    from legation.store.assessments import area_reports

    day = day_number(date)
    return Coverage(day, [SourceCoverage(source, day_number(last), n * 7.0 / RATE_DAYS)
                          for source, last, n in area_reports(conn, country, date.isoformat(), RATE_DAYS)])


def assess_sites(conn, at: dt.date | str | None = None, site_ids: Iterable[str] | None = None,
                 params: Parameters | None = None, *, reach_only: bool = False) -> list[Assessment]:
    """One assessment per site (all sites, or those named), as of the end of day `at` (default today, UTC).
    `reach_only` reads only the events those sites can read (`around`): the same assessments, for fewer rows."""
    from legation.store.assessments import assessment_columns
    from legation.store.sites import get_site, list_sites

    date = as_of(at)
    sites = [get_site(conn, s) for s in site_ids] if site_ids else list_sites(conn)
    since = (date - dt.timedelta(days=HISTORY_DAYS)).isoformat()
    table = EventTable.from_rows(assessment_columns(conn, types=EVENT_TYPES, since=since, until=date.isoformat(),
                                                    around=around(sites, date) if reach_only and site_ids else None))
    params = params or load_parameters()
    areas = {country: area_coverage(conn, country, date) for country in {s.host_country for s in sites}}
    return [assess(site, table, date, params, areas[site.host_country]) for site in sites]


def reach_km(site: Site) -> float:
    """The farthest an event's point can be from the site and still change its assessment (see the docstring)."""
    radius = float(site.radius_km) if site.radius_km is not None else 5.0
    coarsest = max(km for km in PRECISION_KM.values() if km is not None)
    return max(AREA_KM, coarsest, Reach.of(max(radius, SCOPE_MAX_KM)).max_km)


def around(sites: Sequence[Site], date: dt.date):
    """The events these sites' assessments as of `date` can read: their host countries' events, those within a
    box around each (its reach, with a margin for the box's flat-earth edges), and anywhere the recent advisories
    and the recent attacks whose record names a sending state of theirs (its code as a JSON string: a superset of
    those with a recipient of that state)."""
    from legation.store.assessments import Around

    boxes = _merged([bbox(s.lat, s.lon, reach_km(s) * 1.05 + 1.0) for s in sites])
    return Around(countries=frozenset(s.host_country for s in sites), boxes=boxes,
                  recent=(date - dt.timedelta(days=RECENT_DAYS)).isoformat(), recent_types=RECENT_TYPES,
                  named_types=ATTACK_TYPES, names=frozenset(s.sending_state for s in sites))


def _merged(boxes: list[tuple[float, float, float, float]]) -> tuple[tuple[float, float, float, float], ...]:
    """Boxes covering at least the given ones, two merged into the box around both wherever that box is no larger
    than the two apart (sites of one city share one box, and the query tests a few boxes, not one per site)."""

    def area(b: tuple[float, float, float, float]) -> float:
        return (b[1] - b[0]) * (b[3] - b[2])

    out = list(boxes)
    merging = True
    while merging:
        merging = False
        for i in range(len(out)):
            for j in range(i + 1, len(out)):
                a, b = out[i], out[j]
                both = (min(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), max(a[3], b[3]))
                if area(both) <= area(a) + area(b):
                    out[i] = both
                    del out[j]
                    merging = True
                    break
            if merging:
                break
    return tuple(out)


def _countries(parties: Any) -> set[str]:
    return {str(p["country"]) for p in parties or () if isinstance(p, dict) and p.get("country")}


def sites_touched(sites: Sequence[Site], records: Iterable[dict]) -> list[str]:
    """The ids of the sites (in the order given) whose assessment any of these event records (the spec's dicts)
    can change, by the rules of the module's docstring."""
    if not sites:
        return []
    lat = np.array([s.lat for s in sites], dtype=float)
    lon = np.array([s.lon for s in sites], dtype=float)
    reach = np.array([reach_km(s) for s in sites]) + 1e-6
    host = np.array([s.host_country for s in sites], dtype=object)
    sending = np.array([s.sending_state for s in sites], dtype=object)
    hit = np.zeros(len(sites), dtype=bool)
    for record in records:
        loc = record.get("location") or {}
        if loc.get("country"):
            hit |= host == loc["country"]
        if loc.get("lat") is not None and loc.get("lon") is not None:
            hit |= haversine_many(float(loc["lat"]), float(loc["lon"]), lat, lon) <= reach
        states = set()
        if record.get("type") in ("ASSAULT", "PROTEST"):
            states |= _countries(record.get("recipients"))
        if record.get("type") == "ADVISORY":
            states |= _countries(record.get("actors"))
        for state in states:
            hit |= sending == state
    return [s.id for s, h in zip(sites, hit, strict=True) if h]


_FINGERPRINTS: dict[int, tuple[Parameters, str]] = {}


def fingerprint(params: Parameters) -> str:
    """A short digest of the parameters (assessments made with others are not current)."""
    known = _FINGERPRINTS.get(id(params))
    if known is None or known[0] is not params:
        text = json.dumps(params.to_dict(), sort_keys=True, default=str)
        known = _FINGERPRINTS[id(params)] = (params, hashlib.sha256(text.encode()).hexdigest()[:16])
    return known[1]


@dataclass
class Plan:
    """Which sites `after_ingest` re-assesses: `sites` (ids, in the order of `list_sites`) or None for every site;
    `current` is what its audit entry then says (`record_assessments(current=...)`); `why` says why every site."""

    sites: list[str] | None
    current: dict[str, Any]
    why: str = ""


KEPT_DAYS = 14  # days whose stored assessments an assessment entry vouches for (the latest days)


def plan_reassessment(conn, events: Sequence[Any], when: dt.date, params: Parameters,
                      incremental: bool = True) -> Plan:
    """Which sites to re-assess after `events` were stored, for the same result as re-assessing every site.

    Each `after_ingest` writes, in its assessment entry (`current`), the audit entry it read up to (`through`), the
    sites its batch can change (`touched`: `sites_touched` on the records as stored and the versions they replaced;
    "all" when it could not tell) and, for each recent day (`days`), the entry through which every site's stored
    assessment of that day was current. Its `through` ranges follow each other: every write is read by the next
    reaction, which accounts for it or says "all". So a day's assessments are current save for the sites the
    entries written since that day's mark name as touched. The sites to re-assess are those and this batch's,
    provided that every write since the last entry's `through` is this batch's own write of events (recognised by
    its ids' digest), a report only these events belong to, another reaction's assessment entry, or a write the
    model does not read. Anything else (a site edited, a feed import, another batch, an assessment by hand, other
    parameters) re-assesses every site, and so does a day no entry vouches for."""
    from legation.store import audit
    from legation.store.assessments import (
        assessment_entries,
        last_current,
        other_events_of_reports,
        replaced_records,
        writes_between,
    )
    from legation.store.events import ids_digest, stored_events
    from legation.store.sites import list_sites

    head = audit.head_seq(conn)
    day = when.isoformat()
    current: dict[str, Any] = {"as_of": day, "through": head, "model": MODEL, "parameters": fingerprint(params),
                               "touched": "all", "days": {day: head}}

    def every(why: str, days: dict[str, int] | None = None, touched: list[str] | None = None) -> Plan:
        if touched is not None and days is not None:  # this batch accounted for: the other days still vouched for
            kept = dict(sorted({**days, day: head}.items())[-KEPT_DAYS:])
            return Plan(None, {**current, "touched": touched, "days": kept}, why)
        return Plan(None, current, why)

    if not incremental:
        return every("asked to")
    _, last = last_current(conn, head)
    if last is None:
        return every("no assessment entry says which are current")
    if (last.get("model"), last.get("parameters")) != (MODEL, current["parameters"]):
        return every("the last assessments are of another model or parameters")
    ids = list(dict.fromkeys(str(e.id) for e in events))
    digest, own, revised, reports = ids_digest(ids), False, False, set()
    for row in writes_between(conn, int(last.get("through") or 0), head):
        after = row.after if isinstance(row.after, dict) else {}
        if row.entity in UNREAD_BY_MODEL:
            continue
        if row.entity == "report":
            reports.add(row.entity_id)
        elif row.entity == "assessment" and isinstance(after.get("current"), dict):
            continue
        elif row.entity == "event" and not own and after.get("ids_sha256") == digest:
            own, revised = True, bool(after.get("updated") or after.get("events_updated"))
        else:
            return every(f"audit entry {row.seq} ({row.action}) is not this batch's")
    if reports and other_events_of_reports(conn, reports, ids):
        return every("a new report has events before this batch")
    sites = list_sites(conn)
    touched: list[str] = []
    if own:  # else nothing was written: the events were stored as they were
        records = [s.record for s in stored_events(conn, ids).values()]
        if revised:
            records += replaced_records(conn, ids)
        touched = sites_touched(sites, records)
    days = last.get("days")
    days = {str(k): int(v) for k, v in days.items()} if isinstance(days, dict) else {}
    if day not in days:
        return every(f"no assessment entry vouches for {day}", days, touched)
    stale = set(touched)
    for _, since in assessment_entries(conn, days[day], head):
        if since is not None and int(since.get("through") or 0) <= days[day]:
            continue  # it read only writes the day's mark already counts
        if since is None or not isinstance(since.get("touched"), list):
            return every(f"an assessment since {day}'s were current re-assessed what it could not tell", days,
                         touched)
        stale |= set(since["touched"])
    kept = dict(sorted({**days, day: head}.items())[-KEPT_DAYS:])
    return Plan([s.id for s in sites if s.id in stale], {**current, "touched": touched, "days": kept})
