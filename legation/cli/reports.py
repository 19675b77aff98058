"""`legation ingest` and `legation reports ...`: documents as read."""

from __future__ import annotations

from pathlib import Path

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit, progress, warn
from legation.domain.errors import LegationError

reports_app = typer.Typer(help="Reports (articles, field reports) as stored.", no_args_is_help=True)
app.add_typer(reports_app, name="reports")


@app.command("ingest")
def ingest(ctx: typer.Context,
           paths: list[Path] = typer.Argument(..., help="Article files: .txt, .html or .json."),
           published: str = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                         help="Publication date (otherwise read from the file)."),
           fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Store articles as reports (idempotent: the same content twice is one report).

    A bad file (binary, undecodable, empty, too large) is skipped with one line naming it; the exit status is 1
    when any was skipped.
    """
    from legation.ingest.articles import read_article
    from legation.store.audit import acting_as
    from legation.store.reports import upsert_report

    read = imported = duplicates = skipped = 0
    store = state(ctx).store()
    with progress() as bar, acting_as(state(ctx).user):
        task = bar.add_task("ingesting", total=len(paths))
        for path in paths:
            read += 1
            try:
                report = read_article(path, published=published)
            except LegationError as err:
                warn(f"skipped {err.message}")
                skipped += 1
            else:
                with store.begin() as conn:
                    if upsert_report(conn, report):
                        imported += 1
                    else:
                        duplicates += 1
            bar.advance(task)
    emit({"read": read, "imported": imported, "duplicates": duplicates, "rejected": skipped,
          "rejected_file": None}, fmt)
    if skipped:
        raise typer.Exit(1)


@reports_app.command("list")
def list_(ctx: typer.Context, fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")
          ) -> None:
    """List stored reports."""
    from legation.store.reports import list_reports

    with state(ctx).store().connect() as conn:
        rows = list_reports(conn)
    emit(rows, fmt, columns=("id", "doc", "title", "published", "format"), title="Reports")
