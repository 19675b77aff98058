"""`legation stix ...`: export STIX 2.1 bundles and publish them to TAXII 2.1 collections."""

from __future__ import annotations

from pathlib import Path

import typer

from legation.cli import app, state
from legation.cli.output import warn
from legation.domain.errors import InputError

stix_app = typer.Typer(help="STIX 2.1 bundles of events and sites; TAXII 2.1 publishing.", no_args_is_help=True)
app.add_typer(stix_app, name="stix")


def _bundle_json(ctx: typer.Context, since: str | None, types: list[str] | None, *, pretty: bool = False,
                 full_check: bool = False) -> str:
    from legation.domain.users import visible_event, visible_site
    from legation.interop.stix import bundle, check, to_json, validate
    from legation.store.events import query_events
    from legation.store.sites import list_sites
    from legation.store.users import acting_user

    with state(ctx).store().connect() as conn:
        reader = acting_user(conn, state(ctx).user or "cli")  # `--as` a liaison: what that liaison may read
        events = query_events(conn, since=since, types=types or None)
        registry = list_sites(conn)
    data = bundle([e for e in events if visible_event(reader, e, registry)],
                  [s for s in registry if visible_site(reader, s)])
    errors = check(data)
    if errors:
        raise InputError(f"the bundle is not valid STIX 2.1: {errors[0]}")
    text = to_json(data, pretty=pretty)
    if full_check:
        errors = validate(text)
        if errors:
            raise InputError(f"the bundle does not pass stix2-validator (strict): {errors[0]}")
    return text


@stix_app.command("export")
def export(ctx: typer.Context,
           out: Path = typer.Option(None, "--out", help="Write here (default: standard output)."),
           since: str = typer.Option(None, "--since", metavar="YYYY-MM-DD", help="Only events since this date."),
           types: list[str] = typer.Option(None, "--type", help="Only these event types (repeat)."),
           compact: bool = typer.Option(False, "--compact", help="One line of JSON instead of indented."),
           full_check: bool = typer.Option(False, "--validate", help="Also run stix2-validator in strict mode "
                                                                      "(thorough but slow: some 10 s of CPU "
                                                                      "per 1,000 events).")) -> None:
    """Export events and sites as one STIX 2.1 bundle (its shape checked before it is written)."""
    text = _bundle_json(ctx, since, types, pretty=not compact, full_check=full_check)
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

    status = run(_bundle_json(ctx, since, types), collection_url, user=user,
                 password=password)
    requests = f" in {status['requests']} requests" if status["requests"] > 1 else ""
    print(f"TAXII: {status['success']} of {status['total']} objects accepted ({status['failure']} refused){requests}")
