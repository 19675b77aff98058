"""legation.threat.v1 as a pure function: what raises a site's probability, what does not, and the drivers' words."""

from __future__ import annotations

import numpy as np
import pytest

from legation.assess.features import Reach, site_counts
from legation.assess.fit import newton_logistic
from legation.assess.model import assess, load_parameters
from legation.domain import Party, Place, TimeSpan
from tests.factories import make_event, make_site

BASE = dict(lat=33.80, lon=42.44)  # Ain al-Asad


@pytest.fixture(scope="module")
def params():
    return load_parameters()


def attack(day: str, km_north: float = 0.0, **kw):
    place = Place(text="near the base", name="near the base", country="IRQ", lat=BASE["lat"] + km_north / 111.0,
                  lon=BASE["lon"], precision="site")
    return make_event(date=TimeSpan(start=day, end=day, kind="exact"), location=place, **kw)


def base_site(**kw):
    return make_site(kind="military-base", radius_km=25, city="Anbar", **{**BASE, **kw})


def test_a_quiet_site_is_low_and_has_no_drivers(params):
    a = assess(base_site(), [], "2023-10-27", params)
    assert a.probability < 0.05 and a.level <= 2 and a.drivers == []
    assert a.model == "legation.threat.v1" and a.at == "2023-10-27"


def test_attacks_nearby_raise_the_level_and_are_named(params):
    events = [attack(f"2023-10-{d}", mode=["drone", "heavy-weapons"]) for d in (21, 23, 25)]
    quiet = assess(base_site(), [], "2023-10-27", params)
    a = assess(base_site(), events, "2023-10-27", params)
    assert a.probability > 3 * quiet.probability and a.level > quiet.level
    nearby = next(d for d in a.drivers if d.kind == "nearby")
    assert nearby.text.startswith("3 drone and rocket attacks within 25 km in the last 7 days")
    assert sorted(nearby.event_ids) == sorted(e.id for e in events) and nearby.weight > 0
    assert a.drivers == sorted(a.drivers, key=lambda d: -d.weight)


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
