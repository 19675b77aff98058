"""Pattern files are data: every type has one, and a mistake in one is an error naming the file."""

from __future__ import annotations

import json

import pytest

from legation.domain.errors import InputError
from legation.domain.ontology import EVENT_TYPES
from legation.extract.patterns import PATTERNS, load_patterns, read_type


def test_every_type_has_a_pattern_file():
    assert set(load_patterns().types) == set(EVENT_TYPES)


def write(tmp_path, data):
    path = tmp_path / "ASSAULT.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_unknown_mode_names_file_and_trigger(tmp_path):
    path = write(tmp_path, {"type": "ASSAULT", "verbs": {"attack": {"mode": ["laser"]}}})
    with pytest.raises(InputError, match=r"ASSAULT\.json.*'attack'.*laser"):
        read_type(path)


def test_unknown_condition_is_refused(tmp_path):
    path = write(tmp_path, {"type": "ASSAULT", "verbs": {"attack": {"objekt": ["embassy"]}}})
    with pytest.raises(InputError, match="objekt"):
        read_type(path)


def test_a_trigger_given_twice_is_refused_not_silently_replaced(tmp_path):
    path = tmp_path / "ASSAULT.json"
    path.write_text('{"type": "ASSAULT", "verbs": {"bomb": {"mode": ["explosives"]}, "bomb": {}}}', encoding="utf-8")
    with pytest.raises(InputError, match=r"ASSAULT\.json.*'bomb' is given twice"):
        read_type(path)


def test_a_trigger_may_share_another_triggers_conditions(tmp_path):
    path = write(tmp_path, {"type": "ASSAULT", "verbs": {"attack": {"object": ["embassy"]}, "storm": "attack"}})
    _, rules = read_type(path)
    assert {r.lemma: r.get("object") for r in rules} == {"attack": ["embassy"], "storm": ["embassy"]}
    with pytest.raises(InputError, match=r"ASSAULT\.json.*'raid'.*'ambush' names no trigger"):
        read_type(write(tmp_path, {"type": "ASSAULT", "verbs": {"raid": "ambush"}}))


def test_broken_json_names_the_line(tmp_path):
    path = tmp_path / "ASSAULT.json"
    path.write_text('{"type": "ASSAULT",\n "verbs": {', encoding="utf-8")
    with pytest.raises(InputError, match=r"ASSAULT\.json:\d+"):
        read_type(path)


def test_shipped_files_load_cleanly():
    for path in sorted(PATTERNS.glob("*.json")):
        if path.stem.isupper():
            read_type(path)
