"""Event recognition on sentences written for these tests: types, arguments, flags."""

from __future__ import annotations

import pytest

from legation.domain.records import Report
from legation.extract import Extractor
from tests.extract.conftest import runner


@pytest.fixture(scope="module")
def extract():
    return runner("2024-03-06")


def only(events, event_type):
    found = [e for e in events if e.type == event_type]
    assert len(found) == 1, [(e.type, [a.text for a in e.actors]) for e in events]
    return found[0]


def texts(parties):
    return [p.text for p in parties]


def test_attack_names_attacker_victim_and_weapon(extract):
    event = only(extract("Houthi militants fired a drone at the embassy compound in Sanaa."), "ASSAULT")
    assert texts(event.actors) == ["Houthi militants"]
    assert "drone" in event.mode
    assert event.location.text == "Sanaa"


def test_passive_attack_takes_the_agent_as_actor(extract):
    event = only(extract("The convoy was attacked by gunmen near Kirkuk on Tuesday."), "ASSAULT")
    assert texts(event.actors) == ["gunmen"]
    assert texts(event.recipients) == ["convoy"]


def test_denied_attack_is_negated(extract):
    events = extract("The group denied carrying out the bombing of the consulate.")
    event = only(events, "ASSAULT")
    assert event.negated and texts(event.actors) == ["group"]


def test_threat_to_strike_is_a_threat_and_a_hypothetical_attack(extract):
    events = extract("Kataib Hezbollah threatened to strike US bases in Iraq.")
    threat = only(events, "THREATEN")
    assert texts(threat.actors) == ["Kataib Hezbollah"] and "violence" in threat.mode
    attack = only(events, "ASSAULT")
    assert attack.hypothetical and not attack.negated


def test_metaphorical_attack_is_no_event(extract):
    assert extract("The senator attacked the new immigration policy in a speech.") == []
    assert extract("He suffered a heart attack on Monday.") == []


def test_two_events_in_one_sentence_are_two_records(extract):
    events = extract("Police arrested three men after protesters stormed the embassy in Tehran.")
    assert {e.type for e in events} >= {"COERCE", "PROTEST"}


def test_order_to_protect_makes_the_orderer_the_actor(extract):
    event = only(extract("The prime minister ordered the police to protect the embassies."), "PROTECT")
    assert texts(event.actors) == ["prime minister"]
    assert texts(event.recipients) == ["police"]
    assert event.mode == ["order"]


def test_descriptive_participle_is_no_event(extract):
    assert [e.type for e in extract("A militia backed by Iran held a rally.") if e.type == "SUPPORT"] == []


def test_evidence_offsets_point_into_the_text(extract):
    text = ("Headline without stop\n\nERBIL - Protesters gathered outside the US consulate on Friday. "
            "Police used tear gas.")
    for event in extract(text):
        assert text[event.evidence.start:event.evidence.end] == event.evidence.sentence


def test_no_date_in_text_is_reported_not_exact(extract):
    event = only(extract("Gunmen attacked a checkpoint in Mosul."), "ASSAULT")
    assert event.date.kind in ("reported", "unresolved")
    assert event.date.kind != "exact"


def test_one_event_told_twice_is_one_record(extract):
    text = ("Islamic State militants attacked an army post in Diyala. "
            "Islamic State militants attacked the army post with rifles, officials said.")
    assert len([e for e in extract(text) if e.type == "ASSAULT"]) == 1


def test_extract_many_keeps_order(extract):
    extractor = Extractor.load()
    reports = [Report(text=t, source=str(i), doc=str(i)) for i, t in
               enumerate(["Rebels shelled the town.", "Nothing happened.", "Troops clashed with rebels."])]
    out = list(extractor.extract_many(reports, batch_size=2))
    assert [r.doc for r, _ in out] == ["0", "1", "2"]
    assert [len(events) > 0 for _, events in out] == [True, False, True]


@pytest.mark.parametrize("sentence, target", [
    ("The minister escaped an assassination attempt on Sunday.", "minister"),
    ("President Nicolas Maduro survived an attack during a military parade in Caracas.", "Nicolas Maduro"),
])
def test_who_survived_or_escaped_an_attack_was_its_target_not_its_author(extract, sentence, target):
    event = only(extract(sentence), "ASSAULT")
    assert event.actors == [] and target in texts(event.recipients)


def test_they_who_acted_on_the_speaker_are_not_the_speaker(extract):
    event = only(extract('"They have tried to assassinate me," Maduro said on Saturday.'), "ASSAULT")
    assert "Maduro" not in texts(event.actors)
    claimed = only(extract("The Houthis said they fired missiles at the ship on Sunday."), "ASSAULT")
    assert texts(claimed.actors) == ["Houthis"]  # a group speaking of what it did still acts
