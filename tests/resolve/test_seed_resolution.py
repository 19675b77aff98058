"""The seed article through the extractor and these resolvers: every matched event's recipients and country right."""

import importlib.util

import pytest


@pytest.mark.slow
def test_seed_recipient_and_location_country_accuracy_are_perfect(shared):
    pipeline = pytest.importorskip("legation.extract.pipeline")
    from legation.domain import Report

    spec = importlib.util.spec_from_file_location("score_events", shared / "eval" / "score_events.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    text = (shared / "corpus" / "seed-2023-10-25.txt").read_text(encoding="utf-8")
    report = Report(text=text, source="seed", published="2023-10-25", doc="seed-2023-10-25")
    predicted = [e.to_dict() for e in pipeline.Extractor.load().extract(report)]
    result = scorer.score(scorer.read_jsonl(str(shared / "corpus" / "seed-2023-10-25.gold.jsonl")), predicted)
    assert result["recipient_accuracy"] == 1.0, result
    assert result["location_country_accuracy"] == 1.0, result
