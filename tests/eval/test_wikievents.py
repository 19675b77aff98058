"""Attack detection on real news: the WikiEvents dev split through the shared scorer (../shared/eval/wikievents.py).

Floors from issue 3: sentence-level ASSAULT F1 >= 0.70 (a bare keyword rule scores 0.54) and attacker recall >= 0.5.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json

import pytest

from legation.domain.records import Report
from legation.extract import Extractor

pytestmark = pytest.mark.slow


def _scorer(shared):
    spec = importlib.util.spec_from_file_location("wikievents", shared / "eval" / "wikievents.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def result(shared, tmp_path):
    scorer = _scorer(shared)
    data = shared / "data" / "wikievents" / "dev.jsonl"
    reports = []
    for doc in scorer.documents(data):
        text, _ = scorer.layout(doc)
        reports.append(Report(text=text, source=doc["doc_id"], published="2020-01-01", doc=doc["doc_id"]))
    predicted = tmp_path / "we.jsonl"
    with predicted.open("w", encoding="utf-8") as out:
        for _, events in Extractor.load().extract_many(reports):
            for event in events:
                out.write(json.dumps(event.to_dict()) + "\n")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        scorer.score(str(data), str(predicted))
    return json.loads(printed.getvalue().rsplit("\n}", 1)[0] + "\n}")


def test_assault_sentence_f1_and_attacker_recall(result):
    assert result["f1"] >= 0.70, result
    assert result["attacker_recall"] >= 0.5, result
