"""The map follows the live feed: a site whose level changes is drawn again at its new level, without a reload."""

import pytest

from tests.web.test_live import EU, record_level, subscribe_and_alert


@pytest.mark.browser
def test_a_level_change_recolours_its_site_on_the_open_map(page_as, live):
    page = page_as("ops1")
    page.wait_for_selector("#live[data-state=live]")
    dot = page.locator(f"path.site[data-site='{EU}']")
    dot.wait_for()
    before = dot.get_attribute("data-level")
    page.evaluate("window.__kept = true")  # gone if the page were reloaded
    new = 5 if before != "5" else 6
    subscribe_and_alert(live.store, record_level(live.store, EU, int(before or 0), new))
    page.wait_for_selector(f"path.site[data-site='{EU}'][data-level='{new}']")
    row = page.locator(f"#site-rows tr[data-site='{EU}']")
    assert row.get_attribute("data-level") == str(new)  # the list beside the map too
    assert page.evaluate("window.__kept === true")
