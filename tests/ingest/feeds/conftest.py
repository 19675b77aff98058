"""Helpers for the feed tests: small feed files written on the fly, and running an import end to end."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "acled"
ACLED_SAMPLE = FIXTURES / "acled-sample.csv"


def acled_rows() -> list[dict[str, str]]:
    with open(ACLED_SAMPLE, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_acled(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def gdelt_row(event_id: int, *, date: str = "20231018", code: str = "195", actor1: str = "IRQ",
              actor2: str = "USAMIL", name1: str = "IRAQ", name2: str = "UNITED STATES", geo_type: str = "4",
              place: str = "Baghdad, Baghdad, Iraq", lat: str = "33.3386", lon: str = "44.3939",
              feature: str = "-3006058", url: str = "https://news.example/a") -> str:
    """One 61-column GDELT 2.0 row (tab-separated), with the fields Legation reads set."""
    f = [""] * 61
    f[0], f[1], f[2], f[3], f[4] = str(event_id), date, date[:6], date[:4], "2023.79"
    f[5], f[6], f[7], f[12] = actor1, name1, actor1[:3], actor1[3:6]
    f[15], f[16], f[17], f[22] = actor2, name2, actor2[:3], actor2[3:6]
    f[25], f[26], f[27], f[28] = "1", code, code[:3], code[:2]
    f[29], f[30], f[31], f[32], f[33], f[34] = "4", "-10.0", "6", "1", "6", "-5.5"
    f[51], f[52], f[53], f[54], f[56], f[57], f[58] = geo_type, place, "IZ", "IZ07", lat, lon, feature
    f[59], f[60] = "20231018120000", url
    return "\t".join(f)


@pytest.fixture
def run_json(cli):
    """Run a CLI command with --format json and return (result, parsed output)."""

    def run(*args: str, input: str | None = None):
        result = cli(*args, "--format", "json", input=input)
        data = json.loads(result.stdout) if result.exit_code == 0 else None
        return result, data

    run.db = cli.db
    return run


def parse_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))
