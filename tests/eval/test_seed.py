"""The seed article against its analyst gold, through the shared scorer (../shared/eval/score_events.py)."""

from __future__ import annotations

import importlib.util
import json

import pytest

from legation.extract import Extractor
from legation.ingest.articles import read_article


def load_scorer(shared, name):
    spec = importlib.util.spec_from_file_location(name, shared / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_RESULTS: dict[str, dict] = {}


@pytest.fixture
def seed_result(shared):
    if "seed" not in _RESULTS:
        _RESULTS["seed"] = _score_seed(shared)
    return _RESULTS["seed"]


def _score_seed(shared):
    scorer = load_scorer(shared, "score_events")
    report = read_article(shared / "corpus" / "seed-2023-10-25.txt", published="2023-10-25")
    predicted = [json.loads(json.dumps(e.to_dict())) for e in Extractor.load().extract(report)]
    gold = scorer.read_jsonl(str(shared / "corpus" / "seed-2023-10-25.gold.jsonl"))
    return scorer.score(gold, predicted)


def test_seed_f1_floor(seed_result):
    assert seed_result["f1"] >= 0.9, seed_result


def test_seed_recipients(seed_result):
    assert seed_result["recipient_accuracy"] is not None and seed_result["recipient_accuracy"] >= 0.8, seed_result


def test_seed_location_countries(seed_result):
    if importlib.util.find_spec("legation.resolve.places") is None:
        pytest.skip("legation/resolve/places.py is not there yet: locations stay raw mentions")
    assert seed_result["location_country_accuracy"] == 1.0, seed_result
