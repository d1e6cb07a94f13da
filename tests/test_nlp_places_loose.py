"""Words for a people, faith or sect, and the words armed groups' names open with, are no
place by a looser key (issue #17.5): "a Kurdish city" is not a village Quraish, "Liwa al-X" is
not a village Lilawa, "a Christian village" is no unknown village placed at its town. A place
spelt exactly so after "in"/"near" still is one. Sentences written for these tests; the cue
words are kb/places.yaml `people_words` and `group_words`."""

from __future__ import annotations

import pytest

from frontlines.model import Document, MentionKind


def _places(annotator, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    annotated = annotator.annotate_one(Document.create(text))
    return [m.text for m in annotated.mentions if m.kind == MentionKind.PLACE]


@pytest.mark.parametrize(("text", "word", "kept"), [
    ("Gunmen of Liwa al-Fateh shelled the Midan district of Aleppo on Sunday.",
     "Liwa", "Aleppo"),
    ("A double bombing killed 20 in a Syrian Kurdish city on the Turkish border, officials said.",
     "Kurdish", None),
    ("Jets struck a Christian village near Hama on Friday.", "Christian", "Hama"),
])
def test_people_and_group_words_are_no_places(annotator, text: str, word: str,  # type: ignore[no-untyped-def]
                                              kept: str | None) -> None:
    found = _places(annotator, text)
    assert word not in found
    if kept:
        assert kept in found


def test_a_place_spelt_so_after_a_locative_stays(annotator) -> None:  # type: ignore[no-untyped-def]
    gaz = annotator.knowledge.gazetteer
    from frontlines.geo.resolve import spelled_as
    from frontlines.names import name_key
    assert any(spelled_as("Liwa", p) for p in gaz.places_for_key(name_key("Liwa")))
    assert "Liwa" in _places(annotator, "Fighting flared in Liwa, Indonesia, on Tuesday.")


def test_a_name_before_regime_names_the_regime(annotator) -> None:  # type: ignore[no-untyped-def]
    """kb places.yaml `org_after`: "the Assads regime" (an apostrophe lost) is no village."""
    found = _places(annotator, "Militiamen loyal to Assads regime stormed a village near Idlib.")
    assert "Assads" not in found and "Idlib" in found


def test_a_title_case_headline_phrase_is_no_place(annotator) -> None:  # type: ignore[no-untyped-def]
    """kb places.yaml `event_words`: "Fresh Rebel Rocket Shell Attacks" is no unknown town."""
    found = _places(annotator, "Five Hurt in Fresh Terrorist Rocket Shell Attacks on Homs District.")
    assert not any("Attacks" in f or f == "Shell" for f in found)
    assert any(f.startswith("Homs") for f in found)
