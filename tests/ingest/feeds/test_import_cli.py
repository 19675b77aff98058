"""`legation import ...` as a user runs it: the accounting printed, compressed files and stdin, rejects, --strict."""

from __future__ import annotations

import gzip
import zipfile

from legation.store import open_store
from legation.store.audit import verify
from legation.store.events import count_events
from tests.conftest import run_legation
from tests.ingest.feeds.conftest import ACLED_SAMPLE, acled_rows, gdelt_row, parse_csv, write_acled

KEYS = {"read", "imported", "duplicates", "rejected", "rejected_file"}


def _events(db: str) -> int:
    store = open_store(db)
    with store.connect() as conn:
        n = count_events(conn)
    store.close()
    return n


def test_acled_import_prints_the_accounting_and_is_idempotent(run_json):
    result, data = run_json("import", "acled", str(ACLED_SAMPLE))
    assert result.exit_code == 0, result.output
    assert set(data) >= KEYS and (data["read"], data["imported"], data["rejected"]) == (25, 25, 0)
    assert data["rejected_file"] is None
    assert "legation incidents update" in result.stderr
    _, again = run_json("import", "acled", str(ACLED_SAMPLE))
    assert (again["imported"], again["duplicates"]) == (0, 25)
    assert _events(run_json.db) == 25


def test_incidents_update_places_what_an_import_added(run_json):
    run_json("import", "acled", str(ACLED_SAMPLE))
    _, listed = run_json("incidents", "list")
    assert listed == []
    result, placed = run_json("incidents", "update")
    assert result.exit_code == 0, result.output
    assert placed["records"] > 0 and placed["new_incidents"] == placed["incidents"] > 0
    _, listed = run_json("incidents", "list")
    assert len(listed) == placed["incidents"]
    assert sum(i["events"] for i in listed) == placed["records"]


def test_gz_zip_and_stdin_read_the_same_rows(run_json, tmp_path):
    gz = tmp_path / "acled.csv.gz"
    gz.write_bytes(gzip.compress(ACLED_SAMPLE.read_bytes()))
    zipped = tmp_path / "acled.zip"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.write(ACLED_SAMPLE, "acled-sample.csv")
    _, first = run_json("import", "acled", str(gz))
    assert first["imported"] == 25
    _, second = run_json("import", "acled", str(zipped))
    _, third = run_json("import", "acled", "-", input=ACLED_SAMPLE.read_text(encoding="utf-8"))
    assert (second["read"], second["duplicates"]) == (25, 25)
    assert (third["read"], third["duplicates"]) == (25, 25)


def test_bad_rows_go_to_the_rejects_file_and_are_counted(run_json, tmp_path):
    text = "\n".join([gdelt_row(1), gdelt_row(2, lat="95"), gdelt_row(3, code="010"), gdelt_row(4)]) + "\n"
    path = tmp_path / "g.export.CSV"
    path.write_text(text)
    rejects = tmp_path / "rej.csv"
    result, data = run_json("import", "gdelt", str(path), "--rejects", str(rejects))
    assert result.exit_code == 0, result.output
    assert (data["read"], data["imported"], data["duplicates"], data["rejected"]) == (4, 2, 0, 2)
    assert data["imported"] + data["duplicates"] + data["rejected"] == data["read"]
    rows = parse_csv(rejects.read_text())
    assert [(r["line"], r["column"]) for r in rows] == [("2", "ActionGeo_Lat"), ("3", "EventCode")]
    assert data["rejected_file"] == str(rejects) and "latitude out of range" in rows[0]["reason"]


def test_strict_fails_on_one_bad_row_and_writes_nothing(tmp_path):
    rows = acled_rows()
    rows[20] = {**rows[20], "geo_precision": "9"}
    path = write_acled(tmp_path / "bad.csv", rows)
    db = str(tmp_path / "s.db")
    result = run_legation("--db", db, "import", "acled", str(path), "--strict", "--batch-size", "5")
    assert result.returncode == 1 and len(result.stderr.strip().splitlines()) == 1
    assert "bad.csv:22 (geo_precision)" in result.stderr and "must be 1, 2 or 3" in result.stderr
    assert _events(db) == 0  # four batches of five were stored before row 22, and rolled back


def test_missing_file_and_bad_header_are_one_line_errors(tmp_path):
    db = str(tmp_path / "e.db")
    result = run_legation("--db", db, "import", "ucdp", str(tmp_path / "nope.csv"))
    assert result.returncode == 1 and "no such file" in result.stderr
    bad = tmp_path / "h.csv"
    bad.write_text("a,b\n1,2\n")
    result = run_legation("--db", db, "import", "ucdp", str(bad))
    assert result.returncode == 1 and "missing column" in result.stderr


def test_audit_chain_gets_one_entry_per_batch(cli, tmp_path):
    import sqlalchemy as sa

    result = cli("import", "acled", str(ACLED_SAMPLE), "--batch-size", "10")
    assert result.exit_code == 0, result.output
    store = open_store(cli.db)
    with store.connect() as conn:
        actions = conn.execute(sa.text("SELECT action FROM audit_log")).scalars().all()
        assert actions.count("import.acled") == 3  # 25 rows in batches of 10
        assert verify(conn)[1] is None
    store.close()


def test_import_help_lists_the_feeds(cli):
    result = cli("import", "--help")
    assert result.exit_code == 0
    assert all(name in result.stdout for name in ("acled", "gdelt", "ucdp"))


def test_real_gdelt_file_from_the_command_line(shared, run_json, tmp_path):
    path = shared / "data" / "gdelt" / "20180326044500.export.CSV"
    result, data = run_json("import", "gdelt", str(path), "--rejects", str(tmp_path / "r.csv"))
    assert result.exit_code == 0, result.output
    assert data["read"] == 1540 and data["imported"] + data["duplicates"] + data["rejected"] == 1540
    assert len(parse_csv((tmp_path / "r.csv").read_text())) == data["rejected"]


def test_cameo_map_option_reads_the_public_table(shared, run_json, tmp_path):
    table = shared / "data" / "plover" / "CAMEO2PLOVER-2021.txt"
    path = tmp_path / "g.export.CSV"
    path.write_text(gdelt_row(1, code="1831") + "\n")
    result, data = run_json("import", "gdelt", str(path), "--cameo-map", str(table))
    assert result.exit_code == 0, result.output and data["imported"] == 1


def test_gzip_on_standard_input(tmp_path):
    import json
    import subprocess
    import sys

    db = str(tmp_path / "gz.db")
    result = subprocess.run([sys.executable, "-m", "legation", "--db", db, "import", "acled", "-", "--format", "json"],
                            input=gzip.compress(ACLED_SAMPLE.read_bytes()), capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["imported"] == 25
