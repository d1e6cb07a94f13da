"""Reproduce the selection of the blind FA-KES gold articles (fakes-articles-blind.json).

The rule was fixed before any article was read and is blind to the system (session 11, issue 17):

1. The eligible articles of select_holdout.py's `eligible()` (the same corpus filters: first row of
   each distinct text, no repeated unit_id, none of the tuning set's articles or texts, not the
   seed, 300 to 3000 characters), further excluding the held-out set's unit_ids (only
   `documents[].unit_id` of fakes-articles-holdout.json is read; nothing else of it).
2. Within each outlet order them by sha256('frontlines-blind-11:' + unit_id).
3. Take the first two of each outlet; their ids are '<outlet>-b1' and '<outlet>-b2'.
4. Drop a pick whose title (whitespace- and case-folded) equals an earlier pick's, without replacing
   it: eval_articles pairs documents by title, so of two such documents one could never be scored.
   This drops etilaf-b2 (the text of etilaf-b1 again under another unit_id, one full stop apart);
   it is not replaced because the 30 ids had been fixed and shared before coding began, and a
   replacement could have been read by others this session. 29 articles remain.

Run from the repository root:  python benchmarks/gold/select_blind.py [--corpus PATH] [--check]
It prints one line per pick (doc id, unit_id, outlet, label, length, title); with --check it exits
1 when the blind gold file's documents are not exactly this selection.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import select_holdout  # noqa: E402  (the same corpus filters, by import)

BLIND = HERE / "fakes-articles-blind.json"
SALT = "frontlines-blind-11:"
PER_OUTLET = 2


def _order(unit_id: str) -> str:
    return hashlib.sha256((SALT + unit_id).encode("utf-8")).hexdigest()


def holdout_ids(holdout: Path = select_holdout.HOLDOUT) -> set[str]:
    """The held-out documents' unit_ids, and nothing else of that file."""
    return {str(d["unit_id"]) for d in json.loads(holdout.read_text(encoding="utf-8"))["documents"]}


def eligible(corpus: Path = select_holdout.CORPUS, tuning: Path = select_holdout.TUNING,
             holdout: Path = select_holdout.HOLDOUT) -> dict[str, list[dict]]:
    """Outlet -> eligible rows not held out, in this selection's sha256 order (steps 1 and 2)."""
    held = holdout_ids(holdout)
    pool = select_holdout.eligible(corpus, tuning)
    return {o: sorted((r for r in rows if r["unit_id"] not in held),
                      key=lambda r: _order(r["unit_id"]))
            for o, rows in pool.items()}


def select(pool: dict[str, list[dict]]) -> list[tuple[str, dict]]:
    """(doc id, row) for the first PER_OUTLET articles of each outlet (step 3), less a pick whose
    title an earlier pick already has (step 4)."""
    picks, titles = [], set()
    for o in sorted(pool):
        for i, r in enumerate(pool[o][:PER_OUTLET]):
            title = select_holdout._key(r["article_title"])
            if title not in titles:
                titles.add(title)
                picks.append((f"{o}-b{i + 1}", r))
    return picks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=select_holdout.CORPUS)
    ap.add_argument("--check", action="store_true",
                    help="compare with the blind gold file's documents")
    args = ap.parse_args(argv)
    picks = select(eligible(args.corpus))
    for gid, r in picks:
        print(gid, r["unit_id"], r["source"], r["labels"], len(r["article_content"]),
              r["article_title"][:70], sep="\t")
    if args.check:
        have = {d["id"]: str(d["unit_id"]) for d in
                json.loads(BLIND.read_text(encoding="utf-8"))["documents"]}
        want = {gid: r["unit_id"] for gid, r in picks}
        if have != want:
            print("blind documents differ from the selection:",
                  sorted(set(have.items()) ^ set(want.items())), file=sys.stderr)
            return 1
        print("blind documents are exactly the selection")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
