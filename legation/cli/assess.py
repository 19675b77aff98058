"""`legation assess` (the threat picture, recorded with its history) and `legation backtest` (how good it is)."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit, progress, warn
from legation.domain.errors import InputError


class Feed(enum.StrEnum):
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

    date = _date(at, "--at") or dt.datetime.now(dt.UTC).date()
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
    # unknown levels first (they need someone to look), then the highest probability first
    rows = [a.to_dict() for a in sorted(assessments, key=lambda a: (a.probability is not None,
                                                                     -(a.probability or 0.0), a.site_id))]
    if fmt == Format.table:
        emit([{"site": r["site"], "level": r["level_name"] if r["level"] is None else f"{r['level']} {r['level_name']}",
               "p(7d)": "unknown" if r["probability"] is None else f"{r['probability']:.1%}",
               "drivers": _driver_lines(r["drivers"])} for r in rows], fmt,
             columns=("site", "level", "p(7d)", "drivers"), title=f"Threat picture as of {date}")
    else:
        emit(rows, fmt)


@app.command("backtest")
def backtest_(path: Path = typer.Argument(None, help="The feed file to score on (or --test).", show_default=False),
              test: Path = typer.Option(None, "--test", metavar="FILE", help="The feed file to score on."),
              train: list[Path] = typer.Option(None, "--train", metavar="FILE",
                                               help="Fit on these feed files (repeatable; pooled) and score on the "
                                                    "test file without refitting. Default: rolling origin on the "
                                                    "test file's own past."),
              feed: Feed = typer.Option(Feed.ucdp, "--feed", help="The feeds' format (ucdp: UCDP GED CSV)."),
              sites: Path = typer.Option(None, "--sites", help="Sites CSV/GeoJSON to forecast for (default: every "
                                                                "place of 50,000 people or more in the feed's "
                                                                "country)."),
              radius: float = typer.Option(25.0, "--radius", metavar="KM", help="Watch radius of every site."),
              start: str = typer.Option("2010-01-01", "--from", metavar="DATE", help="First forecast week."),
              end: str = typer.Option("2018-12-31", "--to", metavar="DATE", help="Last day forecast."),
              refit_weeks: int = typer.Option(1, "--refit-weeks", min=1,
                                              help="Refit every N weeks (on the past only; baselines too)."),
              clim_years: float = typer.Option(3.0, "--clim-years", metavar="YEARS",
                                               help="The climatology baseline's trailing window."),
              plot: Path = typer.Option(None, "--plot", metavar="PNG", help="Write a reliability diagram."),
              forecasts: Path = typer.Option(None, "--forecasts", metavar="CSV",
                                             help="Write every forecast: site_id, lat, lon, radius_km, week_start, "
                                                  "probability, outcome."),
              save: Path = typer.Option(None, "--save-parameters", metavar="JSON",
                                        help="Write the parameters the run ended with (the --train fit, or the "
                                             "last refit on every week up to --to)."),
              fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Backtest: each week, forecast an attack within the radius of each site in the next 7 days and score it
    against trailing climatology, the trailing 52-week rate, a prospective hotspot and a plain logistic regression
    on counts, with the reliability table."""
    from legation.assess import backtest
    from legation.assess.model import MODEL

    if (path is None) == (test is None):
        raise InputError("name the file to score on once: as the argument or as --test")
    chosen = backtest.sites_from_file(sites) if sites else None
    begin, finish = _date(start, "--from"), _date(end, "--to")
    assert begin is not None and finish is not None  # both options have defaults
    weeks = max(1, ((finish - begin).days + 1) // 7)
    with progress() as bar:
        task = bar.add_task("backtest", total=weeks)
        result = backtest.run(path or test, sites=chosen, radius_km=radius, start=begin, end=finish,
                              refit_weeks=refit_weeks, plot=plot, on_step=lambda: bar.advance(task),
                              clim_years=clim_years, train_paths=list(train or []), forecasts=forecasts)
    if save:
        backtest.save_fitted(result, save)
    if fmt == Format.json:
        emit({k: v for k, v in result.items() if k != "weights"}, fmt)
    elif fmt == Format.jsonl:
        emit([{k: v for k, v in result.items() if k != "weights"}], fmt)
    else:
        summary = {k: (round(v, 4) if isinstance(v, float) else "—" if v is None else v)
                   for k, v in result.items() if k not in ("weights", "reliability", "notices")}
        for notice in result.get("notices") or []:
            warn(notice)
        emit(summary, fmt, title=f"Backtest of {MODEL}")
        emit([{k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()}
              for row in result["reliability"]], fmt, title="Reliability of the model")
