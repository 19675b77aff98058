"""A SIGKILL in the middle of an import, then the same import again: complete, no duplicate, no lost row."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from tests.ingest.feeds.conftest import gdelt_row

ROWS = 15_000


def _stored(db: str) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM events").fetchone()[0]
    except sqlite3.OperationalError:
        return 0  # not created or migrated yet


@pytest.mark.slow
def test_sigkill_mid_import_then_rerun_completes_it(tmp_path):
    # Distinct events (one a day per row block) so each row is one event and counts are exact.
    path = tmp_path / "big.export.CSV"
    with open(path, "w") as handle:
        for n in range(ROWS):
            handle.write(gdelt_row(10_000 + n, actor1=f"A{n:05d}") + "\n")
    db = str(tmp_path / "resume.db")
    command = [sys.executable, "-m", "legation", "--db", db, "import", "gdelt", str(path), "--batch-size", "500",
               "--format", "json", "--rejects", str(tmp_path / "r.csv")]
    victim = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while _stored(db) < 2_000 and victim.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL, "the import finished before it could be killed"
    committed = _stored(db)
    assert 0 < committed < ROWS

    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    counts = json.loads(rerun.stdout)
    assert counts["read"] == ROWS and counts["rejected"] == 0
    assert counts["duplicates"] == committed and counts["imported"] == ROWS - committed
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone() == (ROWS, ROWS)
        kept = {json.loads(r)["source_codes"]["global_event_ids"][0] for (r,) in
                conn.execute("SELECT record FROM events")}
        assert kept == {str(10_000 + n) for n in range(ROWS)}  # no row lost
        # the R*Tree and full-text index rows (written after each batch) match the events
        assert conn.execute("SELECT count(*) FROM event_rtree").fetchone()[0] == ROWS
        conn.execute("INSERT INTO event_fts(event_fts, rank) VALUES ('integrity-check', 1)")  # raises if out of step
        triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert {"events_rtree_ai", "events_fts_ai"} <= triggers
