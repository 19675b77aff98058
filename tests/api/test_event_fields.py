"""Every field of the event record survives the API both ways (the input schema mirrors the domain record)."""

from __future__ import annotations

import dataclasses

from pydantic_core import PydanticUndefined

from legation.api.schemas import EvidenceOut, PartyIn, PartyOut, PlaceIn, PlaceOut, TimeSpanOut
from legation.domain.records import Evidence, Party, Place, TimeSpan


def test_input_schemas_know_every_field_of_the_records():
    assert set(PlaceIn.model_fields) == {f.name for f in dataclasses.fields(Place)}
    assert set(PartyIn.model_fields) == {f.name for f in dataclasses.fields(Party)}


def test_answer_schemas_are_the_records_fields_with_their_defaults():
    for model, record in ((PartyOut, Party), (PlaceOut, Place), (TimeSpanOut, TimeSpan), (EvidenceOut, Evidence)):
        assert {name: (f.default, f.is_required()) for name, f in model.model_fields.items()} == {
            f.name: (f.default, False) if f.default is not dataclasses.MISSING else (PydanticUndefined, True)
            for f in dataclasses.fields(record)}


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
