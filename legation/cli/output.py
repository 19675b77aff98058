"""How commands print: one `emit` for table, json and jsonl (and csv/geojson where a command offers them),
and one progress bar for long work (on stderr, only on a terminal)."""

from __future__ import annotations

import csv
import enum
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table


class Format(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"


# The options every command that prints records takes, declared once.
FormatOption = Annotated[Format, typer.Option("--format", help="table, json or jsonl")]
CountryHint = Annotated[str | None, typer.Option("--country", help="The article's country (ISO code or name).")]


class ListFormat(enum.StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    geojson = "geojson"


def _console() -> Console:
    return Console(soft_wrap=False, width=None if sys.stdout.isatty() else 160)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return ", ".join(_cell(v) for v in value)
    if isinstance(value, float):
        return f"{value:.6g}"
    if isinstance(value, dict):
        return json.dumps(value, default=str)
    return str(value)


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def emit(rows: Sequence[dict[str, Any]] | dict[str, Any], fmt: str, *, columns: Sequence[str] | None = None,
         title: str | None = None) -> None:
    """Print rows (or one object) as a table, a JSON document or JSON lines."""
    fmt = getattr(fmt, "value", fmt)
    single = isinstance(rows, dict)
    if fmt == "json":
        print(json.dumps(rows, ensure_ascii=False, indent=2, default=str))
        return
    if fmt == "jsonl":
        for row in [rows] if single else rows:
            print(dumps(row))
        return
    if fmt == "csv":
        _emit_csv([rows] if single else rows, columns)
        return
    console = _console()
    if single:
        table = Table(title=title, show_header=False)
        table.add_column("field", style="bold")
        table.add_column("value")
        for key, value in rows.items():
            table.add_row(key, _cell(value))
    else:
        columns = list(columns or (rows[0].keys() if rows else []))
        table = Table(title=title)
        for column in columns:
            table.add_column(column)
        for row in rows:
            table.add_row(*(_cell(row.get(c)) for c in columns))
        if not rows:
            console.print(f"[dim]{title + ': ' if title else ''}nothing to show[/dim]")
            return
    console.print(table)


def _emit_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str] | None) -> None:
    rows = list(rows)
    columns = list(columns or (rows[0].keys() if rows else []))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in columns])
    sys.stdout.write(buffer.getvalue())


def progress() -> Progress:
    """A progress bar on stderr; silent when stderr is not a terminal (pipes, CI, tests)."""
    return Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeRemainingColumn(), console=Console(stderr=True), transient=True,
                    disable=not sys.stderr.isatty())


def warn(message: str) -> None:
    print(f"legation: {message}", file=sys.stderr)
