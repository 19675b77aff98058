"""`legation watch`: run the live sources as they come due (`--once`: what is due now, then exit).

The wiring of `legation.ingest.sources.runner`: the `StoreBook` keeps sources and items in the store; the
`PipelineSink` sends each new article down the path of `legation ingest` (the extractor, `act.intake.receive`,
`after_ingest`, `refresh`) and each feed file or API page down the path of `legation import` (`run_import` with the
feed's reader), recording the item with what it stored; rows that add or change events then re-assess every site as
of today (`after_ingest`), so that the levels, and the alerts on their changes, follow the feeds too.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import IO, Any

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit, warn
from legation.domain.records import Report
from legation.domain.sources import Source
from legation.ingest.sources.runner import Item, RunResult, Watcher


class StoreBook:
    """`runner.Book` over the store: each call its own short transaction."""

    def __init__(self, store):
        self.store = store

    def due(self, now: dt.datetime) -> list[Source]:
        from legation.store.sources import due_sources

        with self.store.connect() as conn:
            return due_sources(conn, now)

    def all(self) -> list[Source]:
        from legation.store.sources import list_sources

        with self.store.connect() as conn:
            return list_sources(conn)

    def save(self, source: Source) -> None:
        from legation.store.sources import save_state

        with self.store.begin() as conn:
            save_state(conn, source)

    def seen_keys(self, source_id: str, keys: list[str]) -> set[str]:
        from legation.store.sources import seen_keys

        with self.store.connect() as conn:
            return seen_keys(conn, source_id, keys)

    def seen_digest(self, digest: str) -> bool:
        from legation.store.sources import seen_digest

        with self.store.connect() as conn:
            return seen_digest(conn, digest)

    def record(self, item: Item) -> None:
        with self.store.begin() as conn:
            record(conn, item)


def record(conn, item: Item, report_id: str | None = None) -> None:
    from legation.store.sources import record_item

    record_item(conn, item.source_id, item.key, item.at, item.status, digest=item.digest, language=item.language,
                report_id=report_id, detail=item.detail)


class PipelineSink:
    """`runner.Sink`: the ingest path for articles, the import path for feeds; running totals in `totals`."""

    def __init__(self, store, user: str, *, extractor=None):
        from legation.cli.reports import IngestTotals

        self.store, self.user = store, user
        self._extractor = extractor
        self.totals = IngestTotals()

    def extractor(self):
        if self._extractor is None:
            from legation.cli.extract import load_extractor

            self._extractor = load_extractor()
        return self._extractor

    def ingest(self, report: Report, item: Item, *, extract: bool) -> dict[str, int]:
        """Extract (unless the article is not English: then it is stored, marked, and nothing more), store the
        report and its events with the item, re-assess, alert, place in incidents: what `legation ingest` does."""
        from legation.act.intake import place
        from legation.cli.extract import Outcome
        from legation.resolve.time import publication_date
        from legation.store.audit import acting_as

        if report.published is None:  # the article's own date line, as `ingest` reads it
            found = publication_date(report)
            report.published = found.isoformat() if found else None
        events = list(self.extractor().extract(report)) if extract else []
        with acting_as(self.user):
            got = self.totals.store(self.store, [Outcome(report.source, report=report, events=events)],
                                    also=lambda conn, _: record(conn, item, report.id))
            if got.events:
                place(self.store, [e.id for e in got.events if e.id])
        return {"events": len(got.events), **got.reaction}

    def import_feed(self, kind: str, stream: IO[str], name: str, item: Item) -> dict[str, int]:
        """`legation import KIND` on one downloaded file or API page; the item is recorded when it is all in (a
        run killed before that imports it again next time, which adds nothing: imports are idempotent)."""
        from legation.act.alerts import after_ingest
        from legation.store.audit import acting_as
        from legation.store.imports import Feed, run_import

        read, store_as = _feed_reader(kind)
        with acting_as(self.user):
            counts = run_import(self.store, read(stream, name), Feed(**store_as), file=name)
            with self.store.begin() as conn:
                record(conn, item)
            reaction: dict[str, int] = {}
            if counts.events_added or counts.events_updated:  # a live feed moves today's levels: every site
                reaction = after_ingest(self.store, [], at=dt.datetime.now(dt.UTC).date())
        return {"rows": counts.read, "rows_imported": counts.imported, "rows_rejected": counts.rejected,
                "events_added": counts.events_added, "events_updated": counts.events_updated, **reaction}


def _feed_reader(kind: str) -> tuple[Any, dict[str, Any]]:
    """The reader `legation import KIND` uses, and how the store keeps its records."""
    from legation.ingest.feeds import acled, gdelt, ucdp

    if kind == "gdelt":
        from legation.ingest.feeds.cameo import load_cameo_map

        cameo = load_cameo_map(None)
        return (lambda stream, name: gdelt.read_gdelt(stream, name, cameo)), dict(gdelt.STORE_AS)
    if kind == "acled":
        return acled.read_acled, dict(acled.STORE_AS)
    return ucdp.read_ucdp, dict(ucdp.STORE_AS)


class FrozenClock:
    """The system's clock, except that `now` is a given instant (`watch --once --at`)."""

    def __init__(self, at: dt.datetime):
        from legation.ingest.sources.clock import SystemClock

        self._at, self._system = at, SystemClock()

    def now(self) -> dt.datetime:
        return self._at

    def monotonic(self) -> float:
        return self._system.monotonic()

    def sleep(self, seconds: float) -> None:
        self._system.sleep(seconds)


def make_watcher(store, user: str, *, clock=None, timeout: float | None = None, job_seconds: float | None = None,
                 host_pause: float | None = None, max_bytes: int | None = None, page_bytes: int | None = None,
                 extractor=None) -> Watcher:
    """A watcher over this store, with the house defaults for what is not given."""
    from legation.ingest.sources import fetch, runner
    from legation.ingest.sources.clock import SystemClock
    from legation.settings import Settings

    clock = clock or SystemClock()
    limit = max_bytes or Settings().max_file_bytes
    fetcher = fetch.Fetcher(clock, timeout=timeout or fetch.DEFAULT_TIMEOUT, max_bytes=limit,
                            host_pause=fetch.DEFAULT_HOST_PAUSE if host_pause is None else host_pause)
    return Watcher(StoreBook(store), PipelineSink(store, user, extractor=extractor), fetcher, clock,
                   job_seconds=job_seconds or runner.DEFAULT_JOB_SECONDS,
                   page_bytes=page_bytes or min(limit, runner.DEFAULT_PAGE_BYTES))


def result_row(result: RunResult) -> dict[str, Any]:
    return {"source": result.source, "kind": result.kind, "ok": result.ok, "new": result.new,
            "duplicates": result.duplicates, "rejected": result.rejected, "not_modified": result.not_modified,
            "events": result.counts.get("events", 0) + result.counts.get("events_added", 0),
            "alerts": result.counts.get("alerts", 0), "error": result.error}


@app.command("watch")
def watch(ctx: typer.Context,
          once: bool = typer.Option(False, "--once", help="Run the sources that are due now, print what they "
                                                          "brought, and exit."),
          at: str = typer.Option(None, "--at", metavar="YYYY-MM-DDTHH:MM",
                                 help="With --once: take this instant (UTC) as now, to replay a schedule."),
          timeout: float = typer.Option(20.0, "--timeout", min=0.1, help="Seconds one request may take."),
          job_seconds: float = typer.Option(120.0, "--job-seconds", min=0.1,
                                            help="Seconds one source's run may take, all its requests together."),
          host_pause: float = typer.Option(1.0, "--host-pause", min=0.0,
                                           help="Seconds between two requests to the same host."),
          max_bytes: int = typer.Option(None, "--max-bytes", min=1, help="Largest download (default "
                                        "LEGATION_MAX_FILE_BYTES); article pages at most 1,000,000 bytes."),
          fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl (with --once)")) -> None:
    """Read the live sources (`legation sources add ...`) as they come due, for good: each run is a bounded job,
    its outcome kept in the source's health (`legation sources list`). Stop it with Ctrl-C; started again, it
    goes on where it stopped and ingests nothing twice."""
    from legation.domain.errors import InputError
    from legation.domain.time import utc

    store = state(ctx).store()
    clock = None
    if at is not None:
        if not once:
            raise InputError("--at goes with --once")
        clock = FrozenClock(utc(at) or dt.datetime.now(dt.UTC))
    watcher = make_watcher(store, state(ctx).user or "cli", clock=clock, timeout=timeout, job_seconds=job_seconds,
                           host_pause=host_pause, max_bytes=max_bytes)
    try:
        if once:
            results = watcher.run_due()
            for result in results:
                if not result.ok:
                    warn(f"source {result.source} ({result.kind}): {result.error}")
            emit([result_row(r) for r in results], fmt, title="Sources run",
                 columns=("source", "kind", "ok", "new", "duplicates", "rejected", "events", "alerts", "error"))
            return
        book = StoreBook(store)
        if not book.all():
            raise InputError("no sources to watch: add one with `legation sources add`")
        warn(f"watching {len(book.all())} source(s); Ctrl-C stops")
        stop = threading.Event()

        def report(result: RunResult) -> None:
            row = result_row(result)
            line = (f"{row['kind']} {row['source']}: " +
                    (f"{row['new']} new, {row['duplicates']} duplicate(s), {row['rejected']} rejected, "
                     f"{row['events']} event(s), {row['alerts']} alert(s)" if result.ok else f"error: {row['error']}"))
            warn(line)

        try:
            watcher.loop(stop, list_sources=book.all, on_run=report, on_error=lambda message: warn(f"error: {message}"))
        except KeyboardInterrupt:
            stop.set()
            warn("stopped")
    finally:
        watcher.fetcher.close()
