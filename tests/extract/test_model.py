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


def test_a_vessel_numbered_no_8_stays_in_its_sentence():
    doc = load_nlp()("The Japan Coast Guard boarded the longliner Jin Fu Man No. 8 on Sunday and detained its captain. "
                     "No one was hurt.")
    assert [s.text.strip()[:12] for s in doc.sents] == ["The Japan Co", "No one was h"]


@pytest.mark.parametrize("dateline", ["KABUL, Dec 3 -", "NIAMEY, July 31 \u2014", "BAGHDAD, March 3 (Reuters) -",
                                      "ERBIL, Kurdistan Region -", "TEHRAN/BAKU, Jan 28 \u2014"])
def test_a_dated_dateline_is_no_part_of_the_first_sentence(dateline):
    doc = load_nlp()(f"Headline\n\n{dateline} A gunman opened fire on the embassy on Friday.")
    assert [s.text.strip() for s in doc.sents][-1] == "A gunman opened fire on the embassy on Friday."


def test_a_capitalised_word_and_a_dash_inside_a_paragraph_is_no_dateline():
    doc = load_nlp()("Headline\n\nThe IRGC - its elite arm - fired missiles on Friday.")
    assert len(list(doc.sents)) == 2


def sentence_openings(text):
    return [s.text.split()[0] for s in load_nlp()(text).sents]


@pytest.mark.parametrize("text, opening", [
    # a line that ended in a number ("... in 2021", a quoted post's date)
    ("The group seized the valley in 2021 While no force has retaken it, talks have stalled.", "While"),
    ("— Ministry of Defence (@defence) March 4, 2024 But the ministry gave no figure for the dead.", "But"),
    # a one-word heading between two sentences
    ("Aid reached the camp on Monday. Video In recent days, gunmen have fired on the convoys twice.", "In"),
    # a line that ended in a lower-case word, then a word no name is: a verb in -ing, an adverb, a determiner
    ("The attack on the border post left the town divided Speaking to reporters, the governor urged calm.",
     "Speaking"),
    ("Troops sealed off the district around the embassy Both gates were closed to traffic.", "Both"),
])
def test_a_sentence_whose_line_break_was_lost_stands_alone(text, opening):
    assert opening in sentence_openings(text)


@pytest.mark.parametrize("text", [
    "Militants attacked Iraqi forces near the border on Tuesday.",  # a people's adjective after a verb
    "Aircraft bombed a Doctors Without Borders hospital in the north.",  # a name after a lower-case word
    "He wrote a report titled How the Ceasefire Failed for the ministry.",  # a title after "titled"
    "The convoy reached Kabul in 2021 and the embassy reopened.",  # a number, then no sentence opener
    "Rockets hit the base at approx. 3 a.m. on Monday, officials said.",  # an abbreviation's full stop
    "In January 2013, militants seized the In Amenas gas plant in the Sahara.",  # a name after "the"
])
def test_a_capitalised_word_inside_a_sentence_opens_none(text):
    assert len(list(load_nlp()(text).sents)) == 1, [s.text for s in load_nlp()(text).sents]


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


def _regular_forms(verb: str) -> list[str]:
    """The -ed and -ing forms of a regular verb with no doubled consonant ("cordoned", "raping")."""
    if verb.endswith("e"):
        return [verb + "d", verb[:-1] + "ing"]
    if verb.endswith("y") and verb[-2] not in "aeiou":
        return [verb[:-1] + "ied", verb + "ing"]
    return [verb + "ed", verb + "ing"]


def test_every_verb_the_patterns_name_keeps_its_lemma_when_inflected():
    from legation.extract.patterns import load_patterns
    nlp = load_nlp()
    exceptions = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_exc")["verb"]
    irregular = {lemma for lemmas in exceptions.values() for lemma in lemmas}  # "fly": "flew", not "flied"
    patterns = load_patterns()
    verbs = {v for spec in patterns.types.values() for v in spec.get("verbs", {})}
    verbs |= {v for key, words in patterns.frames.items() if key.endswith("_verbs") for v in words}  # ("staged"
    verbs = {v for v in verbs if v.isalpha() and v not in irregular}  # was "stag": no light verb)
    wrong = [(form, token.lemma_) for verb in sorted(verbs) for form in _regular_forms(verb)
             for token in [nlp(f"The police {form} the building on Monday.")[2]]
             if token.pos_ == "VERB" and token.lemma_ != verb]
    assert wrong == []  # ("cordoned" was "cordone", "raped" was "rap": no trigger of the patterns)


def test_a_countrys_name_joined_by_and_is_one_place():
    doc = load_nlp()("Police in Trinidad and Tobago arrested a man. Britain and France protested.")
    assert [(e.text, e.label_) for e in doc.ents] == [("Trinidad and Tobago", "GPE"), ("Britain", "GPE"),
                                                      ("France", "GPE")]


def test_gunmen_on_a_motorcycle_are_the_ones_who_opened_fire():
    doc = load_nlp()("Two gunmen on a motorcycle opened fire on the police guard post at the consulate gate on Sunday "
                     "night, killing a conscript and wounding another before escaping into the crowded streets of "
                     "the Shatby district, witnesses said.")
    opened = doc[5]
    assert (opened.text, opened.pos_) == ("opened", "VERB")
    assert sorted((c.dep_, c.text) for c in opened.children if c.dep_ in ("nsubj", "dobj", "advcl")) == [
        ("advcl", "killing"), ("dobj", "fire"), ("nsubj", "gunmen")]
    assert (doc[4].dep_, doc[4].head.text) == ("pobj", "on")  # "on a motorcycle"
