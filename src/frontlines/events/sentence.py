"""A parsed sentence as the event stage sees it: tokens, tree helpers and mentions by token."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from frontlines.model import AnnotatedDocument, GeoRef, Mention, MentionKind, Sentence, Token

__all__ = ["Span", "View"]

CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "conj", "pcomp", "parataxis"})


@dataclass(frozen=True)
class Span:
    """A mention located on tokens: [first, last] inclusive."""

    first: int
    last: int
    mention: Mention
    geo: GeoRef | None = None

    @property
    def tokens(self) -> range:
        return range(self.first, self.last + 1)


@dataclass
class View:
    """One sentence with its tokens, children lists and mentions mapped onto tokens."""

    sentence: Sentence
    tokens: tuple[Token, ...]
    children: list[list[int]] = field(default_factory=list)
    actors: list[Span] = field(default_factory=list)
    places: list[Span] = field(default_factory=list)
    times: list[Span] = field(default_factory=list)
    quantities: list[Span] = field(default_factory=list)
    attributions: list[Span] = field(default_factory=list)
    stood: list[Span] = field(default_factory=list)  # places where an agent is said to stand

    @classmethod
    def build(cls, annotated: AnnotatedDocument, sentence: Sentence,
              places: dict[tuple[int, int], GeoRef]) -> View:
        view = cls(sentence, sentence.tokens)
        view.children = [[] for _ in sentence.tokens]
        for t in sentence.tokens:
            if t.head != t.i and 0 <= t.head < len(sentence.tokens):
                view.children[t.head].append(t.i)
        for m in annotated.mentions_in(sentence.index):
            located = view._locate(m.start, m.end)
            if located is None:
                continue
            first, last = located
            if m.kind == MentionKind.ACTOR:
                view.actors.append(Span(first, last, m))
            elif m.kind == MentionKind.PLACE:
                view.places.append(Span(first, last, m, places.get((m.start, m.end))))
            elif m.kind == MentionKind.TIME:
                view.times.append(Span(first, last, m))
            elif m.kind == MentionKind.QUANTITY:
                view.quantities.append(Span(first, last, m))
            elif m.kind == MentionKind.ATTRIBUTION:
                view.attributions.append(Span(first, last, m))
        return view

    def _locate(self, start: int, end: int) -> tuple[int, int] | None:
        inside = [t.i for t in self.tokens if t.start < end and start < t.end]
        return (inside[0], inside[-1]) if inside else None

    # ------------------------------------------------------------------ tree helpers

    def head(self, i: int) -> int:
        return self.tokens[i].head

    def is_root(self, i: int) -> bool:
        return self.tokens[i].head == i

    def ancestors(self, i: int) -> Iterator[int]:
        seen = {i}
        while not self.is_root(i):
            i = self.head(i)
            if i in seen:
                return
            seen.add(i)
            yield i

    def deps(self, i: int, *deps: str) -> list[int]:
        return [c for c in self.children[i] if self.tokens[c].dep in deps]

    def subtree(self, i: int, stop: Iterable[str] = ()) -> set[int]:
        """Tokens under i; children attached with a dep in `stop` are not entered."""
        stop = frozenset(stop)
        out = {i}
        todo = [i]
        while todo:
            j = todo.pop()
            for c in self.children[j]:
                if c in out or self.tokens[c].dep in stop:
                    continue
                out.add(c)
                todo.append(c)
        return out

    def word(self, i: int) -> str:
        return self.tokens[i].text.casefold()

    def text(self, first: int, last: int) -> str:
        return " ".join(self.tokens[j].text for j in range(first, last + 1))

    # ------------------------------------------------------------------ mentions by token

    def actors_in(self, tokens: set[int]) -> list[Span]:
        return [a for a in self.actors if any(j in tokens for j in a.tokens)]

    def places_in(self, tokens: set[int]) -> list[Span]:
        return [p for p in self.places if any(j in tokens for j in p.tokens)]

    def in_attribution(self, span: Span) -> bool:
        return any(a.first <= span.first and span.last <= a.last for a in self.attributions)

    def in_brackets(self, span: Span) -> bool:
        """Inside "( ... )": an alias or aside, not the argument itself."""
        depth = 0
        for t in self.tokens[: span.first]:
            if t.text in ("(", "["):
                depth += 1
            elif t.text in (")", "]"):
                depth = max(0, depth - 1)
        return depth > 0

    def in_actor(self, span: Span) -> bool:
        return any(a.first <= span.first and span.last <= a.last for a in self.actors)

    def span_head(self, span: Span) -> int:
        """The token of a span whose head lies outside the span."""
        for j in span.tokens:
            h = self.head(j)
            if h == j or not (span.first <= h <= span.last):
                return j
        return span.last

    def is_modifier(self, span: Span) -> bool:
        """An actor used as a modifier ("Ahrar al-Sham branches", "Tahrir al-Sham's crackdown"),
        not one that shares its head noun with the actor joined to it ("the SDF and regime
        forces": the SDF's forces and the regime's, two sides)."""
        h = self.span_head(span)
        return self.tokens[h].dep in ("compound", "poss", "nmod", "amod") and \
            self.tokens[self.head(h)].pos in ("NOUN",) and not self.shares_head(span)

    def shares_head(self, span: Span) -> bool:
        """The actor is joined by "and" to an actor whose head noun it modifies as the parser
        reads it ("QSD and regime forces", "the Peshmerga and Iraqi army": `QSD` hangs on
        `forces` as a modifier, `regime` on `QSD` as its conjunct)."""
        return self.joins_head(self.span_head(span))

    def joins_head(self, i: int) -> bool:
        """Token `i` is such a modifier (see `shares_head`): its conjunct lies in another
        actor, the one that holds the noun `i` hangs on."""
        if self.tokens[i].dep not in ("compound", "nmod") or not self.deps(i, "cc"):
            return False
        noun = self.head(i)
        joined = self.deps(i, "conj")
        return any(a.first <= noun <= a.last and not a.first <= i <= a.last and
                   any(a.first <= c <= a.last for c in joined) for a in self.actors)

    def preposition_of(self, i: int) -> str | None:
        """The preposition governing token i ("near" in "near Bab al-Hawa"), if any."""
        for a in self.ancestors(i):
            tok = self.tokens[a]
            if tok.dep == "prep" or tok.pos == "ADP":
                return tok.text.casefold()
            if tok.pos in ("VERB",):
                return None
        return None

    def nearest_verb_left(self, i: int) -> int | None:
        for j in range(i - 1, -1, -1):
            if self.tokens[j].pos == "VERB":
                return j
        for j in range(i + 1, len(self.tokens)):
            if self.tokens[j].pos == "VERB":
                return j
        return None
