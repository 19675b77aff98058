"""Benchmark: extraction of many articles on Dask (a LocalCluster of 1 and of 2 worker processes) beside one
process, and a check that every run gives the same outcomes (files, reports, event records) as the serial run.

The articles are the shipped ones (legation/ingest/data/articles) and the seed article of ../shared/corpus when
present, each copied with a closing line that makes copy k a different report: `--articles` files in all
(default 5,000; on a small shared machine that is several minutes a run: say which number you ran).

    .venv/bin/python bench/dask.py [--articles 5000] [--runs serial,dask:1,dask:2] [--pool 2]
    .venv/bin/python bench/dask.py --articles 0 --exports 1000 [--rows 300] [--backfill-runs serial,dask:2]

For each run it prints the wall time, the start-up within it (the cluster's start and the model's load on every
worker, or the model's load in this process for the serial run), the CPU seconds of every process of the run
(this one, and the pool's or the cluster's: steadier than wall time on a busy machine), files/s, the speed-up
beside the serial run counted with and without start-up, and the machine's load average after each run (on a
machine shared with other work the speed-ups mean little: compare runs made at the same load). `--pool N` adds
the process-pool runner (`ingest --workers N`) for reference. Only extraction is timed: storing is done by the
client in every mode, the same way.

The backfill figure (`--exports N`, 0 skips it) writes N synthetic GDELT 2.0 15-minute exports (`--rows` invented
rows each, every other file zipped, many rows reporting events of earlier files) to a temporary folder and runs
`import gdelt --backfill` over them with each of `--backfill-runs` (serial, dask:N) into a fresh SQLite database:
reading and checking on the workers, storing here. It prints wall and CPU seconds (of every process, and of this
one, the only writer), exports/s and rows/s, the speed-up beside the serial run, and whether the stored events and
feed rows are the serial run's. The writer sets the pace: on one machine, --dask gains only where reading the
files costs more than receiving their records does.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LEGATION_SHARED", ROOT.parent / "shared"))
# This file is named dask.py: its folder, first on sys.path when run as a script, would hide the dask package.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(ROOT))


def corpus(folder: Path, count: int) -> list[str]:
    sources = sorted((ROOT / "legation" / "ingest" / "data" / "articles").glob("*.txt"))
    seed = SHARED / "corpus" / "seed-2023-10-25.txt"
    if seed.is_file():
        sources.append(seed)
    texts = [(s.stem, s.read_text(encoding="utf-8")) for s in sources]
    paths = []
    for n in range(count):
        stem, text = texts[n % len(texts)]
        path = folder / f"{n:05d}-{stem}.txt"
        path.write_text(f"{text.rstrip()}\n\n(Archive copy {n}.)\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def shape(outcomes) -> list[tuple]:
    return [(o.path, o.error, o.report.id if o.report else None, [e.to_dict() for e in o.events])
            for o in outcomes]


def cpu_seconds() -> float:
    """CPU time of this process and all its children alive now (the pool's or the cluster's processes)."""
    import psutil

    me = psutil.Process()
    total = sum(me.cpu_times()[:2])
    for child in me.children(recursive=True):
        with contextlib.suppress(psutil.Error):  # gone meanwhile
            total += sum(child.cpu_times()[:2])
    return total


def collect(outcomes, count: int) -> tuple[list[tuple], float]:
    """The outcomes' shape, and the CPU seconds used when the last arrived (before the workers stop)."""
    shapes, cpu = [], 0.0
    for outcome in outcomes:
        shapes.extend(shape([outcome]))
        if len(shapes) == count:
            cpu = cpu_seconds()
    return shapes, cpu


def run(mode: str, paths: list[str]) -> tuple[list[tuple], float, float, float]:
    """(outcomes' shape, wall seconds, start-up seconds within them, CPU seconds of every process)."""
    from legation.cli.extract import load_extractor, run_files, warm_up

    cpu0 = cpu_seconds()
    started = time.perf_counter()
    if mode == "serial":
        warm_up(load_extractor())
        outcomes = run_files(paths, published="2023-10-25")
    elif mode.startswith("pool:"):
        outcomes = run_files(paths, published="2023-10-25", workers=int(mode[5:]))  # forks after the load
    elif mode.startswith("dask:"):
        from legation.cli.dask_runner import run_files_dask

        # on return the cluster is up, the model loaded on every worker, every chunk submitted
        outcomes = run_files_dask(paths, f"local:{mode[5:]}", published="2023-10-25")
    else:
        raise SystemExit(f"unknown run {mode!r}: serial, pool:N or dask:N")
    ready = time.perf_counter()
    shapes, cpu = collect(outcomes, len(paths))
    return shapes, time.perf_counter() - started, ready - started, cpu - cpu0


# ----------------------------------------------------------------------------------------- GDELT backfill
CODES = ("190", "183", "145", "195", "1823", "180", "173", "112")
PLACES = (("Baghdad, Baghdad, Iraq", 33.3386, 44.3939, "-3006058"), ("Ramadi, Al-Anbar, Iraq", 33.4206, 43.3078,
          "-3000001"), ("Erbil, Arbil, Iraq", 36.19, 44.01, "-3000010"), ("Basra, Basra, Iraq", 30.51, 47.78,
          "-3000020"), ("Mosul, Ninawa, Iraq", 36.34, 43.13, "-3000030"))


def gdelt_row(row_id: int, day: str, code: str, place: tuple, n: int) -> str:
    f = [""] * 61
    name, lat, lon, _ = place
    feature, lat, lon = f"-3{n:06d}", round(lat + n % 97 * 0.001, 4), round(lon + n % 89 * 0.001, 4)
    f[0], f[1], f[2], f[3], f[4] = str(row_id), day, day[:6], day[:4], "2023.79"
    f[5], f[6], f[7] = ("IRQ", "IRAQ", "IRQ") if n % 3 else ("IRQREB", "MILITANT", "IRQ")
    f[12] = "" if n % 3 else "REB"
    f[15], f[16], f[17], f[22] = "USAMIL", "UNITED STATES", "USA", "MIL"
    f[25], f[26], f[27], f[28] = str(n % 2), code, code[:3], code[:2]
    f[29], f[30], f[31], f[32], f[33], f[34] = "4", "-10.0", str(1 + n % 12), str(1 + n % 3), "2", "-5.5"
    f[51], f[52], f[53], f[54], f[56], f[57], f[58] = "4", name, "IZ", "IZ07", str(lat), str(lon), feature
    f[59], f[60] = f"{day}120000", f"https://news.example/{row_id}"
    return "\t".join(f)


def exports(folder: Path, count: int, rows: int) -> list[Path]:
    """`count` exports of `rows` rows from 2023-01-01 00:00 on, one per quarter hour; most rows are events of
    their own, some repeat one of the day (day, actors, code and place), so later files add reports to events
    stored from earlier ones."""
    import datetime as dt
    import zipfile

    start, paths, row_id = dt.datetime(2023, 1, 1), [], 1_000_000_000
    for k in range(count):
        moment = start + dt.timedelta(minutes=15 * k)
        name = f"{moment:%Y%m%d%H%M%S}.export.CSV"
        lines = []
        for i in range(rows):
            row_id += 1
            n = (k * rows + i) * 7919 % 20011  # a day of 96 exports of 300 rows: about a third repeat
            lines.append(gdelt_row(row_id, f"{moment:%Y%m%d}", CODES[n % len(CODES)], PLACES[n % len(PLACES)], n))
        text = "\n".join(lines) + "\n"
        if k % 2:
            path = folder / f"{name}.zip"
            with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(name, text)
        else:
            path = folder / name
            path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def stored(db: Path) -> tuple[list, list]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        return (conn.execute("SELECT id, digest FROM events ORDER BY id").fetchall(),
                conn.execute("SELECT source, row_id, event_id FROM feed_rows ORDER BY row_id").fetchall())


def own_cpu_seconds() -> float:
    import psutil

    return sum(psutil.Process().cpu_times()[:2])


def backfill(mode: str, paths: list[Path], db: Path) -> tuple[dict, float, float, float, float]:
    """One backfill into a fresh database: (summary, wall seconds, start-up seconds, CPU seconds of every process,
    CPU seconds of this one: the writer)."""
    from legation.cli.backfill import parse_on_dask, parse_serially, store_exports
    from legation.ingest.feeds.cameo import load_own
    from legation.store import open_store
    from legation.store.audit import acting_as

    store = open_store(db)
    cameo = load_own()
    cpu0 = own0 = own_cpu_seconds()  # no worker process yet
    started = time.perf_counter()
    if mode == "serial":
        parsed = parse_serially(paths, cameo)
    elif mode.startswith("dask:"):
        parsed = parse_on_dask(paths, f"local:{mode[5:]}", cameo)
    else:
        raise SystemExit(f"unknown backfill run {mode!r}: serial or dask:N")
    ready = time.perf_counter()
    workers = [0.0]

    def tapped(items):  # the workers' CPU when the last export arrives (the cluster stops after it)
        for n, item in enumerate(items, 1):
            if n == len(paths):
                workers[0] = cpu_seconds() - own_cpu_seconds()
            yield item

    try:
        with acting_as("bench"):
            totals = store_exports(store, tapped(parsed), batch_size=25_000)
        own = own_cpu_seconds()
        cpu = own + workers[0]
    finally:
        parsed.close()
        store.close()
    return totals.summary(None), time.perf_counter() - started, ready - started, cpu - cpu0, own - own0


def run_backfills(count: int, rows: int, modes: list[str]) -> None:
    if "serial" in modes:
        modes.remove("serial")
        modes.insert(0, "serial")
    folder = Path(tempfile.mkdtemp(prefix="legation-bench-backfill-"))
    try:
        paths = exports(folder, count, rows)
        print(f"\nGDELT backfill: {count:,} exports of {rows:,} rows ({count * rows:,} rows); "
              f"{os.cpu_count()} CPUs here", flush=True)
        reference, results = None, []
        for mode in modes:
            db = folder / f"{mode.replace(':', '-')}.db"
            summary, wall, startup, cpu, own = backfill(mode, paths, db)
            records = stored(db)
            same = "reference" if reference is None else ("same" if records == reference else "DIFFERENT")
            if reference is None:
                reference = records
            results.append((mode, wall))
            print(f"{mode:>8}: {wall:7.1f} s wall ({startup:5.1f} s start-up), {cpu:6.1f} CPU s ({own:5.1f} in "
                  f"the writer), {count / wall:6.1f} exports/s, {summary['read'] / wall:8,.0f} rows/s, "
                  f"{len(records[0]):,} events, {summary['files_failed']} files failed, stored records {same}; "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
        if results and results[0][0] == "serial":
            print("speed-up beside the serial backfill:")
            for mode, wall in results[1:]:
                print(f"  {mode:>8}: {results[0][1] / wall:4.2f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", default="serial,dask:1,dask:2", help="comma-separated: serial, dask:N, pool:N")
    parser.add_argument("--pool", type=int, default=0, help="also run the process-pool runner with N workers")
    parser.add_argument("--exports", type=int, default=1000, help="GDELT exports to backfill (0: none)")
    parser.add_argument("--rows", type=int, default=300, help="rows per GDELT export")
    parser.add_argument("--backfill-runs", default="serial,dask:2", help="comma-separated: serial, dask:N")
    args = parser.parse_args()
    if args.exports > 0:
        run_backfills(args.exports, args.rows, [m.strip() for m in args.backfill_runs.split(",") if m.strip()])
    if args.articles <= 0:
        return 0
    modes = [m.strip() for m in args.runs.split(",") if m.strip()]
    if args.pool:
        modes.append(f"pool:{args.pool}")
    if "serial" in modes:  # first: the reference the others are compared with
        modes.remove("serial")
        modes.insert(0, "serial")

    folder = Path(tempfile.mkdtemp(prefix="legation-bench-dask-"))
    try:
        paths = corpus(folder, args.articles)
        words = sum(len(Path(p).read_text(encoding="utf-8").split()) for p in paths)
        print(f"{len(paths):,} articles, {words:,} words; {os.cpu_count()} CPUs here", flush=True)
        reference, results = None, []
        for mode in modes:
            outcomes, wall, startup, cpu = run(mode, paths)
            events = sum(len(o[3]) for o in outcomes)
            same = "reference" if reference is None else ("same" if outcomes == reference else "DIFFERENT")
            if reference is None:
                reference = outcomes
            results.append((mode, wall, startup))
            print(f"{mode:>8}: {wall:7.1f} s wall ({startup:5.1f} s start-up), {cpu:6.1f} CPU s, "
                  f"{len(paths) / wall:6.1f} files/s, {events:,} events, outcomes {same}; "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
        if results and results[0][0] == "serial":
            _, base, base_start = results[0]
            print("\nspeed-up beside one process (with start-up / extraction only):")
            for mode, wall, startup in results[1:]:
                print(f"  {mode:>8}: {base / wall:4.2f}x / {(base - base_start) / (wall - startup):4.2f}x")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
