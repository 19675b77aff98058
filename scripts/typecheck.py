"""Run mypy over legation/ against a baseline that may only shrink.

    python scripts/typecheck.py            # exit 1 if a file has more errors than its baseline, or any error in
                                           # a stage that must be clean (CLEAN below)
    python scripts/typecheck.py --update   # rewrite the baseline after errors were fixed (never to add errors)

The baseline (scripts/mypy-baseline.txt) holds one `count path` line per file that still has errors. The settings
are mypy's own, in pyproject.toml ([tool.mypy], check_untyped_defs on).
"""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "scripts" / "mypy-baseline.txt"
CLEAN = ("legation/domain/", "legation/store/", "legation/assess/")
_ERROR = re.compile(r"^(?P<path>[^:]+):\d+(?::\d+)?: error:")


def errors_by_file() -> tuple[Counter[str], list[str]]:
    run = subprocess.run([sys.executable, "-m", "mypy", "legation"], cwd=ROOT, capture_output=True, text=True)
    lines = [line for line in run.stdout.splitlines() if _ERROR.match(line)]
    if run.returncode not in (0, 1) or (run.returncode == 1 and not lines):
        sys.exit(f"typecheck: mypy failed to run:\n{run.stdout}{run.stderr}")
    return Counter(_ERROR.match(line)["path"] for line in lines), lines


def read_baseline() -> Counter[str]:
    counts: Counter[str] = Counter()
    if BASELINE.exists():
        for line in BASELINE.read_text().splitlines():
            if line.strip() and not line.startswith("#"):
                count, path = line.split(maxsplit=1)
                counts[path] = int(count)
    return counts


def main(argv: list[str]) -> int:
    found, lines = errors_by_file()
    if "--update" in argv:
        body = "".join(f"{n} {path}\n" for path, n in sorted(found.items()))
        BASELINE.write_text("# mypy errors per file that may remain (scripts/typecheck.py); only ever shrinks\n" + body)
        print(f"typecheck: baseline now {sum(found.values())} errors in {len(found)} files")
        return 0
    baseline = read_baseline()
    worse = {p: n for p, n in found.items() if n > baseline.get(p, 0) or p.startswith(CLEAN)}
    for line in lines:
        if _ERROR.match(line)["path"] in worse:
            print(line)
    total, allowed = sum(found.values()), sum(baseline.values())
    if worse:
        print(f"typecheck: {sum(worse.values())} errors beyond the baseline in {len(worse)} files "
              f"({', '.join(sorted(worse))}); fix them (the stages {', '.join(CLEAN)} must be clean)")
        return 1
    note = " (lower than the baseline: run scripts/typecheck.py --update)" if total < allowed else ""
    print(f"typecheck: {total} mypy errors, baseline {allowed}{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
