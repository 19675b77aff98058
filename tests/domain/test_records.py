import json

import pytest

from legation.domain import Event, Evidence, InputError, Party, Place, Report, Site, TimeSpan, validate_type_and_modes
from tests.factories import make_event, make_site


def test_event_round_trips_through_the_spec_shape():
    event = make_event()
    data = json.loads(json.dumps(event.to_dict()))
    for key in ("doc", "type", "mode", "context", "negated", "hypothetical", "actors", "recipients", "location",
                "date", "fatalities", "evidence", "confidence"):
        assert key in data
    assert data["actors"][0]["sponsor"] == "IRN"
    assert Event.from_dict(data).to_dict() == event.to_dict()


def test_unknown_type_and_mode_are_named():
    with pytest.raises(InputError, match="'BOMBING'"):
        validate_type_and_modes("BOMBING", [])
    with pytest.raises(InputError, match="'laser'.*ASSAULT"):
        make_event(mode=["laser"])


def test_same_fields_give_the_same_id_and_different_ones_do_not():
    a, b = make_event(doc="x"), make_event(doc="x")
    assert a.id == b.id
    assert make_event(doc="y").id != a.id


def test_report_id_is_its_content():
    assert Report(text="same", source="a.txt").id == Report(text="same", source="b.txt").id
    assert Report(text="same", source="a").id != Report(text="other", source="a").id


def test_bad_values_are_refused_with_reasons():
    with pytest.raises(InputError, match="both lat and lon"):
        Place(lat=1.0)
    with pytest.raises(InputError, match="ends before it starts"):
        TimeSpan(start="2023-10-25", end="2023-10-01", kind="range")
    with pytest.raises(InputError, match="party kind"):
        Party(text="x", kind="alien")
    with pytest.raises(InputError, match="site kind 'palace'"):
        make_site(kind="palace")
    with pytest.raises(InputError, match="latitude"):
        make_site(lat=91)


def test_site_radius_defaults_by_kind():
    assert make_site(kind="military-base").radius_km == 25.0
    assert make_site(kind="residence").radius_km == 2.0
    assert isinstance(make_site(), Site)


def test_to_dict_gives_each_part_as_its_own_plain_dict():
    from dataclasses import asdict

    event = Event(doc="d", type="ASSAULT", mode=["drone"], actors=[Party(text="gunmen", kind="armed_group")],
                  recipients=[Party(text="the embassy")], location=Place(name="Baghdad", lat=33.3, lon=44.4),
                  date=TimeSpan(start="2023-10-18", kind="exact"), evidence=Evidence(sentence="s.", start=0, end=2),
                  source_codes={"cameo": "183"}, extra={"note": "kept"})
    out = event.to_dict()
    expected = {k: v for k, v in asdict(event).items() if k != "extra"} | {"note": "kept"}
    assert out == expected and list(out) == list(expected)
    out["location"]["name"] = "changed"
    out["actors"][0]["text"] = "changed"
    assert event.location.name == "Baghdad" and event.actors[0].text == "gunmen"  # copies, not the event's own
