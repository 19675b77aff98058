"""Supervision: what a supervisor must chase, as findings (`legation orders watch`).

- unacknowledged: a recipient has not acknowledged a live order by its deadline (set by priority);
- coverage-gap: a site's current threat level asks for measures (per the editable measures-per-level table) that
  neither its posture nor an order in force provides;
- expiring: a live order ends within the look-ahead window;
- non-compliance: a recipient reported partial compliance or none;
- from-the-news: a stored PROTECT event that reports an order (mode `order`, or an actor the hierarchy knows) and
  that no order cites yet, offered as `legation orders propose --from-report REPORT`.

Levels come from the threat model (`legation.store.assessments.current_assessments`) when it is installed, or from
`levels` given by the caller (tests, or a recorded assessment).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from legation.act.authorities import DATA, read_data_file
from legation.domain.authorities import Hierarchy
from legation.domain.errors import InputError
from legation.domain.measures import MeasuresTable
from legation.domain.orders import LIVE, Order, settle
from legation.domain.time import utc
from legation.store import orders as repo
from legation.store.sites import list_sites

DEFAULT_MEASURES_TABLE = DATA / "measures-per-level.yaml"
LEVEL_NAMES = {1: "Minimal", 2: "Low", 3: "Moderate", 4: "Substantial", 5: "High", 6: "Extreme"}


def load_measures_table(path: str | Path | None = None) -> MeasuresTable:
    """The measures-per-level table in `path` (YAML or JSON: `levels: {1: [...], ...}`), or the shipped one."""
    path = Path(path) if path else DEFAULT_MEASURES_TABLE
    data = read_data_file(path)
    levels = data.get("levels") if isinstance(data, dict) else None
    if not isinstance(levels, dict) or not levels:
        raise InputError(f"{path}: want a mapping `levels` from level (1-6) to a list of measures")
    required = {}
    for key, measures in levels.items():
        if not str(key).isdigit() or not isinstance(measures or [], list):
            raise InputError(f"{path}: level {key!r} must be a number 1-6 with a list of measures")
        required[int(key)] = tuple(measures or ())
    try:
        return MeasuresTable(required)
    except InputError as err:
        raise InputError(f"{path}: {err.message}") from None


def site_levels(conn: sa.Connection) -> dict[str, dict[str, Any]]:
    """Current level per site from the threat model."""
    from legation.store.assessments import current_assessments

    return {found.site_id: {"level": int(found.level), "level_name": found.level_name,
                            "probability": found.probability} for found in current_assessments(conn)
            if found.level is not None}  # unknown (no coverage): no level to compare measures with


def _level_entry(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return {"level": int(value["level"]), "level_name": value.get("level_name") or LEVEL_NAMES[int(value["level"])],
                "probability": value.get("probability")}
    return {"level": int(value), "level_name": LEVEL_NAMES.get(int(value)), "probability": None}


def watch(conn: sa.Connection, table: MeasuresTable, at: Any = None, *,
          levels: Mapping[str, Any] | None = None, expiring_within_hours: float = 48.0,
          news_days: int = 14, hierarchy: Hierarchy | None = None) -> list[dict[str, Any]]:
    """Every finding as at `at`, most urgent first: overdue acknowledgements, non-compliance, coverage gaps,
    expiring orders, then PROTECT events of the last `news_days` days that no order cites."""
    at = utc(at) or dt.datetime.now(dt.UTC)
    live = [o for o in (settle(o, at) for o in repo.list_orders(conn, states=LIVE, latest_only=False))
            if o.state in LIVE]
    findings = _overdue(live, at) + _non_compliance(live)
    current = {k: _level_entry(v) for k, v in (levels if levels is not None else site_levels(conn)).items()}
    findings += _gaps(conn, table, live, current)
    findings += _expiring(live, at, expiring_within_hours)
    findings += _from_the_news(conn, at, news_days, hierarchy)
    return findings


def _from_the_news(conn: sa.Connection, at: dt.datetime, days: int,
                   hierarchy: Hierarchy | None) -> list[dict[str, Any]]:
    cited = {e for o in repo.list_orders(conn, latest_only=False) for e in (o.evidence.get("events") or [])}
    since = (at - dt.timedelta(days=days)).date().isoformat()

    def ordered(e: dict) -> bool:  # an authority ordering protection, not a drone shot down by base defences
        return "order" in e["modes"] or (hierarchy is not None and any(hierarchy.match(name) for name in
                                                                       e["actor_names"].split("|") if name))

    return [{"kind": "from-the-news", "event": e["id"], "report": e["report_id"], "date": e["date_start"],
             "detail": f"reported {e['date_start']}: \"{_short(e['sentence'])}\" — no order cites it; "
                       f"legation orders propose --from-report {e['report_id']}"}
            for e in repo.protect_events_between(conn, since, at.date().isoformat())
            if e["id"] not in cited and e["report_id"] and ordered(e)]


def _short(text: str, width: int = 90) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[:width - 1] + "…"


def _overdue(live: list[Order], at: dt.datetime) -> list[dict[str, Any]]:
    out = []
    for order in live:
        deadline = order.ack_deadline
        if deadline is None or at <= deadline:
            continue
        for recipient in order.unacknowledged():
            out.append({"kind": "unacknowledged", "order": order.ref, "recipient": recipient,
                        "priority": order.priority, "deadline": deadline.isoformat(),
                        "hours_late": round((at - deadline).total_seconds() / 3600, 1),
                        "supervisor": order.supervisor, "issuer": order.issuer,
                        "detail": f"{recipient} has not acknowledged {order.ref} ({order.priority}), due "
                                  f"{deadline:%Y-%m-%d %H:%M} UTC"})
    return sorted(out, key=lambda f: -f["hours_late"])


def _non_compliance(live: list[Order]) -> list[dict[str, Any]]:
    out = []
    for order in live:
        latest: dict[str, dict] = {}
        for report in order.compliance:
            latest[report["by_authority"]] = report
        for recipient, report in latest.items():
            if report["status"] != "complied":
                out.append({"kind": "non-compliance", "order": order.ref, "recipient": recipient,
                            "status": report["status"], "supervisor": order.supervisor,
                            "detail": f"{recipient} reports {report['status']} on {order.ref}: {report['note']}"
                                      .rstrip(": ")})
    return out


def measures_in_force(conn: sa.Connection, live: list[Order]) -> dict[str, dict[str, Any]]:
    """Per site: the measures in force (posture plus orders in force) and the orders providing them."""
    sites = {s.id: s for s in list_sites(conn)}
    cover = {sid: {"site": site, "measures": set(site.posture), "orders": []} for sid, site in sites.items()}
    for order in live:
        if order.state != "in-force":
            continue
        for sid in order.sites:
            if sid in cover:
                cover[sid]["measures"].update(order.measures)
                cover[sid]["orders"].append(order.ref)
    return cover


def _gaps(conn: sa.Connection, table: MeasuresTable, live: list[Order],
          levels: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for sid, cover in measures_in_force(conn, live).items():
        if sid not in levels:
            continue
        level = levels[sid]["level"]
        missing = table.missing(level, cover["measures"])
        if missing:
            covered = table.covered_level(cover["measures"])
            out.append({"kind": "coverage-gap", "site": sid, "name": cover["site"].name, "level": level,
                        "level_name": levels[sid]["level_name"], "covered_level": covered,
                        "missing": missing, "in_force": sorted(cover["measures"]), "orders": cover["orders"],
                        "detail": f"{sid} is at level {level} ({levels[sid]['level_name']}) but its measures cover "
                                  f"level {covered}; missing {', '.join(missing)}"})
    return sorted(out, key=lambda f: (-(f["level"] - f["covered_level"]), f["site"]))


def _expiring(live: list[Order], at: dt.datetime, within_hours: float) -> list[dict[str, Any]]:
    horizon = at + dt.timedelta(hours=within_hours)
    out = [{"kind": "expiring", "order": o.ref, "valid_until": o.valid_until.isoformat(),
            "hours_left": round((o.valid_until - at).total_seconds() / 3600, 1), "supervisor": o.supervisor,
            "issuer": o.issuer, "detail": f"{o.ref} expires {o.valid_until:%Y-%m-%d %H:%M} UTC"}
           for o in live if o.valid_until is not None and o.valid_until <= horizon]
    return sorted(out, key=lambda f: f["hours_left"])
