"""Upgrading a database: a migration that fails part-way leaves it as it was."""

import pytest


def test_a_migration_that_fails_leaves_the_database_as_it_was(tmp_path):
    """SQLite runs a migration's DDL inside its transaction: 0015 creating its table and adding its columns, then
    failing (here: the history it copies from is missing) leaves neither behind, and the database at its old
    version, to be upgraded again."""
    import sqlalchemy as sa

    from legation.domain.errors import LegationError
    from legation.store import open_store
    from tests.factories import rewind_to_before_0015

    path = tmp_path / "half.db"
    open_store(path).close()
    store = open_store(path, migrate=False)
    with store.begin() as conn:  # as it was before 0015, but with the history it reads out of the way
        rewind_to_before_0015(conn)
        conn.exec_driver_sql("ALTER TABLE assessments RENAME TO assessments_kept")
    store.close()
    with pytest.raises(LegationError, match="assessments"):
        open_store(path)
    store = open_store(path, migrate=False)
    with store.connect() as conn:
        tables = {r[0] for r in conn.execute(sa.text("SELECT name FROM sqlite_master WHERE type = 'table'"))}
        columns = {r[1] for r in conn.execute(sa.text("PRAGMA table_info(data_changes)"))}
        versions = {r[0] for r in conn.execute(sa.text("SELECT version_num FROM alembic_version"))}
    store.close()
    assert "site_status" not in tables and not columns & {"day_from", "day_to"}
    assert "0014_changes" in versions and "0015_site_status" not in versions
