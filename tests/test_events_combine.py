"""Rules and the event classifier together (events/combine.py), with a stand-in classifier
whose probabilities each test sets, so that what is asserted is the combination, not a model.

- a sentence no trigger catches is coded from the model's type, roles from the parse;
- competing readings of one act of violence become one typed claim, the model's choice;
- every claim carries its source and confidence; claims under the review threshold are kept
  and marked needs_review, stored, exported and explained;
- without a classifier the rules work alone.
"""

from __future__ import annotations

import dataclasses
import io
import json
from collections.abc import Sequence
from datetime import date

import numpy as np
import pytest

from frontlines import events, geo
from frontlines.events.combine import NO_EVENT
from frontlines.model import Document, Token
from frontlines.settings import Settings

from ._stand_in import StandInModel

PUBLISHED = date(2021, 6, 18)
SUB_TYPES = ("Armed clash", "Attack", "Arrests", "Disrupted weapons use",
             "Shelling/artillery/missile attack",
             "Looting/property destruction", "Change to group/activity", "Peaceful protest")


class StandIn(StandInModel):
    """The classifier stand-in (tests/_stand_in.py) with this file's labels."""

    labels = (*SUB_TYPES, NO_EVENT)


@pytest.fixture()
def with_model(annotator):  # type: ignore[no-untyped-def]
    """An Annotator sharing the session's spaCy pipeline and knowledge, with a stand-in
    classifier and a review threshold."""
    from frontlines.nlp import Annotator

    def make(by_word: dict[str, dict[str, float]], threshold: float = 0.3):  # type: ignore[no-untyped-def]
        knowledge = dataclasses.replace(annotator.knowledge, classifier=StandIn(by_word),
                                        review_threshold=threshold)
        return Annotator(annotator.nlp, knowledge)

    return make


def _extract(ann, text: str):  # type: ignore[no-untyped-def]
    annotated = ann.annotate_one(Document.create(text, published=PUBLISHED))
    places = geo.resolve_places(annotated, ann.knowledge.gazetteer)
    return events.extract(annotated, places, ann.knowledge)


def _no_trigger(ann, text: str) -> None:  # type: ignore[no-untyped-def]
    tokens = [Token(i=i, text=w, lemma=w.lower(), pos="", tag="", dep="", head=i, start=0, end=0)
              for i, w in enumerate(text.rstrip(".").split())]
    assert not ann.knowledge.ontology.find_triggers(tokens), "pick a sentence without trigger"


FIND = "Kenyan police intercepted a truckload of rifles in Nairobi on Tuesday."


def test_events_combine_model_finds_what_no_trigger_catches(with_model) -> None:
    ann = with_model({"intercepted": {"Disrupted weapons use": 0.7, NO_EVENT: 0.2,
                                      "Arrests": 0.1}})
    _no_trigger(ann, FIND)
    (claim,) = _extract(ann, FIND).claims
    assert claim.sub_event_type == "Disrupted weapons use"
    assert claim.event_type == "Strategic developments"
    assert claim.source == "model" and claim.confidence == pytest.approx(0.7)
    assert claim.actor1.name == "Police Forces of Kenya"  # the subject of the main verb
    assert claim.actor1.acled_name == "Police Forces of Kenya (2013-)"
    assert claim.place.text == "Nairobi" and claim.place.country == "KE"
    assert claim.time.start == date(2021, 6, 15)
    assert not claim.needs_review


def test_events_combine_model_claim_respects_negation(with_model) -> None:
    text = "Kenyan police did not intercept the rifles in Nairobi on Tuesday."
    ann = with_model({"intercept": {"Disrupted weapons use": 0.9, NO_EVENT: 0.1}})
    _no_trigger(ann, text)
    claims = _extract(ann, text).claims  # kept as a negated claim, never an event
    assert claims and all(c.modality == "negated" for c in claims)


def test_events_combine_model_unsure_codes_nothing(with_model) -> None:
    ann = with_model({"intercepted": {NO_EVENT: 0.8, "Disrupted weapons use": 0.2}})
    assert _extract(ann, FIND).claims == []


def test_events_combine_passive_agent_is_actor1(with_model) -> None:
    text = "A truckload of rifles was intercepted by Kenyan police in Nairobi on Tuesday."
    ann = with_model({"intercepted": {"Disrupted weapons use": 0.8, NO_EVENT: 0.2}})
    _no_trigger(ann, text)
    (claim,) = _extract(ann, text).claims
    assert claim.actor1.name == "Police Forces of Kenya"
    assert claim.source == "model"


RAID = ("Militants attacked an army checkpoint in Kirkuk on Monday and shelled the base, "
        "killing two soldiers.")


def test_events_combine_readings_of_two_event_types_both_kept(with_model, annotator) -> None:
    rules = _extract(annotator.__class__(annotator.nlp, dataclasses.replace(
        annotator.knowledge, classifier=None)), RAID).claims
    assert {c.sub_event_type for c in rules} == {"Armed clash",
                                                 "Shelling/artillery/missile attack"}
    ann = with_model({"attacked": {"Armed clash": 0.6, "Shelling/artillery/missile attack": 0.2,
                                   NO_EVENT: 0.2}})
    # a battle and a remote attack: who fought whom decides (the rules), not the words; both
    # stay, each scored by the model
    claims = _extract(ann, RAID).claims
    assert {c.sub_event_type for c in claims} == {"Armed clash",
                                                  "Shelling/artillery/missile attack"}
    by_type = {c.sub_event_type: c for c in claims}
    assert by_type["Armed clash"].source == "both"
    assert by_type["Armed clash"].confidence > by_type[
        "Shelling/artillery/missile attack"].confidence


GRENADE = ("Militants threw a grenade at a police post in Kirkuk on Monday, and the explosion "
           "killed two officers.")


@pytest.mark.parametrize("preferred", ["Grenade", "Remote explosive/landmine/IED"])
def test_events_combine_one_typed_claim_per_mention_within_an_event_type(
        annotator, preferred: str) -> None:
    from frontlines.events import combine

    ann = annotator.__class__(annotator.nlp, dataclasses.replace(annotator.knowledge,
                                                                 classifier=None))
    (grenade,) = _extract(ann, GRENADE).claims
    assert grenade.sub_event_type == "Grenade"
    ied = dataclasses.replace(grenade, id=grenade.id + "-2",
                              sub_event_type="Remote explosive/landmine/IED")
    other = ({"Grenade", "Remote explosive/landmine/IED"} - {preferred}).pop()
    probs = {preferred: 0.7, other: 0.2, NO_EVENT: 0.1}
    kept = combine.arbitrate([grenade, ied], combine.Scores(probs, probs),
                             ann.knowledge.ontology)
    ontology = ann.knowledge.ontology
    if combine._precedence(ontology, "Grenade") == combine._precedence(
            ontology, "Remote explosive/landmine/IED"):
        assert [c.sub_event_type for c in kept] == [preferred]  # the model chooses
    else:
        assert len(kept) == 1  # the ontology's precedence chooses
    assert combine.arbitrate([grenade, ied], None, ontology) == [grenade, ied]  # rules alone


LATER = ("Protesters marched through Nairobi on Monday to demand lower bread prices. "
         f"{FIND}")


def test_events_combine_model_finds_only_in_the_lead(with_model) -> None:
    ann = with_model({"intercepted": {"Disrupted weapons use": 0.9, NO_EVENT: 0.1}})
    _no_trigger(ann, FIND)
    (claim,) = _extract(ann, FIND).claims  # the report's lead: the model codes it
    assert claim.source == "model"
    # the same sentence after the lead: an elaboration the model cannot tell from a new event
    assert all(c.source != "model" for c in _extract(ann, LATER).claims)


SILENT_LEAD = ("Security update. Kenyan police say a truckload of contraband has been seized in Nairobi "
               "during the raids.")


def test_events_combine_model_finds_after_a_silent_lead(with_model) -> None:
    ann = with_model({"seized": {"Disrupted weapons use": 0.9, NO_EVENT: 0.1}})
    # the lead tells nothing: its next sentence tells the report's event
    (claim,) = _extract(ann, SILENT_LEAD).claims
    assert claim.sentence == 1 and claim.source == "model"
    assert claim.sub_event_type == "Disrupted weapons use"
    # after a lead that told an event, the same sentence is not the model's to code
    told = "Militants attacked an army checkpoint in Kirkuk on Monday. " + SILENT_LEAD.split(". ")[1]
    assert all(c.source != "model" for c in _extract(ann, told).claims)


def test_events_combine_campaign_noun_beside_the_event_leaves_the_find(with_model) -> None:
    # "during the raids" names the operation the seizure belongs to; the seizure, which the
    # rules cannot code (weapons, not a place, were seized), is the model's to code
    text = ("Kenyan police say a large quantity of machetes has been seized from two warehouses "
            "during the raids.")
    ann = with_model({"seized": {"Disrupted weapons use": 0.9, NO_EVENT: 0.1}})
    (claim,) = _extract(ann, text).claims
    assert claim.source == "model" and claim.sub_event_type == "Disrupted weapons use"


def test_events_combine_defection_noun_lookalike_leaves_the_find(with_model) -> None:
    # "desert" is a defection trigger as a verb only: a desert road is no unattributed defection
    # ("shifting": a verb no movement trigger knows, so the find is the model's; "moving ...
    # troops" is the rules' own since "move" stems like "moving")
    text = "The army is shifting hundreds of troops and tanks to a desert region near Garissa."
    ann = with_model({"shifting": {"Change to group/activity": 0.9, NO_EVENT: 0.1}})
    (claim,) = _extract(ann, text).claims
    assert claim.source == "model" and claim.sub_event_type == "Change to group/activity"


def test_events_combine_find_beside_an_unreal_claim_of_another_type(with_model) -> None:
    # the rules read a negated arrest; the seizure they cannot code is the model's to code
    text = ("Kenyan police say a large quantity of machetes has been seized in Garissa, and they "
            "will not arrest anyone.")
    ann = with_model({"seized": {"Disrupted weapons use": 0.9, NO_EVENT: 0.1}})
    claims = _extract(ann, text).claims
    assert any(c.modality == "negated" and c.sub_event_type == "Arrests" for c in claims)
    (found,) = [c for c in claims if c.source == "model"]
    assert found.sub_event_type == "Disrupted weapons use" and found.modality is None
    # an unreal claim of the model's own type: nothing more is coded in its place
    ann = with_model({"seized": {"Arrests": 0.9, NO_EVENT: 0.1}})
    assert all(c.source != "model" for c in _extract(ann, text).claims)


def test_events_combine_scores_read_whole_and_part() -> None:
    from frontlines.events.combine import Scores
    from frontlines.model import Sentence

    labels = ("Attack", NO_EVENT)
    one = Sentence(index=0, start=0, end=1, text="x", tokens=(), event_probs=(0.2, 0.8))
    two = dataclasses.replace(one, event_probs=(0.2, 0.8, 0.7, 0.3))
    assert Scores.of(one, labels).p_part(NO_EVENT) == 0.8  # whole sentence only: the same
    scores = Scores.of(two, labels)
    assert scores.p(NO_EVENT) == 0.8 and scores.p_part(NO_EVENT) == 0.3
    assert Scores.of(dataclasses.replace(one, event_probs=(0.1, 0.2, 0.7)), labels) is None


def test_events_combine_no_veto_when_a_part_reads_the_event(with_model) -> None:
    class Windowed(StandIn):
        """Whole sentences read as no event; their windows as the rule's event."""

        def predict_proba_windows(self, sentences: Sequence[str]) -> np.ndarray:
            out = np.zeros((len(sentences), len(self.labels)))
            out[:, self.labels.index("Arrests")] = 0.7
            out[:, self.labels.index(NO_EVENT)] = 0.3
            return out

    ann = with_model({"detained": {NO_EVENT: 0.95, "Arrests": 0.01, "Peaceful protest": 0.04}})
    ann = ann.__class__(ann.nlp, dataclasses.replace(
        ann.knowledge, classifier=Windowed(ann.knowledge.classifier.by_word)))
    (claim,) = _extract(ann, REVIEW).claims
    assert claim.modality is None and claim.sub_event_type == "Arrests"


def test_events_combine_parse_lead_matches_find_lead() -> None:
    from frontlines.events import combine
    from frontlines.nlp import annotator

    assert annotator.MODEL_PARSE_LEAD == combine.FIND_LEAD


def test_events_combine_rule_claim_scored(with_model) -> None:
    text = "Turkish police detained 20 people in Istanbul on Tuesday."
    agree = with_model({"detained": {"Arrests": 0.9, NO_EVENT: 0.1}})
    (claim,) = _extract(agree, text).claims
    assert (claim.sub_event_type, claim.source) == ("Arrests", "both")
    assert claim.confidence == pytest.approx(0.5 * 0.9 + 0.5 * 0.9)
    differ = with_model({"detained": {"Peaceful protest": 0.5, "Arrests": 0.3, NO_EVENT: 0.2}})
    (claim,) = _extract(differ, text).claims
    assert (claim.sub_event_type, claim.source) == ("Arrests", "rule")  # the rule's type stays
    assert claim.confidence == pytest.approx(0.5 * 0.8 + 0.5 * 0.3)


def test_events_combine_sure_model_retypes_rule(with_model) -> None:
    text = "Turkish police detained 20 people in Istanbul on Tuesday."
    ann = with_model({"detained": {"Peaceful protest": 0.9, "Arrests": 0.02, NO_EVENT: 0.08}})
    (claim,) = _extract(ann, text).claims
    assert (claim.sub_event_type, claim.event_type) == ("Peaceful protest", "Protests")
    assert claim.source == "both" and claim.confidence == pytest.approx(0.9)


def test_events_combine_unattributed_defection_not_recoded(with_model) -> None:
    text = "A large faction defected from the coalition in Idlib in early June."
    ann = with_model({"defected": {"Change to group/activity": 0.9, NO_EVENT: 0.1}})
    assert _extract(ann, text).claims == []  # the rules found no named group: nothing to code


REVIEW = "Turkish police detained 20 people in Istanbul on Tuesday."


def test_events_combine_needs_review_kept_and_flagged(with_model) -> None:
    ann = with_model({"detained": {NO_EVENT: 0.9, "Arrests": 0.1}}, threshold=0.3)
    (claim,) = _extract(ann, REVIEW).claims  # kept, not dropped
    assert claim.confidence == pytest.approx(0.5 * 0.1 + 0.5 * 0.1)
    assert claim.needs_review and claim.source == "rule"
    loose = with_model({"detained": {NO_EVENT: 0.9, "Arrests": 0.1}}, threshold=0.05)
    (claim,) = _extract(loose, REVIEW).claims
    assert not claim.needs_review


def test_events_combine_model_reads_no_event_claim_only(with_model) -> None:
    from frontlines.consolidate import consolidate

    ann = with_model({"detained": {NO_EVENT: 0.95, "Arrests": 0.01, "Peaceful protest": 0.04}})
    (claim,) = _extract(ann, REVIEW).claims  # kept as a claim, never silently dropped
    assert claim.modality == "unlikely" and claim.needs_review
    assert claim.sub_event_type == "Arrests"  # the rule's reading, for a person to judge
    assert consolidate([claim]) == []  # but not an event


def test_events_combine_no_event_veto_needs_both_bars(with_model) -> None:
    # the model reads no event but still sees the rule's type: the rule's event stays
    ann = with_model({"detained": {NO_EVENT: 0.8, "Arrests": 0.2}})
    (claim,) = _extract(ann, REVIEW).claims
    assert claim.modality is None and claim.sub_event_type == "Arrests"
    # the model does not rule out an event enough: the rule's event stays
    unsure = with_model({"detained": {NO_EVENT: 0.45, "Peaceful protest": 0.54,
                                      "Arrests": 0.01}})
    (claim,) = _extract(unsure, REVIEW).claims
    assert claim.modality is None


def test_events_combine_doubted_rule_claim_under_the_review_threshold(with_model) -> None:
    # the model reads no event (0.92) and the rule's type only a little (0.08, above the strict
    # veto's bar): under the review threshold the claim is kept as a claim, not an event
    probs = {NO_EVENT: 0.92, "Arrests": 0.08}
    (claim,) = _extract(with_model({"detained": probs}, threshold=0.3), REVIEW).claims
    assert claim.modality == "unlikely" and claim.needs_review
    assert claim.sub_event_type == "Arrests"
    # a claim the threshold does not doubt stays an event
    (claim,) = _extract(with_model({"detained": probs}, threshold=0.05), REVIEW).claims
    assert claim.modality is None and not claim.needs_review
    # nor one whose sentence the model reads as an event often enough
    unsure = {NO_EVENT: 0.8, "Arrests": 0.1, "Peaceful protest": 0.1}
    (claim,) = _extract(with_model({"detained": unsure}, threshold=0.3), REVIEW).claims
    assert claim.modality is None and claim.needs_review


@pytest.mark.parametrize(("firm", "generic", "sub_type"), [
    ("Students held a candlelit vigil outside the parliament in Nairobi on Tuesday.",
     "Students held a protest outside the parliament in Nairobi on Tuesday.", "Peaceful protest"),
    ("Soldiers seized 14 rifles at a checkpoint near Cucuta on Monday.",
     "Soldiers seized 14 tonnes of sugar at a checkpoint near Cucuta on Monday.",
     "Disrupted weapons use"),
])
def test_events_combine_firm_trigger_is_not_vetoed(with_model, firm: str, generic: str,
                                                    sub_type: str) -> None:
    # the model reads no event at all (the veto's bars and the doubt's): a trigger that names its
    # event by itself (ontology classifier.firm_triggers) keeps the rule's event, for review
    probs = {NO_EVENT: 0.97, sub_type: 0.01, "Attack": 0.02}
    ann = with_model({"Students": probs, "Soldiers": probs}, threshold=0.3)
    told = [c for c in _extract(ann, firm).claims if c.sub_event_type == sub_type]
    assert told and all(c.modality is None and c.needs_review for c in told)
    # the same sentence with a generic trigger is kept out of the events, as before
    vetoed = [c for c in _extract(ann, generic).claims if c.sub_event_type == sub_type]
    assert all(c.modality == "unlikely" for c in vetoed)


def test_events_combine_firm_triggers_from_the_ontology() -> None:
    from frontlines.events.ontology import Ontology

    ontology = Ontology.load()
    assert ontology.firm("Peaceful protest", "die - in")
    assert ontology.firm("Peaceful protest", "vigils")
    assert ontology.firm("Mob violence", "vigilantes")
    assert ontology.firm("Remote explosive/landmine/IED", "limpet mine")
    assert ontology.firm("Disrupted weapons use", "seized several firearms")
    assert not ontology.firm("Peaceful protest", "protests")
    assert not ontology.firm("Remote explosive/landmine/IED", "blast")
    assert not ontology.firm("Disrupted weapons use", "seized")
    assert not ontology.firm("Attack", "vigilantes")  # firm for its own type only


def test_events_combine_actor_decided_types_come_from_the_ontology() -> None:
    from frontlines.events.combine import model_class
    from frontlines.events.ontology import Ontology

    ontology = Ontology.load()
    assert ontology.decided_by_actors == {"Government regains territory",
                                          "Non-state actor overtakes territory"}
    assert model_class(ontology, "Peaceful protest").default_actor == "protesters"
    assert model_class(ontology, "Arrests").default_actor == "police"
    assert model_class(ontology, "Attack").default_actor == "unidentified"


def test_events_combine_stored_exported_explained(with_model, store) -> None:
    from frontlines.api._serialise import claim_json, event_json
    from frontlines.events.explain import explain
    from frontlines.export import write
    from frontlines.pipeline import Pipeline

    # the model unsure (under the doubt bar, 0.9): the rule's arrest stays an event, for review
    ann = with_model({"detained": {NO_EVENT: 0.8, "Arrests": 0.2},
                      "intercepted": {"Disrupted weapons use": 0.7, NO_EVENT: 0.3}})
    docs = [Document.create(REVIEW, published=PUBLISHED, title="review"),
            Document.create(FIND, published=PUBLISHED, title="find")]
    Pipeline(store, ann).run(docs, workers=1)
    by_type = {e.sub_event_type: e for e in store.events()}
    arrest, seizure = by_type["Arrests"], by_type["Disrupted weapons use"]
    assert arrest.needs_review and arrest.source == "rule"
    assert not seizure.needs_review and seizure.source == "model"
    assert seizure.claims[0].confidence == pytest.approx(0.7)

    out = io.StringIO()
    write(store, "jsonl", out)
    records = {r["sub_event_type"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert records["Arrests"]["needs_review"] is True
    assert records["Arrests"]["claims"][0]["source"] == "rule"
    assert records["Disrupted weapons use"]["claims"][0]["confidence"] == pytest.approx(0.7)
    out = io.StringIO()
    write(store, "geojson", out)
    props = {f["properties"]["sub_event_type"]: f["properties"]
             for f in json.loads(out.getvalue())["features"]}
    assert props["Arrests"]["needs_review"] is True
    assert props["Disrupted weapons use"]["source"] == "model"
    out = io.StringIO()
    write(store, "acled", out)
    assert "needs review" in out.getvalue()
    assert event_json(arrest)["needs_review"] is True
    assert claim_json(seizure.claims[0])["source"] == "model"
    text = explain(arrest)
    assert "NEEDS REVIEW" in text and "coded by: the rules" in text
    assert "coded by: the classifier, confidence 0.70" in explain(seizure)


def test_events_combine_batch_predicts_once(with_model) -> None:
    ann = with_model({"intercepted": {"Disrupted weapons use": 0.7, NO_EVENT: 0.3}})
    docs = [Document.create(f"{FIND} Report {n}.", published=PUBLISHED) for n in range(5)]
    list(ann.annotate(docs))
    assert ann.knowledge.classifier.calls == 1  # one call for the batch, not per sentence


def test_events_combine_rules_alone(annotator) -> None:
    ann = annotator.__class__(annotator.nlp, dataclasses.replace(annotator.knowledge,
                                                                 classifier=None))
    (claim,) = _extract(ann, REVIEW).claims
    assert (claim.source, claim.confidence, claim.needs_review) == ("rule", 1.0, False)
    assert _extract(ann, FIND).claims == []  # no trigger, no model: nothing


def test_events_combine_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTLINES_EVENT_MODEL", raising=False)
    assert Settings.from_env().event_model is True  # on by default (see settings.py)
    monkeypatch.setenv("FRONTLINES_EVENT_MODEL", "off")
    assert Settings.from_env().event_model is False
    monkeypatch.setenv("FRONTLINES_EVENT_MODEL", "on")
    assert Settings.from_env().event_model is True
    monkeypatch.setenv("FRONTLINES_EVENT_MODEL", "off")
    monkeypatch.setenv("FRONTLINES_REVIEW_THRESHOLD", "0.6")
    settings = Settings.from_env()
    assert settings.event_model is False and settings.review_threshold == 0.6
    from frontlines.pipeline import load_knowledge

    knowledge = load_knowledge(None, settings)
    assert knowledge.classifier is None and knowledge.review_threshold == 0.6


@pytest.mark.parametrize(("named", "generic"), [
    ("AQAP clashed with the Houthis near a fuel depot in Mukayras on Monday.",
     "Gunmen clashed with guards near a fuel depot in Mukayras on Monday."),
    ("Ahrar al Sham clashed with the Hamza Division near a checkpoint in Afrin on Monday.",
     "Gunmen clashed with guards near a checkpoint in Afrin on Monday."),
])
def test_events_combine_named_sides_are_not_vetoed(with_model, named: str,
                                                    generic: str) -> None:
    # the model, which has not seen most armed groups' names, reads no event: a clash between
    # two organisations the text names keeps the rule's event (NAMED_SIDES)
    probs = {NO_EVENT: 0.97, "Armed clash": 0.01, "Attack": 0.02}
    ann = with_model({"clashed": probs}, threshold=0.3)
    told = [c for c in _extract(ann, named).claims if c.sub_event_type == "Armed clash"]
    assert told and all(c.modality is None for c in told)
    # sides told by common nouns are kept out of the events, as before
    vetoed = [c for c in _extract(ann, generic).claims if c.sub_event_type == "Armed clash"]
    assert vetoed and all(c.modality == "unlikely" for c in vetoed)


@pytest.mark.parametrize("named", [
    "Somali forces fired at fishermen off the coast of Kismayo on Monday.",
    "Sri Lankan navy sailors fired at fishermen on a trawler off the coast of Jaffna on Monday.",
])
def test_events_combine_named_force_firing_at_people_is_not_vetoed(with_model,
                                                                    named: str) -> None:
    # a state's forces named by their country fire at people: the model's "no event" does not
    # keep the attack out of the events (NAMED_SIDES); goods they seize are still kept out
    probs = {NO_EVENT: 0.97, "Attack": 0.01, "Armed clash": 0.02}
    ann = with_model({"fired": probs, "confiscated": probs}, threshold=0.3)
    told = [c for c in _extract(ann, named).claims if c.sub_event_type == "Attack"]
    assert told and all(c.modality is None for c in told)
    seized = "Kenyan police confiscated 30 tonnes of smuggled sugar in Mombasa on Monday."
    kept_out = _extract(ann, seized).claims
    assert kept_out and all(c.modality == "unlikely" for c in kept_out)
