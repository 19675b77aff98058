"""`legation audit ...`: check the hash-chained log of every write, and read it."""

from __future__ import annotations

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit

audit_app = typer.Typer(help="The audit trail: every write (who, what, when, before/after), hash-chained.",
                        no_args_is_help=True)
app.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def verify(ctx: typer.Context, fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")
           ) -> None:
    """Walk the chain; exit 1 and name the first bad entry if one was edited, deleted or reordered."""
    from legation.store import audit

    with state(ctx).store().connect() as conn:
        checked, bad, why = audit.verify(conn)
    emit({"ok": bad is None, "checked": checked, "first_bad": bad, "reason": why}, fmt)
    if bad is not None:
        typer.echo(f"legation: error: audit chain broken at entry {bad}: {why}", err=True)
        raise typer.Exit(1)


@audit_app.command("show")
def show(ctx: typer.Context,
         actor: str | None = typer.Option(None, "--actor", help="Only entries by this user."),
         action: str | None = typer.Option(None, "--action", help="Only this action (order.issue), or a family "
                                                                     "of them (order)."),
         entity: str | None = typer.Option(None, "--entity", help="Only this kind of thing (order, site, event)."),
         entity_id: str | None = typer.Option(None, "--id", help="Only entries about this id."),
         since: str | None = typer.Option(None, "--since", metavar="WHEN",
                                             help="Written at or after (UTC date/time, or -2h, -1d)."),
         until: str | None = typer.Option(None, "--until", metavar="WHEN", help="Written before (UTC)."),
         limit: int | None = typer.Option(None, "--limit", help="Only the newest N matching entries."),
         changes: bool = typer.Option(False, "--changes", help="Include before/after in the table."),
         fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Entries of the audit log, oldest first, filtered."""
    from legation.cli.orders import _when
    from legation.store import audit

    with state(ctx).store().connect() as conn:
        rows = audit.entries(conn, actor=actor, action=action, entity=entity, entity_id=entity_id,
                             since=_when(since), until=_when(until), limit=limit)
    columns = ["seq", "at", "actor", "action", "entity", "entity_id"] + (["before", "after"] if changes else [])
    emit(rows, fmt, columns=columns, title="Audit log")
