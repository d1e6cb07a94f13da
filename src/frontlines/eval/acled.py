"""Scoring against ACLED records: each row's notes are ingested as a document published on the
row's date, and the row is the event a good coder would find in it.

Per row, the system's main event of that document is compared field by field: sub_event_type,
place within 10 km (or the same location name), date, fatalities, actor1 and actor2 by ACLED
name. The main event is the first told (earliest sentence, earliest trigger), except that an
event class the ontology marks `dominant` (a change of territory) outranks the fighting told
with it anywhere in the report: ACLED codes fighting that changes who holds a place as the
change ("clashes took place in X. Rebels captured the village."); within a sentence, an event
class of higher `precedence` is the main one (ACLED codes shelling told with clashes or air
strikes as those).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.eval.gold import AcledRow, norm
from frontlines.eval.score import distance_km
from frontlines.model import ActorRef, Claim, Document, Event, content_hash
from frontlines.store import Store

__all__ = ["AcledReport", "acled_documents", "main_event", "score_acled"]

_DOMINANT = 1000  # ranks at or above this come from event classes marked `dominant`


@dataclass
class AcledReport:
    gold: str
    rows: int = 0
    with_event: int = 0
    fields: dict[str, list[bool]] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    # per row: event id, gold and predicted sub_event_type, the main event's trigger
    predictions: list[dict[str, str]] = field(default_factory=list)

    def accuracy(self) -> dict[str, dict[str, float | int]]:
        return {k: {"accuracy": round(sum(v) / len(v), 4) if v else 0.0, "n": len(v)}
                for k, v in self.fields.items()}

    def as_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "rows": self.rows, "with_event": self.with_event,
                "fields": self.accuracy(), "sub_event_type_confusion": self.confusion}


def acled_documents(rows: Sequence[AcledRow], path: str) -> list[Document]:
    """One document per distinct notes text, published on the row's date."""
    docs: dict[str, Document] = {}
    for row in rows:
        doc = Document.create(row.notes, title=f"ACLED {row.event_id}", outlet="ACLED",
                              published=row.date, published_source="caller",
                              source_path=f"{path}#{row.event_id}")
        docs.setdefault(doc.content_hash, doc)
    return list(docs.values())


def _names(ref: ActorRef | None) -> set[str]:
    if ref is None:
        return set()
    return {norm(x) for x in (ref.acled_name, ref.name) if x}


def score_acled(store: Store, rows: Sequence[AcledRow], path: str,
                priority: Callable[[str], int] | None = None) -> AcledReport:
    """Per-field accuracy of the main event of each row's document."""
    report = AcledReport(gold=str(Path(path)))
    by_doc: dict[str, list[Event]] = {}
    for e in store.events():
        for doc_id in {c.doc_id for c in e.claims}:
            by_doc.setdefault(doc_id, []).append(e)
    rank = priority or (lambda _t: 0)
    for row in rows:
        report.rows += 1
        doc_id = content_hash(row.notes)[:16]
        events = by_doc.get(doc_id, [])

        def add(name: str, ok: bool) -> None:
            report.fields.setdefault(name, []).append(ok)

        if not events:
            for name in ("sub_event_type", "place_10km", "date", "fatalities", "actor1"):
                add(name, False)
            report.confusion.setdefault(row.sub_event_type, {}).setdefault("(none)", 0)
            report.confusion[row.sub_event_type]["(none)"] += 1
            report.predictions.append({"event_id": row.event_id, "gold": row.sub_event_type,
                                       "predicted": "(none)", "trigger": ""})
            continue
        report.with_event += 1
        main = main_event(events, doc_id, rank)
        add("sub_event_type", main.sub_event_type == row.sub_event_type)
        add("event_type", main.event_type == row.event_type)
        conf = report.confusion.setdefault(row.sub_event_type, {})
        conf[main.sub_event_type] = conf.get(main.sub_event_type, 0) + 1
        trigger = next((c.trigger for c in main.claims if c.doc_id == doc_id), "")
        report.predictions.append({"event_id": row.event_id, "gold": row.sub_event_type,
                                   "predicted": main.sub_event_type, "trigger": trigger})
        add("place_10km", _place_ok(main, row))
        add("date", main.date == row.date)
        add("fatalities", (main.fatalities or 0) == row.fatalities)
        add("actor1", norm(row.actor1) in _names(main.actor1))
        if row.actor2:
            add("actor2", norm(row.actor2) in _names(main.actor2))
    return report


def main_event(events: Sequence[Event], doc_id: str,
               rank: Callable[[str], int] | None = None) -> Event:
    """The main event of a document among `events` (see the module docstring): not background,
    a `dominant` class first, then the first told."""
    rank = rank or (lambda _t: 0)
    return min(events, key=lambda e: (e.background, -(rank(e.sub_event_type) >= _DOMINANT),
                                      *min((c.sentence, -_precedence(rank(e.sub_event_type)),
                                            _position(c), -rank(e.sub_event_type))
                                           for c in e.claims if c.doc_id == doc_id)))


def _precedence(rank: int) -> int:
    """The ontology's `precedence` of an event class, carried in the hundreds of its rank."""
    return (rank % _DOMINANT) // 100 - 5 if rank else 0


def _position(claim: Claim) -> int:
    """Where the trigger stands in its sentence: the first event told is the report's main one
    ("clashes took place ... amid air strikes"; "captured X after clashes")."""
    found = claim.evidence.find(claim.trigger)
    return found if found >= 0 else len(claim.evidence)


def _place_ok(event: Event, row: AcledRow) -> bool:
    p = event.place
    if p is None:
        return False
    if row.location and norm(row.location) in {norm(p.name), norm(p.text)} - {""}:
        return True
    if None in (p.lat, p.lon, row.lat, row.lon):
        return False
    return distance_km(row.lat, row.lon, p.lat, p.lon) <= 10.0  # type: ignore[arg-type]
