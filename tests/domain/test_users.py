"""Need to know, as pure rules: what a liaison may see of sites, events, incidents, reports, orders and tasks; and
the sign-in throttle's back-off and lockout on a clock the test moves."""

from __future__ import annotations

import datetime as dt

import pytest

from legation.domain.orders import Order, Scope, Selector
from legation.domain.users import (
    FREE_FAILURES,
    LIAISON_REACH_KM,
    LOCKOUT_FAILURES,
    LOCKOUT_SECONDS,
    SignInThrottle,
    TooManyAttempts,
    User,
    in_reach,
    reach,
    redact_order,
    visible_assessment,
    visible_audit_entry,
    visible_event,
    visible_incident,
    visible_order,
    visible_orders,
    visible_report,
    visible_site,
)
from tests.factories import make_event, make_site

EU = User("eu1", "liaison", organisation="EUU")
COMMANDER = User("cmd1", "commander")
SITES = [make_site(id="eu-del", sending_state="EUU", lat=33.31, lon=44.42, radius_km=5.0),
         make_site(id="usa-emb", sending_state="USA", lat=33.298, lon=44.395),
         make_site(id="eu-far", sending_state="EUU", lat=36.19, lon=44.01, kind="military-base", radius_km=80.0)]
T0 = dt.datetime(2023, 10, 25, 8, tzinfo=dt.UTC)


def _at(lat, lon):
    from legation.domain.records import Place
    return make_event(location=Place(text="x", name="x", lat=lat, lon=lon, precision="city"))


def test_a_liaison_reaches_their_own_sites_by_the_named_radius_or_a_larger_site_radius():
    assert reach(COMMANDER, SITES) is None and reach(None, SITES) == ()
    assert reach(EU, SITES) == ((33.31, 44.42, LIAISON_REACH_KM), (36.19, 44.01, 80.0))
    circles = reach(EU, SITES)
    assert in_reach(circles, 33.5, 44.42)  # about 21 km north of the delegation
    assert not in_reach(circles, 33.8, 42.44)  # Ain al-Asad, some 190 km away
    assert in_reach(circles, 36.19 + 0.6, 44.01)  # 67 km from the base, inside its own 80 km radius
    assert not in_reach(circles, None, None) and in_reach(None, None, None)


def test_events_incidents_and_reports_follow_the_one_reach():
    near, far, nowhere = _at(33.35, 44.40), _at(33.8, 42.44), _at(None, None)
    assert visible_event(EU, near, SITES) and not visible_event(EU, far, SITES)
    assert not visible_event(EU, nowhere, SITES) and visible_event(COMMANDER, far, SITES)
    assert visible_event(EU, near.to_dict(), SITES) and not visible_event(EU, far.to_dict(), SITES)
    assert visible_incident(EU, {"lat": 33.35, "lon": 44.4}, SITES)
    assert not visible_incident(EU, {"lat": 33.8, "lon": 42.44}, SITES)
    assert visible_report(EU, [far, near], SITES) and not visible_report(EU, [far], SITES)
    assert not visible_report(EU, [], SITES) and visible_report(COMMANDER, [], SITES)
    assert not visible_event(None, near, SITES)


def test_sites_assessments_and_audit_entries():
    assert [s.id for s in SITES if visible_site(EU, s)] == ["eu-del", "eu-far"]
    assert visible_assessment(EU, {"sending_state": "EUU"}) and not visible_assessment(EU, {"sending_state": "USA"})
    assert not visible_audit_entry(EU, {}) and visible_audit_entry(COMMANDER, {})


def _order(state="issued", sites=("eu-del", "usa-emb"), selectors=(), parent=None, resolved=None):
    order = Order(id="ord-0001", issuer="hq", recipients=["unit-a"], measures=["cordon"], valid_from=T0,
                  scope=Scope(sites=tuple(sites), selectors=tuple(Selector.parse(s) for s in selectors)),
                  state=state, parent=parent)
    order.sites = list(resolved if resolved is not None else (sites if state != "draft" else ()))
    return order


def test_a_liaison_sees_no_draft_and_only_orders_over_their_own_sites():
    assert visible_order(EU, _order(), SITES) and visible_order(COMMANDER, _order(state="draft"), SITES)
    assert not visible_order(EU, _order(state="draft", sites=("eu-del",)), SITES)
    assert not visible_order(EU, _order(sites=("usa-emb",)), SITES)
    assert not visible_order(None, _order(), SITES)
    # an order over a site that left the registry shows nobody who is limited to their own sites that site
    assert not visible_order(EU, _order(sites=("gone",)), SITES)


def test_an_order_shown_to_a_liaison_names_and_counts_only_their_sites():
    order = _order(sites=("usa-emb",), selectors=("sending_state=EUU",), resolved=["usa-emb", "eu-del", "eu-far"])
    shown = redact_order(EU, order, SITES)
    assert shown.sites == ["eu-del", "eu-far"] and shown.scope == Scope(sites=("eu-del", "eu-far"))
    assert "usa-emb" not in str(shown.to_dict())
    assert order.sites == ["usa-emb", "eu-del", "eu-far"]  # the order itself is untouched
    assert redact_order(COMMANDER, order, SITES) is order


def test_tasks_are_orders_under_the_same_rule():
    tasks = [_order(sites=("usa-emb",), parent="ord-0001@1"), _order(sites=("eu-del",), parent="ord-0001@1")]
    assert [t.sites for t in visible_orders(EU, tasks, SITES)] == [["eu-del"]]
    assert len(visible_orders(COMMANDER, tasks, SITES)) == 2


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_the_throttle_backs_off_exponentially_after_the_free_failures():
    clock = Clock()
    throttle = SignInThrottle(clock)
    keys = ["user:ana", "addr:10.0.0.1"]
    for _ in range(FREE_FAILURES - 1):
        assert throttle.attempt(keys) is False
        assert throttle.wait(keys) == 0
    throttle.attempt(keys)
    waits = []
    for _ in range(4):
        with pytest.raises(TooManyAttempts) as refused:
            throttle.attempt(keys)
        waits.append(refused.value.retry_after)
        assert refused.value.status == 429
        clock.now += refused.value.retry_after
        throttle.attempt(keys)
    assert waits == [1, 2, 4, 8]


def test_a_right_password_clears_the_name_and_gives_the_address_its_attempt_back():
    clock = Clock()
    throttle = SignInThrottle(clock)
    for _ in range(FREE_FAILURES - 1):
        throttle.attempt(["user:ana", "addr:a"])
    throttle.attempt(["user:ana", "addr:a"])  # the fifth, counted in advance ...
    throttle.succeeded(["user:ana", "addr:a"])  # ... and it was right
    assert throttle.wait(["user:ana"]) == 0 and throttle.wait(["addr:a"]) == 0
    throttle.attempt(["user:bob", "addr:a"])  # a fifth failure from the address: now it waits
    assert throttle.wait(["addr:a"]) > 0 and throttle.wait(["user:ana"]) == 0


def test_a_name_is_locked_out_after_many_failures_and_it_is_reported_once_per_lockout():
    clock = Clock()
    throttle = SignInThrottle(clock)
    reported = []
    for _ in range(LOCKOUT_FAILURES):
        clock.now += 10_000
        reported.append(throttle.attempt(["user:ana"]))
    assert reported == [False] * (LOCKOUT_FAILURES - 1) + [True]
    assert throttle.wait(["user:ana"]) == LOCKOUT_SECONDS
    assert throttle.attempt(["addr:b"]) is False  # an address is never "locked out", only slowed
