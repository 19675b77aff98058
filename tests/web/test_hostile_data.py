"""Hostile data in a real browser (headless chromium): every field that reaches a page holds script and
event-handler payloads, and every page that shows it is opened as an admin and as a liaison. The test fails if a
dialog opens, if any payload's script runs (each sets window.__pwned), if the Content-Security-Policy had to block
anything (that would mean markup got through), or if the value is not shown literally, as text."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest

from legation.domain import Event, Evidence, Party, Place, TimeSpan
from legation.domain.users import User
from tests.web.conftest import shot
from tests.web.seed import PASSWORD

pytestmark = pytest.mark.browser

PAYLOADS = (
    '<img src=x onerror="window.__pwned=1;alert(1)">',
    "<script>window.__pwned=2;alert(2)</script>",
    '"><svg onload="window.__pwned=3;alert(3)">',
    "' autofocus onfocus='window.__pwned=4' x='",
    "</script><script>window.__pwned=5</script><!--",
    "javascript:window.__pwned=6",
)


def hostile(label: str) -> str:
    """A value that names its field, then carries every payload."""
    return f"{label} " + " ".join(PAYLOADS)


SITE, CITY = hostile("SITE"), hostile("CITY")
EVIDENCE, ACTOR, PLACE, SOURCE = hostile("EVIDENCE."), hostile("ACTOR"), hostile("PLACE"), hostile("SOURCE")
ORDER = hostile("ORDER")
HEADLINE = hostile("HEADLINE")
WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") + " " + (e.sample || ""));
});
"""


def plant(store) -> None:
    """A EU site (so the liaison sees it) in Amarah, away from the example sites, with a hostile name and city; a
    hostile event beside it; an order over it with a hostile title, in force; and an admin."""
    from legation.act.orders import acknowledge_order, draft_order, issue_order
    from legation.domain import Site
    from legation.domain.orders import Scope
    from legation.store.events import upsert_events
    from legation.store.sites import upsert_sites
    from legation.store.users import add_user
    from legation.web import sources

    day = dt.datetime.now(dt.UTC).date() - dt.timedelta(days=1)
    chain = sources.hierarchy()
    with store.begin() as conn:
        add_user(conn, User("admin1", "admin"), password=PASSWORD)
        upsert_sites(conn, [Site(id="xss-site", name=SITE, kind="embassy", sending_state="EUU", host_country="IRQ",
                                 city=CITY, lat=31.84, lon=47.14)])
        upsert_events(conn, [Event(doc="xss-doc", type="THREATEN", mode=[], source=SOURCE,
                                   actors=[Party(text=ACTOR, name=ACTOR, kind="armed_group")],
                                   location=Place(text=PLACE, name=PLACE, country="IRQ", lat=31.86, lon=47.17,
                                                  precision="city"),
                                   date=TimeSpan(start=day.isoformat(), end=day.isoformat(), kind="exact",
                                                 precision="day"),
                                   evidence=Evidence(sentence=EVIDENCE, start=0, end=len(EVIDENCE)),
                                   confidence=0.8)])
        order = draft_order(conn, chain, "iq-moi", recipients=["iq-moi-dpd"], scope=Scope(sites=("xss-site",)),
                            measures=["patrol"], priority="flash", title=ORDER)
        issue_order(conn, chain, "iq-moi", order.ref)
        acknowledge_order(conn, chain, "iq-moi-dpd", order.ref)


class Watched:
    """A signed-in page that records dialogs; `check()` asserts no payload ran and the CSP blocked nothing."""

    def __init__(self, page, base: str):
        self.page, self.base, self.dialogs = page, base, []
        page.context.add_init_script(WATCH)
        page.on("dialog", self._dialog)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.check(path)

    def check(self, where: str) -> None:
        self.page.wait_for_timeout(150)  # an onerror or onload handler would have run by now
        assert self.dialogs == [], f"{where}: a dialog opened: {self.dialogs}"
        assert self.page.evaluate("window.__pwned") is None, f"{where}: an injected script ran"
        assert self.page.evaluate("window.__violations") == [], \
            f"{where}: the CSP blocked {self.page.evaluate('window.__violations')}"

    def text(self, selector: str = "body") -> str:
        return self.page.text_content(selector) or ""


def open_map(w: Watched) -> None:
    page = w.page
    w.open("/map")
    page.wait_for_selector("body[data-map-ready='1']")
    assert SITE in w.text("#site-list") and CITY in w.text("#site-list")
    page.hover("path.site[data-site='xss-site']")  # the tooltip: the site's name, as text
    tooltip = page.wait_for_selector(".leaflet-tooltip")
    assert tooltip.text_content() == f"{SITE} — not assessed yet: registered after the last assessment"
    w.check("/map tooltip")
    page.wait_for_selector("body[data-events-ready='1']")
    marker = page.locator(".leaflet-marker-icon.ev[title='THREATEN']")
    assert marker.count() == 1
    marker.dispatch_event("click")  # the site's dot is drawn above it, a few pixels away
    popup = page.wait_for_selector(".leaflet-popup .event-pop")
    shown = popup.text_content()
    for value in (EVIDENCE, ACTOR, PLACE, SOURCE):
        assert value in shown
    w.check("/map event popup")


def open_site_and_board(w: Watched) -> None:
    w.open("/site/xss-site")
    assert w.page.title().startswith(SITE)
    main = w.text("main")
    for value in (SITE, CITY, EVIDENCE, ORDER):
        assert value in main, value[:20]
    w.open("/board")
    assert ORDER in w.text("main")
    w.open("/site/" + quote(PAYLOADS[0], safe=""))  # an error page naming what was asked for
    assert PAYLOADS[0] in w.text("main")


@pytest.mark.parametrize("username", ["admin1", "eu-liaison"])
def test_hostile_values_are_shown_as_text_and_never_run(page_as, live, username):
    plant(live.store)
    w = Watched(page_as(username), live.url)
    open_map(w)
    shot(w.page, f"hostile-map-{username}")
    open_site_and_board(w)
    shot(w.page, f"hostile-error-{username}")


def test_a_hostile_article_is_shown_as_text_in_its_preview_and_once_stored(page_as, live, monkeypatch):
    import legation.act.alerts
    import legation.store.incidents
    from legation.web import sources
    from tests.web.test_security import DroneExtractor

    monkeypatch.setattr(sources, "extractor", lambda: DroneExtractor())
    monkeypatch.setattr(legation.act.alerts, "after_ingest", lambda *a, **k: {})
    monkeypatch.setattr(legation.store.incidents, "refresh_after", lambda *a, **k: None)
    plant(live.store)
    sentence = f"Two drones attacked the base, said {hostile('QUOTE')}."
    w = Watched(page_as("admin1"), live.url)
    w.open("/read")
    w.page.get_by_label("Article text").fill(f"Drones hit a base\n\n{sentence}\n")
    w.page.get_by_label("Title (optional)").fill(HEADLINE)
    w.page.get_by_role("button", name="Extract events").click()
    w.page.wait_for_selector("[data-testid=preview]")
    w.check("/read preview")
    w.page.wait_for_function("document.activeElement && document.activeElement.id === 'found-h'")  # ingest.js
    assert HEADLINE in w.text("#found-h") and sentence in w.text("[data-testid=article]")
    assert w.page.locator("mark.ev-span").count() == 1
    w.page.get_by_role("button", name="Confirm and store").click()
    w.page.wait_for_selector("[data-testid=stored]")
    w.check("/read/confirm")
    done = w.text("main")
    assert HEADLINE in done and 'said QUOTE <img src=x onerror="' in done  # the evidence, shortened
    shot(w.page, "hostile-ingest-stored")
