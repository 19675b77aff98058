"""Benchmark: import a 1,000,000-row GDELT 2.0 file into SQLite, beside the time merely to parse it with `csv`.

The file is generated from the real 15-minute export in ../shared/data/gdelt/: copy k of its rows gets
GLOBALEVENTIDs shifted by k × 10^9 (`--vary ids`, the default). Those copies are new reports of the same events,
so they collapse into the first copy's events, as repeated GDELT reports do. `--vary days` also shifts each copy's
event dates by k days, so every copy is a new set of events: the harder case, where most rows write a new event.

    .venv/bin/python bench/import.py [--rows 1000000] [--vary ids|days] [--keep]

Prints rows/s of the import, the csv-only parse time, their ratio, the accounting and peak memory (ru_maxrss).
Wall-clock and CPU time are both printed: on a shared machine the CPU time of this one process is the steadier
measure of "one core", and the ratio to the parse-only time (same run, same machine load) the steadiest. The
import's time includes closing the store, which copies the rest of SQLite's write-ahead log into the database.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LEGATION_SHARED", ROOT.parent / "shared"))
REAL = SHARED / "data" / "gdelt" / "20180326044500.export.CSV"


def generate(target: Path, rows: int, vary_days: bool) -> int:
    """Write `rows` rows cycling through the real file's rows (ids and dates varied per copy); streaming."""
    source = REAL.read_text(encoding="utf-8").splitlines()
    written, copy = 0, 0
    with open(target, "w", encoding="utf-8", newline="") as out:
        while written < rows:
            for line in source:
                if written >= rows:
                    break
                event_id, sqldate, rest = line.split("\t", 2)
                if vary_days:
                    day = dt.date(int(sqldate[:4]), int(sqldate[4:6]), int(sqldate[6:])) - dt.timedelta(days=copy)
                    sqldate = f"{day:%Y%m%d}"
                out.write(f"{int(event_id) + copy * 10**9}\t{sqldate}\t{rest}\n")
                written += 1
            copy += 1
    return written


def parse_only(path: Path) -> tuple[int, float]:
    """The floor: read every row with the csv module and do nothing with it."""
    start, cpu = time.perf_counter(), time.process_time()
    count = 0
    with open(path, encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            count += 1
    return count, time.perf_counter() - start, time.process_time() - cpu


def import_file(path: Path, db: Path, batch_size: int):
    from legation.ingest.feeds.cameo import load_cameo_map
    from legation.ingest.feeds.common import open_feed
    from legation.ingest.feeds.gdelt import STORE_AS, read_gdelt
    from legation.store import open_store
    from legation.store.imports import Feed, run_import

    store = open_store(db)
    cameo = load_cameo_map()
    start, cpu = time.perf_counter(), time.process_time()
    with open_feed(path) as opened:
        counts = run_import(store, read_gdelt(opened.stream, opened.name, cameo),
                            Feed(**STORE_AS), file=opened.name, batch_size=batch_size)
    store.close()  # inside the timing: closing checkpoints what is left in SQLite's write-ahead log
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    return counts, elapsed, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--vary", choices=("ids", "days"), default="ids",
                        help="ids: copies are new reports of the same events; days: copies are new events")
    from legation.cli.imports import GDELT_BATCH

    parser.add_argument("--batch-size", type=int, default=GDELT_BATCH, help="rows per transaction (the CLI default)")
    parser.add_argument("--keep", action="store_true", help="keep the generated file and database")
    args = parser.parse_args()
    if not REAL.is_file():
        sys.exit(f"bench: the real GDELT file is absent ({REAL})")
    work = Path(tempfile.mkdtemp(prefix="legation-bench-"))
    try:
        data = work / "gdelt-1m.export.CSV"
        started = time.perf_counter()
        rows = generate(data, args.rows, args.vary == "days")
        print(f"generated {rows:,} rows (varying {args.vary}) ({data.stat().st_size / 1e6:,.0f} MB) "
              f"in {time.perf_counter() - started:.1f}s")
        parsed, parse_time, parse_cpu = parse_only(data)
        counts, import_time, import_cpu = import_file(data, work / "bench.db", args.batch_size)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        accounted = counts.imported + counts.duplicates + counts.rejected
        print(f"csv parse only : {parsed:,} rows in {parse_time:.2f}s = {parsed / parse_time:,.0f} rows/s "
              f"(CPU {parse_cpu:.2f}s = {parsed / parse_cpu:,.0f} rows/s)")
        print(f"legation import: {counts.read:,} rows in {import_time:.2f}s = {counts.read / import_time:,.0f} rows/s "
              f"(CPU {import_cpu:.2f}s = {counts.read / import_cpu:,.0f} rows/s); "
              f"{import_time / parse_time:.1f}x the parse-only time ({import_cpu / parse_cpu:.1f}x in CPU time)")
        print(f"accounting     : read {counts.read:,} = imported {counts.imported:,} + duplicates "
              f"{counts.duplicates:,} + rejected {counts.rejected:,} "
              f"({'ok' if accounted == counts.read else 'MISMATCH'})"
              f"; events added {counts.events_added:,}, updated {counts.events_updated:,}")
        print(f"peak memory    : {peak_mb:,.0f} MB (ru_maxrss of this process)")
        if args.keep:
            print(f"kept: {work}")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
