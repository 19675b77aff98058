"""Extraction rules on hand-built parses (spacy.tokens.Doc with words, heads, labels and tags given), as spaCy's
own tests do: each test pins one rule without loading the statistical model, so a change of the model cannot hide
or fake a change of the rule."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from legation.extract.patterns import load_patterns
from legation.extract.recognize import Recognizer, denied_party

VOCAB = spacy.blank("en").vocab  # English lexical attributes (lower case, shape), no trained model


def parse(rows: list[tuple], ents: list[str] | None = None) -> Doc:
    """rows: (word, lemma, pos, tag, head index, dep) one a token; `ents` IOB tags ("B-GPE", "O", ...)."""
    words, lemmas, pos, tags, heads, deps = map(list, zip(*rows, strict=True))
    return Doc(VOCAB, words=words, lemmas=lemmas, pos=pos, tags=tags, heads=heads, deps=deps,
               sent_starts=[True] + [False] * (len(rows) - 1), ents=ents)


@pytest.fixture(scope="module")
def recognizer():
    return Recognizer(load_patterns())


NO_GROUP_CLAIMED = [  # "No group has claimed responsibility for the attack."
    ("No", "no", "DET", "DT", 1, "det"),
    ("group", "group", "NOUN", "NN", 3, "nsubj"),
    ("has", "have", "AUX", "VBZ", 3, "aux"),
    ("claimed", "claim", "VERB", "VBN", 3, "ROOT"),
    ("responsibility", "responsibility", "NOUN", "NN", 3, "dobj"),
    ("for", "for", "ADP", "IN", 4, "prep"),
    ("the", "the", "DET", "DT", 7, "det"),
    ("attack", "attack", "NOUN", "NN", 5, "pobj"),
    (".", ".", "PUNCT", ".", 3, "punct"),
]


def test_a_subject_with_no_is_a_denied_party():
    doc = parse(NO_GROUP_CLAIMED)
    assert denied_party(doc[1])
    assert not denied_party(doc[7])


def test_no_group_claimed_is_a_negated_claim_without_actor_and_its_attack_has_no_attacker(recognizer):
    doc = parse(NO_GROUP_CLAIMED)
    mentions = recognizer.mentions(doc[:])
    assert [(m.type, m.negated, m.actors) for m in mentions] == [("CLAIM", True, []), ("ASSAULT", False, [])]
    assert mentions[0].actor_source == "denied"


def test_a_named_claimant_claims_and_its_attack_stays(recognizer):
    rows = [("Hamas", "Hamas", "PROPN", "NNP", 2, "nsubj")] + NO_GROUP_CLAIMED[2:]
    doc = parse([(w, lemma, p, t, h - 1 if i else h, d) for i, (w, lemma, p, t, h, d) in enumerate(rows)],
                ents=["B-ORG"] + ["O"] * (len(rows) - 1))
    mentions = {m.type: m for m in recognizer.mentions(doc[:])}
    assert mentions["CLAIM"].negated is False and [t.text for t in mentions["CLAIM"].actors] == ["Hamas"]
    assert [t.text for t in mentions["ASSAULT"].actors] == ["Hamas"]  # the light verb hands the attack its actor


def test_a_us_modifier_with_full_stops_names_the_attacker(recognizer):
    doc = parse([  # "A U.S. drone strike killed a commander."
        ("A", "a", "DET", "DT", 3, "det"),
        ("U.S.", "U.S.", "PROPN", "NNP", 3, "compound"),
        ("drone", "drone", "NOUN", "NN", 3, "compound"),
        ("strike", "strike", "NOUN", "NN", 4, "nsubj"),
        ("killed", "kill", "VERB", "VBD", 4, "ROOT"),
        ("a", "a", "DET", "DT", 6, "det"),
        ("commander", "commander", "NOUN", "NN", 4, "dobj"),
        (".", ".", "PUNCT", ".", 4, "punct"),
    ], ents=["O", "B-GPE", "O", "O", "O", "O", "O", "O"])
    attack = next(m for m in recognizer.mentions(doc[:]) if m.type == "ASSAULT")
    assert [t.text for t in attack.actors] == ["U.S."]


def test_an_imperative_without_subject_is_advice_and_a_report_is_not():
    from legation.extract.furniture import is_advice

    advice = parse([("Avoid", "avoid", "VERB", "VB", 0, "ROOT"), ("all", "all", "DET", "DT", 2, "det"),
                    ("protests", "protest", "NOUN", "NNS", 0, "dobj"), (".", ".", "PUNCT", ".", 0, "punct")])
    report = parse([("Crowds", "crowd", "NOUN", "NNS", 1, "nsubj"), ("protest", "protest", "VERB", "VBP", 1, "ROOT"),
                    (".", ".", "PUNCT", ".", 1, "punct")])
    assert is_advice(advice[:]) and not is_advice(report[:])


def test_behind_in_what_a_speaker_said_is_an_allegation_against_the_subject(recognizer):
    doc = parse([  # "Officials said Israel was behind the attack."
        ("Officials", "official", "NOUN", "NNS", 1, "nsubj"),
        ("said", "say", "VERB", "VBD", 1, "ROOT"),
        ("Israel", "Israel", "PROPN", "NNP", 3, "nsubj"),
        ("was", "be", "AUX", "VBD", 1, "ccomp"),
        ("behind", "behind", "ADP", "IN", 3, "prep"),
        ("the", "the", "DET", "DT", 6, "det"),
        ("attack", "attack", "NOUN", "NN", 4, "pobj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ], ents=["O", "O", "B-GPE", "O", "O", "O", "O", "O"])
    mentions = recognizer.mentions(doc[:])
    assert [(m.type, m.modes, [t.text for t in m.actors], [t.text for t in m.recipients]) for m in mentions] == [
        ("ACCUSE", ["allege"], ["Officials"], ["Israel"])]


def test_spacy_tokens_are_new_objects_each_time_so_rules_compare_positions():
    from legation.extract.recognize import _pairs_up
    from legation.extract.syntax import climb, subject_of

    doc = parse([("Troops", "troop", "NOUN", "NNS", 1, "nsubj"), ("left", "leave", "VERB", "VBD", 1, "ROOT"),
                 (".", ".", "PUNCT", ".", 1, "punct")])
    assert doc[1] is not doc[1] and doc[1].head == doc[1]  # why `is` may never be used on tokens
    assert _pairs_up(doc[1], 3) == []  # the root has nothing above it (an identity test went round it three times)
    assert _pairs_up(doc[0], 3) == [(doc[0], doc[1])]
    assert list(climb(doc[1], through=("ROOT",))) == []
    assert subject_of(doc[1], frozenset()) == [doc[0]]


def test_the_measure_ordered_is_never_its_own_recipient(recognizer):
    doc = parse([  # "The minister issued orders for the protection of embassies."
        ("The", "the", "DET", "DT", 1, "det"),
        ("minister", "minister", "NOUN", "NN", 2, "nsubj"),
        ("issued", "issue", "VERB", "VBD", 2, "ROOT"),
        ("orders", "order", "NOUN", "NNS", 2, "dobj"),
        ("for", "for", "ADP", "IN", 3, "prep"),
        ("the", "the", "DET", "DT", 6, "det"),
        ("protection", "protection", "NOUN", "NN", 4, "pobj"),
        ("of", "of", "ADP", "IN", 6, "prep"),
        ("embassies", "embassy", "NOUN", "NNS", 7, "pobj"),
        (".", ".", "PUNCT", ".", 2, "punct"),
    ])
    mention = recognizer.mention_at(doc[6], "PROTECT")
    assert [t.text for t in mention.actors] == ["minister"]
    assert "protection" not in [t.text for t in mention.recipients]  # with `is`, the trigger stayed as recipient


def test_a_speaker_telling_of_its_fighters_attack_claims_it_and_the_attack_is_the_speakers(recognizer):
    doc = parse([  # "Shabaab said its fighters killed officers when they ambushed a patrol."
        ("Shabaab", "Shabaab", "PROPN", "NNP", 1, "nsubj"),
        ("said", "say", "VERB", "VBD", 1, "ROOT"),
        ("its", "its", "PRON", "PRP$", 3, "poss"),
        ("fighters", "fighter", "NOUN", "NNS", 4, "nsubj"),
        ("killed", "kill", "VERB", "VBD", 1, "ccomp"),
        ("officers", "officer", "NOUN", "NNS", 4, "dobj"),
        ("when", "when", "SCONJ", "WRB", 8, "advmod"),
        ("they", "they", "PRON", "PRP", 8, "nsubj"),
        ("ambushed", "ambush", "VERB", "VBD", 4, "advcl"),
        ("a", "a", "DET", "DT", 10, "det"),
        ("patrol", "patrol", "NOUN", "NN", 8, "dobj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ], ents=["B-ORG"] + ["O"] * 11)
    found = sorted((m.type, [t.text for t in m.actors], [t.text for t in m.recipients], m.dated_by)
                   for m in recognizer.mentions(doc[:]))
    # the officers killed are among those the ambush hit
    assert found == [("ASSAULT", ["Shabaab"], ["patrol", "officers"], None),
                     ("CLAIM", ["Shabaab"], ["patrol", "officers"], doc[1])]


def test_the_wall_of_an_embassy_stormed_is_the_embassy_and_a_weapon_fired_is_no_victim(recognizer):
    doc = parse([  # "Protesters stormed the wall of the embassy."
        ("Protesters", "protester", "NOUN", "NNS", 1, "nsubj"),
        ("stormed", "storm", "VERB", "VBD", 1, "ROOT"),
        ("the", "the", "DET", "DT", 3, "det"),
        ("wall", "wall", "NOUN", "NN", 1, "dobj"),
        ("of", "of", "ADP", "IN", 3, "prep"),
        ("the", "the", "DET", "DT", 6, "det"),
        ("embassy", "embassy", "NOUN", "NN", 4, "pobj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ])
    assert [[t.text for t in m.recipients] for m in recognizer.mentions(doc[:])] == [["embassy"]]
    doc = parse([  # "Police fired bullets to disperse protesters."
        ("Police", "police", "NOUN", "NNS", 1, "nsubj"),
        ("fired", "fire", "VERB", "VBD", 1, "ROOT"),
        ("bullets", "bullet", "NOUN", "NNS", 1, "dobj"),
        ("to", "to", "PART", "TO", 4, "aux"),
        ("disperse", "disperse", "VERB", "VB", 1, "advcl"),
        ("protesters", "protester", "NOUN", "NNS", 4, "dobj"),
        (".", ".", "PUNCT", ".", 1, "punct"),
    ])
    attack = next(m for m in recognizer.mentions(doc[:]) if m.type == "ASSAULT")
    assert [t.text for t in attack.recipients] == ["protesters"]
