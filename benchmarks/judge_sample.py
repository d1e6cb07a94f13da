"""Draw events at random from FA-KES articles in no gold set, for judging by hand (issue #17).

Articles whose unit_id is in the tuning, holdout or blind lists (and any --exclude file) are
left out; `--articles N` of the rest are drawn with `--seed`, written as a scraper's JSONL and
ingested into a temporary store with the Syria gazetteer loaded (as eval_articles.py does).
Then `--events K` of the events shown by default (not background) are drawn with the same seed.

Writes to `--out` (outside the repository: it quotes the articles) one JSON object per drawn
event: event id, unit_id, type, actors, place, date and the evidence sentences, plus a file
`<out>.units` listing the articles drawn (to exclude them from a later sample). The judgement
table that goes into benchmarks/judged/ holds ids and verdicts only, never article text.

    python judge_sample.py --seed 17 --articles 25 --events 40 --out /tmp/judge-a.jsonl
    python judge_sample.py --seed 29 --exclude /tmp/judge-a.jsonl.units --out /tmp/judge-b.jsonl
    python judge_sample.py --units /tmp/judge-b.jsonl.units --seed 29 --out /tmp/judge-b2.jsonl
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_articles as ea

BRIEF = Path("/work/wt/_brief")


def _ids(path: Path) -> set[str]:
    return {line.strip() for line in path.read_text().splitlines() if line.strip()}


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seed", type=int, default=17)
    p.add_argument("--articles", type=int, default=25)
    p.add_argument("--events", type=int, default=40)
    p.add_argument("--exclude", type=Path, action="append", default=[])
    p.add_argument("--units", type=Path, help="ingest exactly these unit_ids (one a line)")
    p.add_argument("--id-lists", type=Path, default=BRIEF,
                   help="folder with tuning/holdout/blind-unit-ids.txt")
    p.add_argument("--workers", type=int, default=1)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args()

    excluded: set[str] = set()
    for name in ("tuning", "holdout", "blind"):
        excluded |= _ids(args.id_lists / f"{name}-unit-ids.txt")
    for extra in args.exclude:
        excluded |= _ids(extra)
    rows = ea.corpus_rows(ea.CORPUS)
    seen: set[str] = set()
    pool = []
    for row in rows:  # each distinct article once; none that a gold set holds
        key = ea._squash(row["article_content"])
        if row["unit_id"] in excluded or not key or key in seen:
            continue
        seen.add(key)
        pool.append(row)
    rng = random.Random(args.seed)
    if args.units:
        wanted = _ids(args.units)
        chosen = [r for r in pool if r["unit_id"] in wanted]
    else:
        chosen = rng.sample(pool, args.articles)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        template, annotator = ea.template_store(tmp, True)
        store = ea.ingest(chosen, tmp, template, annotator, args.workers)
        by_title = {ea._squash(r["article_title"]): r["unit_id"] for r in chosen}
        unit_of = {d["id"]: by_title.get(ea._squash(d["title"] or "")) for d in store.documents()}
        events = sorted((e for e in store.events() if not e.background), key=lambda e: e.id)
        background = sum(1 for e in store.events() if e.background)
        drawn = random.Random(args.seed).sample(events, min(args.events, len(events)))
        with args.out.open("w", encoding="utf-8") as fh:
            for e in drawn:
                fh.write(json.dumps({
                    "event": e.id, "unit_id": sorted({unit_of.get(c.doc_id) or "?"
                                                      for c in e.claims}),
                    "type": e.sub_event_type,
                    "actor1": e.actor1.name if e.actor1 else None,
                    "actor2": e.actor2.name if e.actor2 else None,
                    "place": e.place.name or e.place.text if e.place else None,
                    "admin1": e.place.admin1 if e.place else None,
                    "date": e.date.isoformat() if e.date else None,
                    "triggers": [c.trigger for c in e.claims],
                    "evidence": [c.evidence for c in e.claims]}) + "\n")
        print(json.dumps({"articles": len(chosen), "events": len(events),
                          "background": background, "drawn": len(drawn),
                          "per_article": round(len(events) / len(chosen), 2)}))
        store.close()
    Path(str(args.out) + ".units").write_text("".join(r["unit_id"] + "\n" for r in chosen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
