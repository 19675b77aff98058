"""From what happened to who hears of it: match subscriptions, store each alert once, deliver with retries.

    changes = record_assessments(...)            # level changes (assess stage)
    fresh = raise_alerts(conn, changes=changes, events=new_events)
    dispatch(store, settings)                     # delivers every pending alert, recording each attempt

`after_ingest` is the whole reaction to newly stored events: re-assess the sites within reach, record level
changes, raise and deliver alerts — what makes an ingested report that raises a site's level alert within seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from legation.act.notifiers import deliver, notifier_for
from legation.domain.alerts import Alert, claim_alerts, event_alerts, level_change_alerts, overdue_alerts
from legation.domain.records import Event
from legation.store.alerts import claim_alert, list_subscriptions, pending_alerts, record_delivery, store_new_alerts
from legation.store.sites import list_sites


def raise_alerts(conn, *, changes: Iterable[Any] = (), events: Iterable[Event] = (),
                 overdue: Iterable[dict[str, Any]] = ()) -> list[Alert]:
    """Match every active subscription against the happenings; store and return the alerts not raised before."""
    changes, events, overdue = list(changes), list(events), list(overdue)
    subs = list_subscriptions(conn)
    if not subs:
        return []
    sites = list_sites(conn)
    names = {s.id: s.name for s in sites}
    new: list[Alert] = []
    for sub in subs:
        new += level_change_alerts(sub, changes, names)
        new += event_alerts(sub, events, sites)
        new += claim_alerts(sub, events)
        new += overdue_alerts(sub, overdue)
    return store_new_alerts(conn, new)


@dataclass
class DispatchResult:
    delivered: int = 0
    dead: int = 0
    pending: int = 0


def dispatch(store, settings=None, *, sleep: Callable[[float], None] | None = None, stream=None) -> DispatchResult:
    """Deliver every pending alert. Network I/O happens outside any transaction; each outcome is recorded."""
    from legation.settings import Settings

    settings = settings or Settings()
    result = DispatchResult()
    with store.connect() as conn:
        todo = pending_alerts(conn)
    for alert, sub in todo:
        with store.begin() as conn:
            if not claim_alert(conn, alert.id):
                continue  # another dispatcher (another request, another process) is delivering it
        notifier = notifier_for(sub.channel, sub.target, sub.secret, smtp_host=settings.smtp_host,
                                smtp_port=settings.smtp_port, stream=stream)
        kwargs = {"sleep": sleep} if sleep else {}
        attempts = deliver(notifier, alert.payload(), tries=settings.alert_tries, backoff=settings.alert_backoff,
                           **kwargs)
        with store.begin() as conn:
            status = record_delivery(conn, alert.id, attempts, dead_after=True)
        setattr(result, status, getattr(result, status) + 1)
    return result


def after_ingest(store, events: list[Event], *, at: dt.date | None = None, settings=None, stream=None,
                 deliver: bool = True, found: dict[str, list] | None = None,
                 incremental: bool = True) -> dict[str, int]:
    """React to newly stored events: re-assess the sites, record level changes, raise alerts and (unless
    `deliver` is False: the API delivers after answering) deliver them. Events seen before raise nothing new.
    With no events but a day `at` (a feed's rows, stored in bulk as records), the sites are re-assessed as of that
    day and only their level changes raise alerts.
    `found`, when given, receives the level changes (`changes`), the alerts raised (`alerts`) and the ids of the
    sites re-assessed (`assessed`).

    Only the sites the events can change are re-assessed, over only the events those sites read
    (`legation.assess.service.plan_reassessment`): the same assessments, level changes and alerts as re-assessing
    every site, which it does when it cannot tell (a day no earlier reaction vouches for, a site edited, a feed
    import since) or when `incremental` is False."""
    changes: list[Any] = []
    assessed: list[str] = []
    from legation.assess.model import load_parameters
    from legation.assess.service import assess_sites, plan_reassessment
    from legation.store.assessments import record_assessments

    with store.begin() as conn:
        if events or at is not None:  # no events but a day: rows a feed import stored, as records (the watcher)
            when = at or max((dt.date.fromisoformat((e.date.end or e.date.start)[:10]) for e in events
                              if e.date.start), default=dt.date.today())
            params = load_parameters()
            plan = plan_reassessment(conn, events, when, params, incremental=incremental)
            if plan.sites is None:
                done = assess_sites(conn, when, params=params)
            else:
                done = assess_sites(conn, when, plan.sites, params=params, reach_only=True) if plan.sites else []
            assessed = [a.site_id for a in done]
            changes = record_assessments(conn, done, current=plan.current)
        fresh = raise_alerts(conn, changes=changes, events=events)
    if found is not None:
        found.update(changes=list(changes), alerts=list(fresh), assessed=assessed)
    sent = dispatch(store, settings, stream=stream) if fresh and deliver else DispatchResult()
    return {"level_changes": len(changes), "alerts": len(fresh), "delivered": sent.delivered, "dead": sent.dead}
