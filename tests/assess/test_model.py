"""legation.threat.v2 as a pure function: what raises a site's probability, what does not, the drivers' words, what
counts (precision, dates, publication) and what it does not know (coverage)."""

from __future__ import annotations

import numpy as np
import pytest

from legation.assess.features import Reach, site_counts
from legation.assess.fit import newton_logistic
from legation.assess.model import assess as _assess
from legation.assess.model import load_parameters
from legation.domain import Evidence, Party, Place, TimeSpan
from tests.factories import make_event, make_site

BASE = dict(lat=33.80, lon=42.44)  # Ain al-Asad
BASRA = Place(text="Basra", name="Basra", country="IRQ", lat=30.51, lon=47.81, precision="city")


def report_from_iraq(day: str = "2023-10-20"):
    """A peaceful event 500 km away: something reports from Iraq, so silence near the base is calm, not unknown."""
    return make_event(type="PROTEST", mode=["demo"], location=BASRA, actors=[], recipients=[],
                      date=TimeSpan(start=day, end=day, kind="exact"))


def assess(site, events, at, params, covered: bool = True):
    return _assess(site, list(events) + ([report_from_iraq()] if covered else []), at, params)


@pytest.fixture(scope="module")
def params():
    return load_parameters()


def attack(day: str, km_north: float = 0.0, **kw):
    place = Place(text="near the base", name="near the base", country="IRQ", lat=BASE["lat"] + km_north / 111.0,
                  lon=BASE["lon"], precision="site")
    return make_event(date=TimeSpan(start=day, end=day, kind="exact"), location=place, **kw)


def base_site(**kw):
    return make_site(kind="military-base", radius_km=25, city="Anbar", **{**BASE, **kw})


def test_a_quiet_site_is_minimal_and_has_no_drivers(params):
    """A base and an embassy with nothing near them, in a country that is reported from: level 1."""
    a = assess(base_site(), [], "2023-10-27", params)
    assert a.probability < 0.01 and a.level == 1 and a.drivers == [] and a.coverage["status"] == "covered"
    assert a.model == "legation.threat.v2" and a.at == "2023-10-27"
    assert assess(make_site(kind="embassy", radius_km=5, **BASE), [], "2023-10-27", params).level == 1


def test_no_coverage_is_an_unknown_level_never_a_low_one(params):
    """Nothing reported from the area since 2018: no level, no probability, and since when, in words."""
    old = report_from_iraq("2018-12-20")
    a = _assess(base_site(), [old], "2023-10-27", params)
    assert a.level is None and a.probability is None and a.known is False
    assert a.coverage["status"] == "unknown" and a.coverage["since"] == "2018-12-20"
    assert a.level_name == "Unknown — no coverage since 2018-12-20"
    assert a.drivers[0].kind == "coverage" and "no coverage since 2018-12-20" in a.drivers[0].text
    assert a.to_dict()["level"] is None
    never = _assess(base_site(), [], "2023-10-27", params)
    assert never.level is None and never.coverage["since"] is None
    assert _assess(base_site(), [report_from_iraq("2023-10-01")], "2023-10-27", params).level == 1


def test_an_event_published_after_the_date_does_not_count(params):
    """Replaying 2023-10-27 must not see a report published on the 30th about an attack on the 25th."""
    late = attack("2023-10-25")
    late.extra["known"] = "2023-10-30"
    quiet = assess(base_site(), [], "2023-10-27", params).probability
    assert assess(base_site(), [late], "2023-10-27", params).probability == pytest.approx(quiet)
    assert assess(base_site(), [late], "2023-10-30", params).probability > quiet


def test_a_city_point_speaks_for_the_city_not_for_a_5_km_circle(params):
    """Attacks placed only to Baghdad's point, 3 km from an embassy: counted for a 25 km base; for the 5 km embassy
    the reports cannot say, so its probability speaks for the city (10 km) and a driver says so — never a quiet 1.
    An embassy 12 km out, outside the city's 10 km, stays at its own 5 km."""
    centre = Place(text="Baghdad", name="Baghdad", country="IRQ", lat=33.34, lon=44.40, precision="city")
    events = [make_event(location=centre, date=TimeSpan(start=f"2023-10-{d}", end=f"2023-10-{d}", kind="exact"),
                         recipients=[]) for d in (22, 24)]
    embassy = make_site(kind="embassy", radius_km=5, lat=33.34 + 3 / 111, lon=44.40)
    base = make_site(kind="military-base", radius_km=25, lat=33.34 + 3 / 111, lon=44.40)
    e, b = assess(embassy, events, "2023-10-27", params), assess(base, events, "2023-10-27", params)
    assert next(d for d in b.drivers if d.kind == "nearby").text.startswith("2 drone attacks within 25 km")
    assert b.scope_km == 25
    assert e.scope_km == 10 and e.radius_km == 5 and e.level > 1
    assert next(d for d in e.drivers if d.kind == "nearby").text.startswith("2 drone attacks within 10 km")
    precision = next(d for d in e.drivers if d.kind == "precision")
    assert precision.text.startswith("attacks here are placed only to the city (±10 km): this probability is of an "
                                     "attack within 10 km — in the city — not within 5 km of the site")
    assert sorted(precision.event_ids) == sorted(x.id for x in events)
    outside = assess(make_site(kind="embassy", radius_km=5, lat=33.34 + 12 / 111, lon=44.40), events,
                     "2023-10-27", params)
    assert outside.scope_km == 5 and not any(d.kind == "nearby" for d in outside.drivers)


def test_an_event_counts_on_its_first_day_and_month_dated_ones_not_at_all(params):
    """A range 20–26 October is dated the 20th: not in the 7 days to the 27th (its last day would be)."""
    ranged = attack("2023-10-20")
    ranged.date = TimeSpan(start="2023-10-20", end="2023-10-26", precision="days", kind="range")
    a = assess(base_site(), [ranged], "2023-10-27", params)
    assert next(d for d in a.drivers if d.kind == "nearby").text == ("no attack within 25 km in 7 days, but 1 drone "
                                                                     "attack in 30 days")
    monthly = attack("2023-10-01")
    monthly.date = TimeSpan(start="2023-10-01", end="2023-10-31", precision="month", kind="range")
    quiet = assess(base_site(), [], "2023-11-02", params).probability
    assert assess(base_site(), [monthly], "2023-11-02", params).probability == pytest.approx(quiet)


def test_attacks_nearby_raise_the_level_and_are_named(params):
    said = Evidence(sentence="Drones and rockets struck the base.", start=0, end=34)
    events = [attack(f"2023-10-{d}", mode=["drone", "heavy-weapons"], evidence=said) for d in (21, 23, 25)]
    quiet = assess(base_site(), [], "2023-10-27", params)
    a = assess(base_site(), events, "2023-10-27", params)
    assert a.probability > 3 * quiet.probability and a.level > quiet.level
    nearby = next(d for d in a.drivers if d.kind == "nearby")
    assert nearby.text.startswith("3 drone and rocket attacks within 25 km in the last 7 days")
    assert sorted(nearby.event_ids) == sorted(e.id for e in events) and nearby.weight > 0
    assert a.drivers == sorted(a.drivers, key=lambda d: -d.weight)


def test_a_site_busier_than_any_the_fit_saw_is_read_as_the_busiest_one(params):
    """Counts beyond the training feed's range are not extrapolated: 80 and 240 attacks in a week (more than any
    site-week the shipped fit saw) weigh the same in the nearby driver (only the area's 3-year rate, still inside
    the range, tells them apart)."""
    assert np.expm1(max(params.weights["high"][:2])) < 80
    many = [attack("2023-10-25") for _ in range(80)]
    busy = assess(base_site(), many, "2023-10-27", params)
    busier = assess(base_site(), many * 3, "2023-10-27", params)
    near = [next(d for d in a.drivers if d.kind == "nearby") for a in (busy, busier)]
    assert near[0].weight == near[1].weight > 0 and busy.level >= 3
    assert near[0].text.startswith("80 ") and near[1].text.startswith("240 ")


def test_negated_hypothetical_future_and_peaceful_events_do_not_count(params):
    quiet = assess(base_site(), [], "2023-10-27", params).probability
    ignored = [attack("2023-10-25", negated=True), attack("2023-10-25", hypothetical=True),
               attack("2023-10-29"),  # after the assessment date: no look-ahead
               attack("2023-10-25", type="PROTEST", mode=["demo"])]
    assert assess(base_site(), ignored, "2023-10-27", params).probability == pytest.approx(quiet)
    riot = assess(base_site(), [attack("2023-10-25", type="PROTEST", mode=["riot"])], "2023-10-27", params)
    assert riot.probability > quiet


def test_distance_matters(params):
    close = assess(base_site(), [attack("2023-10-25", km_north=2)], "2023-10-27", params).probability
    far = assess(base_site(), [attack("2023-10-25", km_north=40)], "2023-10-27", params).probability
    beyond = assess(base_site(), [attack("2023-10-25", km_north=300)], "2023-10-27", params).probability
    assert close > far > beyond


def test_attacks_on_the_sending_state_raise_its_mission_more(params):
    """Attacks on US forces elsewhere in Iraq raise the US embassy, not the Swiss one beside it."""
    on_us = [attack(f"2023-10-{d}", km_north=150) for d in (20, 22, 24)]  # US recipients, 150 km away
    us = assess(make_site(id="usa", sending_state="USA", **BASE), on_us, "2023-10-27", params)
    ch = assess(make_site(id="che", sending_state="CHE", **BASE), on_us, "2023-10-27", params)
    assert us.probability > ch.probability
    targeting = next(d for d in us.drivers if d.kind == "targeting")
    assert "3" in targeting.text and "USA targets" in targeting.text and "Iran-backed militias" in targeting.text
    assert not any(d.kind == "targeting" for d in ch.drivers)


def test_an_advisory_of_the_sending_state_is_a_driver(params):
    advisory = make_event(type="ADVISORY", mode=["ordered-departure"],
                          actors=[Party(text="US State Department", kind="government", country="USA")],
                          recipients=[], location=Place(text="Iraq", name="Iraq", country="IRQ", lat=33.0,
                                                        lon=44.0, precision="country"),
                          date=TimeSpan(start="2023-10-22", end="2023-10-22", kind="exact"))
    us = assess(make_site(sending_state="USA", **BASE), [advisory], "2023-10-27", params)
    gb = assess(make_site(sending_state="GBR", **BASE), [advisory], "2023-10-27", params)
    assert us.probability > gb.probability
    assert [d.kind for d in us.drivers] == ["advisory"] and "USA raised" in us.drivers[0].text


def test_a_surge_is_reported_against_the_rate_before(params):
    earlier = [attack(f"2023-08-{d:02d}", km_north=40) for d in (5, 20)]
    this_week = [attack(f"2023-10-{d}", km_north=40) for d in (21, 22, 23, 24, 25, 26)]
    a = assess(base_site(), earlier + this_week, "2023-10-27", params)
    surge = next(d for d in a.drivers if d.kind == "surge")
    assert surge.text == "6 drone attacks within 100 km in 7 days — 36× the weekly rate of the 12 weeks before"


def test_window_counts_see_only_the_past():
    reach = Reach.of(25)
    dist = np.array([1.0, 10.0, 30.0, 1.0, 1.0])
    day = np.array([99, 95, 99, 80, 100])  # the last is on the origin day: the future
    c = site_counts(dist, day, np.array([100]), reach)
    assert (c.n7[0], c.n30[0], c.area7[0], c.weeks52[0], c.days_since[0]) == (2, 3, 3, 2, 0)
    assert c.weeks156[0] == 2 and c.base_rate()[0] == pytest.approx(2.5 / 157)


def test_newton_logistic_matches_scikit_learn():
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(1)
    X = rng.normal(size=(2000, 3))
    y = (rng.random(2000) < 1 / (1 + np.exp(-(X @ [1.0, -2.0, 0.5] - 1)))).astype(float)
    ours = newton_logistic(X, y, l2=2.0)
    ref = LogisticRegression(C=0.5).fit(X, y)
    assert ours[1:] == pytest.approx(ref.coef_[0], abs=1e-3) and ours[0] == pytest.approx(ref.intercept_[0], abs=1e-3)


def test_the_decaying_sum_is_scipys_lfilter_to_the_last_bit():
    from scipy.signal import lfilter

    from legation.assess.features import decay

    rng = np.random.default_rng(7)
    x = rng.poisson(0.4, size=(6, 3, 500)) * rng.random((6, 3, 500))
    keep = np.exp(-1.0 / 14.0)
    assert np.array_equal(decay(x, keep), lfilter([1.0], [1.0, -keep], x, axis=-1))
    assert decay(np.array([1.0, 0.0, 0.0]), 0.5).tolist() == [1.0, 0.5, 0.25]


def test_drivers_name_the_means_a_report_or_a_feed_gives(params):
    """Heavy weapons are named by the report's own word (shelling is not 'rocket'), a feed's means by the feed's."""
    shelled = [attack(f"2023-10-{d}", mode=["heavy-weapons"],
                      evidence=Evidence(sentence="Artillery shelled the base overnight.", start=0, end=36))
               for d in (24, 25)]
    text = next(d for d in assess(base_site(), shelled, "2023-10-27", params).drivers if d.kind == "nearby").text
    assert text.startswith("2 shelling attacks within 25 km")
    unnamed = [attack("2023-10-25", mode=["heavy-weapons"],
                      evidence=Evidence(sentence="The base came under fire.", start=0, end=25))]
    text = next(d for d in assess(base_site(), unnamed, "2023-10-27", params).drivers if d.kind == "nearby").text
    assert text.startswith("1 rocket or artillery attack within 25 km")
    aerial = attack("2023-10-25", mode=["aerial"], source_codes={"means": "air strike"})
    text = next(d for d in assess(base_site(), [aerial], "2023-10-27", params).drivers if d.kind == "nearby").text
    assert text.startswith("1 air strike attack within 25 km")


def test_single_source_gdelt_rows_alone_raise_a_level_one_step_at_most(params):
    """Ten GDELT rows from one source each, near a quiet base, move it one step; the same as ACLED rows, further."""
    def rows(source, confidence):
        return [attack(f"2023-10-{d}", mode=["heavy-weapons"], source=source, confidence=confidence)
                for d in range(17, 27)]

    quiet = assess(base_site(), [], "2023-10-27", params)
    gdelt = assess(base_site(), rows("gdelt", 0.15), "2023-10-27", params)
    acled = assess(base_site(), rows("acled", 0.15), "2023-10-27", params)
    assert acled.level >= quiet.level + 2  # the rule is about GDELT's single sources, not confidence as such
    assert gdelt.level == quiet.level + 1 and gdelt.probability == pytest.approx(acled.probability)
    capped = next(d for d in gdelt.drivers if d.kind == "capped")
    assert "10 of the attacks near it are single-source GDELT reports" in capped.text and len(capped.event_ids) == 10
    corroborated = assess(base_site(), rows("gdelt", 0.55), "2023-10-27", params)
    assert corroborated.level == acled.level and all(d.kind != "capped" for d in corroborated.drivers)
