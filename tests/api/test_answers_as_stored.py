"""Event searches and site statuses are sent as stored (api/cache.AsStored), not validated again: this holds the
stored records of every source to the answer's own schema, so that what a client reads is what the schema says."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import TypeAdapter

from legation.api.schemas import EventOut, Page, SiteStatus
from legation.store.events import count_events
from tests.api.conftest import Api, seed, settings_for

FIXTURES = Path(__file__).parents[1] / "fixtures"
FEEDS = [("acled", "acled/acled-sample.csv"), ("acled", "acled/acled-old-layout.csv"),
         ("acled", "acled/acled-api-page.json"), ("acled", "acled/acled-r-export-semicolon.csv"),
         ("gdelt", "gdelt/sample.export.CSV"), ("ucdp", "ucdp/ged-hdx-new.csv"), ("ucdp", "ucdp/ged-hdx-old.csv")]


@pytest.fixture
def every_source(cli, tmp_path):
    """A database with every feed's fixture imported, the API's seed (sites, events written as records) and an
    analyst's curated event, served by the API."""
    from legation.api import create_app
    from legation.store import open_store

    for feed, path in FEEDS:
        result = cli("import", feed, str(FIXTURES / path))
        assert result.exit_code == 0, result.output
    store = open_store(cli.db)
    tokens = seed(store)
    app = create_app(settings_for(Path(cli.db)), store)
    with TestClient(app, raise_server_exceptions=False) as client:
        api = Api(client, tokens, store)
        curated = {"doc": "field-report-9", "type": "ASSAULT", "mode": ["drone"],
                   "actors": [{"text": "an armed group", "kind": "armed_group"}],
                   "recipients": [{"text": "the embassy", "kind": "government"}],
                   "location": {"text": "near the embassy", "country": "IRQ", "lat": 33.3, "lon": 44.39,
                                "precision": "site"},
                   "date": {"start": "2023-10-21", "end": "2023-10-21", "kind": "exact"},
                   "evidence": {"sentence": "A drone struck near the embassy <b>at night</b>."}}
        assert api.call("POST", "/api/v1/events", "analyst", json=curated).status_code == 200
        yield api
    store.close()


def _every_event(api: Api) -> list[dict]:
    items, offset = [], 0
    while offset is not None:
        answer = api.get(f"/api/v1/events?limit=500&offset={offset}&include_negated=true", "analyst")
        assert answer.status_code == 200, answer.text
        page = answer.json()
        assert page == TypeAdapter(Page[EventOut]).validate_python(page).model_dump(mode="json")
        items += page["items"]
        offset = page["next_offset"]
    return items


def test_every_sources_records_are_sent_in_the_answers_schema(every_source):
    items = _every_event(every_source)
    sources = {item["source"] for item in items}
    assert {"acled", "gdelt", "ucdp"} <= sources and len(sources) >= 4, sources
    with every_source.store.connect() as conn:
        assert len(items) == count_events(conn) > 30
    for item in items:  # every field of the schema is there, with nothing the schema would change
        assert item == EventOut.model_validate(item).model_dump(mode="json")
        assert set(EventOut.model_fields) <= set(item)
    curated = next(item for item in items if item["doc"] == "field-report-9")
    assert curated["evidence"]["sentence"] == "A drone struck near the embassy <b>at night</b>."


def test_a_search_near_a_point_and_by_words_is_in_the_schema(every_source):
    answer = every_source.get("/api/v1/events?q=drone&lat=33.3&lon=44.39&km=50", "analyst")
    assert answer.status_code == 200
    page = answer.json()
    assert page["items"] and page["items"][0]["doc"] == "field-report-9"  # the newest
    assert all("drone" in item["evidence"]["sentence"].lower() for item in page["items"])
    assert page == TypeAdapter(Page[EventOut]).validate_python(page).model_dump(mode="json")


def test_a_site_status_is_in_the_schema_assessed_or_not(every_source, cli):
    for at in ("", "?at=2023-10-25&days=3650"):
        answer = every_source.get(f"/api/v1/sites/usa-emb/status{at}", "analyst")
        assert answer.status_code == 200
        status = answer.json()
        assert status == SiteStatus.model_validate(status).model_dump(mode="json")
    assert status["recent_events"] and status["assessment"] is None
    assert cli("assess", "--at", "2023-10-25").exit_code == 0
    status = every_source.get("/api/v1/sites/usa-emb/status?at=2023-10-25&days=3650", "analyst").json()
    assert status["assessment"] is not None and status["assessment"]["level"] >= 1
    assert status == SiteStatus.model_validate(status).model_dump(mode="json")
