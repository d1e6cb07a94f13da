"""The `frontlines_places` spaCy component on a blank pipeline: place spans and entity labels."""

from __future__ import annotations

import pytest
import spacy

import frontlines.nlp.places  # noqa: F401 - registers the factory
from frontlines.geo import Gazetteer
from frontlines.nlp import Knowledge
from frontlines.nlp.annotator import SPAN_KEY

from .conftest import SYRIA

needs_syria = pytest.mark.skipif(not SYRIA.exists(), reason=f"{SYRIA} is not available")


@pytest.fixture(scope="module")
def nlp(geo_gazetteer: Gazetteer) -> spacy.language.Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipe = pipeline.add_pipe("frontlines_places")
    pipe.configure(Knowledge(gazetteer=geo_gazetteer))
    return pipeline


def _places(doc: spacy.tokens.Doc) -> dict[str, str]:
    return {s.text: s._.fl_source for s in doc.spans.get(SPAN_KEY, []) if s._.fl_kind == "place"}


@needs_syria
def test_geo_places_finds_towns_and_lists(nlp: spacy.language.Language) -> None:
    doc = nlp("Tahrir al-Sham captured many towns in Idlib's countryside, including Sahab, "
              "Barabo, Tall Hawash and Tarmala, and attacked the town of Hazarin.")
    found = _places(doc)
    assert found["Tall Hawash"] == "gazetteer"
    assert found["Barabo"] == "list" and found["Tarmala"] == "list" and "Sahab" in found
    assert "Idlib" in found and "Hazarin" in found
    assert {e.text: e.label_ for e in doc.ents}["Tall Hawash"] == "GPE"


@needs_syria
def test_geo_places_multiword_and_article_names(nlp: spacy.language.Language) -> None:
    doc = nlp("Clashes erupted in Khan al-Sobol and al-Dana near the Bab al-Hawa border crossing.")
    found = _places(doc)
    assert {"Khan al-Sobol", "al-Dana"} <= set(found)
    assert any(t.startswith("Bab al-Hawa") for t in found)


def test_geo_places_ignores_group_words(nlp: spacy.language.Language) -> None:
    doc = nlp("The Free Syrian Army and the Islamic State fought on Thursday.")
    assert _places(doc) == {}


def test_geo_places_iraqi_town_with_cue(nlp: spacy.language.Language) -> None:
    doc = nlp("Gunmen attacked a checkpoint near the town of Tuz Khurmato on Monday.")
    assert "Tuz Khurmato" in _places(doc)


def test_geo_places_cue_words_are_kb_data(monkeypatch: pytest.MonkeyPatch) -> None:
    """The matcher's cue words come from `cue_words` in kb/places.yaml; a list YAML would read
    as something other than words (unquoted `on` is a boolean) is a clear error, not a silent
    "True" in the list."""
    from frontlines.errors import GazetteerError
    from frontlines.geo import kb

    words = kb.load_cue_words()
    assert "on" in words["connectors"] and "village" in words["named_site_after"]
    kb.load_cue_words.cache_clear()
    monkeypatch.setattr(kb, "_kb_text", lambda: "cue_words:\n  connectors: [de, on]\n")
    try:
        with pytest.raises(GazetteerError, match="connectors"):
            kb.load_cue_words()
    finally:
        kb.load_cue_words.cache_clear()
