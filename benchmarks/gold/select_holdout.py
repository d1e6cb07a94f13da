"""Reproduce the selection of the held-out FA-KES articles (fakes-articles-holdout.json).

The rule was fixed before any article was read and is blind to the system (issue 17):

1. From the FA-KES corpus take the first row of each distinct article text; drop unit_ids that occur
   more than once in the CSV (conflicting labels), the articles of fakes-articles.json and any row
   whose text or title equals one of theirs, the seed report, and articles shorter than 300 or
   longer than 3000 characters.
2. Within each outlet order the rest by sha256('frontlines-holdout-17:' + unit_id).
3. Batch 1 (20 articles): the first of each of the 15 outlets, then for the 5 outlets with the most
   eligible articles the first whose label differs from that outlet's first pick.
4. Batch 2 (20 more): the next eligible article of each of the 15 outlets (the first in the order
   not taken by batch 1), then, for the same 5 largest outlets, the next after that.

Run from the repository root:  python benchmarks/gold/select_holdout.py [--corpus PATH] [--check]
It prints one line per pick (batch, doc id, unit_id, outlet, label, length, title); with --check it
exits 1 when the held-out file's documents are not exactly this selection.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "corpus" / "fa-kes-syria-news.csv"
SEED = ROOT.parent / "shared" / "seed" / "fna-idlib-2017.txt"
TUNING = HERE / "fakes-articles.json"
HOLDOUT = HERE / "fakes-articles-holdout.json"
SALT = "frontlines-holdout-17:"
MIN_CHARS, MAX_CHARS = 300, 3000
LARGEST = 5


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _order(unit_id: str) -> str:
    return hashlib.sha256((SALT + unit_id).encode("utf-8")).hexdigest()


def eligible(corpus: Path = CORPUS, tuning: Path = TUNING,
             seed: Path = SEED) -> dict[str, list[dict]]:
    """Outlet -> eligible rows in sha256 order (steps 1 and 2)."""
    with corpus.open(newline="", encoding="utf-8", errors="replace") as fh:
        rows = list(csv.DictReader(fh))
    counts = Counter(r["unit_id"] for r in rows)
    by_id = {r["unit_id"]: r for r in rows}  # a repeated id: its last row, as in eval_articles
    tuned = {str(d["unit_id"]) for d in json.loads(tuning.read_text(encoding="utf-8"))["documents"]}
    tuned_texts = {_key(by_id[u]["article_content"]) for u in tuned if u in by_id}
    tuned_titles = {_key(by_id[u]["article_title"]) for u in tuned if u in by_id}
    seed_title = (_key(seed.read_text(encoding="utf-8").strip().splitlines()[0])
                  if seed.exists() else None)
    seen: set[str] = set()
    out: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        text = _key(r["article_content"])
        if text in seen:
            continue
        seen.add(text)
        if counts[r["unit_id"]] > 1 or r["unit_id"] in tuned:
            continue
        if text in tuned_texts or _key(r["article_title"]) in tuned_titles:
            continue
        if seed_title and _key(r["article_title"]) == seed_title:
            continue
        if not MIN_CHARS <= len(r["article_content"]) <= MAX_CHARS:
            continue
        out[r["source"]].append(r)
    for lst in out.values():
        lst.sort(key=lambda r: _order(r["unit_id"]))
    return dict(out)


def select(pool: dict[str, list[dict]]) -> list[tuple[int, str, dict]]:
    """(batch, doc id, row) for the 40 held-out articles (steps 3 and 4)."""
    outlets = sorted(pool)
    largest = sorted(outlets, key=lambda o: (-len(pool[o]), o))[:LARGEST]
    taken: dict[str, list[dict]] = {o: [] for o in outlets}
    picks: list[tuple[int, str, dict]] = []

    def take(batch: int, outlet: str, row: dict) -> None:
        taken[outlet].append(row)
        picks.append((batch, f"{outlet}-h{len(taken[outlet])}", row))

    def untaken(outlet: str) -> list[dict]:
        ids = {r["unit_id"] for r in taken[outlet]}
        return [r for r in pool[outlet] if r["unit_id"] not in ids]

    for o in outlets:
        take(1, o, pool[o][0])
    for o in largest:
        first = taken[o][0]
        take(1, o, next(r for r in untaken(o) if r["labels"] != first["labels"]))
    for o in outlets:
        take(2, o, untaken(o)[0])
    for o in largest:
        take(2, o, untaken(o)[0])
    return picks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--check", action="store_true",
                    help="compare with the held-out file's documents")
    args = ap.parse_args(argv)
    pool = eligible(args.corpus)
    picks = select(pool)
    sizes = {o: len(v) for o, v in sorted(pool.items(), key=lambda kv: -len(kv[1]))}
    print("eligible per outlet:", sizes)
    for batch, gid, r in picks:
        print(batch, gid, r["unit_id"], r["source"], r["labels"], len(r["article_content"]),
              r["article_title"][:70], sep="\t")
    if args.check:
        have = {d["id"]: str(d["unit_id"]) for d in
                json.loads(HOLDOUT.read_text(encoding="utf-8"))["documents"]}
        want = {gid: r["unit_id"] for _, gid, r in picks}
        if have != want:
            print("held-out documents differ from the selection:",
                  sorted(set(have.items()) ^ set(want.items())), file=sys.stderr)
            return 1
        print("held-out documents are exactly the selection")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
