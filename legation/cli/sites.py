"""`legation sites ...`: the registry of protected sites."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from legation.cli import app, state
from legation.cli.output import Format, ListFormat, emit, warn
from legation.domain.errors import InputError

sites_app = typer.Typer(help="Protected sites: embassies, consulates, residences, bases, UN compounds.",
                        no_args_is_help=True)
app.add_typer(sites_app, name="sites")

COLUMNS = ("id", "name", "kind", "sending_state", "city", "lat", "lon", "radius_km", "posture")


@sites_app.command("import")
def import_(ctx: typer.Context,
            path: Path = typer.Argument(None, help="A sites .csv or .geojson file.", show_default=False),
            examples: bool = typer.Option(False, "--examples", help="Import the example sites that ship with "
                                                                    "Legation (Iraq, and al-Tanf in Syria)."),
            skip_bad: bool = typer.Option(False, "--skip-bad", help="Write the good rows; bad rows go to the "
                                                                    "rejects file. Default: one bad row and "
                                                                    "nothing is written."),
            rejects: Path = typer.Option(None, "--rejects", help="Where --skip-bad writes bad rows "
                                                                 "(default: PATH.rejects.csv)."),
            fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Import sites (idempotent: importing the same file twice changes nothing). All of it, or none of it."""
    from legation.ingest.base import write_rejects
    from legation.ingest.sites import example_sites_path, read_sites
    from legation.store.sites import upsert_sites

    if examples == (path is not None):
        raise typer.BadParameter("give a PATH or --examples (not both)")
    path = example_sites_path() if examples else path
    result = read_sites(path)
    rejected_file = None
    if result.rejects:
        for reject in result.rejects:
            warn(str(reject))
        if not skip_bad:
            raise InputError(f"{len(result.rejects)} bad row(s) in {path}; nothing imported "
                             "(fix them, or use --skip-bad to import the good rows)")
        rejected_file = str(rejects or Path(f"{path}.rejects.csv"))
        write_rejects(rejected_file, result.rejects)
    with state(ctx).store().begin() as conn:
        from legation.store.audit import acting_as
        with acting_as(state(ctx).user):
            counts = upsert_sites(conn, result.records)
    emit({"read": result.read, "imported": counts.inserted + counts.updated, "duplicates": counts.unchanged,
          "rejected": len(result.rejects), "rejected_file": rejected_file}, fmt)


@sites_app.command("list")
def list_(ctx: typer.Context,
          sending_state: str = typer.Option(None, "--sending-state", help="Only sites of this sending state "
                                                                         "(ISO alpha-3, or EUU/UNO)."),
          kind: str = typer.Option(None, "--kind", help="Only this kind (embassy, consulate, military-base, ...)."),
          city: str = typer.Option(None, "--city", help="Only sites in this city."),
          fmt: ListFormat = typer.Option(ListFormat.table, "--format",
                                         help="table, json, jsonl, csv or geojson (csv and geojson re-import).")
          ) -> None:
    """List the protected sites."""
    from legation.ingest.sites import sites_to_csv, sites_to_geojson
    from legation.store.sites import list_sites

    with state(ctx).store().connect() as conn:
        sites = list_sites(conn, sending_state=sending_state, kind=kind, city=city)
    if fmt == ListFormat.csv:
        print(sites_to_csv(sites), end="")
    elif fmt == ListFormat.geojson:
        print(json.dumps(sites_to_geojson(sites), ensure_ascii=False, indent=2))
    else:
        emit([s.to_dict() for s in sites], fmt, columns=COLUMNS, title="Protected sites")


@sites_app.command("show")
def show(ctx: typer.Context, site_id: str = typer.Argument(..., metavar="ID", help="The site's id."),
         fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Everything recorded about one site."""
    from legation.store.sites import get_site

    with state(ctx).store().connect() as conn:
        site = get_site(conn, site_id)
    emit(site.to_dict(), fmt, title=site.name)
