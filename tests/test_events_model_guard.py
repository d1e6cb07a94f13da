"""The classifier's own events (a sentence no rule trigger codes, `source: model`) obey what a
rule event obeys (events/extract.py `_model_guarded`, events/modality.py `_stated`), with a
stand-in classifier whose probabilities each test sets:

- a noun of statement, threat or plan as the main verb's subject or object makes the sentence
  tell that, not the event (`modality.stated_nouns`);
- a rule trigger of the same reading told as not having happened gives the model's claim its
  modality, even when the rules kept no claim of it;
- a sentence that names no place and no party gives a claim of modality "unlikely", marked
  needs_review: stored, never an event.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.events.combine import NO_EVENT
from frontlines.model import Token

from ._stand_in import StandInModel, annotator_with, claims_of

PUBLISHED = date(2022, 3, 9)


class StandIn(StandInModel):
    labels = ("Air/drone strike", "Armed clash", "Disrupted weapons use", "Peaceful protest",
              "Shelling/artillery/missile attack", NO_EVENT)


@pytest.fixture()
def with_model(annotator):  # type: ignore[no-untyped-def]
    return annotator_with(annotator, StandIn)


def _claims(ann, text: str):  # type: ignore[no-untyped-def]
    return claims_of(ann, text, PUBLISHED)


def _no_trigger(ann, text: str) -> None:  # type: ignore[no-untyped-def]
    tokens = [Token(i=i, text=w, lemma=w.lower(), pos="", tag="", dep="", head=i, start=0, end=0)
              for i, w in enumerate(text.rstrip(".").split())]
    assert not ann.knowledge.ontology.find_triggers(tokens), "pick a sentence without trigger"


SURE = {"Air/drone strike": 0.8, NO_EVENT: 0.2}


@pytest.mark.parametrize("text", [
    "A warning of reprisals was issued by the Ugandan army in Gulu on Friday.",
    "The Ugandan army raised the prospect of reprisals against the rebels near Gulu.",
])
def test_model_guard_statement_noun_is_no_event(with_model, text: str) -> None:
    ann = with_model({"reprisals": SURE})
    _no_trigger(ann, text)
    claims = _claims(ann, text)
    assert claims and all(c.source == "model" and c.modality is not None for c in claims)


def test_model_guard_told_event_still_coded(with_model) -> None:
    text = "The Ugandan army carried out reprisals against the rebels near Gulu on Friday."
    ann = with_model({"reprisals": SURE})
    _no_trigger(ann, text)
    (claim,) = _claims(ann, text)
    assert claim.source == "model" and claim.modality is None


BARE = "A cache of detonators turned up beneath a footbridge on Thursday."


def test_model_guard_sentence_naming_no_one_nowhere_is_review_only(with_model) -> None:
    ann = with_model({"detonators": {"Disrupted weapons use": 0.9, NO_EVENT: 0.1}})
    _no_trigger(ann, BARE)
    (claim,) = _claims(ann, BARE)
    assert claim.source == "model" and claim.modality == "unlikely" and claim.needs_review


def test_model_guard_sentence_naming_a_party_is_coded(with_model) -> None:
    text = "Police found a cache of detonators beneath a footbridge on Thursday."
    ann = with_model({"detonators": {"Disrupted weapons use": 0.9, NO_EVENT: 0.1}})
    _no_trigger(ann, text)
    (claim,) = _claims(ann, text)
    assert claim.source == "model" and claim.modality is None


def test_model_guard_unreal_rule_reading_gives_its_modality(with_model) -> None:
    # the rules read "the offensive" as awaited (an order it waits on), and keep no claim of it
    # (a definite event noun refers back); the model's reading of the same event at the main
    # verb is no event either
    text = "Kenyan units near Kismayo stood by for a signal to begin the offensive on the insurgents."
    ann = with_model({"Kismayo": {"Armed clash": 0.8, NO_EVENT: 0.2}})
    claims = _claims(ann, text)
    assert claims and all(c.modality is not None for c in claims if c.source == "model")
    assert not [c for c in claims if c.modality is None]


# The rules' own factuality, which the model's reading of the same sentence agreed with
# (events/modality.py `is_factual`): a weapon named as a warning's topic, an attack said to be
# possible or expected, or that a verb of planning takes as object, are not events; the attack
# told beside them is.

@pytest.mark.parametrize("text", [
    "The Kenyan president issued a stern warning to the militants over chemical weapons.",
    "Kenyatta warns al-Shabaab on chemical weapons use in Lamu.",
    "Officials in Nairobi said fresh shelling of Lamu was likely within days.",
    "Air strikes on the militants' camp near Lamu are expected, officials said.",
    "The Kenyan army plans an offensive against the militants near Lamu.",
])
def test_model_guard_rules_topic_or_possibility_is_no_event(extract_text, text: str) -> None:
    ex = extract_text(text)
    assert ex.claims and all(c.modality is not None for c in ex.claims)


def test_model_guard_rules_event_beside_a_warning_stays(extract_text) -> None:
    ex = extract_text("Militants shelled an army base near Lamu on Monday, and the president "
                      "issued a warning to them.")
    assert [c for c in ex.claims if c.modality is None]


def test_model_guard_two_clauses_at_two_places_keep_two_types(with_model) -> None:
    # the model reads the sentence whole and gives it one type; a clause with its own subject
    # and its own place tells an event of its own, which that one type does not sideline
    text = "Teachers marched in Kisumu on Friday as army artillery shelled villages near Lamu."
    ann = with_model({"marched": {"Shelling/artillery/missile attack": 0.95, NO_EVENT: 0.05}})
    told = {c.sub_event_type for c in _claims(ann, text) if c.modality is None}
    assert told == {"Peaceful protest", "Shelling/artillery/missile attack"}
