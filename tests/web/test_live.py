"""The live feed: alerts, level changes and overdue acknowledgements as server-sent events on a real server
(uvicorn), each user's unread count kept in the store, and need to know (a liaison hears only of its own mission).
One test in chromium sees an alert arrive on the map without reloading it."""

from __future__ import annotations

import datetime as dt
import json
import time
from contextlib import contextmanager

import httpx
import pytest

from tests.web.seed import PASSWORD

US, EU = "usa-emb-baghdad", "euu-del-baghdad"
US_NAME, EU_NAME = "Embassy of the United States of America", "Delegation of the European Union to Iraq"
WAIT = 30.0  # seconds a test waits for what it expects before it fails (never asserted as a duration)


@contextmanager
def signed_in(live, username: str):
    """An HTTP client signed in as `username` on the live server."""
    with httpx.Client(base_url=live.url, timeout=httpx.Timeout(10.0, read=WAIT)) as c:
        r = c.post("/login", data={"username": username, "password": PASSWORD, "next": "/map"})
        assert r.status_code in (200, 303), r.text
        assert "legation_session" in c.cookies
        yield c


class Events:
    """Reads a `text/event-stream` answer one event at a time: (name, data, id)."""

    def __init__(self, response: httpx.Response):
        self.lines = response.iter_lines()
        self.seen: list[tuple[str, dict, str | None]] = []

    def next(self) -> tuple[str, dict, str | None]:
        name, data, event_id = "message", [], None
        for line in self.lines:
            if line == "":
                if data:
                    event = (name, json.loads("\n".join(data)), event_id)
                    self.seen.append(event)
                    return event
                name, data, event_id = "message", [], None
                continue
            if line.startswith(":"):
                continue
            field, _, value = line.partition(":")
            value = value[1:] if value.startswith(" ") else value
            if field == "event":
                name = value
            elif field == "data":
                data.append(value)
            elif field == "id":
                event_id = value
        raise AssertionError("the stream ended")

    def until(self, wanted) -> list[tuple[str, dict, str | None]]:
        """Events up to and including the first for which `wanted(name, data)` holds."""
        got, deadline = [], time.monotonic() + WAIT
        while time.monotonic() < deadline:
            event = self.next()
            got.append(event)
            if wanted(event[0], event[1]):
                return got
        raise AssertionError(f"not seen within {WAIT} s; got {got}")

    def start(self) -> tuple[list[dict], int]:
        """The items a new stream starts with, and the unread count after them."""
        got = self.until(lambda name, data: name == "unread")
        return [d for n, d, _ in got if n == "item"], got[-1][1]["unread"]


@contextmanager
def stream(live, username: str, headers: dict | None = None):
    with signed_in(live, username) as c, c.stream("GET", "/live/events",
                                                  headers={"accept": "text/event-stream", **(headers or {})}) as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/event-stream")
        yield Events(r)


def titles(items) -> list[str]:
    return [i["title"] for i in items]


def record_level(store, site_id: str, old: int, new: int, day: str = "2030-01-01"):
    """A new assessment of the site (from the threat model's stored shape), which records a level change."""
    from legation.domain.assessment import LEVELS, Assessment, Driver
    from legation.store.assessments import record_assessments
    from legation.store.audit import acting_as
    from legation.store.sites import get_site

    with store.begin() as conn, acting_as("test"):
        site = get_site(conn, site_id)
        return record_assessments(conn, [Assessment(
            site_id=site_id, name=site.name, level=new, level_name=LEVELS[new], probability=0.5,
            drivers=[Driver("nearby", "test", 0.8)], model="test", at=day, kind=site.kind,
            sending_state=site.sending_state, lat=site.lat, lon=site.lon, radius_km=site.radius_km)])


def subscribe_and_alert(store, changes):
    """A console subscription to level changes everywhere, and the alerts it raises for `changes`."""
    from legation.act.alerts import raise_alerts
    from legation.domain.alerts import Subscription
    from legation.store.alerts import add_subscription
    from legation.store.audit import acting_as

    with store.begin() as conn, acting_as("test"):
        add_subscription(conn, Subscription(owner="ops1", channel="console", target="-"))
        return raise_alerts(conn, changes=changes)


def issued_order(store, site_id: str, *, hours_ago: float, title: str = "Guard the mission",
                 ack_within_hours: float | None = None):
    """An order to the ministry's directorate over one site, issued `hours_ago` (past its deadline when long ago)."""
    from legation.act.authorities import load_hierarchy
    from legation.act.orders import draft_order, issue_order
    from legation.domain.orders import Scope
    from legation.store.audit import acting_as

    chain = load_hierarchy()
    at = dt.datetime.now(dt.UTC) - dt.timedelta(hours=hours_ago)
    with store.begin() as conn, acting_as("test"):
        made = draft_order(conn, chain, "iq-moi", recipients=["iq-moi-dpd"], scope=Scope(sites=(site_id,)),
                           measures=["static-guard"], title=title, priority="flash", at=at,
                           ack_within_hours=ack_within_hours)
        return issue_order(conn, chain, "iq-moi", made.ref, at=at)


def test_a_stream_starts_with_what_each_user_may_see_and_their_unread_count(live):
    with stream(live, "ops1") as ops:
        items, unread = ops.start()
    # the seed assessed four sites twice (first assessed a week ago, then today's level): eight changes
    assert unread == 8 and len(items) == 8 and {i["kind"] for i in items} == {"level"}
    assert f"{US_NAME}: level raised from 3 to 5" in titles(items)
    assert any(t.startswith(f"{EU_NAME}: first assessed at level 1") for t in titles(items))
    assert all(i["unread"] and i["link"].startswith("/site/") for i in items)
    assert [i["at"] for i in items] == sorted(i["at"] for i in items)  # oldest first: the page puts each on top
    with stream(live, "eu-liaison") as liaison:
        items, unread = liaison.start()
    assert unread == 2 and all(t.startswith(EU_NAME) for t in titles(items)), titles(items)


def test_a_level_change_and_its_alert_arrive_on_an_open_stream_for_those_who_may_see_them(live):
    store = live.store
    with stream(live, "ops1") as ops, stream(live, "eu-liaison") as liaison:
        ops.start(), liaison.start()
        us = record_level(store, US, 5, 6)
        eu = record_level(store, EU, 2, 4)
        subscribe_and_alert(store, us + eu)
        got = liaison.until(lambda name, data: name == "item" and data["kind"] == "alert")
        heard = [d for n, d, _ in got if n == "item"]
        assert heard[0]["title"] == f"{EU_NAME}: level raised from 2 to 4" and heard[0]["level"] == 4
        assert heard[0]["text"].startswith("2 (Low) → 4 (Substantial)")
        assert all(US_NAME not in i["title"] and US not in i["link"] for i in heard)  # only its own mission
        assert heard[-1]["title"] == f"{EU_NAME}: level raised to 4" and "sent to 1 subscriber" in heard[-1]["text"]
        assert liaison.until(lambda name, data: name == "unread")[-1][1]["unread"] == 4  # 2, a change, its alert
        got = ops.until(lambda name, data: name == "item" and data["title"] == f"{US_NAME}: level raised to 6")
        arrived = titles(d for n, d, _ in got if n == "item")
        assert f"{US_NAME}: level raised from 5 to 6" in arrived and f"{EU_NAME}: level raised from 2 to 4" in arrived


def test_overdue_acknowledgements_reach_those_who_may_see_the_order(live):
    store = live.store
    issued_order(store, US, hours_ago=30, title="Guard the embassy")
    with stream(live, "ops1") as ops, stream(live, "eu-liaison") as liaison:
        items, _ = ops.start()
        assert "ord-0001@1 not acknowledged by iq-moi-dpd" in titles(items)
        overdue = next(i for i in items if i["kind"] == "overdue")
        assert overdue["link"] == "/board/orders/ord-0001@1" and "acknowledgement was due" in overdue["text"]
        items, _ = liaison.start()
        assert not [i for i in items if i["kind"] == "overdue"]  # not an order over its mission
        issued_order(store, EU, hours_ago=30, title="Guard the delegation")  # now one over its mission falls due
        got = liaison.until(lambda name, data: name == "item" and data["kind"] == "overdue")
        assert got[-1][1]["title"] == "ord-0002@1 not acknowledged by iq-moi-dpd"
        assert "Guard the delegation" in got[-1][1]["text"]
        got = ops.until(lambda name, data: name == "item" and data["kind"] == "overdue")
        assert got[-1][1]["title"] == "ord-0002@1 not acknowledged by iq-moi-dpd"


def test_a_client_that_asks_for_no_stream_gets_the_feed_once_as_json(live):
    with signed_in(live, "eu-liaison") as c:
        answer = c.get("/live/events", headers={"accept": "application/json"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/json")
    feed = answer.json()
    assert feed["unread"] == 2 and [i["title"][:len(EU_NAME)] for i in feed["items"]] == [EU_NAME, EU_NAME]
    assert feed["items"][0]["at"] >= feed["items"][1]["at"]  # newest first


def test_an_acknowledgement_that_falls_due_with_no_write_reaches_the_open_stream(live, monkeypatch):
    from legation.web import live as live_feed

    monkeypatch.setattr(live_feed, "OVERDUE_EVERY", 0.5)  # look often (the server runs in this process)
    with stream(live, "ops1") as ops:
        ops.start()
        issued_order(live.store, US, hours_ago=0, ack_within_hours=0.001)  # due in under 4 s
        got = ops.until(lambda name, data: name == "item" and data["kind"] == "overdue")
        assert got[-1][1]["title"] == "ord-0001@1 not acknowledged by iq-moi-dpd"
        assert ops.until(lambda name, data: name == "unread")[-1][1]["unread"] == 9


def test_mark_read_is_kept_per_user_in_the_store_and_moves_only_forward(live):
    with signed_in(live, "ops1") as c:
        page = c.get("/live").text
        assert 'data-testid="live-page-unread">8 unread.' in page
        r = c.post("/live/read", data={"until": "", "next": "/live"}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"] == "/live"
        assert 'data-testid="live-page-unread">0 unread.' in c.get("/live").text
        # an older moment does not make read items unread again
        c.post("/live/read", data={"until": "2001-01-01T00:00:00+00:00"})
        assert 'data-testid="live-page-unread">0 unread.' in c.get("/live").text
    with stream(live, "ops1") as ops:  # a new sign-in (another browser) knows what was read
        items, unread = ops.start()
        assert unread == 0 and items and not any(i["unread"] for i in items)
        record_level(live.store, US, 5, 6)
        got = ops.until(lambda name, data: name == "unread")
        assert got[-1][1]["unread"] == 1
        assert [d for n, d, _ in got if n == "item"][-1]["unread"] is True
    with signed_in(live, "eu-liaison") as c:  # each user has their own marker (and the US change is not theirs)
        assert 'data-testid="live-page-unread">2 unread.' in c.get("/live").text


def test_mark_read_from_a_script_then_the_open_stream_counts_zero(live):
    with stream(live, "analyst1") as feed, signed_in(live, "analyst1") as c:
        items, unread = feed.start()
        assert unread == 8
        r = c.post("/live/read", data={"until": items[-1]["at"]}, headers={"x-requested-with": "fetch"})
        assert r.status_code == 204
        assert feed.until(lambda name, data: name == "unread")[-1][1]["unread"] == 0


def test_refusals_signed_out_cross_site_and_bad_moments(live):
    with httpx.Client(base_url=live.url, timeout=10) as anonymous:
        assert anonymous.get("/live/events").status_code == 401
        r = anonymous.post("/live/read", data={"until": ""}, follow_redirects=False)
        assert r.status_code == 303 and r.headers["location"].startswith("/login")
    with signed_in(live, "ops1") as c:
        r = c.post("/live/read", data={"until": ""}, headers={"origin": "http://elsewhere.example"})
        assert r.status_code == 403 and "another site" in r.text
        r = c.post("/live/read", data={"until": "yesterday-ish"})
        assert r.status_code == 400 and "not a moment" in r.text
        r = c.post("/live/read", data={"until": "", "next": "//elsewhere.example/x"}, follow_redirects=False)
        assert r.headers["location"] == "/live"  # never sent off this site
        assert 'data-testid="live-page-unread">0 unread.' in c.get("/live").text  # the refused ones changed nothing


def test_a_hostile_site_name_is_text_on_the_page_and_in_the_stream(live):
    from legation.store.audit import acting_as
    from legation.store.sites import get_site, upsert_sites

    with live.store.begin() as conn, acting_as("test"):
        site = get_site(conn, US)
        site.name = "<img src=x onerror=alert(1)>US"
        upsert_sites(conn, [site])
    record_level(live.store, US, 5, 6)
    with signed_in(live, "ops1") as c:
        page = c.get("/live").text
        assert "&lt;img src=x onerror=alert(1)&gt;US: level raised from 5 to 6" in page and "<img src=x" not in page
    with stream(live, "ops1") as ops:
        items, _ = ops.start()
        assert "<img src=x onerror=alert(1)>US: level raised from 5 to 6" in titles(items)  # JSON, set as text


@pytest.mark.browser
def test_an_alert_arrives_on_the_map_without_reloading(page_as, live):
    from tests.web.conftest import shot

    page = page_as("ops1")
    page.wait_for_selector("#live[data-state=live]")
    badge = page.get_by_test_id("unread")
    assert badge.inner_text() == "8"
    page.get_by_role("link", name="Live").click()  # opens the panel in place
    assert page.get_by_test_id("live-items").locator("li").count() == 8
    page.evaluate("window.__kept = true")  # gone if the page were reloaded
    hostile = "<img src=x onerror=alert(1)>"
    from legation.store.audit import acting_as
    from legation.store.sites import get_site, upsert_sites

    with live.store.begin() as conn, acting_as("test"):
        site = get_site(conn, EU)
        site.name = hostile + "EU"
        upsert_sites(conn, [site])
    subscribe_and_alert(live.store, record_level(live.store, EU, 2, 4))
    alert = page.get_by_test_id("live-items").locator("li[data-kind=alert]")
    alert.wait_for()
    assert alert.locator("a").inner_text() == f"{hostile}EU: level raised to 4"  # as text
    assert page.locator("#live-items img").count() == 0
    page.wait_for_function("document.getElementById('live-unread').textContent === '10'")
    assert page.evaluate("window.__kept === true")  # the same page, not reloaded
    assert page.locator("#live-announce").inner_text().startswith("Alert: ")
    shot(page, "live-feed-alert")
    page.get_by_role("button", name="Mark read").click()
    page.wait_for_selector("#live-unread[hidden]", state="attached")
    assert page.locator("#live-items li.unread").count() == 0
    with live.store.connect() as conn:
        from legation.store.feed import seen_at

        assert seen_at(conn, "ops1") is not None


class RangeExtractor:
    """Stands in for the extractor: a drone attack by the US embassy, reported as within a week."""

    def extract(self, report):
        from legation.domain import Event, Evidence, Place, TimeSpan

        start = report.text.index("Two drones")
        end = report.text.index(".", start) + 1
        return [Event(doc=report.doc, report_id=report.id, type="ASSAULT", mode=["drone"],
                      location=Place(text="Baghdad", name="International Zone", country="IRQ", lat=33.30,
                                     lon=44.395, precision="site"),
                      date=TimeSpan(start="2023-10-18", end="2023-10-25", kind="reported"),
                      evidence=Evidence(sentence=report.text[start:end], start=start, end=end))]


def test_the_ingest_page_shows_date_ranges_the_level_changes_and_the_alerts_sent(client, seeded, monkeypatch):
    import html as html_lib
    import re

    from legation.store.events import query_events
    from legation.web import sources
    from tests.web.test_pages import ARTICLE

    pytest.importorskip("legation.assess.service", reason="the threat model is not installed")
    monkeypatch.setattr(sources, "extractor", lambda: RangeExtractor())
    subscribe_and_alert(seeded[0], [])
    analyst = client("analyst1")
    preview = analyst.post("/read/preview", data={"text": ARTICLE, "published": "2023-10-25"}).text
    dates = re.search(r'data-testid="dates-1">(.*?)</td>', preview, re.S).group(1)
    assert 'name="date_0" type="date" value="2023-10-18"' in dates
    assert 'name="date_end_0" type="date" value="2023-10-25"' in dates  # the range, not only its first day
    assert "2023-10-18 to 2023-10-25 (reported as within this range)" in dates
    form = {k: html_lib.unescape(re.search(rf'name="{k}" value="([^"]*)"', preview).group(1))
            for k in ("text", "title", "source", "draft", "record", "published")}
    form.update(keep_0="on", type_0="ASSAULT", mode_0="drone", place_0="International Zone")
    bad = analyst.post("/read/confirm", data={**form, "date_0": "2023-10-20", "date_end_0": "2023-10-19"})
    assert bad.status_code == 400 and "its dates end (2023-10-19) before they start (2023-10-20)" in bad.text
    done = analyst.post("/read/confirm", data={**form, "date_0": "2023-10-19", "date_end_0": "2023-10-25"}).text
    stored = re.search(r'data-testid="stored-events">(.*?)</ul>', done, re.S).group(1)
    assert "2023-10-19 to 2023-10-25 (some time in this range)" in stored  # as corrected
    with seeded[0].connect() as conn:
        (event,) = query_events(conn, types=["ASSAULT"], since="2023-10-19", until="2023-10-25")
    assert (event.date.start, event.date.end, event.date.kind) == ("2023-10-19", "2023-10-25", "range")
    # assessed as of the range's last day: the sites had no level then, and now do; one alert per change
    levels = re.search(r'data-testid="level-changes">(.*?)</ul>', done, re.S).group(1)
    us = re.search(r'/site/usa-emb-baghdad">[^<]*</a>:\s*not assessed\s*→ <span class="level" data-lv="(\d)">', levels)
    assert us, levels
    n_changes = int(re.search(r"Levels changed \((\d+)\)", done).group(1))
    alerts = re.search(r'data-testid="alerts-sent">(.*?)</ul>', done, re.S).group(1)
    assert f"<strong>{US_NAME}: level raised to {us.group(1)}</strong>" in alerts and "to ops1 (console)" in alerts
    assert alerts.count("<li>") == n_changes == levels.count("<li>") > 0
    feed = client("ops1").get("/live").text  # the same changes and alerts reach the live feed
    assert f"{US_NAME}: first assessed at level {us.group(1)}" in feed
    assert f"{US_NAME}: level raised to {us.group(1)}" in feed


def test_the_feed_and_the_read_marker_on_postgresql(pg_store):
    from legation.domain.users import User
    from legation.store.feed import mark_seen, seen_at
    from legation.web.live import feed, unread
    from tests.web.seed import seed

    seed(pg_store)
    ops, liaison = User("ops1", "operations-officer"), User("eu-liaison", "liaison", organisation="EUU")
    epoch = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    with pg_store.connect() as conn:
        everything, own = feed(conn, ops, epoch), feed(conn, liaison, epoch)
        assert seen_at(conn, "ops1") is None
    assert len(everything) == 8 and unread(everything, None) == 8
    assert len(own) == 2 and all(i.title.startswith(EU_NAME) for i in own)
    newest = everything[0].at
    with pg_store.begin() as conn:
        assert mark_seen(conn, "ops1", newest) == newest
        assert mark_seen(conn, "ops1", epoch) == newest  # never back
    with pg_store.connect() as conn:
        assert seen_at(conn, "ops1") == newest and seen_at(conn, "eu-liaison") is None
    record_level(pg_store, US, 5, 6)
    with pg_store.connect() as conn:
        fresh = feed(conn, ops, newest)
        assert titles(i.to_dict(True) for i in fresh) == [f"{US_NAME}: level raised from 5 to 6"]
        assert unread(feed(conn, ops, epoch), seen_at(conn, "ops1")) == 1
        assert feed(conn, liaison, newest) == []


@pytest.mark.browser
def test_the_feed_on_a_phone_by_keyboard(page_as, live):
    from tests.web.conftest import shot

    page = page_as("eu-liaison", width=390, height=844)
    page.wait_for_selector("#live[data-state=live]")
    toggle = page.locator("#live-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    panel = page.locator("#live-panel")
    assert panel.is_visible() and toggle.get_attribute("aria-expanded") == "true"
    box = panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390  # on the screen, not beside it
    assert page.locator("#live-items li").count() == 2  # its own mission's two changes
    page.keyboard.press("Tab")  # the panel follows its link: Mark read is the next stop
    assert page.evaluate("document.activeElement.textContent") == "Mark read"
    shot(page, "live-feed-phone")
    page.keyboard.press("Escape")
    assert not panel.is_visible() and page.evaluate("document.activeElement.id") == "live-toggle"


@pytest.mark.browser
def test_the_board_shows_an_overdue_acknowledgement_as_it_falls_due(page_as, live):
    page = page_as("ops1")
    page.goto(f"{live.url}/board")
    page.wait_for_selector("#live[data-state=live]")
    assert page.locator("#overdue-h").inner_text() == "Overdue acknowledgements (0)"
    page.evaluate("window.__kept = true")
    issued_order(live.store, US, hours_ago=30, title="Guard the embassy")
    page.get_by_test_id("overdue").wait_for()  # the board refreshed its body when the feed heard of it
    assert page.locator("#overdue-h").inner_text() == "Overdue acknowledgements (1)"
    assert "ord-0001@1: iq-moi-dpd is" in page.get_by_test_id("overdue").inner_text()
    assert page.locator("#live-items li[data-kind=overdue]").count() == 1
    assert page.evaluate("window.__kept === true")  # the same page, not reloaded


@pytest.mark.slow
def test_legation_serve_stops_at_once_with_a_stream_open(tmp_path, template_db):
    """Ctrl-C on `legation serve` while a browser's feed is open: the stream ends and the server stops, with no
    error in its log (uvicorn would otherwise wait for the stream, which never ends on its own)."""
    import signal
    import subprocess
    import sys

    from tests.factories import copy_database
    from tests.web.conftest import free_port

    db = copy_database(template_db[0], tmp_path / "serve.db")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "legation", "--db", str(db), "serve", "--port", str(port),
                               "--no-warm-up", "--log-level", "info"],
                              stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + WAIT
        while True:
            try:
                httpx.get(f"{url}/api/v1/health", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
                time.sleep(0.2)
        with httpx.Client(base_url=url, timeout=httpx.Timeout(10.0, read=WAIT)) as c:
            c.post("/login", data={"username": "ops1", "password": PASSWORD, "next": "/map"})
            with c.stream("GET", "/live/events", headers={"accept": "text/event-stream"}) as r:
                feed = Events(r)
                feed.start()
                server.send_signal(signal.SIGINT)
                with pytest.raises(AssertionError, match="the stream ended"):
                    while True:
                        feed.next()
        assert server.wait(timeout=WAIT) is not None
        log = server.stderr.read()
        assert "Exception in ASGI application" not in log and "graceful shutdown exceeded" not in log, log
    finally:
        if server.poll() is None:
            server.kill()
