"""Protection orders as a service: draft, issue, acknowledge, report compliance, lift, amend, split into tasks.

Each function takes an open transaction, the hierarchy, and the acting authority's id (`actor`; the CLI maps
`--as USER` to it, the API will map its authenticated user), checks the rules in `legation.domain.orders`, writes,
and appends to the audit chain. `at` is when it happens (default now, UTC); `user` is who typed it, kept on
acknowledgements and compliance reports.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa

from legation.domain import orders as rules
from legation.domain.authorities import Hierarchy
from legation.domain.errors import Conflict, Forbidden, NotFound
from legation.domain.orders import LIVE, Order, Scope, Selector
from legation.domain.sites import Site
from legation.domain.time import utc
from legation.domain.users import User, redact_order, visible_order, visible_orders
from legation.store import orders as repo
from legation.store.sites import list_sites


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _registry(conn: sa.Connection) -> list[Site]:
    return list_sites(conn)


def resolve(conn: sa.Connection, ref: str, *, prefer_issued: bool = True) -> Order:
    """`ord-0001@2` is that version; `ord-0001` is the newest version that was issued (or the draft, if none was)."""
    if "@" in ref or not prefer_issued:
        return repo.get_order(conn, ref)
    versions = repo.order_versions(conn, ref)
    if not versions:
        raise NotFound(f"no order {ref}")
    issued = [o for o in versions if o.state != "draft"]
    return (issued or versions)[-1]


def draft_order(conn: sa.Connection, hierarchy: Hierarchy, actor: str, *, recipients: Sequence[str], scope: Scope,
                measures: Sequence[str], valid_from: Any = None, valid_until: Any = None,
                supervisor: str | None = None, priority: str = "priority", title: str = "",
                evidence: dict | None = None, ack_within_hours: float | None = None, issuer: str | None = None,
                at: Any = None, user: str | None = None) -> Order:
    """A draft in the issuer's name (the actor's own, or that of someone in its chain it drafts for).

    Refused now, with the reason, if the issuer could not issue it: nobody should draft what cannot be given.
    """
    at = utc(at) or now()
    issuer = issuer or actor
    hierarchy.get(actor)
    if not hierarchy.in_chain(issuer, actor):
        raise Forbidden(f"{hierarchy.label(actor)} may not draft orders for {hierarchy.label(issuer)}")
    order = Order(id=repo.next_order_id(conn), issuer=issuer, recipients=list(recipients), scope=scope,
                  measures=list(measures), valid_from=utc(valid_from) or at, valid_until=utc(valid_until),
                  supervisor=supervisor or issuer, priority=priority, title=title, evidence=dict(evidence or {}),
                  ack_within_hours=ack_within_hours, created_at=at, created_by=user or actor)
    rules.check_authority(order, hierarchy, order.scope.resolve(_registry(conn)))
    return repo.insert_order(conn, order, "order.draft")


def issue_order(conn: sa.Connection, hierarchy: Hierarchy, actor: str, ref: str, at: Any = None) -> Order:
    """Issue a draft; an amendment supersedes the version before it (whose tasks are lifted, to be re-split)."""
    at = utc(at) or now()
    order = resolve(conn, ref, prefer_issued=False)
    parent = repo.get_order(conn, order.parent) if order.parent else None
    issued = rules.issue(order, actor, at, hierarchy, order.scope.resolve(_registry(conn)), parent)
    repo.save_order(conn, issued, "order.issue", before=order)
    for old in repo.order_versions(conn, order.id):
        if old.version < order.version and rules.settle(old, at).state in LIVE:
            superseded = rules.supersede(old, issued, at)
            repo.save_order(conn, superseded, "order.supersede", before=old)
            _close_tasks(conn, hierarchy, old, at, f"parent {old.ref} superseded by {issued.ref}")
    return issued


def acknowledge_order(conn: sa.Connection, hierarchy: Hierarchy, actor: str, ref: str, at: Any = None,
                      user: str | None = None) -> Order:
    order = resolve(conn, ref)
    done = rules.acknowledge(order, actor, utc(at) or now(), by=user)
    return repo.save_order(conn, done, "order.acknowledge", before=order)


def comply_order(conn: sa.Connection, hierarchy: Hierarchy, actor: str, ref: str, status: str,
                 measures: Sequence[str] = (), note: str = "", at: Any = None, user: str | None = None) -> Order:
    order = resolve(conn, ref)
    done = rules.report_compliance(order, actor, utc(at) or now(), status, measures, note, by=user)
    return repo.save_order(conn, done, "order.comply", before=order)


def lift_order(conn: sa.Connection, hierarchy: Hierarchy, actor: str, ref: str, reason: str = "",
               at: Any = None) -> Order:
    """Lift an order, and with it the tasks split from it."""
    at = utc(at) or now()
    order = resolve(conn, ref)
    lifted = rules.lift(order, actor, at, hierarchy, reason)
    repo.save_order(conn, lifted, "order.lift", before=order)
    _close_tasks(conn, hierarchy, order, at, f"parent {order.ref} lifted by {actor}")
    return lifted


def _close_tasks(conn: sa.Connection, hierarchy: Hierarchy, parent: Order, at: dt.datetime, reason: str) -> None:
    for task in repo.list_orders(conn, parent=parent.ref, latest_only=False):
        if rules.settle(task, at).state in LIVE:
            lifted = rules.lift(task, task.issuer, at, hierarchy, reason)
            repo.save_order(conn, lifted, "order.lift", before=task)
            _close_tasks(conn, hierarchy, task, at, reason)


def amend_order(conn: sa.Connection, hierarchy: Hierarchy, actor: str, ref: str, at: Any = None,
                **changes: Any) -> Order:
    """A new version (a draft, to be issued) of a live order; a draft is changed in place."""
    at = utc(at) or now()
    order = resolve(conn, ref, prefer_issued=False) if "@" not in ref else repo.get_order(conn, ref)
    newest = repo.order_versions(conn, order.id)[-1]
    if newest.version != order.version:
        raise Conflict(f"{order.ref} already has a newer version {newest.ref} ({newest.state}); amend that")
    amended = rules.amend(order, actor, at, hierarchy, **changes)
    rules.check_authority(amended, hierarchy, amended.scope.resolve(_registry(conn)),
                          repo.get_order(conn, amended.parent) if amended.parent else None)
    if amended.version == order.version:
        return repo.save_order(conn, amended, "order.amend", before=order)
    return repo.insert_order(conn, amended, "order.amend")


def split_order(conn: sa.Connection, hierarchy: Hierarchy, actor: str, ref: str, recipients: Sequence[str],
                measures: Sequence[str] = (), at: Any = None) -> tuple[list[Order], list[str]]:
    """Issue one task per subordinate over the order's sites in its jurisdiction.

    Returns the tasks and the order's sites no task covers (the splitter still answers for those).
    """
    at = utc(at) or now()
    parent = resolve(conn, ref)
    first = int(repo.next_order_id(conn).rsplit("-", 1)[1])
    ids = [f"ord-{first + i:04d}" for i in range(len(recipients))]
    registry = _registry(conn)
    drafts = rules.split(parent, actor, at, hierarchy, registry, recipients, ids, measures)
    tasks = []
    for draft in drafts:
        task = rules.issue(draft, actor, at, hierarchy, draft.scope.resolve(registry), parent)
        tasks.append(repo.insert_order(conn, task, "order.split"))
    covered = {s for task in tasks for s in task.sites}
    return tasks, [s for s in parent.sites if s not in covered]


def order_view(conn: sa.Connection, ref: str, at: Any = None, *, user: User | None = None) -> dict[str, Any]:
    """An order as it stands at `at`: its record, its versions, its tasks and who is late to acknowledge. For a
    `user`, as they may see it (`legation.domain.users.visible_order`, `redact_order`): `NotFound` for an order
    hidden from them, and only the versions and tasks they may see."""
    at = utc(at) or now()
    order = rules.settle(resolve(conn, ref), at)
    registry = _registry(conn) if user is not None else []
    if user is not None:
        if not visible_order(user, order, registry):
            raise NotFound(f"no order {ref}")
        order = redact_order(user, order, registry)

    def shown(related: list[Order]) -> list[Order]:
        settled = [rules.settle(o, at) for o in related]
        return settled if user is None else visible_orders(user, settled, registry)

    view = order.to_dict()
    view["versions"] = [f"{o.ref} {o.state}" for o in shown(repo.order_versions(conn, order.id))]
    view["tasks"] = [f"{t.ref} → {', '.join(t.recipients)}: {t.state}"
                     + (f", {t.compliance[-1]['status']}" if t.compliance else "")
                     for t in shown(repo.list_orders(conn, parent=order.ref, latest_only=False))]
    deadline = order.ack_deadline
    view["overdue"] = (order.unacknowledged() if order.state in LIVE and deadline and at > deadline else [])
    return view


def list_order_views(conn: sa.Connection, at: Any = None, *, states: Sequence[str] | None = None,
                     issuer: str | None = None, recipient: str | None = None,
                     user: User | None = None) -> list[dict[str, Any]]:
    """Newest version of every order (state as at `at`), with the states and recipient filters applied; for a
    `user`, the newest version of each they may see, as they may see it (a liaison: counting only their own
    sites)."""
    at = utc(at) or now()
    if user is None:
        found = [rules.settle(o, at) for o in repo.list_orders(conn, issuer=issuer)]
    else:  # the newest version this user may see (a liaison: the issued one while an amendment is a draft)
        versions = [rules.settle(o, at) for o in repo.list_orders(conn, issuer=issuer, latest_only=False)]
        found = list({o.id: o for o in visible_orders(user, versions, _registry(conn))}.values())
    rows = []
    for order in found:
        if (states and order.state not in states) or (recipient and recipient not in order.recipients):
            continue
        rows.append({"ref": order.ref, "state": order.state, "priority": order.priority, "issuer": order.issuer,
                     "recipients": order.recipients, "measures": order.measures, "sites": len(order.sites)
                     or order.scope.text(), "valid_until": order.valid_until, "parent": order.parent,
                     "title": order.title})
    return rows


def orders_for_briefing(conn: sa.Connection, site_ids: set[str], *, user: User | None = None,
                        at: Any = None) -> list[dict[str, Any]]:
    """The live orders (and tasks) covering any of these sites, as `user` may see them (`visible_order`,
    `redact_order`; everything without a user), newest first: ref, title, status, sites, last compliance."""
    at = utc(at) or now()
    # every version: an older one stays in force while its amendment is a draft
    found = [rules.settle(o, at) for o in repo.list_orders(conn, latest_only=False)]
    if user is not None:
        found = visible_orders(user, found, _registry(conn))
    live = [o for o in found if o.state in LIVE and set(o.sites) & set(site_ids)]
    live.sort(key=lambda o: o.issued_at or o.valid_from, reverse=True)
    return [{"ref": o.ref, "title": o.title or o.ref, "status": o.state, "sites": list(o.sites),
             "compliance": o.compliance[-1]["status"] if o.compliance else None} for o in live]


# ── from the news ──────────────────────────────────────────────────────────────────────────────────────────────

_MODE_MEASURES = {"guard": "static-guard", "cordon": "cordon", "checkpoint": "checkpoint", "patrol": "patrol",
                  "escort": "escort", "counter-drone": "counter-drone"}


def proposal_from_event(event: Any, hierarchy: Hierarchy, actor: str, report: Any = None) -> dict[str, Any]:
    """What a PROTECT event says to order: issuer and recipients it names, sites, measures, evidence.

    The arguments of `draft_order`; a guess for a person to check, which is why it only ever becomes a draft.
    """
    sentence = event.evidence.sentence or ""
    low = sentence.lower()
    named = [hierarchy.match(p.name or p.text) for p in event.actors]
    issuer = next((a.id for a in named if a and a.commands), None) or actor
    recipients = [a.id for a in (hierarchy.match(p.name or p.text) for p in event.recipients)
                  if a and hierarchy.commands(issuer, a.id)]
    recipients += [a.id for a in hierarchy.by_id.values() if a.id not in recipients and a.id != issuer and a.commands
                   and hierarchy.commands(issuer, a.id) and any(t.lower() in low for t in (a.name, *a.aliases))]
    if not recipients:  # nobody named: the issuer's own commanding subordinates
        recipients = [a.id for a in hierarchy.children(issuer) if a.commands]
    country = event.location.country or next((a.country for a in hierarchy.jurisdiction(issuer) if a.country), None)
    kinds = "military-base" if ("base" in low and "mission" not in low and "embass" not in low) else "diplomatic"
    # Country-wide: a report's place is often its dateline, not the order's reach; the person issuing narrows it.
    selector = Selector.parse(f"kind={kinds}" + (f" host_country={country}" if country else ""))
    measures = [_MODE_MEASURES[m] for m in event.mode if m in _MODE_MEASURES]
    if "tighten" in low or "step up" in low or not measures:
        measures.append("tightened-security")
    published = getattr(report, "published", None)
    title = f"Proposed from the news: {getattr(report, 'title', None) or event.doc}"
    return {"issuer": issuer, "recipients": recipients, "scope": Scope(selectors=(selector,)),
            "measures": list(dict.fromkeys(measures)), "valid_from": event.date.start or published,
            "title": title, "priority": "immediate",
            "evidence": {"events": [event.id], "reports": [event.report_id] if event.report_id else [],
                         "sentence": sentence}}


def propose_from_report(conn: sa.Connection, hierarchy: Hierarchy, actor: str, report_id: str,
                        at: Any = None, user: str | None = None) -> list[Order]:
    """Draft one order per PROTECT event of a report (stored, or extracted now if the extractor is installed)."""
    from legation.store.reports import get_report

    report = get_report(conn, report_id)
    events = repo.protect_events_of_report(conn, report_id)
    if not events:
        events = [e for e in _extract(report) if e.type == "PROTECT" and not e.negated and not e.hypothetical]
    if not events:
        raise NotFound(f"report {report_id} has no PROTECT event (an order, guard, cordon...) to propose from")
    drafted = []
    for event in events:
        event.report_id = event.report_id or report.id
        proposal = proposal_from_event(event, hierarchy, actor, report)
        drafted.append(draft_order(conn, hierarchy, actor, at=at, user=user, **proposal))
    return drafted


def _extract(report: Any) -> list:
    from legation.extract.pipeline import Extractor

    return list(Extractor.load().extract(report))
