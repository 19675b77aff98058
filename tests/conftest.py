"""Shared fixtures: a fresh SQLite store per test, the CLI runner, and the path to ../shared."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("LEGATION_SHARED", ROOT.parent / "shared"))


@pytest.fixture(autouse=True, scope="session")
def _acting_as_the_test():
    """Writes a test makes by calling the library directly are put down to "test" (the audit log refuses a write with
    no one named). The app under test runs in threads of its own, which do not inherit this: there the faces must
    name the user themselves, as they do in production."""
    from legation.store.audit import acting_as

    with acting_as("test"):
        yield


@pytest.fixture
def store(tmp_path):
    from legation.store import open_store

    s = open_store(tmp_path / "test.db")
    yield s
    s.close()


@pytest.fixture
def shared() -> Path:
    """../shared beside the project; tests that read it skip with a clear reason when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent (looked in {SHARED}); these tests read its data sets")
    return SHARED


class _Legation:
    """`legation` as the click runner sees a command: it runs the real entry point (`legation.cli.run`), so a test
    reads the same one-line errors and exit statuses a user gets, whatever the terminal's width."""

    name = "legation"

    def main(self, args=(), prog_name=None, **_):
        from legation.cli import run

        raise SystemExit(run(list(args)))


@pytest.fixture
def cli(tmp_path):
    """Run `legation ...` in-process through its entry point against a temporary database; returns the Result."""
    from click.testing import CliRunner

    runner = CliRunner()
    db = str(tmp_path / "cli.db")

    def run(*args: str, input: str | None = None):
        return runner.invoke(_Legation(), ["--db", db, *args], input=input)

    run.db = db
    return run


def run_legation(*args: str, cwd: Path | None = None, env: dict | None = None, timeout: float = 300):
    """Run the installed `legation` as a subprocess (what a user types)."""
    return subprocess.run([sys.executable, "-m", "legation", *args], capture_output=True, text=True, cwd=cwd,
                          env={**os.environ, **(env or {})}, timeout=timeout)


@pytest.fixture
def pg_url():
    """A fresh, empty PostgreSQL database (PostGIS available) for one test; dropped afterwards.

    Needs LEGATION_TEST_PG_URL (a superuser URL; `.ci/run` starts a server and sets it); skips without it.
    """
    import uuid

    import sqlalchemy as sa

    base = os.environ.get("LEGATION_TEST_PG_URL")
    if not base:
        pytest.skip("LEGATION_TEST_PG_URL is not set (bash .ci/run starts PostgreSQL and sets it)")
    name = f"legation_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(base).set(database=name).render_as_string(hide_password=False)
    yield url
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def pg_store(pg_url):
    from legation.store import open_store

    s = open_store(pg_url)
    yield s
    s.close()
