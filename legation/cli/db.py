"""`legation db ...`: the database itself."""

from __future__ import annotations

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit

db_app = typer.Typer(help="The database: apply migrations, show what it holds.", no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def upgrade(ctx: typer.Context) -> None:
    """Create the database if needed and apply every pending migration (also done on first use)."""
    from legation.store import open_store
    from legation.store import upgrade as apply

    store = open_store(state(ctx).db, migrate=False)
    apply(store)
    print(f"database up to date: {store.engine.url.render_as_string(hide_password=True)}")


@db_app.command("info")
def info(ctx: typer.Context, fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """What the database holds: its URL, dialect and row counts."""
    from legation.store.stats import table_counts

    store = state(ctx).store()
    with store.connect() as conn:
        counts = table_counts(conn)
    emit({"url": store.engine.url.render_as_string(hide_password=True), "dialect": store.dialect, **counts}, fmt)
