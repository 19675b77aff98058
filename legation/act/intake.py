"""A report arrived: the one sequence every face runs when articles come in (`legation ingest`, `serve --watch`,
`POST /api/v1/reports`, the web's ingest page).

1. `receive`: store the reports and all their events in one transaction (one audit entry for the events), then
   re-assess the sites near them, record level changes and raise alerts (`after_ingest`), delivering the alerts now
   or leaving them to the caller (the API and the web deliver after answering).
2. `place`: put the records in incidents and link claims to the attacks they cover. A run of many files does it
   once at the end; the API and the web after answering.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from legation.domain.records import Event, Report
from legation.store.events import EventCounts, upsert_events


@dataclass
class Received:
    """What one `receive` stored and what it set off."""

    reports: dict[str, int] = field(default_factory=lambda: {"new": 0, "known": 0})
    counts: EventCounts = field(default_factory=EventCounts)  # events inserted, updated, unchanged
    events: list[Event] = field(default_factory=list)
    reaction: dict[str, int] = field(default_factory=dict)  # level_changes, alerts, delivered, dead
    found: dict[str, list] = field(default_factory=dict)  # the level changes and alerts themselves


def receive(store, arrived: Iterable[tuple[Report, list[Event]]], *, action: str = "events.extract",
            settings=None, deliver: bool = True, also: Callable[[Any, Received], None] | None = None) -> Received:
    """Store each (report, its events), then react to the events. `action` names the audit entry of the events
    (`events.extract`, `events.confirm`); `also(conn, received)` writes whatever the face records with them, in the
    same transaction (the web's confirmation, the watcher's item). The caller names the actor (`acting_as`)."""
    from legation.act.alerts import after_ingest
    from legation.store.reports import upsert_report

    got = Received()
    with store.begin() as conn:
        for report, events in arrived:
            got.reports["new" if upsert_report(conn, report) else "known"] += 1
            got.events.extend(events)
        if got.events:
            got.counts = upsert_events(conn, got.events, audit_action=action)
        if also is not None:
            also(conn, got)
    if got.events:  # an attack is news for minutes: re-assess and alert now, not at the end of a long run
        got.reaction = after_ingest(store, got.events, settings=settings, deliver=deliver, found=got.found)
    return got


def place(store, event_ids: list[str], actor: str | None = None) -> dict:
    """Incidents and claims around just-stored records, in a transaction of their own; on behalf of `actor` (a
    task run after answering names it), else of whoever is acting now."""
    from legation.store.incidents import refresh, refresh_after

    if actor is not None:
        return refresh_after(store, event_ids, actor)
    with store.begin() as conn:
        return refresh(conn, event_ids)
