"""One order in the browser, a unit's task list, and orders proposed from a report.

`/board/orders/{ref}` shows an order as the signed-in user may see it (`legation.act.orders.order_view` with the
user: `visible_order`, `redact_order`; a liaison gets a 404 for a draft or another mission's order): its versions,
tasks, evidence (each event linked to its report), acknowledgements, compliance reports and, for whoever may read
the audit trail, the audit entries about it. Its forms carry the rest of the order cycle — issue, acknowledge,
split, report compliance, amend, lift — each through the same `legation.act.orders` function as the CLI and API,
acting for the user's authority and audited in their name; a button shows only when the user's role and place in
the chain of command allow it, and a refusal (beyond their authority, a state that forbids it) shows the page again
with the reason.

`/board/tasks` lists what is addressed to the user's unit or authority, with the acknowledge and compliance forms.
`/board/reports/{id}` shows a stored report's PROTECT events and proposes draft orders from them
(`propose_from_report`), for the issuer to check and issue.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import RedirectResponse

from legation.domain.errors import InputError, LegationError, NotFound
from legation.domain.orders import PRIORITIES
from legation.domain.users import User, can, visible_audit_entry, visible_report
from legation.web import sources
from legation.web.context import PageError, WebContext, pages, same_origin, set_flash

OrderRef = Path(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+(@[0-9]{1,6})?$")
ReportId = Path(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9_.:-]+$")
NOTE_MAX = 2000
REPORTS_SHOWN = 200  # the newest stored reports searched for PROTECT events to propose from
BACK = {"order", "tasks", "board"}  # where an action's form may ask to come back to


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def actions_for(user: User, actor: str | None, chain: Any, order: dict[str, Any], newest: bool = True) -> list[str]:
    """What this user may do to this order (its `to_dict()` view), by role and place in the chain of command: the
    same rules `legation.domain.orders` enforces, asked first so that only the buttons that can work are shown."""
    from legation.domain.orders import LIVE

    if actor is None:
        return []
    state, issuer = order["state"], order["issuer"]
    acked = actor in order["acks"]
    directs = actor == issuer or (chain is not None and actor in chain.by_id and issuer in chain.by_id
                                  and chain.commands(actor, issuer))
    out = []
    if state == "draft" and actor == issuer and can(user, "orders.issue"):
        out.append("issue")
    if state in LIVE and actor in order["recipients"] and not acked and can(user, "orders.acknowledge"):
        out.append("acknowledge")
    if state in LIVE and acked and can(user, "orders.report"):
        out.append("comply")
    if state in LIVE and acked and can(user, "orders.issue") and subordinates(chain, actor):
        out.append("split")
    if newest and state in ("draft", *LIVE) and directs and can(user, "orders.draft"):
        out.append("amend")
    if state in LIVE and directs and can(user, "orders.supervise"):
        out.append("lift")
    return out


def subordinates(chain: Any, actor: str) -> list[Any]:
    """The units directly under `actor` that it commands (whom it may task)."""
    if chain is None or actor not in chain.by_id:
        return []
    return [a for a in chain.children(actor) if chain.commands(actor, a.id)]


def _evidence(conn: Any, user: User, evidence: dict[str, Any]) -> tuple[list[dict], list[str]]:
    """The evidence events this user may see, each with its report's id and title; and the reports named."""
    from legation.store.events import get_event
    from legation.store.reports import get_report

    shown: list[dict] = []
    titles: dict[str, str | None] = {}
    for event_id in evidence.get("events") or []:
        try:
            event = get_event(conn, str(event_id))
        except NotFound:
            shown.append({"id": event_id, "missing": True})
            continue
        if not sources.may_see_event(conn, user, event):
            continue
        title = None
        if event.report_id:
            if event.report_id not in titles:
                try:
                    report = get_report(conn, event.report_id)
                    titles[event.report_id] = report.title or report.doc or report.id
                except NotFound:
                    titles[event.report_id] = None
            title = titles[event.report_id]
        shown.append({"id": event.id, "type": event.type, "sentence": event.evidence.sentence,
                      "date": event.date.start, "report": event.report_id, "report_title": title})
    reports = [r for r in evidence.get("reports") or [] if r in titles or user.role != "liaison"]
    return shown, reports


def order_page(ctx: WebContext, request: Request, user: User, ref: str, status: int = 200,
               error: str | None = None, done: str | None = None, form: dict | None = None):
    from legation.act.orders import order_view
    from legation.domain.orders import COMPLIANCE
    from legation.domain.sites import MEASURES
    from legation.store.audit import entries

    chain = sources.hierarchy()
    actor = sources.actor_for(user)
    with ctx.store.connect() as conn:
        view = order_view(conn, ref, _now(), user=user)
        versions = [v.split(" ", 1) for v in view["versions"]]
        tasks = [t.split(" ", 1) for t in view["tasks"]]
        events, reports = _evidence(conn, user, view["evidence"])
        trail: list[dict] = []
        if can(user, "audit.read"):
            for version_ref, _ in versions:
                trail += [e for e in entries(conn, entity="order", entity_id=version_ref)
                          if visible_audit_entry(user, e)]
            trail.sort(key=lambda e: e["seq"])
    newest = not versions or versions[-1][0] == view["ref"]
    actions = actions_for(user, actor, chain, view, newest)
    label = chain.label if chain else str
    return ctx.render(request, "order.html", user, status=status, order=view, versions=versions, tasks=tasks,
                      events=events, reports=reports, trail=trail, actions=actions, actor=actor, label=label,
                      subordinates=subordinates(chain, actor) if actor else [], measures=MEASURES,
                      statuses=COMPLIANCE, priorities=PRIORITIES,
                      error=error, done=done, form=form or {})


def tasks_page(ctx: WebContext, request: Request, user: User, status: int = 200, error: str | None = None,
               done: str | None = None):
    from legation.domain.orders import LIVE

    chain = sources.hierarchy()
    actor = sources.actor_for(user)
    now = _now()
    mine: list[Any] = []
    if actor is not None:
        with ctx.store.connect() as conn:
            mine = [o for o in sources.orders_visible(conn, user, now) or []
                    if actor in o.recipients and o.state in LIVE]
    mine.sort(key=lambda o: o.issued_at or o.created_at or now, reverse=True)
    from legation.domain.orders import COMPLIANCE

    return ctx.render(request, "tasks.html", user, status=status, orders=mine, actor=actor,
                      actor_label=chain.label(actor) if chain and actor else None,
                      actions=lambda o: actions_for(user, actor, chain, o.to_dict()),
                      label=chain.label if chain else str, statuses=COMPLIANCE, error=error, done=done, now=now)


def proposable_reports(conn: Any, user: User) -> list[dict[str, Any]]:
    """The newest stored reports with a PROTECT event (what an order can be proposed from), that this user may
    see (`legation.domain.users.visible_report`, judged by those events)."""
    from legation.store.orders import protect_events_of_report
    from legation.store.reports import list_reports
    from legation.store.sites import list_sites

    registry = list_sites(conn)
    found = []
    for row in list_reports(conn, limit=REPORTS_SHOWN):
        events = protect_events_of_report(conn, row["id"])
        if events and visible_report(user, events, registry):
            found.append({**row, "events": len(events)})
    return found


def _events_in_reach(conn: Any, user: User, report_id: str) -> list[Any]:
    """The events read from this report that lie within this user's reach (`legation.domain.users.reach`; none
    needed for a user who sees every report): what `visible_report` judges a liaison's access by, as the API's."""
    from legation.domain.users import reach
    from legation.store.events import query_events
    from legation.store.sites import list_sites

    circles = reach(user, list_sites(conn))
    if circles is None:
        return []
    return [e for circle in circles for e in query_events(conn, near=circle, include_negated=True)
            if e.report_id == report_id]


def report_page(ctx: WebContext, request: Request, user: User, report_id: str, status: int = 200,
                error: str | None = None):
    from legation.store.orders import protect_events_of_report
    from legation.store.reports import get_report
    from legation.store.sites import list_sites

    with ctx.store.connect() as conn:
        report = get_report(conn, report_id)
        events = protect_events_of_report(conn, report_id)
        if not visible_report(user, [*events, *_events_in_reach(conn, user, report_id)], list_sites(conn)):
            raise NotFound(f"no report with id {report_id!r}")
        highlight = highlighted(conn, report, request.query_params.get("event"))
    may_propose = bool(events) and can(user, "orders.draft") and sources.actor_for(user) is not None
    return ctx.render(request, "report.html", user, status=status, report=report, events=events,
                      may_propose=may_propose, error=error, highlight=highlight)


def highlighted(conn: Any, report: Any, event_id: str | None) -> tuple[str, str, str] | None:
    """The report's text as (before, the event's sentence, after), when `event_id` names an event read from this
    report (the map and the site page link an event to its report so); None otherwise."""
    from legation.store.events import get_event

    if not event_id or len(event_id) > 64:
        return None
    try:
        event = get_event(conn, event_id)
    except NotFound:
        return None
    text, evidence = report.text, event.evidence
    if event.report_id != report.id or not evidence.sentence:
        return None
    start, end = evidence.start, evidence.end
    if start is None or end is None or text[start:end] != evidence.sentence:
        start = text.find(evidence.sentence)
        if start < 0:
            return None
        end = start + len(evidence.sentence)
    return text[:start], text[start:end], text[end:]


def act(ctx: WebContext, request: Request, user: User, work: Callable[[Any, Any, str], tuple[str, str]],
        refused: Callable[[int, str], Any]):
    """Run one write as this user's authority (audited in their name): `work` answers (banner, where to go next);
    a refusal shows `refused(status, reason)`; a thing the user may not see is a 404 page."""
    from legation.store.audit import acting_as

    same_origin(request)
    actor = sources.actor_for(user)
    if actor is None:
        raise PageError(InputError(f"{user.username} acts for no authority in the chain of command; an admin "
                                   "can list the user under one in the authorities file"))
    try:
        with ctx.store.begin() as conn, acting_as(user.username):
            message, to = work(conn, sources.hierarchy(), actor)
    except NotFound as err:
        raise PageError(err) from None
    except LegationError as err:
        return refused(err.status, err.message)
    return set_flash(request, RedirectResponse(to, status_code=303), message)


def _visible(conn: Any, user: User, ref: str) -> None:
    from legation.act.orders import order_view

    order_view(conn, ref, _now(), user=user)  # NotFound for an order this user may not see


def _refused(ctx: WebContext, request: Request, user: User, ref: str, back: str) -> Callable[[int, str], Any]:
    if back == "tasks":
        return lambda status, message: tasks_page(ctx, request, user, status=status, error=message)
    return lambda status, message: order_page(ctx, request, user, ref, status=status, error=message)


def _after(ref: str, back: str) -> str:
    return "/board/tasks" if back == "tasks" else f"/board/orders/{ref}"


def router(ctx: WebContext) -> APIRouter:
    """The order cycle's pages and steps, and the report pages it starts from."""
    r = APIRouter()
    _order_routes(r, ctx)
    _report_routes(r, ctx)
    return r


def _order_routes(r: APIRouter, ctx: WebContext) -> None:
    @r.get("/board/orders/{ref}")
    @pages
    def show(request: Request, ref: str = OrderRef):
        return ctx.shown(request, "orders.read", order_page, ref)

    @r.get("/board/tasks")
    @pages
    def tasks(request: Request):
        return ctx.shown(request, "orders.read", tasks_page)

    @r.post("/board/orders/{ref}/comply")
    @pages
    def comply(request: Request, ref: str = OrderRef, status: str = Form(""), measures: list[str] = Form([]),
               note: str = Form(""), back: str = Form("order")):
        from legation.act.orders import comply_order

        def step(conn, chain, actor, user):
            order = comply_order(conn, chain, actor, ref, status, measures, _note(note, "note"), user=user.username)
            return f"{order.ref}: {actor} reported {status}", _after(order.ref, back)
        return _order_step(ctx, request, ref, "orders.report", step, back=back)

    @r.post("/board/orders/{ref}/split")
    @pages
    def split(request: Request, ref: str = OrderRef, recipients: list[str] = Form([]),
              measures: list[str] = Form([])):
        from legation.act.orders import split_order

        def step(conn, chain, actor, user):
            tasks, unassigned = split_order(conn, chain, actor, ref, recipients, measures)
            message = "split into " + ", ".join(f"{t.ref} ({t.recipients[0]})" for t in tasks)
            if unassigned:
                message += f"; no task covers {', '.join(unassigned)}"
            return message, f"/board/orders/{ref}"
        return _order_step(ctx, request, ref, "orders.issue", step)

    @r.post("/board/orders/{ref}/amend")
    @pages
    def amend(request: Request, ref: str = OrderRef, title: str = Form(""), measures: list[str] = Form([]),
              priority: str = Form(""), valid_until: str = Form("")):
        from legation.act.orders import amend_order

        def step(conn, chain, actor, user):
            order = amend_order(conn, chain, actor, ref, title=title.strip() or None, measures=measures or None,
                                priority=priority or None, valid_until=valid_until or None)
            return f"{order.ref} drafted: issue it to put the amendment in force", f"/board/orders/{order.ref}"
        return _order_step(ctx, request, ref, "orders.draft", step)

    @r.post("/board/orders/{ref}/lift")
    @pages
    def lift(request: Request, ref: str = OrderRef, reason: str = Form("")):
        from legation.act.orders import lift_order

        def step(conn, chain, actor, user):
            order = lift_order(conn, chain, actor, ref, _note(reason, "reason"))
            return f"{order.ref} lifted", f"/board/orders/{order.ref}"
        return _order_step(ctx, request, ref, "orders.supervise", step)


def _order_step(ctx: WebContext, request: Request, ref: str, permission: str, step, *, back: str = "order"):
    """One step on an order by the signed-in user: refused unless their role has `permission` and they may see the
    order; `step(conn, chain, actor, user)` makes the change and answers (banner, where to go next)."""
    user = ctx.allowed(request, permission)

    def work(conn, chain, actor):
        _visible(conn, user, ref)
        return step(conn, chain, actor, user)
    return act(ctx, request, user, work, _refused(ctx, request, user, ref, back))


def _note(text: str, what: str) -> str:
    """A free-text note or reason, stripped; an error naming it when it is longer than NOTE_MAX."""
    if len(text) > NOTE_MAX:
        raise InputError(f"the {what} is {len(text)} characters long; at most {NOTE_MAX}")
    return text.strip()


def _report_routes(r: APIRouter, ctx: WebContext) -> None:
    @r.get("/board/reports/{report_id}")
    @pages
    def report(request: Request, report_id: str = ReportId):
        user = ctx.allowed(request, "reports.read")
        return report_page(ctx, request, user, report_id)

    @r.post("/board/reports/{report_id}/propose")
    @pages
    def propose(request: Request, report_id: str = ReportId):
        from legation.act.orders import propose_from_report
        from legation.store.orders import protect_events_of_report

        user = ctx.allowed(request, "orders.draft")

        def work(conn, chain, actor):
            if not protect_events_of_report(conn, report_id):  # never run the extractor inside a page's request
                from legation.store.reports import get_report

                get_report(conn, report_id)
                raise NotFound(f"report {report_id} has no PROTECT event (an order, guard, cordon...) to propose "
                               "from")
            drafts = propose_from_report(conn, chain, actor, report_id, user=user.username)
            issuers = sorted({chain.label(o.issuer) for o in drafts})
            message = (f"drafted {', '.join(o.ref for o in drafts)} from the report, to be checked and issued by "
                       f"{', '.join(issuers)}")
            return message, f"/board/orders/{drafts[0].ref}"
        return act(ctx, request, user, work,
                   lambda status, message: report_page(ctx, request, user, report_id, status=status, error=message))


def with_back(back: str) -> str:
    """Where an issue or acknowledge form asked to come back to (`order`, `tasks`; the board otherwise)."""
    return back if back in BACK else "board"
