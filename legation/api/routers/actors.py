"""Actors: resolve a mention against the knowledge base, and show what is known of one actor."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query

from legation.api.auth import get_store, require, search_events
from legation.api.routers.common import errors
from legation.api.schemas import ActorOut, Day, ResolvedParty
from legation.domain.errors import NotFound
from legation.domain.users import User, visible_event
from legation.resolve.actors import explain_party, party_dict, resolve_party
from legation.resolve.knowledge import knowledge_base

router = APIRouter(tags=["actors"])
_E = errors(400, 401, 403, 404, 422, 429)


@router.get("/actors/resolve", response_model=ResolvedParty, responses=_E)
def resolve(text: str = Query(min_length=1, max_length=300, examples=["Kataib Hezbollah"]),
            when: Day | None = Query(None, description="who held an office on this date", examples=["2023-10-25"]),
            country: str | None = Query(None, min_length=2, max_length=60, description="the article's country"),
            _: User = Depends(require("actors.read"))) -> dict:
    """Resolve a mention of an actor: its canonical name, id, kind, country, sponsor, and the rule that matched."""
    party, rule = explain_party(text, when=when.isoformat() if when else None, country_hint=country)
    return {**party_dict(party), "rule": rule}


@router.get("/actors/{name}", response_model=ActorOut, responses=_E)
def show(name: str = Path(min_length=1, max_length=300, examples=["kh"]),
         limit: int = Query(10, ge=1, le=100, description="how many recent events"),
         user: User = Depends(require("actors.read")), store=Depends(get_store)) -> dict:
    """An actor: aliases, relations, offices, recent events it took part in, and the attacks it claimed (a liaison:
    only events and attacks within reach of their own sites)."""
    from legation.store.events import get_event
    from legation.store.incidents import claims_of
    from legation.store.sites import list_sites

    kb = knowledge_base()
    actor = kb.get(name) or kb.get(resolve_party(name).id or "")
    if actor is None:
        raise NotFound(f"no actor named {name!r} in the knowledge base")
    with store.connect() as conn:
        events = search_events(conn, user, actor=actor.name, limit=limit)
        claims = claims_of(conn, [actor.name, *actor.aliases])
        if user.role == "liaison":
            sites = list_sites(conn)
            claims = [c for c in claims if _visible(conn, user, get_event, c["attack_id"], sites)]
    return {
        "id": actor.id, "name": actor.name, "kind": actor.kind, "country": kb.country_of(actor),
        "sponsor": actor.sponsor, "aliases": list(actor.aliases),
        "relations": [{"relation": rel, "id": target, "name": kb.get(target).name if kb.get(target) else target}
                      for rel, target in kb.relations_of(actor.id)],
        "recent_events": events, "claims": claims,
    }


def _visible(conn, user: User, get_event, event_id: str, sites) -> bool:
    try:
        return visible_event(user, get_event(conn, event_id), sites)
    except NotFound:
        return False
