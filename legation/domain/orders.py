"""Protection orders down a chain of command: the order, its scope and its lifecycle. Pure, no I/O.

The chain of command itself (areas, authorities, the hierarchy) is in `authorities.py`; the measures each level
calls for in `measures.py`.

    draft ──issue──► issued ──(every recipient acknowledges)──► acknowledged ──(valid_from reached)──► in-force
                       │                                              │                                  │
                       └──────────── lift ► lifted · valid_until passes ► expired · amendment issued ► superseded

Every transition is a function `(order, ..., at) -> new order` that either returns the order's next state or raises
`Conflict` (the order's state forbids it) or `Forbidden` (the acting authority may not do it), always with the reason.
Time-driven steps (in force, expired) are applied by `settle(order, at)`, so an order read at any moment shows the
state it is in at that moment. An amendment is a new version of the same order; issuing it supersedes the old one.
A unit splits an order into tasks for its subordinates: a task is itself an order, with the order as its parent.
"""

from __future__ import annotations

import copy
import datetime as dt
import enum
import shlex
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from legation.domain.authorities import Hierarchy
from legation.domain.errors import Conflict, Forbidden, InputError, NotFound
from legation.domain.sites import MEASURES, SITE_KINDS, Site
from legation.domain.time import instant, utc


class OrderState(enum.StrEnum):
    """An order's lifecycle (see the module's docstring)."""

    DRAFT = "draft"
    ISSUED = "issued"
    ACKNOWLEDGED = "acknowledged"
    IN_FORCE = "in-force"
    LIFTED = "lifted"
    EXPIRED = "expired"
    SUPERSEDED = "superseded"


class Priority(enum.StrEnum):
    """Precedence, most urgent first."""

    FLASH = "flash"
    IMMEDIATE = "immediate"
    PRIORITY = "priority"
    ROUTINE = "routine"


class ComplianceStatus(enum.StrEnum):
    """What a recipient reports having done."""

    COMPLIED = "complied"
    PARTIAL = "partial"
    NOT_COMPLIED = "not-complied"


# The vocabularies as plain strings (what records and the store hold), derived from the enums.
STATES: tuple[str, ...] = tuple(s.value for s in OrderState)
LIVE = (OrderState.ISSUED.value, OrderState.ACKNOWLEDGED.value, OrderState.IN_FORCE.value)  # binding on recipients
FINAL = (OrderState.LIFTED.value, OrderState.EXPIRED.value, OrderState.SUPERSEDED.value)  # nothing changes these
# Precedence, and the hours a recipient has to acknowledge at each.
PRIORITIES: dict[str, float] = {Priority.FLASH.value: 1.0, Priority.IMMEDIATE.value: 6.0,
                                Priority.PRIORITY.value: 24.0, Priority.ROUTINE.value: 72.0}
COMPLIANCE: tuple[str, ...] = tuple(c.value for c in ComplianceStatus)
KIND_GROUPS: dict[str, tuple[str, ...]] = {"diplomatic": ("embassy", "consulate", "mission-office", "residence")}


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


# ── scope: which sites an order covers ─────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class Selector:
    """Sites by their attributes: `kind=diplomatic city=Baghdad`, `sending_state=USA`. Empty fields match all."""

    kinds: tuple[str, ...] = ()
    city: str | None = None
    sending_state: str | None = None
    host_country: str | None = None

    KEYS = ("kind", "city", "sending_state", "host_country")

    @classmethod
    def parse(cls, text: str) -> Selector:
        """`key=value` words (quote values with spaces); kinds are comma-separated; `diplomatic` means the four
        kinds of diplomatic premises."""
        values: dict[str, Any] = {}
        try:
            words = shlex.split(text)
        except ValueError as err:
            raise InputError(f"bad site selector {text!r}: {err}") from None
        for word in words:
            key, sep, value = word.partition("=")
            key = key.strip().lower().replace("-", "_")
            if not sep or not value.strip() or key not in cls.KEYS:
                raise InputError(f"bad site selector {text!r}: want key=value words with keys "
                                 f"{', '.join(cls.KEYS)} (e.g. 'kind=diplomatic city=Baghdad')")
            values[key] = value.strip()
        if not values:
            raise InputError("an empty site selector would match every site; name a kind, city or state")
        kinds: list[str] = []
        for kind in (values.get("kind") or "").split(","):
            kind = kind.strip().lower()
            if kind:
                if kind not in SITE_KINDS and kind not in KIND_GROUPS:
                    raise InputError(f"unknown site kind {kind!r} in selector {text!r} (known: "
                                     f"{', '.join([*KIND_GROUPS, *SITE_KINDS])})")
                kinds.extend(KIND_GROUPS.get(kind, (kind,)))
        return cls(kinds=tuple(dict.fromkeys(kinds)), city=values.get("city"),
                   sending_state=(values.get("sending_state") or "").upper() or None,
                   host_country=(values.get("host_country") or "").upper() or None)

    def matches(self, site: Site) -> bool:
        return ((not self.kinds or site.kind in self.kinds)
                and (self.city is None or (site.city or "").lower() == self.city.lower())
                and (self.sending_state is None or site.sending_state == self.sending_state)
                and (self.host_country is None or site.host_country == self.host_country))

    def text(self) -> str:
        parts = [f"kind={','.join(self.kinds)}"] if self.kinds else []
        parts += [f"{k}={shlex.quote(v)}" for k, v in (("city", self.city), ("sending_state", self.sending_state),
                                                       ("host_country", self.host_country)) if v]
        return " ".join(parts)


@dataclass(frozen=True)
class Scope:
    """Sites named by id, plus every site any selector matches (resolved against the registry when used)."""

    sites: tuple[str, ...] = ()
    selectors: tuple[Selector, ...] = ()

    def resolve(self, registry: Iterable[Site]) -> list[Site]:
        """The sites covered, in registry order; `NotFound` for a named site that is not registered."""
        registry = list(registry)
        known = {s.id for s in registry}
        for site_id in self.sites:
            if site_id not in known:
                raise NotFound(f"the order names site {site_id!r}, which is not in the sites registry")
        return [s for s in registry if s.id in self.sites or any(sel.matches(s) for sel in self.selectors)]

    def to_dict(self) -> dict[str, Any]:
        return {"sites": list(self.sites), "selectors": [sel.text() for sel in self.selectors]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Scope:
        return cls(sites=tuple(data.get("sites") or ()),
                   selectors=tuple(Selector.parse(s) for s in data.get("selectors") or ()))

    def text(self) -> str:
        return "; ".join([*self.sites, *(s.text() for s in self.selectors)])


# ── the order ──────────────────────────────────────────────────────────────────────────────────────────────────

@dataclass
class Order:
    id: str
    issuer: str
    recipients: list[str]
    scope: Scope
    measures: list[str]
    valid_from: dt.datetime
    valid_until: dt.datetime | None = None
    supervisor: str | None = None
    priority: str = "priority"
    title: str = ""
    evidence: dict[str, Any] = field(default_factory=dict)  # events, reports, orders (ids), assessment
    version: int = 1
    state: str = "draft"
    parent: str | None = None  # "ord-0001@1": the order this task was split from
    ack_within_hours: float | None = None  # default: by priority
    acks: dict[str, dict[str, Any]] = field(default_factory=dict)  # recipient → {"at", "by"}
    compliance: list[dict[str, Any]] = field(default_factory=list)
    sites: list[str] = field(default_factory=list)  # the scope as resolved when issued
    created_at: dt.datetime | None = None
    created_by: str | None = None
    issued_at: dt.datetime | None = None
    closed_at: dt.datetime | None = None
    close_reason: str | None = None
    superseded_by: int | None = None

    def __post_init__(self) -> None:
        self.valid_from, self.valid_until = instant(self.valid_from), utc(self.valid_until)
        self.created_at, self.issued_at, self.closed_at = (utc(self.created_at), utc(self.issued_at),
                                                           utc(self.closed_at))
        if not self.recipients:
            raise InputError("an order needs at least one recipient")
        if len(set(self.recipients)) != len(self.recipients):
            raise InputError(f"a recipient is named twice: {', '.join(self.recipients)}")
        if self.issuer in self.recipients:
            raise InputError(f"{self.issuer} cannot order itself")
        if not self.measures:
            raise InputError(f"an order needs at least one measure (known: {', '.join(MEASURES)})")
        for measure in self.measures:
            if measure not in MEASURES:
                raise InputError(f"unknown protective measure {measure!r} (known: {', '.join(MEASURES)})")
        if self.priority not in PRIORITIES:
            raise InputError(f"unknown priority {self.priority!r} (known: {', '.join(PRIORITIES)})")
        if self.state not in STATES:
            raise InputError(f"unknown order state {self.state!r}")
        if self.valid_until is not None and self.valid_until <= self.valid_from:
            raise InputError(f"the order ends ({self.valid_until:%Y-%m-%d %H:%M}) before it starts "
                             f"({self.valid_from:%Y-%m-%d %H:%M})")
        if self.ack_within_hours is not None and self.ack_within_hours <= 0:
            raise InputError("ack_within_hours must be positive")
        if not self.scope.sites and not self.scope.selectors:
            raise InputError("an order needs a scope: site ids or a selector such as 'kind=diplomatic city=Baghdad'")

    @property
    def ref(self) -> str:
        return f"{self.id}@{self.version}"

    @property
    def ack_deadline(self) -> dt.datetime | None:
        if self.issued_at is None:
            return None
        return self.issued_at + dt.timedelta(hours=self.ack_within_hours or PRIORITIES[self.priority])

    def unacknowledged(self) -> list[str]:
        return [r for r in self.recipients if r not in self.acks]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "version": self.version, "ref": self.ref, "state": self.state, "title": self.title,
                "issuer": self.issuer, "recipients": list(self.recipients), "scope": self.scope.to_dict(),
                "sites": list(self.sites), "measures": list(self.measures), "valid_from": _iso(self.valid_from),
                "valid_until": _iso(self.valid_until), "supervisor": self.supervisor, "priority": self.priority,
                "ack_within_hours": self.ack_within_hours, "ack_deadline": _iso(self.ack_deadline),
                "evidence": copy.deepcopy(self.evidence), "parent": self.parent, "acks": copy.deepcopy(self.acks),
                "compliance": copy.deepcopy(self.compliance), "created_at": _iso(self.created_at),
                "created_by": self.created_by, "issued_at": _iso(self.issued_at), "closed_at": _iso(self.closed_at),
                "close_reason": self.close_reason, "superseded_by": self.superseded_by}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Order:
        data = {k: v for k, v in data.items() if k not in ("ref", "ack_deadline")}
        data["scope"] = Scope.from_dict(data.get("scope") or {})
        return cls(**data)


def invariant_violations(order: Order) -> list[str]:
    """What is wrong with an order's state, if anything (the property tests assert this stays empty)."""
    wrong = []
    if set(order.acks) - set(order.recipients):
        wrong.append("acknowledged by a non-recipient")
    if order.state == "draft" and (order.acks or order.issued_at or order.compliance):
        wrong.append("a draft with acknowledgements, compliance or an issue time")
    if order.state != "draft" and order.issued_at is None:
        wrong.append(f"{order.state} but never issued")
    if order.state in ("acknowledged", "in-force") and order.unacknowledged():
        wrong.append(f"{order.state} with recipients yet to acknowledge")
    if order.state == "issued" and order.issued_at and not order.unacknowledged():
        wrong.append("issued with every recipient acknowledged")
    if (order.state in FINAL) != (order.closed_at is not None):
        wrong.append("closed time does not match the state")
    if (order.state == "superseded") != (order.superseded_by is not None):
        wrong.append("superseded without a successor, or a successor without being superseded")
    if any(c["by_authority"] not in order.acks for c in order.compliance):
        wrong.append("compliance reported before acknowledging")
    return wrong


# ── transitions ────────────────────────────────────────────────────────────────────────────────────────────────

def _copy(order: Order, **changes: Any) -> Order:
    return replace(copy.deepcopy(order), **changes)


def _refuse_unless(order: Order, states: Sequence[str], doing: str) -> None:
    if order.state not in states:
        raise Conflict(f"cannot {doing} {order.ref}: it is {order.state} (only when {' or '.join(states)})")


def settle(order: Order, at: dt.datetime) -> Order:
    """Apply the steps time takes by itself: expiry at `valid_until`, coming into force at `valid_from`."""
    at = instant(at)
    if order.state in LIVE and order.valid_until is not None and at >= order.valid_until:
        return _copy(order, state="expired", closed_at=order.valid_until, close_reason="valid_until passed")
    if order.state == "acknowledged" and at >= order.valid_from:
        return _copy(order, state="in-force")
    return order


def check_authority(order: Order, hierarchy: Hierarchy, sites: Sequence[Site], parent: Order | None = None) -> None:
    """Refuse an order its issuer may not give: `Forbidden`/`InputError` naming the first thing wrong."""
    issuer = hierarchy.get(order.issuer)
    if not issuer.commands:
        raise Forbidden(f"{hierarchy.label(issuer.id)} advises and supervises but does not give orders")
    for recipient in order.recipients:
        hierarchy.get(recipient)
        if not hierarchy.commands(issuer.id, recipient):
            raise Forbidden(f"{hierarchy.label(recipient)} is not under the command of {hierarchy.label(issuer.id)}")
    if order.supervisor is not None:
        hierarchy.get(order.supervisor)
        if not hierarchy.in_chain(issuer.id, order.supervisor):
            raise Forbidden(f"supervisor {hierarchy.label(order.supervisor)} is outside "
                            f"{hierarchy.label(issuer.id)}'s chain of command")
    if not sites:
        raise InputError(f"the scope of {order.ref} ({order.scope.text()}) matches no registered site")
    for site in sites:
        if not hierarchy.covers(issuer.id, site):
            raise Forbidden(f"site {site.id} ({site.city or site.host_country}) is outside the jurisdiction of "
                            f"{hierarchy.label(issuer.id)}")
    for site in sites:
        if not any(hierarchy.covers(r, site) for r in order.recipients):
            raise Forbidden(f"site {site.id} ({site.city or site.host_country}) is outside the jurisdiction of every "
                            f"recipient ({', '.join(order.recipients)})")
    if parent is not None:
        _check_within_parent(order, parent, sites)


def _check_within_parent(task: Order, parent: Order, sites: Sequence[Site]) -> None:
    extra = [s.id for s in sites if s.id not in parent.sites]
    if extra:
        raise Forbidden(f"task covers sites outside {parent.ref}: {', '.join(extra)}")
    more = [m for m in task.measures if m not in parent.measures]
    if more:
        raise Forbidden(f"task orders measures {parent.ref} does not: {', '.join(more)}")
    if task.valid_from < parent.valid_from or (parent.valid_until and (task.valid_until is None or
                                                                       task.valid_until > parent.valid_until)):
        raise Forbidden(f"task runs outside the validity of {parent.ref}")


def issue(order: Order, actor: str, at: dt.datetime, hierarchy: Hierarchy, sites: Sequence[Site],
          parent: Order | None = None) -> Order:
    """Issue a draft: only its issuer may, and only within its authority and jurisdiction."""
    at = instant(at)
    _refuse_unless(order, ("draft",), "issue")
    if actor != order.issuer:
        raise Forbidden(f"only the issuer {hierarchy.label(order.issuer)} may issue {order.ref}, "
                        f"not {hierarchy.label(actor)}")
    check_authority(order, hierarchy, sites, parent)
    if parent is not None and settle(parent, at).state not in LIVE:  # a task never outlives its order
        raise Conflict(f"cannot issue {order.ref}: its order {parent.ref} is {settle(parent, at).state}")
    if order.valid_until is not None and order.valid_until <= at:
        raise Conflict(f"cannot issue {order.ref}: it would already have expired ({order.valid_until:%Y-%m-%d %H:%M})")
    return settle(_copy(order, state="issued", issued_at=at, sites=[s.id for s in sites]), at)


def acknowledge(order: Order, actor: str, at: dt.datetime, by: str | None = None) -> Order:
    """A recipient acknowledges; when the last one has, the order is acknowledged (in force from valid_from)."""
    at = instant(at)
    order = settle(order, at)
    if actor not in order.recipients:
        raise Forbidden(f"{actor} is not a recipient of {order.ref} (recipients: {', '.join(order.recipients)})")
    if actor in order.acks:
        raise Conflict(f"{actor} already acknowledged {order.ref} at {order.acks[actor]['at']}")
    _refuse_unless(order, LIVE, "acknowledge")
    acks = {**copy.deepcopy(order.acks), actor: {"at": at.isoformat(), "by": by or actor}}
    state = "acknowledged" if all(r in acks for r in order.recipients) else order.state
    return settle(_copy(order, acks=acks, state=state), at)


def report_compliance(order: Order, actor: str, at: dt.datetime, status: str, measures: Sequence[str] = (),
                      note: str = "", by: str | None = None) -> Order:
    """A recipient who acknowledged reports what it has put in place."""
    at = instant(at)
    order = settle(order, at)
    if status not in COMPLIANCE:
        raise InputError(f"unknown compliance status {status!r} (known: {', '.join(COMPLIANCE)})")
    if actor not in order.recipients:
        raise Forbidden(f"{actor} is not a recipient of {order.ref}")
    _refuse_unless(order, LIVE, "report compliance with")
    if actor not in order.acks:
        raise Conflict(f"{actor} must acknowledge {order.ref} before reporting compliance")
    unknown = [m for m in measures if m not in order.measures]
    if unknown:
        raise InputError(f"{order.ref} does not order {', '.join(unknown)} (it orders {', '.join(order.measures)})")
    entry = {"at": at.isoformat(), "by_authority": actor, "by": by or actor, "status": status,
             "measures": list(measures or (order.measures if status == "complied" else [])), "note": note}
    return _copy(order, compliance=[*copy.deepcopy(order.compliance), entry])


def _may_direct(order: Order, actor: str, hierarchy: Hierarchy) -> bool:
    return actor == order.issuer or (actor in hierarchy.by_id and hierarchy.commands(actor, order.issuer))


def lift(order: Order, actor: str, at: dt.datetime, hierarchy: Hierarchy, reason: str = "") -> Order:
    """The issuer, or anyone commanding the issuer, lifts a live order."""
    at = instant(at)
    order = settle(order, at)
    _refuse_unless(order, LIVE, "lift")
    if not _may_direct(order, actor, hierarchy):
        raise Forbidden(f"only {hierarchy.label(order.issuer)} or its superiors may lift {order.ref}, "
                        f"not {hierarchy.label(actor)}")
    return _copy(order, state="lifted", closed_at=at, close_reason=reason or f"lifted by {actor}")


def amend(order: Order, actor: str, at: dt.datetime, hierarchy: Hierarchy, **changes: Any) -> Order:
    """A new version (a draft) of a live order; the old one stays in force until the new one is issued.

    A draft itself is amended in place.
    """
    at = instant(at)
    order = settle(order, at)
    _refuse_unless(order, ("draft", *LIVE), "amend")
    if not _may_direct(order, actor, hierarchy):
        raise Forbidden(f"only {hierarchy.label(order.issuer)} or its superiors may amend {order.ref}")
    unknown = set(changes) - {"recipients", "scope", "measures", "valid_from", "valid_until", "supervisor",
                              "priority", "title", "evidence", "ack_within_hours"}
    if unknown:
        raise InputError(f"cannot amend {', '.join(sorted(unknown))}")
    changes = {k: v for k, v in changes.items() if v is not None}
    if order.state == "draft":
        return Order.from_dict({**order.to_dict(), **_plain(changes)})
    return Order.from_dict({**order.to_dict(), **_plain(changes), "version": order.version + 1, "state": "draft",
                            "acks": {}, "compliance": [], "sites": [], "issued_at": None, "closed_at": None,
                            "close_reason": None, "superseded_by": None, "created_at": at.isoformat()})


def _plain(changes: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.to_dict() if isinstance(v, Scope) else v) for k, v in changes.items()}


def supersede(order: Order, successor: Order, at: dt.datetime) -> Order:
    """The old version of an order, once its amendment is issued."""
    at = instant(at)
    order = settle(order, at)
    if order.state not in LIVE:
        return order  # lifted or expired meanwhile: nothing left to supersede
    return _copy(order, state="superseded", closed_at=at, superseded_by=successor.version,
                 close_reason=f"superseded by version {successor.version}")


def split(parent: Order, actor: str, at: dt.datetime, hierarchy: Hierarchy, registry: Sequence[Site],
          recipients: Sequence[str], ids: Sequence[str], measures: Sequence[str] = ()) -> list[Order]:
    """Draft one task per subordinate over the parent's sites in that subordinate's jurisdiction.

    The actor must be a recipient that acknowledged the parent; tasks are drafts for the service to issue.
    """
    at = instant(at)
    parent = settle(parent, at)
    _refuse_unless(parent, LIVE, "split")
    if actor not in parent.recipients:
        raise Forbidden(f"{hierarchy.label(actor)} is not a recipient of {parent.ref} and cannot split it")
    if actor not in parent.acks:
        raise Conflict(f"{actor} must acknowledge {parent.ref} before splitting it into tasks")
    if not recipients:
        raise InputError("name the subordinates to task (--to UNIT)")
    covered = [s for s in registry if s.id in parent.sites]
    tasks = []
    if len(ids) != len(recipients):
        raise ValueError(f"split: {len(recipients)} recipients but {len(ids)} task ids")  # a caller's bug
    for recipient, task_id in zip(recipients, ids, strict=True):
        if not hierarchy.commands(actor, recipient):
            raise Forbidden(f"{hierarchy.label(recipient)} is not under the command of {hierarchy.label(actor)}")
        mine = [s.id for s in covered if hierarchy.covers(recipient, s)]
        if not mine:
            raise Conflict(f"no site of {parent.ref} lies in the jurisdiction of {hierarchy.label(recipient)}")
        tasks.append(Order(id=task_id, issuer=actor, recipients=[recipient], scope=Scope(sites=tuple(mine)),
                           measures=list(measures or parent.measures), valid_from=parent.valid_from,
                           valid_until=parent.valid_until, supervisor=actor, priority=parent.priority,
                           title=f"task of {parent.ref}: {parent.title}".strip(": "),
                           evidence={**copy.deepcopy(parent.evidence), "orders": [parent.ref]}, parent=parent.ref,
                           ack_within_hours=parent.ack_within_hours, created_at=at, created_by=actor))
    return tasks
