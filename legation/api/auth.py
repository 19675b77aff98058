"""Who is calling, and may they: FastAPI dependencies over `legation.store.users` and `legation.domain.users`.

    @router.get("/things", dependencies=[...])
    def things(user: User = Depends(require("sites.read"))): ...

`require(action)` answers 401 (no or bad token) or 403 (the role does not allow it) in the one error shape. Need to
know beyond the role is `legation.domain.users` (one rule per kind of record); the routers apply it through the
helpers below, and a thing this user may not see is, for them, a thing that does not exist (404, or not found by a
search).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.concurrency import run_in_threadpool

from legation.domain.errors import Forbidden, NotFound
from legation.domain.users import (
    Circle,
    Unauthenticated,
    User,
    can,
    in_reach,
    reach,
    visible_event,
    visible_report,
    visible_site,
)
from legation.store import Store

bearer = HTTPBearer(auto_error=False, description="An API token: `legation users token NAME`, or POST "
                                                  "/api/v1/auth/token with a username and password.")


async def get_store(request: Request) -> Store:
    return request.app.state.store


async def current_user(request: Request,
                       credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> User:
    """The user whose bearer token came with the request; 401 without one or with a bad one.

    On SQLite the look-up runs on the event loop: one or two indexed single-row queries in this process, cheaper
    than handing the request to a thread. On PostgreSQL it is a round trip to another process, which may wait for
    the CPU while a feed writes: it runs in a worker thread, so that it never holds up the other requests. The data
    version read here is reused by `legation.api.cache.answer`."""
    if credentials is None or not credentials.credentials:
        raise Unauthenticated("sign in first: send the header 'Authorization: Bearer <token>'")
    token = credentials.credentials
    if len(token) > 200 or not token.isascii():
        raise Unauthenticated("unknown API token")
    store = request.app.state.store
    if store.dialect == "sqlite":
        version, user = _holder(store, request.app.state.holders, token)
    else:
        version, user = await run_in_threadpool(_holder, store, request.app.state.holders, token)
    request.state.data_version, request.state.user = version, user
    return user


def _holder(store: Store, holders, token: str) -> tuple[int, User]:
    """The data version now (the audit head) and the holder of `token` (kept per version)."""
    from legation.api.cache import token_holder
    from legation.store.audit import head_seq

    with store.connect() as conn:
        version = head_seq(conn)
        return version, token_holder(holders, conn, token, version)


def require(action: str) -> Callable[..., User]:
    """A dependency: the current user, if their role allows `action` (403 naming the action otherwise)."""
    can(None, action)  # an unknown action fails here, at import, not on a request

    async def dependency(user: User = Depends(current_user)) -> User:
        if not can(user, action):
            raise Forbidden(f"a {user.role} may not do {action}")
        return user

    dependency.__name__ = f"require_{action.replace('.', '_')}"
    return dependency


def check_site(user: User, site) -> None:
    """A site this user may not see is, for them, a site that does not exist (no probing for other missions')."""
    if not visible_site(user, site):
        raise NotFound(f"no site with id {getattr(site, 'id', site)!r}")


def reach_of(conn, user: User) -> tuple[Circle, ...] | None:
    """Where this user may see events and incidents (`legation.domain.users.reach`): None for no limit."""
    if user.role != "liaison":
        return reach(user, ())
    from legation.store.sites import list_sites

    return reach(user, list_sites(conn))


def check_event(conn, user: User, event) -> None:
    """An event this user may not see is, for them, an event that does not exist."""
    from legation.store.sites import list_sites

    if user.role == "liaison" and not visible_event(user, event, list_sites(conn)):
        raise NotFound(f"no event with id {event.id!r}")


def search_events(conn, user: User, *, limit: int, offset: int = 0,
                  near: tuple[float, float, float] | None = None, **filters: Any) -> list:
    """`legation.store.events.query_events` as this user may see it, newest first, as records (the spec's JSON
    shape): for a liaison, only events within reach of their own sites (each reach circle asked on its own, the
    answers merged by date)."""
    from legation.store.events import query_events

    circles = reach_of(conn, user)
    if circles is None:
        return query_events(conn, near=near, limit=limit, offset=offset, records=True, **filters)
    wanted = offset + limit if near is None else None  # with a point of their own, every match is filtered
    found: dict[str, Any] = {}
    for circle in circles:
        for event in query_events(conn, near=circle, limit=wanted, records=True, **filters):
            found.setdefault(event["id"], event)
    events = [e for e in found.values()
              if near is None or in_reach((near,), (e.get("location") or {}).get("lat"),
                                          (e.get("location") or {}).get("lon"))]
    events.sort(key=lambda e: ((e.get("date") or {}).get("start") is not None,
                               (e.get("date") or {}).get("start") or ""), reverse=True)
    return events[offset:offset + limit]


def visible_report_ids(conn, user: User) -> set[str] | None:
    """The reports this user may see (`legation.domain.users.visible_report`: a liaison, those with an event within
    reach of their own sites); None for every report."""
    circles = reach_of(conn, user)
    if circles is None:
        return None
    from legation.store.events import query_events
    from legation.store.sites import list_sites

    by_report: dict[str, list] = {}
    for circle in circles:
        for event in query_events(conn, near=circle, include_negated=True):
            if event.report_id:
                by_report.setdefault(event.report_id, []).append(event)
    sites = list_sites(conn)
    return {rid for rid, events in by_report.items() if visible_report(user, events, sites)}
