"""ACLED actor confusion: the most frequent actor1/actor2 misses per ACLED development file.

Runs the pipeline on each file's notes (as benchmarks/eval_acled.py does) and, for the main
event of each row, counts (gold ACLED name, predicted ACLED name) pairs where they differ; also
how many of the files' actor names the knowledge base resolves by name. Prints the top misses
per file and one JSON line.

    .venv/bin/python benchmarks/actors_acled.py [--top N] [--limit N] [--workers N] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _acled import acled_files, acled_parser

from frontlines.actors import KnowledgeBase
from frontlines.eval.acled import acled_documents, main_event, score_acled
from frontlines.eval.gold import load_acled_csv, norm
from frontlines.eval.run import event_priority
from frontlines.model import content_hash
from frontlines.nlp import Annotator
from frontlines.pipeline import Pipeline, load_knowledge
from frontlines.store import Store


def _label(ref: object) -> str:
    if ref is None:
        return "(none)"
    return getattr(ref, "acled_name", None) or getattr(ref, "name", None) or "(none)"


def _file(path: Path, annotator: Annotator, args: argparse.Namespace) -> dict[str, object]:
    rows = load_acled_csv(path, limit=args.limit)
    misses: dict[str, Counter[tuple[str, str]]] = {"actor1": Counter(), "actor2": Counter()}
    shown: list[str] = []
    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "e.db")) as store:
        pipeline = Pipeline(store, annotator)
        pipeline.run(acled_documents(rows, str(path)), workers=args.workers)
        pipeline.consolidate()
        rank = event_priority(getattr(pipeline.knowledge, "ontology", None)) or (lambda _t: 0)
        by_doc: dict[str, list] = {}
        for e in store.events():
            for doc_id in {c.doc_id for c in e.claims}:
                by_doc.setdefault(doc_id, []).append(e)
        fields = {k: v["accuracy"] for k, v in
                  score_acled(store, rows, str(path), rank).accuracy().items()}
        for row in rows:
            doc_id = content_hash(row.notes)[:16]
            events = by_doc.get(doc_id, [])
            main = main_event(events, doc_id, rank) if events else None
            for field, gold in (("actor1", row.actor1), ("actor2", row.actor2)):
                if not gold:
                    continue
                ref = getattr(main, field, None) if main else None
                got = {norm(x) for x in (getattr(ref, "acled_name", None),
                                         getattr(ref, "name", None)) if x}
                if norm(gold) not in got:
                    misses[field][(gold, _label(ref) if main else "(no event)")] += 1
                    if args.dump:
                        with open(args.dump, "a", encoding="utf-8") as fh:
                            fh.write(json.dumps({"file": path.name, "field": field, "gold": gold,
                                                 "got": _label(ref) if main else "(no event)",
                                                 "text": getattr(ref, "text", None),
                                             "a1": _label(main.actor1) if main else None,
                                             "a2": _label(main.actor2) if main else None,
                                             "sub": main.sub_event_type if main else None,
                                                 "notes": row.notes}) + "\n")
                    if field == "actor1" and len(shown) < args.show:
                        shown.append(f"  [{gold} | {_label(ref)}] {row.notes[:220]}")
    kb = KnowledgeBase.load()
    names = {r.actor1 for r in rows} | {r.actor2 for r in rows if r.actor2}
    unresolved = sorted(n for n in names if kb.resolve(n) is None)
    print(f"\n== {path.name}: {len(rows)} rows; " + json.dumps(fields))
    for field, counter in misses.items():
        print(f" {field} misses: {sum(counter.values())}")
        for (gold, got), n in counter.most_common(args.top):
            print(f"   {n:4}  {gold:55} <- {got}")
    print(f" names not resolved by the KB ({len(unresolved)}/{len(names)}): "
          + "; ".join(unresolved[:40]))
    for line in shown:
        print(line)
    return {"rows": len(rows), "actor1_misses": sum(misses["actor1"].values()),
            "actor2_misses": sum(misses["actor2"].values()),
            "names": len(names), "names_unresolved": len(unresolved), "fields": fields}


def main() -> int:
    parser = acled_parser(__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--dump", type=Path, default=None, help="append every miss as JSONL")
    parser.add_argument("--show", type=int, default=0, help="notes of the first N actor1 misses")
    args = parser.parse_args()
    files = acled_files(args)
    if not files:
        return 2
    annotator = Annotator.load(load_knowledge(None))
    out = {p.name: _file(p, annotator, args) for p in files}
    print(json.dumps({"benchmark": "actors_acled", "files": out}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
