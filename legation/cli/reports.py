"""`legation ingest` (articles → stored reports and their events) and `legation reports ...`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from legation.cli import app, state
from legation.cli.extract import MAX_ARTICLE_BYTES, Outcome, check_options, require_paths, run_files
from legation.cli.output import Format, emit, progress, warn
from legation.domain.errors import InputError

if TYPE_CHECKING:
    from legation.act.intake import Received

reports_app = typer.Typer(help="Reports (articles, field reports) as stored.", no_args_is_help=True)
app.add_typer(reports_app, name="reports")


@app.command("ingest")
def ingest(ctx: typer.Context,
           paths: list[Path] = typer.Argument(None, help="Article files: .txt, .html or .json.", show_default=False),
           published: str = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                         help="Publication date (otherwise read from each file or its date line)."),
           workers: int = typer.Option(1, "--workers", min=1, help="Processes, each loading the model once."),
           max_bytes: int = typer.Option(MAX_ARTICLE_BYTES, "--max-bytes", min=1,
                                         help="Files larger than this are skipped."),
           dask: str = typer.Option(None, "--dask", metavar="ADDRESS|local:N",
                                    help="Extract on a Dask cluster: its scheduler's address (tcp://host:8786), "
                                         "or local:N for N worker processes started here."),
           fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Store articles as reports, with the events extracted from them (idempotent: ingesting the same content
    again adds nothing, and re-extracted events update their earlier records by id).

    A bad file (binary, undecodable, empty, too large, a folder) is skipped with one line on stderr naming it and
    why while the rest go on; the exit status is 1 when any was skipped.
    """
    from legation.act.intake import place
    from legation.store.audit import acting_as

    require_paths(paths)
    check_options(published, workers)
    totals = IngestTotals()
    store = state(ctx).store()
    if dask:  # the same outcomes, extracted on the cluster's workers; stored here, by this process only
        from legation.cli.dask_runner import run_files_dask

        if workers > 1:
            raise InputError("--workers and --dask do not go together (for N local workers: --dask local:N)")
        outcomes = run_files_dask(paths, dask, published=published, max_bytes=max_bytes)
    else:
        outcomes = run_files(paths, published=published, workers=workers, max_bytes=max_bytes)
    stored: list[str] = []
    with progress() as bar, acting_as(state(ctx).user):
        task = bar.add_task("ingesting", total=len(paths))
        for batch in _batches(outcomes, STORE_BATCH):
            stored += [e.id for e in totals.store(store, batch).events if e.id]
            bar.advance(task, len(batch))
        if totals.events.inserted or totals.events.updated:  # claims linked, reports of one attack as one incident
            totals.incidents = place(store, stored)["incidents"]
    emit(totals.summary(), fmt)
    if totals.rejected:
        raise typer.Exit(1)


STORE_BATCH = 64  # files written per transaction (and per audit entry for their events)


class IngestTotals:
    """Counts of one ingest run; `store` writes a batch of outcomes (reports, then all their events at once, so the
    audit log gets one entry per batch of events) and names the skipped files on stderr."""

    def __init__(self) -> None:
        from legation.store.events import EventCounts

        self.read = self.imported = self.duplicates = self.rejected = 0
        self.events = EventCounts()
        self.reaction = {"level_changes": 0, "alerts": 0, "delivered": 0, "dead": 0}
        self.incidents: int | None = None

    def react(self, counts: dict[str, int]) -> None:
        for key in self.reaction:
            self.reaction[key] += counts.get(key, 0)

    def store(self, store, batch: list[Outcome], also=None) -> Received:
        """Store a batch and react to it (`act.intake.receive`), counting it here; what it stored and set off.
        `also(conn, received)` is written in the same transaction."""
        from legation.act.intake import Received, receive

        ok = []
        for outcome in batch:
            self.read += 1
            if outcome.error:
                warn(f"skipped {outcome.error}")
                self.rejected += 1
            else:
                assert outcome.report is not None  # an outcome is an error or a report
                ok.append((outcome.report, outcome.events))
        if not ok:
            return Received()
        got = receive(store, ok, also=also)
        self.imported += got.reports["new"]
        self.duplicates += got.reports["known"]
        self.events.add(got.counts)
        self.react(got.reaction)
        return got

    def summary(self) -> dict:
        return {"read": self.read, "imported": self.imported, "duplicates": self.duplicates,
                "rejected": self.rejected, "rejected_file": None,
                "events": {"inserted": self.events.inserted, "updated": self.events.updated,
                           "unchanged": self.events.unchanged},
                "incidents": self.incidents, **self.reaction}


def _batches(items: Iterable[Outcome], size: int) -> Iterator[list[Outcome]]:
    batch: list[Outcome] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@reports_app.command("list")
def list_(ctx: typer.Context, fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")
          ) -> None:
    """List stored reports."""
    from legation.store.reports import list_reports

    with state(ctx).store().connect() as conn:
        rows = list_reports(conn)
    emit(rows, fmt, columns=("id", "doc", "title", "published", "format"), title="Reports")
