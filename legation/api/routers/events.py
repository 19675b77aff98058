"""Events: search (full text, type, mode, actor, country, near a point, dates), get one, add a curated one."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from legation.api.auth import check_event, get_store, require, search_events
from legation.api.cache import AsStored, answer
from legation.api.routers.common import Paging, errors, paging
from legation.api.schemas import Day, EventIn, EventOut, EventType, Page, WriteResult
from legation.domain.errors import InputError
from legation.domain.ontology import EVENT_TYPES
from legation.domain.records import Event
from legation.domain.users import User
from legation.store.audit import acting_as
from legation.store.changes import Needs, cells_around, start_day, words_mask

router = APIRouter(tags=["events"])
_E = errors(400, 401, 403, 404, 413, 422, 429)
N_TYPES = len(EVENT_TYPES)


@router.get("/events", response_model=Page[EventOut], responses=_E)
async def search(request: Request,
           q: str | None = Query(None, min_length=1, max_length=200, description="words in the evidence sentence",
                                 examples=["drone"]),
           type: list[EventType] | None = Query(None, max_length=N_TYPES, examples=[["ASSAULT"]]),
           mode: str | None = Query(None, max_length=40, pattern=r"^[a-z-]+$", examples=["drone"]),
           actor: str | None = Query(None, min_length=1, max_length=200, examples=["Islamic Resistance"]),
           country: str | None = Query(None, pattern=r"^[A-Za-z]{3}$", examples=["IRQ"]),
           lat: float | None = Query(None, ge=-90, le=90, allow_inf_nan=False, examples=[33.3]),
           lon: float | None = Query(None, ge=-180, le=180, allow_inf_nan=False, examples=[44.4]),
           km: float = Query(25.0, gt=0, le=2000, allow_inf_nan=False, description="radius around lat/lon"),
           since: Day | None = Query(None, examples=["2023-10-01"]),
           until: Day | None = Query(None, examples=["2023-10-31"]),
           include_negated: bool = Query(False, description="also denied and hypothetical events"),
           page: Paging = Depends(paging), user: User = Depends(require("events.read")),
           store=Depends(get_store)) -> Response:
    """Events matching every filter given, newest first (a liaison: only those within reach of their own sites).
    The answer is kept until a write touches an event of those types in that area that may have those words
    (ETag; If-None-Match gets 304)."""
    if (lat is None) != (lon is None):
        raise InputError("give both lat and lon, or neither")
    near = (lat, lon, km) if lat is not None else None
    shown: list[dict] = []

    def compute() -> dict:
        with store.connect() as conn:
            events = search_events(conn, user, types=type, mode=mode, actor=actor, country=country, near=near,
                                   since=since.isoformat() if since else None,
                                   until=until.isoformat() if until else None, text=q,
                                   include_negated=include_negated, limit=page.limit + 1, offset=page.offset)
        found = page.page(events)
        shown.append(found)
        return found

    def needs() -> Needs:  # events of the types (or any) in the area (or anywhere) with the words asked for, in
        # the days asked for, that would sort within the page (a page with more after it)
        cells = None if lat is None or lon is None else cells_around(lat, lon, km)
        items, more = shown[0]["items"], shown[0]["next_offset"] is not None
        return Needs(cells=cells, types=frozenset(type) if type else None, words=words_mask(q) if q else None,
                     since=since.isoformat() if since else None, until=until.isoformat() if until else None,
                     below=start_day(items[-1]) if more and items else None)

    return await answer(request, user, AsStored(Page[EventOut]), compute, needs)


@router.get("/events/{event_id}", response_model=EventOut, responses=_E)
def get(event_id: str = Path(max_length=64), user: User = Depends(require("events.read")),
        store=Depends(get_store)) -> dict:
    """One event record, with the sentence that says so."""
    from legation.store.events import get_event

    with store.connect() as conn:
        event = get_event(conn, event_id)
        check_event(conn, user, event)
    return event.to_dict()


@router.post("/events", response_model=WriteResult, responses=_E)
def curate(body: EventIn, user: User = Depends(require("events.curate")), store=Depends(get_store)) -> dict:
    """Add or revise an event by hand (analysts): a field report, a correction. A revision keeps the earlier
    version."""
    from legation.store.events import upsert_events

    try:
        event = Event.from_dict(body.model_dump(mode="json"))
    except TypeError as err:  # a field of the wrong shape inside actors/location/date
        raise InputError(f"bad event record: {err}") from None
    with store.begin() as conn, acting_as(user.username):
        if body.report_id is not None:
            _require_report(conn, body.report_id)
        counts = upsert_events(conn, [event], audit_action="event.curate")
    result = "created" if counts.inserted else "updated" if counts.updated else "unchanged"
    return {"id": event.id, "result": result}


def _require_report(conn, report_id: str) -> None:
    """An event may name only a stored report as its source document."""
    from legation.domain.errors import NotFound
    from legation.store.reports import get_report

    try:
        get_report(conn, report_id)
    except NotFound:
        raise InputError(f"report_id: no stored report {report_id!r}") from None
