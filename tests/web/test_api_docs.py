"""/api/docs in a real browser (headless chromium): Swagger UI from the package's own files draws the API under the
strict Content-Security-Policy, with nothing blocked and nothing fetched from another host."""

from __future__ import annotations

import pytest

from tests.web.conftest import LiveServer, shot
from tests.web.test_hostile_data import WATCH

pytestmark = pytest.mark.browser


def test_the_api_docs_draw_offline_under_the_csp(browser, seeded):
    from legation.api import create_app
    from legation.settings import Settings

    store, db, _ = seeded
    with LiveServer(create_app(Settings(db=str(db)), store)) as live:
        context = browser.new_context()
        context.add_init_script(WATCH)
        page = context.new_page()
        elsewhere = []
        page.on("request", lambda r: elsewhere.append(r.url) if not r.url.startswith((live.url, "data:")) else None)
        page.goto(f"{live.url}/api/docs")
        page.wait_for_selector(".swagger-ui .info .title", timeout=20_000)
        assert "Legation" in page.text_content(".swagger-ui .info .title")
        page.wait_for_selector(".opblock-tag-section")
        assert page.locator(".opblock-tag-section").count() >= 8  # health, auth, sites, reports, events, ...
        assert page.evaluate("window.__violations") == []
        assert elsewhere == []
        shot(page, "api-docs")
        context.close()
