"""Users and tokens, and the API over them, on PostgreSQL."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from legation.domain.users import Unauthenticated, User
from tests.api.conftest import settings_for


@pytest.mark.postgres
def test_users_tokens_and_api_on_postgres(pg_store, tmp_path):
    from legation.api import create_app
    from legation.store.users import add_user, authenticate, issue_token, revoke_token, token_id, user_for_token

    with pg_store.begin() as conn:
        add_user(conn, User("eu1", "liaison", organisation="EUU"), password="a long passphrase")
        token = issue_token(conn, "eu1", ttl_days=1)
        assert authenticate(conn, "eu1", "a long passphrase").organisation == "EUU"
    client = TestClient(create_app(settings_for(tmp_path / "unused.db"), pg_store))
    me = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["role"] == "liaison"
    assert client.get("/api/v1/events?q=drone", headers={"Authorization": f"Bearer {token}"}).status_code == 200
    with pg_store.begin() as conn:
        revoke_token(conn, token_id(token))
        with pytest.raises(Unauthenticated, match="revoked"):
            user_for_token(conn, token)
