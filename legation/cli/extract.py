"""`legation extract PATH...`: article files → event records on stdout, no database.

Also the file runner `ingest` shares: read each file (`read_article`), extract its events (`Extractor.extract_many`),
in order, with `--workers N` processes that each load the spaCy model once. A bad file (binary, undecodable, empty,
too large, a folder, missing) becomes an `Outcome` carrying the reason instead of stopping the run; the caller
prints one line for it and exits 1 at the end.
"""

from __future__ import annotations

import contextlib
import gc
import math
import multiprocessing
import os
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import typer

from legation.cli import app
from legation.cli.output import Format, dumps, emit, progress, warn
from legation.domain.errors import InputError, LegationError
from legation.domain.records import Event, Report

# spaCy refuses texts over 1,000,000 characters; a news article is a few thousand bytes.
MAX_ARTICLE_BYTES = 1_000_000
# Files per unit of work. nlp.pipe runs as fast on 8 texts as on 32; small units keep the workers evenly busy to
# the end (with 32 one worker could be left parsing a last chunk alone for seconds).
CHUNK = 8
SOLO_CHUNK = 32  # one process has no tail to balance: bigger batches for nlp.pipe


@dataclass
class Outcome:
    """One input path: its report and events, or why it was skipped."""

    path: str
    report: Report | None = None
    events: list[Event] = field(default_factory=list)
    error: str | None = None


# ------------------------------------------------------------------------------------------------- the runner
def _read(path: str, published: str | None, max_bytes: int) -> Outcome:
    from legation.ingest.articles import read_article
    from legation.resolve.time import publication_date

    try:
        report = read_article(path, published=published, max_bytes=max_bytes)
    except LegationError as err:
        return Outcome(path, error=err.message)
    except OSError as err:  # unreadable (permissions, a broken link): name the file, go on
        return Outcome(path, error=f"{path}: cannot read ({err.strerror or err})")
    if report.published is None:  # the article's own date line ("ERBIL, Oct. 18, 2023 - ...") when it has one
        found = publication_date(report)
        report.published = found.isoformat() if found else None
    return Outcome(path, report=report)


def load_extractor():
    """The extractor of this process (loaded once, cached by `Extractor.load`); a clear error when missing."""
    try:
        from legation.extract.pipeline import Extractor
    except ImportError as err:
        raise InputError(f"the event extractor cannot be loaded ({err})") from None
    return Extractor.load()


def process_chunk(paths: Sequence[str], published: str | None, max_bytes: int) -> list[Outcome]:
    """Read and extract a list of files in this process; outcomes in the order of `paths`."""
    extractor = load_extractor()
    outcomes = [_read(p, published, max_bytes) for p in paths]
    good = [o for o in outcomes if o.report is not None]
    try:
        for outcome, (_, events) in zip(good, extractor.extract_many([o.report for o in good]), strict=True):
            outcome.events = events
    except Exception:  # noqa: BLE001 - one text broke the batch: redo one by one to find and skip it
        for outcome in good:
            try:
                outcome.events = extractor.extract(outcome.report)
            except Exception as err:  # noqa: BLE001 - the extractor's bug must not stop thousands of files
                outcome.report, outcome.error = None, f"{outcome.path}: extraction failed ({type(err).__name__}: {err})"
    return outcomes


def warm_up(extractor) -> None:
    """Extract one short report so that the resolvers load their tables (gazetteer, actors, dates) now."""
    from legation.domain.records import Report

    text = "BAGHDAD, Oct. 18, 2023 (Agency) - Gunmen attacked a checkpoint near Erbil on Monday, police said."
    extractor.extract(Report(text=text, source="warm-up", published="2023-10-18", doc="warm-up"))


def _worker_init() -> None:
    """Load the model once per worker process, before its first chunk. A failure is left for the chunk to raise
    (in the parent, as one error): an initializer that fails makes the pool respawn workers forever."""
    with contextlib.suppress(LegationError):
        load_extractor()


def _worker(job: tuple[list[str], str | None, int]) -> list[Outcome]:
    return process_chunk(*job)


def chunks(paths: Sequence[str], workers: int) -> list[list[str]]:
    """Chunks of at most CHUNK paths (SOLO_CHUNK in one process), smaller when there are few files so every
    worker gets several."""
    if workers <= 1:
        return [list(paths[i:i + SOLO_CHUNK]) for i in range(0, len(paths), SOLO_CHUNK)]
    size = max(1, min(CHUNK, math.ceil(len(paths) / (workers * 4))))
    return [list(paths[i:i + size]) for i in range(0, len(paths), size)]


def run_files(paths: Sequence[str | Path], *, published: str | None = None, workers: int = 1,
              max_bytes: int = MAX_ARTICLE_BYTES) -> Iterator[Outcome]:
    """Outcomes of all `paths`, in their order; `workers` > 1 spreads chunks over that many processes.

    The worker pool is started here, at the call, so call this before starting a progress bar: forking while the
    bar's refresh thread runs could copy a held lock into the children.
    """
    paths = [str(p) for p in paths]
    jobs = [(chunk, published, max_bytes) for chunk in chunks(paths, workers)]
    if workers <= 1 or len(jobs) <= 1:
        return (outcome for job in jobs for outcome in process_chunk(*job))
    return _drain(_start_pool(min(workers, len(jobs))), jobs)


def _start_pool(size: int):
    """Worker processes, forked where the platform can (they share the loaded model's memory).

    gc.freeze() first: the objects already alive (the model, the gazetteer's tables) move out of the collector's
    sight, so a child's garbage collections neither walk them nor write to their pages — writing would copy each
    page into the child (copy-on-write) and cost both time and memory.
    """
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
    if method == "fork":
        warm_up(load_extractor())  # once here, shared by the children, instead of once in each
        gc.collect()
        gc.freeze()
    try:
        return multiprocessing.get_context(method).Pool(size, initializer=_worker_init)
    finally:
        if method == "fork":
            gc.unfreeze()  # the parent's own garbage is collected as before


def _drain(pool, jobs) -> Iterator[Outcome]:
    with pool:  # leaving (normally, or when the caller stops early) terminates the workers
        for outcomes in pool.imap(_worker, jobs):
            yield from outcomes


def check_options(published: str | None, workers: int) -> None:
    """Bad option values: one clear error before any work starts."""
    from legation.domain.records import parse_date

    if published:
        parse_date(published)
    if workers < 1:
        raise InputError(f"--workers must be at least 1, not {workers}")
    if workers > (os.cpu_count() or 1) * 4:
        raise InputError(f"--workers {workers} is more than 4 per CPU ({os.cpu_count()} here)")


def require_paths(paths: Sequence[Path]) -> None:
    if not paths:
        raise InputError("name at least one article file")


# ------------------------------------------------------------------------------------------------ the command
TABLE_COLUMNS = ("doc", "type", "mode", "actors", "recipients", "location", "date", "flags", "sentence")


def table_row(record: dict) -> dict:
    """A short, readable row of an event record for `--format table`."""
    date = record.get("date") or {}
    flags = [name for name in ("negated", "hypothetical") if record.get(name)]
    sentence = (record.get("evidence") or {}).get("sentence") or ""
    return {"doc": record.get("doc"), "type": record["type"], "mode": record.get("mode"),
            "actors": [p.get("name") or p.get("text") for p in record.get("actors") or []],
            "recipients": [p.get("name") or p.get("text") for p in record.get("recipients") or []],
            "location": (record.get("location") or {}).get("name"),
            "date": "..".join(dict.fromkeys(d for d in (date.get("start"), date.get("end")) if d)) +
                    (f" ({date.get('kind')})" if date.get("kind") else ""),
            "flags": flags, "sentence": sentence if len(sentence) <= 60 else sentence[:57] + "..."}


@app.command("extract")
def extract(paths: list[Path] = typer.Argument(None, help="Article files: .txt, .html or .json.", show_default=False),
            published: str = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                          help="Publication date (otherwise read from each file or its date line)."),
            fmt: Format = typer.Option(Format.jsonl, "--format", help="jsonl (one event a line), json or table"),
            workers: int = typer.Option(1, "--workers", min=1, help="Processes, each loading the model once."),
            max_bytes: int = typer.Option(MAX_ARTICLE_BYTES, "--max-bytes", min=1,
                                          help="Files larger than this are skipped.")) -> None:
    """Print the event records of article files (no database).

    Each record is the JSON shape of the event spec; `doc` is the file's name without its extension. A bad file
    (binary, undecodable, empty, too large, a folder) is skipped with one line on stderr naming it and why; the
    rest go on, and the exit status is 1 when any was skipped.
    """
    require_paths(paths)
    check_options(published, workers)
    try:
        skipped, collected = _print_events(paths, published, workers, max_bytes, fmt)
    except BrokenPipeError:  # `legation extract ... | head`: the reader has had enough; stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    if fmt == Format.json:
        emit(collected, fmt)
    elif fmt == Format.table:
        emit([table_row(r) for r in collected], fmt, columns=TABLE_COLUMNS, title="Events")
    if skipped:
        raise typer.Exit(1)


def _print_events(paths: Sequence[Path], published: str | None, workers: int, max_bytes: int, fmt: Format
                  ) -> tuple[int, list[dict]]:
    """Stream JSON lines as files finish (or collect records for json/table); (files skipped, records kept)."""
    skipped, collected = 0, []
    outcomes = run_files(paths, published=published, workers=workers, max_bytes=max_bytes)
    with progress() as bar:
        task = bar.add_task("extracting", total=len(paths))
        for outcome in outcomes:
            bar.advance(task)
            if outcome.error:
                warn(f"skipped {outcome.error}")
                skipped += 1
                continue
            records = [event.to_dict() for event in outcome.events]
            if fmt == Format.jsonl:
                for record in records:
                    print(dumps(record))
            else:
                collected.extend(records)
    return skipped, collected
