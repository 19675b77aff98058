"""Protection orders over HTTP: list, show, draft, issue, acknowledge, report compliance, lift, amend, split,
propose from a report. Every operation is `legation.act.orders`, as the CLI's, acting for the authority of the
chain of command the user stands for (a unit commander: their unit; anyone else: the authority named by or listing
their user name). What a user sees of orders and tasks is `legation.domain.users.visible_order` and
`redact_order` (a liaison: no drafts, only orders covering a site of their own mission, naming only those sites),
applied by `legation.act.orders.order_view` and `list_order_views` as for the web's board.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, Path, Query

from legation.act.authorities import load_hierarchy
from legation.api.auth import get_store, require
from legation.api.routers.common import Paging, errors, paging
from legation.api.schemas import (
    AmendIn,
    ComplyIn,
    LiftIn,
    OrderIn,
    OrderOut,
    OrderRow,
    Page,
    ProposeIn,
    SplitIn,
    SplitOut,
)
from legation.domain.authorities import Hierarchy
from legation.domain.orders import Scope, Selector
from legation.domain.users import User
from legation.store.audit import acting_as

router = APIRouter(tags=["orders"])
_E = errors(400, 401, 403, 404, 409, 413, 422, 429)
OrderRef = Path(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+(@[0-9]{1,6})?$", examples=["ord-0001"])


def hierarchy() -> Hierarchy:
    """The chain of command: the file Settings.authorities (LEGATION_AUTHORITIES) names, or the shipped one."""
    from legation.settings import Settings

    return _load(Settings().authorities)


@functools.lru_cache(maxsize=4)
def _load(path: str | None) -> Hierarchy:
    return load_hierarchy(path)


def authority_for(user: User, chain: Hierarchy) -> str:
    if user.role == "unit-commander" and user.unit in chain.by_id:
        return user.unit
    return chain.authority_of(user.username).id


@contextlib.contextmanager
def acting(store, user: User) -> Iterator[tuple[Any, Hierarchy, str]]:
    """(conn, hierarchy, acting authority) inside one transaction audited in the user's name."""
    chain = hierarchy()
    actor = authority_for(user, chain)
    with store.begin() as conn, acting_as(user.username):
        yield conn, chain, actor


def _scope(sites: list[str] | None, select: list[str] | None) -> Scope | None:
    if not sites and not select:
        return None
    return Scope(sites=tuple(sites or ()), selectors=tuple(Selector.parse(s) for s in select or ()))


@router.get("/orders", response_model=Page[OrderRow], responses=_E)
def list_orders(state: list[str] | None = Query(None, max_length=7, examples=[["issued"]]),
                issuer: str | None = Query(None, max_length=100), recipient: str | None = Query(None, max_length=100),
                at: dt.datetime | None = Query(None, description="state as at this time (default now)"),
                page: Paging = Depends(paging), user: User = Depends(require("orders.read")),
                store=Depends(get_store)) -> dict:
    """Orders (the newest version of each) with their state as at `at`."""
    from legation.act.orders import list_order_views

    with store.connect() as conn:
        rows = list_order_views(conn, at, states=state, issuer=issuer, recipient=recipient, user=user)
    return page.slice(rows)


@router.get("/orders/{ref}", response_model=OrderOut, responses=_E)
def show(ref: str = OrderRef, at: dt.datetime | None = Query(None), user: User = Depends(require("orders.read")),
         store=Depends(get_store)) -> dict:
    """One order as it stands: state, acknowledgements, compliance, versions, tasks, who is late."""
    from legation.act.orders import order_view

    with store.connect() as conn:
        return order_view(conn, ref, at, user=user)


@router.post("/orders", response_model=OrderOut, status_code=201, responses=_E)
def draft(body: OrderIn, user: User = Depends(require("orders.draft")), store=Depends(get_store)) -> dict:
    """Draft an order (refused now if its issuer could not issue it)."""
    from legation.act.orders import draft_order

    scope = _scope(body.sites, body.select)
    if scope is None:
        from legation.domain.errors import InputError
        raise InputError("give the order's scope: sites (ids) or select (e.g. 'kind=diplomatic city=Baghdad')")
    evidence = {"events": body.events, "reports": body.reports} if body.events or body.reports else None
    with acting(store, user) as (conn, chain, actor):
        order = draft_order(conn, chain, actor, recipients=body.recipients, scope=scope, measures=body.measures,
                            valid_from=body.valid_from, valid_until=body.valid_until, supervisor=body.supervisor,
                            priority=body.priority, title=body.title, issuer=body.issuer,
                            ack_within_hours=body.ack_within_hours, evidence=evidence, user=user.username)
    return order.to_dict()


@router.post("/orders/{ref}/issue", response_model=OrderOut, responses=_E)
def issue(ref: str = OrderRef, user: User = Depends(require("orders.issue")), store=Depends(get_store)) -> dict:
    """Issue a draft (only its issuer may); an amendment supersedes the version before it."""
    from legation.act.orders import issue_order

    with acting(store, user) as (conn, chain, actor):
        return issue_order(conn, chain, actor, ref).to_dict()


@router.post("/orders/{ref}/acknowledge", response_model=OrderOut, responses=_E)
def acknowledge(ref: str = OrderRef, user: User = Depends(require("orders.acknowledge")),
                store=Depends(get_store)) -> dict:
    """Acknowledge an order addressed to your unit or authority."""
    from legation.act.orders import acknowledge_order

    with acting(store, user) as (conn, chain, actor):
        return acknowledge_order(conn, chain, actor, ref, user=user.username).to_dict()


@router.post("/orders/{ref}/compliance", response_model=OrderOut, responses=_E)
def comply(body: ComplyIn, ref: str = OrderRef, user: User = Depends(require("orders.report")),
           store=Depends(get_store)) -> dict:
    """Report compliance with an order your unit acknowledged."""
    from legation.act.orders import comply_order

    with acting(store, user) as (conn, chain, actor):
        return comply_order(conn, chain, actor, ref, body.status, body.measures, body.note,
                            user=user.username).to_dict()


@router.post("/orders/{ref}/lift", response_model=OrderOut, responses=_E)
def lift(body: LiftIn, ref: str = OrderRef, user: User = Depends(require("orders.supervise")),
         store=Depends(get_store)) -> dict:
    """Lift a live order (its issuer or a superior), and the tasks split from it."""
    from legation.act.orders import lift_order

    with acting(store, user) as (conn, chain, actor):
        return lift_order(conn, chain, actor, ref, body.reason).to_dict()


@router.post("/orders/{ref}/amend", response_model=OrderOut, responses=_E)
def amend(body: AmendIn, ref: str = OrderRef, user: User = Depends(require("orders.draft")),
          store=Depends(get_store)) -> dict:
    """Amend an order: a new version, a draft until issued (then it supersedes the old one)."""
    from legation.act.orders import amend_order

    changes = body.model_dump(exclude={"sites", "select"})
    with acting(store, user) as (conn, chain, actor):
        return amend_order(conn, chain, actor, ref, scope=_scope(body.sites, body.select), **changes).to_dict()


@router.post("/orders/{ref}/split", response_model=SplitOut, status_code=201, responses=_E)
def split(body: SplitIn, ref: str = OrderRef, user: User = Depends(require("orders.issue")),
          store=Depends(get_store)) -> dict:
    """Split an order you acknowledged into tasks: one per subordinate, over the sites in its jurisdiction."""
    from legation.act.orders import split_order

    with acting(store, user) as (conn, chain, actor):
        tasks, unassigned = split_order(conn, chain, actor, ref, body.recipients, body.measures)
    return {"tasks": [t.to_dict() for t in tasks], "unassigned": unassigned}


@router.post("/orders/propose", response_model=list[OrderOut], status_code=201, responses=_E)
def propose(body: ProposeIn, user: User = Depends(require("orders.draft")), store=Depends(get_store)) -> list:
    """Draft orders from a stored report's PROTECT events, with the report as evidence (check, then issue)."""
    from legation.act.orders import propose_from_report

    with acting(store, user) as (conn, chain, actor):
        return [o.to_dict() for o in propose_from_report(conn, chain, actor, body.report, user=user.username)]
