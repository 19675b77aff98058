"""Copy the browser packages the pages need from `node_modules/` into `legation/web/static/vendor/`.

Run by the set-up (`make setup`) after `npm ci`: the pages (and Swagger UI at /api/docs) then load everything from
the package itself, so the operations room works with no internet (no CDN at run time). The vendor folder is
generated, not committed.

    python -m legation.web.build_static [--node-modules PATH]
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = Path(__file__).with_name("static") / "vendor"

# (source under node_modules, destination under static/vendor)
FILES: tuple[tuple[str, str], ...] = (
    ("leaflet/dist/leaflet.js", "leaflet.js"),
    ("leaflet/dist/leaflet.css", "leaflet.css"),
    ("leaflet/dist/images/marker-icon.png", "images/marker-icon.png"),
    ("leaflet/dist/images/marker-icon-2x.png", "images/marker-icon-2x.png"),
    ("leaflet/dist/images/marker-shadow.png", "images/marker-shadow.png"),
    ("leaflet/dist/images/layers.png", "images/layers.png"),
    ("leaflet/dist/images/layers-2x.png", "images/layers-2x.png"),
    ("leaflet.markercluster/dist/leaflet.markercluster.js", "leaflet.markercluster.js"),
    ("leaflet.markercluster/dist/MarkerCluster.css", "MarkerCluster.css"),
    ("leaflet.markercluster/dist/MarkerCluster.Default.css", "MarkerCluster.Default.css"),
    ("htmx.org/dist/htmx.min.js", "htmx.min.js"),
    ("topojson-client/dist/topojson-client.min.js", "topojson-client.min.js"),
    ("world-atlas/countries-110m.json", "countries-110m.json"),
    ("swagger-ui-dist/swagger-ui-bundle.js", "swagger-ui-bundle.js"),  # /api/docs
    ("swagger-ui-dist/swagger-ui.css", "swagger-ui.css"),
)


def missing() -> list[str]:
    """Vendor files not yet built (the pages need every one)."""
    return [dest for _, dest in FILES if not (VENDOR / dest).is_file()]


def build(node_modules: Path) -> int:
    """Copy every file; exit status 1 naming the first one missing from node_modules."""
    for source, dest in FILES:
        src = node_modules / source
        if not src.is_file():
            print(f"build_static: {src} is missing; run `npm ci` at the repository root first", file=sys.stderr)
            return 1
        target = VENDOR / dest
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, target)
    print(f"build_static: {len(FILES)} files copied into {VENDOR}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--node-modules", type=Path, default=ROOT / "node_modules")
    return build(parser.parse_args(argv).node_modules)


if __name__ == "__main__":
    sys.exit(main())
