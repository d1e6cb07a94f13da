"""Scraped text that lost a space ("inKirkuk"): the tokenizer cuts a locative word glued to a
capitalised name, so the name is found and the text keeps its offsets."""

from __future__ import annotations

from frontlines.model import Document, MentionKind


def test_a_locative_glued_to_a_name_is_cut_off(annotator, extract_text) -> None:
    text = "A car bomb exploded inKirkuk on Monday, wounding four people nearBaqubah."
    annotated = annotator.annotate_one(Document.create(text))
    places = [m for m in annotated.mentions if m.kind == MentionKind.PLACE]
    assert [m.text for m in places] == ["Kirkuk", "Baqubah"]
    assert all(text[m.start:m.end] == m.text for m in places)
    ex = extract_text(text)
    assert {c.place.name for c in ex.claims if c.place is not None} >= {"Kirkuk"}


def test_words_that_only_begin_like_a_locative_stay_whole(annotator) -> None:
    doc = annotator.nlp.make_doc("Inkhil and Ontario saw protests over the inTray ofPhones.")
    assert [t.text for t in doc][:3] == ["Inkhil", "and", "Ontario"]
