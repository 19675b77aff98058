"""Make the README's screenshots: play the seed story in chromium (tests/web/test_seed_story.py, each step by its
role) and keep a few of its steps as PNGs 1000 px wide, reduced to a 256-colour palette, in docs/screenshots/.

    python scripts/screenshots.py [--out docs/screenshots]

The story is played on an article of our own (docs/screenshots/story-article.txt, the seed's facts in our words), not
on the seed article, so that the pictures hold no third-party text. It needs chromium (LEGATION_CHROMIUM) and the
built vendor files (make setup). The pictures show the test's own example data, and that article as the extractor
read it.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WIDTH = 1000
ARTICLE = ROOT / "docs" / "screenshots" / "story-article.txt"
# step of the story → the README's name for it
KEEP = {
    "02-analyst-levels-and-alerts": "ingest-outcome",
    "03-operations-alert-arrives": "live-feed",
    "05-pm-issued": "order-issued",
    "08-unit-complied": "unit-tasks",
    "10-board-gap-closed": "board",
    "11-liaison-map-and-feed": "liaison-map",
}


def shrink(source: Path, target: Path) -> int:
    """`source` scaled to WIDTH px wide, as a palette PNG; returns its size in bytes."""
    from PIL import Image

    with Image.open(source) as image:
        image = image.convert("RGB")
        if image.width != WIDTH:
            image = image.resize((WIDTH, round(image.height * WIDTH / image.width)), Image.Resampling.LANCZOS)
        image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        image.save(target, format="PNG", optimize=True)
    return target.stat().st_size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "LEGATION_STORY_SHOTS": tmp, "LEGATION_STORY_ARTICLE": str(ARTICLE)}
        run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-rs",
                              "tests/web/test_seed_story.py"], cwd=ROOT, env=env)
        missing = [name for name in KEEP if not (Path(tmp) / f"{name}.png").is_file()]
        if run.returncode != 0 or missing:
            print(f"screenshots: the story did not run through (missing {', '.join(missing) or 'nothing'}); "
                  "see the test's output above", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        for step, name in KEEP.items():
            size = shrink(Path(tmp) / f"{step}.png", args.out / f"{name}.png")
            print(f"{args.out / name}.png  {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
