"""A trained event-trigger detector, and the rule that combines it with the patterns.

What it is: for each event type it knows (the types with enough annotated triggers; detector.json's "types"), a
logistic regression that scores each verb and noun of a sentence as a trigger of that type, over features the
parse has already computed, so it costs one small matrix product a sentence:
- the word's contextual vector (the tok2vec output in `doc.tensor`);
- its lemma, its part of speech and its dependency label (present or not).
A sentence's probability of a type is its best word's. `legation/extract/train.py` fits it (`make train`) on
public annotated sets mapped to the ontology by type_map.csv; detector.json holds the weights, provenance.json
what it saw and how it scores held out. Loading it needs only numpy and the JSON file.

How it combines with the patterns (ASSAULT only; for the other types it only gives probabilities):
- the patterns' mentions all stand. A veto of pattern attacks whose trigger the detector scores low was tried
  and measured: it cost more true attacks than false ones on WikiEvents (the training sets do not count an
  explosion as an attack, so "the explosion" scored near 0), so there is none;
- the detector adds. In a sentence where the patterns found no ASSAULT, the verbs and nouns outside names that
  the patterns did not take as a trigger of another type ("stormed" by a crowd is a PROTEST) and that are not
  themselves a party or a weapon (`Recognizer.kinds` empty: "militants", "rockets" are no trigger) are
  tried in order of probability, from the classifier's own boundary ADD (0.5) up. The first that gets an attacker
  from the argument rules (a party: a name, a pronoun, or a word of a party kind such as "rebels", "troops"; not
  "the possibility of terrorism") and is neither negated nor hypothetical becomes the trigger of one ASSAULT
  mention; its flags come from the same rules as any pattern mention, and its confidence is capped at
  ADDED_CONFIDENCE. (With
  a target alone enough, it added more on RAMS, 0.578 recall held out against 0.49, but read "a war of words",
  "nuclear terrorism" and "the American dream is dying" as attacks.)
Dates, negation scope, known names and arguments stay with the rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from spacy.tokens import Span, Token

if TYPE_CHECKING:
    from legation.extract.recognize import Mention, Recognizer

HERE = Path(__file__).parent
WEIGHTS = HERE / "detector.json"
CANDIDATE_POS = ("VERB", "NOUN")
NAME_ENTITIES = {"ORG", "PERSON", "GPE", "WORK_OF_ART", "LAW", "PRODUCT", "FAC", "NORP", "DATE", "TIME"}
ADD = 0.5
ADDED_CONFIDENCE = 0.6


def candidates(span: Span) -> list[Token]:
    """The words that may trigger an event: verbs and nouns outside names."""
    return [t for t in span if t.pos_ in CANDIDATE_POS and t.is_alpha and t.ent_type_ not in NAME_ENTITIES]


def word_features(token: Token) -> tuple[str, ...]:
    """The sparse features of a candidate word."""
    lemma = token.lemma_.lower()
    return (f"l:{lemma}", f"p:{token.pos_}", f"d:{token.dep_}", f"lp:{lemma}|{token.pos_}",
            f"h:{token.head.lemma_.lower()}" if token.head is not token else "h:ROOT")


def word_vectors(tokens: list[Token]) -> np.ndarray:
    """The contextual vectors of the words, one row each (no columns when the pipeline wrote none)."""
    if not tokens:
        return np.zeros((0, 0), dtype="float32")
    tensor = tokens[0].doc.tensor
    if tensor is None or tensor.ndim != 2 or len(tensor) != len(tokens[0].doc):
        return np.zeros((len(tokens), 0), dtype="float32")
    return np.asarray(tensor[[t.i for t in tokens]], dtype="float32")


@dataclass
class Detector:
    """Per-word, per-type trigger probabilities; `combine` applies the rule in the module docstring."""

    types: list[str]
    dense: np.ndarray  # (width, types): weights on the standardised vector, the standardisation folded in
    sparse: dict[str, np.ndarray]  # feature -> (types,) weights
    bias: np.ndarray  # (types,)
    add: float = ADD

    @classmethod
    def from_dict(cls, data: dict) -> Detector:
        types = list(data["types"])
        mean = np.asarray(data["dense_mean"], dtype="float32")
        scale = np.asarray(data["dense_scale"], dtype="float32")
        coef = np.asarray(data["dense_coef"], dtype="float32").reshape(len(types), -1).T  # (width, types)
        dense = coef / scale[:, None]
        bias = np.asarray(data["intercept"], dtype="float32") - mean @ dense
        sparse = {f: np.asarray(v, dtype="float32") for f, v in data["sparse_coef"].items()}
        thresholds = data.get("thresholds", {})
        return cls(types, dense, sparse, bias, thresholds.get("add", ADD))

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Detector | None:
        return _load(path)

    def word_probabilities(self, tokens: list[Token]) -> np.ndarray:
        """(len(tokens), types) probabilities that each word triggers each type."""
        logits = np.tile(self.bias, (len(tokens), 1))
        vectors = word_vectors(tokens)
        if len(tokens) and vectors.shape[1] == self.dense.shape[0]:
            logits += vectors @ self.dense
        for row, token in enumerate(tokens):
            for feature in word_features(token):
                weights = self.sparse.get(feature)
                if weights is not None:
                    logits[row] += weights
        return 1.0 / (1.0 + np.exp(-logits))

    def scores(self, sent: Span) -> dict[str, float]:
        """The sentence's probability of each type: its most likely trigger's."""
        words = candidates(sent)
        if not words:
            return dict.fromkeys(self.types, 0.0)
        return dict(zip(self.types, self.word_probabilities(words).max(axis=0).tolist(), strict=True))

    def combine(self, sent: Span, mentions: list[Mention], recognizer: Recognizer) -> list[Mention]:
        """The patterns' mentions of one sentence, and the detector's attack where they found none."""
        if "ASSAULT" not in self.types or any(m.type == "ASSAULT" for m in mentions):
            return mentions
        column = self.types.index("ASSAULT")
        taken = {m.trigger.i for m in mentions}  # a word the patterns read as another event stays that event
        words = [w for w in candidates(sent) if w.i not in taken]
        if not words:
            return mentions
        p = self.word_probabilities(words)[:, column]
        for i in np.argsort(-p):
            if p[i] < self.add:
                break
            if recognizer.kinds(words[i]):  # a party or a weapon is no trigger
                continue
            added = recognizer.mention_at(words[i], "ASSAULT")
            if any(map(recognizer.is_party, added.actors)) and not (added.negated or added.hypothetical):
                added.confidence = round(min(added.confidence, ADDED_CONFIDENCE, float(p[i])), 2)
                return mentions + [added]
        return mentions


@lru_cache(maxsize=4)
def _load(path: Path) -> Detector | None:
    if not path.exists():
        return None
    return Detector.from_dict(json.loads(path.read_text(encoding="utf-8")))
