"""`legation incidents ...`: one incident from many reports; list, show, split a wrong merge, update, rebuild."""

from __future__ import annotations

import typer

from legation.cli import app, state
from legation.cli.output import Format, ListFormat, emit

incidents_app = typer.Typer(help="Incidents: records of the same real event from several reports, merged.",
                            no_args_is_help=True)
app.add_typer(incidents_app, name="incidents")

COLUMNS = ("id", "type", "date_start", "date_end", "place", "country", "events", "sources", "actors")


def _write(ctx: typer.Context, work):
    from legation.store.audit import acting_as

    with state(ctx).store().begin() as conn, acting_as(state(ctx).user):
        return work(conn)


@incidents_app.command("rebuild")
def rebuild(ctx: typer.Context,
            fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Re-cluster the stored records into incidents (honouring splits) and link claims to attacks."""
    from legation.store.incidents import refresh

    emit(_write(ctx, refresh), fmt, title="Incidents rebuilt")


@incidents_app.command("update")
def update(ctx: typer.Context,
           fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Place the records that are in no incident yet (after `legation import ...`), leaving the other incidents
    as they are; much faster than `rebuild` on a large database."""
    from legation.store.incidents import update_incidents

    emit(_write(ctx, update_incidents), fmt, title="Incidents updated")


@incidents_app.command("list")
def list_(ctx: typer.Context,
          type_: str = typer.Option(None, "--type", help="Only this event type (ASSAULT, PROTEST, ...)."),
          country: str = typer.Option(None, "--country", help="Only incidents in this country (ISO alpha-3)."),
          since: str = typer.Option(None, "--since", help="Only incidents on or after this date (YYYY-MM-DD)."),
          merged: bool = typer.Option(False, "--merged", help="Only incidents reported by more than one record."),
          limit: int = typer.Option(None, "--limit", min=1, help="At most this many."),
          fmt: ListFormat = typer.Option(ListFormat.table, "--format", help="table, json, jsonl or csv")) -> None:
    """List incidents, newest first."""
    from legation.domain.records import parse_date
    from legation.store.incidents import list_incidents

    if since:
        parse_date(since)
    with state(ctx).store().connect() as conn:
        rows = list_incidents(conn, type=type_, country=country, since=since, min_events=2 if merged else 1,
                              limit=limit)
    emit(rows, fmt, columns=COLUMNS, title="Incidents")


@incidents_app.command("show")
def show(ctx: typer.Context, incident_id: str = typer.Argument(..., metavar="ID", help="The incident's id."),
         fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """An incident: where, when, who, and every record of it with its source and the rule that merged it."""
    from legation.store.incidents import get_incident

    with state(ctx).store().connect() as conn:
        incident = get_incident(conn, incident_id)
    if fmt != Format.table:
        emit(incident, fmt)
        return
    records = incident.pop("records")
    incident.pop("splits")
    emit(incident, fmt, title=f"Incident {incident_id}")
    emit(records, fmt, columns=("event_id", "source", "doc", "date", "rule", "sentence"), title="Records")


@incidents_app.command("split")
def split(ctx: typer.Context,
          incident_id: str = typer.Argument(..., metavar="ID", help="The incident that merged too much."),
          event_ids: list[str] = typer.Argument(..., metavar="EVENT_ID...",
                                                help="The records to take out (ids or unique prefixes)."),
          note: str = typer.Option(None, "--note", help="Why (kept with the split)."),
          fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Split a wrong merge: the records named leave the incident and are never merged with it again
    (the split is stored and honoured by every later rebuild and re-ingest)."""
    from legation.store.incidents import split_incident

    emit(_write(ctx, lambda conn: split_incident(conn, incident_id, event_ids, note=note)), fmt, title="Split")
