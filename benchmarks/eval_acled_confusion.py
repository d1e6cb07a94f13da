"""ACLED development sets: confusion of gold vs predicted sub_event_type, per file.

Prints, per file, the (gold -> predicted) pairs that disagree, most frequent first, with the
main event's trigger words that led to each wrong label. `--examples FILE` writes the wrong rows
(event id, gold, predicted, trigger, notes) as JSON lines for reading; keep that file outside
the repository (ACLED rows are not redistributed).

    .venv/bin/python benchmarks/eval_acled_confusion.py [--limit N] [--workers N]
        [--top N] [--examples /tmp/x.jsonl] [FILES...]
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from _acled import acled_files, acled_parser

from frontlines.eval.gold import load_acled_csv
from frontlines.eval.run import evaluate
from frontlines.nlp import Annotator
from frontlines.pipeline import Pipeline, load_knowledge
from frontlines.store import Store


def main() -> int:
    parser = acled_parser(__doc__.splitlines()[0])
    parser.add_argument("--top", type=int, default=15, help="confusions shown per file")
    parser.add_argument("--examples", type=Path, default=None,
                        help="write the wrong rows as JSON lines here (outside the repo)")
    args = parser.parse_args()
    files = acled_files(args)
    if not files:
        return 2
    annotator = Annotator.load(load_knowledge(None))
    out = args.examples.open("w", encoding="utf-8") if args.examples else None
    summary: dict[str, dict[str, int]] = {}
    try:
        for path in files:
            with tempfile.TemporaryDirectory() as tmp, \
                    Store.open(str(Path(tmp) / "e.db")) as store:
                report = evaluate(store, path, limit=args.limit, workers=args.workers,
                                  pipeline=Pipeline(store, annotator))
            notes = {r.event_id: r.notes for r in load_acled_csv(path, limit=args.limit)}
            wrong = [p for p in report.predictions if p["gold"] != p["predicted"]]
            pairs = Counter((p["gold"], p["predicted"]) for p in wrong)
            triggers: dict[tuple[str, str], Counter[str]] = {}
            for p in wrong:
                triggers.setdefault((p["gold"], p["predicted"]), Counter())[
                    p["trigger"].casefold()] += 1
            print(f"\n== {path.name}: {len(wrong)} wrong of {report.rows}")
            for (gold, pred), n in pairs.most_common(args.top):
                top = ", ".join(f"{t or '-'}:{k}" for t, k in
                                triggers[(gold, pred)].most_common(4))
                print(f"{n:4}  {gold:38} -> {pred:38} [{top}]")
            summary[path.name] = {f"{g} -> {p}": n for (g, p), n in pairs.most_common()}
            if out is not None:
                for p in wrong:
                    out.write(json.dumps({"file": path.name, **p,
                                          "notes": notes.get(p["event_id"], "")}) + "\n")
    finally:
        if out is not None:
            out.close()
    print(json.dumps({"benchmark": "eval_acled_confusion", "files": summary}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
