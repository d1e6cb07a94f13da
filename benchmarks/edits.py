"""What analysts' edits cost the store: writes and re-consolidation with and without edits.

    .venv/bin/python benchmarks/edits.py [-n 2000] [--edits 200]

Builds synthetic documents with one claim each over 40 places and 6 actors (no NLP: this
measures the store), writes them in batches of 50 with incremental consolidation, then records
`--edits` corrections and writes as many documents again, then re-consolidates everything.
Prints documents/s and seconds; the last line is JSON.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from frontlines.consolidate import consolidate, merge_key
from frontlines.model import ActorRef, Claim, Document, GeoRef, TimeExpr, TimePrecision
from frontlines.store import DocumentRecords, Store
from frontlines.workspace import Corrections

ACTORS = [ActorRef(f"a{i}", f"Actor {i}") for i in range(6)]
PLACES = [GeoRef(text=f"P{i}", place_id=f"p{i}", name=f"Place {i}", lat=35 + i / 100,
                 lon=36 + i / 100) for i in range(40)]


def records(start: int, n: int) -> list[DocumentRecords]:
    out = []
    for i in range(start, start + n):
        doc = Document.create(f"Report {i}: fighting at place {i % 40}.",
                              published=date(2017, 7, 1) + timedelta(days=i % 30))
        day = date(2017, 7, 1) + timedelta(days=i % 30)
        claim = Claim(id=f"c{i}", doc_id=doc.id, sentence=0, evidence=doc.text,
                      evidence_start=0, evidence_end=len(doc.text), trigger="clashes",
                      event_type="Battles", sub_event_type="Armed clash",
                      actor1=ACTORS[i % 6], actor2=ACTORS[(i + 1) % 6], place=PLACES[i % 40],
                      time=TimeExpr("on", day, precision=TimePrecision.DAY))
        out.append(DocumentRecords(doc, claims=[claim]))
    return out


def write(store: Store, start: int, n: int) -> float:
    group = lambda c: "\x1f".join(merge_key(c))  # noqa: E731
    t = time.perf_counter()
    for s in range(start, start + n, 50):
        store.save_documents(records(s, min(50, start + n - s)), group, consolidate)
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=2000, help="documents per round")
    parser.add_argument("--edits", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "b.db")) as store:
        plain = write(store, 0, args.n)
        events = store.events()
        corrections = Corrections(store)
        t = time.perf_counter()
        for i, e in enumerate(events[: args.edits]):
            corrections.edit_event(e.id, {"fatalities": i + 1}, author="bench")
        editing = time.perf_counter() - t
        edited = write(store, args.n, args.n)
        t = time.perf_counter()
        store.replace_events(consolidate(store.claims(live=True)))
        recon = time.perf_counter() - t
        kept = sum(1 for e in store.events() if e.fatalities)
    result = {"docs": args.n, "edits": min(args.edits, len(events)),
              "docs_per_s_no_edits": round(args.n / plain, 1),
              "docs_per_s_with_edits": round(args.n / edited, 1),
              "edit_ms": round(1000 * editing / max(1, min(args.edits, len(events))), 1),
              "reconsolidate_s": round(recon, 2), "edits_kept": kept}
    print(f"{args.n} documents: {result['docs_per_s_no_edits']} docs/s without edits, "
          f"{result['docs_per_s_with_edits']} docs/s with {result['edits']} edits; "
          f"{result['edit_ms']} ms per edit; full re-consolidation {recon:.2f} s, "
          f"{kept} edited events after it")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
