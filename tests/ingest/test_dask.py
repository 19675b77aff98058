"""`legation ingest --dask`: extraction on a LocalCluster of 2 worker processes gives the records of a serial run;
a worker killed mid-run loses and duplicates nothing; a file whose task fails is reported and the rest go on."""

from __future__ import annotations

import json
import logging
import os
import signal
import sqlite3
import sys
from pathlib import Path

import pytest

from legation.cli import cluster as cluster_module
from legation.cli.dask_runner import chunk_size, parse_address, run_files_dask
from legation.cli.extract import process_chunk, run_files
from legation.domain.errors import InputError

ARTICLES = Path(__file__).resolve().parents[2] / "legation" / "ingest" / "data" / "articles"


# ------------------------------------------------------------------------------------------- options (fast)
def test_addresses():
    assert parse_address("local:2") == ("local", 2)
    assert parse_address(" tcp://10.0.0.5:8786 ") == ("tcp://10.0.0.5:8786", None)
    for bad in ("local:0", "local:x", "local:", "", f"local:{(os.cpu_count() or 1) * 4 + 1}"):
        with pytest.raises(InputError):
            parse_address(bad)


def test_chunks_keep_every_worker_busy():
    assert chunk_size(5, 2) == 1
    assert chunk_size(30, 2) == 4
    assert chunk_size(5000, 2) == 8  # never more than the process runner's CHUNK
    assert chunk_size(0, 2) == 1


def test_bad_dask_options_are_one_line(cli, monkeypatch):
    article = str(next(ARTICLES.glob("*.txt")))
    result = cli("ingest", article, "--dask", "local:0")
    assert result.exit_code == 1 and "local:N needs a number" in result.stderr
    result = cli("ingest", article, "--dask", "local:1", "--workers", "2")
    assert result.exit_code == 1 and "do not go together" in result.stderr
    monkeypatch.setattr(cluster_module, "CONNECT_TIMEOUT", "1s")
    result = cli("ingest", article, "--dask", "tcp://127.0.0.1:9")  # nothing listens on the discard port
    assert result.exit_code == 1 and "cannot reach the scheduler" in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_scheduler_without_workers_is_one_line(cli, monkeypatch):
    distributed = pytest.importorskip("distributed")
    monkeypatch.setattr(cluster_module, "WORKERS_TIMEOUT", 1)
    with distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0",
                                  silence_logs=logging.ERROR) as empty:
        result = cli("ingest", str(next(ARTICLES.glob("*.txt"))), "--dask", empty.scheduler_address)
    assert result.exit_code == 1 and "no worker joined the scheduler in 1 s" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------------------------- on a LocalCluster
@pytest.fixture
def corpus(tmp_path) -> list[str]:
    """The 5 shipped articles, each also as 3 variants (a different last line, so a different report), and one
    binary file: 21 files."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    paths = []
    for source in sorted(ARTICLES.glob("*.txt")):
        text = source.read_text(encoding="utf-8")
        for n in range(4):
            path = folder / (source.name if n == 0 else f"{source.stem}-v{n}.txt")
            path.write_text(text if n == 0 else f"{text}\n(Copy {n} of this report.)\n", encoding="utf-8")
            paths.append(str(path))
    bad = folder / "binary.txt"
    bad.write_bytes(b"\x00\x01\x02 not text")
    paths.insert(7, str(bad))
    return paths


def _shape(outcomes) -> list[tuple]:
    return [(o.path, o.error, o.report.id if o.report else None, [e.to_dict() for e in o.events])
            for o in outcomes]


@pytest.mark.slow
def test_same_outcomes_as_a_serial_run(cluster, corpus):
    serial = _shape(run_files(corpus, published="2023-10-25"))
    run = run_files_dask(corpus, cluster.scheduler_address, published="2023-10-25")
    assert _shape(run) == serial
    assert run.stats["workers"] == 2 and run.stats["failed_tasks"] == 0
    assert sum(1 for _, error, _, _ in serial if error) == 1 and sum(len(s[3]) for s in serial) > 20


@pytest.mark.slow
def test_ingest_stores_what_a_serial_ingest_stores(cluster, corpus, tmp_path, cli):
    from click.testing import CliRunner

    from tests.conftest import _Legation

    def ingest(db: Path, *extra: str):
        result = CliRunner().invoke(_Legation(), ["--db", str(db), "ingest", *corpus, "--format", "json", *extra])
        assert result.exit_code == 1, result.output  # the binary file is skipped
        assert result.stderr.count("skipped") == 1 and "binary.txt" in result.stderr
        return json.loads(result.stdout)

    serial = ingest(tmp_path / "serial.db")
    dask = ingest(tmp_path / "dask.db", "--dask", cluster.scheduler_address)
    assert dask == serial
    assert serial["read"] == 21 and serial["imported"] == 20 and serial["events"]["inserted"] > 20
    again = ingest(tmp_path / "dask.db", "--dask", cluster.scheduler_address)  # idempotent
    assert again["imported"] == 0 and again["duplicates"] == 20 and again["events"]["inserted"] == 0

    def rows(db: Path):
        with sqlite3.connect(db) as conn:
            return (conn.execute("SELECT id, report_id, digest FROM events ORDER BY id").fetchall(),
                    conn.execute("SELECT id, hash, source, doc, published FROM reports ORDER BY id").fetchall())

    assert rows(tmp_path / "dask.db") == rows(tmp_path / "serial.db")


def _poisoned(paths, published, max_bytes):
    """A task that raises on the chunk holding `...-v2.txt` of the al-Tanf article (any other chunk works)."""
    if any(p.endswith("al-tanf-drone-v2.txt") for p in paths):
        raise RuntimeError("the extractor broke on this one")
    return process_chunk(paths, published, max_bytes)


@pytest.mark.slow
def test_a_failing_file_is_reported_and_the_rest_complete(cluster, corpus):
    import cloudpickle

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers need not import the tests
    try:
        run = run_files_dask(corpus, cluster.scheduler_address, published="2023-10-25", task=_poisoned)
        outcomes = list(run)
    finally:
        cloudpickle.unregister_pickle_by_value(sys.modules[__name__])
    assert [o.path for o in outcomes] == corpus
    failed = [o for o in outcomes if o.error and "binary" not in o.path]
    assert [o.path for o in failed] == [p for p in corpus if p.endswith("al-tanf-drone-v2.txt")]
    assert "failed on the cluster (RuntimeError: the extractor broke on this one)" in failed[0].error
    serial = {s[0]: s for s in _shape(run_files(corpus, published="2023-10-25"))}
    assert all(_shape([o])[0] == serial[o.path] for o in outcomes if o not in failed)
    assert run.stats["failed_tasks"] >= 2 and run.stats["retried_files"] >= 1  # the chunk, then the file alone


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(cluster, corpus, tmp_path):
    from legation.cli.reports import IngestTotals
    from legation.store import open_store

    serial = _shape(run_files(corpus, published="2023-10-25"))
    run = run_files_dask(corpus, cluster.scheduler_address, published="2023-10-25")
    pids = run.client.run(os.getpid)  # every chunk is submitted: kill a worker while they run
    victim = sorted(pids.values())[0]
    os.kill(victim, signal.SIGKILL)
    outcomes = list(run)
    assert _shape(outcomes) == serial  # each file once, in order, with the events of a serial run

    store = open_store(tmp_path / "killed.db")
    totals = IngestTotals()
    totals.store(store, outcomes)
    with store.connect() as conn:
        from legation.store.events import count_events

        assert count_events(conn) == sum(len(s[3]) for s in serial) - _repeated_ids(serial)
    store.close()
    assert totals.imported == 20 and totals.rejected == 1
    from distributed import Client

    with Client(cluster.scheduler_address, set_as_default=False) as client:  # the nanny started a new worker
        client.wait_for_workers(2, timeout=120)
        assert victim not in client.run(os.getpid).values()


def _repeated_ids(shapes) -> int:
    ids = [e["id"] for s in shapes for e in s[3]]
    return len(ids) - len(set(ids))
