"""One written sentence per priority type: the type, its actor and recipient as a reader would code them."""

from __future__ import annotations

import pytest

from legation.domain.records import Report
from legation.extract import Extractor

CASES = [
    # (sentence, type, actor texts that must appear, recipient texts that must appear)
    ("The Islamic Resistance in Iraq claimed responsibility for the drone attack on US troops at Al-Tanf.",
     "CLAIM", ["Islamic Resistance in Iraq"], ["US troops"]),
    ("The State Department raised its travel advisory for Lebanon to Level 4 on Tuesday.",
     "ADVISORY", ["State Department"], ["Lebanon"]),
    ("The Pentagon deployed two aircraft carriers to the eastern Mediterranean.",
     "MOBILIZE", ["Pentagon"], []),
    ("Jordan's foreign minister met his Iraqi counterpart in Amman on Sunday.",
     "CONSULT", ["foreign minister", "Iraqi counterpart"], []),
    ("The UN envoy urged the militias to stop attacks on diplomatic missions.",
     "REQUEST", ["UN envoy"], ["militias"]),
    ("Baghdad condemned the strike on a militia headquarters as a violation of its sovereignty.",
     "ACCUSE", ["Baghdad"], []),
    ("Hezbollah threatened to attack Israeli towns if the shelling continued.",
     "THREATEN", ["Hezbollah"], []),
    ("Hundreds of protesters rallied outside the French embassy in Niamey on Sunday.",
     "PROTEST", ["protesters"], []),
    ("Iranian authorities arrested two British embassy employees in Tehran.",
     "COERCE", ["Iranian authorities"], ["British embassy employees"]),
    ("Security forces tightened security around the US embassy after the attack.",
     "PROTECT", ["Security forces"], []),
    ("Gunmen ambushed a police patrol near Kirkuk, killing three officers.",
     "ASSAULT", ["Gunmen"], ["police patrol"]),
]


@pytest.fixture(scope="module")
def extractor():
    return Extractor.load()


def extract(extractor, text):
    """The events of one written sentence, published on the day these tests use."""
    return extractor.extract(Report(text=text, source="t", published="2024-03-06", doc="t"))


@pytest.mark.parametrize("sentence,event_type,actors,recipients", CASES, ids=[c[1] for c in CASES])
def test_priority_type(extractor, sentence, event_type, actors, recipients):
    events = [e for e in extract(extractor, sentence)
              if e.type == event_type]
    assert events, f"no {event_type} in: {sentence}"
    event = events[0]
    found_actors = " | ".join(p.text for p in event.actors)
    found_recipients = " | ".join(p.text for p in event.recipients)
    for actor in actors:
        assert actor in found_actors, (actor, found_actors)
    for recipient in recipients:
        assert recipient in found_recipients, (recipient, found_recipients)
    assert not event.negated


def test_threatened_attack_is_hypothetical_not_negated(extractor):
    text = "Hezbollah threatened to attack Israeli towns if the shelling continued."
    attacks = [e for e in extractor.extract(Report(text=text, source="t", doc="t")) if e.type == "ASSAULT"
               and e.evidence.sentence.startswith("Hezbollah")]
    assert attacks and all(e.hypothetical for e in attacks if e.extra["trigger"] == "attack")


@pytest.mark.parametrize("sentence, event_type, mode", [
    ("The embassy halted all visa and consular services on Tuesday, citing the security situation.",
     "ADVISORY", "raise"),
    ("Biden said Washington had temporarily suspended operations at the embassy.", "ADVISORY", "raise"),
    ("The embassy said it had restricted staff movements outside the compound.", "ADVISORY", "raise"),
    ("The European Union said it had withdrawn its delegation's staff from the country.",
     "ADVISORY", "ordered-departure"),
    ("The U.S. embassy issued a security alert on Monday.", "ADVISORY", "raise"),
    ("The army withdrew its troops from the town.", "RETREAT", "withdraw"),
    ("The rebels suspended their offensive.", "RETREAT", "ceasefire"),
    ("Police restricted the movement of journalists.", "COERCE", "restrict"),
    ("Pakistan downgraded diplomatic relations with India.", "SANCTION", "discontinue"),
], ids=["halted-consular-services", "suspended-embassy-operations", "restricted-staff-movements",
        "withdrew-staff", "security-alert", "troops-withdrawn", "offensive-suspended", "journalists-restricted",
        "relations-downgraded"])
def test_a_missions_changed_security_posture_is_advice_and_not_a_retreat(extractor, sentence, event_type, mode):
    events = extract(extractor, sentence)
    assert [(e.type, e.mode) for e in events] == [(event_type, [mode])]


def test_advice_names_whom_it_is_for_and_the_place_it_is_about(extractor):
    events = extract(extractor, "The embassy urged U.S. citizens to leave Haiti as soon as possible.")
    assert [[p.text for p in e.recipients] for e in events if e.type == "ADVISORY"] == [["U.S. citizens", "Haiti"]]


@pytest.mark.parametrize("text, actor, mode", [
    ("On Wednesday the French embassy repeated its advice against all travel to northern Mali.", "French embassy",
     "maintain"),
    ("On Tuesday, Portugal's foreign ministry reiterated its advice against all travel to Cabo Delgado.",
     "Portugal's foreign ministry", "maintain"),
    ("The State Department's travel advisory for Iraq remains at Level 4.", "State Department", "maintain"),
    ("The U.S. embassy told U.S. citizens in Tripoli to shelter in place.", "U.S. embassy", "raise"),
    ("The U.S. Embassy in Bogota raised its security alert for Cali and barred its staff from travelling to Cauca.",
     "U.S. Embassy", "raise"),
], ids=["repeated-advice", "reiterated-advice", "advisory-remains", "shelter-in-place", "security-alert"])
def test_advice_repeated_kept_or_to_shelter_is_an_advisory(extractor, text, actor, mode):
    events = extract(extractor, text)
    assert [(e.type, [a.text for a in e.actors], e.mode) for e in events] == [("ADVISORY", [actor], [mode])]


def test_an_army_raising_its_alert_level_mobilises_and_issues_no_advice(extractor):
    events = extract(extractor, "The army raised its alert level to maximum.")
    assert [e.type for e in events] == ["MOBILIZE"]


@pytest.mark.parametrize("text, recipients", [
    ("The U.S. embassy issued a security alert on Monday advising Americans to stay vigilant.", ["Americans"]),
    ("The U.S. embassy issued a security alert telling American citizens to avoid the area.", ["American citizens"]),
], ids=["alert-advising", "alert-telling"])
def test_an_alert_is_for_whom_its_words_advise(extractor, text, recipients):
    events = extract(extractor, text)
    assert [[p.text for p in e.recipients] for e in events if e.type == "ADVISORY"] == [recipients]


def test_patrols_stepped_up_in_an_area_protect_it(extractor):
    events = extract(extractor, "The Lebanese army said it had stepped up its patrols in the area.")
    assert [[p.text for p in e.recipients] for e in events if e.type == "PROTECT"] == [["area"]]


def test_a_crowd_marching_towards_an_embassy_protests_against_it(extractor):
    events = extract(extractor, "Thousands of demonstrators marched towards the embassy after Friday prayers.")
    assert [[p.text for p in e.recipients] for e in events if e.type == "PROTEST"] == [["embassy"]]


@pytest.mark.parametrize("text, event_type", [
    ("The MFO suspended non-essential road movements in north Sinai.", "PROTECT"),
    ("The embassy suspended consular services.", "ADVISORY"),  # a mission's posture is advice
], ids=["road-movements-suspended", "consular-services-suspended"])
def test_suspending_staff_movements_protects_them(extractor, text, event_type):
    events = extract(extractor, text)
    assert [e.type for e in events] == [event_type]


@pytest.mark.parametrize("text, event_type, actor", [
    ("UN staff were ordered to remain in bunkers overnight, a UN official said.", "PROTECT", "UN official"),
    ("The UN told its staff in Mogadishu to shelter in place.", "PROTECT", "UN"),
    ("The U.S. embassy told American citizens to shelter in place.", "ADVISORY", "U.S. embassy"),
], ids=["staff-ordered-to-bunkers", "staff-told-to-shelter", "citizens-told-to-shelter"])
def test_staff_sent_to_shelter_are_protected_and_citizens_told_so_are_advised(extractor, text, event_type, actor):
    events = extract(extractor, text)
    assert [(e.type, [a.text for a in e.actors]) for e in events] == [(event_type, [actor])]


@pytest.mark.parametrize("text, expected", [
    ("Saree said Saudi cities would be legitimate targets if the kingdom did not lift what the group calls the siege "
     "of Yemen's ports.", []),  # a blockade by states is no demonstration
    ("The siege of the embassy by protesters lasted two days.", [["protesters"]]),
], ids=["siege-of-ports", "siege-by-protesters"])
def test_a_siege_is_a_protest_only_when_protesters_lay_it(extractor, text, expected):
    events = extract(extractor, text)
    assert [[a.text for a in e.actors] for e in events if e.type == "PROTEST"] == expected
