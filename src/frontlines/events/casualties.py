"""Counts on claims, or casualty reports when a toll covers a period or several places.

A killed / injured / arrested figure inside one trigger's clause with one place counts for that
event. A figure over a period ("over 50 killed in the last 3 days"), over several coordinated
places ("clashes in A, B and C, leaving tens dead"), or in a sentence without an event, is kept
as a CasualtyReport for that period and those actors, not pinned on one event.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from frontlines.events.roles import Frame
from frontlines.events.sentence import View
from frontlines.model import (
    AnnotatedDocument,
    CasualtyReport,
    Claim,
    Quantity,
    TimePrecision,
)

__all__ = ["attach"]

_SINGULAR = ("a", "an", "one")


def attach(annotated: AnnotatedDocument, view: View, frames: list[Frame],
           s_claims: list[tuple[Frame, Claim]], claimant: str | None,
           violent: tuple[str, ...], _quantity: Any = Quantity,
           anchors: frozenset[str] = frozenset({"last"}),
           running: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
           ) -> tuple[list[tuple[Frame, Claim]], list[CasualtyReport]]:
    """Put each quantity of a sentence on its claim, or into a casualty report (all of them when
    the sentence tells a span up to now, "in the past four days": kb `time.period_anchors`; a
    running toll over a span, "bringing the toll this week to 45": `running`, the tally nouns
    and the words of a span, kb `aggregates.running_spans`)."""
    by_frame: dict[int, list[int]] = {}
    for n, (f, _) in enumerate(s_claims):
        by_frame.setdefault(id(f), []).append(n)
    extra: dict[int, list[Quantity]] = {}
    loose: list[Quantity] = []
    period = _period(view, anchors)
    for q in view.quantities:
        quantity = q.mention.quantity
        if quantity is None:
            continue
        owner = next((f for f in frames if q.first in f.tokens and id(f) in by_frame), None)
        if owner is None and len({id(f) for f, _ in s_claims}) == 1:
            owner = s_claims[0][0]
        targets = by_frame.get(id(owner), []) if owner is not None else []
        if quantity.category == "arrested":
            targets = [n for n in targets if s_claims[n][1].sub_event_type == "Arrests"] or (
                [n for n, (_, c) in enumerate(s_claims) if c.sub_event_type == "Arrests"][:1])
        if period is not None or len(targets) != 1 or _running(view, q.first, *running):
            if quantity.category in violent:
                loose.append(quantity)
            continue
        extra.setdefault(targets[0], []).append(quantity)
    out: list[tuple[Frame, Claim]] = []
    for n, (f, c) in enumerate(s_claims):
        qs = list(extra.get(n, []))
        single = _singular_victim(view, f, qs)
        if single is not None:
            qs.append(single)
        out.append((f, dataclasses.replace(c, quantities=tuple(qs)) if qs else c))
    reports: list[CasualtyReport] = []
    if loose:
        s = view.sentence
        actors = tuple({(a.id or a.name): a for _, c in out for a in (c.actor1, c.actor2)
                        if a is not None}.values())
        key = f"{annotated.document.id}|{s.index}|casualties"
        reports.append(CasualtyReport(
            id=hashlib.sha256(key.encode()).hexdigest()[:16], doc_id=annotated.document.id,
            evidence=s.text, evidence_start=s.start, evidence_end=s.end, quantities=tuple(loose),
            period_start=period[0] if period else None, period_end=period[1] if period else None,
            actors=actors, claimant=claimant,
        ))
    return out, reports


def _running(view: View, i: int, tallies: frozenset[str], spans: frozenset[str]) -> bool:
    """"..., bringing the toll this week to 45": a figure a verb takes to a tally noun told over
    a span (a word of `spans` on the verb or the noun) is the span's running toll, not the
    toll of the event the sentence tells."""
    if not tallies or view.is_root(i) or view.word(view.head(i)) != "to":
        return False
    verb = view.head(view.head(i))
    for noun in view.deps(verb, "dobj", "nsubj", "nsubjpass"):
        if view.word(noun) in tallies and any(
                view.word(j) in spans for h in (verb, noun) for j in view.children[h]
                if j != noun and j != view.head(i) and j not in view.subtree(i)):
            return True
    return False


def _period(view: View, anchors: frozenset[str]) -> tuple[Any, Any] | None:
    for t in view.times:
        time = t.mention.time
        if time is not None and time.start is not None and time.end is not None and \
                time.start != time.end and time.precision in (TimePrecision.WEEK,
                                                              TimePrecision.MONTH) and \
                time.end >= time.start and anchors & set(time.text.casefold().split()):
            return time.start, time.end
    return None


def _singular_victim(view: View, frame: Frame, qs: list[Quantity]) -> Quantity | None:
    """"beheaded a child": one killed, when a killing verb has one unnumbered victim."""
    if any(q.category == "killed" for q in qs) or frame.event.sub_event_type != "Attack":
        return None
    stem = frame.match.text.casefold()
    if not stem.startswith(("kill", "behead", "execut", "assassin", "murder", "shot dead",
                            "shoot dead", "slaughter", "stab", "lynch", "hang")):
        return None
    for o in frame.objects:
        dets = [view.word(d) for d in view.deps(o, "det", "nummod")]
        if dets and dets[0] in _SINGULAR:
            text = " ".join(view.tokens[j].text for j in sorted(view.subtree(o)))
            return Quantity(text=text, category="killed", value=1)
    return None
