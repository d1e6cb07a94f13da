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

_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?|\d+", re.UNICODE)
_CHAR_N = (3, 4, 5)


def tokens(text: str) -> list[str]:
    """Lower-cased word tokens; every number becomes '0'."""
    return ["0" if t[0].isdigit() else t for t in _TOKEN.findall(text.lower())]


@lru_cache(maxsize=100_000)
def _char_grams(token: str) -> tuple[str, ...]:
    padded = f"<{token}>"
    return tuple(f"c:{padded[i:i + n]}" for n in _CHAR_N for i in range(len(padded) - n + 1))


def features(text: str) -> Counter[str]:
    """The n-gram features of one sentence with their counts."""
    toks = tokens(text)
    feats: Counter[str] = Counter(f"w:{t}" for t in toks)
    feats.update(f"b:{a} {b}" for a, b in zip(toks, toks[1:]))
    for t in toks:
        feats.update(_char_grams(t))
    return feats


class Vectorizer:
    """TF-IDF (sublinear tf, L2-normalised) over a fixed vocabulary."""

    def __init__(self, vocab: Sequence[str], idf: np.ndarray):
        self.vocab = list(vocab)
        self.index = {f: i for i, f in enumerate(self.vocab)}
        self.idf = np.asarray(idf, dtype=np.float32)

    def row(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        index = self.index
        pairs = [(index[f], 1.0 + math.log(c)) for f, c in features(text).items() if f in index]
        if not pairs:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter((i for i, _ in pairs), dtype=np.int64, count=len(pairs))
        val = np.fromiter((v for _, v in pairs), dtype=np.float32, count=len(pairs))
        val *= self.idf[idx]
        val /= np.float32(np.sqrt(np.dot(val, val)))
        return idx, val


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
                vec = Vectorizer(_unpack_strings(z["vocab"]), z["idf"])
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
            "coef": self.coef.astype(np.float32),
            "bias": self.bias.astype(np.float32),
            "temperature": np.asarray(self.temperature, dtype=np.float64),
        }

    def save(self, path: str | Path) -> None:
        save_npz(path, self.to_arrays())

    def decision_function(self, sentences: Sequence[str]) -> np.ndarray:
        if isinstance(sentences, str):
            raise TypeError("pass a sequence of sentences, not one string")
        out = np.empty((len(sentences), len(self.labels)), dtype=np.float32)
        for i, text in enumerate(sentences):
            idx, val = self.vectorizer.row(text)
            out[i] = val @ self.coef[idx] + self.bias if len(idx) else self.bias
        return out

    def predict_proba(self, sentences: Sequence[str]) -> np.ndarray:
        """Shape (n, len(labels)); each row sums to 1."""
        z = self.decision_function(sentences).astype(np.float64) / self.temperature
        z -= z.max(axis=1, keepdims=True)
        np.exp(z, out=z)
        z /= z.sum(axis=1, keepdims=True)
        return z

    def predict(self, sentences: Sequence[str]) -> list[tuple[str, float]]:
        """(best label, its probability) per sentence."""
        proba = self.predict_proba(sentences)
        best = proba.argmax(axis=1)
        return [(self.labels[j], float(proba[i, j])) for i, j in enumerate(best)]
