"""Sites: list, get, create or update, and a site's status (its threat level and the events near it).

A liaison sees only the sites of their own sending state or organisation; any other site is, for them, a 404.
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from legation.api.auth import check_site, get_store, require
from legation.api.cache import AsStored, answer
from legation.api.routers.common import Paging, errors, paging
from legation.api.schemas import Day, EventOut, Page, SiteIn, SiteKind, SiteOut, SiteStatus, WriteResult
from legation.api.status import site_status
from legation.domain.sites import Site
from legation.domain.users import User, visible_site
from legation.store.audit import acting_as
from legation.store.changes import Needs, cells_around, start_day

router = APIRouter(tags=["sites"])
_E = errors(400, 401, 403, 404, 413, 422, 429)
SiteId = Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$", examples=["usa-emb-baghdad"])


@router.get("/sites", response_model=Page[SiteOut], responses=_E)
def list_sites(sending_state: str | None = Query(None, pattern=r"^[A-Za-z]{3}$", examples=["USA"]),
               kind: SiteKind | None = Query(None, examples=["embassy"]),
               city: str | None = Query(None, max_length=200, examples=["Baghdad"]),
               page: Paging = Depends(paging), user: User = Depends(require("sites.read")),
               store=Depends(get_store)) -> dict:
    """The protected sites this user may see, by id; filter by sending state, kind or city."""
    from legation.store.sites import list_sites as list_all

    with store.connect() as conn:
        sites = list_all(conn, sending_state=sending_state, kind=kind, city=city)
    return page.slice([s.to_dict() for s in sites if visible_site(user, s)])


@router.get("/sites/{site_id}", response_model=SiteOut, responses=_E)
def get_site(site_id: str = SiteId, user: User = Depends(require("sites.read")), store=Depends(get_store)) -> dict:
    """Everything recorded about one site."""
    from legation.store.sites import get_site as get

    with store.connect() as conn:
        site = get(conn, site_id)
    check_site(user, site)
    return site.to_dict()


@router.put("/sites/{site_id}", response_model=WriteResult, responses=_E)
def put_site(body: SiteIn, site_id: str = SiteId, user: User = Depends(require("sites.write")),
             store=Depends(get_store)) -> dict:
    """Create or update a site (idempotent: the same body twice changes nothing the second time)."""
    from legation.store.sites import upsert_sites

    site = Site(id=site_id, **body.model_dump())
    with store.begin() as conn, acting_as(user.username):
        counts = upsert_sites(conn, [site])
    result = "created" if counts.inserted else "updated" if counts.updated else "unchanged"
    return {"id": site_id, "result": result}


@router.get("/sites/{site_id}/status", response_model=SiteStatus, responses=_E)
async def status(request: Request, site_id: str = SiteId,
           days: int = Query(30, ge=1, le=3650, description="how far back to look for events near the site"),
           at: Day | None = Query(None, description="as of this date (default: today)", examples=["2023-10-25"]),
           user: User = Depends(require("sites.read")), store=Depends(get_store)) -> Response:
    """The site, its current threat level (when assessed) and the latest events within its radius. The answer is
    kept until a write touches the site's assessment or an event in its area (ETag; If-None-Match gets 304)."""
    from legation.store.sites import get_site as get

    read: list[tuple[Site, dict]] = []

    def compute() -> dict:
        with store.connect() as conn:
            site = get(conn, site_id)
            check_site(user, site)
            found = site_status(conn, site, days=days, at=at)
        read.append((site, found))
        return found

    def needs() -> Needs:  # events of any type near the site in the window, and its assessment
        site, found = read[0]
        shown = found["recent_events"]
        return Needs(cells=cells_around(site.lat, site.lon, site.radius_km or 0.0), sites=frozenset({site.id}),
                     since=found["since"], until=found["at"],
                     below=start_day(shown[-1]) if found["more_events"] and shown else None)

    return await answer(request, user, AsStored(SiteStatus), compute, needs)


@router.get("/sites/{site_id}/events", response_model=Page[EventOut], responses=_E)
def events_near(site_id: str = SiteId, since: Day | None = Query(None, examples=["2023-10-01"]),
                page: Paging = Depends(paging), user: User = Depends(require("events.read")),
                store=Depends(get_store)) -> dict:
    """Events within the site's radius, newest first."""
    from legation.store.events import events_near as near
    from legation.store.sites import get_site as get

    with store.connect() as conn:
        site = get(conn, site_id)
        check_site(user, site)
        events = near(conn, site.lat, site.lon, site.radius_km, since=since.isoformat() if since else None,
                      limit=page.limit + 1, offset=page.offset)
    return page.page([e.to_dict() for e in events])
