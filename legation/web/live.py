"""The live feed: alerts, level changes and overdue acknowledgements as they happen, with each user's unread count.

    GET  /live          the feed as a page (the last FEED_DAYS days, unread ones marked) with a Mark read form
    GET  /live/events   the same feed as server-sent events (`text/event-stream`), for every page's header; a
                        client that does not ask for an event stream gets the newest items once, as JSON
    POST /live/read     mark the feed read up to a moment (`until`, else now): the user's marker, kept in the store

What a user is shown obeys the need-to-know rules of `legation.domain.users`, as the API and the other pages do: a
level change is shown to whoever may see its site (`visible_site`), an alert to whoever may see its site, event and
order (`visible_site`, `visible_event`, `visible_order`), an overdue acknowledgement to whoever may see its order.
A liaison therefore hears only of their own mission.

The stream polls the store once a second (two reads by key), but reads the feed only after a write to what it shows
(every write appends an audit entry, naming its entity: FEED_ENTITIES), when the user's marker moved, or every
OVERDUE_EVERY seconds (an acknowledgement becomes overdue by the clock, not by a write). Each event is JSON, which
the page's script puts in place as text. A stream ends after STREAM_SECONDS and the browser reconnects (with
`Last-Event-ID`, so nothing is sent twice); a revoked session ends it at the next write.

Unread: what was recorded (a level change or alert) or fell due (an acknowledgement) after the user's marker, in the
last FEED_DAYS days. The mark-read form is checked like every other form (`same_origin`, SameSite cookie).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import signal
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, RedirectResponse, Response, StreamingResponse

from legation.domain.assessment import LEVELS
from legation.domain.errors import InputError
from legation.domain.users import User, visible_event, visible_site
from legation.web import sources
from legation.web.context import COOKIE, LoginRequired, WebContext, pages, same_origin

FEED_DAYS = 7  # the feed looks back this far
SHOWN = 30  # items a page or a new stream starts with
MAX_UNREAD = 99  # counted up to this; more shows as 99+
POLL_SECONDS = 1.0
OVERDUE_EVERY = 15.0  # seconds between looks for acknowledgements the clock made overdue
KEEPALIVE_SECONDS = 15.0
STREAM_SECONDS = 60.0  # then the browser reconnects (and a server told to stop waits no longer than this)
SLACK = dt.timedelta(seconds=60)  # a write that committed late is still picked up (items are de-duplicated)
# what the feed reads: a write to anything else (events, reports, sources...) leaves it as it was
FEED_ENTITIES = ("assessment", "alert", "order", "site", "token", "user")


@dataclass(frozen=True)
class Item:
    id: str
    kind: str  # "level", "alert" or "overdue"
    at: dt.datetime  # when it was recorded (or fell due)
    title: str
    text: str
    link: str
    level: int | None = None

    def to_dict(self, unread: bool) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "at": self.at.isoformat(), "title": self.title,
                "text": self.text, "link": self.link, "level": self.level, "unread": unread}


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _level(n: int | None) -> str:
    return f"{n} ({LEVELS[n]})" if n in LEVELS else "none"


def level_items(conn: Any, user: User, sites: dict[str, Any], since: dt.datetime) -> list[Item]:
    from legation.store.feed import level_changes_since

    out = []
    for ch in level_changes_since(conn, since):
        site = sites.get(ch["site_id"])
        if site is None or not visible_site(user, site):
            continue
        old, new = ch["old_level"], ch["new_level"]
        if old is None:
            title, text = f"{site.name}: first assessed at level {_level(new)}", f"assessed for {ch['at']}"
        else:
            way = "raised" if new > old else "lowered"
            title = f"{site.name}: level {way} from {old} to {new}"
            text = f"{_level(old)} → {_level(new)}, assessed for {ch['at']}"
        out.append(Item(f"level-{ch['seq']}", "level", ch["recorded"], title, text,
                        f"/site/{quote(site.id, safe='')}", new))
    return out


def alert_items(conn: Any, user: User, sites: dict[str, Any], orders: set[str], since: dt.datetime) -> list[Item]:
    """Alerts, one item per happening however many subscribers it reached (the same subject alerts each once)."""
    from legation.domain.errors import NotFound
    from legation.store.events import get_event
    from legation.store.feed import alerts_since

    by_subject: dict[str, list[dict]] = {}
    for alert in alerts_since(conn, since):
        by_subject.setdefault(alert["subject"], []).append(alert)
    out = []
    for group in by_subject.values():
        first = group[-1]  # newest first: the last is the first raised
        data = first["data"] if isinstance(first["data"], dict) else {}
        site = sites.get(str(data.get("site"))) if data.get("site") else None
        if data.get("site") and (site is None or not visible_site(user, site)):
            continue
        if data.get("event"):
            try:
                event = get_event(conn, str(data["event"]))
            except NotFound:
                continue
            if not visible_event(user, event, list(sites.values())):
                continue
        if first["kind"] == "overdue_order" and str(data.get("order")) not in orders:
            continue
        if not (data.get("site") or data.get("event") or data.get("order")) and user.role == "liaison":
            continue  # about nothing a liaison can be shown to be theirs
        link = (f"/site/{quote(site.id, safe='')}" if site is not None
                else f"/board/orders/{quote(str(data['order']), safe='@')}" if data.get("order") else "/live")
        reach = f"sent to {len(group)} subscriber{'s' if len(group) != 1 else ''}"
        out.append(Item(f"alert-{first['id']}", "alert", first["recorded"], first["title"],
                        f"{first['text']} ({reach})", link, data.get("new_level")))
    return out


def overdue_items(orders: list[Any], now: dt.datetime) -> list[Item]:
    """Recipients of live orders (those the user may see) who have not acknowledged by the deadline."""
    from legation.domain.orders import LIVE

    out = []
    for order in orders:
        deadline = order.ack_deadline
        if order.state not in LIVE or deadline is None or deadline >= now:
            continue
        for recipient in order.unacknowledged():
            out.append(Item(f"overdue-{order.ref}-{recipient}", "overdue", deadline,
                            f"{order.ref} not acknowledged by {recipient}",
                            f"{order.title or order.ref} ({order.priority}): acknowledgement was due "
                            f"{deadline:%Y-%m-%d %H:%M} UTC", f"/board/orders/{quote(order.ref, safe='@')}"))
    return out


def feed(conn: Any, user: User, since: dt.datetime, now: dt.datetime | None = None, *,
         every_overdue: bool = False, registry: list[Any] | None = None) -> list[Item]:
    """Every item this user may see recorded (or fallen due) after `since` (and within FEED_DAYS), newest first;
    with `every_overdue`, every overdue acknowledgement of the FEED_DAYS whatever `since` says (one can fall due
    before a stream's last item and be found overdue only later). `registry`: every site, if read already."""
    from legation.store.sites import list_sites

    now = now or _now()
    window = now - dt.timedelta(days=FEED_DAYS)
    since = max(since, window)
    registry = list_sites(conn) if registry is None else registry
    sites = {s.id: s for s in registry}
    orders = sources.orders_visible(conn, user, now, registry)
    items = level_items(conn, user, sites, since)
    items += alert_items(conn, user, sites, {o.ref for o in orders}, since)
    items += [i for i in overdue_items(orders, now) if i.at > (window if every_overdue else since)]
    return sorted(items, key=lambda i: (i.at, i.id), reverse=True)


def marker(conn: Any, user: User) -> dt.datetime | None:
    from legation.store.feed import seen_at

    return seen_at(conn, user.username)


def unread(items: list[Item], seen: dt.datetime | None) -> int:
    return sum(1 for i in items if seen is None or i.at > seen)


def server_stopping() -> bool:
    """Whether the server in this process was told to stop. uvicorn, in its main thread, answers SIGINT and SIGTERM
    with its `Server.handle_exit`, which sets the server's `should_exit`; a stream that sees it ends, so the server
    stops at once rather than after its graceful timeout (`legation serve` sets one: GRACE_SECONDS)."""
    try:
        handler = signal.getsignal(signal.SIGTERM)
    except ValueError:  # pragma: no cover (no such signal here)
        return False
    return getattr(getattr(handler, "__self__", None), "should_exit", False) is True


def _event(name: str, data: Any, event_id: str | None = None) -> str:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {name}\ndata: {json.dumps(data, ensure_ascii=True, separators=(',', ':'))}\n\n"


def _parse_moment(text: str | None) -> dt.datetime | None:
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


class Stream:
    """One browser's stream: what it was sent, and what it last saw of the store."""

    def __init__(self, ctx: WebContext, request: Request, user: User, after: dt.datetime | None):
        self.ctx, self.request, self.user, self.after = ctx, request, user, after
        self.sent: dict[str, None] = {}  # item ids already sent (insertion-ordered, bounded)
        self.head = -1
        self.seen: dt.datetime | None = None
        self.count = -1
        self.newest = _now() - dt.timedelta(days=FEED_DAYS)
        self.overdue_at = 0.0
        self.registry: list[Any] = []  # every site, read again after a write to one

    def _registry(self, conn: Any, since_seq: int) -> list[Any]:
        from legation.store.feed import touched
        from legation.store.sites import list_sites

        if not self.registry or touched(conn, since_seq, ("site",)):
            self.registry = list_sites(conn)
        return self.registry

    def _signed_in(self, conn: Any) -> bool:
        from legation.domain.users import Unauthenticated
        from legation.store.users import user_for_token

        try:
            return user_for_token(conn, self.request.cookies.get(COOKIE, "")) == self.user
        except Unauthenticated:
            return False

    def first(self) -> tuple[list[Item], int]:
        """The items a new stream starts with (the newest SHOWN, or those after `Last-Event-ID`), and the count."""
        from legation.store.audit import head_seq

        with self.ctx.store.connect() as conn:
            self.head, self.seen = head_seq(conn), marker(conn, self.user)
            recent = feed(conn, self.user, self.newest, registry=self._registry(conn, self.head))
        self.overdue_at = time.monotonic()
        self.count = unread(recent, self.seen)
        shown = [i for i in recent if self.after is None or i.at >= self.after][:SHOWN]
        for item in recent:
            self.sent[item.id] = None
        if recent:
            self.newest = recent[0].at
        return list(reversed(shown)), self.count

    def poll(self) -> tuple[list[Item], int | None, bool]:
        """(new items, the unread count if it changed, whether the session still holds)."""
        from legation.store.audit import head_seq
        from legation.store.feed import touched

        with self.ctx.store.connect() as conn:
            head, seen = head_seq(conn), marker(conn, self.user)
            clock = time.monotonic() - self.overdue_at >= OVERDUE_EVERY
            written = head != self.head and touched(conn, self.head, FEED_ENTITIES)
            if seen == self.seen and not clock and not written:
                self.head = head
                return [], None, True
            if written and not self._signed_in(conn):
                return [], None, False
            now, registry = _now(), self._registry(conn, self.head)
            if written or seen != self.seen:
                found = feed(conn, self.user, self.newest - SLACK, now, every_overdue=True, registry=registry)
            else:  # the clock alone: acknowledgements that fell due since
                found = overdue_items(sources.orders_visible(conn, self.user, now, registry), now)
            fresh = [i for i in found if i.id not in self.sent and i.at > now - dt.timedelta(days=FEED_DAYS)]
            if seen != self.seen:  # read (here or in another browser): count again
                count: int | None = unread(feed(conn, self.user, seen or now - dt.timedelta(days=FEED_DAYS), now,
                                                registry=registry), seen)
            else:  # only new items: they add to the count (a new stream, each minute, counts afresh)
                count = self.count + unread(fresh, seen) if fresh else None
        self.head, self.seen = head, seen
        if clock:
            self.overdue_at = time.monotonic()
        for item in fresh:
            self.sent[item.id] = None
            self.newest = max(self.newest, item.at) if item.kind != "overdue" else self.newest
        while len(self.sent) > 5000:
            self.sent.pop(next(iter(self.sent)))
        if count is not None and count == self.count:
            count = None
        if count is not None:
            self.count = count
        return list(reversed(fresh)), count, True


def router(ctx: WebContext) -> APIRouter:
    """The live feed: as a page, as a stream of server-sent events (or once as JSON), and the read marker."""
    r = APIRouter()

    @r.get("/live")
    @pages
    def live_page(request: Request):
        user = ctx.allowed(request, "sites.read")
        now = _now()
        with ctx.store.connect() as conn:
            seen = marker(conn, user)
            items = feed(conn, user, now - dt.timedelta(days=FEED_DAYS), now)
        count = unread(items, seen)
        return ctx.render(request, "live.html", user, items=items[:200], seen=seen, unread=count,
                          until=items[0].at.isoformat() if items else now.isoformat(), days=FEED_DAYS)

    @r.get("/live/events")
    async def events(request: Request):
        try:
            user = await run_in_threadpool(ctx.allowed, request, "sites.read")
        except LoginRequired:
            return Response("sign in first\n", status_code=401, media_type="text/plain")
        stream = Stream(ctx, request, user, _parse_moment(request.headers.get("last-event-id")))
        if "text/event-stream" not in request.headers.get("accept", ""):  # asked once (polling): the feed as JSON
            shown, count = await run_in_threadpool(stream.first)
            return JSONResponse({"unread": count, "items": [i.to_dict(stream.seen is None or i.at > stream.seen)
                                                            for i in reversed(shown)]},
                                headers={"Cache-Control": "no-store"})

        async def body() -> AsyncIterator[str]:
            yield "retry: 3000\n\n"
            shown, count = await run_in_threadpool(stream.first)
            for item in shown:
                yield _event("item", item.to_dict(stream.seen is None or item.at > stream.seen),
                             item.at.isoformat())
            yield _event("unread", {"unread": min(count, MAX_UNREAD), "more": count > MAX_UNREAD})
            started = last = time.monotonic()
            while time.monotonic() - started < STREAM_SECONDS:
                await asyncio.sleep(POLL_SECONDS)
                if server_stopping() or await request.is_disconnected():
                    return
                fresh, changed, signed_in = await run_in_threadpool(stream.poll)
                if not signed_in:
                    yield _event("signed-out", {})
                    return
                for item in fresh:
                    yield _event("item", item.to_dict(stream.seen is None or item.at > stream.seen),
                                 item.at.isoformat())
                if changed is not None:
                    yield _event("unread", {"unread": min(changed, MAX_UNREAD), "more": changed > MAX_UNREAD})
                if fresh or changed is not None:
                    last = time.monotonic()
                elif time.monotonic() - last >= KEEPALIVE_SECONDS:
                    yield ": still here\n\n"
                    last = time.monotonic()

        return StreamingResponse(body(), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"})

    @r.post("/live/read")
    @pages
    def mark_read(request: Request, until: str = Form(""), next: str = Form("/live")):
        from legation.store.feed import mark_seen

        user = ctx.allowed(request, "sites.read")
        same_origin(request)
        now = _now()
        moment = _parse_moment(until) if until.strip() else now
        if moment is None:
            raise InputError(f"until: not a moment ({until[:40]!r})")
        with ctx.store.begin() as conn:
            mark_seen(conn, user.username, min(moment, now))
        if request.headers.get("x-requested-with") == "fetch":
            return Response(status_code=204)
        target = next if next.startswith("/") and not next.startswith("//") and "\\" not in next else "/live"
        return RedirectResponse(target, status_code=303)

    return r
