"""The tests' runner and the installed command share one entry point, so an error reads the same in both."""

from __future__ import annotations

from tests.conftest import run_legation


def test_an_error_is_one_whole_line_however_narrow_the_terminal(cli, tmp_path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "20")
    missing = tmp_path / ("a-long-directory-name-" * 4) / "sites.csv"
    result = cli("sites", "import", str(missing))
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("legation: error: ") and str(missing) in lines[0]
    typed = run_legation("--db", str(tmp_path / "x.db"), "sites", "import", str(missing), env={"COLUMNS": "20"})
    assert typed.returncode == 1 and typed.stderr.strip() == lines[0]


def test_a_usage_error_exits_2_through_the_same_path(cli):
    result = cli("sites", "list", "--format", "nonsense")
    assert result.exit_code == 2 and "nonsense" in result.output
