"""Every field of the event record survives the API both ways (the input schema mirrors the domain record)."""

from __future__ import annotations

import dataclasses

from legation.api.schemas import PartyIn, PlaceIn
from legation.domain.records import Party, Place


def test_input_schemas_know_every_field_of_the_records():
    assert set(PlaceIn.model_fields) == {f.name for f in dataclasses.fields(Place)}
    assert set(PartyIn.model_fields) == {f.name for f in dataclasses.fields(Party)}


def test_an_unresolved_place_keeps_its_reason(api):
    event = {"doc": "field-report-7", "type": "PROTEST", "mode": ["demo"],
             "actors": [{"text": "protesters", "kind": "civilians"}],
             "location": {"text": "Al-Jadiriya", "country": "IRQ", "reason": "two places of this name"},
             "date": {"start": "2023-10-20", "end": "2023-10-20", "kind": "exact"},
             "evidence": {"sentence": "Protesters gathered in Al-Jadiriya."}}
    stored = api.call("POST", "/api/v1/events", "analyst", json=event)
    assert stored.status_code == 200, stored.text
    got = api.get(f"/api/v1/events/{stored.json()['id']}", "analyst").json()
    assert got["location"]["reason"] == "two places of this name" and got["location"]["lat"] is None
