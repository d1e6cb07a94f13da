"""The `frontlines_actors` spaCy component: actor spans from the knowledge base, fuzzy, discovery.

Runs before "ner". Every alias occurrence (Aho-Corasick over transliteration-folded word keys)
becomes an actor span resolved against the document's date; remaining capitalised name runs are
tried fuzzily against the aliases; runs that look like armed groups ("X Brigade", "Liwa X") and
resolve to nothing become provisional actors ("provisional:<name_key>"). The spans are also set
as ORG entities, so the statistical NER stops calling armed groups PERSON.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from frontlines.actors import PROVISIONAL_PREFIX, DiscoveredName, KnowledgeBase, find_candidates
from frontlines.actors._discovery import provisional_key
from frontlines.actors._keys import is_acronym
from frontlines.geo.kb import load_cue_words
from frontlines.model import MentionKind
from frontlines.names import name_key
from frontlines.nlp.spans import add_span, ensure_extensions

__all__ = ["ActorMatcher", "make_actor_matcher"]

ENTITY_LABEL = "ORG"
_CUES = load_cue_words()
# Lower-case words after "<Place>s" that make it the place's possessive with its apostrophe lost
# ("Hamas countryside", "Aleppos western outskirts"), not an alias spelt like it ("Hamas").
_PLACE_PART_AFTER = (_CUES["area_words"] | _CUES["feature_before"] | _CUES["province_words"]
                     ) - {"the", "of"}
_BIG_TOWN = 100_000


@Language.factory("frontlines_actors")
def make_actor_matcher(nlp: Language, name: str) -> ActorMatcher:
    return ActorMatcher(name)


class ActorMatcher:
    """Marks actor mentions; inert until `configure` hands it the knowledge base."""

    def __init__(self, name: str = "frontlines_actors", kb: KnowledgeBase | None = None) -> None:
        self.name = name
        self.kb = kb
        self.gazetteer: Any = None
        ensure_extensions()

    def configure(self, knowledge: Any) -> None:
        self.kb = getattr(knowledge, "actors", None)
        self.gazetteer = getattr(knowledge, "gazetteer", None)

    def __call__(self, doc: Doc) -> Doc:
        if self.kb is None:
            return doc
        on = doc._.fl_published if isinstance(doc._.fl_published, date) else None
        text = doc.text  # spaCy joins every token's text anew on each `doc.text`: read it once
        matches = self.kb.index.find(text)
        places = [m for m in matches if self._place_possessive(text, m.start, m.end)]
        candidates = find_candidates(text, self.kb.discovery)
        if places:
            matches = [m for m in matches if m not in places]
            candidates = [c for c in candidates if not any(
                c.start <= m.start and m.end <= c.end for m in places)]
        chosen, rest = self._settle(matches, candidates, on)
        spans: list[Span] = []
        for start, end, actor_id, score in chosen:
            if is_acronym(text[start:end]):  # "IS militants": one mention, IS no verb
                end = self.kb.index.designator_end(text, end)
            actor = self.kb.get(actor_id)
            span = doc.char_span(start, end, alignment_mode="expand")
            if actor is None or span is None:
                continue
            source = "kb" if score >= 1.0 else "fuzzy"
            if actor.id.startswith(PROVISIONAL_PREFIX):
                source = "discovery"
            spans.append(add_span(doc, span, MentionKind.ACTOR, ref=actor.id, label=actor.name,
                                  score=score, source=source))
        spans += self._unmatched(doc, on, rest)
        if spans:
            ents = [Span(doc, s.start, s.end, label=ENTITY_LABEL) for s in spans]
            doc.ents = filter_spans(list(doc.ents) + ents)
        return doc

    def _place_possessive(self, text: str, start: int, end: int) -> bool:
        """"Hamas countryside", "Homss northern districts": a province's or a big town's name
        with its possessive "'s" written without the apostrophe, before a word that names a
        part of it, is that place, not the actor the word spells."""
        word = text[start:end]
        if self.gazetteer is None or not word.endswith("s") or not word.isalpha():
            return False
        after = text[end:end + 20].split(maxsplit=1)
        if not after or not text[end:end + 1].isspace() or (
                after[0].rstrip(",.;") not in _PLACE_PART_AFTER):
            return False
        key = name_key(word[:-1])
        return len(key) >= 3 and any(
            p.kind in ("country", "admin1") or (p.population or 0) >= _BIG_TOWN
            for p in self.gazetteer.places_for_key(key))

    def _settle(self, matches: list, candidates: list[DiscoveredName], on: date | None,
                ) -> tuple[list[tuple[int, int, str, float]], list[DiscoveredName]]:
        """Alias matches widened to their whole name run ("Nouralddeen al-Zinki"), or given up
        to a longer group name that holds them ("Fajr Al-Islam Brigade"); the runs left over."""
        assert self.kb is not None
        chosen: list[tuple[int, int, str, float]] = []
        used: set[int] = set()
        rest: list[DiscoveredName] = []
        for c in candidates:
            inner = [i for i, m in enumerate(matches) if c.start <= m.start and m.end <= c.end]
            if not inner:
                if not any(m.start < c.end and c.start < m.end for m in matches):
                    rest.append(c)
                continue
            if len(inner) != 1 or (matches[inner[0]].start, matches[inner[0]].end) == (
                    c.start, c.end):
                continue
            m = matches[inner[0]]
            actor = self.kb.pick(m.actor_ids, on)
            whole = self.kb.resolve(c.text, on)
            if actor is not None and whole is not None and whole[0].id == actor.id:
                chosen.append((c.start, max(m.end, c.end), actor.id, whole[1]))
                used.add(inner[0])
            elif (c.armed and c.has_suffix and m.end <= c.core_end and c.start < m.start
                  and self._named_before(c.text[: m.start - c.start])):
                used.add(inner[0])
                rest.append(c)
        for i, m in enumerate(matches):
            if i in used:
                continue
            actor = self.kb.pick(m.actor_ids, on)
            if actor is not None:
                chosen.append((m.start, m.end, actor.id, 1.0))
        return chosen, rest

    def _named_before(self, text: str) -> bool:
        assert self.kb is not None
        stop = self.kb.discovery.stopwords
        words = [w for w in text.replace("-", " ").split() if w[:1].isupper()]
        return any(w not in stop and w.lower() not in ("al", "el") for w in words)

    def _unmatched(self, doc: Doc, on: date | None, candidates: list[DiscoveredName],
                   ) -> list[Span]:
        """Fuzzy matches and provisional actors among name runs the automaton did not claim."""
        assert self.kb is not None
        by_core: dict[str, tuple[str, str]] = {}
        for c in candidates:
            if c.armed and c.has_suffix:
                by_core.setdefault(provisional_key(c.core), (provisional_key(c.text),
                                                             _label(c.text)))
        out: list[Span] = []
        for c in candidates:
            if self.kb.is_generic(c.text):
                continue
            resolved = self.kb.resolve(c.text, on) or (
                self.kb.resolve(c.core, on) if c.core != c.text else None
            )
            span = doc.char_span(c.start, c.end, alignment_mode="expand")
            if span is None:
                continue
            if resolved is not None:
                actor, score = resolved
                out.append(add_span(doc, span, MentionKind.ACTOR, ref=actor.id, label=actor.name,
                                    score=score, source="fuzzy" if score < 1.0 else "kb"))
            elif c.armed:
                key, label = by_core.get(provisional_key(c.core),
                                         (provisional_key(c.text), _label(c.text)))
                out.append(add_span(doc, span, MentionKind.ACTOR, ref=PROVISIONAL_PREFIX + key,
                                    label=label, score=0.6, source="discovery"))
        return out


def _label(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text
