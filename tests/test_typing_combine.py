"""How the model's reading types a sentence the rules read as several event types, and how the
model finds a change of territory the rules miss (issue #11). A stand-in classifier sets the
probabilities, so that what is asserted is the combination, not a model."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

from frontlines.events.combine import NO_EVENT

from ._stand_in import StandInModel, annotator_with, claims_of

PUBLISHED = date(2022, 9, 14)
LABELS = ("Armed clash", "Shelling/artillery/missile attack", "Arrests", "Peaceful protest",
          "Government regains territory", "Non-state actor overtakes territory", NO_EVENT)


class StandIn(StandInModel):
    """The classifier stand-in (tests/_stand_in.py) with this file's labels."""

    labels = LABELS


@pytest.fixture()
def with_model(annotator):  # type: ignore[no-untyped-def]
    return annotator_with(annotator, StandIn)


def _claims(ann, text: str):  # type: ignore[no-untyped-def]
    return claims_of(ann, text, PUBLISHED)


TWO_TYPES = ("Militants attacked an army checkpoint in Mosul on Tuesday and shelled the base, "
             "killing three soldiers.")


def test_typing_combine_rule_type_the_model_rules_out_beside_its_own_is_a_claim_only(
        with_model, annotator) -> None:
    rules = _claims(annotator.__class__(annotator.nlp, dataclasses.replace(
        annotator.knowledge, classifier=None)), TWO_TYPES)
    assert {c.sub_event_type for c in rules} == {"Armed clash",
                                                 "Shelling/artillery/missile attack"}
    sure = with_model({"attacked": {"Armed clash": 0.85,
                                   "Shelling/artillery/missile attack": 0.03, NO_EVENT: 0.12}})
    by_type = {c.sub_event_type: c for c in _claims(sure, TWO_TYPES)}
    assert by_type["Armed clash"].modality is None
    shelling = by_type["Shelling/artillery/missile attack"]
    assert shelling.modality == "unlikely" and shelling.needs_review  # kept, never an event
    # the model still sees the other type somewhere: both events stay
    both = with_model({"attacked": {"Armed clash": 0.7,
                                   "Shelling/artillery/missile attack": 0.2, NO_EVENT: 0.1}})
    assert all(c.modality is None for c in _claims(both, TWO_TYPES))
    # the model is not sure of its own type: both stay
    unsure = with_model({"attacked": {"Armed clash": 0.5,
                                     "Shelling/artillery/missile attack": 0.02, NO_EVENT: 0.48}})
    assert all(c.modality is None for c in _claims(unsure, TWO_TYPES))


FREED = "{} freed three villages near Maiduguri on Tuesday."


def test_typing_combine_model_finds_territory_regained_and_actors_decide_who(with_model) -> None:
    regained = with_model({"freed": {"Government regains territory": 0.9, NO_EVENT: 0.1}})
    (claim,) = _claims(regained, FREED.format("Nigerian troops"))
    assert (claim.sub_event_type, claim.source) == ("Government regains territory", "model")
    assert claim.event_type == "Battles"
    overtaken = with_model({"freed": {"Non-state actor overtakes territory": 0.9, NO_EVENT: 0.1}})
    (claim,) = _claims(overtaken, FREED.format("Nigerian troops"))
    assert claim.sub_event_type == "Government regains territory"  # a state force regains
    (claim,) = _claims(overtaken, FREED.format("Boko Haram fighters"))
    assert claim.sub_event_type == "Non-state actor overtakes territory"


def test_typing_combine_levels_of_one_demonstration_never_sidelined(annotator) -> None:
    from frontlines.events import combine

    rules = _claims(annotator.__class__(annotator.nlp, dataclasses.replace(
        annotator.knowledge, classifier=None)), TWO_TYPES)
    violent = dataclasses.replace(rules[0], sub_event_type="Violent demonstration",
                                  event_type="Riots")
    peaceful = dataclasses.replace(rules[1], sub_event_type="Peaceful protest",
                                   event_type="Protests")
    probs = {"Violent demonstration": 0.9, "Peaceful protest": 0.02, NO_EVENT: 0.08}
    kept = combine.sideline_across_types([violent, peaceful], combine.Scores(probs, probs),
                                         annotator.knowledge.ontology)
    assert [c.modality for c in kept] == [None, None]  # the rules raise one to the other


class _MeansStandIn(StandIn):
    labels = ("Air/drone strike", "Attack", "Disrupted weapons use", NO_EVENT)


def test_typing_combine_model_never_moves_an_air_strike_into_an_attack(annotator) -> None:
    """The weapon the rule read (an air strike) decides the event type: a model sure the
    sentence is an Attack on civilians may not retype it (kb classifier.decided_by_means)."""
    from frontlines.nlp import Annotator

    model = _MeansStandIn({"": {"Attack": 0.95, "Air/drone strike": 0.0,
                                      NO_EVENT: 0.05}})
    ann = Annotator(annotator.nlp, dataclasses.replace(annotator.knowledge, classifier=model,
                                                       review_threshold=0.3))
    claims = _claims(ann, "Government warplanes carried out an air strike on a crowded market "
                          "in Sirte on Monday, killing nine civilians.")
    kinds = {c.sub_event_type for c in claims if c.modality is None}
    assert "Air/drone strike" in kinds
    assert "Attack" not in kinds
