"""A stand-in for the event classifier, shared by the tests of how rules and model combine:
what they assert is the combination, not a model."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

import numpy as np

from frontlines import events, geo
from frontlines.events.combine import NO_EVENT
from frontlines.model import Claim, Document


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


def annotator_with(annotator: Any, model: type[StandInModel]) -> Callable[..., Any]:
    """`make(by_word)`: the session's Annotator with a stand-in of class `model` reading
    `by_word`, and the review threshold at its default (0.3)."""
    from frontlines.nlp import Annotator

    def make(by_word: dict[str, dict[str, float]]) -> Any:
        knowledge = dataclasses.replace(annotator.knowledge, classifier=model(by_word),
                                        review_threshold=0.3)
        return Annotator(annotator.nlp, knowledge)

    return make


def claims_of(ann: Any, text: str, published: date) -> tuple[Claim, ...]:
    """nlp + geo + events on one text with that Annotator: its claims."""
    annotated = ann.annotate_one(Document.create(text, published=published))
    places = geo.resolve_places(annotated, ann.knowledge.gazetteer)
    return tuple(events.extract(annotated, places, ann.knowledge).claims)
