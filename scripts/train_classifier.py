"""Train the event classifier from the project's corpus and write the shipped model.

    python scripts/train_classifier.py    # -> src/frontlines/kb/models/event-classifier.npz
    python scripts/train_classifier.py --out /tmp/m.npz --C 5

Needs numpy and scipy only. Deterministic: the same corpus gives a byte-identical file on any
machine (events/classifier_train.py says how).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

from frontlines.events.classifier import DEFAULT_MODEL
from frontlines.events.classifier_train import CORPUS, DEFAULTS, read_corpus, train


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--C", type=float, default=DEFAULTS["C"])
    ap.add_argument("--min-df", type=int, default=DEFAULTS["min_df"])
    ap.add_argument("--mode", choices=["tfidf", "tokensum"], default=DEFAULTS["mode"])
    ap.add_argument("--temperature", type=float, default=DEFAULTS["temperature"],
                    help="the model's softmax temperature (combine.py's bars were measured at "
                         "the default)")
    ap.add_argument("--calibrate", action="store_true",
                    help="fit the temperature on held-out templates instead (a second "
                         "training): to see whether it has drifted from --temperature")
    args = ap.parse_args(argv)
    rows = read_corpus(args.corpus)
    model = train(rows, C=args.C, min_df=args.min_df, mode=args.mode,
                  temperature=args.temperature, calibrate=args.calibrate)
    model.save(args.out)
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()[:16]
    counts = Counter(r["label"] for r in rows)
    print(f"{len(rows)} sentences, {len(counts)} labels, vocabulary {len(model.vectorizer.vocab)}, "
          f"mode {model.vectorizer.mode}, temperature {model.temperature}")
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB, sha256 {digest})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
