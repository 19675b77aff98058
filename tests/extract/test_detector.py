"""The trained event detector (legation/extract/detector): ships with the package, loads offline, scores trigger
words, and adds an attack only where the patterns found none and the sentence names who attacked."""

from __future__ import annotations

import hashlib
import json

import pytest

from legation.domain.records import Report
from legation.extract.detector import HERE, WEIGHTS, Detector, candidates
from legation.extract.model import load_nlp
from legation.extract.patterns import load_patterns
from legation.extract.pipeline import Extractor


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def detector():
    found = Detector.load()
    assert found is not None, f"{WEIGHTS} is missing: run `make train`"
    return found


def assault_probabilities(detector, nlp, text):
    doc = nlp(text)
    words = candidates(doc[:])
    column = detector.types.index("ASSAULT")
    return dict(zip((w.text for w in words), detector.word_probabilities(words)[:, column], strict=True))


def test_the_shipped_weights_are_the_ones_their_provenance_describes(detector):
    provenance = json.loads((HERE / "provenance.json").read_text(encoding="utf-8"))
    assert provenance["weights_sha256"] == hashlib.sha256(WEIGHTS.read_bytes()).hexdigest()
    assert set(provenance["trained_on"]) == {"rams", "wikievents", "geneva", "petr"}
    assert "ASSAULT" in detector.types and "ASSAULT" in provenance["types"]


def test_an_attack_verb_scores_high_and_a_meeting_low(detector, nlp):
    attack = assault_probabilities(detector, nlp, "Militants attacked the embassy in Kabul on Monday.")
    meeting = assault_probabilities(detector, nlp, "The minister attended a conference in Paris on Monday.")
    assert attack["attacked"] > 0.5
    assert max(meeting.values()) < 0.1


def extract_with(detector, nlp, text):
    extractor = Extractor(nlp, load_patterns(), detector)
    return extractor.events_of(Report(text=text, source="t", doc="t", published="2016-06-11"), nlp(text))


def test_the_detector_adds_an_attack_the_patterns_miss_when_it_names_the_attackers(detector, nlp):
    text = "Rebels skirmish with government troops near the border on Saturday."
    assert [e.type for e in extract_with(None, nlp, text)] == []
    events = extract_with(detector, nlp, text)
    assert [(e.type, [a.text for a in e.actors]) for e in events] == [("ASSAULT", ["Rebels"])]
    assert events[0].confidence <= 0.6


def test_the_detector_adds_nothing_without_an_attacker_or_to_what_may_happen(detector, nlp):
    for text in ("The possibility of nuclear terrorism was a key focus of the summit.",
                 "Rebels may skirmish with government troops near the border on Saturday."):
        assert "ASSAULT" not in [e.type for e in extract_with(detector, nlp, text)], text
