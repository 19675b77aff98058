"""Travel advisories: a level 1–4 per host country (or country/region) proposed from the site assessments, edited
and published by analysts, with history and a diff between versions; other governments' advisories (ADVISORY
events) are shown beside ours.

The mapping from the sites' UN security levels to an advisory level is a table, not code: a country whose worst
site stands at 5–6 (High, Extreme) is "Do Not Travel"; at 4 (Substantial) "Reconsider Travel"; at 3 "Exercise
Increased Caution"; below that "Exercise Normal Precautions". A burst of attacks in the country lifts the proposal
one step (capped at 4).

Silence is not safety: when no source has reported from the country recently enough (`legation.assess.coverage`),
or a site's level is unknown for that reason, the proposal is never level 1 ("Exercise Normal Precautions") — at least
2, with the reason and since when nothing covers the area.
"""

from __future__ import annotations

import datetime as dt
import difflib
from typing import Any

from legation.domain.errors import InputError
from legation.store.alerts import advisory_history, get_advisory, publish_advisory, save_advisory
from legation.store.events import query_events
from legation.store.sites import list_sites

NO_COVERAGE_FLOOR = 2  # the lowest proposal for an area nothing reports from
ADVISORY_LEVELS = {1: "Exercise Normal Precautions", 2: "Exercise Increased Caution", 3: "Reconsider Travel",
                   4: "Do Not Travel"}
FROM_UN_LEVEL = {1: 1, 2: 1, 3: 2, 4: 3, 5: 4, 6: 4}
BURST_ATTACKS_30D = 10  # attacks in the country in 30 days that lift the proposal one step


def _area_parts(area: str) -> tuple[str, str | None]:
    country, _, region = area.partition("/")
    country = country.strip().upper()
    if len(country) != 3 or not country.isalpha():
        raise InputError(f"an advisory area is an ISO alpha-3 country, optionally /CITY: not {area!r}")
    return country, region.strip() or None


def propose(conn, area: str, at: dt.date | None = None) -> dict[str, Any]:
    """A proposed advisory for `area` ("IRQ", or "IRQ/Erbil"): level, its name, a summary and the reasons."""
    country, region = _area_parts(area)
    at = at or dt.date.today()
    sites = [s for s in list_sites(conn, host_country=country)
             if region is None or (s.city or "").lower() == region.lower()]
    reasons: list[str] = []
    level = 1
    from legation.store.assessments import current_assessments

    assessments = {a.site_id: a for a in current_assessments(conn)}
    unknown = [(assessments[s.id], s) for s in sites if s.id in assessments and assessments[s.id].level is None]
    ranked = sorted(((assessments[s.id], s) for s in sites if s.id in assessments and assessments[s.id].known),
                    key=lambda pair: -(pair[0].level or 0))
    for assessment, site in ranked[:3]:
        level = max(level, FROM_UN_LEVEL[assessment.level or 1])
        top = assessment.drivers[0].text if assessment.drivers else "no single driver"
        reasons.append(f"{site.name}: level {assessment.level} ({assessment.level_name}), "
                       f"{assessment.probability:.0%} chance of an attack nearby within 7 days — {top}")
    since = (at - dt.timedelta(days=30)).isoformat()
    attacks = query_events(conn, types=["ASSAULT"], country=country, since=since, until=at.isoformat())
    if region:
        attacks = [e for e in attacks if region.lower() in (e.location.name or "").lower()]
    if attacks:
        reasons.append(f"{len(attacks)} attack(s) reported in {area} in the 30 days to {at.isoformat()}")
    if len(attacks) >= BURST_ATTACKS_30D and level < 4:
        level += 1
        reasons.append(f"raised one step: {len(attacks)} attacks in 30 days is at least {BURST_ATTACKS_30D}")
    if not ranked and not unknown:
        reasons.append("no assessed sites in this area: the proposal rests on reported attacks alone")
    coverage = _coverage(conn, country, at)
    if not coverage.known or unknown:
        last = coverage.since if not coverage.known else (unknown[0][0].coverage or {}).get("since")
        why = (f"no coverage of {area} since {last}" if last else f"no source has ever reported from {area}")
        names = ", ".join(site.name for _, site in unknown[:3])
        reasons.append(f"{why}{': level unknown at ' + names if names else ''} — silence is not safety, so the "
                       f"proposal is at least {NO_COVERAGE_FLOOR} ({ADVISORY_LEVELS[NO_COVERAGE_FLOOR]})")
        level = max(level, NO_COVERAGE_FLOOR)
    summary = f"{ADVISORY_LEVELS[level]} ({area}, proposed {at.isoformat()})"
    return {"area": area, "level": level, "level_name": ADVISORY_LEVELS[level], "summary": summary,
            "reasons": reasons, "coverage": coverage.to_dict()}


def _coverage(conn, country: str, at: dt.date):
    """Which sources reported from the country by `at` (legation.assess.coverage)."""
    from legation.assess.service import area_coverage

    return area_coverage(conn, country, at)


def draft(conn, area: str, *, level: int | None = None, summary: str | None = None, at: dt.date | None = None
          ) -> dict[str, Any]:
    """Save a new draft version: the proposal, with the analyst's level or summary where given."""
    proposal = propose(conn, area, at)
    if level is not None:
        if level not in ADVISORY_LEVELS:
            raise InputError(f"an advisory level is 1..4, not {level}")
        if level != proposal["level"]:
            proposal["reasons"].append(f"level set by analyst to {level} (proposed {proposal['level']})")
        proposal["level"], proposal["level_name"] = level, ADVISORY_LEVELS[level]
    text = summary or f"{ADVISORY_LEVELS[proposal['level']]} ({area})"
    version = save_advisory(conn, area, proposal["level"], text, proposal["reasons"])
    return get_advisory(conn, area, version)


def publish(conn, area: str, version: int | None = None) -> dict[str, Any]:
    current = get_advisory(conn, area, version)
    publish_advisory(conn, area, current["version"])
    return get_advisory(conn, area, current["version"])


def render(advisory: dict[str, Any]) -> str:
    """An advisory as the text a reader sees (also what `diff` compares)."""
    lines = [f"{advisory['area']} — Level {advisory['level']}: {ADVISORY_LEVELS[advisory['level']]}",
             advisory["summary"], ""]
    lines += [f"- {reason}" for reason in advisory["reasons"]]
    return "\n".join(lines) + "\n"


def diff(conn, area: str, old: int, new: int) -> str:
    a, b = get_advisory(conn, area, old), get_advisory(conn, area, new)
    return "".join(difflib.unified_diff(render(a).splitlines(True), render(b).splitlines(True),
                                        fromfile=f"{area} v{old}", tofile=f"{area} v{new}"))


def history(conn, area: str | None = None) -> list[dict[str, Any]]:
    return advisory_history(conn, area)


def foreign_advisories(conn, country: str, since: str | None = None) -> list[dict[str, Any]]:
    """Advisories other governments published about `country` (ADVISORY events), newest first."""
    out = []
    for event in query_events(conn, types=["ADVISORY"], since=since, limit=200):
        about = {event.location.country} | {p.country for p in event.recipients}
        if country.upper() not in about:
            continue
        issuer = event.actors[0].name if event.actors else "unknown"
        out.append({"issuer": issuer, "issuer_country": event.actors[0].country if event.actors else None,
                    "date": event.date.start, "mode": event.mode, "text": event.evidence.sentence,
                    "event": event.id})
    return out
