"""The spans our spaCy components write: one span group, our extension attributes."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from frontlines.model import MentionKind

__all__ = ["SPAN_KEY", "add_span", "ensure_extensions"]

SPAN_KEY = "frontlines"


def ensure_extensions() -> None:
    """Register the Span/Doc extension attributes our components use (idempotent)."""
    for name in ("fl_kind", "fl_ref", "fl_label", "fl_time", "fl_quantity"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    if not Span.has_extension("fl_score"):
        Span.set_extension("fl_score", default=1.0)
    if not Span.has_extension("fl_source"):
        Span.set_extension("fl_source", default="")
    if not Doc.has_extension("fl_published"):
        Doc.set_extension("fl_published", default=None)
    if not Doc.has_extension("fl_doc_id"):
        Doc.set_extension("fl_doc_id", default=None)


def add_span(doc: Doc, span: Span, kind: MentionKind, **attrs: Any) -> Span:
    """Append a span to `doc.spans["frontlines"]` with our extension attributes set."""
    span._.fl_kind = kind.value
    for key, value in attrs.items():
        setattr(span._, f"fl_{key}", value)
    group = doc.spans.get(SPAN_KEY, None)
    if group is None:
        doc.spans[SPAN_KEY] = [span]
    else:
        group.append(span)
    return span
