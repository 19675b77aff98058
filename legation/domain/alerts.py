"""Alerting rules, pure: who asked to hear about what, and which happenings match.

A subscription chooses sites (or all), and any of: level changes at or above a level; events of chosen types within
a radius set per type around each chosen site (one radius for everything is what users of alerting products
complain of); new claims by chosen actors; overdue orders. An alert's id is derived from its subscription and
subject, so the same happening alerts each subscriber once, however often it is seen.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from legation.domain.errors import InputError
from legation.domain.geo import haversine_km
from legation.domain.ids import stable_id
from legation.domain.ontology import EVENT_TYPES
from legation.domain.records import Event
from legation.domain.sites import Site

CHANNELS = ("webhook", "email", "console")
KINDS = ("level_change", "event", "claim", "overdue_order")


@dataclass(slots=True)
class Subscription:
    owner: str
    channel: str
    target: str
    sites: list[str] | None = None  # None: every site
    level_changes: bool = True
    min_level: int = 1  # a change alerts when the old or new level is at least this
    event_radii: dict[str, float] = field(default_factory=dict)  # event type → km around each chosen site
    claim_actors: list[str] = field(default_factory=list)  # new claims naming any of these actors
    overdue_orders: bool = False
    secret: str | None = None  # HMAC key for webhooks
    id: str = ""

    def __post_init__(self) -> None:
        if self.channel not in CHANNELS:
            raise InputError(f"unknown channel {self.channel!r} (known: {', '.join(CHANNELS)})")
        if self.channel == "webhook" and not self.target.startswith(("http://", "https://")):
            raise InputError(f"a webhook target must be an http(s) URL, not {self.target!r}")
        if self.channel == "email" and "@" not in self.target:
            raise InputError(f"an email target must be an address, not {self.target!r}")
        if not 1 <= self.min_level <= 6:
            raise InputError(f"min_level must be 1..6, not {self.min_level}")
        for event_type, km in self.event_radii.items():
            if event_type not in EVENT_TYPES:
                raise InputError(f"unknown event type {event_type!r} in radii")
            if not 0 < float(km) <= 1000:
                raise InputError(f"radius for {event_type} must be within 0..1000 km, not {km}")
        if not self.id:
            self.id = stable_id("subscription", self.owner, self.channel, self.target, sorted(self.sites or []),
                                sorted(self.event_radii.items()), sorted(self.claim_actors))

    def rule(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("owner", "channel", "target", "secret", "id"):
            data.pop(key)
        return data

    def covers(self, site_id: str) -> bool:
        return self.sites is None or site_id in self.sites


@dataclass(slots=True)
class Alert:
    subscription_id: str
    kind: str
    subject: str  # what it is about, canonical: "level:SITE:AT", "event:ID:SITE", "claim:ID", "order:ID:UNIT"
    title: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)
    id: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InputError(f"unknown alert kind {self.kind!r}")
        if not self.id:
            self.id = stable_id("alert", self.subscription_id, self.subject)

    def payload(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "subject": self.subject, "title": self.title, "text": self.text,
                "data": self.data}


def level_change_alerts(sub: Subscription, changes: Iterable[Any], names: dict[str, str]) -> list[Alert]:
    """Alerts for level changes (objects with site_id, at, old_level, new_level)."""
    if not sub.level_changes:
        return []
    out = []
    for ch in changes:
        if not sub.covers(ch.site_id) or max(ch.old_level or 0, ch.new_level) < sub.min_level:
            continue
        name = names.get(ch.site_id, ch.site_id)
        direction = "raised" if (ch.old_level or 0) < ch.new_level else "lowered"
        text = (f"The threat level of {name} was {direction} from {ch.old_level} to {ch.new_level}."
                if ch.old_level else f"{name} was assessed for the first time, at level {ch.new_level}.")
        out.append(Alert(sub.id, "level_change", f"level:{ch.site_id}:{ch.at}:{ch.new_level}",
                         f"{name}: level {direction} to {ch.new_level}", text,
                         {"site": ch.site_id, "old_level": ch.old_level, "new_level": ch.new_level,
                          "at": str(ch.at)}))
    return out


def event_alerts(sub: Subscription, events: Iterable[Event], sites: Iterable[Site]) -> list[Alert]:
    """Alerts for events of a chosen type within that type's radius of a chosen site."""
    if not sub.event_radii:
        return []
    chosen = [s for s in sites if sub.covers(s.id)]
    out = []
    for event in events:
        km = sub.event_radii.get(event.type)
        if (km is None or event.location.lat is None or event.location.lon is None or event.negated
                or event.hypothetical):
            continue
        for site in chosen:
            distance = haversine_km(site.lat, site.lon, event.location.lat, event.location.lon)
            if distance <= km:
                modes = f" ({', '.join(event.mode)})" if event.mode else ""
                out.append(Alert(sub.id, "event", f"event:{event.id}:{site.id}",
                                 f"{event.type}{modes} {distance:.0f} km from {site.name}",
                                 event.evidence.sentence or f"{event.type} reported near {site.name}.",
                                 {"site": site.id, "event": event.id, "distance_km": round(distance, 1),
                                  "date": event.date.start}))
    return out


def claim_alerts(sub: Subscription, events: Iterable[Event]) -> list[Alert]:
    """Alerts for claims of responsibility by any of the chosen actors."""
    wanted = [a.lower() for a in sub.claim_actors]
    if not wanted:
        return []
    out = []
    for event in events:
        if event.type != "CLAIM" or event.negated:
            continue
        names = [n.lower() for p in event.actors for n in (p.text, p.name) if n]
        if any(w in n or n in w for w in wanted for n in names):
            who = event.actors[0].name if event.actors else "unknown"
            out.append(Alert(sub.id, "claim", f"claim:{event.id}", f"New claim by {who}",
                             event.evidence.sentence or f"{who} claimed responsibility.",
                             {"event": event.id, "actor": who, "date": event.date.start}))
    return out


def overdue_alerts(sub: Subscription, overdue: Iterable[dict[str, Any]]) -> list[Alert]:
    """Alerts for orders not acknowledged in time (dicts with order, recipient, due, title)."""
    if not sub.overdue_orders:
        return []
    return [Alert(sub.id, "overdue_order", f"order:{o['order']}:{o['recipient']}",
                  f"Order {o.get('title') or o['order']} not acknowledged by {o['recipient']}",
                  f"Acknowledgment was due {o.get('due')}.", dict(o)) for o in overdue]
