"""What the role tests share: the publication day their sentences are read on, the first claim
of an extraction, an actor's ACLED name, and the type of a snippet's main event."""

from __future__ import annotations

from datetime import date

PUBLISHED = date(2021, 6, 18)


def first_claim(ex):  # type: ignore[no-untyped-def]
    assert ex.claims, "no event"
    return ex.claims[0]


def acled_name(ref) -> str:  # type: ignore[no-untyped-def]
    return (ref.acled_name or ref.name) if ref is not None else ""


def main_type(claims) -> str:  # type: ignore[no-untyped-def]
    """The sub-event type of a snippet's main event, picked as the CASE benchmark picks it."""
    from frontlines.consolidate import consolidate
    from frontlines.eval.acled import main_event
    from frontlines.eval.run import event_priority
    from frontlines.events.ontology import Ontology

    events = consolidate(claims)
    assert events, "no event"
    doc_id = events[0].claims[0].doc_id
    return main_event(events, doc_id, event_priority(Ontology.load())).sub_event_type
