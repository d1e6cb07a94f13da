"""Probe the roles of sentences of your own: each claim's sub-event type, actor1 and actor2, and
with --parse the dependency parse (token, dep, head) to see why a side was not read.

    .venv/bin/python benchmarks/roles_probe.py [--parse] "sentence" ["sentence" ...]
    .venv/bin/python benchmarks/roles_probe.py [--parse] - < sentences.txt   (one a line)
"""

from __future__ import annotations

import argparse
import sys
from datetime import date

from frontlines import events
from frontlines.model import Document
from frontlines.nlp import Annotator
from frontlines.pipeline import load_knowledge, places_of


def _name(ref: object) -> str:
    if ref is None:
        return "-"
    return getattr(ref, "acled_name", None) or getattr(ref, "name", None) or "-"


def _trace_frames() -> None:
    """Print every frame the role reader builds (trigger, governor, subject, targets, sides)."""
    import importlib

    extract = importlib.import_module("frontlines.events.extract")

    original = extract.frames_for

    def traced(view, matches, ontology):  # type: ignore[no-untyped-def]
        frames = original(view, matches, ontology)
        for f in frames:
            gov = f.governor.match.text if f.governor else None
            def said(spans):  # type: ignore[no-untyped-def]
                return [view.text(a.first, a.last) for a in spans]

            print(f"    frame {f.match.text!r} pred={view.tokens[f.pred].text} gov={gov!r} "
                  f"subject={said(f.subject)} generic={f.generic!r} "
                  f"preps={ {k: said(v) for k, v in f.preps.items()} } "
                  f"between={said(f.between)} objects="
                  f"{[view.tokens[o].text for o in f.objects]} sides={f.generic_sides}")
        return frames

    extract.frames_for = traced


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="+")
    parser.add_argument("--parse", action="store_true")
    parser.add_argument("--frames", action="store_true", help="each frame's roles as read")
    args = parser.parse_args()
    if args.frames:
        _trace_frames()
    texts = [t.strip() for t in sys.stdin if t.strip()] if args.texts == ["-"] else args.texts
    knowledge = load_knowledge(None)
    annotator = Annotator.load(knowledge)
    for text in texts:
        annotated = annotator.annotate_one(Document.create(text, published=date(2021, 6, 18)))
        ex = events.extract(annotated, places_of(annotated, knowledge), knowledge)
        print(f"\n{text}")
        for c in ex.claims:
            print(f"  {c.trigger!r:18} {c.sub_event_type:38} a1={_name(c.actor1)} | "
                  f"a2={_name(c.actor2)}")
        if args.parse:
            for sent in annotated.sentences:
                print("   " + " ".join(f"{t.i}:{t.text}/{t.pos}/{t.dep}>{t.head}"
                                       for t in sent.tokens))
    return 0


if __name__ == "__main__":
    sys.exit(main())
