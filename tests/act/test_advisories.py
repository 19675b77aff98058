import datetime as dt

import pytest

from legation.act import advisories
from legation.domain import InputError, Party, Place, TimeSpan
from legation.store.events import upsert_events
from tests.factories import make_event

AT = dt.date(2023, 10, 27)


def _attacks(store, n):
    events = [make_event(date=TimeSpan(start=f"2023-10-{10 + i:02d}", end=f"2023-10-{10 + i:02d}", kind="exact"),
                         location=Place(name="Erbil", country="IRQ", lat=36.19, lon=44.01, precision="city"))
              for i in range(n)]
    with store.begin() as conn:
        upsert_events(conn, events)


def test_a_burst_of_attacks_lifts_the_proposal(store):
    _attacks(store, 3)
    with store.connect() as conn:
        calm = advisories.propose(conn, "IRQ", AT)
    _attacks(store, 12)
    with store.connect() as conn:
        burst = advisories.propose(conn, "IRQ", AT)
    assert burst["level"] == calm["level"] + 1
    assert any("attack(s) reported in IRQ" in r for r in burst["reasons"])


def test_draft_publish_history_and_diff(store):
    _attacks(store, 3)
    with store.begin() as conn:
        first = advisories.draft(conn, "IRQ", at=AT)
        advisories.publish(conn, "IRQ")
        second = advisories.draft(conn, "IRQ", level=4, summary="Do not travel to Iraq.", at=AT)
        history = advisories.history(conn, "IRQ")
        diff = advisories.diff(conn, "IRQ", 1, 2)
    assert [(h["version"], h["status"]) for h in history] == [(1, "published"), (2, "draft")]
    assert first["version"] == 1 and second["level"] == 4
    assert "+IRQ — Level 4: Do Not Travel" in diff
    assert "+- level set by analyst to 4" in diff


def test_foreign_advisories_are_shown_beside_ours(store):
    advisory = make_event(type="ADVISORY", mode=["raise"],
                          actors=[Party(text="US", name="United States", kind="state", country="USA")],
                          recipients=[Party(text="Iraq", kind="state", country="IRQ")],
                          location=Place(name="Iraq", country="IRQ", lat=33.0, lon=44.0, precision="country"))
    with store.begin() as conn:
        upsert_events(conn, [advisory])
        found = advisories.foreign_advisories(conn, "IRQ")
    assert [(f["issuer"], f["mode"]) for f in found] == [("United States", ["raise"])]


def test_bad_area_and_level_are_refused(store):
    with store.begin() as conn:
        with pytest.raises(InputError, match="ISO alpha-3"):
            advisories.propose(conn, "Iraq", AT)
        with pytest.raises(InputError, match="1..4"):
            advisories.draft(conn, "IRQ", level=7, at=AT)


def test_an_area_nothing_reports_from_is_never_proposed_level_1(store):
    """No event from Iraq at all, or none since 2018: the proposal is at least 2, and says why."""
    with store.connect() as conn:
        never = advisories.propose(conn, "IRQ", AT)
    assert never["level"] == 2 and never["coverage"]["status"] == "unknown"
    assert any("no source has ever reported from IRQ" in r and "silence is not safety" in r
               for r in never["reasons"])
    old = make_event(date=TimeSpan(start="2018-12-25", end="2018-12-25", kind="exact"),
                     location=Place(name="Erbil", country="IRQ", lat=36.19, lon=44.01, precision="city"))
    with store.begin() as conn:
        upsert_events(conn, [old])
    with store.connect() as conn:
        stale = advisories.propose(conn, "IRQ", AT)
        then = advisories.propose(conn, "IRQ", dt.date(2018, 12, 28))
    assert stale["level"] == 2 and any("no coverage of IRQ since 2018-12-25" in r for r in stale["reasons"])
    assert then["level"] == 1 and then["coverage"]["status"] == "covered"


@pytest.fixture(autouse=True)
def acting_as_a_test_user():
    """Writes made directly through the store here are made by a named test user (the audit log names everyone)."""
    from legation.store.audit import acting_as

    with acting_as("test:act"):
        yield
