"""An ingested report that touches a site alerts its subscribers: through `legation ingest` and POST /reports, with
the real extractor, a real webhook receiver on loopback, and the incidents refreshed."""

from __future__ import annotations

import json
import time

import pytest

from tests.act.receivers import WebhookReceiver

pytestmark = pytest.mark.slow

ARTICLE = ("Drones strike Harir base\n\n"
           "ERBIL, Oct. 24, 2023 - Two drones attacked the Harir air base north of Erbil on Tuesday, the Kurdistan "
           "Region's counter-terrorism service said. No casualties were reported.\n")


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "harir.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_ingest_alerts_a_webhook_and_refreshes_incidents(cli, article):
    assert cli("sites", "import", "--examples").exit_code == 0
    with WebhookReceiver() as hook:
        subscribed = cli("alerts", "subscribe", "--channel", "webhook", "--target", hook.url,
                         "--radius", "ASSAULT=10", "--site", "harir-air-base", "--no-level-changes")
        assert subscribed.exit_code == 0, subscribed.output
        first = cli("ingest", str(article), "--format", "json")
        assert first.exit_code == 0, first.output
        summary = json.loads(first.stdout)
        assert summary["alerts"] == 1 and summary["delivered"] == 1
        assert summary["incidents"] >= 1
        [payload] = hook.payloads()
        assert payload["kind"] == "event" and "Harir" in payload["title"]
        assert "Two drones attacked the Harir air base" in payload["text"]

        again = json.loads(cli("ingest", str(article), "--format", "json").stdout)
        assert again["alerts"] == 0 and len(hook.requests) == 1  # the same report twice alerts once
    listed = json.loads(cli("alerts", "list", "--format", "json").stdout)
    assert len(listed) == 1 and listed[0]["status"] == "delivered"


def test_posting_a_report_to_the_api_alerts_after_answering(tmp_path):
    from fastapi.testclient import TestClient

    from legation.api import create_app
    from legation.domain.alerts import Subscription
    from legation.domain.users import User
    from legation.ingest.sites import example_sites_path, read_sites
    from legation.settings import Settings
    from legation.store import open_store
    from legation.store.alerts import add_subscription
    from legation.store.sites import upsert_sites
    from legation.store.users import add_user, issue_token

    store = open_store(tmp_path / "api.db")
    with WebhookReceiver() as hook:
        with store.begin() as conn:
            upsert_sites(conn, read_sites(example_sites_path()).records)
            add_user(conn, User("ana", "analyst"))
            token = issue_token(conn, "ana")
            add_subscription(conn, Subscription(owner="ana", channel="webhook", target=hook.url,
                                                sites=["harir-air-base"], level_changes=False,
                                                event_radii={"ASSAULT": 10}))
        app = create_app(Settings(db=str(tmp_path / "api.db"), api_rate_per_minute=0), store)
        with TestClient(app) as client:
            answer = client.post("/api/v1/reports", headers={"Authorization": f"Bearer {token}"},
                                 json={"text": ARTICLE, "title": "Drones strike Harir base",
                                       "published": "2023-10-24"})
            assert answer.status_code == 201, answer.text
            assert answer.json()["events_inserted"] >= 1
        deadline = time.monotonic() + 10
        while not hook.requests and time.monotonic() < deadline:
            time.sleep(0.05)
        [payload] = hook.payloads()
        assert payload["kind"] == "event" and "Harir" in payload["title"]
        with TestClient(app) as client:  # after the answer, the records were placed in an incident
            listed = client.get("/api/v1/incidents", headers={"Authorization": f"Bearer {token}"})
            assert listed.status_code == 200, listed.text
            assert any(i["type"] == "ASSAULT" and i["place"] == "Harir Air Base" for i in listed.json()["items"])
    store.close()


def test_warm_up_loads_what_the_first_report_needs(tmp_path):
    import sys

    from legation.api import create_app
    from legation.api.extraction import warm_up
    from legation.settings import Settings

    app = create_app(Settings(db=str(tmp_path / "warm.db")))
    warm_up(app)
    assert app.state.extractor is not None and "legation.assess.service" in sys.modules

