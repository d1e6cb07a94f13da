"""The FA-KES article gold files (benchmarks/gold) fit the corpus they refer to.

Both files are references: a document is a corpus `unit_id`, an event or must_not entry carries a
short quote of that article. A wrong id, a quote not in its article, or an event naming an actor
or place the file does not define would silently turn into a miss when eval_articles scores it,
so each is checked here (the blind file's selection is checked in test_gold_blind.py). The held-out file must also stay disjoint from the tuning file, and its
documents must be exactly what benchmarks/gold/select_holdout.py selects (the rule in its "about").
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from frontlines.eval.gold import load_gold

from .conftest import CORPUS, ROOT

GOLD_DIR = ROOT / "benchmarks" / "gold"
TUNING = GOLD_DIR / "fakes-articles.json"
HOLDOUT = GOLD_DIR / "fakes-articles-holdout.json"
BLIND = GOLD_DIR / "fakes-articles-blind.json"
SUB_EVENT_TYPES = {
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade", "Sexual violence", "Attack",
    "Abduction/forced disappearance"}


def _squash(text: str) -> str:
    # the same folding as benchmarks/eval_articles.py uses to find a quote in its article
    return re.sub(r"\s+", " ", text).strip().casefold()


@pytest.fixture(scope="module")
def corpus() -> dict[str, dict[str, str]]:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} is not available (../shared is only in this workplace)")
    with CORPUS.open(newline="", encoding="utf-8", errors="replace") as fh:
        # the last row of a repeated unit_id wins, as in eval_articles
        return {r["unit_id"]: r for r in csv.DictReader(fh)}


@pytest.mark.parametrize("path", [TUNING, HOLDOUT, BLIND], ids=lambda p: p.stem)
def test_gold_file_is_internally_consistent(path: Path) -> None:
    gold = load_gold(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert len(gold.documents) == len(raw["documents"]), "duplicate document ids"
    assert len({e.id for e in gold.events}) == len(gold.events), "duplicate event ids"
    for e in gold.events:
        assert e.doc in gold.documents, e.id
        assert e.actor1 in gold.actors, (e.id, e.actor1)
        assert e.actor2 is None or e.actor2 in gold.actors, (e.id, e.actor2)
        assert e.place in gold.places, (e.id, e.place)
        assert set(e.sub_event_types) <= SUB_EVENT_TYPES, (e.id, e.sub_event_types)
        assert e.evidence.strip(), e.id
        assert e.date and e.time_precision in (1, 2, 3), e.id
    for key, place in gold.places.items():
        assert place.get("names"), key
        if "lat" in place:
            # Syria and its borders
            assert 32.0 <= place["lat"] <= 37.5 and 35.5 <= place["lon"] <= 42.5, key
    for m in gold.must_not:
        assert m.get("doc") in gold.documents, m
        assert m.get("why"), m
        assert m.get("evidence") or m.get("location") or m.get("actor"), m


@pytest.mark.parametrize("path", [TUNING, HOLDOUT, BLIND], ids=lambda p: p.stem)
def test_gold_file_refers_to_the_corpus(path: Path, corpus: dict[str, dict[str, str]]) -> None:
    gold = load_gold(path)
    texts = {}
    for gid, d in gold.documents.items():
        row = corpus.get(str(d["unit_id"]))
        assert row is not None, f"{gid}: unit_id {d['unit_id']} not in the corpus"
        assert row["source"] == d["outlet"], gid
        texts[gid] = _squash(row["article_content"])
    quotes = [(e.doc, e.id, e.evidence) for e in gold.events] + [
        (m["doc"], "must_not", m["evidence"]) for m in gold.must_not if m.get("evidence")]
    missing = [(what, doc, q) for doc, what, q in quotes if _squash(q) not in texts[doc]]
    assert not missing


def test_holdout_is_disjoint_from_the_tuning_set(corpus: dict[str, dict[str, str]]) -> None:
    tuning, holdout = load_gold(TUNING), load_gold(HOLDOUT)
    tuned_ids = {str(d["unit_id"]) for d in tuning.documents.values()}
    held_ids = {str(d["unit_id"]) for d in holdout.documents.values()}
    assert not tuned_ids & held_ids
    # the corpus repeats some articles under other ids: no held-out text may be a tuning text
    tuned_texts = {_squash(corpus[u]["article_content"]) for u in tuned_ids}
    assert not {_squash(corpus[u]["article_content"]) for u in held_ids} & tuned_texts
    assert len({d["outlet"] for d in holdout.documents.values()}) >= 10
    labels = {corpus[u]["labels"] for u in held_ids}
    assert labels == {"0", "1"}, "the held-out set mixes credible and fake articles"


def _selector():
    spec = importlib.util.spec_from_file_location("select_holdout", GOLD_DIR / "select_holdout.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_holdout_is_the_fixed_selection(corpus: dict[str, dict[str, str]]) -> None:
    # the documents are chosen by a rule fixed before coding, not by hand: 40 articles, every
    # outlet twice or more, no article text twice, and exactly the script's picks under its ids
    sel = _selector()
    picks = sel.select(sel.eligible(CORPUS, TUNING))
    raw = json.loads(HOLDOUT.read_text(encoding="utf-8"))
    assert [(d["id"], str(d["unit_id"]), d["outlet"]) for d in raw["documents"]] == [
        (gid, r["unit_id"], r["source"]) for _, gid, r in picks]
    assert len(raw["documents"]) == 40
    outlets = Counter(d["outlet"] for d in raw["documents"])
    assert len(outlets) == 15 and min(outlets.values()) >= 2
    texts = [_squash(corpus[str(d["unit_id"])]["article_content"]) for d in raw["documents"]]
    assert len(set(texts)) == len(texts)
    labels = Counter(corpus[str(d["unit_id"])]["labels"] for d in raw["documents"])
    assert min(labels.values()) >= 10, labels


def test_selection_excludes_tuning_and_keeps_batch_one(corpus: dict[str, dict[str, str]]) -> None:
    # batch 2 extends batch 1 without changing it: the first 20 picks are the original held-out set
    sel = _selector()
    pool = sel.eligible(CORPUS, TUNING)
    tuned = {str(d["unit_id"]) for d in load_gold(TUNING).documents.values()}
    assert not tuned & {r["unit_id"] for rows in pool.values() for r in rows}
    picks = sel.select(pool)
    assert [b for b, _, _ in picks] == [1] * 20 + [2] * 20
    first = {"ahram-h1": "1923848267", "nna-h1": "1914947530", "dailysabah-h2": "1924058188"}
    assert {gid: r["unit_id"] for _, gid, r in picks if gid in first} == first
