"""Benchmark actor resolution: 10,000 mentions through `KnowledgeBase.resolve`, seed mention
recall/precision of the spaCy component, and the fuzzy threshold sweep.

    .venv/bin/python benchmarks/actors.py            # timing + seed figures
    .venv/bin/python benchmarks/actors.py --tune     # also sweep the fuzzy threshold

Prints figures and one JSON line. Reads ../shared for the seed and OCHA names when present.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from datetime import date
from pathlib import Path

from frontlines.actors import KnowledgeBase
from frontlines.actors._index import AliasIndex
from frontlines.names import name_key

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "fna-idlib-2017.txt"
GOLD = SHARED / "seed" / "fna-idlib-2017.gold.json"
OCHA = SHARED / "data" / "syria" / "ocha-communities.csv"
GENERIC = ["terrorists", "militants", "rebels", "gunmen", "jihadists", "the terrorist coalition",
           "both warring sides", "armed groups", "insurgents", "the militants"]


def _variants(name: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.2:
        return name + "’s"
    if roll < 0.3:
        return f"the {name} group"
    if roll < 0.4:
        return name.lower()
    if roll < 0.5 and len(name) > 8:  # a one-letter misspelling
        i = rng.randrange(2, len(name) - 2)
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    return name


def mentions(kb: KnowledgeBase, n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    names = [alias for a in kb.actors() for alias in (a.name, *a.aliases)]
    places = _ocha_names()[:2000] or ["Saraqib", "Sarmada", "Idlib", "Aleppo", "Harem"]
    out: list[str] = []
    while len(out) < n:
        roll = rng.random()
        if roll < 0.8:
            out.append(_variants(rng.choice(names), rng))
        elif roll < 0.9:
            out.append(rng.choice(GENERIC))
        else:
            out.append(rng.choice(places))
    return out


def _ocha_names() -> list[str]:
    if not OCHA.exists():
        return []
    with open(OCHA, encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    col = next((c for c in rows[0] if "admin4name_en" in c.lower() or c.lower() == "name_en"),
               None) if rows else None
    col = col or next(c for c in rows[0] if c.lower().endswith("_en"))
    return [r[col] for r in rows if r.get(col)]


def time_resolution(kb: KnowledgeBase, n: int = 10_000) -> dict[str, float]:
    batch = mentions(kb, n)
    on = date(2017, 7, 21)
    t0 = time.perf_counter()
    resolved = sum(1 for m in batch if kb.resolve(m, on) is not None)
    elapsed = time.perf_counter() - t0
    return {"mentions": n, "seconds": round(elapsed, 4), "resolved": resolved,
            "per_second": round(n / elapsed)}


def seed_figures(kb: KnowledgeBase) -> dict[str, object] | None:
    """Mention recall/precision on the seed: every occurrence of a gold actor name counts."""
    if not SEED.exists() or not GOLD.exists():
        return None
    from frontlines.model import Document
    from frontlines.nlp import Annotator, Knowledge

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    text = SEED.read_text(encoding="utf-8")
    published = date.fromisoformat(gold["documents"][0]["published"])
    annotator = Annotator.load(Knowledge(actors=kb), components=["frontlines_actors"])
    annotated = annotator.annotate_one(Document.create(text, published=published))
    predicted = [m for m in annotated.mentions if m.kind == "actor"]
    # gold occurrences: every gold name found in the text (longest first, no overlaps)
    occurrences: list[tuple[int, int, str]] = []
    names = sorted(((n, key) for key, a in gold["actors"].items() for n in a["names"]),
                   key=lambda x: -len(x[0]))
    for name, key in names:
        pattern = re.escape(name).replace("'", "['’]")
        for m in re.finditer(rf"(?<!\w){pattern}(?!\w)", text, re.IGNORECASE):
            if not any(s < m.end() and m.start() < e for s, e, _ in occurrences):
                occurrences.append((m.start(), m.end(), key))
    # a gold actor's id in our KB: its names resolved on the publication date, or the
    # provisional actor the component made for it
    def ids_of(key: str) -> set[str]:
        ids = set()
        for n in gold["actors"][key]["names"]:
            found = kb.resolve(n, published)
            if found:
                ids.add(found[0].id)
            ids.add("provisional:" + name_key(n))
        return ids

    hit, wrong, missed = 0, [], []
    for s, e, key in occurrences:
        over = [m for m in predicted if m.start < e and s < m.end]
        if any(m.ref in ids_of(key) for m in over):
            hit += 1
        else:
            missed.append((text[s:e], key, [(m.text, m.ref) for m in over]))
    correct = 0
    for m in predicted:
        over = [key for s, e, key in occurrences if m.start < e and s < m.end]
        if any(m.ref in ids_of(k) for k in over):
            correct += 1
        else:
            wrong.append((m.text, m.ref))
    return {"gold_mentions": len(occurrences), "recalled": hit,
            "recall": round(hit / len(occurrences), 4), "predicted": len(predicted),
            "correct": correct, "precision": round(correct / len(predicted), 4),
            "missed": missed, "unmatched_predictions": wrong}


def tune(kb: KnowledgeBase) -> list[dict[str, float]]:
    """Leave-one-out: each alias removed from the index must come back fuzzily to its actor;
    place names and generic words must not match anything."""
    pairs = [(alias, a.id) for a in kb.actors() for alias in (a.name, *a.aliases)
             if len(name_key(alias)) >= 8 and not alias.isupper()]
    rng = random.Random(3)
    held = rng.sample(pairs, min(300, len(pairs)))
    negatives = _ocha_names()[:1500] + GENERIC
    rows = []
    for threshold in (80, 84, 86, 88, 90, 92, 95):
        tp = fp = fn = 0
        by_id: dict[str, list[tuple[str, str]]] = {}
        for alias, actor_id in held:
            by_id.setdefault(alias, []).append((alias, actor_id))
        for alias, actor_id in held:
            index = AliasIndex([p for p in pairs if p[0] != alias])
            ids, _ = index.fuzzy(index.strip_designators(alias_key_of(alias)), threshold)
            if actor_id in ids:
                tp += 1
            elif ids:
                fp += 1
            else:
                fn += 1
        full = kb.index
        neg_hits = sum(1 for n in negatives if full.fuzzy(alias_key_of(n), threshold)[0])
        fp += neg_hits
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append({"threshold": threshold, "tp": tp, "fp": fp, "fn": fn,
                     "negatives_matched": neg_hits, "precision": round(precision, 3),
                     "recall": round(recall, 3), "f1": round(f1, 3)})
    return rows


def alias_key_of(name: str) -> str:
    from frontlines.actors._keys import alias_key

    return alias_key(name)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true", help="sweep the fuzzy threshold")
    args = parser.parse_args()
    t0 = time.perf_counter()
    kb = KnowledgeBase.load()
    load_s = time.perf_counter() - t0
    known = [a for a in kb.actors() if a.source and "Codebook" not in a.source]
    print(f"knowledge base: {len(known)} actors (+{len(kb.actors()) - len(known)} ACLED "
          f"catch-alls), {len(kb.index)} alias keys, {len(kb.relations())} relations, "
          f"loaded in {load_s:.3f} s")
    timing = time_resolution(kb)
    print(f"resolution: {timing['mentions']} mentions in {timing['seconds']} s "
          f"({timing['per_second']}/s), {timing['resolved']} resolved")
    result: dict[str, object] = {"load_seconds": round(load_s, 4), "resolution": timing}
    seed = seed_figures(kb)
    if seed is not None:
        print(f"seed mentions: recall {seed['recalled']}/{seed['gold_mentions']} = "
              f"{seed['recall']}, precision {seed['correct']}/{seed['predicted']} = "
              f"{seed['precision']}")
        for item in seed["missed"]:
            print("  missed:", item)
        for item in seed["unmatched_predictions"]:
            print("  not a gold mention:", item)
        result["seed"] = {k: v for k, v in seed.items() if k not in ("missed",)}
    if args.tune:
        rows = tune(kb)
        for row in rows:
            print("  threshold", row)
        result["tune"] = rows
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
