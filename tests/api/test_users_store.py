"""Users, passwords and tokens in the store; the pure access rules of domain/users.py."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlalchemy as sa

from legation.domain.errors import Conflict, InputError, NotFound
from legation.domain.users import PERMISSIONS, ROLES, Unauthenticated, User, can, commands_unit, visible_site
from legation.store import users
from legation.store.audit import acting_as, verify
from tests.factories import make_site


def test_password_and_token_round_trip(store):
    with store.begin() as conn, acting_as("admin1"):
        users.add_user(conn, User("ana", "analyst"), password="correct horse")
        token = users.issue_token(conn, "ana", ttl_days=5)
    with store.begin() as conn:
        assert users.authenticate(conn, "ana", "correct horse") == User("ana", "analyst")
        assert users.user_for_token(conn, token).role == "analyst"
        with pytest.raises(Unauthenticated, match="wrong username or password"):
            users.authenticate(conn, "ana", "wrong horse!")
        with pytest.raises(Unauthenticated, match="wrong username or password"):
            users.authenticate(conn, "nobody", "correct horse")
        with pytest.raises(Unauthenticated, match="unknown"):
            users.user_for_token(conn, token + "x")
        rows = conn.execute(sa.text("SELECT digest FROM api_tokens")).all()
        assert token not in str(rows)  # stored hashed only
        assert verify(conn)[1] is None


def test_revoked_and_expired_tokens_are_refused(store):
    with store.begin() as conn:
        users.add_user(conn, User("cmd", "commander"))
        first = users.issue_token(conn, "cmd")
        second = users.issue_token(conn, "cmd")
        users.revoke_token(conn, users.token_id(first))
        with pytest.raises(Unauthenticated, match="revoked"):
            users.user_for_token(conn, first)
        assert users.user_for_token(conn, second).username == "cmd"
        conn.execute(sa.text("UPDATE api_tokens SET expires_at = :t"),
                     {"t": dt.datetime(2000, 1, 1, tzinfo=dt.UTC)})
        with pytest.raises(Unauthenticated, match="expired"):
            users.user_for_token(conn, second)
        assert users.list_users(conn)[0]["tokens"] == 0


def test_bad_users_are_refused(store):
    with store.begin() as conn:
        users.add_user(conn, User("eu1", "liaison", organisation="EUU"), password="long enough")
        with pytest.raises(Conflict):
            users.add_user(conn, User("eu1", "analyst"))
        with pytest.raises(InputError, match="at least 8"):
            users.add_user(conn, User("short", "analyst"), password="abc")
        with pytest.raises(NotFound):
            users.issue_token(conn, "ghost")
        with pytest.raises(InputError, match="ttl_days"):
            users.issue_token(conn, "eu1", ttl_days=0)
    with pytest.raises(InputError, match="needs an organisation"):
        User("lia", "liaison")
    with pytest.raises(InputError, match="unknown role"):
        User("x", "king")
    with pytest.raises(InputError, match="bad username"):
        User("Has Space", "analyst")


def test_deactivated_user_loses_tokens(store):
    with store.begin() as conn:
        users.add_user(conn, User("gone", "analyst"), password="password1")
        token = users.issue_token(conn, "gone")
        users.deactivate_user(conn, "gone")
        with pytest.raises(Unauthenticated):
            users.user_for_token(conn, token)
        with pytest.raises(Unauthenticated):
            users.authenticate(conn, "gone", "password1")


def test_acting_user_falls_back_to_local_operator(store):
    with store.begin() as conn:
        users.add_user(conn, User("unit7", "unit-commander", unit="7th Brigade"))
        assert users.acting_user(conn, "unit7").role == "unit-commander"
        assert users.acting_user(conn, "cli:root").role == "admin"


def test_liaison_sees_only_own_sites_and_writes_nothing():
    eu = User("eu1", "liaison", organisation="EUU")
    assert visible_site(eu, make_site(sending_state="EUU"))
    assert not visible_site(eu, make_site(sending_state="USA"))
    assert not visible_site(None, make_site())
    assert visible_site(User("a", "analyst"), make_site(sending_state="USA"))
    assert not any(can(eu, a) for a in PERMISSIONS["admin"] if not a.endswith(".read") or a == "audit.read")
    assert set(PERMISSIONS) == set(ROLES)
    assert not can(None, "sites.read")


def test_unit_commander_acts_for_own_unit_only():
    unit = User("u1", "unit-commander", unit="7th Brigade")
    assert commands_unit(unit, "7th Brigade") and not commands_unit(unit, "1st Division")
    assert can(unit, "orders.acknowledge") and not can(unit, "orders.issue")
