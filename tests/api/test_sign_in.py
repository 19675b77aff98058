"""Signing in under attack: back-off per user name and per client address (429 with Retry-After), no password
hashing while blocked, an audited lockout after many failures, counts that every server process shares; and the
audit trail's filters taken literally."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.api.conftest import PASSWORD


def _sign_in(api, username: str, password: str):
    return api.client.post("/api/v1/auth/token", json={"username": username, "password": password})


@pytest.fixture
def clock(monkeypatch):
    """The sign-in throttle on a clock the test moves (seconds since the epoch)."""
    from legation.store import users

    now = [1_900_000_000.0]
    monkeypatch.setattr(users, "_clock", lambda: now[0])
    return now


@pytest.fixture
def hashes(monkeypatch):
    """How many times a password was checked against its argon2 hash."""
    from legation.store import users

    count = [0]
    real = users._hasher

    class Counted:
        def verify(self, stored, password):
            count[0] += 1
            return real.verify(stored, password)

        def hash(self, password):
            return real.hash(password)

    monkeypatch.setattr(users, "_hasher", Counted())
    return count


def test_guessing_a_password_gets_429_with_retry_after_and_costs_no_hashing(api, clock, hashes):
    from legation.domain.users import FREE_FAILURES

    answers = [_sign_in(api, "ana1", f"guess number {n}") for n in range(FREE_FAILURES)]
    assert [a.status_code for a in answers] == [401] * FREE_FAILURES and hashes[0] == FREE_FAILURES
    for password in ("another guess", PASSWORD):  # blocked: even the right password waits
        blocked = _sign_in(api, "ana1", password)
        assert blocked.status_code == 429 and blocked.json()["error"]["code"] == "too_many_attempts"
        assert int(blocked.headers["retry-after"]) >= 1
    assert hashes[0] == FREE_FAILURES  # the throttle answered before any hash was computed
    clock[0] += int(blocked.headers["retry-after"])
    assert _sign_in(api, "ana1", PASSWORD).status_code == 201


def test_the_back_off_doubles_after_each_further_failure(api, clock):
    from legation.domain.users import FREE_FAILURES

    for n in range(FREE_FAILURES):
        _sign_in(api, "ana1", f"guess {n}")
    waits = []
    for n in range(3):
        wait = int(_sign_in(api, "ana1", "blocked").headers["retry-after"])
        waits.append(wait)
        clock[0] += wait
        assert _sign_in(api, "ana1", f"late guess {n}").status_code == 401
    assert waits == [1, 2, 4]


def test_one_address_guessing_many_names_is_slowed_too(api, clock):
    from legation.domain.users import FREE_FAILURES

    names = [f"someone{n}" for n in range(FREE_FAILURES)]
    assert {_sign_in(api, name, "a guess").status_code for name in names} == {401}
    assert _sign_in(api, "another-name", "a guess").status_code == 429


def test_many_failures_lock_the_name_out_and_the_audit_trail_says_so(api, clock):
    from legation.domain.users import LOCKOUT_FAILURES, LOCKOUT_SECONDS

    for n in range(LOCKOUT_FAILURES):
        clock[0] += 3600  # wait out every back-off: only the count matters
        assert _sign_in(api, "ana1", f"guess {n}").status_code == 401
    locked = _sign_in(api, "ana1", PASSWORD)
    assert locked.status_code == 429 and int(locked.headers["retry-after"]) == int(LOCKOUT_SECONDS)
    entries = api.get("/api/v1/audit?action=user.lockout").json()["items"]
    assert [(e["entity"], e["entity_id"], e["actor"]) for e in entries] == [("user", "ana1", "system")]
    clock[0] += LOCKOUT_SECONDS
    assert _sign_in(api, "ana1", PASSWORD).status_code == 201


def test_the_web_login_is_throttled_by_the_same_rule(api, clock):
    from legation.domain.users import FREE_FAILURES

    for n in range(FREE_FAILURES):
        page = api.client.post("/login", data={"username": "ana1", "password": f"guess {n}"}, follow_redirects=False)
        assert page.status_code == 401
    page = api.client.post("/login", data={"username": "ana1", "password": PASSWORD}, follow_redirects=False)
    assert page.status_code == 429 and int(page.headers["retry-after"]) >= 1
    assert "too many failed sign-ins" in page.text
    assert _sign_in(api, "ana1", PASSWORD).status_code == 429  # the API counts the same failures


def test_the_counts_are_shared_by_every_app_on_the_database(api, clock, tmp_path):
    """A second server process (here, a second app over the same database) sees the first one's failures."""
    from fastapi.testclient import TestClient

    from legation.api import create_app
    from legation.domain.users import FREE_FAILURES
    from tests.api.conftest import settings_for

    for n in range(FREE_FAILURES):
        assert _sign_in(api, "ana1", f"guess {n}").status_code == 401
    other = create_app(settings_for(tmp_path / "api.db"), api.store)
    with TestClient(other, raise_server_exceptions=False) as client:
        answer = client.post("/api/v1/auth/token", json={"username": "ana1", "password": PASSWORD})
    assert answer.status_code == 429


def test_audit_entries_between_since_and_until(api):
    now = dt.datetime.now(dt.UTC)
    everything = api.get("/api/v1/audit?limit=500").json()["items"]
    assert everything
    hour = dt.timedelta(hours=1)
    window = api.get("/api/v1/audit", params={"since": (now - hour).isoformat(), "until": (now + hour).isoformat(),
                                               "limit": 500}).json()["items"]
    assert [e["seq"] for e in window] == [e["seq"] for e in everything]
    assert api.get("/api/v1/audit", params={"since": (now + hour).isoformat()}).json()["items"] == []
    assert api.get("/api/v1/audit", params={"until": (now - hour).isoformat()}).json()["items"] == []
    assert api.get("/api/v1/audit?since=2023-01-01&until=2023-01-01").status_code == 400
    # the same moments written with an offset
    east = dt.timezone(dt.timedelta(hours=5))
    shifted = api.get("/api/v1/audit", params={"since": (now - hour).astimezone(east).isoformat(),
                                                "until": (now + hour).astimezone(east).isoformat(), "limit": 500})
    assert [e["seq"] for e in shifted.json()["items"]] == [e["seq"] for e in everything]
    assert api.get("/api/v1/audit", params={"since": (now + hour).astimezone(east).isoformat()}).json()["items"] == []
    assert api.get("/api/v1/audit?since=0001-01-01T00:00:00%2B14:00").json()["items"]


@pytest.mark.parametrize("wildcard", ["%", "_", "%%", "a%"])
def test_wildcards_in_filters_are_plain_characters(api, wildcard):
    assert api.get("/api/v1/audit", params={"actor": wildcard}).json()["items"] == []
    assert api.get("/api/v1/audit", params={"action": wildcard}).json()["items"] == []
    assert api.get("/api/v1/events", params={"actor": wildcard}).json()["items"] == []
    assert api.get("/api/v1/events", params={"actor": "militias"}).json()["items"]


def test_a_new_password_from_an_admin_lifts_the_lockout(api, clock):
    """The name's lockout is lifted; the address that did the guessing stays slowed (the API's answer), so the
    user signs in from elsewhere (the library's call, with no address)."""
    from legation.domain.users import LOCKOUT_FAILURES, TooManyAttempts
    from legation.store.users import authenticate, set_password

    for n in range(LOCKOUT_FAILURES):
        clock[0] += 3600
        _sign_in(api, "ana1", f"guess {n}")
    with api.store.begin() as conn, pytest.raises(TooManyAttempts):
        authenticate(conn, "ana1", PASSWORD)
    with api.store.begin() as conn:
        set_password(conn, "ana1", "a brand new passphrase")
    with api.store.begin() as conn:
        assert authenticate(conn, "ana1", "a brand new passphrase").username == "ana1"
    assert _sign_in(api, "ana1", "a brand new passphrase").status_code == 429  # the guessing address
