"""The model loader and its entity ruler: fixes the model's mistakes without making new ones."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from legation.extract.attributes import AttributeLookup, Unsupported
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


# ---------------------------------------------------------------- speed changes that must not change a result
GOLDEN = Path(__file__).parent / "golden"


def annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
             t.is_sent_start) for t in doc]


def test_fast_loading_annotates_every_golden_article_exactly_as_stock_spacy():
    """numpy's BLAS, the attribute rules by lookup and the lemma word sets change speed, never a token."""
    fast, stock = load_nlp(), load_nlp(fast=False)
    assert "legation_attribute_lookup" in fast.pipe_names and "attribute_ruler" not in fast.pipe_names
    assert "attribute_ruler" in stock.pipe_names
    texts = [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.txt"))]
    assert len(texts) >= 30
    for text, mine, theirs in zip(texts, fast.pipe(texts), stock.pipe(texts), strict=True):
        assert annotations(mine) == annotations(theirs), text[:60]


def test_attribute_lookup_matches_the_ruler_on_two_token_and_dependency_rules():
    """The rules the lookup could get wrong: "gonna" (two tokens, attributes on each), "There's" (a rule on the
    second token, keyed on the first token's dependency), object pronouns (dependency), spaces."""
    fast, stock = load_nlp(), load_nlp(fast=False)
    text = "I'm gonna go. Let's see. There's a man who saw you and it.  We did it, didn't we? Y'all come.\n\nNo."
    assert annotations(fast(text)) == annotations(stock(text))
    assert [t.lemma_ for t in fast(text)[2:4]] == ["go", "to"]


def test_a_rule_the_lookup_cannot_read_is_refused_not_misapplied():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"POS": "DET"})
    with pytest.raises(Unsupported, match="attribute"):
        AttributeLookup(ruler)
    ruler = nlp.add_pipe("attribute_ruler", name="three")
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b"}, {"LOWER": "c"}]], {"POS": "DET"})
    with pytest.raises(Unsupported, match="3 tokens"):
        AttributeLookup(ruler)
