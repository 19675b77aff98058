"""Attack words that report no attack (issue 16): a kind of weapon, a contingency, what is to be prevented, a
figure of speech, a supposed act whose "doer" is an action, and speculation. Each rule has a sentence it must
drop or mark and a close sentence whose attack must stand. Short texts written for these tests, through the
whole extractor (the trained detector included: it may not add back what the rules drop), and one hand-built
parse."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from legation.extract.model import load_nlp
from legation.extract.patterns import load_patterns
from legation.extract.recognize import Recognizer
from tests.extract.conftest import runner


@pytest.fixture(scope="module")
def extract():
    return runner("2024-03-06")


def attacks(events):
    return [e for e in events if e.type == "ASSAULT"]


def test_an_attack_word_naming_a_kind_of_weapon_is_no_attack(extract):
    assert attacks(extract("The ministry plans to buy armoured trucks, ground attack munitions and patrol boats "
                           "from two suppliers.")) == []
    assert attacks(extract("The ministry said the attack on the depot destroyed two patrol boats.")) != []


def test_an_attack_helicopter_is_a_weapon_not_an_attack(extract):
    assert attacks(extract("The army received four new attack helicopters last month.")) == []


def test_an_invasion_in_case_of_is_a_contingency_not_an_event(extract):
    assert attacks(extract("The tunnel was dug as an escape route in case of invasion.")) == []
    assert attacks(extract("In the event of an attack, staff should stay indoors.")) == []


def test_in_the_case_of_named_explosions_they_happened(extract):
    events = attacks(extract("In the case of the two largest explosions in the market, warnings came too late."))
    assert events != [] and not events[0].hypothetical


def test_attacks_to_be_prevented_with_no_doer_are_no_event(extract):
    assert attacks(extract("The new unit will improve the police's ability to prevent terrorist attacks in the "
                           "capital.")) == []


def test_an_attack_on_an_abstract_value_is_a_figure_of_speech(extract):
    assert attacks(extract("Opposition leaders denounced the new law as an assault on democratic rights.")) == []
    assert attacks(extract("Opposition leaders denounced the assault on the police station in Mosul.")) != []


def parse(rows: list[tuple]) -> Doc:
    """rows: (word, lemma, pos, tag, head index, dep) one a token; a hand-built parse, no statistical model."""
    words, lemmas, pos, tags, heads, deps = map(list, zip(*rows, strict=True))
    return Doc(spacy.blank("en").vocab, words=words, lemmas=lemmas, pos=pos, tags=tags, heads=heads, deps=deps,
               sent_starts=[True] + [False] * (len(rows) - 1))


def test_a_supposed_act_whose_doer_is_an_action_is_no_attack():
    recognizer = Recognizer(load_patterns())
    doc = parse([  # "Finding migrants would entail raiding businesses."
        ("Finding", "find", "VERB", "VBG", 3, "csubj"), ("migrants", "migrant", "NOUN", "NNS", 0, "dobj"),
        ("would", "would", "AUX", "MD", 3, "aux"), ("entail", "entail", "VERB", "VB", 3, "ROOT"),
        ("raiding", "raid", "VERB", "VBG", 3, "advcl"), ("businesses", "business", "NOUN", "NNS", 4, "dobj"),
        (".", ".", "PUNCT", ".", 3, "punct")])
    assert recognizer.mentions(doc[:]) == []
    supposed = recognizer.mention_at(doc[4], "ASSAULT")  # the clause shares "would": supposed, its doer an act
    assert supposed.hypothetical and [a.text for a in supposed.actors] == ["Finding"]
    doc = parse([  # "Troops would raid businesses.": supposed, but by someone; it stands, marked
        ("Troops", "troop", "NOUN", "NNS", 2, "nsubj"), ("would", "would", "AUX", "MD", 2, "aux"),
        ("raid", "raid", "VERB", "VB", 2, "ROOT"), ("businesses", "business", "NOUN", "NNS", 2, "dobj"),
        (".", ".", "PUNCT", ".", 2, "punct")])
    assert [(m.type, m.hypothetical, [a.text for a in m.actors]) for m in recognizer.mentions(doc[:])] == [
        ("ASSAULT", True, ["Troops"])]


def test_a_clause_with_no_subject_of_its_own_shares_its_verbs_modality(extract):
    events = extract("Observers say the unrest will worsen, prompting a military coup.")
    assert all(e.hypothetical for e in attacks(events))
    events = attacks(extract("Troops stormed the capital on Monday, prompting a wave of arrests."))
    assert events and not any(e.hypothetical for e in events)


def test_perhaps_marks_what_it_modifies_as_supposed(extract):
    events = attacks(extract("Analysts think rebels will perhaps attack the port."))
    assert events and all(e.hypothetical for e in events)
    events = attacks(extract("Analysts said rebels attacked the port."))
    assert events and not any(e.hypothetical for e in events)


def test_a_war_someone_wants_ended_is_named_in_a_call_not_reported(extract):
    text = "\u201cWe must all work to stop the ongoing war in the north,\u201d the minister said."
    assert attacks(extract(text)) == []
    war = next(t for t in load_nlp()(text) if t.text == "war")
    assert Recognizer(load_patterns()).not_an_event(war)  # so the trained detector may not add it either
    assert attacks(extract("The coalition stopped the attacks on the town after a warning from Moscow.")) != []


@pytest.mark.parametrize("text", [
    "Caribbean leaders were due to meet in Jamaica on Monday to discuss a political transition.",
    "Serbia's president said Belgrade would ask the peacekeepers to let its own forces deploy.",
    "The ministry may recall its ambassador if the talks fail.",
])
def test_an_act_that_may_yet_happen_and_is_no_attack_is_no_event(extract, text):
    assert extract(text) == []


@pytest.mark.parametrize("text", [
    "Azerbaijan has since cancelled a planned visit by a Russian deputy prime minister.",
    "Last November the government suspended accession talks with the bloc until 2028.",
    "The visit by the minister was postponed.",
])
def test_talks_or_a_visit_called_off_are_no_meeting(extract, text):
    assert [e for e in extract(text) if e.type == "CONSULT"] == []
    assert [e.type for e in extract("The minister held talks with his Iraqi counterpart on Monday.")] == ["CONSULT"]


@pytest.mark.parametrize("text", [
    "The convoy, carrying staff back from meetings with municipal officials, was fired on near the town.",
    "Three agronomists were driving back from a meeting with small farmers when gunmen stopped their pickup.",
])
def test_a_meeting_travellers_were_coming_back_from_is_the_scene_not_an_event(extract, text):
    assert [e for e in extract(text) if e.type == "CONSULT"] == []
    assert [e.type for e in extract("The governor met municipal officials in Zuwara on Monday.")] == ["CONSULT"]


def test_a_group_denying_any_involvement_denies_the_attack_and_rejects_nothing(extract):
    events = extract("Gunmen ambushed the aid trucks on Monday. The rebel group denied any involvement.")
    assert sorted((e.type, e.negated) for e in events) == [("ASSAULT", False), ("ASSAULT", True)]


@pytest.mark.parametrize("text, denier", [
    ("Kataib Hezbollah denied taking part in the attack.", "Kataib Hezbollah"),
    ("The KNF denied any part in the kidnapping in a post on its Facebook page on Monday.", "KNF"),
])
def test_a_party_denying_a_part_in_an_attack_is_the_one_whose_attack_is_denied(extract, text, denier):
    assert [(e.type, e.negated, [p.text for p in e.actors]) for e in extract(text)] == [("ASSAULT", True, [denier])]


def test_a_threat_is_an_event_though_what_it_threatens_may_never_happen(extract):
    events = extract("The group warned it would attack the base if the strikes continued.")
    assert [(e.type, e.hypothetical) for e in events] == [("THREATEN", False), ("ASSAULT", True)]
    assert [e.hypothetical for e in attacks(extract("Officials fear militants could attack the embassy."))] == [True]


def test_a_crowd_told_again_is_the_protest_told_before_and_a_riot_by_some_of_it_is_not(extract):
    events = extract("About 300 protesters gathered outside the embassy on Sunday to denounce the air strikes. The "
                     "protesters, many of them factory workers, had gathered outside the embassy in the afternoon.")
    [protest] = [e for e in events if e.type == "PROTEST"]
    assert [p.text for p in protest.actors] == ["About 300 protesters", "protesters"]
    events = extract("Thousands of people marched to the embassy on Sunday. A group of young men threw stones at "
                     "the embassy gate.")
    assert sorted(e.mode[0] for e in events if e.type == "PROTEST") == ["demo", "riot"]
