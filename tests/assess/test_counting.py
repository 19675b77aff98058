"""The counting rule and coverage as units: days, publication, precision, and how long silence may last."""

from __future__ import annotations

import numpy as np

from legation.assess import counting
from legation.assess.coverage import MAX_SILENCE_DAYS, MIN_SILENCE_DAYS, from_reports


def day(iso: str) -> int:
    return counting.day_number(iso)


def test_an_event_happens_on_its_first_day_and_is_known_on_its_last_or_its_publication():
    first, known, weekly = counting.event_days(
        ["2014-01-02", "2014-01-02", "2014-01-01", "2014-01-01", None],
        ["2014-01-04", None, "2014-01-31", "2014-01-09", None],
        ["days", "day", "month", "days", None],
        [None, "2014-01-06T10:00:00", None, None, None])
    assert first[:2].tolist() == [day("2014-01-02")] * 2
    assert known[:2].tolist() == [day("2014-01-04"), day("2014-01-06")]
    assert weekly.tolist() == [True, True, False, False, False]  # a month; a 9-day range; no date at all


def test_precision_bounds_the_radius_an_event_speaks_for():
    km = counting.precision_km(["site", "city", "admin1", "country", "region", None])
    assert km[:3].tolist() == [1.0, 10.0, 50.0] and np.isinf(km[3:5]).all() and km[5] == 10.0
    assert counting.effective_distance(np.array([3.0, 12.0]), np.array([10.0, 10.0])).tolist() == [10.0, 12.0]
    assert counting.speaks_for("city", 25) and not counting.speaks_for("city", 5)
    assert counting.speaks_for("site", 5) and not counting.speaks_for("country", 10_000)


def test_a_source_covers_an_area_for_as_long_as_it_usually_stays_silent():
    daily = [("acled", day("2023-01-01") + i) for i in range(200)]  # daily until 2023-07-19
    last = day("2023-07-19")
    assert from_reports(last + MIN_SILENCE_DAYS, daily).known
    assert not from_reports(last + MIN_SILENCE_DAYS + 1, daily).known
    rare = [("article", day("2023-01-01") + 90 * i) for i in range(3)]  # one a quarter, last 2023-06-30
    assert from_reports(day("2023-06-30") + 150, rare).known
    assert not from_reports(day("2023-06-30") + MAX_SILENCE_DAYS + 1, rare).known
    stale = from_reports(day("2023-10-27"), [("ucdp", day("2018-12-25"))])
    assert stale.words() == "no coverage since 2018-12-25" and stale.to_dict()["status"] == "unknown"
    assert from_reports(day("2023-10-27"), []).since is None
    assert not from_reports(day("2018-12-20"), [("ucdp", day("2018-12-25"))]).sources  # not yet reported
