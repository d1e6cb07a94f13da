"""Attribution: who asserts a statement inside the text ("field sources", "according to X").

Marks ATTRIBUTION spans for the subject of a reporting verb that introduces reported speech
("Field sources in Northwestern Syria reported that ..."), the object of "according to" / "based
on", and statement nouns introduced by "in" ("In an official statement, ..."). The words are
read from kb/ontology.yaml (`attribution`).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from frontlines.model import MentionKind
from frontlines.nlp.spans import add_span

__all__ = ["AttributionComponent", "AttributionRules"]

_REPORTING = ("say", "said", "report", "declar", "announc", "confirm", "claim", "state", "add",
              "told", "tell", "note", "stress", "assert", "alleg", "acknowledg", "warn", "inform",
              "publish", "releas", "quot", "cit", "disclos", "reveal")
_STATEMENT = ("statement", "communiqu", "announcement", "declaration", "report", "source",
              "video", "footage", "post", "tweet", "website", "agency", "outlet", "channel",
              "media", "monitor", "observatory", "official", "spokes", "activist", "witness",
              "resident", "correspondent", "ministry", "command")
_ACCORDING = (("according", "to"), ("based", "on"), ("quoting",), ("citing",))


class AttributionRules:
    """Reporting verbs and statement nouns (prefix stems), overridable from the ontology."""

    def __init__(self, ontology: Any | None = None) -> None:
        self.reporting = _REPORTING
        self.statement = _STATEMENT
        if ontology is not None:
            verbs = getattr(ontology, "reporting_verbs", None)
            if verbs:
                self.reporting = tuple(sorted(set(_REPORTING) | set(verbs)))

    def is_reporting(self, token: Token) -> bool:
        return token.pos_ in ("VERB", "AUX") and token.lower_.startswith(self.reporting)

    def is_statement(self, token: Token) -> bool:
        return token.lower_.startswith(self.statement)


class AttributionComponent:
    """spaCy component `frontlines_attribution`: ATTRIBUTION spans for claimants."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.rules = AttributionRules()

    def configure(self, knowledge: Any) -> None:
        self.rules = AttributionRules(getattr(knowledge, "ontology", None))

    def __call__(self, doc: Doc) -> Doc:
        for span in self.find(doc):
            add_span(doc, span, MentionKind.ATTRIBUTION, label=_clean(span.text),
                      source="attribution")
        return doc

    def find(self, doc: Doc) -> list[Span]:
        spans: list[Span] = []
        for sent in doc.sents:
            for tok in sent:
                span = self._according(doc, tok) or self._reporting_subject(tok) or \
                    self._in_statement(doc, tok)
                if span is not None and not any(_overlaps(span, s) for s in spans):
                    spans.append(span)
        return spans

    def _according(self, doc: Doc, tok: Token) -> Span | None:
        for words in _ACCORDING:
            n = len(words)
            if tok.i + n > len(doc) or tuple(t.lower_ for t in doc[tok.i : tok.i + n]) != words:
                continue
            last = doc[tok.i + n - 1]
            objects = [c for c in last.children if c.dep_ in ("pobj", "dobj")] or \
                [c for c in doc[tok.i + n : tok.i + n + 4] if c.pos_ in ("NOUN", "PROPN")][:1]
            if objects:
                return _subtree_span(doc, objects[0])
        return None

    def _reporting_subject(self, tok: Token) -> Span | None:
        if not self.rules.is_reporting(tok):
            return None
        subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects:
            return None
        subject = subjects[0]
        has_speech = any(c.dep_ in ("ccomp", "parataxis") for c in tok.children)
        if subject.pos_ == "PRON" and subject.lower_ not in ("they", "he", "she"):
            return None
        if not has_speech and not self.rules.is_statement(subject) and not any(
            self.rules.is_statement(c) for c in tok.children if c.dep_ == "dobj"
        ):
            return None
        return _subtree_span(tok.doc, subject)

    def _in_statement(self, doc: Doc, tok: Token) -> Span | None:
        if tok.lower_ not in ("in", "through", "via") or tok.dep_ != "prep":
            return None
        objects = [c for c in tok.children if c.dep_ == "pobj"]
        if objects and self.rules.is_statement(objects[0]) and objects[0].lower_.startswith(
            ("statement", "communiqu", "announcement", "declaration", "video", "post", "tweet")
        ):
            return _subtree_span(doc, objects[0])
        return None


def _subtree_span(doc: Doc, head: Token) -> Span:
    tokens = [t for t in head.subtree if t.dep_ not in ("punct", "relcl", "acl") or t is head]
    start = min(t.i for t in tokens)
    end = max(t.i for t in tokens) + 1
    while end - 1 > start and doc[end - 1].is_punct:
        end -= 1
    return doc[start:end]


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _clean(text: str) -> str:
    return " ".join(text.split())


@Language.factory("frontlines_attribution")
def make_attribution(nlp: Language, name: str) -> AttributionComponent:
    return AttributionComponent(nlp, name)
