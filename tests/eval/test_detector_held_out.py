"""The trained detector measured on data it did not see (issue 16), refitted here (slow: it parses GENEVA, RAMS and
PETR-2). WikiEvents dev, end to end through the shared scorer, with a detector fitted on the other sets (RAMS,
GENEVA, PETR-2) and not on WikiEvents, at the shipped thresholds and combining rule. The issue asks sentence F1 >=
0.72 and attacker recall >= 0.70; measured 0.72 and 0.706 (the detector adds nothing there since bare hypotheticals
are refused; the patterns alone score the same), so those are the floors: a pattern change that costs a WikiEvents
sentence fails here (an attack noun "mortar fire" did, on a death the annotators code as no attack). The RAMS figures
are in tests/extract/test_detector.py (recorded nested cross-validation, and one fold re-scored)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def test_wikievents_with_a_detector_not_trained_on_it(shared):
    from legation.extract import train
    from legation.extract.detector import Detector
    from legation.extract.model import load_nlp
    from legation.extract.patterns import load_patterns

    nlp = load_nlp()
    items = [i for i in train.read_all(shared) if i.source != "wikievents"]
    features = train.featurise(items, nlp)
    weights = train.fit(items, features, range(len(items)), ["ASSAULT"])
    shipped = Detector.load()
    assert shipped is not None
    weights["thresholds"] = {"add_with_attacker": shipped.add_with_attacker, "add_alone": shipped.add_alone}
    weights["refuse_bare_hypothetical"] = shipped.refuse_bare_hypothetical
    result = train.wikievents_end_to_end(shared, nlp, load_patterns(), weights)
    assert result["f1"] >= 0.72 and result["attacker_recall"] >= 0.70, result
