"""CASE 2021 (task 2) development half: event type of each snippet's main event.

Each snippet of ../shared/eval/case2021/dev.tsv is ingested as one document (no publication
date: the snippets carry none) into a fresh temporary store through the Pipeline; its main event
(not background, then the first told, as `frontlines eval` picks it for ACLED notes) is compared
with the snippet's `SubType`. Prints the support-weighted F1 over the ACLED-typed snippets (as
the shared task reported it), per-type precision / recall / F1, the share of ACLED-typed
snippets with no event, and the share of the non-ACLED snippets (crime, disasters, diplomacy,
attribution) coded as an ACLED event. The last line is JSON.

    .venv/bin/python benchmarks/eval_case.py [--workers 2] [--limit N] [--no-model] [TSV]
        [--dump NEW.jsonl] [--compare OLD.jsonl]

It also prints the figures of each half (snippets of even and odd index: a change should help
both) and, with --compare, the snippets whose main event changed since an earlier --dump.

`--no-model` runs the rules alone (FRONTLINES_EVENT_MODEL=off), for a before/after in one go.
Evaluation use only: nothing of the file goes into code, kb or training data.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "eval" / "case2021" / "dev.tsv"

# The CASE codes of ACLED's 25 sub-event types (event-types.txt) as ACLED names them.
ACLED_NAMES = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance",
    "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike",
    "ARMED_CLASH": "Armed clash",
    "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack",
    "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity",
    "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory",
    "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established",
    "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory",
    "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest",
    "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence",
    "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
NONE = "(none)"


def read_snippets(path: Path, limit: int | None) -> list[tuple[str, str, str]]:
    csv.field_size_limit(10**8)
    with open(path, encoding="utf-8", newline="") as fp:
        rows = [(r["id"], r["EventSnippet"], r["SubType"])
                for r in csv.DictReader(fp, delimiter="\t", quoting=csv.QUOTE_NONE)]
    return rows[:limit] if limit else rows


def predict(snippets: list[tuple[str, str, str]], workers: int,
            detail: dict[str, list[dict]] | None = None) -> dict[str, tuple[str, float, str]]:
    """Snippet id -> (the sub_event_type of its main event (NONE when no event), its
    confidence, the sub_event_type of its main event among those not marked needs_review)."""
    from frontlines.eval.acled import main_event
    from frontlines.eval.run import event_priority
    from frontlines.model import Document
    from frontlines.pipeline import Pipeline
    from frontlines.store import Store

    with tempfile.TemporaryDirectory() as tmp, Store.open(str(Path(tmp) / "case.db")) as store:
        pipeline = Pipeline.load(store)
        docs = [Document.create(text, title=f"CASE {sid}", source_path=f"case#{sid}")
                for sid, text, _ in snippets]
        pipeline.run(docs, workers=workers)
        rank = event_priority(pipeline.knowledge.ontology)
        by_doc: dict[str, list] = {}
        for e in store.events():
            for doc_id in {c.doc_id for c in e.claims}:
                by_doc.setdefault(doc_id, []).append(e)
        out = {}
        for (sid, _, _), doc in zip(snippets, docs, strict=True):
            events = by_doc.get(doc.id, [])
            sure = [e for e in events if not e.needs_review]
            main = main_event(events, doc.id, rank) if events else None
            main_sure = main_event(sure, doc.id, rank) if sure else None
            if detail is not None:
                detail[sid] = [{"type": e.sub_event_type, "confidence": round(e.confidence, 3),
                                "review": e.needs_review, "main": e is main,
                                "source": sorted({c.source for c in e.claims}),
                                "sentence": min(c.sentence for c in e.claims)} for e in events]
            out[sid] = (main.sub_event_type if main else NONE,
                        main.confidence if main else 0.0,
                        main_sure.sub_event_type if main_sure else NONE)
        return out


def per_type(gold: list[str], pred: list[str], labels: list[str]
             ) -> dict[str, dict[str, float]]:
    """Precision / recall / F1 / support of each label; `gold` and `pred` may hold other labels
    (a non-ACLED snippet predicted as Attack lowers Attack's precision)."""
    table = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == p == label)
        n_pred = sum(1 for p in pred if p == label)
        n_gold = sum(1 for g in gold if g == label)
        prec = tp / n_pred if n_pred else 0.0
        rec = tp / n_gold if n_gold else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        table[label] = {"precision": prec, "recall": rec, "f1": f1, "support": n_gold}
    return table


def figures(snippets: list[tuple[str, str, str]], predicted: dict[str, str]
            ) -> tuple[float, float, float]:
    """(weighted F1, share of ACLED-typed with no event, share of non-ACLED coded) of some
    snippets, scored as the whole file is."""
    acled = [(sid, ACLED_NAMES[code]) for sid, _, code in snippets if code in ACLED_NAMES]
    other = [sid for sid, _, code in snippets if code not in ACLED_NAMES]
    table = per_type([ACLED_NAMES.get(code, code) for _, _, code in snippets],
                     [predicted[sid] for sid, _, _ in snippets], sorted({g for _, g in acled}))
    weighted = sum(r["f1"] * r["support"] for r in table.values()) / max(len(acled), 1)
    no_event = sum(1 for sid, _ in acled if predicted[sid] == NONE) / max(len(acled), 1)
    coded = sum(1 for sid in other if predicted[sid] != NONE) / max(len(other), 1)
    return weighted, no_event, coded


def compare(snippets: list[tuple[str, str, str]], predicted: dict[str, str],
            earlier: Path) -> None:
    """The snippets whose main event differs from an earlier --dump: + now right, - now wrong,
    ~ wrong both times; with the half (snippet index even or odd) each belongs to."""
    with open(earlier, encoding="utf-8") as fh:
        before = {r["id"]: r["pred"] for r in map(json.loads, fh) if r.get("id")}
    print(f"main events changed since {earlier}:")
    for n, (sid, _, code) in enumerate(snippets):
        was, now = before.get(sid), predicted[sid]
        if was is None or was == now:
            continue
        gold = ACLED_NAMES.get(code, NONE)
        mark = "+" if now == gold else "-" if was == gold else "~"
        print(f"  {mark} {'odd' if n % 2 else 'even':4} {sid:>6} {code:30} {was} -> {now}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tsv", nargs="?", type=Path, default=DEFAULT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--no-model", action="store_true", help="rules alone")
    parser.add_argument("--dump", type=Path, default=None,
                        help="write each snippet's gold and events as JSON lines (keep it "
                             "outside the repository)")
    parser.add_argument("--compare", type=Path, default=None,
                        help="an earlier --dump: list the snippets whose main event changed")
    args = parser.parse_args()
    if not args.tsv.exists():
        print(f"CASE file not found: {args.tsv}", file=sys.stderr)
        return 2
    # the classifier is opt-in (Settings.event_model): this benchmark measures it unless told not to
    os.environ["FRONTLINES_EVENT_MODEL"] = "off" if args.no_model else "on"
    snippets = read_snippets(args.tsv, args.limit)
    started = time.perf_counter()
    detail: dict[str, list[dict]] | None = {} if args.dump else None
    coded = predict(snippets, args.workers, detail)
    secs = time.perf_counter() - started
    predicted = {sid: main for sid, (main, _, _) in coded.items()}
    acled = [(sid, ACLED_NAMES[code]) for sid, _, code in snippets if code in ACLED_NAMES]
    other = [sid for sid, _, code in snippets if code not in ACLED_NAMES]
    gold = [g for _, g in acled]
    pred = [predicted[sid] for sid, _ in acled]
    labels = sorted(set(gold))
    # Every snippet counts for precision (a disaster coded as an Attack is a false Attack);
    # the average is weighted by the support of the ACLED types, as the shared task's was.
    table = per_type([ACLED_NAMES.get(code, code) for _, _, code in snippets],
                     [predicted[sid] for sid, _, _ in snippets], labels)
    weighted = sum(r["f1"] * r["support"] for r in table.values()) / max(len(gold), 1)
    only = per_type(gold, pred, labels)
    weighted_acled = sum(r["f1"] * r["support"] for r in only.values()) / max(len(gold), 1)
    no_event = sum(1 for p in pred if p == NONE) / max(len(pred), 1)
    coded_other = sum(1 for sid in other if predicted[sid] != NONE) / max(len(other), 1)
    print(f"{'sub_event_type':36} {'prec':>6} {'rec':>6} {'f1':>6} {'n':>4}")
    for label, r in sorted(table.items(), key=lambda kv: kv[1]["f1"]):
        print(f"{label:36} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
              f"{r['support']:4d}")
    confused = Counter((g, p) for g, p in zip(gold, pred, strict=True) if g != p)
    print("most frequent confusions (gold -> predicted):")
    for (g, p), n in confused.most_common(8):
        print(f"  {n:3d}  {g} -> {p}")
    print(f"weighted F1 over {len(gold)} ACLED-typed snippets: {weighted:.3f} "
          f"(precision from the ACLED-typed snippets alone: {weighted_acled:.3f})")
    print(f"ACLED-typed with no event: {no_event:.1%}")
    print(f"non-ACLED ({len(other)}) coded as an ACLED event: {coded_other:.1%}")
    # a change should help both halves (by snippet index), not one: the hidden half is alike
    halves = {}
    for name, rest in (("even", 0), ("odd", 1)):
        part = [s for n, s in enumerate(snippets) if n % 2 == rest]
        halves[name] = dict(zip(("weighted_f1", "no_event", "non_acled_coded"),
                                (round(v, 4) for v in figures(part, predicted)), strict=True))
        print(f"{name} half: weighted F1 {halves[name]['weighted_f1']:.3f}, no event "
              f"{halves[name]['no_event']:.1%}, non-ACLED coded "
              f"{halves[name]['non_acled_coded']:.1%}")
    if args.compare:
        compare(snippets, predicted, args.compare)
    print(f"{len(snippets)} snippets in {secs:.0f} s")
    sure = {sid: main for sid, (_, _, main) in coded.items()}
    table_sure = per_type([ACLED_NAMES.get(code, code) for _, _, code in snippets],
                          [sure[sid] for sid, _, _ in snippets], labels)
    weighted_sure = sum(r["f1"] * r["support"] for r in table_sure.values()) / max(len(gold), 1)
    no_event_sure = sum(1 for sid, _ in acled if sure[sid] == NONE) / max(len(acled), 1)
    coded_sure = sum(1 for sid in other if sure[sid] != NONE) / max(len(other), 1)
    print(f"leaving out events marked needs_review: weighted F1 {weighted_sure:.3f}, no event "
          f"{no_event_sure:.1%}, non-ACLED coded {coded_sure:.1%}")
    print("main event's confidence: share right (ACLED-typed) / share coded (non-ACLED)")
    for lo, hi in ((0.0, 0.2), (0.2, 0.3), (0.3, 0.4), (0.4, 0.5), (0.5, 0.6), (0.6, 0.8),
                   (0.8, 1.01)):
        right = [predicted[sid] == g for sid, g in acled
                 if predicted[sid] != NONE and lo <= coded[sid][1] < hi]
        wrong_other = sum(1 for sid in other if predicted[sid] != NONE and
                          lo <= coded[sid][1] < hi)
        print(f"  [{lo:.1f}, {min(hi, 1):.1f}): {sum(right):3d}/{len(right):3d} right, "
              f"{wrong_other:2d} non-ACLED")
    if args.dump and detail is not None:
        with open(args.dump, "w", encoding="utf-8") as fh:
            for sid, text, code in snippets:
                fh.write(json.dumps({"id": sid, "gold": ACLED_NAMES.get(code, code),
                                     "pred": predicted[sid], "text": text,
                                     "events": detail.get(sid, [])}) + "\n")
    print(json.dumps({"benchmark": "eval_case", "model": not args.no_model,
                      "weighted_f1": round(weighted, 4), "acled_typed": len(gold),
                      "weighted_f1_acled_only": round(weighted_acled, 4),
                      "no_event": round(no_event, 4), "non_acled": len(other),
                      "non_acled_coded": round(coded_other, 4), "halves": halves,
                      "seconds": round(secs, 1),
                      "without_needs_review": {"weighted_f1": round(weighted_sure, 4),
                                               "no_event": round(no_event_sure, 4),
                                               "non_acled_coded": round(coded_sure, 4)},
                      "per_type": {k: {m: round(v, 3) if isinstance(v, float) else v
                                       for m, v in r.items()} for k, r in table.items()}}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
