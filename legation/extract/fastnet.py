"""Inference-only replacements for two parts of the spaCy model, installed by `load_nlp(fast=True)`; same results.

The named-entity recogniser's decoder. spaCy's greedy loop (`Parser._parseC`) runs without the GIL, and every
`StateC.B_()` that the BILUO validity checks call takes the GIL back (the compiled `vector.at()` is wrapped for C++
exceptions): about 150 lock and unlock pairs for every token, 1.6 s of CPU for 35,000 tokens, more than the NER's
whole network. `GreedyEntityRecognizer` runs the same decoder in numpy over every sentence of a batch at once:

- the same network and numbers: the NER's own tok2vec and its precomputed lower layer (`PrecomputableAffine`), the
  three state features (the first buffer word, the open entity's first word, the word before the buffer), summed in
  spaCy's order, plus bias, maxout over the pieces, and the upper layer through the same BLIS `sgemm`;
- the same choice: the best-scoring *valid* action, the first on a tie (`arg_max_if_valid`). With no preset entity
  (ent_iob 0 on every token, as when the NER runs first) the BILUO rules of spacy/pipeline/_parser_internals/ner.pyx
  reduce to: B only with no entity open, neither on the last word of the text nor before a sentence start nor on a
  space; I only inside an open entity of its label, neither on the last word nor before a sentence start; L only
  inside an open entity of its label; U only with none open and not on a space; O only with none open; `U-` (no
  label) never;
- so sentences are independent: no entity may run across a sentence start and no feature reaches outside the open
  entity, and the decoder steps all the batch's sentences together: as many steps as the longest sentence, not as
  the longest text;
- any document with a preset entity (or an NER with unseen classes or post-processing hooks) goes through spaCy's
  own decoder.
tests/extract/test_fastnet.py compares every token's annotation with spaCy's decoder on every golden article (and
the WikiEvents dev documents when ../shared has them).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterable, Iterator
from typing import cast

import numpy
from blis.py import gemm as blis_gemm
from spacy.attrs import ENT_IOB, IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import Pipe
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from legation.extract.attributes import Unsupported

MOVES = "BILU"  # spaCy's BILUO move names, as get_class_name gives them ("B-ORG" ... "U-", "O")


class GreedyEntityRecognizer(Pipe):
    """spaCy's EntityRecognizer with its greedy decoder in numpy (see the module docstring). The trained component
    stays inside (`.ner`); anything not defined here is read from it."""

    def __init__(self, ner, name: str = "ner"):
        self.ner = ner
        self.name = name
        model = ner.model
        self.tok2vec, self.lower, self.upper = (model.get_ref(r) for r in ("tok2vec", "lower", "upper"))
        names = [ner.moves.get_class_name(i) for i in range(ner.moves.n_moves)]
        self.labels_of_class = [n[2:] if n[:1] in MOVES and n[1:2] == "-" else "" for n in names]
        label_ids = {label: i for i, label in enumerate(sorted({x for x in self.labels_of_class if x}))}
        self.label_names = sorted(label_ids, key=label_ids.__getitem__)
        n = len(names)
        # per class: its move (0 B, 1 I, 2 L, 3 U, 4 O, 5 never valid) and label number (-1: none)
        self.move = numpy.array([MOVES.index(x[0]) if x[:1] in MOVES and x[2:] else 4 if x == "O" else 5
                                 for x in names], dtype=numpy.int8)
        self.label = numpy.array([label_ids.get(lab, -1) for lab in self.labels_of_class], dtype=numpy.int64)
        self.n_classes = n
        self.supported = (bool(model.attrs.get("has_upper")) and not model.attrs.get("unseen_classes")
                          and not ner.postprocesses and self.lower.get_dim("nF") == 3
                          and ner.cfg.get("beam_width", 1) == 1)

    def __getattr__(self, name):  # labels, moves, cfg, model ... of the trained component
        if name == "ner":
            raise AttributeError(name)
        return getattr(self.ner, name)

    @property
    def labels(self):
        return self.ner.labels

    @property
    def is_trainable(self) -> bool:
        return False

    def __call__(self, doc: Doc) -> Doc:
        self._annotate([doc])
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        """spaCy's batching exactly (Parser.pipe): batches of `batch_size`, sorted by length, in quarters."""
        for batch in minibatch(stream, size=batch_size):
            in_order = list(batch)
            by_length = sorted(in_order, key=len)
            for sub in minibatch(by_length, size=max(batch_size // 4, 2)):
                self._annotate(list(sub))
            yield from in_order

    def _annotate(self, docs: list[Doc]) -> None:
        columns = [doc.to_array([ENT_IOB, SENT_START, IS_SPACE]) for doc in docs]
        if (not self.supported or not any(len(doc) for doc in docs)
                or any(len(c) and c[:, 0].any() for c in columns)):
            self.ner.set_annotations(docs, self.ner.predict(docs))  # spaCy's decoder
            return
        entities = self.decode(docs, columns)
        for doc, found in zip(docs, entities, strict=True):
            doc.set_ents([Span(doc, s, e, label=self.label_names[lab]) for s, e, lab in found], default="outside")

    def decode(self, docs: list[Doc], columns: list[numpy.ndarray]) -> list[list[tuple[int, int, int]]]:
        """[(start, end, label number)] of each document, as spaCy's greedy decoder finds them."""
        tokvecs = self.tok2vec.predict(docs)
        cached = self.lower.predict(tokvecs)  # (tokens + 1, 3 features, hidden, pieces); row 0 is the padding
        rows, nF, nH, nP = cached.shape
        # pieces first, so that the maxout is numpy.maximum over contiguous blocks (the same sums, regrouped)
        cached = numpy.ascontiguousarray(cached.transpose(0, 1, 3, 2)).reshape(rows, nF, nP * nH)
        bias = numpy.ascontiguousarray(self.lower.get_param("b").T).reshape(nP * nH)
        W, b = self.upper.get_param("W"), self.upper.get_param("b")
        # sentences: a segment starts at every document start and every sent_start == 1
        starts, lengths, offset = [], [], 0
        space = numpy.zeros(rows, dtype=bool)  # by cached row (token + 1)
        for doc, col in zip(docs, columns, strict=True):
            n = len(doc)
            if n:
                cuts = numpy.flatnonzero(col[:, 1] == 1)
                cuts = numpy.union1d(cuts, [0])
                ends = numpy.append(cuts[1:], n)
                starts.append(cuts + offset)
                lengths.append(ends - cuts)
                space[offset + 1:offset + 1 + n] = col[:, 2] != 0
            offset += n
        seg_start = numpy.concatenate(starts)
        seg_len = numpy.concatenate(lengths)
        order = numpy.argsort(-seg_len, kind="stable")
        seg_start, seg_len = seg_start[order], seg_len[order]
        moves, labels = self.move, self.label
        is_b, is_i, is_l, is_u, is_o = (moves == k for k in range(5))
        opened = numpy.zeros(len(seg_start), dtype=bool)
        ent_label = numpy.full(len(seg_start), -1, dtype=numpy.int64)
        ent_start = numpy.zeros(len(seg_start), dtype=numpy.int64)
        found_s, found_e, found_l = [], [], []
        minus_inf = numpy.float32(-numpy.inf)
        steps = int(seg_len[0]) if len(seg_len) else 0
        active = numpy.searchsorted(-seg_len, -numpy.arange(steps), side="left").tolist()  # segments longer than step
        for step in range(steps):
            n = active[step]
            g = seg_start[:n] + step  # the buffer's first word, as a row of the batch
            op = opened[:n]
            f1 = numpy.where(op, ent_start[:n] + 1, 0)
            f2 = numpy.where(op, g, 0)  # the word before the buffer (row g is token g - 1)
            hidden = cached[g + 1, 0] + cached[f1, 1]
            hidden += cached[f2, 2]
            hidden += bias
            best_piece = hidden[:, :nH]
            for p in range(1, nP):
                best_piece = numpy.maximum(best_piece, hidden[:, p * nH:(p + 1) * nH])
            hidden = numpy.ascontiguousarray(best_piece)
            scores = blis_gemm(hidden, W, trans2=True, beta=0.0)
            scores += b
            last = (seg_len[:n] == step + 1)[:, None]
            sp = space[g + 1][:, None]
            shut, lab = ~op[:, None], ent_label[:n, None]
            same = labels[None, :] == lab
            valid = ((is_b & shut & ~last & ~sp) | (is_i & op[:, None] & same & ~last) | (is_l & op[:, None] & same)
                     | (is_u & shut & ~sp) | (is_o & shut))
            best = numpy.where(valid, scores, minus_inf).argmax(axis=1)
            move, label = moves[best], labels[best]
            begin = move == 0
            if begin.any():
                opened[:n] |= begin
                ent_label[:n] = numpy.where(begin, label, ent_label[:n])
                ent_start[:n] = numpy.where(begin, g, ent_start[:n])
            close = move == 2
            if close.any():
                found_s.append(ent_start[:n][close])
                found_e.append(g[close] + 1)
                found_l.append(label[close])
                opened[:n] &= ~close
            unit = move == 3
            if unit.any():
                found_s.append(g[unit])
                found_e.append(g[unit] + 1)
                found_l.append(label[unit])
        out: list[list[tuple[int, int, int]]] = [[] for _ in docs]
        if found_s:
            offsets = numpy.cumsum([0] + [len(doc) for doc in docs])
            s, e, lab = (numpy.concatenate(x) for x in (found_s, found_e, found_l))
            which = numpy.searchsorted(offsets, s, side="right") - 1
            for d, start, end, label_ in zip(which.tolist(), s.tolist(), e.tolist(), lab.tolist(), strict=True):
                out[d].append((start - offsets[d], end - offsets[d], label_))
        return out


@Language.factory("legation_greedy_ner", default_config={"wraps": "ner"})
def make_greedy_ner(nlp: Language, name: str, wraps: str) -> GreedyEntityRecognizer:
    return GreedyEntityRecognizer(nlp.get_pipe(wraps), name=name)


# ------------------------------------------------------------------------------------------------ tok2vec
class FastTok2Vec:
    """An inference-only forward for spaCy's Tok2Vec.v2 (MultiHashEmbed.v2 with no static vectors, then
    MaxoutWindowEncoder.v2), with the model's own weights, giving the arrays thinc's forward gives: bit for bit
    where OpenBLAS rounds each row of a matrix product alone (its Haswell kernels), to float32 rounding where its
    kernels round by the block of rows computed together (4e-6 apart at most on an AMD EPYC). The tags, parse,
    entities and events are the same either way (tests/extract/test_fastnet.py checks both on the golden articles):

    - a token's embedding depends on its features alone (NORM, PREFIX, ...): it is computed once and kept (up to
      CACHE_ROWS rows; then the cache starts again), in blocks of at least MIN_ROWS rows, because OpenBLAS takes
      another code path, with other rounding, for a matrix product of 4 rows or fewer. A batch of fewer than
      MIN_ROWS tokens is computed whole, as thinc does;
    - the layers run over blocks of CHUNK rows (at least MIN_ROWS) and write into buffers kept between calls,
      instead of `seq2col`'s and `hstack`'s new arrays the size of the whole batch;
    - the maxout's pieces are reordered in the weights so that the maximum is two `numpy.maximum` over contiguous
      blocks (the same values: each product is the same dot product whichever column it lands in); the rest is
      thinc's own arithmetic in thinc's order (bias, `mean`/`var` layer norm, scale and shift, residual sum).
    Training (`is_train=True`) still goes through thinc's forward."""

    CACHE_ROWS = 1 << 15  # 12 MB of embeddings a network
    MIN_ROWS = 16
    CHUNK = 2048  # rows a layer computes at a time, so that its work arrays stay in cache
    KEEP_ROWS = 1 << 15  # work buffers kept between calls up to this many rows (at most 18 MB a network and thread)

    def __init__(self, model):
        embed, encode = model.get_ref("embed"), model.get_ref("encode")
        nodes = {name: [n for n in embed.walk() if n.name == name]
                 for name in ("extract_features", "hashembed", "maxout", "layernorm", "static_vectors")}
        window = [n for n in encode.walk() if n.name == "expand_window"]
        layers = [n for n in encode.walk() if n.name == "maxout"]
        norms = [n for n in encode.walk() if n.name == "layernorm"]
        if (len(nodes["extract_features"]) != 1 or nodes["static_vectors"] or len(nodes["maxout"]) != 1
                or len(nodes["layernorm"]) != 1 or not layers or len(layers) != len(norms)
                or len(window) != len(layers) or any(w.attrs["window_size"] != 1 for w in window)):
            raise Unsupported("not a Tok2Vec.v2 of MultiHashEmbed.v2 and MaxoutWindowEncoder.v2")
        self.columns = nodes["extract_features"][0].attrs["columns"]
        self.tables = [(h.get_param("E"), int(h.attrs["seed"]), int(h.attrs["column"])) for h in nodes["hashembed"]]
        if sorted(c for _, _, c in self.tables) != list(range(len(self.columns))):
            raise Unsupported("hash embeddings do not cover the feature columns one each")
        self.ops = nodes["hashembed"][0].ops
        self.embed = self._maxout(nodes["maxout"][0], nodes["layernorm"][0])
        self.layers = [self._maxout(m, n) for m, n in zip(layers, norms, strict=True)]
        self.pad = int(encode.attrs.get("pad", 0))
        self.width = self.embed[4]
        self.original = model._func
        self._cache: dict[bytes, int] = {}
        self._rows = numpy.empty((0, self.width), dtype=numpy.float32)
        self._lock = threading.RLock()
        self._local = threading.local()  # work buffers, one set per thread

    @staticmethod
    def _maxout(maxout, norm):
        W, b = maxout.get_param("W"), maxout.get_param("b")
        nO, nP, nI = W.shape
        Wp = numpy.ascontiguousarray(W.transpose(1, 0, 2).reshape(nP * nO, nI))  # pieces first
        bp = numpy.ascontiguousarray(b.T.reshape(nP * nO))
        return Wp, bp, norm.get_param("G"), norm.get_param("b"), nO, nP

    def clear(self) -> None:
        """Forget every cached embedding (the benchmark's cold runs)."""
        with self._lock:
            self._cache.clear()
            self._rows = numpy.empty((0, self.width), dtype=numpy.float32)

    def install(self, model) -> None:
        _INSTALLED.add(self)

        def forward(model_, docs, is_train):
            if is_train:
                return self.original(model_, docs, is_train)
            return self(docs), _no_backprop
        model._func = forward

    def _buffer(self, name: str, rows: int, cols: int) -> numpy.ndarray:
        if rows > self.KEEP_ROWS:  # an outsize batch: its buffers are not kept
            return numpy.empty((rows, cols), dtype=numpy.float32)
        buffers = self._local.__dict__
        buf = buffers.get(name)
        if buf is None or buf.shape[0] < rows or buf.shape[1] != cols:
            buf = buffers[name] = numpy.empty((max(rows, 1024), cols), dtype=numpy.float32)
        return buf[:rows]

    # -------------------------------------------------------------------- layers, in thinc's arithmetic
    def _norm_maxout(self, X: numpy.ndarray, layer, out: numpy.ndarray | None = None) -> numpy.ndarray:
        """Maxout (nP pieces) then LayerNorm of X, as thinc's `Maxout(normalize=True)` computes them."""
        Wp, bp, G, gb, nO, nP = layer
        Y = self.ops.xp.dot(X, Wp.T, out=self._buffer("gemm", len(X), nO * nP))
        Y += bp
        H = numpy.maximum(Y[:, :nO], Y[:, nO:2 * nO], out=out)
        for p in range(2, nP):
            numpy.maximum(H, Y[:, p * nO:(p + 1) * nO], out=H)
        mu = H.mean(axis=1, keepdims=True)
        var = H.var(axis=1, keepdims=True) + 1e-08
        H -= mu
        H *= var ** (-1.0 / 2.0)
        H *= G
        H += gb
        return H

    def _chunks(self, rows: int) -> list[tuple[int, int]]:
        """Row blocks of about CHUNK rows (kept in cache), none shorter than MIN_ROWS unless all rows are."""
        cuts = list(range(0, rows, self.CHUNK)) + [rows]
        if len(cuts) > 2 and cuts[-1] - cuts[-2] < self.MIN_ROWS:
            del cuts[-2]
        return list(zip(cuts[:-1], cuts[1:], strict=True))

    def _embed_rows(self, feats: numpy.ndarray) -> numpy.ndarray:
        """MultiHashEmbed's output for rows of features: the hash embeddings side by side, maxout, layer norm."""
        width = self.width
        out = numpy.empty((len(feats), width), dtype=numpy.float32)
        for a, b in self._chunks(len(feats)):
            cat = self._buffer("concat", b - a, width * len(self.tables))
            for i, (E, seed, column) in enumerate(self.tables):
                ids = numpy.ascontiguousarray(feats[a:b, column])
                keys = self.ops.hash(ids, seed) % E.shape[0]
                cat[:, i * width:(i + 1) * width] = self.ops.gather_add(E, keys)
            self._norm_maxout(cat, self.embed, out=out[a:b])
        return out

    def _embed(self, feats: numpy.ndarray) -> numpy.ndarray:
        if len(feats) < self.MIN_ROWS:
            return self._embed_rows(feats)
        rows_as_bytes = feats.view(numpy.dtype((numpy.void, feats.dtype.itemsize * feats.shape[1]))).ravel()
        keys = cast(list[bytes], rows_as_bytes.tolist())
        with self._lock:
            cache = self._cache
            rows = [cache.get(k, -1) for k in keys]
            new = list(dict.fromkeys(k for k, r in zip(keys, rows, strict=True) if r < 0))
            if new:
                if len(new) > self.CACHE_ROWS:
                    return self._embed_rows(feats)
                if len(cache) + len(new) > self.CACHE_ROWS:  # full: start again
                    cache.clear()
                    self._rows = numpy.empty((0, self.width), dtype=numpy.float32)
                    return self._embed(feats)
                block = numpy.frombuffer(b"".join(new), dtype=feats.dtype).reshape(len(new), feats.shape[1])
                if len(block) < self.MIN_ROWS:  # never a product of fewer rows than thinc's batch would have
                    block = numpy.concatenate([block, numpy.repeat(block[:1], self.MIN_ROWS - len(block), 0)])
                fresh = self._embed_rows(block)[:len(new)]
                start = len(cache)
                if start + len(new) > len(self._rows):
                    grown = numpy.empty((min(self.CACHE_ROWS, max(2 * len(self._rows), start + len(new), 4096)),
                                         self.width), dtype=numpy.float32)
                    grown[:start] = self._rows[:start]
                    self._rows = grown
                self._rows[start:start + len(new)] = fresh
                for j, k in enumerate(new):
                    cache[k] = start + j
                rows = [cache[k] for k in keys]
            return self._rows[numpy.asarray(rows, dtype=numpy.intp)]

    def __call__(self, docs: list[Doc]) -> list[numpy.ndarray]:
        lengths = [len(doc) for doc in docs]
        total = sum(lengths)
        width, pad = self.width, self.pad
        if not total:
            return [numpy.zeros((0, width), dtype=numpy.float32) for _ in docs]
        feats = numpy.concatenate([doc.to_array(self.columns).reshape(len(doc), -1) for doc in docs if len(doc)])
        feats = numpy.ascontiguousarray(feats, dtype=numpy.uint64)
        embedded = self._embed(feats)
        # with_array(pad=...): pad zero rows before every non-empty document and after the last
        used = [n for n in lengths if n]
        rows = total + pad * (len(used) + 1)
        X = numpy.zeros((rows, width), dtype=numpy.float32)
        at, src = pad, 0
        for n in used:
            X[at:at + n] = embedded[src:src + n]
            at, src = at + n + pad, src + n
        H = self._buffer("hidden", rows, width)
        chunks = self._chunks(rows)
        for layer in self.layers:
            for a, b in chunks:  # rows a..b of seq2col(X), window 1: [row before, row, row after], zeros past the ends
                window = self._buffer("window", b - a, 3 * width)
                if a == 0:
                    window[0, :width] = 0
                    window[1:, :width] = X[:b - 1]
                else:
                    window[:, :width] = X[a - 1:b - 1]
                window[:, width:2 * width] = X[a:b]
                if b == rows:
                    window[:-1, 2 * width:] = X[a + 1:b]
                    window[-1, 2 * width:] = 0
                else:
                    window[:, 2 * width:] = X[a + 1:b + 1]
                self._norm_maxout(window, layer, out=H[a:b])
            X += H  # residual, once every row's window has read the layer's input
        out, at = [], pad
        for n in lengths:
            if n:
                out.append(X[at:at + n])
                at += n + pad
            else:
                out.append(X[0:0])
        return out


_INSTALLED: weakref.WeakSet[FastTok2Vec] = weakref.WeakSet()


def clear_embedding_caches() -> None:
    """Empty the embedding cache of every FastTok2Vec installed in this process."""
    for network in list(_INSTALLED):
        network.clear()


def _no_backprop(_):
    raise NotImplementedError("FastTok2Vec is inference only; training goes through thinc's forward")


def speed_up_tok2vec(model) -> int:
    """Install FastTok2Vec as the forward of every Tok2Vec inside `model` (a component's model); how many. Any
    other architecture keeps thinc's forward."""
    done = 0
    for node in list(model.walk()):
        if node.has_ref("embed") and node.has_ref("encode"):
            try:
                FastTok2Vec(node).install(node)
            except (Unsupported, KeyError, ValueError):
                continue
            done += 1
    return done
