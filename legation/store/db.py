"""Opening a database: URL rules, SQLite pragmas, migrations applied on first use.

    store = open_store("legation.db")                 # a bare path means SQLite
    store = open_store("postgresql+psycopg://u@h/db") # PostgreSQL + PostGIS
    with store.begin() as conn: ...                   # one transaction
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from legation.domain.errors import InputError, StoreError

MIGRATIONS = Path(__file__).with_name("migrations")


def normalise_url(url: str | os.PathLike | None) -> str:
    """An SQLAlchemy URL from what a user typed: a bare path means SQLite; `postgresql://` means psycopg 3."""
    if not url:
        from legation.settings import Settings

        url = Settings().db  # LEGATION_DB, or legation.db in the working directory
    url = str(url)
    if "://" not in url:
        return f"sqlite:///{url}"
    scheme = url.split("://", 1)[0]
    if scheme in ("postgresql", "postgres"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    if scheme in ("sqlite", "postgresql+psycopg"):
        return url
    raise InputError(f"unsupported database URL scheme {scheme!r}: use a file path, sqlite:///PATH or "
                     "postgresql+psycopg://USER@HOST/DB")


def _json_loads(text: str | bytes):
    """JSON columns read with orjson (several times faster); text it refuses (NaN, written by `json`) by `json`."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _pool_options(url: str) -> dict:
    """Connections kept open for reuse. The API serves requests from a pool of up to 40 threads: a pool smaller
    than that opens and closes a connection (and re-runs the pragmas) on most requests under load."""
    if url == "sqlite:///:memory:":
        return {}
    if url.startswith("sqlite"):
        return {"pool_size": 40, "max_overflow": 10}
    return {"pool_pre_ping": True, "pool_size": 10, "max_overflow": 30}


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.execute("PRAGMA mmap_size=1073741824")  # reads through the OS page cache, shared by every connection
    cur.close()


@dataclass
class Store:
    """An open database: the engine, and whether it is SQLite (R*Tree/FTS5) or PostgreSQL (PostGIS)."""

    engine: sa.Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextlib.contextmanager
    def begin(self) -> Iterator[sa.Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except sa.exc.OperationalError as err:
            raise StoreError(f"database error on {self.engine.url.render_as_string(hide_password=True)}: "
                             f"{err.orig}") from None

    @contextlib.contextmanager
    def connect(self) -> Iterator[sa.Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()


def _alembic_config(conn: sa.Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = conn
    return cfg


def pending_migrations(conn: sa.Connection) -> bool:
    heads = set(ScriptDirectory(str(MIGRATIONS)).get_heads())
    return set(MigrationContext.configure(conn).get_current_heads()) != heads


def upgrade(store: Store) -> None:
    """Apply every migration not yet applied (`legation db upgrade`; also done on first use)."""
    with store.engine.begin() as conn:
        if store.dialect == "postgresql":  # one migrator at a time across processes
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(74251)"))
        else:  # Python's sqlite3 opens a transaction only before DML, so a CREATE TABLE would commit on its own and a
            # migration failing later would leave the database half-upgraded: open it first, DDL included
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        if pending_migrations(conn):
            command.upgrade(_alembic_config(conn), "heads")


def open_store(url: str | os.PathLike | None = None, *, migrate: bool = True) -> Store:
    """Open (and on first use create and migrate) the database at `url`; `StoreError` if it cannot be reached."""
    url = normalise_url(url)
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        parent = Path(url[len("sqlite:///"):]).expanduser().resolve().parent
        if not parent.is_dir():
            raise InputError(f"database folder does not exist: {parent}")
    try:
        engine = sa.create_engine(url, future=True, json_deserializer=_json_loads, **_pool_options(url))
    except (sa.exc.ArgumentError, ImportError) as err:
        raise InputError(f"bad database URL {url!r}: {err}") from None
    if engine.dialect.name == "sqlite":
        sa.event.listen(engine, "connect", _sqlite_pragmas)
    store = Store(engine=engine, url=url)
    if migrate:
        try:
            upgrade(store)
        except sa.exc.OperationalError as err:
            raise StoreError(f"cannot open database {engine.url.render_as_string(hide_password=True)}: "
                             f"{str(err.orig).strip()}") from None
        except sa.exc.DatabaseError as err:
            raise StoreError(f"not a Legation database or damaged: {engine.url.render_as_string(hide_password=True)}"
                             f": {str(err.orig).strip()}") from None
    return store
