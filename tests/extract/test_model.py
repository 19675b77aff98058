"""The model loader and its entity ruler: fixes the model's mistakes without making new ones."""

from __future__ import annotations

from legation.extract.model import load_nlp


def ents(text):
    return {(e.text, e.label_) for e in load_nlp()(text).ents}


def test_loaded_once_per_process():
    assert load_nlp() is load_nlp()


def test_islamic_resistance_in_iraq_is_an_organisation():
    found = ents("The Islamic Resistance in Iraq has claimed responsibility for the attack.")
    assert any("Islamic Resistance in Iraq" in text and label == "ORG" for text, label in found)


def test_lloyd_austin_stays_a_person():
    found = ents("US Defense Secretary Lloyd Austin announced new deployments to the Middle East.")
    assert ("Lloyd Austin", "PERSON") in found
    assert not any(label == "GPE" and "Austin" in text for text, label in found)


def test_blank_line_starts_a_sentence_but_a_dateline_comma_does_not():
    doc = load_nlp()("Iraqi PM issues orders\n\nERBIL, Kurdistan Region - The minister spoke.")
    starts = [s.text.strip()[:5] for s in doc.sents]
    assert starts[0] == "Iraqi" and starts[1] == "ERBIL"
