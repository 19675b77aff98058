"""`legation places ...`: check by hand how a place mention resolves."""

from __future__ import annotations

import typer

from legation.cli import app
from legation.cli.output import CountryHint, Format, FormatOption, emit

places_app = typer.Typer(help="Places: resolve mentions against the gazetteer (GeoNames + curated bases and "
                              "regions).", no_args_is_help=True)
app.add_typer(places_app, name="places")


@places_app.command("resolve")
def resolve(text: list[str] = typer.Argument(..., metavar="TEXT...", help="One or more place mentions."),
            country: CountryHint = None,
            dateline: str = typer.Option(None, "--dateline", help="The article's dateline, e.g. 'ERBIL'."),
            fmt: FormatOption = Format.table) -> None:
    """Resolve place mentions: name, country, coordinates and precision (or why it stays unresolved)."""
    from legation.resolve.places import place_dict, resolve_place

    rows = [place_dict(resolve_place(t, country_hint=country, dateline=dateline)) for t in text]
    emit(rows[0] if len(rows) == 1 and fmt != Format.table else rows, fmt,
         columns=("text", "name", "country", "admin1", "lat", "lon", "precision", "geonameid", "reason"),
         title="Places")
