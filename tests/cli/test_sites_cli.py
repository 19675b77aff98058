import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

from tests.conftest import ROOT, run_legation


def test_importing_the_examples_twice_leaves_one_copy(cli):
    first = cli("sites", "import", "--examples", "--format", "json")
    assert first.exit_code == 0, first.output
    assert json.loads(first.stdout)["imported"] == 20
    again = json.loads(cli("sites", "import", "--examples", "--format", "json").stdout)
    assert again == {"read": 20, "imported": 0, "duplicates": 20, "rejected": 0, "rejected_file": None}
    listed = json.loads(cli("sites", "list", "--format", "json").stdout)
    assert len(listed) == 20 and len({s["id"] for s in listed}) == 20


def test_export_then_import_round_trips(cli, tmp_path):
    cli("sites", "import", "--examples")
    for fmt in ("csv", "geojson"):
        exported = cli("sites", "list", "--format", fmt).stdout
        path = tmp_path / f"sites.{fmt}"
        path.write_text(exported)
        other = tmp_path / f"other-{fmt}.db"
        result = run_legation("--db", str(other), "sites", "import", str(path), "--format", "json")
        assert result.returncode == 0, result.stderr
        back = run_legation("--db", str(other), "sites", "list", "--format", "json").stdout
        assert json.loads(back) == json.loads(cli("sites", "list", "--format", "json").stdout)


def test_one_bad_row_writes_nothing_unless_skip_bad(cli, tmp_path):
    path = tmp_path / "sites.csv"
    path.write_text("id,name,kind,sending_state,host_country,lat,lon\n"
                    "a,A,embassy,USA,IRQ,33.3,44.4\nb,B,palace,USA,IRQ,33.3,44.4\n")
    refused = cli("sites", "import", str(path))
    assert refused.exit_code == 1
    assert "sites.csv:3 (kind): unknown site kind 'palace'" in refused.stderr
    assert "nothing imported" in refused.stderr
    assert json.loads(cli("sites", "list", "--format", "json").stdout) == []
    rejects = tmp_path / "rejects.csv"
    taken = cli("sites", "import", str(path), "--skip-bad", "--rejects", str(rejects), "--format", "json")
    assert json.loads(taken.stdout)["imported"] == 1
    assert "palace" in rejects.read_text()


def test_user_errors_are_one_line_and_exit_1_usage_errors_exit_2(tmp_path):
    db = str(tmp_path / "x.db")
    missing = run_legation("--db", db, "sites", "show", "nope")
    assert missing.returncode == 1
    assert missing.stderr.strip() == "legation: error: no site with id 'nope'"
    no_file = run_legation("--db", db, "sites", "import", str(tmp_path / "absent.csv"))
    assert no_file.returncode == 1 and "Traceback" not in no_file.stderr
    assert no_file.stderr.strip().endswith("absent.csv: no such file")
    bad_url = run_legation("--db", "mysql://x/y", "sites", "list")
    assert bad_url.returncode == 1 and "unsupported database URL scheme 'mysql'" in bad_url.stderr
    usage = run_legation("--db", db, "sites", "frobnicate")
    assert usage.returncode == 2
    assert run_legation("--help").returncode == 0


def test_environment_variable_names_the_database(tmp_path):
    db = tmp_path / "env.db"
    result = run_legation("sites", "import", "--examples", env={"LEGATION_DB": str(db)})
    assert result.returncode == 0, result.stderr
    assert sqlite3.connect(db).execute("SELECT count(*) FROM sites").fetchone()[0] == 20


def test_a_killed_import_leaves_the_database_unchanged(tmp_path):
    db = tmp_path / "kill.db"
    assert run_legation("--db", str(db), "sites", "import", "--examples").returncode == 0
    big = tmp_path / "big.csv"
    with big.open("w") as out:
        out.write("id,name,kind,sending_state,host_country,lat,lon\n")
        for i in range(60000):
            out.write(f"s{i},Site {i},embassy,USA,IRQ,{30 + i % 500 / 100},{44 + i % 300 / 100}\n")
    proc = subprocess.Popen([sys.executable, "-m", "legation", "--db", str(db), "sites", "import", str(big)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = tmp_path / "kill.db-wal"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 1_000_000:  # well into writing the batch
            break
        time.sleep(0.05)
    assert proc.poll() is None, "the import finished before it could be killed; make the file larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*) FROM sites").fetchone()[0] == 20
    assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 20


def test_a_date_no_command_can_count_back_from_is_one_line_not_a_traceback(tmp_path):
    from tests.conftest import run_legation

    db = str(tmp_path / "old.db")
    for args in (("orders", "watch", "--at", "0001-01-05"), ("advisories", "propose", "IRQ", "--at", "0001-01-05")):
        result = run_legation("--db", db, *args)
        assert result.returncode == 1, result.stderr
        assert "Traceback" not in result.stderr and "use dates between 1900 and 2199" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
