"""`legation actors ...`: resolve actor mentions, and show what the knowledge base and the events say of one."""

from __future__ import annotations

import typer

from legation.cli import app, state
from legation.cli.output import Format, emit

actors_app = typer.Typer(help="Actors: the knowledge base of states, organs, officials, armed groups and IGOs.",
                         no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("resolve")
def resolve(text: list[str] = typer.Argument(..., metavar="TEXT...", help="One or more actor mentions."),
            when: str = typer.Option(None, "--when", help="The date (YYYY-MM-DD): who held an office then."),
            country: str = typer.Option(None, "--country", help="The article's country (ISO code or name)."),
            fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """Resolve actor mentions to canonical actors (name, id, kind, country, sponsor) and the rule that did it."""
    from legation.domain.records import parse_date
    from legation.resolve.actors import explain_party, party_dict

    if when:
        parse_date(when)
    rows = []
    for mention in text:
        party, rule = explain_party(mention, when=when, country_hint=country)
        rows.append({**party_dict(party), "rule": rule})
    emit(rows[0] if len(rows) == 1 and fmt != Format.table else rows, fmt,
         columns=("text", "name", "id", "kind", "country", "sponsor", "rule"), title="Actors")
