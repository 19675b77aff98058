"""Hot reads are kept until a write touches what they were computed from (legation/api/cache.py): never stale,
never shared between users. Each write here is near the embassy, so it touches the kept answers; writes elsewhere,
which leave them kept, are in test_fresh_answers.py."""

from __future__ import annotations

import asyncio

import httpx

from tests.api.conftest import _place, _when
from tests.factories import make_event

STATUS = "/api/v1/sites/usa-emb/status?at=2023-10-25&days=30"


def _add_event_near_embassy(store, day="2023-10-24"):
    from legation.domain.records import Evidence
    from legation.store.events import upsert_events

    with store.begin() as conn:
        upsert_events(conn, [make_event(location=_place(33.299, 44.396), date=_when(day),
                                        evidence=Evidence(sentence="A drone struck the embassy compound's outer "
                                                                   "wall."))])


def test_a_write_near_the_site_makes_the_kept_answer_stale(api):
    first = api.get(STATUS)
    assert first.status_code == 200
    assert api.get(STATUS).content == first.content  # the same answer, served again
    _add_event_near_embassy(api.store)
    after = api.get(STATUS)
    sentences = [e["evidence"]["sentence"] for e in after.json()["recent_events"]]
    assert "A drone struck the embassy compound's outer wall." in sentences
    assert len(after.json()["recent_events"]) == len(first.json()["recent_events"]) + 1


def test_etag_answers_304_until_the_data_changes(api):
    first = api.get(STATUS)
    etag = first.headers["etag"]
    again = api.get(STATUS, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    _add_event_near_embassy(api.store)
    changed = api.get(STATUS, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and changed.headers["etag"] != etag


def test_search_sees_new_events_at_once(api):
    assert api.get("/api/v1/events?q=outer").json()["items"] == []
    _add_event_near_embassy(api.store)
    found = api.get("/api/v1/events?q=outer").json()["items"]
    assert [e["evidence"]["sentence"] for e in found] == ["A drone struck the embassy compound's outer wall."]


def test_a_revoked_token_is_refused_on_its_next_request(api):
    from legation.store.users import revoke_tokens

    assert api.get(STATUS, "analyst").status_code == 200
    with api.store.begin() as conn:
        revoke_tokens(conn, "ana1")
    refused = api.get(STATUS, "analyst")
    assert refused.status_code == 401
    assert "revoked" in refused.json()["error"]["message"]


def test_answers_are_kept_per_user(api):
    """The administrator's kept answer about the US embassy never reaches the EU liaison."""
    assert api.get(STATUS, "admin").status_code == 200
    hidden = api.get(STATUS, "liaison")
    assert hidden.status_code == 404
    eu = "/api/v1/sites/eu-del/status?at=2023-10-25&days=30"
    assert api.get(eu, "liaison").json()["site"]["id"] == "eu-del"


def test_identical_requests_at_once_are_computed_once(tmp_path, seeded_store, monkeypatch):
    from legation.api import create_app
    from legation.api.routers import sites as sites_router
    from tests.api.conftest import settings_for

    calls = []
    real = sites_router.site_status

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(sites_router, "site_status", counted)
    app = create_app(settings_for(tmp_path / "api.db"), seeded_store)
    headers = {"Authorization": f"Bearer {seeded_store.tokens['admin']}"}

    async def twenty_at_once():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.get(STATUS, headers=headers) for _ in range(20)))

    answers = asyncio.run(twenty_at_once())
    assert {r.status_code for r in answers} == {200}
    assert len({r.content for r in answers}) == 1
    assert len(calls) == 1


def test_keeping_can_be_turned_off(tmp_path, seeded_store):
    from fastapi.testclient import TestClient

    from legation.api import create_app
    from tests.api.conftest import settings_for

    app = create_app(settings_for(tmp_path / "api.db", api_kept_answers=0), seeded_store)
    with TestClient(app) as client:
        answer = client.get(STATUS, headers={"Authorization": f"Bearer {seeded_store.tokens['admin']}"})
    assert answer.status_code == 200 and "etag" not in answer.headers
    assert answer.json()["site"]["id"] == "usa-emb"
