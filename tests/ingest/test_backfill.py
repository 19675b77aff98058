"""`legation import gdelt --backfill DIR`: many 15-minute exports in one run, serially or on a LocalCluster of 2
workers, store what importing them one by one stores; a re-run adds nothing; a damaged file is reported while the
rest are imported; --from/--to select the exports by the time in their names."""

from __future__ import annotations

import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import _Legation
from tests.ingest.feeds.conftest import gdelt_row

CODES = ("190", "183", "145", "195", "1823")
PLACES = (("Baghdad, Baghdad, Iraq", "33.3386", "44.3939", "-3006058"),
          ("Ramadi, Al-Anbar, Iraq", "33.4206", "43.3078", "-3000001"),
          ("Erbil, Arbil, Iraq", "36.19", "44.01", "-3000010"))


def _rows(quarter: int) -> str:
    """Six rows of invented events; quarters share events (the same day, actors, code and place), so which file
    is stored first decides the record later reports are merged into."""
    rows = []
    for i in range(6):
        place, lat, lon, feature = PLACES[(quarter + i) % len(PLACES)]
        rows.append(gdelt_row(3_000_000 + quarter * 100 + i, code=CODES[(quarter * 2 + i) % len(CODES)],
                              place=place, lat=lat, lon=lon, feature=feature,
                              url=f"https://news.example/{quarter}/{i}"))
    return "\n".join(rows) + "\n"


def _name(quarter: int) -> str:
    hours, minutes = divmod(12 * 60 + 15 * quarter, 60)
    return f"20231018{hours:02d}{minutes:02d}00.export.CSV"


@pytest.fixture
def exports(tmp_path) -> Path:
    """Eight exports from 12:00 to 13:45 (every other one zipped, as GDELT publishes them), a file that is not an
    export, and two damaged exports: a zip cut short (14:00) and a file of garbled text (14:15)."""
    folder = tmp_path / "gdelt"
    folder.mkdir()
    for quarter in range(8):
        if quarter % 2:
            with zipfile.ZipFile(folder / f"{_name(quarter)}.zip", "w", zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(_name(quarter), _rows(quarter))
        else:
            (folder / _name(quarter)).write_text(_rows(quarter), encoding="utf-8")
    (folder / "README.txt").write_text("not an export\n", encoding="utf-8")
    whole = (folder / f"{_name(1)}.zip").read_bytes()
    (folder / f"{_name(8)}.zip").write_bytes(whole[: len(whole) // 2])
    (folder / _name(9)).write_text("<html>\x01 404 \x02 Not Found</html>\nno\ttabs here\n", encoding="utf-8")
    return folder


def _legation(db: Path, *args: str):
    return CliRunner().invoke(_Legation(), ["--db", str(db), *args])


def _backfill(db: Path, folder: Path, *extra: str, status: int = 1) -> dict:
    result = _legation(db, "import", "gdelt", "--backfill", str(folder), "--format", "json",
                       "--rejects", str(db.with_suffix(".rejects.csv")), *extra)
    assert result.exit_code == status, result.output
    return {"summary": json.loads(result.stdout), "stderr": result.stderr}


def _stored(db: Path) -> tuple[list, list]:
    with sqlite3.connect(db) as conn:
        return (conn.execute("SELECT id, digest, record FROM events ORDER BY id").fetchall(),
                conn.execute("SELECT source, row_id, event_id FROM feed_rows ORDER BY row_id").fetchall())


def _skipped(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "skipped" in line]


# ------------------------------------------------------------------------------------------- serial (fast)
def test_backfill_stores_what_importing_each_file_in_turn_stores(exports, tmp_path):
    one_by_one = tmp_path / "one-by-one.db"
    for path in sorted(p for p in exports.iterdir() if p.name.startswith("2023") and p.name < _name(8)):
        result = _legation(one_by_one, "import", "gdelt", str(path), "--rejects", str(tmp_path / "r.csv"))
        assert result.exit_code == 0, result.output

    out = _backfill(tmp_path / "backfill.db", exports)
    assert out["summary"] == {"files": 10, "files_failed": 2, "read": 48, "imported": 48, "duplicates": 0,
                              "rejected": 0, "rejected_file": None, "revised": out["summary"]["revised"],
                              "events_added": out["summary"]["events_added"],
                              "events_updated": out["summary"]["events_updated"]}
    assert _stored(tmp_path / "backfill.db") == _stored(one_by_one)
    events, rows = _stored(one_by_one)
    assert len(rows) == 48 and 0 < len(events) < 48  # rows of one event, across files, made one event


def test_damaged_files_are_named_with_their_reason_and_the_rest_imported(exports, tmp_path):
    out = _backfill(tmp_path / "b.db", exports)
    skipped = _skipped(out["stderr"])
    assert len(skipped) == 2
    assert f"{_name(8)}.zip" in skipped[0] and ("not a zip file" in skipped[0] or "damaged" in skipped[0])
    assert _name(9) in skipped[1] and "every row (2) was rejected" in skipped[1] and "columns, not 61" in skipped[1]
    assert "Traceback" not in out["stderr"]
    assert out["summary"]["imported"] == 48 and out["summary"]["files_failed"] == 2


def test_a_rerun_adds_nothing(exports, tmp_path):
    db = tmp_path / "b.db"
    first = _backfill(db, exports)["summary"]
    before = _stored(db)
    again = _backfill(db, exports)["summary"]
    assert again["read"] == first["read"] == 48
    assert again["duplicates"] == 48 and again["imported"] == again["events_added"] == again["events_updated"] == 0
    assert _stored(db) == before


def test_from_and_to_select_the_exports_by_the_time_in_their_names(exports, tmp_path):
    db = tmp_path / "b.db"
    out = _backfill(db, exports, "--from", "2023-10-18T12:30", "--to", "2023-10-18T13:15", status=0)
    assert out["summary"]["files"] == 4 and out["summary"]["read"] == 24  # 12:30, 12:45, 13:00, 13:15
    with sqlite3.connect(db) as conn:
        files = {json.loads(r)["evidence"]["file"] for (r,) in conn.execute("SELECT record FROM events")}
        row_ids = sorted(int(r) for (r,) in conn.execute("SELECT row_id FROM feed_rows"))
    assert {Path(f).name.split(".")[0] for f in files} <= {"20231018123000", "20231018124500", "20231018130000",
                                                            "20231018131500"}
    assert row_ids[0] == 3_000_200 and row_ids[-1] == 3_000_505  # quarters 2 to 5
    out = _backfill(tmp_path / "c.db", exports, "--to", "2023-10-18T12:15", status=0)  # both ends included
    assert out["summary"]["files"] == 2
    out = _backfill(tmp_path / "d.db", exports, "--from", "2023-10-18", status=1)  # a bare date: its 00:00
    assert out["summary"]["files"] == 10


def test_bad_backfill_options_are_one_line(exports, tmp_path, cli):
    cases = [(("--from", "2023-10-18T12:00"), "--from goes with --backfill"),
             (("--backfill", str(exports), str(exports / _name(0))), "either PATH or --backfill"),
             (("--backfill", str(tmp_path / "nowhere")), "no such folder"),
             (("--backfill", str(exports), "--from", "yesterday"), "not a time"),
             (("--backfill", str(exports), "--from", "2023-02-30"), "no such time"),
             (("--backfill", str(exports), "--from", "2023-10-18T13:00", "--to", "2023-10-18T12:00"), "is after"),
             (("--backfill", str(exports), "--from", "2024-01-01"), "no GDELT export"),
             (("--backfill", str(exports), "--dask", "local:0"), "local:N needs a number"),
             ((), "name the export to import")]
    for args, message in cases:
        result = cli("import", "gdelt", *args)
        assert result.exit_code == 1 and message in result.stderr, (args, result.output)
        assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_strict_refuses_a_file_with_a_bad_row_whole(exports, tmp_path):
    (exports / _name(9)).unlink()
    (exports / f"{_name(8)}.zip").unlink()
    text = (exports / _name(2)).read_text(encoding="utf-8").splitlines()
    text[3] = text[3].replace("\t20231018\t", "\t20231318\t", 1)  # month 13
    (exports / _name(2)).write_text("\n".join(text) + "\n", encoding="utf-8")
    out = _backfill(tmp_path / "b.db", exports, "--strict")
    (line,) = _skipped(out["stderr"])
    assert _name(2) in line and "nothing of this file stored" in line
    assert out["summary"]["files"] == 8 and out["summary"]["read"] == 42  # the 7 other files


# ------------------------------------------------------------------------------------- on a LocalCluster
@pytest.mark.slow
def test_on_two_workers_the_same_records_as_a_serial_backfill(cluster, exports, tmp_path):
    serial = _backfill(tmp_path / "serial.db", exports)
    dask = _backfill(tmp_path / "dask.db", exports, "--dask", cluster.scheduler_address)
    assert dask["summary"] == serial["summary"]
    assert _skipped(dask["stderr"]) == _skipped(serial["stderr"]) and len(_skipped(serial["stderr"])) == 2
    assert _stored(tmp_path / "dask.db") == _stored(tmp_path / "serial.db")
    again = _backfill(tmp_path / "dask.db", exports, "--dask", cluster.scheduler_address)["summary"]
    assert again["duplicates"] == 48 and again["imported"] == again["events_added"] == 0
    assert _stored(tmp_path / "dask.db") == _stored(tmp_path / "serial.db")


@pytest.mark.slow
def test_each_export_comes_back_once_in_file_order(cluster, exports):
    from legation.cli.backfill import parse_on_dask, parse_serially, select_exports
    from legation.ingest.feeds.cameo import load_own

    paths = select_exports(exports)
    run = parse_on_dask(paths, cluster.scheduler_address, load_own())
    run.window = 2  # fewer files ahead than there are: submissions follow the writer
    parsed = list(run)
    serial = list(parse_serially(paths, load_own()))
    assert [p.path for p in parsed] == [str(p) for p in paths]
    assert [(p.error, [(i.line, i.row_id, i.record) for i in p.items if hasattr(i, "row_id")]) for p in parsed] == \
        [(p.error, [(i.line, i.row_id, i.record) for i in p.items if hasattr(i, "row_id")]) for p in serial]
    assert run.stats["tasks"] == len(paths) == 10 and run.stats["workers"] == 2


@pytest.mark.slow
def test_a_worker_killed_mid_run_loses_and_duplicates_no_export(cluster, exports, tmp_path):
    import os
    import signal

    from legation.cli.backfill import parse_on_dask, select_exports, store_exports
    from legation.ingest.feeds.cameo import load_own
    from legation.store import open_store

    serial = _backfill(tmp_path / "serial.db", exports)["summary"]
    paths = select_exports(exports)
    run = parse_on_dask(paths, cluster.scheduler_address, load_own())
    run.window = 2
    first = next(run)  # the first files are submitted; kill a worker while the others wait their turn
    pids = run.client.run(os.getpid)
    os.kill(sorted(pids.values())[0], signal.SIGKILL)
    parsed = [first, *run]
    assert [p.path for p in parsed] == [str(p) for p in paths]
    store = open_store(tmp_path / "killed.db")
    try:
        totals = store_exports(store, parsed, batch_size=1000)
    finally:
        store.close()
    assert totals.summary(None) == serial
    assert _stored(tmp_path / "killed.db") == _stored(tmp_path / "serial.db")
    from distributed import Client

    with Client(cluster.scheduler_address, set_as_default=False) as client:  # the nanny started a new worker
        client.wait_for_workers(2, timeout=120)
