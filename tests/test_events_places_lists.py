"""Known places written one after another without commas, where the text tells a list ("the
towns of X Y and Z", "struck X Y and Z"), are a list: one place each, not one unknown name."""

from __future__ import annotations

from frontlines.model import Document, MentionKind


def _place_mentions(annotator, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    annotated = annotator.annotate_one(Document.create(text))
    return [m.text for m in annotated.mentions if m.kind == MentionKind.PLACE]


def test_towns_listed_without_commas_are_each_a_place(annotator) -> None:
    text = "Militants shelled the towns of Tuz Khurmatu Baqubah and Kirkuk on Monday."
    assert _place_mentions(annotator, text) == ["Tuz Khurmatu", "Baqubah", "Kirkuk"]
    text = "Jets struck Tuz Khurmatu Baqubah and Kirkuk on Monday."
    assert _place_mentions(annotator, text) == ["Tuz Khurmatu", "Baqubah", "Kirkuk"]


def test_known_pieces_with_no_list_told_stay_one_name(annotator) -> None:
    """Without a plural feature word or an "and" after them, the pieces are read whole as
    before (a name the gazetteer knows only in pieces, "in Jabal al-Akrad")."""
    text = "Militants shelled Tuz Khurmatu Baqubah on Monday."
    assert "Tuz Khurmatu" not in _place_mentions(annotator, text)


def test_a_list_without_commas_gives_one_event_place_each(extract_text) -> None:
    ex = extract_text("Militants shelled the towns of Tuz Khurmatu Baqubah and Kirkuk in "
                      "northern Iraq on Monday.")
    names = {c.place.name for c in ex.claims if c.modality is None and c.place is not None}
    assert {"Tuz Khurmatu", "Baqubah", "Kirkuk"} <= names


def test_two_towns_after_one_another_are_not_joined_into_one_name(extract_text) -> None:
    """With no cue before them the matcher leaves the towns apart; the events stage, which
    joins a name split in two, keeps two towns it knows whose joined name is no town."""
    ex = extract_text("Jets pounded Tuz Khurmatu Baqubah and Kirkuk on Monday.")
    names = {c.place.name for c in ex.claims if c.modality is None and c.place is not None}
    assert {"Tuz Khurmatu", "Baqubah"} <= names

