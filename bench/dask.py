"""Benchmark: extraction of many articles on Dask (a LocalCluster of 1 and of 2 worker processes) beside one
process, and a check that every run gives the same outcomes (files, reports, event records) as the serial run.

The articles are the shipped ones (legation/ingest/data/articles) and the seed article of ../shared/corpus when
present, each copied with a closing line that makes copy k a different report: `--articles` files in all
(default 5,000; on a small shared machine that is several minutes a run: say which number you ran).

    .venv/bin/python bench/dask.py [--articles 5000] [--runs serial,dask:1,dask:2] [--pool 2]

For each run it prints the wall time, the start-up within it (the cluster's start and the model's load on every
worker, or the model's load in this process for the serial run), the CPU seconds of every process of the run
(this one, and the pool's or the cluster's: steadier than wall time on a busy machine), files/s, the speed-up
beside the serial run counted with and without start-up, and the machine's load average after each run (on a
machine shared with other work the speed-ups mean little: compare runs made at the same load). `--pool N` adds
the process-pool runner (`ingest --workers N`) for reference. Only extraction is timed: storing is done by the
client in every mode, the same way.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", default="serial,dask:1,dask:2", help="comma-separated: serial, dask:N, pool:N")
    parser.add_argument("--pool", type=int, default=0, help="also run the process-pool runner with N workers")
    args = parser.parse_args()
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
