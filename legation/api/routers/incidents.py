"""Incidents: the same happening reported by several sources, merged into one. List, show, split, rebuild."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query

from legation.api.auth import get_store, reach_of, require
from legation.api.routers.common import Paging, errors, paging
from legation.api.schemas import Day, EventType, IncidentOut, IncidentRow, Page, RebuildOut, SplitIncidentIn
from legation.domain.errors import NotFound
from legation.domain.users import User, visible_incident
from legation.store.audit import acting_as
from legation.store.incidents import get_incident, list_incidents, rebuild_incidents, split_incident
from legation.store.sites import list_sites

router = APIRouter(tags=["incidents"])
_E = errors(400, 401, 403, 404, 413, 422, 429)
IncidentId = Path(min_length=1, max_length=64, examples=["5d9c0e7a-1b2f-5c3d-8e4f-a1b2c3d4e5f6"])


@router.get("/incidents", response_model=Page[IncidentRow], responses=_E)
def list_(type: EventType | None = Query(None, examples=["ASSAULT"]),
          country: str | None = Query(None, pattern=r"^[A-Za-z]{3}$", examples=["IRQ"]),
          since: Day | None = Query(None, examples=["2023-10-01"]),
          min_events: int = Query(1, ge=1, le=10_000, description="only incidents with at least this many records"),
          page: Paging = Depends(paging), user: User = Depends(require("incidents.read")),
          store=Depends(get_store)) -> dict:
    """Incidents, newest first, with how many records and sources each merges (a liaison: those placed within
    reach of their own sites)."""
    with store.connect() as conn:
        rows = list_incidents(conn, type=type, country=country, since=since.isoformat() if since else None,
                              min_events=min_events, limit=page.offset + page.limit + 1,
                              within=reach_of(conn, user))
    return page.slice(rows)


@router.get("/incidents/{incident_id}", response_model=IncidentOut, responses=_E)
def show(incident_id: str = IncidentId, user: User = Depends(require("incidents.read")),
         store=Depends(get_store)) -> dict:
    """An incident with its records: source, sentence, and the rule that merged each."""
    with store.connect() as conn:
        incident = get_incident(conn, incident_id)
        if user.role == "liaison" and not visible_incident(user, incident, list_sites(conn)):
            raise NotFound(f"no incident with id {incident_id!r} (see `legation incidents list`)")
    return incident


@router.post("/incidents/{incident_id}/split", response_model=RebuildOut, responses=_E)
def split(body: SplitIncidentIn, incident_id: str = IncidentId, user: User = Depends(require("incidents.curate")),
          store=Depends(get_store)) -> dict:
    """Take records out of an incident: they are never merged with those left behind again (analysts)."""
    with store.begin() as conn, acting_as(user.username):
        return split_incident(conn, incident_id, body.events, note=body.note)


@router.post("/incidents/rebuild", response_model=RebuildOut, responses=_E)
def rebuild(user: User = Depends(require("incidents.curate")), store=Depends(get_store)) -> dict:
    """Cluster every event into incidents again (honouring every split made by hand)."""
    with store.begin() as conn, acting_as(user.username):
        return rebuild_incidents(conn)
