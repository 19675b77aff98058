"""The orders board: orders by status, overdue acknowledgements and coverage gaps, the reports orders can be
proposed from, and the actions the user's role and place in the chain of command allow (draft, issue,
acknowledge). Each order's own page, the rest of the order cycle and a unit's task list are in `order_page`.

Forms post and redirect back (they work without JavaScript); a refused action (beyond the issuer's authority, a
transition the order's state forbids) shows the board again with the reason.
"""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Form, Request

from legation.domain.errors import InputError, NotFound
from legation.domain.orders import OrderState, Priority
from legation.domain.sites import MEASURES
from legation.domain.users import User, can
from legation.web import order_page, sources
from legation.web.context import WebContext, pages

COLUMNS = ((OrderState.DRAFT.value, "Drafts"), (OrderState.ISSUED.value, "Awaiting acknowledgement"),
           (OrderState.ACKNOWLEDGED.value, "Acknowledged"), (OrderState.IN_FORCE.value, "In force"),
           ("closed", "Closed"))  # lifted, expired and superseded orders share one column
PRIORITIES = tuple(p.value for p in Priority)  # the order vocabulary, from the domain
OPEN_COLUMNS = {column for column, _ in COLUMNS[:-1]}
CLOSED_SHOWN = 20  # the most recent lifted, expired or superseded orders (the CLI and API list them all)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _column(state: str) -> str:
    return state if state in OPEN_COLUMNS else "closed"


def _actions(user: User, actor: str | None, order) -> list[str]:
    """What this user may do to this order from the board."""
    from legation.domain.orders import LIVE

    out = []
    if order.state == "draft" and actor == order.issuer and can(user, "orders.issue"):
        out.append("issue")
    if order.state in LIVE and actor in order.unacknowledged() and can(user, "orders.acknowledge"):
        out.append("acknowledge")
    return out


def _board(ctx: WebContext, request: Request, user: User, status: int = 200, error: str | None = None,
           done: str | None = None):
    now = _now()
    actor = sources.actor_for(user)
    chain = sources.hierarchy()
    with ctx.store.connect() as conn:
        orders = sources.orders_visible(conn, user, now)
        findings = sources.supervision(conn, user, now) or []
        sites = sources.visible_sites(conn, user)
        proposable = (order_page.proposable_reports(conn, user)
                      if actor is not None and can(user, "orders.draft") else [])
    if orders is None:
        return ctx.render(request, "orders.html", user, status=status, installed=False, error=error, done=done)
    refs = {o.ref for o in orders}
    columns = {key: [] for key, _ in COLUMNS}
    for order in sorted(orders, key=lambda o: o.issued_at or o.created_at or now, reverse=True):
        columns[_column(order.state)].append(order)
    columns["closed"] = columns["closed"][:CLOSED_SHOWN]
    overdue = [f for f in findings if f["kind"] == "unacknowledged" and f["order"] in refs]
    gaps = [f for f in findings if f["kind"] == "coverage-gap"]
    late = {f["order"] for f in overdue}
    recipients = ([a for a in chain.by_id.values() if chain.commands(actor, a.id)] if chain and actor else [])
    may_order = bool(recipients) and (can(user, "orders.draft") or can(user, "orders.issue"))
    return ctx.render(request, "orders.html", user, status=status, installed=True, columns=columns,
                      titles=dict(COLUMNS), overdue=overdue, gaps=gaps, late=late, actor=actor,
                      actor_label=chain.label(actor) if chain and actor else None,
                      actions=lambda o: _actions(user, actor, o), label=chain.label if chain else str,
                      recipients=recipients, may_order=may_order, sites=sites, measures=MEASURES,
                      priorities=PRIORITIES, proposable=proposable, error=error, done=done, now=now)


def router(ctx: WebContext) -> APIRouter:
    """The board: live orders, the form to draft one, and its Issue and Acknowledge buttons."""
    r = APIRouter()

    def act(request: Request, user: User, work, back: str = "board", ref: str = ""):
        """`order_page.act` for the board's forms: the board (or the order's page, or the task list, as the form
        asked) again with the reason when it is refused, and there again when it is done."""
        to = {"order": f"/board/orders/{ref}", "tasks": "/board/tasks"}.get(back, "/board")

        def refused(status: int, message: str):
            if back == "order":
                return order_page.order_page(ctx, request, user, ref, status=status, error=message)
            if back == "tasks":
                return order_page.tasks_page(ctx, request, user, status=status, error=message)
            return _board(ctx, request, user, status=status, error=message)

        return order_page.act(ctx, request, user, lambda conn, chain, actor: (work(conn, chain, actor), to), refused)

    @r.post("/board/orders")
    @pages
    def create(request: Request, title: str = Form(""), recipients: list[str] = Form([]),
               sites: list[str] = Form([]), selector: str = Form(""), measures: list[str] = Form([]),
               priority: str = Form("priority"), valid_until: str = Form(""), issue_now: str = Form("")):
        from legation.act.orders import draft_order, issue_order
        from legation.domain.orders import Scope, Selector

        user = ctx.allowed(request, "orders.issue" if issue_now else "orders.draft")

        def work(conn, chain, actor):
            allowed = {s.id for s in sources.visible_sites(conn, user)}
            unknown = [s for s in sites if s not in allowed]
            if unknown:
                raise InputError(f"unknown site(s): {', '.join(unknown)}")
            scope = Scope(sites=tuple(sites), selectors=(Selector.parse(selector),) if selector.strip() else ())
            order = draft_order(conn, chain, actor, recipients=recipients, scope=scope, measures=measures,
                                valid_until=valid_until or None, priority=priority, title=title.strip(),
                                user=user.username)
            if issue_now:
                order = issue_order(conn, chain, actor, order.ref)
                return f"{order.ref} issued to {', '.join(order.recipients)}"
            return f"{order.ref} drafted"
        return act(request, user, work)

    @r.post("/board/orders/{ref}/issue")
    @pages
    def issue(request: Request, ref: str, back: str = Form("board")):
        from legation.act.orders import issue_order

        user = ctx.allowed(request, "orders.issue")
        return act(request, user, lambda conn, chain, actor:
                   f"{issue_order(conn, chain, actor, _visible_ref(conn, user, ref)).ref} issued",
                   order_page.with_back(back), ref)

    @r.post("/board/orders/{ref}/acknowledge")
    @pages
    def acknowledge(request: Request, ref: str, back: str = Form("board")):
        from legation.act.orders import acknowledge_order

        user = ctx.allowed(request, "orders.acknowledge")

        def work(conn, chain, actor):
            order = acknowledge_order(conn, chain, actor, _visible_ref(conn, user, ref), user=user.username)
            return f"{order.ref} acknowledged by {actor}"
        return act(request, user, work, order_page.with_back(back), ref)

    r.include_router(order_page.router(ctx))
    @r.get("/board")
    @pages
    def board(request: Request):
        return ctx.shown(request, "orders.read", _board)

    return r


def _visible_ref(conn, user: User, ref: str) -> str:
    """`ref` if this user may see that order; `NotFound` otherwise (nothing learnt about others' orders)."""
    orders = sources.orders_visible(conn, user, _now()) or []
    if not any(ref in (o.ref, o.id) for o in orders):
        raise NotFound(f"no order {ref}")
    return ref
