"""General check of the patterns on sentences they were not written for: the PLOVER gold-standard examples.

Each example sentence (../shared/data/plover/PLOVER_GSR_CAMEO.json) is coded with one PLOVER event; the extractor
should find an event of that type in it (DEMAND is our REQUEST, DISAPPROVE and INVESTIGATE our ACCUSE, FIGHT our
ASSAULT). The floors are what the patterns reached when written: a drop means a change broke the general case.
"""

from __future__ import annotations

import json
from collections import Counter

import pytest

from legation.domain.records import Report
from legation.extract import Extractor

SAME = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
FLOORS = {"all": 0.45, "ASSAULT": 0.65, "PROTEST": 0.7, "REJECT": 0.6, "THREATEN": 0.45, "REQUEST": 0.45}

pytestmark = pytest.mark.slow


@pytest.fixture
def recall_by_type(shared):
    examples = [x for x in json.loads((shared / "data" / "plover" / "PLOVER_GSR_CAMEO.json").read_text())
                if x.get("event") != "DOCUMENT"]
    reports = [Report(text=x["text"], source=x["id"], doc=x["id"], published=x.get("date")) for x in examples]
    found, total = Counter(), Counter()
    for (_, events), example in zip(Extractor.load().extract_many(reports), examples, strict=True):
        want = SAME.get(example["event"], example["event"])
        total[want] += 1
        found[want] += want in {e.type for e in events}
    recall = {t: found[t] / total[t] for t in total}
    recall["all"] = sum(found.values()) / sum(total.values())
    return recall


def test_plover_examples_recall_floors(recall_by_type):
    low = {t: round(recall_by_type[t], 2) for t, floor in FLOORS.items() if recall_by_type[t] < floor}
    assert not low, (low, FLOORS)
