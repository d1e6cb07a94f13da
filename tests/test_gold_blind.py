"""The blind FA-KES gold file (benchmarks/gold/fakes-articles-blind.json) is the fixed selection.

Its documents must be exactly what benchmarks/gold/select_blind.py selects (the rule in its "about"),
disjoint from the tuning and held-out sets; its quotes and references are checked with the other gold
files in test_gold_holdout.py.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter

import pytest

from .conftest import CORPUS, ROOT

GOLD_DIR = ROOT / "benchmarks" / "gold"
BLIND = GOLD_DIR / "fakes-articles-blind.json"


@pytest.fixture(scope="module")
def selector():
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is not available (../shared is only in this workplace)")
    spec = importlib.util.spec_from_file_location("select_blind", GOLD_DIR / "select_blind.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_blind_check_passes(selector, capsys) -> None:
    assert selector.main(["--check"]) == 0
    assert "exactly the selection" in capsys.readouterr().out


def test_blind_is_two_per_outlet_and_disjoint(selector) -> None:
    docs = json.loads(BLIND.read_text(encoding="utf-8"))["documents"]
    ids = {str(d["unit_id"]) for d in docs}
    outlets = Counter(d["outlet"] for d in docs)
    assert len(outlets) == 15 and set(outlets.values()) == {2}
    tuned = {str(d["unit_id"]) for d in
             json.loads((GOLD_DIR / "fakes-articles.json").read_text(encoding="utf-8"))["documents"]}
    assert not ids & tuned
    assert not ids & selector.holdout_ids()
