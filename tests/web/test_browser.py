"""The operations room in a real browser (headless chromium): sign in per role, the map, a site, orders, ingest."""

from __future__ import annotations

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
    assert page.locator(".ev, .marker-cluster").count() > 0  # events drawn (clustered)
    shot(page, "map-operations-officer")
