"""The model's attribute rules (tag → part of speech and morphology, plus word exceptions), applied by lookup.

The English model's `attribute_ruler` holds 179 rules and runs them through spaCy's Matcher, which costs about as
much per token as the dependency parser (0.5 s of 3.5 s over the benchmark texts). Every one of its rules is one or
two tokens, each compared on TAG, LOWER, DEP or IS_SPACE by equality, IN, NOT_IN or REGEX. So which rules a token
meets depends only on its own (tag, lower, dep, is-space) and, for two-token rules, on its neighbour's. This
component works that out once per distinct key, keeps it, and sets the same attributes, in the same order, with
spaCy's own `set_token_attrs`: the result is the stock ruler's, token for token (tests/extract/test_model.py checks
it on every golden article). A new key only tries the rules filed under its tag or its word, and the few that name
neither, so an unseen word costs microseconds, not a pass over all 179 rules.

`compile_rules` refuses any rule it cannot read this way (another condition, an operator like "?" or "+", three
tokens); `load_nlp` then keeps the stock ruler.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

Key = tuple[str, str, str, bool]  # (tag, lower, dep, is_space) of a token
FIELDS = {"TAG": 0, "LOWER": 1, "DEP": 2, "IS_SPACE": 3}


class Unsupported(ValueError):
    """A rule this lookup cannot apply exactly."""


def _condition(field: int, wanted: Any) -> Callable[[Key], bool]:
    if not isinstance(wanted, dict):
        return lambda key: key[field] == wanted
    if len(wanted) != 1:
        raise Unsupported(f"condition {wanted!r}")
    (op, value), = wanted.items()
    if op == "IN":
        allowed = frozenset(value)
        return lambda key: key[field] in allowed
    if op == "NOT_IN":
        banned = frozenset(value)
        return lambda key: key[field] not in banned
    if op == "REGEX" and field != FIELDS["IS_SPACE"]:
        search = re.compile(value).search
        return lambda key: search(key[field]) is not None
    raise Unsupported(f"operator {op!r}")


def _spec(token_spec: dict[str, Any]) -> Callable[[Key], bool]:
    """One token's conditions as a test on its key."""
    unknown = set(token_spec) - set(FIELDS)
    if unknown:
        raise Unsupported(f"attribute(s) {', '.join(sorted(map(str, unknown)))}")
    tests = [_condition(FIELDS[name], wanted) for name, wanted in token_spec.items()]
    return lambda key: all(test(key) for test in tests)


def _anchor(token_spec: dict[str, Any]) -> tuple[int, list[str]] | None:
    """(field, values) when the token must have one of a few tags or words: where to file the rule."""
    for name in ("TAG", "LOWER"):
        wanted = token_spec.get(name)
        if isinstance(wanted, str):
            return FIELDS[name], [wanted]
        if isinstance(wanted, dict) and list(wanted) == ["IN"]:
            return FIELDS[name], list(wanted["IN"])
    return None


@dataclass(frozen=True)
class Rule:
    number: int  # its own position among the rules
    group: int  # position in the ruler: later groups overwrite earlier ones
    first: Callable[[Key], bool]
    second: Callable[[Key], bool] | None  # None for a one-token rule
    index: int  # which token of the match gets the attributes (0 or 1)
    anchor: tuple[int, list[str]] | None  # see _anchor: the first token's tag or word, when the rule names it


def compile_rules(ruler: AttributeRuler) -> list[Rule]:
    rules = []
    for group in range(len(ruler.attrs)):
        _, patterns = ruler.matcher.get(str(group))
        for pattern in patterns:
            if not 1 <= len(pattern) <= 2:
                raise Unsupported(f"a rule of {len(pattern)} tokens")
            index = ruler.indices[group] % len(pattern)
            specs = [_spec(token_spec) for token_spec in pattern]
            rules.append(Rule(len(rules), group, specs[0], specs[1] if len(specs) == 2 else None, index,
                              _anchor(pattern[0])))
    return rules


class AttributeLookup:
    """Drop-in replacement for the stock `attribute_ruler` (same rules, same results, kept per token key)."""

    def __init__(self, ruler: AttributeRuler):
        self.attrs = ruler.attrs
        self.rules = compile_rules(ruler)
        self.filed: dict[tuple[int, str], list[Rule]] = {}  # (field, value) → rules whose first token needs it
        self.unfiled: list[Rule] = []
        for rule in self.rules:
            if rule.anchor is None:
                self.unfiled.append(rule)
            for value in rule.anchor[1] if rule.anchor else ():
                self.filed.setdefault((rule.anchor[0], value), []).append(rule)
        self._known: dict[Key, tuple[tuple[int, ...], tuple[Rule, ...]]] = {}  # see _met
        self._second: dict[tuple[Key, int], bool] = {}  # (key, rule number) → meets its second token
        self._merged: dict[tuple[int, ...], dict] = {}

    def __call__(self, doc: Doc) -> Doc:
        keys = [_key(token) for token in doc]
        met = [self._met(key) for key in keys]
        groups: list[list[int]] = [list(singles) for singles, _ in met]
        for i, (_, firsts) in enumerate(met[:-1]):
            for rule in firsts:
                if self._meets_second(rule, keys[i + 1]):
                    groups[i + rule.index].append(rule.group)
        for token, found in zip(doc, groups, strict=True):
            if found:
                set_token_attrs(token, self._attributes(tuple(sorted(set(found)))))
        return doc

    def _met(self, key: Key) -> tuple[tuple[int, ...], tuple[Rule, ...]]:
        """(groups of the one-token rules a key meets, two-token rules whose first token it meets), worked out
        once per key, trying only the rules filed under its tag or word and the unfiled ones."""
        found = self._known.get(key)
        if found is None:
            tried = self.filed.get((0, key[0]), []) + self.filed.get((1, key[1]), []) + self.unfiled
            rules = sorted({r.number: r for r in tried if r.first(key)}.values(), key=lambda r: r.number)
            found = self._known[key] = (tuple(r.group for r in rules if r.second is None),
                                        tuple(r for r in rules if r.second is not None))
        return found

    def _meets_second(self, rule: Rule, key: Key) -> bool:
        cached = self._second.get((key, rule.number))
        if cached is None:
            cached = self._second[(key, rule.number)] = rule.second(key)
        return cached

    def _attributes(self, groups: tuple[int, ...]) -> dict:
        """The attributes of several rules met at once, later rules winning (the stock ruler's order)."""
        merged = self._merged.get(groups)
        if merged is None:
            merged = {}
            for group in groups:
                merged.update(self.attrs[group])
            self._merged[groups] = merged
        return merged


def _key(token: Token) -> Key:
    return token.tag_, token.lower_, token.dep_, token.is_space
