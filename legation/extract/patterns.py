"""Event patterns as data: one JSON file per event type in patterns/, plus frames.json and kinds.json.

A type file holds trigger-lemma tables (`verbs`, `nouns`) whose entries carry conditions (particle, preposition,
object, subject, modifier, governing verb...) and the modes they imply, plus argument rules for the type
(which prepositions introduce recipients, whether a meeting is symmetric, which agent nouns may stand in as actor).
This module only reads and checks the files; recognize.py applies them, so adding a trigger needs no code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from legation.domain.errors import InputError
from legation.domain.ontology import EVENT_TYPES, allowed_modes

PATTERNS = Path(__file__).parent / "patterns"

# Conditions a trigger entry may carry (see patterns/README.md for what each means).
RULE_KEYS = {"mode", "particle", "not_particle", "prep", "not_prep", "object", "not_object", "object_kind",
             "subject", "subject_kind", "modifier", "head", "not_head", "under", "intransitive", "pos", "with",
             "negated", "needs", "symmetric", "complement_aux", "agent", "said", "active", "not_with",
             "affirmed", "not_subject_kind", "conditional", "refused", "others_work", "to_come",
             "on_condition", "state"}
# Settings of a whole type file.
TYPE_KEYS = {"type", "description", "verbs", "nouns", "mode_words", "default_mode", "participles",
             "actors_from_context", "recipient_preps", "agent_nouns", "not_object", "not_modifier", "symmetric",
             "deep_recipients", "recipient_places", "needs_actor", "object_is_recipient", "not_recipient",
             "compound_triggers", "absorbs_complement", "absorbs_object", "site_preps",
             "modifier_participles", "protected_preps", "actorless_modes"}


@dataclass(frozen=True)
class Rule:
    """One trigger: `lemma` is the head word; `before` the words that must modify it ("air" in "air strike")."""

    type: str
    pos: str  # "verb" or "noun"
    lemma: str
    before: tuple[str, ...]
    options: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


@dataclass
class TypeSpec:
    type: str
    options: dict[str, Any]
    mode_words: dict[str, str] = field(default_factory=dict)

    def get(self, key: str, default: Any = None) -> Any:
        return self.options.get(key, default)


@dataclass
class Patterns:
    verbs: dict[str, list[Rule]]
    nouns: dict[str, list[Rule]]
    types: dict[str, TypeSpec]
    frames: dict[str, frozenset[str]]
    kind_words: dict[str, str | list[str]]
    entity_kinds: dict[str, list[str]]


def _read(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=lambda pairs: _unique(path, pairs))
    except json.JSONDecodeError as err:
        raise InputError(f"{path}:{err.lineno}: not valid JSON ({err.msg})") from None


def _unique(path: Path, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """An object of a pattern file, refused when it names a key twice (JSON keeps the last one silently)."""
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise InputError(f"{path}: {key!r} is given twice in one table; the first would be ignored")
        seen[key] = value
    return seen


def _check_modes(path: Path, event_type: str, modes: list[str], where: str) -> None:
    allowed = allowed_modes(event_type)
    for mode in modes:
        if mode not in allowed:
            raise InputError(f"{path}: {where}: mode {mode!r} is not a mode of {event_type}")


def _rules(path: Path, event_type: str, table: dict[str, Any], pos: str) -> list[Rule]:
    rules = []
    for key, entry in table.items():  # one condition set, a list of them (each its own trigger), or the name of
        if isinstance(entry, str):  # another trigger of the table whose conditions it shares
            if not isinstance(table.get(entry), (dict, list)):
                raise InputError(f"{path}: {pos} {key!r}: {entry!r} names no trigger of the same table")
            entry = table[entry]
        for options in entry if isinstance(entry, list) else [entry]:
            rules.append(_rule(path, event_type, key, options, pos))
    return rules


def _rule(path: Path, event_type: str, key: str, options: dict[str, Any], pos: str) -> Rule:
    unknown = set(options) - RULE_KEYS
    if unknown:
        raise InputError(f"{path}: {pos} {key!r}: unknown condition(s) {', '.join(sorted(unknown))}")
    _check_modes(path, event_type, options.get("mode", []), f"{pos} {key!r}")
    words = key.lower().split()
    return Rule(event_type, pos, words[-1], tuple(words[:-1]), options)


def read_type(path: Path) -> tuple[TypeSpec, list[Rule]]:
    """One type file, checked: its type exists, its keys are known, its modes belong to the type."""
    data = _read(path)
    event_type = data.get("type")
    if event_type not in EVENT_TYPES:
        raise InputError(f"{path}: unknown event type {event_type!r}")
    unknown = set(data) - TYPE_KEYS
    if unknown:
        raise InputError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}")
    mode_words = {k.lower(): v for k, v in data.get("mode_words", {}).items()}
    _check_modes(path, event_type, list(mode_words.values()) + data.get("default_mode", []), "mode_words")
    rules = _rules(path, event_type, data.get("verbs", {}), "verb") + _rules(path, event_type,
                                                                              data.get("nouns", {}), "noun")
    return TypeSpec(event_type, data, mode_words), rules


@lru_cache(maxsize=4)
def load_patterns(folder: Path = PATTERNS) -> Patterns:
    verbs: dict[str, list[Rule]] = {}
    nouns: dict[str, list[Rule]] = {}
    types: dict[str, TypeSpec] = {}
    for path in sorted(folder.glob("*.json")):
        if not path.stem.isupper():
            continue
        spec, rules = read_type(path)
        types[spec.type] = spec
        for rule in rules:
            (verbs if rule.pos == "verb" else nouns).setdefault(rule.lemma, []).append(rule)
    frames = {k: frozenset(v) for k, v in _read(folder / "frames.json").items() if isinstance(v, list)}
    kinds = _read(folder / "kinds.json")
    kind_words: dict[str, Any] = {}
    for kind, words in kinds["words"].items():
        for word in words:
            kind_words.setdefault(word, []).append(kind)
    return Patterns(verbs, nouns, types, frames, kind_words, kinds["entity_labels"])
