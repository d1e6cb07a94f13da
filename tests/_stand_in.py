"""A stand-in for the event classifier, shared by the tests of how rules and model combine:
what they assert is the combination, not a model."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from frontlines.events.combine import NO_EVENT


class StandInModel:
    """The EventClassifier interface (`labels`, `predict_proba`): every sentence gets the
    probabilities of the first key it contains (else all on NO_EVENT). Subclasses set
    `labels`; `calls` counts the batches read."""

    labels: tuple[str, ...] = (NO_EVENT,)

    def __init__(self, by_word: dict[str, dict[str, float]]) -> None:
        self.by_word = by_word
        self.calls = 0

    def predict_proba(self, sentences: Sequence[str]) -> np.ndarray:
        self.calls += 1
        out = np.zeros((len(sentences), len(self.labels)))
        for n, s in enumerate(sentences):
            probs = next((p for w, p in self.by_word.items() if w in s), {NO_EVENT: 1.0})
            for label, p in probs.items():
                out[n, self.labels.index(label)] = p
        return out
