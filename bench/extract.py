"""Extraction throughput: words per second end to end, beside a bare `nlp.pipe` of the same model, and workers.

    .venv/bin/python bench/extract.py [--words 100000] [--workers 2] [--rounds 3] [--shared ../shared]

Texts: the golden test articles plus the WikiEvents dev documents (prepared with ../shared/eval/wikievents.py when
../shared is present), written as files and repeated until about --words words. Runs over the same files, in one
process and one sitting so they share the machine's load; 0 to 2 alternate for --rounds rounds and each figure is
its best round's, in wall time and in CPU time (what a quiet core would give):
  0. stock:      `nlp.pipe` of the model as spaCy loads it (BLIS ops, Matcher-based attribute ruler), for reference;
  1. bare:       `nlp.pipe` of the same model as Legation loads it (numpy BLAS, attribute rules by lookup, the
                 NER's decoder and both tok2vec forwards of legation/extract/fastnet.py: see
                 legation/extract/model.py), the model alone, already loaded; its token-embedding caches are emptied
                 before every run (and before every end-to-end run), so no run starts warm from the one before;
  2. end to end: read each file → extract → `event.to_dict()` → JSON, in this process (what `legation extract` does);
  3. workers:    the same with --workers processes (forked after the model is loaded, so no load is timed);
  4. with --independent: --workers separate interpreters sharing out the files (the machine's own ceiling).
Targets (issue 3): end to end ≥ 3,000 words/s and ≥ 60% of bare; --workers 2 ≥ 1.6× one worker; (issue 16) end to
end ≥ 1.3× stock. Inside the one-process runs the CPU time of the stages after the parse is measured and printed as
shares of that run's CPU time: all of it (Extractor.events_of), the patterns (Recognizer.mentions), the trained
detector (legation/extract/detector: its scoring and the mentions it adds) and the rest (assemble.py, furniture,
merge); what is left is the parse and reading the files. The figures depend on
what else runs on the machine: the load average is printed with them. With --components, each pipeline
component's CPU seconds over the texts, stock beside Legation's, once, after the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "extract" / "golden"


def source_texts(shared: Path, workdir: Path) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.txt"))]
    data, script = shared / "data" / "wikievents" / "dev.jsonl", shared / "eval" / "wikievents.py"
    if data.exists() and script.exists():
        out = workdir / "wikievents"
        subprocess.run([sys.executable, str(script), "prepare", str(data), str(out)], check=True,
                       capture_output=True)
        texts += [p.read_text(encoding="utf-8") for p in sorted(out.glob("*.txt"))]
    else:
        print(f"note: {shared} has no WikiEvents data; golden articles only")
    return texts


def write_corpus(texts: list[str], words: int, folder: Path) -> tuple[list[Path], list[str], int]:
    """Files repeating the texts until about `words` words; returns (paths, their texts, word count)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths, chosen, total = [], [], 0
    while total < words:
        for text in texts:
            path = folder / f"doc{len(paths):05d}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
            chosen.append(text)
            total += len(text.split())
            if total >= words:
                break
    return paths, chosen, total


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (worker pools are joined before this is read)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def timed(label: str, words: int, run) -> tuple[float, float]:
    """(wall words/s, words per CPU second) of one run; the second is what a quiet machine would give one core."""
    start, cpu = time.perf_counter(), cpu_seconds()
    extra = run()
    seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    print(f"{label:30} {seconds:7.2f} s wall {words / seconds:8,.0f} words/s | {cpu:7.2f} s CPU "
          f"{words / cpu:8,.0f} words/CPU-s  {extra}")
    return words / seconds, words / cpu


def independent_child(list_file: str) -> None:
    """`--independent` child: load, say "ready", wait for "go", extract its files in one process, print seconds."""
    from legation.cli.extract import run_files

    paths = Path(list_file).read_text(encoding="utf-8").split("\n")
    list(run_files(paths[:4]))
    print("ready", flush=True)
    sys.stdin.readline()
    start = time.perf_counter()
    for outcome in run_files(paths):
        for event in outcome.events:
            json.dumps(event.to_dict(), ensure_ascii=False, default=str)
    print(f"{time.perf_counter() - start:.3f}", flush=True)


def independent(paths: list[Path], count: int, workdir: Path) -> float:
    """Wall seconds for `count` separate interpreters (each loading the model, untimed) sharing out the files: what
    the machine gives two processes that share nothing, to set beside --workers."""
    procs = []
    for n in range(count):
        listing = workdir / f"share{n}.txt"
        listing.write_text("\n".join(str(p) for p in paths[n::count]), encoding="utf-8")
        procs.append(subprocess.Popen([sys.executable, __file__, "--child", str(listing)], stdin=subprocess.PIPE,
                                      stdout=subprocess.PIPE, text=True))
    for proc in procs:
        proc.stdout.readline()
    start = time.perf_counter()
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        proc.stdout.readline()
        proc.wait()
    return time.perf_counter() - start


def components(stock, ours, texts: list[str], clear) -> None:
    """CPU seconds of each component over the texts (batches of 32, as above), stock spaCy beside Legation's."""
    def times(nlp) -> dict[str, float]:
        clear()
        start = time.process_time()
        docs = list(nlp.tokenizer.pipe(texts))
        out = {"tokenizer": time.process_time() - start}
        for name, proc in nlp.pipeline:
            start = time.process_time()
            docs = list(proc.pipe(docs, batch_size=32)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            out[name] = time.process_time() - start
        return out

    theirs, mine = times(stock), times(ours)
    print("\ncomponents, CPU seconds (stock | Legation):")
    for name in dict.fromkeys([*theirs, *mine]):
        print(f"  {name:28} {theirs.get(name, 0.0):6.2f} | {mine.get(name, 0.0):6.2f}")
    print(f"  {'all':28} {sum(theirs.values()):6.2f} | {sum(mine.values()):6.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of stock, bare and end to end")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--independent", action="store_true",
                        help="also time --workers separate processes (no fork), as the machine's own ceiling")
    parser.add_argument("--components", action="store_true",
                        help="also print each pipeline component's CPU seconds, stock beside Legation's")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        independent_child(args.child)
        return

    from legation.cli.extract import run_files
    from legation.extract.fastnet import clear_embedding_caches
    from legation.extract.model import load_nlp
    from legation.extract.pipeline import Extractor

    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        paths, texts, words = write_corpus(source_texts(args.shared, workdir), args.words, workdir / "corpus")
        print(f"{len(paths)} files, {words:,} words; {os.cpu_count()} CPUs; load average "
              f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}")
        load = time.perf_counter()
        extractor = Extractor.load()
        list(run_files(paths[:4]))  # warm-up: first-call costs (resolver tables, dateparser) are not throughput
        stock_nlp = load_nlp(fast=False)
        list(stock_nlp.pipe(texts[:4]))
        print(f"model and resolvers loaded in {time.perf_counter() - load:.1f} s (not timed below)")

        def bare_of(nlp):
            def run():
                clear_embedding_caches()
                docs = sum(1 for _ in nlp.pipe(texts, batch_size=32))
                return f"{docs} docs"
            return run

        def end_to_end(workers: int):
            def run():
                clear_embedding_caches()
                events = 0
                for outcome in run_files(paths, workers=workers):
                    for event in outcome.events:
                        json.dumps(event.to_dict(), ensure_ascii=False, default=str)
                        events += 1
                return f"{events} events"
            return run

        # CPU seconds of the stages after the parse, measured inside the end-to-end runs: all of it (events_of), the
        # patterns (recognize.py), the trained detector, and what is left (assemble.py's parties, places and dates,
        # furniture, merge). process_time, not wall time: a share of CPU time should not grow with the load.
        stage_seconds = {"after": 0.0, "patterns": 0.0, "detector": 0.0}

        def clocked(owner, attr: str, stage: str) -> None:
            method = getattr(owner, attr)

            def run(*a, **k):
                start = time.process_time()
                try:
                    return method(*a, **k)
                finally:
                    stage_seconds[stage] += time.process_time() - start
            setattr(owner, attr, run)

        clocked(extractor, "events_of", "after")
        clocked(extractor.recognizer, "mentions", "patterns")
        if extractor.detector is not None:
            clocked(extractor.detector, "combine", "detector")

        # Rounds alternate stock, bare and end to end, so a burst of load from other processes falls on all three
        # alike; each figure is the best round's (the least disturbed), in wall and in CPU time.
        runs: dict[str, list[tuple[float, float]]] = {"stock": [], "bare": [], "one": []}
        stage_runs = []
        for round_ in range(1, args.rounds + 1):
            print(f"round {round_}:")
            runs["stock"].append(timed("  stock spaCy nlp.pipe", words, bare_of(stock_nlp)))
            runs["bare"].append(timed("  bare nlp.pipe", words, bare_of(extractor.nlp)))
            stage_seconds.update(dict.fromkeys(stage_seconds, 0.0))
            start_cpu = cpu_seconds()
            runs["one"].append(timed("  end to end, 1 process", words, end_to_end(1)))
            stage_runs.append((cpu_seconds() - start_cpu, dict(stage_seconds)))
        stock_wall, stock_cpu = (max(x) for x in zip(*runs["stock"], strict=True))
        bare_wall, bare_cpu = (max(x) for x in zip(*runs["bare"], strict=True))
        one_wall, one_cpu = (max(x) for x in zip(*runs["one"], strict=True))
        run_cpu, stages = min(stage_runs, key=lambda run: run[0])  # the least disturbed round
        share = {stage: seconds / run_cpu if run_cpu else 0.0 for stage, seconds in stages.items()}
        many_wall, _ = timed(f"end to end, --workers {args.workers}", words, end_to_end(args.workers))
        print(f"\nbest of {args.rounds} rounds, words/s (wall | per CPU-second):")
        print(f"  stock spaCy nlp.pipe:  {stock_wall:8,.0f} | {stock_cpu:8,.0f}")
        print(f"  bare nlp.pipe:         {bare_wall:8,.0f} | {bare_cpu:8,.0f}")
        print(f"  end to end:            {one_wall:8,.0f} | {one_cpu:8,.0f}  (target ≥ 3,000)")
        print(f"bare / stock spaCy:      {bare_wall / stock_wall:.2f}x wall, {bare_cpu / stock_cpu:.2f}x CPU "
              "(same model, same annotations)")
        print(f"end to end / bare pipe:  {one_wall / bare_wall:.0%} wall, {one_cpu / bare_cpu:.0%} CPU  "
              f"(target ≥ 60%)")
        print(f"end to end / stock:      {one_wall / stock_wall:.2f}x wall, {one_cpu / stock_cpu:.2f}x CPU  "
              "(target ≥ 1.3x)")
        print(f"trained detector:        {stages['detector']:.2f} s CPU of an end-to-end round, "
              f"{share['detector']:.1%} of its CPU time"
              + ("" if extractor.detector is not None else "  (no detector shipped)"))
        print(f"after the parse:         {share['after']:.1%} of the round's CPU time: patterns "
              f"{share['patterns']:.1%}, detector {share['detector']:.1%}, "
              "the rest (parties, places, dates, furniture, merge) "
              f"{share['after'] - share['patterns'] - share['detector']:.1%}; the parse and reading the files "
              f"{1 - share['after']:.1%}")
        print(f"--workers {args.workers} / 1 worker:   {many_wall / one_wall:.2f}x wall  (target ≥ 1.6x; needs "
              f"{args.workers} idle cores: load average now {os.getloadavg()[0]:.2f})")
        if args.components:
            components(stock_nlp, extractor.nlp, texts, clear_embedding_caches)
        if args.independent:
            seconds = independent(paths, args.workers, workdir)
            print(f"{args.workers} separate processes / 1:  {words / seconds / one_wall:.2f}x wall  "
                  f"({words / seconds:,.0f} words/s; load average now {os.getloadavg()[0]:.2f})")

if __name__ == "__main__":
    main()
