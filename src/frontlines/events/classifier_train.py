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

from frontlines.events.classifier import EventClassifier, Vectorizer, features

CORPUS = Path(__file__).resolve().parent.parent / "kb" / "training" / "corpus.jsonl"
SEED = 0
DEFAULTS = {"min_df": 2, "C": 10.0, "max_iter": 2000}


def read_corpus(path: str | Path = CORPUS) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def build_vectorizer(texts: Sequence[str], min_df: int = 2) -> tuple[Vectorizer, list[Counter]]:
    feats = [features(t) for t in texts]
    df: Counter[str] = Counter()
    for f in feats:
        df.update(f.keys())
    vocab = sorted(k for k, v in df.items() if v >= min_df)
    n = len(texts)
    idf = np.array([math.log((1 + n) / (1 + df[k])) + 1.0 for k in vocab], dtype=np.float32)
    return Vectorizer(vocab, idf), feats


def matrix(vec: Vectorizer, texts: Sequence[str]):
    from scipy.sparse import csr_matrix

    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        idx, val = vec.row(t)
        rows.extend([i] * len(idx))
        cols.extend(idx.tolist())
        vals.extend(val.tolist())
    return csr_matrix((np.array(vals, dtype=np.float64), (rows, cols)),
                      shape=(len(texts), len(vec.vocab)))


def train(rows: Sequence[dict], *, min_df: int = DEFAULTS["min_df"], C: float = DEFAULTS["C"],
          max_iter: int = DEFAULTS["max_iter"]) -> EventClassifier:
    """Fit TF-IDF + multinomial logistic regression on corpus rows ({"text", "label"})."""
    from sklearn.linear_model import LogisticRegression

    texts = [r["text"] for r in rows]
    labels = sorted({r["label"] for r in rows})
    y = np.array([labels.index(r["label"]) for r in rows])
    vec, _ = build_vectorizer(texts, min_df=min_df)
    X = matrix(vec, texts)
    lr = LogisticRegression(C=C, max_iter=max_iter, tol=1e-6, random_state=SEED)
    lr.fit(X, y)
    coef = lr.coef_.T.astype(np.float32)
    bias = lr.intercept_.astype(np.float32)
    if len(labels) == 2:  # binary LR has one column; make it two-class softmax
        coef = np.hstack([-coef / 2, coef / 2])
        bias = np.array([-bias[0] / 2, bias[0] / 2], dtype=np.float32)
    # round so that tiny floating differences between BLAS builds do not change the bytes
    coef = np.round(coef, 5).astype(np.float32)
    bias = np.round(bias, 5).astype(np.float32)
    return EventClassifier(labels, vec, coef, bias)
