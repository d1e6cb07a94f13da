"""A blind census of fresh articles (issue 17): places and non-events that scraped prose gets
wrong. Sentences are written for these tests; the places are the embedded Syria pack's and the
world layer's, the people made up.

- A sun-letter article glued to a later word of a name ("Deir Ezzor") is the article of the
  name spelled "Deir ez-Zor": the town, not a fallback to another province the report names.
- A big town's name as it is spelled ("Beirut") is that town, not a looser spelling of a
  village in the province the report names.
- "an eastern Syrian town": a nationality word before a feature word names no place.
- A run of names after a word that says who someone is ("monitor chief X Y") is a person.
- A title-case dateline whose dash is glued to the city ("Beirut- ...") opens an entry's body.
- "demonstrated" with an object or a that-clause shows something: no protest.
- A country said again and again (an actor's) is one vote for the report's country.
- A ceasefire "abandoned" is referred to, not agreed; a town abandoned changes hands.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from frontlines.geo import Gazetteer, distance_km, resolve_places
from frontlines.ingest import iter_documents
from frontlines.model import AnnotatedDocument, Document, Mention, MentionKind
from tests._geo_refs import resolve_names


@pytest.fixture(scope="module")
def gaz(builtin_gazetteer: Gazetteer) -> Gazetteer:
    return builtin_gazetteer


def _town(gaz: Gazetteer, name: str) -> tuple[float, float]:
    town = max((p for p, m in gaz.matches(name, "SY", fuzzy=False)
                if m >= 1.0 and p.kind == "populated_place"), key=lambda p: p.population or 0)
    return town.lat, town.lon


@pytest.mark.parametrize("text", [
    "Jets bombed a fuel truck on the road between Deir Ezzor and Hasakeh on Friday.",
    "Rockets fell on Hasakeh on Friday. Jets bombed a fuel truck in Deir Ezzor on Saturday.",
])
def test_glued_sun_letter_article_is_the_article(gaz: Gazetteer, text: str) -> None:
    got = resolve_names(gaz, text, ["Deir Ezzor", "Hasakeh"])["Deir Ezzor"]
    assert got.admin1 and got.admin1.startswith("Deir")
    assert got.lat is not None and got.lon is not None
    assert distance_km(got.lat, got.lon, *_town(gaz, "Deir ez-Zor")) < 10


def test_big_town_spelled_as_it_is_beats_a_looser_spelling_in_context(gaz: Gazetteer) -> None:
    got = resolve_names(gaz, "Envoys met in Beirut on Friday. Jets struck Aleppo on Saturday.",
                        ["Beirut", "Aleppo"])
    assert got["Beirut"].country == "LB"
    assert got["Aleppo"].country == "SY" and got["Aleppo"].geo_precision == 1


def _place_mentions(annotator, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    annotated = annotator.annotate_one(Document.create(text))
    return [m.text for m in annotated.mentions if m.kind == MentionKind.PLACE]


def test_nationality_word_before_a_feature_word_names_no_place(annotator) -> None:  # type: ignore[no-untyped-def]
    text = "A drone hit a northern Syrian village held by the rebels on Friday, killing three."
    assert "Syrian" not in _place_mentions(annotator, text)


def test_names_after_a_role_word_are_a_person(annotator) -> None:  # type: ignore[no-untyped-def]
    text = ("Mortar fire killed two men in Inkhil on Friday, monitor chief Rami Saleh Haddad "
            "told reporters.")
    assert _place_mentions(annotator, text) == ["Inkhil"]


def test_title_case_dateline_with_a_glued_dash_opens_the_body(tmp_path: Path) -> None:
    row = {"title": "Rebels storm army posts", "outlet": "Example Agency",
           "published": "2018-03-14",
           "text": "Beirut- Rebel units in Hama province stormed two army posts on Tuesday "
                   "after a night of shelling, a commander said."}
    path = tmp_path / "dump.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (doc,) = list(iter_documents([path]))
    assert not isinstance(doc, Exception)
    assert doc.filed_from == "Beirut"
    assert doc.text[doc.body_offset:].startswith("Rebel units")


def test_demonstrated_with_an_object_is_no_protest(extract_text) -> None:  # type: ignore[no-untyped-def]
    shown = extract_text("The shelling of the bakery on Friday demonstrated the regime's "
                         "contempt for the truce, the council said.")
    assert not [c for c in shown.claims if c.modality is None and c.event_type == "Protests"]
    held = extract_text("Hundreds demonstrated in Saraqib on Friday against the siege.")
    assert [c.sub_event_type for c in held.claims if c.modality is None] == ["Peaceful protest"]


def test_a_country_named_again_and_again_is_one_vote(gaz: Gazetteer) -> None:
    # an actor's country said four times does not make a town of the theatre a foreign place
    text = ("Russian jets hit a bakery in the town of Atareb in rural Aleppo on Monday. Russia "
            "has broken every pledge it made in Syria, Russia backs the siege and Russia wants "
            "no peace talks.")
    doc = Document.create(text)
    mentions = [Mention(doc_id=doc.id, kind=MentionKind.PLACE, start=m.start(), end=m.end(),
                        text=m.group(), sentence=0 if m.start() < 75 else 1)
                for m in re.finditer(r"Atareb|Aleppo|Syria\b|Russia\b", text)]
    found = resolve_places(AnnotatedDocument(document=doc, sentences=(),
                                             mentions=tuple(mentions)), gaz)
    town = found[(text.index("Atareb"), text.index("Atareb") + len("Atareb"))]
    assert town.country == "SY" and town.geo_precision == 1 and town.admin1 == "Aleppo"


def test_a_ceasefire_abandoned_is_no_agreement(extract_text) -> None:  # type: ignore[no-untyped-def]
    abandoned = extract_text("Shops shut after the army abandoned a ceasefire last week to push "
                             "into the old city.")
    assert not [c for c in abandoned.claims if c.modality is None
                and c.sub_event_type == "Agreement"]
    kept = extract_text("The rebels abandoned the town of Inkhil on Monday after heavy shelling.")
    assert "Non-violent transfer of territory" in {c.sub_event_type for c in kept.claims
                                                   if c.modality is None}


def test_the_one_town_of_its_name_stands_beside_another_province(gaz: Gazetteer) -> None:
    # a town of some size that is the only place of its name is that town, though the report
    # names another province (it does not fall back to Aleppo)
    text = ("Shells fell on Aleppo on Monday. On Tuesday a drone hit a car in Khan Sheikhoun, "
            "and a raid struck a clinic in Boukamal.")
    got = resolve_names(gaz, text, ["Aleppo", "Khan Sheikhoun", "Boukamal"])
    assert got["Khan Sheikhoun"].geo_precision == 1 and got["Khan Sheikhoun"].admin1 in (
        "Idleb", "Idlib")
    assert got["Boukamal"].geo_precision == 1 and got["Boukamal"].admin1.startswith("Deir")
