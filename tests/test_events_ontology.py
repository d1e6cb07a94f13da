"""The ontology file: loading, trigger matching, and errors that say what to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from frontlines.errors import KnowledgeBaseError
from frontlines.events import Ontology
from frontlines.events.ontology import stem
from frontlines.model import Token


def _tokens(text: str) -> list[Token]:
    return [Token(i=i, text=w, lemma=w.lower(), pos="VERB" if i == 1 else "NOUN", tag="",
                  dep="", head=i, start=0, end=0) for i, w in enumerate(text.split())]


def test_events_ontology_maps_triggers_to_acled_and_plover() -> None:
    onto = Ontology.load()
    found = onto.find_triggers(_tokens("militants took full control of the town"))
    assert [(m.text, m.event.sub_event_type, m.event.plover_type) for m in found] == [
        ("took full control", "Non-state actor overtakes territory", "COERCE")]
    found = onto.find_triggers(_tokens("an air strike hit the market in Marib"))
    assert [m.event.sub_event_type for m in found] == ["Air/drone strike"]


def test_events_ontology_stems_meet_across_inflections() -> None:
    assert stem("captured") == stem("capture") == stem("captures")
    assert stem("kidnapped") == stem("kidnap")
    assert stem("occupied") == stem("occupy")


def test_events_ontology_bad_file_raises_with_the_path(tmp_path: Path) -> None:
    bad = tmp_path / "ontology.yaml"
    bad.write_text("events: [{id: x}]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="malformed"):
        Ontology.load(bad)
    bad.write_text("events: [\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=str(bad)):
        Ontology.load(bad)


_ROLE_LISTS = ("state_cues", "government_nouns", "person_titles", "person_nouns", "witness_verbs",
               "campaign_start_verbs", "symmetric", "harmed", "positioned", "accuse", "platforms",
               "seen", "suffer", "support", "backing", "drones", "unknown", "generic_heads",
               "near", "target_words")


def test_events_ontology_every_roles_list_loads_as_lower_case_words() -> None:
    onto = Ontology.load()
    roles = onto.data["roles"]
    for key in _ROLE_LISTS:
        words = roles[key]
        assert words and all(isinstance(w, str) for w in words), key
    assert "skirmishes" in onto.symmetric_words and "stationed" in onto.positioned_words
    assert "on" in onto.target_words  # quoted in the file: YAML reads a bare `on` as true
    assert "quadcopter" in onto.drone_words and "militia" in onto.generic_heads


def test_events_ontology_an_unquoted_yaml_boolean_in_a_roles_list_is_an_error(
        tmp_path: Path) -> None:
    bad = tmp_path / "ontology.yaml"
    bad.write_text("events: []\nroles:\n  target_words: [with, on, at]\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"target_words.*True.*quote it"):
        Ontology.load(bad)
    bad.write_text("events: []\nroles:\n  near: near\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match="`near` must be a list"):
        Ontology.load(bad)
