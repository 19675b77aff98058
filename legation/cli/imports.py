"""`legation import acled|gdelt|ucdp PATH`: conflict-event feeds into the event store, every row accounted for."""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Callable, Generator
from pathlib import Path
from typing import Annotated

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit, progress, warn

import_app = typer.Typer(help="Import conflict-event feeds (ACLED, GDELT 2.0, UCDP GED) as events. Idempotent: "
                              "re-importing adds nothing; a revised row updates its event and keeps the earlier "
                              "version.", no_args_is_help=True)
app.add_typer(import_app, name="import")

PATH_HELP = "The feed file: plain, .gz or .zip; `-` reads standard input."
STRICT_HELP = "Fail the whole import on the first bad row, writing nothing. Default: bad rows go to the rejects file."
REJECTS_HELP = "Where bad rows are written as CSV (source, line, column, reason). Default: NAME.rejects.csv here."
BATCH_HELP = "Rows per transaction (a crash loses at most the batch in progress; re-running completes it)."
# GDELT: larger batches, because each batch rewrites every event its rows report on (measured: -12% CPU at 25k).
GDELT_BATCH = 25_000


# What a reason shared by every row most likely means.
_HINTS = (("columns, not 61", ", so this is not a GDELT 2.0 events export (61 tab-separated columns, no header)"),
          ("fields, the header has", ", so rows and header disagree (a delimiter or quoting problem?)"))


class RejectsFile:
    """Bad rows written as they come (never held in memory); the file is created only if there is one. Counts
    the reasons by column and kind (the text before a quoted value), to name the likely cause when every row fails."""

    def __init__(self, path: Path):
        self.path, self._handle, self._writer = path, None, None
        self.reasons: Counter[tuple[str, str]] = Counter()
        self.example: dict[tuple[str, str], object] = {}

    def likely_cause(self) -> str:
        (column, kind), n = self.reasons.most_common(1)[0]
        first = self.example[(column, kind)]
        where = f"{column} " if column else ""
        hint = next((h for marker, h in _HINTS if marker in first.reason), "")
        return f"{n:,} of them: {where}{first.reason} (line {first.line}){hint}"

    def write(self, reject) -> None:
        key = (reject.column or "", reject.reason.split(": ", 1)[0].split("'", 1)[0])
        self.reasons[key] += 1
        self.example.setdefault(key, reject)
        if self._writer is None:
            self._handle = open(self.path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by close()
            self._writer = csv.writer(self._handle)
            self._writer.writerow(["source", "line", "column", "reason"])
        self._writer.writerow([reject.source, reject.line if reject.line is not None else "", reject.column or "",
                               reject.reason])

    def close(self) -> str | None:
        if self._handle is None:
            return None
        self._handle.close()
        return str(self.path)


# The argument and options every `import` command takes.
PathArg = Annotated[str, typer.Argument(metavar="PATH", help=PATH_HELP)]
Strict = Annotated[bool, typer.Option("--strict", help=STRICT_HELP)]
Rejects = Annotated[Path | None, typer.Option("--rejects", help=REJECTS_HELP)]
BatchSize = Annotated[int, typer.Option("--batch-size", help=BATCH_HELP)]
FormatOption = Annotated[Format, typer.Option("--format", help="table, json or jsonl")]


def run_feed(ctx: typer.Context, title: str, path: str, read: Callable, store_as: dict, *, strict: bool,
             rejects: Path | None, batch_size: int, fmt: Format) -> None:
    """What every `import` command does: open the file, stream its rows through `read(stream, name)` into the
    store (`Feed(**store_as)` says how), write bad rows to the rejects file, print the accounting."""
    from legation.domain.errors import InputError
    from legation.ingest.feeds.common import open_feed
    from legation.store.audit import acting_as
    from legation.store.imports import Feed, run_import

    if batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    store = state(ctx).store()
    target = rejects or Path(f"{'stdin' if path == '-' else Path(path).name}.rejects.csv")
    rejects_file = RejectsFile(target)
    try:
        with open_feed(path) as opened, progress() as bar, acting_as(state(ctx).user):
            task = bar.add_task(f"{title} {opened.name}", total=opened.size)
            counts = run_import(store, read(opened.stream, opened.name), Feed(**store_as), file=opened.name,
                                strict=strict, batch_size=batch_size, on_reject=rejects_file.write,
                                on_batch=lambda _c: bar.update(task, completed=opened.position()),
                                on_notice=lambda notice: warn(notice.text))
    finally:
        written = rejects_file.close()
    emit({"read": counts.read, "imported": counts.imported, "duplicates": counts.duplicates,
          "rejected": counts.rejected, "rejected_file": written, "revised": counts.revised,
          "events_added": counts.events_added, "events_updated": counts.events_updated}, fmt,
         title=f"{title} import")
    if counts.read and counts.rejected == counts.read:
        raise InputError(f"{'stdin' if path == '-' else path}: every row ({counts.read:,}) was rejected, nothing "
                         f"imported; likely cause, {rejects_file.likely_cause()}; all reasons in {written}")
    if counts.events_added:
        warn("the new records are in no incident yet: run `legation incidents update` to place them")


@import_app.command("gdelt")
def gdelt(ctx: typer.Context,
          path: Annotated[str | None, typer.Argument(metavar="PATH", help=PATH_HELP + " Not with --backfill.",
                                                     show_default=False)] = None,
          cameo_map: Annotated[Path | None, typer.Option(
              "--cameo-map", envvar="LEGATION_CAMEO_MAP", help="A CAMEO-to-PLOVER conversion table to use instead "
                                                              "of Legation's own (the public table's text format).")
          ] = None,
          backfill: Annotated[Path | None, typer.Option(
              "--backfill", metavar="DIR", help="Import every 15-minute export in DIR (files named "
                                                "YYYYMMDDHHMMSS.export.CSV or .CSV.zip), in time order.")] = None,
          start: Annotated[str | None, typer.Option(
              "--from", metavar="YYYY-MM-DDTHH:MM", help="With --backfill: the exports from this quarter hour on "
                                                         "(by their file names; a bare date is its 00:00).")] = None,
          end: Annotated[str | None, typer.Option(
              "--to", metavar="YYYY-MM-DDTHH:MM", help="With --backfill: the exports up to this quarter hour, "
                                                       "included (a bare date: up to its last export).")] = None,
          dask: Annotated[str | None, typer.Option(
              "--dask", metavar="ADDRESS|local:N", help="With --backfill: read and check the exports on a Dask "
                                                        "cluster (its scheduler's address, tcp://host:8786, or "
                                                        "local:N for N worker processes started here); this "
                                                        "process stores them.")] = None,
          strict: Strict = False, rejects: Rejects = None, batch_size: BatchSize = GDELT_BATCH,
          fmt: FormatOption = Format.table) -> None:
    """Import a GDELT 2.0 events export (61 tab-separated columns). Rows reporting one event (same day, actors,
    CAMEO root code and place) become one event with a report count. Confidence comes from NumSources,
    NumMentions and IsRootEvent; a lone, non-root row placed in neither actor's country is kept down-weighted.

    With --backfill DIR, many exports in one run (--from/--to select them by time; --dask reads them on a
    cluster): a file that cannot be read is named on stderr with its reason while the rest are imported, and the
    exit status is then 1. With --strict, a file with a bad row is refused whole.
    """
    from legation.domain.errors import InputError
    from legation.ingest.feeds.cameo import load_cameo_map
    from legation.ingest.feeds.gdelt import STORE_AS, read_gdelt

    if backfill is None:
        for value, name in ((start, "--from"), (end, "--to"), (dask, "--dask")):
            if value is not None:
                raise InputError(f"{name} goes with --backfill DIR (many exports), not with one file")
        if path is None:
            raise InputError("name the export to import (PATH), or a folder of them with --backfill DIR")
    elif path is not None:
        raise InputError(f"either PATH or --backfill DIR, not both ({path} and {backfill})")
    cameo = load_cameo_map(cameo_map)
    if backfill is not None:
        run_backfill(ctx, backfill, cameo, start=start, end=end, dask=dask, strict=strict, rejects=rejects,
                     batch_size=batch_size, fmt=fmt)
        return
    assert path is not None
    run_feed(ctx, "GDELT", path, lambda stream, name: read_gdelt(stream, name, cameo), STORE_AS, strict=strict,
             rejects=rejects, batch_size=batch_size, fmt=fmt)


def run_backfill(ctx: typer.Context, folder: Path, cameo, *, start: str | None, end: str | None, dask: str | None,
                 strict: bool, rejects: Path | None, batch_size: int, fmt: Format) -> None:
    """`import gdelt --backfill`: select the exports, read them (here, or on the cluster), store them in order."""
    from legation.cli import backfill as bf
    from legation.domain.errors import InputError

    if batch_size < 1:
        raise InputError("--batch-size must be at least 1")
    paths = bf.select_exports(folder, bf.parse_moment(start, "--from") if start else None,
                              bf.parse_moment(end, "--to", end=True) if end else None)
    store = state(ctx).store()
    rejects_file = RejectsFile(rejects or Path(f"{Path(folder).resolve().name or 'gdelt'}.rejects.csv"))
    parsed: bf.BackfillRun | Generator[bf.Parsed, None, None] = (bf.parse_on_dask(paths, dask, cameo) if dask
                                                                 else bf.parse_serially(paths, cameo))
    try:
        with progress() as bar:  # the writes are put down to the command's user (`legation --as`)
            task = bar.add_task(f"GDELT backfill {folder}", total=len(paths))
            totals = bf.store_exports(store, parsed, strict=strict, batch_size=batch_size,
                                      on_reject=rejects_file.write, on_notice=lambda notice: warn(notice.text),
                                      on_failed=lambda reason: warn(f"skipped {reason}"),
                                      on_file=lambda _export: bar.advance(task))
    finally:
        written = rejects_file.close()
        parsed.close()  # a cluster started here stops
    emit(totals.summary(written), fmt, title="GDELT backfill")
    if totals.events_added:
        warn("the new records are in no incident yet: run `legation incidents update` to place them")
    if totals.failed:
        raise typer.Exit(1)


@import_app.command("acled")
def acled(ctx: typer.Context, path: PathArg, strict: Strict = False, rejects: Rejects = None,
          batch_size: BatchSize = 10_000, fmt: FormatOption = Format.table) -> None:
    """Import an ACLED export: the CSV with a header row (today's 31 columns or the older layouts; `,` `;` or tab;
    headers in any case; NA/NULL read as empty), or the API's JSON answers as saved ({"data": [...]}). Each event's
    confidence follows its geo_precision and time_precision."""
    from legation.ingest.feeds.acled import STORE_AS, read_acled

    run_feed(ctx, "ACLED", path, read_acled, STORE_AS, strict=strict, rejects=rejects, batch_size=batch_size,
             fmt=fmt)


@import_app.command("ucdp")
def ucdp(ctx: typer.Context, path: PathArg, strict: Strict = False, rejects: Rejects = None,
         batch_size: BatchSize = 10_000, fmt: FormatOption = Format.table) -> None:
    """Import a UCDP GED CSV as published (any GED version's columns; a tag row of `#` codes after the header is
    skipped; absent optional columns are named once). Each event's confidence follows where_prec, date_prec and
    event_clarity."""
    from legation.ingest.feeds.ucdp import STORE_AS, read_ucdp

    run_feed(ctx, "UCDP", path, read_ucdp, STORE_AS, strict=strict, rejects=rejects, batch_size=batch_size,
             fmt=fmt)
