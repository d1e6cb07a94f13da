"""Context resolution: who "the militants" or "both warring sides" are in a sentence.

A sentence that names no group ("over 50 militants from both warring sides have been killed")
takes its actors from the groups named in it or in the sentences just before; when none is
named, the actor is coded as ACLED does: the catch-all for the generic word ("rebels" ->
Opposition Rebels (Syria)) or "Unidentified Armed Group (Country)".
"""

from __future__ import annotations

import re
from collections import Counter

from frontlines.actors._kb import KnowledgeBase
from frontlines.model import Actor, ActorRef, AnnotatedDocument, MentionKind

__all__ = ["actor_ref", "resolve_from_context"]

_BOTH_RE = re.compile(
    r"\b(?:both|two)\s+(?:warring\s+|rival\s+|fighting\s+)?(?:sides|parties|groups|factions)\b"
    r"|\bwarring\s+(?:sides|parties|groups|factions)\b|\beach other\b|\bboth\b",
    re.IGNORECASE,
)
_LOOKBACK = 2
_ARMED_INTER = {1, 2, 3, 4, 8}


def actor_ref(actor: Actor, text: str) -> ActorRef:
    """The ActorRef an event carries for `actor`, written as `text` in the document."""
    return ActorRef(id=actor.id, name=actor.name, text=text,
                    acled_name=actor.acled_name or actor.name, inter=actor.inter)


def _named(annotated: AnnotatedDocument, sentence: int, kb: KnowledgeBase) -> list[ActorRef]:
    out: dict[str, ActorRef] = {}
    for m in annotated.mentions_in(sentence, MentionKind.ACTOR):
        if not m.ref or m.ref in out:
            continue
        actor = kb.get(m.ref)
        if actor is None:
            if m.ref.startswith("provisional:"):
                out[m.ref] = ActorRef(id=m.ref, name=m.label or m.text, text=m.text, inter=2)
            continue
        if actor.inter in _ARMED_INTER and actor.kind not in ("civilians", "government"):
            out[actor.id] = actor_ref(actor, m.text)
    return list(out.values())


def _document_country(annotated: AnnotatedDocument, kb: KnowledgeBase) -> str | None:
    counts: Counter[str] = Counter()
    for m in annotated.mentions:
        if m.kind == MentionKind.ACTOR and m.ref:
            actor = kb.get(m.ref)
            if actor is not None and actor.country in kb.countries:
                counts[actor.country] += 1
    return counts.most_common(1)[0][0] if counts else kb.default_country


def resolve_from_context(annotated: AnnotatedDocument, sentence: int, kb: KnowledgeBase,
                         country: str | None = None) -> list[ActorRef]:
    """The actors behind a generic word in `sentence`: named ones nearby, else ACLED's catch-all
    (for `country` when given, an ISO code or ACLED name; else the country the document's
    actors point to)."""
    if not 0 <= sentence < len(annotated.sentences):
        return []
    text = annotated.sentences[sentence].text
    want = 2 if _BOTH_RE.search(text) else 1
    found: dict[str, ActorRef] = {}
    for index in range(sentence, max(-1, sentence - _LOOKBACK - 1), -1):
        for ref in _named(annotated, index, kb):
            found.setdefault(ref.id or ref.name, ref)
        if len(found) >= want:
            break
    if found:
        return list(found.values())
    country = country or _document_country(annotated, kb)
    for term in kb.generic_terms_in(text):
        fallback = kb.generic_fallback(term, country)
        if fallback is not None:
            return [actor_ref(fallback, term)]
    return [actor_ref(kb.unidentified(country), "")]
