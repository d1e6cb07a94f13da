"""Quantities: how many were killed, injured or arrested, with qualifiers ("over 50", "dozens").

Vague words take the figures ACLED codes for them (kb/ontology.yaml `quantities.vague`, after
ACLED's fatality FAQ: "tens" 10, "dozens" 12, "hundreds" 100); "over 50" is `at_least` 50 and
"about 20" is `about` 20. The category comes from the words around the number in the parse
("50 militants ... have been killed", "arresting of three commanders", "leaving tens dead").
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from frontlines.model import MentionKind, Qualifier, Quantity
from frontlines.nlp.spans import add_span
from frontlines.nlp.times import TimeFinder

__all__ = ["QuantitiesComponent", "QuantityRules", "word_number"]

_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "thousand": 1000, "a": 1, "an": 1, "single": 1,
}
_CATEGORY_DEFAULT = {
    "killed": ["kill", "die", "dead", "death", "fatalit", "life", "lives", "slain", "massacr",
               "execut", "behead", "assassinat", "martyr", "bodi", "body", "toll"],
    "injured": ["injur", "wound", "hurt"],
    "arrested": ["arrest", "detain", "detention", "apprehend", "jail", "imprison"],
    "casualties": ["casualt", "victim"],
}
_EXCLUDE_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "ORDINAL"}
_UNIT_AFTER = re.compile(r"^(?:year|years|km|kilometers?|kilometres?|miles?|meters?|metres?|"
                         r"%|percent|hours?|days?|months?|weeks?|tanks?|vehicles?|rockets?|"
                         r"shells?|missiles?|houses?|homes?|times?|villages?|towns?)$",
                         re.IGNORECASE)


def word_number(text: str) -> int | None:
    """"three" -> 3, "1,200" -> 1200, "twenty-five" -> 25; None when not a number."""
    t = text.casefold().replace(",", "").strip()
    if t.isdigit():
        return int(t)
    if "-" in t:
        parts = [word_number(p) for p in t.split("-")]
        if all(p is not None for p in parts):
            return sum(p for p in parts if p is not None)
    return _WORDS.get(t) if t not in ("a", "an") else None


class QuantityRules:
    """Vague words, qualifier phrases and category stems, read from the ontology."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        config = config or {}
        self.vague: dict[str, tuple[int, Qualifier]] = {
            str(k).casefold(): (int(v[0]), Qualifier(v[1]))
            for k, v in (config.get("vague") or {"tens": [10, "vague"], "dozens": [12, "vague"],
                                                 "hundreds": [100, "vague"]}).items()
        }
        quals = config.get("qualifiers") or {}
        self.qualifiers: list[tuple[tuple[str, ...], Qualifier]] = sorted(
            ((tuple(p.casefold().split()), Qualifier(q)) for q, ps in quals.items() for p in ps),
            key=lambda x: -len(x[0]),
        )
        self.categories = _CATEGORY_DEFAULT
        # vague phrases by their first word, longest first: one dict look-up per token
        self.vague_by_first: dict[str, list[tuple[tuple[str, ...], int, Qualifier]]] = {}
        for words, (value, qual) in sorted(self.vague.items(), key=lambda kv: -len(kv[0])):
            parts = tuple(words.split())
            self.vague_by_first.setdefault(parts[0], []).append((parts, value, qual))

    def category_of(self, word: str) -> str | None:
        w = word.casefold()
        for category, stems in self.categories.items():
            if any(w.startswith(s) for s in stems):
                return category
        return None


class QuantitiesComponent:
    """spaCy component `frontlines_quantities`: QUANTITY spans carrying a model.Quantity."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.rules = QuantityRules()
        self.times = TimeFinder()

    def configure(self, knowledge: Any) -> None:
        ontology = getattr(knowledge, "ontology", None)
        if ontology is not None:
            self.rules = QuantityRules(getattr(ontology, "quantities", None))

    def __call__(self, doc: Doc) -> Doc:
        for span, quantity in self.find(doc):
            add_span(doc, span, MentionKind.QUANTITY, quantity=quantity, source="quantities")
        return doc

    def find(self, doc: Doc) -> list[tuple[Span, Quantity]]:
        found: list[tuple[Span, Quantity]] = []
        used: set[int] = set()  # numbers inside time expressions ("in 2015") are not tolls
        for found_time in self.times.find(doc.text, None):
            span = doc.char_span(found_time.start, found_time.end, alignment_mode="expand")
            if span is not None:
                used.update(t.i for t in span)
        lowers = [t.lower_ for t in doc]
        for sent in doc.sents:
            i = sent.start
            while i < sent.end:
                hit = None if i in used else self._number_at(doc, lowers, i, sent.end)
                if hit is None:
                    i += 1
                    continue
                first, last, value, qualifier, upper = hit
                category = self._category(doc, first, last, sent)
                if category is None:
                    i = last + 1
                    continue
                q_first, qual = self._qualifier(doc, first, sent.start)
                if qual is not None and qualifier == Qualifier.EXACT:
                    qualifier = qual
                span = doc[q_first : last + 1]
                used.update(range(q_first, last + 1))
                found.append((span, Quantity(text=span.text, category=category, value=value,
                                             qualifier=qualifier, upper=upper)))
                i = last + 1
        return found

    def _number_at(self, doc: Doc, lowers: list[str], i: int, end: int
                   ) -> tuple[int, int, int, Qualifier, int | None] | None:
        tok = doc[i]
        if tok.ent_type_ in _EXCLUDE_ENTS:
            return None
        for parts, value, qual in self.rules.vague_by_first.get(lowers[i], ()):
            if i + len(parts) <= end and tuple(lowers[i : i + len(parts)]) == parts:
                if len(parts) == 1 and parts[0] in ("some", "many", "few") and \
                        not _of_people(doc, i):
                    return None
                return i, i + len(parts) - 1, value, qual, None
        if not (tok.like_num or lowers[i] in _WORDS):
            return None
        value = word_number(tok.text)
        if value is None:
            return None
        if i + 1 < end and _UNIT_AFTER.match(doc[i + 1].text):
            return None
        if i + 1 < end and doc[i + 1].lower_ in ("-", "year", "years") and i + 2 < end and \
                doc[i + 2].lower_ in ("year", "old"):
            return None
        upper = None
        last = i
        if i + 2 < end and doc[i + 1].lower_ in ("to", "-", "and", "or"):
            nxt = word_number(doc[i + 2].text)
            if nxt is not None and nxt > value:
                upper, last = nxt, i + 2
        if i + 1 < end and doc[i + 1].lower_ in ("hundred", "thousand") and tok.lower_ != "a":
            value *= 100 if doc[i + 1].lower_ == "hundred" else 1000
            last = i + 1
        return i, last, value, Qualifier.EXACT, upper

    def _qualifier(self, doc: Doc, first: int, sent_start: int) -> tuple[int, Qualifier | None]:
        for words, qual in self.rules.qualifiers:
            n = len(words)
            if first - n >= sent_start and tuple(t.lower_ for t in doc[first - n : first]) == words:
                return first - n, qual
        if first - 1 >= sent_start and doc[first - 1].lower_ == "between":
            return first - 1, Qualifier.ABOUT
        return first, None

    def _category(self, doc: Doc, first: int, last: int, sent: Span) -> str | None:
        tok = doc[last]
        head = tok.head if tok.dep_ in ("nummod", "quantmod", "amod", "compound") else tok
        if head.lower_ == "of" or (head.i + 1 < sent.end and doc[head.i + 1].lower_ == "of"):
            of = head if head.lower_ == "of" else doc[head.i + 1]
            objects = [c for c in of.children if c.dep_ == "pobj"]
            if objects:
                head = objects[0]
        candidates: list[Token] = [head, *head.children]
        node = head
        for _ in range(3):
            if node.head is node:
                break
            node = node.head
            candidates.append(node)
            candidates.extend(c for c in node.children if c.dep_ in ("oprd", "acomp", "conj"))
        candidates.extend(doc[j] for j in range(last + 1, min(last + 5, sent.end)))
        for c in candidates:
            category = self.rules.category_of(c.text)
            if category is not None:
                return category
        return None


def _of_people(doc: Doc, i: int) -> bool:
    return i + 1 < len(doc) and (doc[i + 1].lower_ in ("of", "people", "civilians") or
                                 doc[i + 1].pos_ == "NOUN")


@Language.factory("frontlines_quantities")
def make_quantities(nlp: Language, name: str) -> QuantitiesComponent:
    return QuantitiesComponent(nlp, name)
