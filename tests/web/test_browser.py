"""The operations room in a real browser (headless chromium): sign in per role, the map, a site, orders, ingest."""

from __future__ import annotations

import re

import pytest

from tests.web.conftest import shot

pytestmark = pytest.mark.browser


def site_levels(page) -> dict[str, str]:
    """site id → level, as drawn on the map (the SVG circles carry both)."""
    page.wait_for_selector("body[data-map-ready='1']")
    return page.eval_on_selector_all(
        "path.site", "els => Object.fromEntries(els.map(e => [e.dataset.site, e.dataset.level]))")


def test_operations_officer_sees_every_site_in_its_level_colour(page_as, live):
    page = page_as("ops1")
    levels = site_levels(page)
    assert len(levels) == len(live.info["sites"])
    assert levels["usa-emb-baghdad"] == "5" and levels["ain-al-asad"] == "6" and levels["deu-emb-baghdad"] == "0"
    fill = page.get_attribute("path.site[data-site='usa-emb-baghdad']", "fill")
    assert fill.lower() == "#c0262d"  # level 5's colour
    page.wait_for_selector("body[data-events-ready='1']")
    assert page.locator(".ev, .marker-cluster").count() > 0  # events drawn (clustered)
    shot(page, "map-operations-officer")


def test_liaison_sees_only_the_eu_delegation(page_as):
    page = page_as("eu-liaison")
    assert site_levels(page) == {"euu-del-baghdad": "2"}
    assert page.get_attribute("path.site", "fill").lower() == "#4d7a12"  # level 2's colour
    assert page.locator("#site-list tbody tr").count() == 1
    shot(page, "map-liaison")


def test_time_slider_and_type_filter_narrow_the_events(page_as):
    page = page_as("ops1")
    page.wait_for_selector("body[data-events-ready='1']")
    assert page.inner_text("#event-count") == "10"
    page.fill("#days", "7")  # a range input: fill sets its value and fires input
    assert page.inner_text("#days-out") == "7" and page.inner_text("#event-count") == "9"
    page.get_by_role("checkbox", name="PROTEST").uncheck()
    assert page.inner_text("#event-count") == "8"


def test_open_a_site_page_from_the_map(page_as):
    page = page_as("ops1")
    page.get_by_role("link", name="Embassy of the United States of America").click()
    page.wait_for_url("**/site/usa-emb-baghdad")
    assert page.inner_text("[data-testid=level]") == "5"
    assert "Surge" in page.inner_text("[data-testid=chart-summary]")
    assert page.locator("svg.chart rect.surge").count() == 1
    shot(page, "site-usa-embassy")


def test_issue_and_acknowledge_an_order(page_as):
    page = page_as("iq-moi")
    page.get_by_role("link", name="Orders").click()
    page.get_by_label("Title").fill("Tighten security around the embassies")
    page.get_by_label("iq-moi-dpd — Diplomatic Protection Directorate").check()
    page.get_by_label("Sites (Ctrl/⌘ to choose several)").select_option(["usa-emb-baghdad", "gbr-emb-baghdad"])
    page.get_by_label("counter-drone").check()
    page.get_by_label("static-guard").check()
    page.get_by_label("Priority").select_option("flash")
    page.get_by_role("button", name="Issue order").click()
    assert "ord-0001@1 issued" in page.inner_text("[data-testid=done]")
    assert page.get_attribute("[data-ref='ord-0001@1']", "data-state") == "issued"
    shot(page, "orders-issued")

    unit = page_as("dpd-chief")
    unit.goto(unit.url.replace("/map", "/board"))
    unit.get_by_role("button", name="Acknowledge ord-0001@1").click()
    assert "acknowledged by iq-moi-dpd" in unit.inner_text("[data-testid=done]")
    assert unit.get_attribute("[data-ref='ord-0001@1']", "data-state") == "in-force"
    shot(unit, "orders-acknowledged")


def test_paste_an_article_and_confirm_its_events(page_as, live, monkeypatch):
    from legation.store.events import query_events
    from legation.store.reports import count_reports
    from legation.web import sources
    from tests.web.test_pages import FakeExtractor

    if sources.extractor() is None:  # the extractor stage is not installed: a stand-in finds the drone attack
        monkeypatch.setattr(sources, "extractor", lambda: FakeExtractor())
    article = (live_root() / "legation/ingest/data/articles/2023-10-18-ain-al-asad-drones.txt").read_text()
    page = page_as("analyst1")
    page.get_by_role("link", name="Ingest").click()
    page.get_by_label("Article text").fill(article)
    page.get_by_role("button", name="Extract events").click()
    page.wait_for_selector("[data-testid=preview]")
    marks = page.locator("mark.ev-span")
    assert marks.count() >= 1 and "drones attacked Ain al-Asad" in page.inner_text("[data-testid=article]")
    page.get_by_label("Place of event 1").fill("Ain al-Asad air base")  # correct: place the attack
    shot(page, "ingest-preview")
    page.get_by_role("button", name="Confirm and store").click()
    stored = page.inner_text("[data-testid=stored]")
    assert stored.startswith("Report stored") and re.search(r"[1-9]\d* new events?", stored)
    with live.store.connect() as conn:
        assert count_reports(conn) == 1
        placed = [e for e in query_events(conn, since="2023-10-01", until="2023-10-31") if e.location.lat]
    assert placed, "no confirmed event got a place on the map"
    shot(page, "ingest-stored")


def test_tablet_width_and_keyboard(page_as):
    page = page_as("ops1", width=820, height=1180)
    page.wait_for_selector("body[data-map-ready='1']")
    assert page.locator("#site-list").is_visible()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    shot(page, "map-tablet")
    page.goto(page.url.replace("/map", "/board"))
    shot(page, "orders-tablet")


def live_root():
    from tests.web.conftest import ROOT

    return ROOT


def test_an_empty_article_says_what_is_wrong_in_place(page_as):
    page = page_as("analyst1")
    page.get_by_role("link", name="Ingest").click()
    page.get_by_role("button", name="Extract events").click()
    assert "paste an article" in page.inner_text("#preview [data-testid=error]")
    assert page.locator("header.top").count() == 1  # a fragment in place, not a page inside the page


def test_an_event_marker_opens_its_details(page_as):
    page = page_as("eu-liaison")
    page.wait_for_selector("body[data-events-ready='1']")
    for _ in range(8):  # clusters zoom in when clicked, until single markers show
        if page.locator(".leaflet-marker-icon.ev").count():
            break
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)
    page.locator(".leaflet-marker-icon.ev").first.click()
    popup = page.wait_for_selector(".leaflet-popup .event-pop")
    assert "Rockets struck near the International Zone" in popup.inner_text()
    page.wait_for_timeout(400)  # the popup fades in
    shot(page, "map-event-popup")
