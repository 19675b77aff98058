"""Briefings: a situation report for a visiting delegation or a mission, as Markdown, HTML or PDF.

It holds the level of each site with its drivers, the trend of attacks near the sites (a matplotlib chart), orders
in force and their compliance, recent incidents and claims — and a check that flags an assurance contradicting the
evidence: a briefing that says "no threat" while one of its sites stands at level 4 or above says so, in red. An
assurance never passes unchecked where the evidence cannot speak: a site whose level is unknown (nothing reports
from its area — "no coverage since DATE") or that was never assessed gets its own warning, assurance or not.
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from legation.act.orders import orders_for_briefing
from legation.domain.errors import InputError
from legation.domain.geo import haversine_km
from legation.domain.ontology import is_violent
from legation.domain.sites import Site
from legation.domain.users import User, visible_event
from legation.store.events import query_events
from legation.store.sites import get_site, list_sites

TEMPLATES = Path(__file__).with_name("templates")
# Phrases by which an official assures there is no danger.
ASSURANCE = re.compile(r"\b(no (?:real |serious |imminent )?(?:threat|danger|risk)|completely safe|fully secure|"
                       r"under control)\b", re.IGNORECASE)
CONTRADICTING_LEVEL = 4  # Substantial or worse


@dataclass
class Briefing:
    audience: str
    at: dt.date
    sites: list[dict[str, Any]]
    incidents: list[dict[str, Any]]
    claims: list[dict[str, Any]]
    orders: list[dict[str, Any]]
    warnings: list[str] = field(default_factory=list)
    trend_png: bytes = b""
    trend_days: list[tuple[str, int]] = field(default_factory=list)


def _choose_sites(conn, audience: str, site_ids: list[str] | None) -> list[Site]:
    if site_ids:
        return [get_site(conn, s) for s in site_ids]
    own = list_sites(conn, sending_state=audience) if len(audience) == 3 else []
    return own or list_sites(conn)


def _assessments(conn) -> dict[str, Any]:
    from legation.store.assessments import current_assessments

    return {a.site_id: a for a in current_assessments(conn)}


def _reader(conn, audience: str) -> User | None:
    """Who the briefing is for, as the access rules see them: a mission's briefing (an audience with sites of its
    own) reads what that mission's liaison may read (`legation.domain.users`); any other, everything."""
    if len(audience) == 3 and list_sites(conn, sending_state=audience):
        return User("briefing", "liaison", organisation=audience)
    return None


def _near_any(event, sites: list[Site], extra_km: float = 0.0) -> Site | None:
    if event.location.lat is None:
        return None
    for site in sites:
        if haversine_km(site.lat, site.lon, event.location.lat, event.location.lon) <= site.radius_km + extra_km:
            return site
    return None


def trend_chart(days: list[tuple[str, int]], title: str) -> bytes:
    """A bar chart of attacks per day with the 7-day mean, as PNG bytes."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    counts = [c for _, c in days]
    mean7 = [sum(counts[max(0, i - 6): i + 1]) / min(7, i + 1) for i in range(len(counts))]
    fig, ax = plt.subplots(figsize=(7, 2.4), dpi=110)
    ax.bar(range(len(days)), counts, color="#b23b3b", label="attacks per day")
    ax.plot(range(len(days)), mean7, color="#1f3d7a", label="7-day mean")
    ticks = list(range(0, len(days), 15))
    ax.set_xticks(ticks, [days[i][0][5:] for i in ticks])
    ax.set_title(title, fontsize=9)
    ax.legend(fontsize=7, loc="upper left")
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return buffer.getvalue()


def build(conn, audience: str, *, site_ids: list[str] | None = None, at: dt.date | None = None,
          assurance: str | None = None, days: int = 90) -> Briefing:
    """Gather what a briefing says. `assurance` is a statement to check against the evidence."""
    at = at or dt.date.today()
    sites = _choose_sites(conn, audience.upper(), site_ids)
    if not sites:
        raise InputError("no sites to brief on: import sites first (legation sites import)")
    assessed = _assessments(conn)
    since = at - dt.timedelta(days=days - 1)
    reach = max(s.radius_km for s in sites) + 50
    countries = {s.host_country for s in sites}
    reader = _reader(conn, audience.upper())
    registry = list_sites(conn) if reader is not None else []
    events = [e for e in query_events(conn, since=since.isoformat(), until=at.isoformat())
              if (e.location.country in countries or _near_any(e, sites, reach))
              and (reader is None or visible_event(reader, e, registry))]
    per_day = {(since + dt.timedelta(days=i)).isoformat(): 0 for i in range(days)}
    incidents, claims = [], []
    for e in events:
        day = (e.date.start or "")[:10]
        near = _near_any(e, sites)
        if is_violent(e.type, e.mode) and near and day in per_day:
            per_day[day] += 1
        recent = day >= (at - dt.timedelta(days=14)).isoformat()
        if recent and e.type == "ASSAULT":
            incidents.append({"date": day, "where": e.location.name or e.location.text or "", "near": near.name
                              if near else "", "what": ", ".join(e.mode) or "attack",
                              "by": ", ".join(p.name or p.text for p in e.actors) or "unknown",
                              "text": e.evidence.sentence})
        if recent and e.type == "CLAIM":
            claims.append({"date": day, "by": ", ".join(p.name or p.text for p in e.actors) or "unknown",
                           "text": e.evidence.sentence})
    rows = []
    for s in sites:
        a = assessed.get(s.id)
        rows.append({"id": s.id, "name": s.name, "city": s.city, "level": a.level if a else None,
                     "level_name": a.level_name if a else "not assessed",
                     "probability": a.probability if a else None,
                     "drivers": [d.text for d in a.drivers[:3]] if a else [],
                     "coverage": (a.coverage or {}) if a else {"status": "not assessed"}})
    rows.sort(key=lambda r: -(r["level"] if isinstance(r["level"], int) else 0))
    briefing = Briefing(audience=audience, at=at, sites=rows, incidents=incidents[:20], claims=claims[:10],
                        orders=orders_for_briefing(conn, {s.id for s in sites}, user=reader),
                        trend_days=list(per_day.items()))
    briefing.warnings = check_assurances(briefing, assurance, events)
    briefing.trend_png = trend_chart(briefing.trend_days, f"Attacks near the briefed sites, {days} days to {at}")
    return briefing


def check_assurances(briefing: Briefing, assurance: str | None, events) -> list[str]:
    """Flag each assurance of safety (given, or reported in recent events) that a site's level contradicts, or
    that the evidence cannot back because a site's level is unknown (no coverage) or was never assessed; and say
    which sites nothing covers even when no assurance was given."""
    worst = [r for r in briefing.sites if (r["level"] or 0) >= CONTRADICTING_LEVEL]
    blind = [r for r in briefing.sites if r["level"] is None]
    statements = []
    if assurance and ASSURANCE.search(assurance):
        statements.append(("this briefing", assurance))
    for e in events:
        if e.evidence.sentence and ASSURANCE.search(e.evidence.sentence) and e.type not in ("ASSAULT",):
            statements.append((", ".join(p.name or p.text for p in e.actors) or "a reported statement",
                               e.evidence.sentence))
    out = []
    if worst:
        names = "; ".join(f"{r['name']} at level {r['level']} ({r['level_name']})" for r in worst)
        out += [f"Assurance contradicted by the evidence — {who}: \u201c{ASSURANCE.search(text).group(0)}\u201d, "
                f"while {names}." for who, text in statements]
    if blind:
        names = "; ".join(f"{r['name']} ({_blind_words(r)})" for r in blind)
        out += [f"Assurance not supported by any evidence — {who}: \u201c{ASSURANCE.search(text).group(0)}\u201d, "
                f"while the level is unknown at {names}: silence is not safety." for who, text in statements]
        out.append(f"Level unknown at {names}: no report from there is no evidence of calm.")
    return out


def _blind_words(row: dict[str, Any]) -> str:
    coverage = row.get("coverage") or {}
    if coverage.get("status") == "not assessed":
        return "not assessed"
    return coverage.get("text") or "no coverage"


def _env() -> Environment:
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda p: "—" if p is None else f"{p:.0%}"
    return env


def render_markdown(b: Briefing, chart_name: str | None = None) -> str:
    return _env().get_template("briefing.md.j2").render(b=b, chart=chart_name)


def render_html(b: Briefing) -> str:
    chart = "data:image/png;base64," + base64.b64encode(b.trend_png).decode("ascii")
    return _env().get_template("briefing.html.j2").render(b=b, chart=chart)


def write(b: Briefing, fmt: str, out: Path) -> Path:
    """Write the briefing as md (with the chart PNG beside it), html (chart inline) or pdf (WeasyPrint)."""
    out = Path(out)
    if fmt == "md":
        chart = out.with_suffix(".trend.png")
        chart.write_bytes(b.trend_png)
        out.write_text(render_markdown(b, chart.name), encoding="utf-8")
    elif fmt == "html":
        out.write_text(render_html(b), encoding="utf-8")
    elif fmt == "pdf":
        from weasyprint import HTML

        HTML(string=render_html(b)).write_pdf(str(out))
    else:
        raise InputError(f"unknown briefing format {fmt!r} (md, html or pdf)")
    return out
