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
    auto = "auto"
    ucdp = "ucdp"
    acled = "acled"


class Known(enum.StrEnum):
    published = "published"
    happened = "happened"


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
def backtest_(path: list[Path] = typer.Argument(None, help="The feed file(s) to score on (or --test).",
                                                show_default=False),
              test: list[Path] = typer.Option(None, "--test", metavar="FILE",
                                              help="A feed file to score on (repeatable: one backtest each)."),
              train: list[Path] = typer.Option(None, "--train", metavar="FILE",
                                               help="Fit on these feed files (repeatable; pooled) and score on the "
                                                    "test file without refitting. Default: rolling origin on the "
                                                    "test file's own past."),
              feed: Feed = typer.Option(Feed.auto, "--feed",
                                        help="The feeds' format: auto (each file's header says: UCDP GED or "
                                             "ACLED), ucdp or acled (every file)."),
              known: Known = typer.Option(Known.published, "--known",
                                          help="When a test file's event was known: published (the feed's own "
                                               "date when later than the event: UCDP source_date, ACLED timestamp, "
                                               "as assess reads it) or happened (its last day: for exports re-coded "
                                               "later, whose dates added are revisions). --train files are always "
                                               "read as published."),
              sites: Path = typer.Option(None, "--sites", help="Sites CSV/GeoJSON to forecast for (default: every "
                                                                "place of 50,000 people or more in the feed's "
                                                                "country)."),
              only: list[str] = typer.Option(None, "--site", metavar="ID",
                                             help="Only the sites whose id matches (a shell pattern such as "
                                                  "'*-emb-baghdad'; repeatable): a group measured on its own."),
              radius: list[float] = typer.Option([25.0], "--radius", metavar="KM",
                                                 help="Watch radius of every site (repeatable: one backtest each)."),
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
              dask: str = typer.Option(None, "--dask", metavar="ADDRESS|local:N",
                                       help="Run the backtests (one per test file and radius) as parallel tasks "
                                            "on a Dask cluster: its scheduler's address, or local:N."),
              fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Backtest: each week, forecast an attack within the radius of each site in the next 7 days and score it
    against trailing climatology, the trailing 52-week rate, a prospective hotspot and a plain logistic regression
    on counts, with the reliability table. The files are UCDP GED or ACLED exports (an attack: a row the reader
    maps to ASSAULT). Several test files or radii give one backtest each, in that order (each file with each
    radius); --dask runs them in parallel and prints the same."""
    from legation.assess import backtest
    from legation.assess.model import MODEL

    tests = [*(path or []), *(test or [])]
    if not tests:
        raise InputError("name the file to score on: as the argument or as --test")
    runs = [(t, r) for t in tests for r in (radius or [25.0])]
    if len(runs) > 1 and (plot or forecasts or save):
        raise InputError("--plot, --forecasts and --save-parameters write one backtest's files: give one test "
                         "file and one radius")
    if dask and (plot or forecasts):
        raise InputError("--plot and --forecasts are written where the backtest runs: leave out --dask")
    chosen = backtest.sites_from_file(sites) if sites else None
    if only:
        chosen = backtest.pick_sites(chosen if chosen is not None else [], only)
    begin, finish = _date(start, "--from"), _date(end, "--to")
    assert begin is not None and finish is not None  # both options have defaults
    weeks = max(1, ((finish - begin).days + 1) // 7)
    options: dict = {"sites": chosen, "start": begin, "end": finish, "refit_weeks": refit_weeks,
                     "clim_years": clim_years, "train_paths": list(train or []),
                     "feed": None if feed == Feed.auto else feed.value, "known": known.value}
    with progress() as bar:
        task = bar.add_task("backtest", total=weeks * len(runs))
        if dask:
            results = _backtests_on_dask(runs, dask, options, lambda: bar.advance(task, weeks))
        else:
            results = [backtest.run(test_path, radius_km=km, plot=plot, forecasts=forecasts,
                                    on_step=lambda: bar.advance(task), **options) for test_path, km in runs]
    if save:
        backtest.save_fitted(results[0], save)
    shown = [{k: v for k, v in result.items() if k != "weights"} for result in results]
    if fmt == Format.json:
        emit(shown[0] if len(shown) == 1 else shown, fmt)
    elif fmt == Format.jsonl:
        emit(shown, fmt)
    else:
        for result in results:
            summary = {k: (round(v, 4) if isinstance(v, float) else "—" if v is None else v)
                       for k, v in result.items() if k not in ("weights", "reliability", "notices")}
            for notice in result.get("notices") or []:
                warn(notice)
            emit(summary, fmt, title=f"Backtest of {MODEL}")
            emit([{k: (round(v, 4) if isinstance(v, float) else v) for k, v in row.items()}
                  for row in result["reliability"]], fmt, title="Reliability of the model")


def _backtests_on_dask(runs: list[tuple[Path, float]], address: str, options: dict, on_done) -> list[dict]:
    """`backtest.run` of each (test file, radius) as a task on the cluster; the results in the order of `runs`. A
    backtest's own error (a bad file) is raised as a serial run raises it; a task lost otherwise is one line."""
    from legation.assess import backtest
    from legation.cli.cluster import connect, reason, shut
    from legation.domain.errors import LegationError

    client, cluster = connect(address)  # no plugin: a backtest needs no language model
    try:
        futures = [client.submit(backtest.run, str(test_path), radius_km=km, pure=False, retries=1, **options)
                   for test_path, km in runs]
        results = []
        for (test_path, km), future in zip(runs, futures, strict=True):
            try:
                results.append(future.result())
            except LegationError:
                raise
            except Exception as err:  # noqa: BLE001 - a worker lost too often, an import error there: one line
                raise InputError(f"backtest of {test_path} at {km:g} km failed on the cluster ({reason(err)})"
                                 ) from None
            on_done()
        return results
    finally:
        shut(client, cluster)
