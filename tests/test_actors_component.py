"""The frontlines_actors spaCy component: spans, entities, fuzzy names, discovery, context."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from frontlines.actors import KnowledgeBase, discover, resolve_from_context
from frontlines.model import AnnotatedDocument, Document, MentionKind, RelationKind

REPORT = (
    "Fighters of Hayat Tahrir al-Sham seized the town of Maarat al-Numan from the Free Syrian "
    "Army on Saturday. Dozens of militants from both warring sides were killed, according to "
    "the Syrian Observatory for Human Rights. Jaish al-Nasr said it sent reinforcements."
)


def _annotate(annotator, text: str, published: date | None = None) -> AnnotatedDocument:
    return annotator.annotate_one(Document.create(text, published=published))


def _actors(annotated: AnnotatedDocument) -> list[tuple[str, str]]:
    return [(m.text, m.ref) for m in annotated.mentions if m.kind == MentionKind.ACTOR]


def test_actors_component_marks_known_groups(actor_annotator) -> None:
    annotated = _annotate(actor_annotator, REPORT, date(2019, 6, 8))
    assert _actors(annotated) == [("Hayat Tahrir al-Sham", "hts"), ("Free Syrian Army", "fsa"),
                                  ("Jaish al-Nasr", "jaish-al-nasr")]
    mention = annotated.mentions[0]
    assert mention.label == "Hay'at Tahrir al-Sham" and mention.source == "kb"


def test_actors_component_sets_org_entities(actor_annotator) -> None:
    doc = actor_annotator.nlp(actor_annotator.make_doc(Document.create(REPORT)))
    assert [(e.text, e.label_) for e in doc.ents][:2] == [("Hayat Tahrir al-Sham", "ORG"),
                                                          ("Free Syrian Army", "ORG")]


def test_actors_component_never_marks_loaded_words(actor_annotator) -> None:
    text = ("Terrorists shelled the town. The militants and gunmen, jihadists of the terrorist "
            "coalition, were repelled by rebels.")
    assert _actors(_annotate(actor_annotator, text)) == []


def test_actors_component_possessives_and_designators(actor_annotator) -> None:
    text = ("Tahrir al-Sham’s fighters attacked the Jaish al-Islam group, while the Nour al-Din "
            "al-Zenki terrorist group stayed out.")
    found = _actors(_annotate(actor_annotator, text))
    assert [ref for _, ref in found] == ["hts", "jaish-al-islam", "zenki"]
    assert found[0][0] == "Tahrir al-Sham"


def test_actors_component_resolves_unseen_spelling_fuzzily(actor_annotator) -> None:
    text = "Nouralddeen al-Zinki joined the offensive near Aleppo."
    mention = _annotate(actor_annotator, text).mentions[0]
    assert (mention.text, mention.ref, mention.source) == ("Nouralddeen al-Zinki", "zenki",
                                                           "fuzzy")
    assert mention.score < 1.0


def test_actors_component_uses_the_document_date(actor_annotator) -> None:
    text = "The Nusra Front attacked army posts in Hama."
    assert _actors(_annotate(actor_annotator, text, date(2015, 3, 1)))[0][1] == "jabhat-al-nusra"
    assert _actors(_annotate(actor_annotator, text, date(2016, 10, 1)))[0][1] == "jfs"


def test_actors_component_discovers_brigades_with_parents(actor_annotator, actor_kb) -> None:
    text = ("Two Faylaq al-Sham units — the Martyr Yusuf Brigade and the Sahel Regiment — said "
            "they had defected to the National Liberation Front. The Qalaat al-Madiq Battalion, "
            "one of the largest factions within Jaysh al-Izza, denied the report.")
    annotated = _annotate(actor_annotator, text, date(2018, 6, 2))
    provisional = [(m.text, m.ref) for m in annotated.mentions if m.source == "discovery"]
    assert [t for t, _ in provisional] == ["Martyr Yusuf Brigade", "Sahel Regiment",
                                           "Qalaat al-Madiq Battalion"]
    actors, relations = discover(annotated, actor_kb)
    assert {a.name for a in actors} == {t for t, _ in provisional}
    assert all(a.provisional and a.id.startswith("provisional:") for a in actors)
    triples = {(r.actor.split(":")[1], r.kind, r.target, r.start, r.end) for r in relations}
    yusuf = "provisional:" + provisional[0][1].split(":")[1]
    assert (yusuf.split(":")[1], RelationKind.MEMBER_OF, "faylaq-al-sham", None,
            "2018-06-01") in triples
    assert (yusuf.split(":")[1], RelationKind.MEMBER_OF, "nlf", "2018-06-02", None) in triples
    qalaat = provisional[2][1].split(":")[1]
    assert (qalaat, RelationKind.MEMBER_OF, "jaish-al-izza", None, None) in triples
    assert all(r.doc_id == annotated.document.id and r.evidence for r in relations)


def test_actors_component_context_names_both_warring_sides(actor_annotator,
                                                           actor_kb: KnowledgeBase) -> None:
    annotated = _annotate(actor_annotator, REPORT, date(2019, 6, 8))
    sides = resolve_from_context(annotated, 1, actor_kb)
    assert [r.id for r in sides] == ["hts", "fsa"]
    assert [r.acled_name for r in sides] == ["HTS: Hayat Tahrir al Sham", "JSH: Free Syrian Army"]


def test_actors_component_context_falls_back_to_acled_catch_alls(actor_annotator,
                                                                  actor_kb) -> None:
    gunmen = _annotate(actor_annotator, "Unknown gunmen killed a teacher in Daraa.")
    assert [r.acled_name for r in resolve_from_context(gunmen, 0, actor_kb)] == [
        "Unidentified Armed Group (Syria)"]
    rebels = _annotate(actor_annotator, "Rebels shelled a checkpoint near Hama.")
    assert [r.acled_name for r in resolve_from_context(rebels, 0, actor_kb)] == [
        "Opposition Rebels (Syria)"]
    iraq = _annotate(actor_annotator, "The Iraqi army said gunmen attacked a post. "
                                      "Two militants were killed.")
    assert resolve_from_context(iraq, 1, actor_kb)[0].id == "iraq-military"


def test_actors_component_recognises_every_seed_actor_mention(actor_annotator, actor_kb,
                                                              seed_path: Path,
                                                              seed_gold_path: Path) -> None:
    """Every occurrence of a gold actor name in the seed is an actor span of that actor."""
    gold = json.loads(seed_gold_path.read_text(encoding="utf-8"))
    text = seed_path.read_text(encoding="utf-8")
    published = date.fromisoformat(gold["documents"][0]["published"])
    annotated = _annotate(actor_annotator, text, published)
    actors = [m for m in annotated.mentions if m.kind == MentionKind.ACTOR]
    names = sorted(((n, k) for k, a in gold["actors"].items() for n in a["names"]),
                   key=lambda x: -len(x[0]))
    spans: list[tuple[int, int, str]] = []
    for name, key in names:
        pattern = re.escape(name).replace("'", "['’]")
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE):
            if not any(s < m.end() and m.start() < e for s, e, _ in spans):
                spans.append((m.start(), m.end(), key))
    assert len(spans) > 60
    by_key = {key: {actor_kb.resolve(n, published)[0].id
                    for n in gold["actors"][key]["names"] if actor_kb.resolve(n, published)}
              for key in gold["actors"]}
    missed = []
    for s, e, key in spans:
        refs = {m.ref for m in actors if m.start < e and s < m.end}
        if not refs & by_key[key] and not any(r.startswith("provisional:") for r in refs):
            missed.append(text[s:e])
    assert missed == []
    _, relations = discover(annotated, actor_kb)
    parents = {(r.actor, r.target) for r in relations if r.kind == RelationKind.MEMBER_OF}
    assert len({a for a, _ in parents}) == 4


@pytest.mark.parametrize("published", [None, date(2017, 7, 21)])
def test_actors_component_empty_text(actor_annotator, published) -> None:
    assert _annotate(actor_annotator, "", published).mentions == ()


def test_actors_component_context_uses_the_event_country(actor_annotator, actor_kb) -> None:
    annotated = _annotate(actor_annotator, "Hundreds of demonstrators protested in Basra.")
    refs = resolve_from_context(annotated, 0, actor_kb, country="IQ")
    assert [r.acled_name for r in refs] == ["Protesters (Iraq)"]


def test_a_place_possessive_without_its_apostrophe_is_no_actor(actor_kb: KnowledgeBase,
                                                                geo_gazetteer) -> None:
    # "Hamas countryside" with the apostrophe of "Hama's" lost: the province, not Hamas
    import spacy

    import frontlines.nlp.actors  # noqa: F401 - registers the factory
    from frontlines.nlp import Knowledge
    from frontlines.nlp.annotator import SPAN_KEY

    if not geo_gazetteer.places_for_key("hama"):
        pytest.skip("the Syria gazetteer is not available")
    nlp = spacy.blank("en")
    nlp.add_pipe("frontlines_actors").configure(Knowledge(actors=actor_kb,
                                                          gazetteer=geo_gazetteer))

    def actors(text: str) -> list[str]:
        doc = nlp(text)
        return [s._.fl_ref for s in doc.spans.get(SPAN_KEY, []) if s._.fl_kind == "actor"]

    assert "hamas" not in actors("Jets pounded villages in Hamas northern countryside.")
    assert "hamas" in actors("Hamas fighters fired rockets from Gaza on Friday.")
    assert "hamas" in actors("Israel said it struck Hamas positions in the south of Gaza.")
