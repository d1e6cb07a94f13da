"""The blind FA-KES gold file (benchmarks/gold/fakes-articles-blind.json) is the fixed selection.

Its documents must be exactly what benchmarks/gold/select_blind.py selects (the rule in its "about"),
disjoint from the tuning and held-out sets, with no title twice (eval_articles pairs documents by
title); its quotes and references are checked with the other gold files in test_gold_holdout.py.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from frontlines.eval.gold import load_gold

from .conftest import CORPUS, ROOT

GOLD_DIR = ROOT / "benchmarks" / "gold"
BLIND = GOLD_DIR / "fakes-articles-blind.json"


def _module(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def selector():
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is not available (../shared is only in this workplace)")
    return _module(GOLD_DIR / "select_blind.py")


def test_blind_check_passes(selector, capsys) -> None:
    assert selector.main(["--check"]) == 0
    assert "exactly the selection" in capsys.readouterr().out


def test_blind_is_two_per_outlet_less_a_repeated_title(selector) -> None:
    docs = json.loads(BLIND.read_text(encoding="utf-8"))["documents"]
    ids = {str(d["unit_id"]) for d in docs}
    outlets = Counter(d["outlet"] for d in docs)
    assert len(outlets) == 15 and len(docs) == 29
    assert {o for o, k in outlets.items() if k != 2} == {"etilaf"}
    tuned = {str(d["unit_id"]) for d in
             json.loads((GOLD_DIR / "fakes-articles.json").read_text(encoding="utf-8"))["documents"]}
    assert not ids & tuned
    assert not ids & selector.holdout_ids()
    # the rule without step 4 takes two of each outlet; only a same-title pick is left out
    pool = selector.eligible()
    dropped = {r["unit_id"] for rows in pool.values() for r in rows[:2]} - ids
    assert dropped == {"1926479251"}


def test_eval_articles_refuses_two_documents_with_one_title(tmp_path: Path) -> None:
    # two gold documents under one title could never both be scored: the second is an error
    gold = {"documents": [{"id": "x-1", "unit_id": "101", "outlet": "x"},
                          {"id": "x-2", "unit_id": "102", "outlet": "x"}],
            "actors": {}, "places": {}, "events": [], "must_not": []}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    rows = {u: {"unit_id": u, "article_title": " Shelling hits a  market ", "date": "3/4/2016",
                "article_content": f"Report {u} about a market."} for u in ("101", "102")}
    ev = _module(ROOT / "benchmarks" / "eval_articles.py")
    with pytest.raises(SystemExit, match="x-2: same title as x-1"):
        ev.materialise(load_gold(path), rows)
    rows["102"]["article_title"] = "Another title"
    assert set(ev.materialise(load_gold(path), rows).documents) == {"x-1", "x-2"}
