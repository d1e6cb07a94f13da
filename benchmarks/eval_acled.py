"""ACLED development sets: per-file accuracy of the events stage on ACLED notes.

Each row's notes are ingested as a document published on the row's date; the main event found
is compared with the row (sub_event_type, place within 10 km, date, fatalities, actor1/actor2 by
ACLED name). Prints a table per file and one JSON line with every figure.

    .venv/bin/python benchmarks/eval_acled.py [--limit N] [--workers N] [--syria] [FILES...]

`--syria` loads ../shared's Syria gazetteer files first (OCHA communities, OpenSyria lists, OCHA
admin polygons, the GeoNames extract), as a user coding Syrian reports would; without it only
the built-in world gazetteer is used.
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

from _acled import acled_files, acled_parser

from frontlines.eval.run import evaluate
from frontlines.nlp import Annotator
from frontlines.pipeline import Pipeline, load_knowledge
from frontlines.store import Store

FIELDS = ("sub_event_type", "event_type", "place_10km", "date", "fatalities", "actor1", "actor2")


def main() -> int:
    parser = acled_parser(__doc__.splitlines()[0])
    parser.add_argument("--syria", action="store_true",
                        help="load the Syria gazetteer files of ../shared first")
    args = parser.parse_args()
    files = acled_files(args)
    if not files:
        return 2
    template = tempfile.TemporaryDirectory()
    if args.syria:
        from geocode_acled import build_store  # the same files the geocoding benchmark loads

        gazetteer_db = Path(template.name) / "gazetteer.db"
        build_store(gazetteer_db).close()
        with Store.open(str(gazetteer_db)) as store:
            annotator = Annotator.load(load_knowledge(store))
    else:
        gazetteer_db = None
        annotator = Annotator.load(load_knowledge(None))
    results: dict[str, dict[str, object]] = {}
    print(f"{'file':40} {'rows':>5} " + " ".join(f"{f[:10]:>10}" for f in FIELDS) + "  secs")
    for path in files:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp:
            if gazetteer_db is not None:
                shutil.copy(gazetteer_db, Path(tmp) / "e.db")
            with Store.open(str(Path(tmp) / "e.db")) as store:
                report = evaluate(store, path, limit=args.limit, workers=args.workers,
                                  pipeline=Pipeline(store, annotator))
        secs = time.perf_counter() - started
        acc = report.accuracy()
        results[path.name] = {"rows": report.rows, "with_event": report.with_event,
                              "seconds": round(secs, 1),
                              **{k: v["accuracy"] for k, v in acc.items()}}
        print(f"{path.name:40} {report.rows:>5} " + " ".join(
            f"{acc.get(f, {}).get('accuracy', float('nan')):>10.3f}" for f in FIELDS)
            + f"  {secs:.0f}")
    template.cleanup()
    print(json.dumps({"benchmark": "eval_acled", "limit": args.limit, "syria": args.syria,
                      "files": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
