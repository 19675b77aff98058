"""The site page's chart: daily counts, the surge rule, and the SVG and words it renders."""

from __future__ import annotations

import datetime as dt

from legation.web import chart

END = dt.date(2023, 10, 26)


def days_ago(*offsets: int) -> list[dt.date]:
    return [END - dt.timedelta(days=o) for o in offsets]


def test_a_burst_after_a_quiet_quarter_is_a_surge():
    daily = chart.daily_counts(days_ago(0, 1, 1, 2, 3, 60), END)
    assert daily.total == 6 and daily.counts[-2] == 2
    assert daily.surge_runs() == [(86, 89)]
    assert chart.summary(daily).endswith("Surge 23 Oct–26 Oct: 5 events.")


def test_a_steady_rate_is_no_surge():
    daily = chart.daily_counts(days_ago(*range(0, 90, 3)), END)
    assert daily.surge_runs() == [] and chart.summary(daily).endswith("No surge.")


def test_events_outside_the_window_are_not_counted():
    daily = chart.daily_counts(days_ago(-1, 90, 200), END)
    assert daily.total == 0


def test_svg_marks_the_surge_and_escapes_its_label():
    daily = chart.daily_counts(days_ago(0, 1, 2, 3), END)
    svg = chart.render(daily, "Events near <Embassy> & co")
    assert svg.count('class="surge"') == 1 and svg.count('class="bar"') == 4
    assert "Events near &lt;Embassy&gt; &amp; co" in svg and "<Embassy>" not in svg
