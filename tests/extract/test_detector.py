"""The trained event detector (legation/extract/detector): ships with the package, loads offline, scores trigger
words, adds an attack only where the patterns found none, and holds its held-out figures.

Held-out floors (issue 16), each a little under what was measured:
- recorded by `make train` in provenance.json (they belong to the shipped weights: the hash is checked): RAMS dev
  nested 5-fold by document, WikiEvents dev with a detector trained without WikiEvents, the seed article;
- re-scored here: one RAMS dev fold read by a detector trained on the other four folds and WikiEvents dev (not
  GENEVA, to stay fast).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace

import pytest

from legation.domain.records import Report
from legation.extract.detector import HERE, WEIGHTS, Detector, candidates
from legation.extract.model import load_nlp
from legation.extract.patterns import load_patterns
from legation.extract.pipeline import Extractor

PROVENANCE = HERE / "provenance.json"
# RAMS dev, nested 5-fold by document, class weight and thresholds chosen inside the folds: measured 0.667 recall
# at 0.030 false alarms (68 of 102; 8 of 267) on the recorded split, and 0.661 / 0.042 on average over five document
# splits (numpy seeds 7, 11, 13, 17, 19; one of them 0.627 / 0.052). That is since sentences whose line break was
# lost stand alone (model._lost_break) and fans, youths and hooligans are people who can attack (kinds.json); both
# were written after reading RAMS dev's missed sentences, so they are tuned on it (before them: 0.627 / 0.030).
# The floor: recall >= 0.65 at <= 5% false alarms.
RAMS_RECALL_FLOOR = 0.65
RAMS_FALSE_ALARM_CEILING = 0.05
# WikiEvents dev with a detector trained without WikiEvents: measured F1 0.72, attacker recall 0.706, the issue's
# floors (the detector adds nothing there now: the speculated "military coup" it added before was a bare
# hypothetical; patterns alone 0.72 / 0.706).
WIKIEVENTS_F1_FLOOR = 0.72
WIKIEVENTS_ATTACKER_FLOOR = 0.70
# Fold 0 re-scored here (detector trained on the other RAMS folds and WikiEvents, at the shipped thresholds 0.3 /
# 0.7): measured 0.90 recall (18 of 20) at 0.04 false alarms (2 of 50); patterns alone 0.55 / 0.02. One fold has
# only 50 quiet sentences (one alarm is 2 points), so its ceiling is 0.06, not the nested figure's.
FOLD_FALSE_ALARM_CEILING = 0.06
FOLD_RECALL_FLOOR = 0.85


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture(scope="module")
def detector():
    found = Detector.load()
    assert found is not None, f"{WEIGHTS} is missing: run `make train`"
    return found


@pytest.fixture(scope="module")
def provenance():
    return json.loads(PROVENANCE.read_text(encoding="utf-8"))


def assault_probabilities(detector, nlp, text):
    doc = nlp(text)
    words = candidates(doc[:])
    column = detector.types.index("ASSAULT")
    return dict(zip((w.text for w in words), detector.word_probabilities(words)[:, column], strict=True))


def extract_with(detector, nlp, text):
    extractor = Extractor(nlp, load_patterns(), detector)
    return extractor.events_of(Report(text=text, source="t", doc="t", published="2016-06-11"), nlp(text))


def test_the_shipped_weights_are_the_ones_their_provenance_describes(detector, provenance):
    assert provenance["weights_sha256"] == hashlib.sha256(WEIGHTS.read_bytes()).hexdigest(), \
        "provenance.json does not describe the shipped weights: run `make train`"
    assert set(provenance["trained_on"]) == {"rams", "wikievents", "geneva", "petr"}
    assert "ASSAULT" in detector.types and "ASSAULT" in provenance["types"]
    assert (detector.add_with_attacker, detector.add_alone) == (
        provenance["thresholds"]["add_with_attacker"], provenance["thresholds"]["add_alone"])
    assert WEIGHTS.stat().st_size < 3_000_000


def test_an_attack_verb_scores_high_and_a_meeting_low(detector, nlp):
    attack = assault_probabilities(detector, nlp, "Militants attacked the embassy in Kabul on Monday.")
    meeting = assault_probabilities(detector, nlp, "The minister attended a conference in Paris on Monday.")
    assert attack["attacked"] > 0.5
    assert max(meeting.values()) < 0.1


def test_the_detector_adds_an_attack_the_patterns_miss_when_it_names_the_attackers(detector, nlp):
    text = "Rebels skirmish with government troops near the border on Saturday."
    assert [e.type for e in extract_with(None, nlp, text)] == []
    events = extract_with(detector, nlp, text)
    assert [(e.type, [a.text for a in e.actors]) for e in events] == [("ASSAULT", ["Rebels"])]
    assert events[0].confidence <= 0.6 and not events[0].hypothetical


def test_a_crowd_of_fans_is_a_party_that_can_attack_and_a_storm_is_not(detector, nlp):
    """A doer that is no party rules the word out; fans, youths and hooligans are people (kinds.json, civilians)."""
    text = "Rival fans skirmish near the stadium in Marseille on Saturday."
    assert [e.type for e in extract_with(None, nlp, text)] == []
    events = extract_with(detector, nlp, text)
    assert [(e.type, [a.text for a in e.actors]) for e in events] == [("ASSAULT", ["Rival fans"])]
    assert extract_with(detector, nlp, "Fans cheered the team in the stadium on Saturday.") == []
    assert "ASSAULT" not in [e.type for e in extract_with(detector, nlp, "The storm hit the town on Saturday.")]


def test_what_may_happen_is_added_marked_hypothetical(detector, nlp):
    events = extract_with(detector, nlp, "Rebels may skirmish with government troops near the border on Saturday.")
    assert [(e.type, e.hypothetical) for e in events] == [("ASSAULT", True)]


def test_what_may_happen_with_no_doer_and_no_target_is_never_added(detector, nlp):
    """A bare hypothetical ("a wider war could follow") is refused by the combining rule itself: at thresholds low
    enough to add it, it is added only when the rule is switched off; with a doer it is added, marked."""
    assert detector.refuse_bare_hypothetical
    eager = replace(detector, add_with_attacker=0.05, add_alone=0.05)
    for text in ("Analysts said a wider war could follow within weeks.",
                 "A wider war would devastate the economy of the region."):
        assert "ASSAULT" not in [e.type for e in extract_with(eager, nlp, text)], text
        allowed = extract_with(replace(eager, refuse_bare_hypothetical=False), nlp, text)
        assert [(e.type, e.hypothetical, e.actors) for e in allowed] == [("ASSAULT", True, [])], text
    events = extract_with(eager, nlp, "Rebels may skirmish with government troops near the border on Saturday.")
    assert [(e.type, e.hypothetical, [a.text for a in e.actors]) for e in events] == [("ASSAULT", True, ["Rebels"])]


def test_no_attack_on_a_doctrine_a_weapon_s_name_or_a_denial(detector, nlp):
    for text in ("The possibility of nuclear terrorism was a key focus of the summit.",
                 "He bought an assault rifle at a gun show in Texas last year.",
                 "The rebels did not skirmish with government troops on Saturday."):
        assert "ASSAULT" not in [e.type for e in extract_with(detector, nlp, text) if not e.negated], text


def test_a_noun_s_adjective_or_a_light_verb_is_never_the_detector_s_trigger(detector, nlp):
    """"conflicting parties" names parties, "carried out the tests" an act its object names: even at thresholds
    low enough to add anything, the detector adds no attack on them."""
    eager = replace(detector, add_with_attacker=0.05, add_alone=0.05)
    for text in ("The conflicting parties signed a truce on Monday.", "Iran carried out the tests in August."):
        assert "ASSAULT" not in [e.type for e in extract_with(eager, nlp, text)], text


def test_the_recorded_rams_figure_is_held_out_and_above_its_floor(provenance):
    rams = provenance["scores"]["rams_dev"]
    assert "nested" in rams["held_out"]
    held_out = rams["nested_cross_validated"]
    assert held_out["recall"] >= RAMS_RECALL_FLOOR, held_out
    assert held_out["false_alarm_rate"] <= RAMS_FALSE_ALARM_CEILING, held_out
    assert held_out["recall"] > rams["patterns_only"]["recall"], rams


def test_the_class_weight_is_chosen_inside_the_folds_and_the_shipped_one_is_recorded(detector, provenance):
    from legation.extract.train import CLASS_WEIGHTS

    shipped = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert provenance["class_weight"] == shipped["class_weight"] and shipped["class_weight"] in CLASS_WEIGHTS
    chosen = provenance["scores"]["rams_dev"]["chosen_by_fold"]
    assert len(chosen) == 5 and all(fold["class_weight"] in CLASS_WEIGHTS for fold in chosen.values()), chosen
    assert provenance["class_weights_tried"] == list(CLASS_WEIGHTS)
    assert provenance["refuse_bare_hypothetical"] == shipped["refuse_bare_hypothetical"] \
        == detector.refuse_bare_hypothetical


def test_the_recorded_wikievents_and_seed_figures_hold(provenance):
    wikievents = provenance["scores"]["wikievents_dev"]
    assert "without wikievents" in wikievents["held_out"]
    assert "wikievents" not in provenance["scores"]["rams_dev"]["held_out"]
    held_out = wikievents["with_detector"]
    assert held_out["f1"] >= WIKIEVENTS_F1_FLOOR and held_out["attacker_recall"] >= WIKIEVENTS_ATTACKER_FLOOR, held_out
    assert provenance["scores"]["seed"]["f1"] == 1.0


def test_on_general_text_held_out_by_document_the_detector_costs_at_most_a_little(provenance):
    """GENEVA, 5 folds by document, each read by a detector trained without it: measured F1 0.542 with the
    detector against 0.547 for the patterns alone (1 attack sentence more found, 4 false ones more; 0.534 and 6
    before adjectives and light verbs were barred as triggers, a rule written after reading those false ones).
    What the detector adds is mostly what RAMS counts; on general text it should cost no more than two points."""
    geneva = provenance["scores"]["geneva"]
    assert "folds by document" in geneva["held_out"]
    assert geneva["with_detector"]["f1"] >= geneva["patterns_only"]["f1"] - 0.02, geneva
    assert geneva["with_detector"]["recall"] >= geneva["patterns_only"]["recall"], geneva


def test_one_rams_fold_read_by_a_detector_that_did_not_train_on_it(shared, nlp):
    from legation.extract.train import rams_fold_check

    result = rams_fold_check(shared, nlp, load_patterns(), fold=0)
    held_out, plain = result["with_detector"], result["patterns_only"]
    assert held_out["recall"] >= FOLD_RECALL_FLOOR, result
    assert held_out["recall"] > plain["recall"], result
    assert held_out["false_alarm_rate"] <= FOLD_FALSE_ALARM_CEILING, result
