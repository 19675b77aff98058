"""The map explains itself (issue 21): a site on the map as soon as it is registered (grey, level null, with the
reason), the points answer compact and kept (ETag, 304, gzip), what a level means, coverage, a site's drivers
linked to their report (sentence highlighted), incident and claims, the slider's dates, place names without a
tile server, and the map on a phone-sized screen and from the keyboard. Over HTTP, then in chromium."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest

from legation.domain import Event, Evidence, Party, Place, TimeSpan
from legation.domain.records import Report
from tests.web.conftest import SCREENSHOTS, shot
from tests.web.seed import PASSWORD

ARTICLE = ("Rockets hit the grounds of the US embassy in Baghdad on Tuesday night, officials said. "
           "Kataib Hezbollah said it had fired the rockets at the embassy.")
ATTACK, CLAIM = ARTICLE.split(". ", 1)[0] + ".", ARTICLE.split(". ", 1)[1]


def plant_story(store, end: dt.date, site_id: str = "usa-emb-baghdad", article: str = ARTICLE,
                claimant: str = "Kataib Hezbollah", driver: str = "rockets hit the embassy grounds yesterday",
                place_name: str = "Baghdad") -> dict:
    """A report with an attack on a site and its claim; claims linked and incidents built; the site's assessment
    driven by the attack. Returns the ids a test follows."""
    from legation.domain.assessment import LEVELS, Assessment, Driver
    from legation.store.assessments import record_assessments
    from legation.store.events import upsert_events
    from legation.store.incidents import refresh
    from legation.store.reports import upsert_report
    from legation.store.sites import get_site

    attack, claim = article.split(". ", 1)[0] + ".", article.split(". ", 1)[1]
    day = (end - dt.timedelta(days=1)).isoformat()
    report = Report(text=article, source="test", title="Rockets on the embassy", published=day, doc="story")
    when = TimeSpan(start=day, end=day, kind="exact", precision="day")
    place = Place(text=place_name, name=place_name, country="IRQ", lat=33.301, lon=44.392, precision="city")
    party = Party(text=claimant, name=claimant, kind="armed_group")
    hit = Event(doc="story", report_id=report.id, type="ASSAULT", mode=["heavy-weapons"], location=place, date=when,
                evidence=Evidence(sentence=attack, start=0, end=len(attack)), confidence=0.9, source="test")
    said = Event(doc="story", report_id=report.id, type="CLAIM", actors=[party], recipients=[], location=place,
                 date=when, evidence=Evidence(sentence=claim, start=len(attack) + 1, end=len(article)),
                 confidence=0.9, source="test")
    with store.begin() as conn:
        upsert_report(conn, report)
        upsert_events(conn, [hit, said])
        refresh(conn)
        site = get_site(conn, site_id)
        record_assessments(conn, [Assessment(
            site_id=site.id, name=site.name, level=5, level_name=LEVELS[5], probability=0.42,
            drivers=[Driver("nearby", driver, 1.2, [hit.id])], model="seed", at=end.isoformat(), kind=site.kind,
            sending_state=site.sending_state, lat=site.lat, lon=site.lon, radius_km=site.radius_km, scope_km=25.0)])
        incident = conn.exec_driver_sql("SELECT incident_id FROM events WHERE id = ?", (hit.id,)).scalar()
    return {"report": report.id, "attack": hit.id, "claim": said.id, "incident": incident}


def points(c, path: str = "/map/points") -> dict:
    return c.get(path).json()


def api_app(seeded):
    from fastapi.testclient import TestClient

    from legation import api
    from legation.settings import Settings

    store, db, _ = seeded
    c = TestClient(api.create_app(Settings(db=str(db)), store))
    assert c.post("/login", data={"username": "ops1", "password": PASSWORD}, follow_redirects=False).status_code == 303
    return c


# ── over HTTP ─────────────────────────────────────────────────────────────────────────────────────────────────

def test_a_site_registered_through_the_api_is_on_the_map_at_once_grey_with_the_reason(seeded):
    from legation.store.users import issue_token

    c = api_app(seeded)
    first = c.get("/map/points")
    assert first.status_code == 200 and first.headers["etag"]
    assert c.get("/map/points", headers={"if-none-match": first.headers["etag"]}).status_code == 304
    with seeded[0].begin() as conn:
        token = issue_token(conn, "ops1")
    body = {"name": "Embassy of Japan", "kind": "embassy", "sending_state": "JPN", "host_country": "IRQ",
            "city": "Baghdad", "lat": 33.31, "lon": 44.38}
    r = c.put("/api/v1/sites/jpn-emb-baghdad", json=body, headers={"authorization": f"Bearer {token}"})
    assert r.status_code == 200 and r.json()["result"] == "created"
    after = c.get("/map/points", headers={"if-none-match": first.headers["etag"]})  # the write made it stale
    assert after.status_code == 200 and after.headers["etag"] != first.headers["etag"]
    site = next(s for s in after.json()["sites"] if s["id"] == "jpn-emb-baghdad")
    assert site["level"] is None and site["level_name"] == "Not assessed"
    assert site["reason"] == "not assessed yet: registered after the last assessment"
    assert site["colour"] == "#6b6b6b" and site["radius_km"] > 0  # grey, with its ring
    details = c.get("/map/site/jpn-emb-baghdad").text
    assert "Not assessed" in details and "No assessment has run since this site was registered." in details


def test_the_points_are_compact_columns_gzipped_and_kept_per_user(client, seeded):
    ops = client("ops1")
    r = ops.get("/map/points", headers={"accept-encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip" and "no-cache" in r.headers["cache-control"]
    data = r.json()  # httpx unzips
    ev = data["events"]
    assert ev["n"] == 10 and all(len(ev[k]) == 10 for k in ("lat", "lon", "type", "day", "pk"))
    assert sorted(data["types"]) == ["ASSAULT", "PROTEST"] and data["window"] == 90
    assert data["as_of"] == seeded[2]["end"].isoformat()
    rows = sorted(zip(ev["day"], (data["types"][i] for i in ev["type"]), ev["lat"], strict=True))
    assert rows[0] == (0, "ASSAULT", 333000) and max(ev["day"]) == 70  # today's rocket; the convoy 70 days ago
    plain = ops.get("/map/points", headers={"accept-encoding": "identity"})
    assert "content-encoding" not in plain.headers and plain.json() == data
    assert len(gzip.compress(plain.content)) < len(plain.content)
    assert ops.get("/map/points", headers={"if-none-match": r.headers["etag"]}).status_code == 304
    liaison = client("eu-liaison").get("/map/points")
    assert liaison.headers["etag"] != r.headers["etag"] and liaison.json()["events"]["n"] < 10


def test_an_unknown_site_says_since_when_no_source_reports(client, seeded):
    from legation.domain.assessment import Assessment
    from legation.store.assessments import record_assessments

    end = seeded[2]["end"]
    with seeded[0].begin() as conn:
        record_assessments(conn, [Assessment(
            site_id="al-tanf", name="Al-Tanf garrison", level=None, level_name="Unknown", probability=None,
            drivers=[], model="seed", at=end.isoformat(), kind="military-base",
            coverage={"status": "unknown", "since": "2026-05-04", "text": "no coverage since 2026-05-04",
                      "sources": [{"source": "acled", "last": "2026-05-04", "per_week": 0.5, "covers": False}]})])
    ops = client("ops1")
    site = next(s for s in points(ops)["sites"] if s["id"] == "al-tanf")
    assert site["level"] is None and site["reason"] == "unknown: no source since 2026-05-04"
    details = ops.get("/map/site/al-tanf").text
    assert "Coverage: no source since" in details and '<time datetime="2026-05-04">2026-05-04</time>' in details
    assert "the level is unknown, not low" in details


def test_a_sites_details_explain_its_level_and_follow_each_event_to_report_incident_and_claim(client, seeded):
    story = plant_story(seeded[0], seeded[2]["end"])
    assert story["incident"]
    ops = client("ops1")
    site = next(s for s in points(ops)["sites"] if s["id"] == "usa-emb-baghdad")
    assert (site["level"], site["scope_km"], site["radius_km"]) == (5, 25.0, 5.0)
    html = ops.get("/map/site/usa-emb-baghdad").text
    assert "42% chance of at least one attack within 25 km in the 7 days after" in html
    assert "High: Chance of at least one attack within the site&#39;s watch radius in the next 7 days: 20–50% at " \
           "an embassy" in html
    assert "watch radius 5 km; dashed outer ring: the 25 km the chance speaks for" in html
    assert "rockets hit the embassy grounds yesterday" in html and ATTACK in html
    report_link = f'/board/reports/{story["report"]}?event={story["attack"]}#highlight'
    assert report_link in html and f'/map/incident/{story["incident"]}' in html
    assert "claimed by Kataib Hezbollah" in html and f'?event={story["claim"]}#highlight' in html
    # the report with the attack's sentence highlighted; the claim's link highlights the claim
    report = ops.get(report_link.split("#")[0]).text
    assert f'<mark class="ev-span" id="highlight" data-testid="highlight">{ATTACK}</mark>' in report
    claimed = ops.get(f'/board/reports/{story["report"]}?event={story["claim"]}').text
    assert f'data-testid="highlight">{CLAIM}</mark>' in claimed
    assert 'id="highlight"' not in ops.get(f'/board/reports/{story["report"]}?event=nope').text
    incident = ops.get(f'/map/incident/{story["incident"]}').text
    assert ATTACK in incident and report_link in incident and "Claimed by Kataib Hezbollah" in incident
    # the site page says the same, and an event's popup links its report and incident
    page = ops.get("/site/usa-emb-baghdad").text
    assert report_link in page and "claimed by Kataib Hezbollah" in page and "High: Chance of at least" in page
    with seeded[0].connect() as conn:
        pk = conn.exec_driver_sql("SELECT pk FROM events WHERE id = ?", (story["attack"],)).scalar()
    popup = ops.get(f"/map/event/{pk}").text
    assert report_link in popup and f'/map/incident/{story["incident"]}' in popup
    # need to know: the EU liaison sees no details of the US embassy; the incident is in Baghdad, within reach
    liaison = client("eu-liaison")
    assert liaison.get("/map/site/usa-emb-baghdad").status_code == 404
    assert liaison.get(f'/map/incident/{story["incident"]}').status_code == 200
    assert liaison.get("/map/incident/no-such-incident").status_code == 404


def test_the_slider_and_the_legend_say_dates_and_meanings_in_the_page(client, seeded):
    end = seeded[2]["end"]
    html = client("ops1").get("/map").text
    since = (end - dt.timedelta(days=89)).isoformat()
    assert f'from <time id="days-from" datetime="{since}">{since}</time>' in html
    assert f'aria-valuetext="90 days, {since} to {end.isoformat()}"' in html
    assert "6 Extreme</dt><dd>Chance of at least one attack within the site&#39;s watch radius in the next 7 days: " \
           "50% or more at an embassy, consulate, UN compound or military base.</dd>" in html
    assert '<details class="legend-box" id="legend" open>' in html


def test_place_names_come_from_the_gazetteer(client):
    c = client("ops1")
    r = c.get("/map/places", headers={"accept-encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    places = {name: (lat, lon, zoom) for name, lat, lon, zoom in r.json()}
    assert places["Baghdad"][2] == 3 and abs(places["Baghdad"][0] - 33.34) < 0.05  # a capital, shown first
    assert places["Basrah"][2] > 3 and "Damascus" in places and "Amman" in places
    assert client(None).get("/map/places", follow_redirects=False).status_code == 303


def test_hostile_values_in_the_details_are_escaped(client, seeded):
    from legation.store.sites import upsert_sites
    from tests.factories import make_site

    bad = '<img src=x onerror="alert(1)">'
    with seeded[0].begin() as conn:
        upsert_sites(conn, [make_site(id="odd", name=f"{bad} House", city=bad, sending_state="EUU")])
    plant_story(seeded[0], seeded[2]["end"], site_id="odd", claimant=f"{bad} Brigade",
                article=f"Rockets hit the house of {bad} in Baghdad on Tuesday. {bad} Brigade said it did it.",
                driver=f"{bad} driver")
    c = client("ops1")
    for path in ("/map/site/odd", "/site/odd"):
        html = c.get(path).text
        assert bad not in html and "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in html, path
    site = next(s for s in points(c)["sites"] if s["id"] == "odd")
    assert site["name"] == f"{bad} House"  # JSON carries the value; map.js shows it with textContent


# ── in chromium ───────────────────────────────────────────────────────────────────────────────────────────────

def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.browser
def test_the_slider_says_which_dates_it_shows_and_answers_the_keyboard(page_as, live):
    end = live.info["end"]
    page = page_as("ops1")
    page.wait_for_selector("body[data-events-ready='1']")
    assert page.inner_text("#days-from") == (end - dt.timedelta(days=89)).isoformat()
    assert page.inner_text("#days-to") == end.isoformat()
    page.fill("#days", "7")
    assert page.inner_text("#days-from") == (end - dt.timedelta(days=6)).isoformat()
    assert page.get_attribute("#days", "aria-valuetext") == \
        f"7 days, {(end - dt.timedelta(days=6)).isoformat()} to {end.isoformat()}"
    page.focus("#days")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.inner_text("#days-out") == "5" and page.inner_text("#days-from") == \
        (end - dt.timedelta(days=4)).isoformat()
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # visible focus
    page.wait_for_selector("body[data-events-ready='1']")
    assert page.inner_text("#event-count") == "9"  # the rockets of the last 5 days, the protest, the drones
    shot(page, "map-slider-dates")


@pytest.mark.browser
def test_place_names_label_the_map_without_a_tile_server(page_as):
    page = page_as("ops1")
    page.wait_for_selector("body[data-labels-ready='1']")
    labels = page.locator(".place-label")
    assert labels.count() > 0
    assert page.locator(".place-label span.capital", has_text="Baghdad").is_visible()
    page.get_by_label("Place names").uncheck()
    assert page.locator(".place-label").count() == 0


@pytest.mark.browser
def test_click_a_site_for_its_rings_drivers_and_the_report_behind_them(page_as, live):
    story = plant_story(live.store, live.info["end"])
    page = page_as("ops1")
    page.wait_for_selector("body[data-map-ready='1']")
    page.locator("path.site[data-site='usa-emb-baghdad']").dispatch_event("click")
    panel = page.wait_for_selector("[data-testid=site-details]")
    assert "Embassy of the United States of America" in panel.inner_text()
    assert page.locator("path.chosen-ring").count() == 2 and page.locator("path.scope-ring").count() == 1
    assert ATTACK in page.inner_text("[data-testid=drivers]")
    shot(page, "map-site-details")
    page.locator("[data-testid=incident-link]").first.click()
    page.wait_for_url(f"**/map/incident/{story['incident']}")
    assert "Claimed by Kataib Hezbollah" in page.inner_text("main")
    page.go_back()
    page.wait_for_selector("body[data-map-ready='1']")
    page.get_by_role("button", name="Show Embassy of the United States of America on the map").click()
    page.locator("[data-testid=report-link]").first.click()
    page.wait_for_url(f"**/board/reports/{story['report']}?event={story['attack']}#highlight")
    assert page.inner_text("[data-testid=highlight]") == ATTACK
    shot(page, "report-highlighted")


@pytest.mark.browser
def test_a_phone_sized_screen_has_no_sideways_scroll_and_reaches_legend_and_details(page_as, live):
    story = plant_story(live.store, live.info["end"])
    page = page_as("ops1", width=375, height=667)
    page.wait_for_selector("body[data-map-ready='1']")
    assert no_horizontal_scroll(page)
    legend = page.locator("#legend")
    assert legend.get_attribute("open") is None  # folded on a phone
    page.get_by_text("Levels: what the colours mean").click()
    assert legend.get_attribute("open") is not None and page.get_by_text("6 Extreme").is_visible()
    assert no_horizontal_scroll(page)
    # keyboard only: Tab to the site's "On map" button, Enter; the details take the focus
    wanted = "Show Embassy of the United States of America on the map"
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == wanted:
            break
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == wanted
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"  # visible focus
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=site-details]")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'site-details'")
    assert page.locator("[data-testid=drivers]").is_visible() and no_horizontal_scroll(page)
    shot(page, "map-phone-details")
    page.screenshot(path=str(SCREENSHOTS / "map-phone-viewport.png"))  # what the phone shows
    page.keyboard.press("Tab")  # into the panel's links
    assert page.evaluate("document.activeElement.closest('#site-details') !== null")
    page.keyboard.press("Escape")  # closes the details, back to the site's button
    assert page.locator("#site-details").is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-label')") == wanted
    for path in ("/site/usa-emb-baghdad", "/board", f"/map/incident/{story['incident']}",
                 f"/board/reports/{story['report']}?event={story['attack']}"):
        page.goto(live.url + path)
        assert no_horizontal_scroll(page), path
    shot(page, "board-phone")


@pytest.mark.browser
@pytest.mark.parametrize("username", ["admin1", "eu-liaison"])
def test_hostile_values_in_a_sites_details_and_an_incident_are_text(page_as, live, username):
    from tests.web.test_hostile_data import ACTOR, SITE, Watched, hostile, plant

    plant(live.store)
    driver, said = hostile("DRIVER"), hostile("SAID")
    article = f"Rockets hit the house of {said} in Baghdad on Tuesday. {ACTOR} said it did it."
    story = plant_story(live.store, live.info["end"], site_id="xss-site", article=article, claimant=ACTOR,
                        driver=driver, place_name=hostile("PLACE"))
    w = Watched(page_as(username), live.url)
    w.open("/map")
    w.page.wait_for_selector("body[data-map-ready='1']")
    w.page.get_by_role("button", name=f"Show {SITE} on the map").click()
    panel = w.page.wait_for_selector("[data-testid=site-details]")
    shown = panel.text_content()
    for value in (SITE, driver, said, f"claimed by {ACTOR}"):
        assert value in shown, value[:20]
    w.check("/map site details")
    w.page.locator("[data-testid=incident-link]").first.click()
    w.page.wait_for_url(f"**/map/incident/{story['incident']}")
    w.check("/map/incident")
    assert said in w.text("main") and f"Claimed by {ACTOR}" in w.text("main")
    w.open(f"/board/reports/{story['report']}?event={story['attack']}")
    assert said in w.text("[data-testid=highlight]")
