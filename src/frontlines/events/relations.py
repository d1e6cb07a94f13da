"""Group changes as dated actor relations: defections, cutting ties, joining, allegiance, splits.

The ontology names, for each group-change event, which relation each argument writes:
`to: member_of` ("defected to X": member of X from that date), `from: "member_of:end"` ("cut
ties with X", "defection from X": membership of X ends), `with: allied_with`, `into:
merged_into`, `from: split_from` ("broke away from X"). A relation carries the document, the
sentence and its offsets, so the alliance network can be rebuilt from text.
"""

from __future__ import annotations

from frontlines.events.actors import ActorResolver
from frontlines.events.roles import Frame
from frontlines.events.sentence import Span, View
from frontlines.model import (
    ActorRef,
    AnnotatedDocument,
    Relation,
    RelationKind,
    TimeExpr,
    TimePrecision,
)

__all__ = ["iso_of", "relations_for"]


def iso_of(time: TimeExpr | None) -> str | None:
    """A date at the precision it is known: "2017-07-19", "2017-06", "2017"."""
    if time is None or time.start is None:
        return None
    if time.precision == TimePrecision.YEAR:
        return f"{time.start.year:04d}"
    if time.precision == TimePrecision.MONTH:
        return f"{time.start.year:04d}-{time.start.month:02d}"
    return time.start.isoformat()


def relations_for(resolver: ActorResolver, view: View, frame: Frame, actors: list[ActorRef],
                  time: TimeExpr | None, annotated: AnnotatedDocument) -> list[Relation]:
    """The relations one group-change frame writes, one per (actor, target)."""
    event = frame.event
    mapping = dict(event.relation)
    if event.allegiance_relation and "allegiance" in frame.match.text.casefold():
        mapping["to"] = event.allegiance_relation
    targets: dict[str, list[ActorRef]] = {
        k: resolver.refs([x for x in v if not _descriptor(view, x, resolver)])
        for k, v in frame.preps.items()}
    if frame.anaphor and ":" in frame.anaphor:
        prep = frame.anaphor.split(":")[0]
        targets.setdefault(prep, []).extend(resolver.resolve_anaphor(view, frame,
                                                                      _no_discourse()))
    when = iso_of(time)
    sentence = view.sentence
    out: list[Relation] = []
    for prep, refs in targets.items():
        spec = mapping.get(prep)
        if not spec:
            continue
        kind, _, end = spec.partition(":")
        for actor in actors:
            for target in refs:
                if (target.id or target.name) == (actor.id or actor.name):
                    continue
                out.append(Relation(
                    actor=actor.id or actor.name, kind=RelationKind(kind),
                    target=target.id or target.name,
                    start=None if end else when, end=when if end else None, source="text",
                    doc_id=annotated.document.id, evidence=sentence.text,
                    evidence_start=sentence.start, evidence_end=sentence.end,
                ))
    return out


def _descriptor(view: View, span: Span, resolver: ActorResolver) -> bool:
    """"the al-Qaeda-affiliated group": a name inside a modifier describes the group named
    (or not named) after it; it is not the target itself."""
    words = getattr(resolver.ontology, "descriptor_words", frozenset())
    j = span.last + 1
    while j < len(view.tokens) and view.tokens[j].text in ("-", "–"):
        j += 1
    return j < len(view.tokens) and j <= span.last + 2 and view.word(j) in words


def _no_discourse():
    from frontlines.events.actors import Discourse

    return Discourse()
