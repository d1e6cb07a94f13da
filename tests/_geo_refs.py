"""Test helper: resolve the named spans of a text as the pipeline would, by their surface."""

from __future__ import annotations

from frontlines.geo import Gazetteer, resolve_places
from frontlines.model import AnnotatedDocument, Document, GeoRef, Mention, MentionKind


def resolve_names(gaz: Gazetteer, text: str, names: list[str]) -> dict[str, GeoRef]:
    """Each of `names` (its first occurrence in `text`) as a place mention, resolved together."""
    doc = Document.create(text)
    mentions = tuple(Mention(doc_id=doc.id, kind=MentionKind.PLACE, start=text.index(n),
                             end=text.index(n) + len(n), text=n, sentence=0) for n in names)
    found = resolve_places(AnnotatedDocument(document=doc, sentences=(), mentions=mentions), gaz)
    return {text[a:b]: r for (a, b), r in found.items()}
