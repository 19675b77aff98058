"""`legation stix ...`: export STIX 2.1 bundles and publish them to TAXII 2.1 collections."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from legation.cli import app, state
from legation.cli.output import warn
from legation.domain.errors import InputError

stix_app = typer.Typer(help="STIX 2.1 bundles of events and sites; TAXII 2.1 publishing.", no_args_is_help=True)
app.add_typer(stix_app, name="stix")


def _bundle_json(ctx: typer.Context, since: str | None, types: list[str] | None) -> str:
    from legation.interop.stix import bundle, validate
    from legation.store.events import query_events
    from legation.store.sites import list_sites

    with state(ctx).store().connect() as conn:
        events = query_events(conn, since=since, types=types or None)
        sites = list_sites(conn)
    text = bundle(events, sites).serialize(pretty=True)
    errors = validate(text)
    if errors:
        raise InputError(f"the bundle does not validate as STIX 2.1: {errors[0]}")
    return text


@stix_app.command("export")
def export(ctx: typer.Context,
           out: Path = typer.Option(None, "--out", help="Write here (default: standard output)."),
           since: str = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="Only events since this date."),
           types: list[str] = typer.Option(None, "--type", help="Only these event types (repeat).")) -> None:
    """Export events and sites as one STIX 2.1 bundle (validated before it is written)."""
    text = _bundle_json(ctx, since, types)
    if out:
        out.write_text(text, encoding="utf-8")
        warn(f"wrote {out}")
    else:
        print(text)


@stix_app.command("publish")
def publish(ctx: typer.Context,
            collection_url: str = typer.Argument(..., help="The TAXII 2.1 collection URL "
                                                           "(…/API_ROOT/collections/ID/)."),
            user: str = typer.Option(None, "--user", envvar="LEGATION_TAXII_USER"),
            password: str = typer.Option(None, "--password", envvar="LEGATION_TAXII_PASSWORD",
                                         help="Better given by LEGATION_TAXII_PASSWORD."),
            since: str = typer.Option(None, "--since", metavar="YYYY-MM-DD"),
            types: list[str] = typer.Option(None, "--type", help="Only these event types (repeat).")) -> None:
    """Publish events and sites to a TAXII 2.1 collection."""
    from legation.interop.taxii import publish as run

    status = run(_bundle_json(ctx, since, types), collection_url, user=user or os.environ.get("LEGATION_TAXII_USER"),
                 password=password)
    print(f"TAXII: {status['success']} of {status['total']} objects accepted ({status['failure']} refused)")
