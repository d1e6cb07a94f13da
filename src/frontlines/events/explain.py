"""Explain an event: its coding, and every claim with its evidence span and claimant."""

from __future__ import annotations

from frontlines.model import Claim, Event, TimePrecision

__all__ = ["explain", "explain_claim"]


def _actor(ref: object) -> str:
    if ref is None:
        return "-"
    name = getattr(ref, "name", "-")
    acled = getattr(ref, "acled_name", None)
    return f"{name} [{acled}]" if acled and acled != name else name


_SOURCES = {"rule": "the rules", "model": "the classifier", "both": "the rules and the classifier"}


def explain_claim(claim: Claim) -> list[str]:
    """The lines for one claim: where it is, who says it, the trigger, the sentence."""
    who = claim.claimant or "the outlet"
    when = "undated" if claim.time is None or claim.time.start is None else (
        f"{claim.time.start}" + (f"..{claim.time.end}" if claim.time.end not in
                                 (None, claim.time.start) else "")
        + (f" ({claim.time.text!r})" if claim.time.text else " (report date)"))
    counts = ", ".join(f"{q.category} {q.qualifier.value} {q.value} ({q.text!r})"
                       for q in claim.quantities)
    lines = [
        f"  - [{claim.doc_id} sentence {claim.sentence}, chars {claim.evidence_start}-"
        f"{claim.evidence_end}] claimed by {who} ({claim.outlet or 'unknown outlet'})",
        f"    trigger {claim.trigger!r} -> {claim.sub_event_type}; actor1 {_actor(claim.actor1)};"
        f" actor2 {_actor(claim.actor2)}; place "
        f"{(claim.place.name or claim.place.text) if claim.place else '-'}; time {when}"
        + (f"; {counts}" if counts else "") + ("; background" if claim.background else ""),
        f"    coded by {_SOURCES.get(claim.source, claim.source)}, confidence "
        f"{claim.confidence:.2f}" + ("; NEEDS REVIEW (under the threshold)"
                                     if claim.needs_review else ""),
        f"    \"{' '.join(claim.evidence.split())}\"",
    ]
    if claim.relation is not None:
        r = claim.relation
        lines.insert(2, f"    relation {r.actor} {r.kind} {r.target}"
                        f" (start {r.start or '-'}, end {r.end or '-'})")
    return lines


def explain(event: Event) -> str:
    """A readable account of an event and the evidence behind it (for `events --explain`)."""
    place = event.place
    where = "-" if place is None else (
        f"{place.name or place.text} ({place.lat}, {place.lon}), geo_precision "
        f"{place.geo_precision}")
    precision = TimePrecision(event.time_precision)
    reports = ", ".join(f"{q.qualifier.value} {q.value}" for q in event.fatality_reports)
    lines = [
        f"event {event.id}: {event.event_type} / {event.sub_event_type}"
        f" (PLOVER {event.plover_type or '-'} / {event.plover_mode or '-'})",
        f"  actor1: {_actor(event.actor1)}   actor2: {_actor(event.actor2)}",
        f"  place: {where}",
        f"  date: {event.date or 'unknown'} (time_precision {precision.acled}, {precision.name})"
        + ("   background" if event.background else ""),
        f"  fatalities: {event.fatalities if event.fatalities is not None else '-'}"
        + (f" (reports: {reports})" if reports else ""),
        f"  coded by: {_SOURCES.get(event.source, event.source)}, confidence "
        f"{event.confidence:.2f}" + ("   NEEDS REVIEW" if event.needs_review else ""),
        f"  evidence ({len(event.claims)} claim{'s' if len(event.claims) != 1 else ''}):",
    ]
    for claim in event.claims:
        lines.extend(explain_claim(claim))
    return "\n".join(lines)
