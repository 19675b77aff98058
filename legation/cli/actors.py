"""`legation actors ...`: resolve actor mentions, and show what the knowledge base and the events say of one."""

from __future__ import annotations

import typer

from legation.cli import app, state
from legation.cli.output import CountryHint, Format, FormatOption, ListFormat, emit

actors_app = typer.Typer(help="Actors: the knowledge base of states, organs, officials, armed groups and IGOs.",
                         no_args_is_help=True)
app.add_typer(actors_app, name="actors")


@actors_app.command("resolve")
def resolve(text: list[str] = typer.Argument(..., metavar="TEXT...", help="One or more actor mentions."),
            when: str = typer.Option(None, "--when", help="The date (YYYY-MM-DD): who held an office then."),
            country: CountryHint = None,
            fmt: FormatOption = Format.table) -> None:
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


@actors_app.command("show")
def show(ctx: typer.Context, name: str = typer.Argument(..., metavar="NAME", help="A name, alias or id."),
         limit: int = typer.Option(10, "--limit", min=1, help="How many recent events to list."),
         fmt: Format = typer.Option(Format.table, "--format", help="table, json or jsonl")) -> None:
    """An actor: aliases, relations, offices, recent events it took part in, and the attacks it claimed."""
    from legation.domain.errors import NotFound
    from legation.resolve.actors import resolve_party
    from legation.resolve.knowledge import knowledge_base
    from legation.store.events import query_events
    from legation.store.incidents import claims_of

    kb = knowledge_base()
    actor = kb.get(name) or kb.get(resolve_party(name).id or "")
    if actor is None:
        raise NotFound(f"no actor named {name!r} in the knowledge base (try `legation actors resolve {name!r}`)")
    names = [actor.name, *actor.aliases]
    with state(ctx).store().connect() as conn:
        events = query_events(conn, actor=actor.name, limit=limit)
        claims = claims_of(conn, names)
    info = {
        "id": actor.id, "name": actor.name, "kind": actor.kind, "country": kb.country_of(actor),
        "sponsor": actor.sponsor, "aliases": list(actor.aliases),
        "relations": [f"{relation} {kb.get(target).name if kb.get(target) else target}"
                      for relation, target in kb.relations_of(actor.id)],
        "offices": [f"{kb.get(o.office).name} {o.start or '?'} – {o.end or 'now'}" for o in actor.offices],
        "holders": [f"{a.name} {o.start or '?'} – {o.end or 'now'}" for a, o in kb.holders(actor.id)],
    }
    recent = [{"id": e.id, "type": e.type, "date": e.date.start, "place": e.location.name,
               "sentence": e.evidence.sentence} for e in events]
    if fmt != Format.table:
        emit({**info, "recent_events": recent, "claims": claims}, fmt)
        return
    emit(info, fmt, title=actor.name)
    emit(recent, fmt, columns=("date", "type", "place", "sentence", "id"), title="Recent events")
    emit(claims, fmt, columns=("date", "claimant", "attack", "attack_id"), title="Claimed attacks")


@actors_app.command("list")
def list_(kind: str = typer.Option(None, "--kind", help="Only this kind (state, military, armed_group, igo, ...)."),
          country: str = typer.Option(None, "--country", help="Only actors of this country (ISO alpha-3)."),
          fmt: ListFormat = typer.Option(ListFormat.table, "--format", help="table, json, jsonl or csv")) -> None:
    """The knowledge base: every actor with its kind, country, sponsor and number of aliases."""
    from legation.resolve.knowledge import knowledge_base

    kb = knowledge_base()
    rows = [{"id": a.id, "name": a.name, "kind": a.kind, "country": kb.country_of(a), "sponsor": a.sponsor,
             "aliases": len(a.aliases)} for a in kb.actors.values()
            if (kind is None or a.kind == kind) and (country is None or kb.country_of(a) == country.upper())]
    emit(rows, fmt, columns=("id", "name", "kind", "country", "sponsor", "aliases"), title="Actors")
