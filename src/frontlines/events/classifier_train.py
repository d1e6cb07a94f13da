"""Training of the event classifier (build time only: needs scikit-learn and scipy).

`scripts/train_classifier.py` is the command; tests call `train()` on a slice.
Deterministic: the same corpus and settings give a byte-identical model file.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from frontlines.events.classifier import NO_EVENT, EventClassifier, Vectorizer, features

CORPUS = Path(__file__).resolve().parent.parent / "kb" / "training" / "corpus.jsonl"
SEED = 0
DEFAULTS = {"min_df": 2, "C": 3.0, "max_iter": 2000, "no_event_weight": 1.0, "balanced": True,
            "mode": "tokensum"}


def read_corpus(path: str | Path = CORPUS) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def build_vectorizer(texts: Sequence[str], min_df: int = 2,
                     mode: str = "tfidf") -> tuple[Vectorizer, list[Counter]]:
    feats = [features(t) for t in texts]
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    vocab = sorted(k for k, v in df.items() if v >= min_df)
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[k])) + 1.0 for k in vocab], dtype=np.float32)
    return Vectorizer(vocab, idf, mode), feats


def matrix(vec: Vectorizer, texts: Sequence[str]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = vec.transform(texts)
    return csr_matrix((vals.astype(np.float64), (rows, cols)), shape=(len(texts), len(vec.vocab)))


def with_context(rows: Sequence[dict], share: float, no_event_share: float | None = None,
                 seed: int = SEED) -> list[dict]:
    """Add two-sentence texts: a sentence followed or preceded by a non-event sentence.

    Reports mix the event sentence with background, quotes and history; the pair keeps the
    event's label (or "No event" when both are non-events). Deterministic for a given seed.
    """
    import random

    rng = random.Random(seed)
    background = [r["text"] for r in rows if r["label"] == NO_EVENT]
    if not background:
        return list(rows)
    extra = []
    for r in rows:
        p = share if r["label"] != NO_EVENT or no_event_share is None else no_event_share
        if rng.random() < p:
            other = rng.choice(background)
            text = f"{r['text']} {other}" if rng.random() < 0.7 else f"{other} {r['text']}"
            extra.append({"text": text, "label": r["label"]})
    return list(rows) + extra


def train(rows: Sequence[dict], *, min_df: int = DEFAULTS["min_df"], C: float = DEFAULTS["C"],
          max_iter: int = DEFAULTS["max_iter"],
          no_event_weight: float = DEFAULTS["no_event_weight"],
          balanced: bool = DEFAULTS["balanced"], mode: str = DEFAULTS["mode"],
          calibrate: bool = False) -> EventClassifier:
    """Fit TF-IDF + multinomial logistic regression on corpus rows ({"text", "label"})."""
    from sklearn.linear_model import LogisticRegression

    texts = [r["text"] for r in rows]
    labels = sorted({r["label"] for r in rows})
    y = np.array([labels.index(r["label"]) for r in rows])
    vec, _ = build_vectorizer(texts, min_df=min_df, mode=mode)
    X = matrix(vec, texts)
    weights = None
    if balanced or no_event_weight != 1.0:
        counts = np.bincount(y, minlength=len(labels))
        w = len(y) / (len(labels) * counts) if balanced else np.ones(len(labels))
        if NO_EVENT in labels:
            w[labels.index(NO_EVENT)] *= no_event_weight
        weights = {i: float(w[i]) for i in range(len(labels))}
    lr = LogisticRegression(C=C, max_iter=max_iter, tol=1e-6, random_state=SEED,
                            class_weight=weights)
    lr.fit(X, y)
    coef = lr.coef_.T.astype(np.float32)
    bias = lr.intercept_.astype(np.float32)
    if len(labels) == 2:  # binary LR has one column; make it two-class softmax
        coef = np.hstack([-coef / 2, coef / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2], dtype=np.float32)
    temperature = 1.0
    if calibrate:
        temperature = fit_temperature(rows, min_df=min_df, C=C, max_iter=max_iter,
                                      no_event_weight=no_event_weight, balanced=balanced,
                                      mode=mode)
    # round so that tiny floating differences between BLAS builds do not change the bytes
    coef = np.round(coef, 5).astype(np.float32)
    bias = np.round(bias, 5).astype(np.float32)
    return EventClassifier(labels, vec, coef, bias, temperature)


def fit_temperature(rows: Sequence[dict], **kw) -> float:
    """Softmax temperature that minimises the log-loss on held-out templates.

    One fifth of the templates (by a stable hash of the template id) is held out, a model is
    trained on the rest, and T is chosen on a grid; rows without a template are ignored.
    """
    import zlib

    is_held = ["template" in r and zlib.crc32(r["template"].encode()) % 5 == 0 for r in rows]
    held = [r for r, h in zip(rows, is_held, strict=True) if h]
    rest = [r for r, h in zip(rows, is_held, strict=True) if not h and "template" in r]
    if not held or len({r["label"] for r in rest}) < 2:
        return 1.0
    model = train(rest, calibrate=False, **kw)
    z = model.decision_function([r["text"] for r in held]).astype(np.float64)
    known = [i for i, r in enumerate(held) if r["label"] in model.labels]
    y = np.array([model.labels.index(held[i]["label"]) for i in known])
    z = z[known]
    best, best_loss = 1.0, math.inf
    for t in np.round(np.arange(0.3, 4.01, 0.05), 2):
        zt = z / t
        zt -= zt.max(axis=1, keepdims=True)
        loss = float(np.mean(np.log(np.exp(zt).sum(axis=1)) - zt[np.arange(len(y)), y]))
        if loss < best_loss - 1e-12:
            best, best_loss = float(t), loss
    return best
