"""Event classifier alone, on the CASE 2021 dev half and the ACLED notes (measurement only).

    python benchmarks/classifier.py                         # the shipped model
    python benchmarks/classifier.py --model a.npz --model b.npz
    python benchmarks/classifier.py --embeddings DIR        # an embedding model (build venv)

Prints one row per model: CASE dev weighted F1 over the 415 ACLED-typed snippets (first sentence
and whole snippet), the share of the 94 non-ACLED snippets given an ACLED type, accuracy of
sub_event_type on the ACLED notes, sentences per CPU-second, and model size.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from frontlines.events.classifier import NO_EVENT, EventClassifier  # noqa: E402

EVAL = ROOT.parent.parent / "shared" / "eval"
CASE_CODES = {
    "ABDUCT_DISSAP": "Abduction/forced disappearance", "AGREEMENT": "Agreement",
    "AIR_STRIKE": "Air/drone strike", "ARMED_CLASH": "Armed clash", "ARREST": "Arrests",
    "ART_MISS_ATTACK": "Shelling/artillery/missile attack", "ATTACK": "Attack",
    "CHANGE_TO_GROUP_ACT": "Change to group/activity", "CHEM_WEAP": "Chemical weapon",
    "DISR_WEAP": "Disrupted weapons use",
    "FORCE_AGAINST_PROTEST": "Excessive force against protesters",
    "GOV_REGAINS_TERIT": "Government regains territory", "GRENADE": "Grenade",
    "HQ_ESTABLISHED": "Headquarters or base established", "MOB_VIOL": "Mob violence",
    "NON_STATE_ACTOR_OVERTAKES_TER": "Non-state actor overtakes territory",
    "NON_VIOL_TERRIT_TRANSFER": "Non-violent transfer of territory", "OTHER": "Other",
    "PEACE_PROTEST": "Peaceful protest", "PROPERTY_DISTRUCT": "Looting/property destruction",
    "PROTEST_WITH_INTER": "Protest with intervention",
    "REM_EXPLOS": "Remote explosive/landmine/IED",
    "SEX_VIOL": "Sexual violence", "SUIC_BOMB": "Suicide bomb",
    "VIOL_DEMONSTR": "Violent demonstration",
}
_SENT = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“])")


def first_sentence(text: str) -> str:
    return _SENT.split(text.strip(), maxsplit=1)[0]


def weighted_f1(gold: list[str], pred: list[str]) -> float:
    support = Counter(gold)
    total = 0.0
    for c, n in support.items():
        tp = sum(1 for g, p in zip(gold, pred, strict=False) if g == c and p == c)
        npred = sum(1 for p in pred if p == c)
        prec = tp / npred if npred else 0.0
        rec = tp / n
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        total += f1 * n
    return total / len(gold)


def load_case(path: Path) -> list[tuple[str, str]]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            rows.append((r["EventSnippet"], CASE_CODES.get(r["SubType"].strip(), NO_EVENT)))
    return rows


def load_acled(folder: Path) -> list[tuple[str, str]]:
    rows = []
    for f in sorted(folder.glob("*.csv")):
        with f.open(encoding="utf-8") as fh:
            rows.extend((r["notes"], r["sub_event_type"]) for r in csv.DictReader(fh))
    return rows


def measure(name: str, predict, size_mb: float, case, acled, per_type: bool) -> dict:
    typed = [(t, g) for t, g in case if g != NO_EVENT]
    other = [t for t, g in case if g == NO_EVENT]
    out = {"model": name, "size_mb": size_mb}
    for mode, fn in (("first", first_sentence), ("whole", lambda s: s)):
        pred = predict([fn(t) for t, _ in typed])
        out[f"wf1_{mode}"] = weighted_f1([g for _, g in typed], pred)
        out[f"none_{mode}"] = sum(p == NO_EVENT for p in pred) / len(pred)
        fp = predict([fn(t) for t in other])
        out[f"fp_{mode}"] = sum(p != NO_EVENT for p in fp) / len(fp)
        if per_type and mode == "whole":
            gold = [g for _, g in typed]
            for c in sorted(set(gold)):
                n = gold.count(c)
                ok = sum(1 for g, p in zip(gold, pred, strict=False) if g == c and p == c)
                pairs = zip(gold, pred, strict=False)
                wrong = Counter(p for g, p in pairs if g == c and p != c).most_common(2)
                print(f"   {c:38s} {ok:3d}/{n:<3d} {wrong}")
    apred = predict([t for t, _ in acled])
    out["acled_acc"] = sum(p == g for p, (_, g) in zip(apred, acled, strict=False)) / len(acled)
    sents = [first_sentence(t) for t, _ in case] * 4
    t0 = time.process_time()  # CPU time: the machine's other load does not count
    predict(sents)
    out["sent_per_s"] = len(sents) / (time.process_time() - t0)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", action="append", type=Path, help="npz model (repeatable)")
    ap.add_argument("--embeddings", action="append", type=Path, default=[],
                    help="model folder from scripts/embedding_head.py (build venv)")
    ap.add_argument("--eval", type=Path, default=EVAL)
    ap.add_argument("--per-type", action="store_true")
    args = ap.parse_args(argv)
    case = load_case(args.eval / "case2021" / "dev.tsv")
    acled = load_acled(args.eval / "acled")
    results = []
    for path in args.model or [None]:
        clf = EventClassifier.load(path)
        path = path or Path(sys.modules[EventClassifier.__module__].DEFAULT_MODEL)
        name = f"{clf.vectorizer.mode}-lr {path.name}"

        def predict(xs, clf=clf):
            return [label for label, _ in clf.predict(xs)]

        size = path.stat().st_size / 1e6
        results.append(measure(name, predict, size, case, acled, args.per_type))
    for folder in args.embeddings:
        sys.path.insert(0, str(ROOT / "scripts"))
        from embedding_head import EmbeddingClassifier  # build-time only

        emb = EmbeddingClassifier.load(folder)
        results.append(measure(f"static-emb {folder.name}", emb.predict_labels, emb.size_mb(),
                               case, acled, args.per_type))
    print(f"CASE dev: {sum(g != NO_EVENT for _, g in case)} ACLED-typed, "
          f"{sum(g == NO_EVENT for _, g in case)} other; ACLED notes: {len(acled)}")
    head = ("model", "wF1 1st", "wF1 all", "no-ev 1st", "no-ev all", "FP 1st", "FP all",
            "ACLED acc", "sent/s", "MB")
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in results:
        print(f"| {r['model']} | {r['wf1_first']:.3f} | {r['wf1_whole']:.3f} "
              f"| {r['none_first']:.2f} "
              f"| {r['none_whole']:.2f} | {r['fp_first']:.2f} | {r['fp_whole']:.2f} "
              f"| {r['acled_acc']:.3f} | {r['sent_per_s']:,.0f} | {r['size_mb']:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
