"""Whole real articles: the events stage scored against a hand-coded gold set of FA-KES articles.

The gold (`benchmarks/gold/fakes-articles.json`) refers to the corpus by `unit_id` and short
evidence quotes; it holds no article text. The articles are read from the shared CSV, written as
JSONL (title, outlet, published, text) as a user's scraper would, ingested into a temporary
store with the Syria gazetteer files loaded, and scored by the rules of ../shared/eval/README.md:

- precision / recall / required recall on events (sub_event_type, place, actor1 must match);
- field accuracies, each on pairs matched on everything but that field: sub_event_type (doc,
  place, actor1), actor1 (doc, sub_event_type, place), place <= 10 km (doc, sub_event_type,
  actor1); actor2 and date on the fully matched pairs;
- must_not violations (doc-scoped; `evidence` entries: an event whose trigger lies in the span).

Background events (dated long before the report) are out of the default view and not scored;
their number is printed. Per outlet and overall; one JSON line at the end.

    .venv/bin/python benchmarks/eval_articles.py [--gold FILE] [--workers N] [--show]
    .venv/bin/python benchmarks/eval_articles.py --corpus   # events per FA-KES article
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from frontlines.eval.gold import Gold, GoldEvent, load_gold, norm
from frontlines.eval.score import EventReport, place_matches, score_gold
from frontlines.ingest import iter_documents
from frontlines.model import Event
from frontlines.nlp import Annotator
from frontlines.pipeline import Pipeline, load_knowledge
from frontlines.store import Store

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared"
if not SHARED.exists():  # a worktree: the workplace's shared folder is beside main
    SHARED = Path("/work/shared")
CORPUS = SHARED / "data" / "corpus" / "fa-kes-syria-news.csv"
GOLD = HERE / "gold" / "fakes-articles.json"


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def corpus_rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8", errors="replace") as fh:
        return list(csv.DictReader(fh))


def published_of(row: dict[str, str]) -> str | None:
    try:
        return datetime.strptime(row["date"].strip(), "%m/%d/%Y").date().isoformat()
    except ValueError:
        return None


def write_jsonl(rows: list[dict[str, str]], path: Path) -> None:
    """The articles as a scraper's JSONL dump: one object per line."""
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({"title": row["article_title"].strip(), "outlet": row["source"],
                                 "published": published_of(row),
                                 "text": row["article_content"]}) + "\n")


def template_store(tmp: Path, syria: bool) -> tuple[Path, Annotator]:
    db = tmp / "template.db"
    if syria:
        sys.path.insert(0, str(HERE))
        import geocode_acled

        geocode_acled.SYRIA = SHARED / "data" / "syria"  # the worktree may sit elsewhere
        geocode_acled.build_store(db).close()
    else:
        Store.open(str(db)).close()
    with Store.open(str(db)) as store:
        return db, Annotator.load(load_knowledge(store))


def ingest(rows: list[dict[str, str]], tmp: Path, template: Path, annotator: Annotator,
           workers: int) -> Store:
    jsonl = tmp / "articles.jsonl"
    write_jsonl(rows, jsonl)
    db = tmp / "articles.db"
    shutil.copy(template, db)
    store = Store.open(str(db))
    Pipeline(store, annotator).run(iter_documents([jsonl]), workers=workers)
    return store


# ---------------------------------------------------------------------- gold


def materialise(gold: Gold, rows: dict[str, dict[str, str]]) -> Gold:
    """The gold's documents get the corpus row's title and date; every evidence quote must be
    in its article (the gold is references, so a wrong unit_id or quote is an error), and no two
    documents may share a title (they pair with the store's by title)."""
    documents: dict[str, dict[str, Any]] = {}
    errors: list[str] = []
    for gid, d in gold.documents.items():
        row = rows.get(str(d["unit_id"]))
        if row is None:
            errors.append(f"{gid}: unit_id {d['unit_id']} not in the corpus")
            continue
        documents[gid] = {**d, "title": row["article_title"].strip(),
                          "published": published_of(row), "text": _squash(row["article_content"])}
    titles: dict[str, str] = {}
    for gid, d in documents.items():  # documents pair by title: a second one could never score
        first = titles.setdefault(_squash(d["title"]), gid)
        if first != gid:
            errors.append(f"{gid}: same title as {first} (documents pair by title)")
    quotes = [(e.doc, e.id, e.evidence) for e in gold.events] + [
        (m["doc"], "must_not", m["evidence"]) for m in gold.must_not if m.get("evidence")]
    for doc, what, quote in quotes:
        if doc in documents and _squash(quote) not in documents[doc]["text"]:
            errors.append(f"{what}: quote not in {doc}: {quote!r}")
    if errors:
        raise SystemExit("gold file does not fit the corpus:\n  " + "\n  ".join(errors))
    return replace(gold, documents=documents)


def subset(gold: Gold, docs: set[str]) -> Gold:
    return replace(gold, documents={k: v for k, v in gold.documents.items() if k in docs},
                   events=[e for e in gold.events if e.doc in docs],
                   must_not=[m for m in gold.must_not if m.get("doc") in docs])


def _names(ref: Any) -> set[str]:
    return {norm(x) for x in (ref.name, ref.text, ref.acled_name) if x} if ref else set()


def _overlap(a: str, b: str) -> float:
    wa, wb = set(re.findall(r"\w+", a.casefold())), set(re.findall(r"\w+", b.casefold()))
    return len(wa & wb) / len(wa) if wa else 0.0


def relaxed_accuracy(gold: Gold, events: list[Event], doc_of: dict[str, str], field: str,
                     same_province: Any) -> tuple[int, int]:
    """Accuracy of one field on one-to-one pairs matched on every other field (by evidence
    overlap): (right, pairs)."""
    def ok(g: GoldEvent, e: Event, f: str) -> bool:
        if f == "sub_event_type":
            return e.sub_event_type in g.sub_event_types
        if f == "actor1":
            return not g.actor1 or bool(_names(e.actor1) & {
                norm(n) for n in gold.actors.get(g.actor1, [])})
        return place_matches(e, gold, g.place, same_province)

    others = [f for f in ("sub_event_type", "actor1", "place") if f != field]
    cands = []
    for gi, g in enumerate(gold.events):
        for ei, e in enumerate(events):
            if g.doc not in {doc_of.get(c.doc_id) for c in e.claims}:
                continue
            if all(ok(g, e, f) for f in others):
                overlap = max((_overlap(g.evidence, c.evidence) for c in e.claims), default=0.0)
                cands.append((-overlap, gi, ei))
    cands.sort()
    used_g: set[int] = set()
    used_e: set[int] = set()
    right = 0
    for _, gi, ei in cands:
        if gi in used_g or ei in used_e:
            continue
        used_g.add(gi)
        used_e.add(ei)
        right += ok(gold.events[gi], events[ei], field)
    return right, len(used_g)


def doc_map(store: Store, gold: Gold) -> dict[str, str]:
    by_title = {_squash(d["title"]): gid for gid, d in gold.documents.items()}
    return {d["id"]: by_title[_squash(d["title"] or "")] for d in store.documents()
            if _squash(d["title"] or "") in by_title}


def score(store: Store, gold: Gold, same_province: Any) -> dict[str, Any]:
    report: EventReport = score_gold(store, gold, same_province=same_province,
                                     include_background=False)
    docs = doc_map(store, gold)
    events = [e for e in store.events() if not e.background and
              any(c.doc_id in docs for c in e.claims)]
    background = sum(1 for e in store.events() if e.background and
                     any(c.doc_id in docs for c in e.claims))
    acc = report.accuracy()
    out: dict[str, Any] = {
        "docs": len(gold.documents), "gold": report.gold_events, "required": report.gold_required,
        "predicted": report.predicted, "matched": report.matched, "background": background,
        "precision": round(report.precision, 3), "recall": round(report.recall, 3),
        "required_recall": round(report.recall_required, 3),
        "must_not": len(report.violations)}
    for f in ("sub_event_type", "actor1", "place"):
        right, n = relaxed_accuracy(gold, events, docs, f, same_province)
        out[f] = round(right / n, 3) if n else None
        out[f + "_n"] = n
    for f in ("actor2", "date"):
        out[f] = round(acc[f]["accuracy"], 3) if f in acc else None
        out[f + "_n"] = acc.get(f, {}).get("n", 0)
    out["_report"] = report
    return out


COLUMNS = ("docs", "gold", "predicted", "matched", "precision", "recall", "required_recall",
           "sub_event_type", "actor1", "actor2", "place", "date", "must_not", "background")


def print_row(name: str, r: dict[str, Any]) -> None:
    cells = []
    for c in COLUMNS:
        v = r.get(c)
        cells.append(f"{'-':>8}" if v is None else f"{v:>8.3f}" if isinstance(v, float)
                     else f"{v:>8}")
    print(f"{name:14}" + "".join(cells))


def run_gold(args: argparse.Namespace) -> int:
    rows = {r["unit_id"]: r for r in corpus_rows(args.corpus_csv)}
    gold = materialise(load_gold(args.gold), rows)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        started = time.perf_counter()
        template, annotator = template_store(tmp, args.syria)
        chosen = [rows[str(d["unit_id"])] for d in gold.documents.values()]
        store = ingest(chosen, tmp, template, annotator, args.workers)
        from frontlines.eval.run import _same_province

        same = _same_province(store)
        outlets: dict[str, set[str]] = defaultdict(set)
        for gid, d in gold.documents.items():
            outlets[d["outlet"]].add(gid)
        print(f"{'outlet':14}" + "".join(f"{c[:8]:>8}" for c in COLUMNS))
        results: dict[str, Any] = {}
        for outlet in sorted(outlets):
            r = score(store, subset(gold, outlets[outlet]), same)
            r.pop("_report")
            results[outlet] = r
            print_row(outlet, r)
        overall = score(store, gold, same)
        report: EventReport = overall.pop("_report")
        results["overall"] = overall
        print_row("overall", overall)
        for v in report.violations:
            print(f"must_not: {v}")
        if args.show:
            print("missed gold:", ", ".join(report.missed))
            for u in report.unmatched_predicted:
                print("unmatched predicted:", u)
        store.close()
        print(json.dumps({"benchmark": "eval_articles", "gold": str(args.gold),
                          "seconds": round(time.perf_counter() - started, 1),
                          "results": results}))
    return 0


def run_corpus(args: argparse.Namespace) -> int:
    """Events per FA-KES article: every distinct article once (the corpus repeats some)."""
    seen: set[str] = set()
    distinct = []
    for row in corpus_rows(args.corpus_csv):
        key = _squash(row["article_content"])
        if key and key not in seen:
            seen.add(key)
            distinct.append(row)
    with tempfile.TemporaryDirectory() as name:
        tmp = Path(name)
        started = time.perf_counter()
        template, annotator = template_store(tmp, args.syria)
        store = ingest(distinct, tmp, template, annotator, args.workers)
        docs = store.count("documents")
        events = store.events()
        background = sum(1 for e in events if e.background)
        shown = len(events) - background
        result = {"articles": len(distinct), "documents": docs, "events": len(events),
                  "background": background,
                  "background_share": round(background / len(events), 3) if events else 0.0,
                  "events_per_article": round(len(events) / docs, 2) if docs else 0.0,
                  "shown_per_article": round(shown / docs, 2) if docs else 0.0,
                  "claims": store.count("claims"),
                  "seconds": round(time.perf_counter() - started, 1)}
        store.close()
    print(json.dumps({"benchmark": "eval_articles_corpus", **result}))
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, default=GOLD)
    parser.add_argument("--corpus-csv", type=Path, default=CORPUS)
    parser.add_argument("--corpus", action="store_true",
                        help="ingest the whole corpus and count events per distinct article")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-syria", dest="syria", action="store_false",
                        help="do not load the Syria gazetteer files of ../shared first")
    parser.add_argument("--show", action="store_true", help="list missed and unmatched events")
    args = parser.parse_args()
    if not args.corpus_csv.exists():
        print(f"no corpus at {args.corpus_csv}", file=sys.stderr)
        return 2
    return run_corpus(args) if args.corpus else run_gold(args)


if __name__ == "__main__":
    sys.exit(main())
