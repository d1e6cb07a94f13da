"""Event-type classifier: one sentence -> ACLED sub-event type or "No event".

A linear model over word and character n-grams (TF-IDF), trained by
`scripts/train_classifier.py` on the corpus in `kb/training/` and shipped as one `.npz`
file of plain arrays (no pickle). Numpy only at run time.

    clf = EventClassifier.load()
    clf.predict(["Gunmen killed five villagers in Zamfara on Sunday."])
    # [('Attack', 0.83)]
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

NO_EVENT = "No event"
DEFAULT_MODEL = Path(__file__).resolve().parent.parent / "kb" / "models" / "event-classifier.npz"
FORMAT = "frontlines-event-classifier/1"

# A long sentence is also read in windows of WINDOW words every STRIDE words
# (`predict_proba_windows`): a report's sentence wraps its event in attribution, background and
# lists of places, which dilute the words that tell the event.
WINDOW = 20
STRIDE = 10
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+", re.UNICODE)
_CHAR_N = (3, 4, 5)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; every number becomes '0'."""
    return ["0" if t[0].isdigit() else t for t in _TOKEN.findall(text.lower())]


@lru_cache(maxsize=100_000)
def _char_grams(token: str) -> tuple[str, ...]:
    padded = f"<{token}>"
    return tuple(f"c:{padded[i:i + n]}" for n in _CHAR_N for i in range(len(padded) - n + 1))


def _sq(values: np.ndarray) -> float:
    """Sum of squares in numpy's fixed summation order: np.dot goes to BLAS, whose kernel (one
    per CPU type) changes the last bits, and training must give the same features everywhere."""
    return float(np.add.reduce(values.astype(np.float64) ** 2))


def features(text: str) -> Counter[str]:
    """The n-gram features of one sentence with their counts."""
    toks = tokens(text)
    feats: Counter[str] = Counter(f"w:{t}" for t in toks)
    feats.update(f"b:{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    for t in toks:
        feats.update(_char_grams(t))
    return feats


class Vectorizer:
    """Sentence -> sparse vector over a fixed vocabulary, in one of two modes.

    "tfidf": TF-IDF of all n-grams of the sentence (sublinear tf, L2-normalised).
    "tokensum": the sum over the words of the IDF vector of each word's word and character
    n-grams, plus the IDF of its word bigrams, divided by sqrt(sum of the squared norms of
    those parts) (the L2 norm without the cross terms). Linear in the words, so a model can cache
    one score vector and one squared norm per word type: several times faster than "tfidf".
    """

    def __init__(self, vocab: Sequence[str], idf: np.ndarray, mode: str = "tfidf"):
        if mode not in ("tfidf", "tokensum"):
            raise ValueError(f"unknown vectorizer mode {mode!r}")
        self.vocab = list(vocab)
        self.index = {f: i for i, f in enumerate(self.vocab)}
        self.idf = np.asarray(idf, dtype=np.float32)
        self.mode = mode
        self._tok_cache: dict[str, tuple[int, ...]] = {}
        self._unit_cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}

    def token_part(self, token: str) -> tuple[np.ndarray, np.ndarray, float]:
        """("tokensum") one word's IDF vector: (indices, values, squared norm)."""
        hit = self._unit_cache.get(token)
        if hit is None:
            idx, counts = np.unique(np.array(self._token_ids(token), dtype=np.int64),
                                    return_counts=True)
            val = counts.astype(np.float32) * self.idf[idx]
            hit = (idx, val, _sq(val))
            if len(self._unit_cache) < 200_000:
                self._unit_cache[token] = hit
        return hit

    def _bigram_ids(self, toks: list[str]) -> list[int]:
        index = self.index
        out = []
        for a, b in zip(toks, toks[1:], strict=False):
            i = index.get(f"b:{a} {b}")
            if i is not None:
                out.append(i)
        return out

    def _token_ids(self, token: str) -> tuple[int, ...]:
        ids = self._tok_cache.get(token)
        if ids is None:
            index = self.index
            grams = (f"w:{token}",) + _char_grams(token)
            ids = tuple(index[g] for g in grams if g in index)
            if len(self._tok_cache) < 200_000:
                self._tok_cache[token] = ids
        return ids

    def _ids(self, text: str) -> list[int]:
        toks = tokens(text)
        index = self.index
        ids: list[int] = []
        for t in toks:
            ids.extend(self._token_ids(t))
        for a, b in zip(toks, toks[1:], strict=False):
            i = index.get(f"b:{a} {b}")
            if i is not None:
                ids.append(i)
        return ids

    def transform(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Sparse rows of many sentences as (row, column, value) arrays sorted by row."""
        if self.mode == "tokensum":
            return self._transform_tokensum(texts)
        n_vocab = len(self.vocab)
        keys: list[int] = []
        for r, text in enumerate(texts):
            base = r * n_vocab
            keys.extend(base + i for i in self._ids(text))
        uniq, counts = np.unique(np.array(keys, dtype=np.int64), return_counts=True)
        rows, cols = np.divmod(uniq, n_vocab)
        val = (1.0 + np.log(counts)).astype(np.float32) * self.idf[cols]
        norms = np.bincount(rows, weights=val.astype(np.float64) ** 2, minlength=len(texts))
        val /= np.sqrt(norms[rows]).astype(np.float32)
        return rows, cols, val

    def _transform_tokensum(self, texts):
        n_vocab = len(self.vocab)
        keys, vals = [], []
        for r, text in enumerate(texts):
            toks = tokens(text)
            base = r * n_vocab
            parts = [self.token_part(t) for t in toks]
            bi = np.array(self._bigram_ids(toks), dtype=np.int64)
            bval = self.idf[bi]
            sq = sum(p[2] for p in parts) + _sq(bval)
            if sq <= 0:
                continue
            scale = np.float32(1.0 / math.sqrt(sq))
            for idx, val, _ in parts:
                keys.append(idx + base)
                vals.append(val * scale)
            keys.append(bi + base)
            vals.append(bval * scale)
        if not keys:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float32)
        k = np.concatenate(keys)
        v = np.concatenate(vals).astype(np.float64)
        uniq, inv = np.unique(k, return_inverse=True)
        summed = np.bincount(inv, weights=v, minlength=len(uniq)).astype(np.float32)
        rows, cols = np.divmod(uniq, n_vocab)
        return rows, cols, summed

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Feature indices and TF-IDF values of one sentence (same features as `features`)."""
        _, cols, val = self.transform([text])
        return cols, val


def windows(text: str, size: int = WINDOW, stride: int = STRIDE) -> list[str]:
    """The sentence's windows of `size` words, one every `stride` words; none for a sentence of
    at most size + 4 words (its windows would be the sentence)."""
    words = text.split()
    if len(words) <= size + 4:
        return []
    return [" ".join(words[s:s + size]) for s in range(0, len(words) - size // 2, stride)]


def _pack_strings(items: Sequence[str]) -> np.ndarray:
    return np.frombuffer("\n".join(items).encode("utf-8"), dtype=np.uint8)


def _unpack_strings(arr: np.ndarray) -> list[str]:
    text = arr.tobytes().decode("utf-8")
    return text.split("\n") if text else []


def save_npz(path: str | Path, arrays: dict[str, np.ndarray]) -> None:
    """Write arrays as an .npz whose bytes depend only on the arrays (fixed zip timestamps)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, buf.getvalue())


class EventClassifier:
    """Sentence -> (sub-event type | "No event", probability)."""

    labels: tuple[str, ...]

    def __init__(self, labels: Sequence[str], vectorizer: Vectorizer, coef: np.ndarray,
                 bias: np.ndarray, temperature: float = 1.0):
        if coef.shape != (len(vectorizer.vocab), len(labels)):
            raise ValueError(f"coef shape {coef.shape} does not match vocabulary and labels")
        self.labels = tuple(labels)
        self.vectorizer = vectorizer
        self.coef = np.asarray(coef, dtype=np.float32)
        self.bias = np.asarray(bias, dtype=np.float32)
        self.temperature = float(temperature)
        self._score_cache: dict[str, tuple[np.ndarray, float]] = {}

    _cache: dict[Path, EventClassifier] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> EventClassifier:
        """The model at `path` (default: the shipped one); loaded once per path, read-only."""
        path = Path(path) if path is not None else DEFAULT_MODEL
        key = path.resolve()
        if key not in cls._cache:
            if not path.is_file():
                raise FileNotFoundError(f"event classifier model not found: {path}")
            with np.load(path, allow_pickle=False) as z:
                fmt = _unpack_strings(z["format"])
                if fmt != [FORMAT]:
                    raise ValueError(f"{path}: not a {FORMAT} model (format {fmt})")
                mode = _unpack_strings(z["mode"])[0] if "mode" in z.files else "tfidf"
                vec = Vectorizer(_unpack_strings(z["vocab"]), z["idf"], mode)
                model = cls(_unpack_strings(z["labels"]), vec, z["coef"], z["bias"],
                            float(z["temperature"].reshape(-1)[0]))
            model.coef.setflags(write=False)
            cls._cache[key] = model
        return cls._cache[key]

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {
            "format": _pack_strings([FORMAT]),
            "labels": _pack_strings(self.labels),
            "vocab": _pack_strings(self.vectorizer.vocab),
            "idf": self.vectorizer.idf.astype(np.float32),
            "mode": _pack_strings([self.vectorizer.mode]),
            "coef": self.coef.astype(np.float32),
            "bias": self.bias.astype(np.float32),
            "temperature": np.asarray(self.temperature, dtype=np.float64),
        }

    def save(self, path: str | Path) -> None:
        save_npz(path, self.to_arrays())

    def decision_function(self, sentences: Sequence[str]) -> np.ndarray:
        if isinstance(sentences, str):
            raise TypeError("pass a sequence of sentences, not one string")
        out = np.tile(self.bias, (len(sentences), 1))
        if not len(sentences):
            return out
        if self.vectorizer.mode == "tokensum":
            return self._decision_tokensum(sentences, out)
        rows, cols, val = self.vectorizer.transform(sentences)
        if len(rows):
            contrib = self.coef[cols] * val[:, None]
            starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
            out[rows[starts]] += np.add.reduceat(contrib, starts, axis=0)
        return out

    def _token_score(self, token: str) -> tuple[np.ndarray, float]:
        hit = self._score_cache.get(token)
        if hit is None:
            idx, val, sq = self.vectorizer.token_part(token)
            score = val @ self.coef[idx] if len(idx) else np.zeros(len(self.labels), np.float32)
            hit = (score, sq)
            if len(self._score_cache) < 200_000:
                self._score_cache[token] = hit
        return hit

    def _decision_tokensum(self, sentences: Sequence[str], out: np.ndarray) -> np.ndarray:
        vec, coef, idf = self.vectorizer, self.coef, self.vectorizer.idf
        for i, text in enumerate(sentences):
            toks = tokens(text)
            if not toks:
                continue
            hits = [self._token_score(t) for t in toks]
            score = sum(h[0] for h in hits)
            sq = sum(h[1] for h in hits)
            bi = vec._bigram_ids(toks)
            if bi:
                bval = idf[bi]
                score = score + bval @ coef[bi]
                sq += _sq(bval)
            if sq > 0:
                out[i] += score / np.float32(math.sqrt(sq))
        return out

    def predict_proba(self, sentences: Sequence[str]) -> np.ndarray:
        """Shape (n, len(labels)); each row sums to 1."""
        z = self.decision_function(sentences).astype(np.float64) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z

    def predict_proba_windows(self, sentences: Sequence[str]) -> np.ndarray:
        """The reading of each sentence's most eventful part, shape (n, len(labels)): each event
        label's highest probability over the sentence and its `windows`, "No event"'s lowest,
        renormalised to sum to 1. Equal to `predict_proba` for a short sentence."""
        return self.predict_proba_and_windows(sentences)[1]

    def predict_proba_and_windows(self, sentences: Sequence[str]
                                  ) -> tuple[np.ndarray, np.ndarray]:
        """`predict_proba` and `predict_proba_windows` of the same sentences in one pass: each
        sentence is scored once, its whole reading being the first part of its windowed one
        (every row is scored on its own, so the numbers are those of the two calls)."""
        if isinstance(sentences, str):
            raise TypeError("pass a sequence of sentences, not one string")
        texts: list[str] = []
        owner: list[int] = []
        first: list[int] = []  # the row of each sentence's whole text
        for i, text in enumerate(sentences):
            first.append(len(texts))
            for part in (text, *windows(text)):
                texts.append(part)
                owner.append(i)
        proba = self.predict_proba(texts)
        whole = proba[np.asarray(first, dtype=np.int64)]
        out = np.zeros((len(sentences), len(self.labels)))
        if not len(sentences):
            return whole, out
        own = np.asarray(owner)
        np.maximum.at(out, own, proba)
        if NO_EVENT in self.labels:
            j = self.labels.index(NO_EVENT)
            low = np.ones(len(sentences))
            np.minimum.at(low, own, proba[:, j])
            out[:, j] = low
        out /= out.sum(axis=1, keepdims=True)
        return whole, out

    def predict(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """(best label, its probability) per sentence."""
        proba = self.predict_proba(sentences)
        best = proba.argmax(axis=1)
        return [(self.labels[j], float(proba[i, j])) for i, j in enumerate(best)]
