"""A trained event-trigger detector, and the rule that combines it with the patterns.

What it is: for each event type it knows (the types with enough annotated triggers; detector.json's "types"), a
logistic regression that scores each verb and noun of a sentence as a trigger of that type, over features the
parse has already computed, so it costs one small matrix product a sentence:
- the word's contextual vector (the tok2vec output in `doc.tensor`);
- sparse features (`word_features`): its lemma, part of speech, tag and dependency label, its head and the
  relation to it, its first and last letters, and the lemmas and entity labels of its subject, object,
  modifiers and prepositional objects.
A sentence's probability of a type is its best word's. `legation/extract/train.py` fits it (`make train`) on
public annotated sets mapped to the ontology by type_map.csv; detector.json holds the weights and the two
thresholds below, provenance.json what it saw, how the thresholds were chosen and how it scores held out.
Loading it needs only numpy and the JSON file.

How it combines with the patterns (ASSAULT only; for the other types it only gives probabilities, because held out
they score too low to add events: provenance.json's "sentence_leave_one_source_out"):
1. every mention the patterns found stands. (A veto of pattern attacks the detector scores low was measured and
   dropped: it cost more true WikiEvents attacks than false RAMS alarms, as the training sets rarely count an
   explosion as an attack.)
2. in a sentence where the patterns found no ASSAULT, the detector's words are tried in order of probability.
   A word qualifies if the patterns did not take it as a trigger of another type ("stormed" by a crowd is a
   PROTEST) and `may_trigger` allows it (not a party or weapon, not a modifier of another noun as in "assault
   rifle", not a light verb as in "carried out", not a doctrine such as "terrorism"), and the argument rules do
   not read it as negated.
3. the first qualifying word becomes the trigger of one ASSAULT mention if its probability reaches
   `add_with_attacker` and the argument rules give it an attacker who is a party (a name, a pronoun, a word of a
   party kind such as "rebels"), or reaches the higher `add_alone` where the rules find no doer at all ("the
   2009 coup"). A doer that is no party ("the storm hit the town", "the possibility of ...") means no attack.
   Its negated/hypothetical flags come from the same rules as a pattern mention's, and its confidence is capped at
   ADDED_CONFIDENCE. What may happen is added marked hypothetical when it has a doer or a recipient ("the rebels
   may attack the town", "the battle for the city could be a grinding fight"), but a bare hypothetical, with
   neither ("a wider war could follow", "skirmishes can trigger wars"), is never added when detector.json's
   "refuse_bare_hypothetical" is set (`bare_hypothetical`): a news reader codes no event there, and nothing in it
   can be checked.
The two thresholds, and the ASSAULT model's class weight (train.py CLASS_WEIGHTS), are chosen by cross-validation on
RAMS dev (train.py `choose_thresholds`): the most attack sentences found while the false alarms stay within the
patterns' own rate plus one point. Dates, negation scope, known names and arguments stay with the rules.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
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
ADD_WITH_ATTACKER = 0.5  # defaults; detector.json's "thresholds" (chosen by cross-validation) override them
ADD_ALONE = 1.01  # above any probability: without chosen thresholds, never without an attacker
ADDED_CONFIDENCE = 0.6


def candidates(span: Span) -> list[Token]:
    """The words that may trigger an event: verbs and nouns outside names."""
    return [t for t in span if t.pos_ in CANDIDATE_POS and t.is_alpha and t.ent_type_ not in NAME_ENTITIES]


KEEP_CHILDREN = {"nsubj", "nsubjpass", "dobj", "pobj", "compound", "amod", "agent", "prep", "poss"}


def word_features(token: Token) -> tuple[str, ...]:
    """The sparse features of a candidate word: its lemma, part of speech, tag and dependency label; its head's
    lemma and the relation to it; its first and last letters ("skirmish", "skirmishes", "bombardment" share
    them); and what hangs on it: the relation, lemma and entity label of its subject, object, modifiers and
    prepositions ("attacked" with a NORP subject, "strike on" a place)."""
    lemma, low = token.lemma_.lower(), token.lower_
    out = [f"l:{lemma}", f"p:{token.pos_}", f"d:{token.dep_}", f"lp:{lemma}|{token.pos_}", f"t:{token.tag_}",
           f"s3:{low[-3:]}", f"s4:{low[-4:]}", f"p4:{low[:4]}"]
    head = token.head
    if head.i == token.i:
        out.append("h:ROOT")
    else:
        out += [f"h:{head.lemma_.lower()}", f"hd:{head.lemma_.lower()}|{token.dep_}", f"dd:{token.dep_}|{head.dep_}"]
    for child in token.children:
        if child.dep_ not in KEEP_CHILDREN:
            continue
        out += [f"c:{child.dep_}", f"cl:{child.dep_}|{child.lemma_.lower()}"]
        if child.ent_type_:
            out.append(f"ce:{child.dep_}|{child.ent_type_}")
        if child.dep_ == "prep":
            out += [f"cp:{child.lower_}|{g.ent_type_ or g.lemma_.lower()}" for g in child.children if g.dep_ == "pobj"]
    if token.ent_type_:
        out.append(f"e:{token.ent_type_}")
    return tuple(out)


def word_vectors(tokens: list[Token]) -> np.ndarray:
    """The contextual vectors of the words, one row each (no columns when the pipeline wrote none)."""
    if not tokens:
        return np.zeros((0, 0), dtype="float32")
    tensor = tokens[0].doc.tensor
    if tensor is None or tensor.ndim != 2 or len(tensor) != len(tokens[0].doc):
        return np.zeros((len(tokens), 0), dtype="float32")
    return np.asarray(tensor[[t.i for t in tokens]], dtype="float32")


DYING = {"die", "succumb", "perish"}  # whose subject is the one who died, never a doer


def may_trigger(token: Token, recognizer: Recognizer) -> bool:
    """A word the detector may make a trigger: not a party or a weapon ("militants", "rockets"), not a modifier of
    another noun ("assault rifle", "attack helicopter", "battle flag", "conflicting parties": the head is the thing
    named), not a light verb whose object is the event ("carried out the tests", "launched a campaign"), not a
    practice or doctrine ("terrorism", "extremism": no one act), and nothing the patterns' rules say names no
    attack (`Recognizer.not_an_event`: "in case of invasion", "to prevent attacks", "assaults on rights")."""
    return (token.dep_ not in ("compound", "amod") and not token.lemma_.lower().endswith("ism")
            and token.lemma_.lower() not in recognizer.p.frames["light_verbs"]
            and not recognizer.kinds(token) and not recognizer.not_an_event(token))


def bare_hypothetical(mention: Mention) -> bool:
    """What may happen, with no one doing it and nothing it is done to ("a wider war could follow", "strikes are
    possible"): the argument rules mark it hypothetical and find neither a doer nor a recipient."""
    return mention.hypothetical and not mention.actors and not mention.recipients


@dataclass
class Detector:
    """Per-word, per-type trigger probabilities; `combine` applies the rule in the module docstring."""

    types: list[str]
    dense: np.ndarray  # (width, types): weights on the standardised vector, the standardisation folded in
    sparse: dict[str, np.ndarray]  # feature -> (types,) weights
    bias: np.ndarray  # (types,)
    add_with_attacker: float = ADD_WITH_ATTACKER
    add_alone: float = ADD_ALONE
    refuse_bare_hypothetical: bool = False
    _columns: dict[int, dict[str, float]] = field(default_factory=dict, repr=False)

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
        return cls(types, dense, sparse, bias, thresholds.get("add_with_attacker", ADD_WITH_ATTACKER),
                   thresholds.get("add_alone", ADD_ALONE), bool(data.get("refuse_bare_hypothetical", False)))

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

    def type_probabilities(self, tokens: list[Token], event_type: str) -> np.ndarray:
        """(len(tokens),) probabilities that each word triggers `event_type`: `word_probabilities`' column, summed
        in plain floats (what `combine` needs for every sentence, so it is kept cheap)."""
        column = self.types.index(event_type)
        weights = self._columns.get(column)
        if weights is None:
            weights = self._columns[column] = {f: float(w[column]) for f, w in self.sparse.items() if w[column]}
        logits = np.full(len(tokens), self.bias[column], dtype="float64")
        vectors = word_vectors(tokens)
        if len(tokens) and vectors.shape[1] == self.dense.shape[0]:
            logits += vectors @ self.dense[:, column]
        logits += [sum(weights.get(f, 0.0) for f in word_features(token)) for token in tokens]
        return 1.0 / (1.0 + np.exp(-logits))

    def scores(self, sent: Span) -> dict[str, float]:
        """The sentence's probability of each type: its most likely trigger's."""
        words = candidates(sent)
        if not words:
            return dict.fromkeys(self.types, 0.0)
        return dict(zip(self.types, self.word_probabilities(words).max(axis=0).tolist(), strict=True))

    def combine(self, sent: Span, mentions: list[Mention], recognizer: Recognizer) -> list[Mention]:
        """The patterns' mentions of one sentence, and the detector's attack where they found none."""
        if "ASSAULT" not in self.types or any(m.type == "ASSAULT" or m.type == "PROTEST" and "riot" in m.modes
                                              for m in mentions):
            return mentions  # the patterns found the sentence's violence: an attack, or a crowd's riot
        taken = {m.trigger.i for m in mentions}  # a word the patterns read as another event stays that event
        words = [w for w in candidates(sent) if w.i not in taken]
        if not words:
            return mentions
        p = self.type_probabilities(words, "ASSAULT")
        lowest = min(self.add_with_attacker, self.add_alone)
        for i in np.argsort(-p):
            if p[i] < lowest:
                break
            if not may_trigger(words[i], recognizer):
                continue
            added = recognizer.mention_at(words[i], "ASSAULT")
            if added.negated or recognizer.risk_only(added, mentions):  # "warned of a threat of attacks"
                continue
            if words[i].lemma_.lower() in DYING:  # "The man, a 22-year-old miner, died in hospital": the one who
                added.recipients, added.actors = added.actors + added.recipients, []  # died, no attacker
            attackers = [a for a in added.actors if recognizer.is_party(a)]
            if not attackers and added.actors:  # a doer that is no party: "the storm hit the town"
                continue
            if self.refuse_bare_hypothetical and bare_hypothetical(added):
                continue
            if p[i] >= (self.add_with_attacker if attackers else self.add_alone):
                accusation = recognizer.attribution(added) if attackers and "ACCUSE" in recognizer.p.types else None
                accusation = accusation or (recognizer.victims_alleging(added) if attackers else None)
                if accusation is not None:  # "it believed militants had fired them", "students said officers had
                    alleged = {t.i for m in mentions if m.type == "ACCUSE" for t in m.recipients}  # hit them": an
                    return mentions if {a.i for a in accusation.recipients} <= alleged else mentions + [accusation]
                    # allegation (told once), no fact
                added.actors = attackers
                added.judged = recognizer.is_reference(added.trigger, mentions)  # "condemned the attack"
                added.confidence = round(min(added.confidence, ADDED_CONFIDENCE, float(p[i])), 2)
                return mentions + [added]
        return mentions


@lru_cache(maxsize=4)
def _load(path: Path) -> Detector | None:
    if not path.exists():
        return None
    return Detector.from_dict(json.loads(path.read_text(encoding="utf-8")))
