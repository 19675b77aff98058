"""legation/extract/fastnet.py: the speed-only replacements change no annotation and no extracted event.

Each test runs the same texts through `load_nlp()` (the fast pipeline) and `load_nlp(fast=False)` (spaCy's own
model, ops and decoders: the reference) and compares what a user would see."""

from __future__ import annotations

import json
from pathlib import Path

import numpy
import pytest

from legation.extract.fastnet import GreedyEntityRecognizer
from legation.extract.model import load_nlp

GOLDEN = Path(__file__).parent / "golden"


def annotations(doc):
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_,
             t.is_sent_start) for t in doc]


def golden_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in sorted(GOLDEN.glob("*.txt"))]


def assert_same_annotations(texts: list[str], batch_size: int) -> None:
    fast, stock = load_nlp(), load_nlp(fast=False)
    mine = fast.pipe(texts, batch_size=batch_size)
    theirs = stock.pipe(texts, batch_size=batch_size)
    for text, a, b in zip(texts, mine, theirs, strict=True):
        assert annotations(a) == annotations(b), text[:80]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]


def test_the_fast_pipeline_decodes_entities_in_numpy():
    assert isinstance(load_nlp().get_pipe("ner"), GreedyEntityRecognizer)
    assert not isinstance(load_nlp(fast=False).get_pipe("ner"), GreedyEntityRecognizer)
    assert load_nlp().get_pipe("ner").labels == load_nlp(fast=False).get_pipe("ner").labels


@pytest.mark.parametrize("batch_size", [1, 32, 256])
def test_golden_articles_get_spacys_own_entities_tags_and_parse(batch_size):
    texts = golden_texts()
    assert len(texts) >= 60
    assert_same_annotations(texts, batch_size)


def test_single_documents_and_edge_cases_match():
    """nlp(text) one at a time, and texts that end inside a name, hold only spaces, or are empty."""
    fast, stock = load_nlp(), load_nlp(fast=False)
    for text in ["", " ", "\n\n", "Lloyd Austin", "Ambassador Alina Romanowski met Iraqi Prime Minister Mohammed "
                 "Shia al-Sudani in Baghdad on Tuesday.\n\nThe Islamic Resistance in Iraq", "U.S. Central Command"]:
        assert annotations(fast(text)) == annotations(stock(text)), repr(text)


def test_a_preset_entity_goes_through_spacys_decoder_and_is_kept():
    fast, stock = load_nlp(), load_nlp(fast=False)
    text = "Officials in Erbil said the Kataib Hezbollah militia fired drones at Ain al-Asad air base on Monday."
    docs = []
    for nlp in (fast, stock):
        with nlp.select_pipes(disable=["ner", "legation_entities"]):
            doc = nlp(text)
        doc.set_ents([doc.char_span(text.index("Kataib"), text.index(" militia"), label="ORG")], default="missing")
        docs.append(nlp.get_pipe("ner")(doc))
    assert annotations(docs[0]) == annotations(docs[1])
    assert ("Kataib Hezbollah", "ORG") in {(e.text, e.label_) for e in docs[0].ents}


def test_golden_articles_give_the_same_events_as_the_reference_pipeline():
    from legation.extract.detector import Detector
    from legation.extract.pipeline import Extractor
    from legation.ingest.articles import read_article

    paths = sorted(GOLDEN.glob("*.txt"))
    reports = [read_article(p, published=json.loads(p.with_suffix(".expected.jsonl").read_text().splitlines()[0])
                            ["published"]) for p in paths]
    fast = Extractor.load()
    reference = Extractor(load_nlp(fast=False), fast.patterns, Detector.load())
    assert fast.nlp is load_nlp() and reference.nlp is not fast.nlp
    mine = {r.doc: [e.to_dict() for e in events] for r, events in fast.extract_many(reports)}
    theirs = {r.doc: [e.to_dict() for e in events] for r, events in reference.extract_many(reports)}
    assert sum(len(v) for v in mine.values()) > 100
    for doc in theirs:
        assert mine[doc] == theirs[doc], doc


def _wikievents_and_rams(shared: Path) -> list[str]:
    texts = []
    wiki, rams = shared / "data" / "wikievents" / "dev.jsonl", shared / "data" / "rams" / "dev.jsonlines"
    if not wiki.exists() and not rams.exists():
        pytest.skip(f"{shared} has neither WikiEvents nor RAMS dev data")
    if wiki.exists():
        for line in wiki.read_text(encoding="utf-8").splitlines():
            if line.strip():
                doc = json.loads(line)
                texts.append("\n".join(" ".join(t[0] for t in sent[0]) for sent in doc["sentences"]))
    if rams.exists():
        for line in rams.read_text(encoding="utf-8").splitlines()[:300]:
            if line.strip():
                texts.append(" ".join(" ".join(sent) for sent in json.loads(line)["sentences"]))
    return texts


def test_wikievents_and_rams_documents_get_the_same_annotations(shared):
    texts = _wikievents_and_rams(shared)
    assert len(texts) >= 300
    assert_same_annotations(texts, 64)


def same_arrays(a, b) -> bool:
    """Thinc's arrays to float32 rounding. Bit for bit where OpenBLAS rounds a row of a matrix product the same
    whatever the rows computed with it (its Haswell kernels); where it does not (seen on an AMD EPYC: at most 4e-6
    apart), within 1e-4. What a user sees, the tags, parse, entities and events, is compared exactly above."""
    return a.shape == b.shape and bool(numpy.allclose(a, b, rtol=0.0, atol=1e-4))


def _tok2vecs(nlp):
    from legation.extract.fastnet import FastTok2Vec

    found = []
    for name in ("tok2vec", "ner"):
        for node in nlp.get_pipe(name).model.walk():
            if node.has_ref("embed") and node.has_ref("encode"):
                cells = [c.cell_contents for c in node._func.__closure__ or ()]
                fast = next((c for c in cells if isinstance(c, FastTok2Vec)), None)
                found.append((name, node, fast))
    return found


@pytest.mark.parametrize("batch_size", [1, 5, 32])
def test_the_fast_tok2vec_gives_thincs_arrays(batch_size):
    """Both networks (the shared tok2vec and the NER's own), cold cache and warm, batches big and small (a batch
    of fewer than 16 tokens is computed whole), empty documents included."""
    nlp = load_nlp()
    networks = _tok2vecs(nlp)
    assert [name for name, _, fast in networks if fast is not None] == ["tok2vec", "ner"]
    with nlp.select_pipes(enable=[]):
        docs = [nlp(text) for text in golden_texts()[:40] + ["", "Baghdad", "Two rockets hit the base."]]
    docs.insert(3, nlp.make_doc(""))
    for _name, node, fast in networks:
        fast._cache.clear()
        for _ in range(2):
            for i in range(0, len(docs), batch_size):
                batch = docs[i:i + batch_size]
                mine = node.predict(batch)
                theirs = fast.original(node, batch, False)[0]
                assert len(mine) == len(theirs) == len(batch)
                for a, b in zip(mine, theirs, strict=True):
                    assert same_arrays(a, b)


def test_the_embedding_cache_starts_again_when_full(monkeypatch):
    from legation.extract.fastnet import FastTok2Vec

    nlp = load_nlp()
    _, node, fast = _tok2vecs(nlp)[0]
    monkeypatch.setattr(FastTok2Vec, "CACHE_ROWS", 150)
    fast._cache.clear()
    with nlp.select_pipes(enable=[]):
        docs = [nlp(text) for text in golden_texts()[:12]]
    sizes = []
    for doc in docs:
        assert same_arrays(node.predict([doc])[0], fast.original(node, [doc], False)[0][0])
        sizes.append(len(fast._cache))
    assert max(sizes) <= 150 and any(b < a for a, b in zip(sizes, sizes[1:], strict=False)), sizes  # it did start again
    fast._cache.clear()


@pytest.mark.parametrize("chunk", [37, 100])
def test_small_row_blocks_give_the_same_arrays(monkeypatch, chunk):
    """Blocks boundaries everywhere (and a short last block merged into the one before): still thinc's arrays."""
    from legation.extract.fastnet import FastTok2Vec

    nlp = load_nlp()
    monkeypatch.setattr(FastTok2Vec, "CHUNK", chunk)
    with nlp.select_pipes(enable=[]):
        docs = [nlp(text) for text in golden_texts()[:6]]
    for _name, node, fast in _tok2vecs(nlp):
        fast.clear()
        assert fast._chunks(chunk * 3 + 5)[-1] == (chunk * 2, chunk * 3 + 5)
        for a, b in zip(node.predict(docs), fast.original(node, docs, False)[0], strict=True):
            assert same_arrays(a, b)
