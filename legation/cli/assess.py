"""`legation assess` (the threat picture, recorded with its history) and `legation backtest` (how good it is)."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit, progress, warn
from legation.domain.errors import InputError


class Feed(str, enum.Enum):
    ucdp = "ucdp"


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{option}: not a date (want YYYY-MM-DD): {value!r}") from None


def _driver_lines(drivers: list[dict], limit: int = 3) -> str:
    return "\n".join(f"{d['weight']:+.2f} {d['text']}" for d in drivers[:limit])


@app.command("assess")
def assess_(ctx: typer.Context,
            at: str = typer.Option(None, "--at", metavar="DATE",
                                   help="Assess as of the end of this day (YYYY-MM-DD; default today): events "
                                        "on or before it count, the forecast covers the 7 days after it."),
            site: list[str] = typer.Option(None, "--site", metavar="ID", help="Only this site (repeatable)."),
            record: bool = typer.Option(True, "--record/--no-record",
                                        help="Store the assessments and their level changes (default)."),
            fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """The threat level of each site (UN scale 1-6), the 7-day probability of an attack within its radius, and
    the drivers that raised it, each weighted (log-odds it adds)."""
    from legation.assess.service import assess_sites
    from legation.store.assessments import record_assessments
    from legation.store.audit import acting_as

    date = _date(at, "--at") or dt.date.today()
    store = state(ctx).store()
    with store.connect() as conn:
        assessments = assess_sites(conn, date, site or None)
    changes = []
    if record and assessments:
        with store.begin() as conn, acting_as(state(ctx).user):
            changes = record_assessments(conn, assessments)
    for change in changes:
        if change.old_level is not None:
            warn(f"level of {change.site_id} {'raised' if change.raised else 'lowered'} "
                 f"{change.old_level} → {change.new_level}")
    rows = [a.to_dict() for a in sorted(assessments, key=lambda a: (-a.probability, a.site_id))]
    if fmt == Format.table:
        emit([{"site": r["site"], "level": f"{r['level']} {r['level_name']}", "p(7d)": f"{r['probability']:.1%}",
               "drivers": _driver_lines(r["drivers"])} for r in rows], fmt,
             columns=("site", "level", "p(7d)", "drivers"), title=f"Threat picture as of {date}")
    else:
        emit(rows, fmt)


@app.command("backtest")
def backtest_(feed: Feed = typer.Option(..., "--feed", help="The feed's format (ucdp: UCDP GED CSV)."),
              path: Path = typer.Argument(..., help="The feed file.", show_default=False),
              sites: Path = typer.Option(None, "--sites", help="Sites CSV/GeoJSON to forecast for (default: every "
                                                                "place of 50,000 people or more in the feed's "
                                                                "country)."),
              radius: float = typer.Option(25.0, "--radius", metavar="KM", help="Watch radius of every site."),
              start: str = typer.Option("2010-01-01", "--from", metavar="DATE", help="First forecast week."),
              end: str = typer.Option("2018-12-31", "--to", metavar="DATE", help="Last day forecast."),
              refit_weeks: int = typer.Option(1, "--refit-weeks", min=1,
                                              help="Refit the model every N weeks (on the past only)."),
              plot: Path = typer.Option(None, "--plot", metavar="PNG", help="Write a reliability diagram."),
              save: Path = typer.Option(None, "--save-parameters", metavar="JSON",
                                        help="Also fit on all weeks up to --to and write the parameters file."),
              fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Rolling-origin backtest: each week, fit on the past only and forecast an attack within the radius of each
    site in the next 7 days; scores against climatology and a prospective-hotspot baseline."""
    from legation.assess import backtest

    chosen = backtest.sites_from_file(sites) if sites else None
    begin, finish = _date(start, "--from"), _date(end, "--to")
    weeks = max(1, ((finish - begin).days + 1) // 7)
    with progress() as bar:
        task = bar.add_task("backtest", total=weeks)
        result = backtest.run(path, sites=chosen, radius_km=radius, start=begin, end=finish,
                              refit_weeks=refit_weeks, plot=plot, on_step=lambda: bar.advance(task))
    if save:
        backtest.save_fitted(result, save)
    if fmt == Format.json:
        emit({k: v for k, v in result.items() if k != "weights"}, fmt)
    elif fmt == Format.jsonl:
        emit([{k: v for k, v in result.items() if k != "weights"}], fmt)
    else:
        summary = {k: (round(v, 4) if isinstance(v, float) else v) for k, v in result.items()
                   if k not in ("weights", "reliability")}
        emit(summary, fmt, title="Backtest of legation.threat.v1")
        emit([{k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()}
              for row in result["reliability"]], fmt, title="Reliability of the model")
