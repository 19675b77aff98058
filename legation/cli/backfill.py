"""`legation import gdelt --backfill DIR [--from T] [--to T] [--dask ADDRESS|local:N]`: many GDELT 2.0 15-minute
exports imported in one run.

The exports are the files of DIR named as GDELT publishes them, `YYYYMMDDHHMMSS.export.CSV` or `.CSV.zip`; the
time in the name selects them (`--from`, `--to`, both ends included) and orders them. Each file is read and its
rows checked by `parse_export` (the GDELT reader, `read_gdelt`): on the cluster's workers with `--dask`, else here,
one file after another. Either way this process, the only writer, stores each file's rows through
`legation.store.imports.run_import` (what a plain `legation import gdelt FILE` does), in file order: which row of
an event comes first, and so which record the later reports are merged into, is that of a serial run.

Idempotent: the store finds rows already stored by their event and row ids, so a re-run adds nothing; a task the
scheduler ran twice (a worker lost) is taken once, by its file's place in the order. A file that cannot be read
(not a zip, damaged, not UTF-8) or whose every row is rejected is reported with its reason and nothing of it is
stored; the others go on.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Generator, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from legation.cli.cluster import ClusterRun, reason
from legation.domain.errors import InputError
from legation.ingest.sources.apis import export_time

WINDOW_PER_WORKER = 4  # files parsed ahead of the writer, per worker thread (bounds the client's memory)


# ------------------------------------------------------------------------------------------- selecting files
def parse_moment(value: str, option: str, *, end: bool = False) -> dt.datetime:
    """`YYYY-MM-DDTHH:MM` (or with a space, or with seconds), or `YYYY-MM-DD`: the day's start, or with `end` its
    last second."""
    text = value.strip().replace(" ", "T")
    day_only = re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) is not None
    if not day_only and not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?", text):
        raise InputError(f"{option} {value!r}: not a time (YYYY-MM-DDTHH:MM, or YYYY-MM-DD)")
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise InputError(f"{option} {value!r}: no such time") from None
    return moment + dt.timedelta(days=1, seconds=-1) if day_only and end else moment


def select_exports(folder: str | Path, start: dt.datetime | None = None, end: dt.datetime | None = None
                   ) -> list[Path]:
    """The exports in `folder` from `start` to `end` (both included), in time order; an error if there is none."""
    folder = Path(folder)
    if not folder.is_dir():
        raise InputError(f"--backfill {folder}: {'not a folder' if folder.exists() else 'no such folder'}")
    if start is not None and end is not None and start > end:
        raise InputError(f"--from {start:%Y-%m-%dT%H:%M} is after --to {end:%Y-%m-%dT%H:%M}")
    found = []
    for path in folder.iterdir():
        moment = export_time(path.name)
        if moment is None or not path.is_file():
            continue
        if (start is None or moment >= start) and (end is None or moment <= end):
            found.append((moment, path.name, path))
    if not found:
        span = "" if start is None and end is None else f" from {_when(start, 'the first')} to {_when(end, 'the last')}"
        raise InputError(f"--backfill {folder}: no GDELT export (YYYYMMDDHHMMSS.export.CSV or .CSV.zip){span}")
    return [path for _, _, path in sorted(found)]


def _when(moment: dt.datetime | None, otherwise: str) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M") if moment is not None else otherwise


# ---------------------------------------------------------------------------------- reading (on the workers)
@dataclass
class Parsed:
    """One export read: its rows as the reader gives them (records, rejects), or why the file was refused."""

    path: str
    items: list = field(default_factory=list)
    error: str | None = None


def parse_export(path: str, cameo) -> Parsed:
    """Read and check every row of one export (a task on a worker, or a call here); never raises for bad data."""
    from legation.ingest.base import Reject
    from legation.ingest.feeds.common import FeedRecord, open_feed
    from legation.ingest.feeds.gdelt import read_gdelt

    try:
        with open_feed(path) as opened:
            items = list(read_gdelt(opened.stream, opened.name, cameo))
    except InputError as err:
        return Parsed(path, error=str(err))
    if items and not any(isinstance(item, FeedRecord) for item in items):
        first = next(item for item in items if isinstance(item, Reject))
        column = f"{first.column} " if first.column else ""
        return Parsed(path, error=f"{path}: every row ({len(items):,}) was rejected, nothing imported; the first, "
                                  f"line {first.line}: {column}{first.reason}")
    return Parsed(path, items)


def parse_serially(paths: Sequence[str | Path], cameo) -> Generator[Parsed, None, None]:
    """The exports read here, one after another, by the same function the workers run."""
    return (parse_export(str(path), cameo) for path in paths)


def parse_on_dask(paths: Sequence[str | Path], address: str, cameo) -> BackfillRun:
    """The exports parsed on a Dask cluster, handed back in the order of `paths`; the cluster is reached (or, for
    local:N, started) now."""
    return BackfillRun(paths, address, cameo)


class BackfillRun(ClusterRun[Parsed]):
    """An iterator over the `Parsed` exports of one run on a cluster: one task per file, at most a few files per
    worker parsed ahead of the one the writer waits for; each file's result is taken once."""

    def __init__(self, paths: Sequence[str | Path], address: str, cameo) -> None:
        self.paths = [str(p) for p in paths]
        workers = self._start(address)  # no plugin: parsing needs no language model
        try:
            self.cameo = self.client.scatter(cameo, broadcast=True)  # the table sent to each worker once
        except Exception:
            self._finalizer()
            raise
        self.window = WINDOW_PER_WORKER * workers
        self.stats = {"tasks": 0, "failed_tasks": 0, "workers": workers}
        self._results = self._parsed()

    def _parsed(self) -> Generator[Parsed, None, None]:
        from distributed import as_completed

        try:
            pending: dict = {}
            completed = as_completed([], with_results=True, raise_errors=False, loop=self.client.loop)
            submitted = following = 0

            def submit(index: int) -> None:
                future = self.client.submit(parse_export, self.paths[index], self.cameo, pure=False, retries=1)
                self.stats["tasks"] += 1
                pending[future] = index
                completed.add(future)

            def top_up() -> None:
                nonlocal submitted
                while submitted < len(self.paths) and submitted < following + self.window:
                    submit(submitted)
                    submitted += 1

            top_up()
            done: dict[int, Parsed] = {}
            again: set[int] = set()
            for future, result in completed:
                index = pending.pop(future)
                if index not in done and self._run_again(future, index, again):
                    submit(index)
                    continue
                if future.status != "finished":
                    self.stats["failed_tasks"] += 1
                    path = self.paths[index]
                    done.setdefault(index, Parsed(path, error=f"{path}: failed on the cluster ({reason(result)})"))
                else:
                    done.setdefault(index, result)  # once per file, whatever the scheduler retried
                future.release()
                while following in done:
                    yield done.pop(following)
                    following += 1
                top_up()
        finally:
            self._finalizer()


# --------------------------------------------------------------------------------------- storing (here)
@dataclass
class BackfillTotals:
    files: int = 0
    failed: list[str] = field(default_factory=list)
    read: int = 0
    imported: int = 0
    duplicates: int = 0
    rejected: int = 0
    revised: int = 0
    events_added: int = 0
    events_updated: int = 0

    def add(self, counts) -> None:
        for key in ("read", "imported", "duplicates", "rejected", "revised", "events_added", "events_updated"):
            setattr(self, key, getattr(self, key) + getattr(counts, key))

    def summary(self, rejected_file: str | None) -> dict:
        return {"files": self.files, "files_failed": len(self.failed), "read": self.read, "imported": self.imported,
                "duplicates": self.duplicates, "rejected": self.rejected, "rejected_file": rejected_file,
                "revised": self.revised, "events_added": self.events_added, "events_updated": self.events_updated}


def store_exports(store, parsed: Iterable[Parsed], *, strict: bool = False, batch_size: int,
                  on_reject=None, on_notice=None, on_failed=None, on_file=None) -> BackfillTotals:
    """Store each parsed export through `run_import`, in the order given; a refused file goes to `on_failed` (its
    reason) and the rest go on. With `strict`, a file with a bad row is refused whole (nothing of it stored)."""
    from legation.domain.errors import RowError
    from legation.ingest.feeds.gdelt import STORE_AS
    from legation.store.imports import Feed, run_import

    totals = BackfillTotals()
    store_as: dict = STORE_AS
    feed = Feed(**store_as)
    for export in parsed:
        totals.files += 1
        error = export.error
        if error is None:
            try:
                counts = run_import(store, export.items, feed, file=export.path, strict=strict,
                                    batch_size=batch_size, on_reject=on_reject, on_notice=on_notice)
            except RowError as err:  # --strict: the file's transaction rolled back
                error = f"{err} (--strict: nothing of this file stored)"
            else:
                totals.add(counts)
        if error is not None:
            totals.failed.append(export.path)
            if on_failed is not None:
                on_failed(error)
        if on_file is not None:
            on_file(export)
    return totals
