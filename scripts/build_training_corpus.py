"""Build the event-classifier training corpus from the hand-written templates.

    python scripts/build_training_corpus.py   # writes src/frontlines/kb/training/corpus.jsonl

Inputs (all written for this project, nothing taken from the eval sets or any article):
  scripts/corpus/countries.yaml   slot fillers per country (forces, groups, towns, ...)
  scripts/corpus/*.txt            templates: "== <label>" starts a label section, then one
                                  "style: text" per line; "@Country style: text" ties a one-off
                                  sentence to a country.

Template syntax: {SLOT} is filled from the sentence's country; {SLOT>1}, {SLOT>2}, {SLOT>p}
also record the filler as actor1, actor2 or place; [literal]>1 marks a literal span. Slots:
ARMY POLICE SF REBEL REBEL2 MILITIA GOV CIV PROT P P2 REG COUNTRY ADJ PARTY N N2 NB DATE DAY.

The output is deterministic (fixed seed, sorted inputs): the same templates give the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "scripts" / "corpus"
OUT = ROOT / "src" / "frontlines" / "kb" / "training" / "corpus.jsonl"
SEED = 20261202
EVENT_FILLS = 6  # fills per event template (one-offs: 1)
NONEVENT_FILLS = 13

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DAYS = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
        "on Sunday", "late on Sunday", "on Friday night", "early on Wednesday", "overnight",
        "on Saturday morning", "yesterday", "this morning", "on Tuesday evening", "at dawn"]
NUMBER_WORDS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
                9: "nine", 10: "ten", 12: "twelve", 15: "fifteen", 20: "twenty"}
LOWERABLE = {"a", "an", "the", "gunmen", "police", "soldiers", "troops", "armed", "unknown",
             "unidentified", "security", "protesters", "rioters", "militants", "residents",
             "villagers", "bandits", "insurgents", "hundreds", "thousands", "dozens", "rebels",
             "government", "regime", "officers", "fighters", "attackers", "suspected", "masked",
             "angry", "two", "warplanes", "artillery", "shells", "several", "jihadists",
             "terrorists", "demonstrators", "kidnappers", "settlers", "women", "students"}
SLOT = re.compile(r"\{([A-Z0-9]+)(?:>([12p]))?\}|\[([^\]]+)\]>([12p])")
ROLE = {"1": "actor1", "2": "actor2", "p": "place"}


def _number(rng: random.Random, lo: int = 2, hi: int = 45) -> str:
    n = rng.randint(lo, hi)
    if n in NUMBER_WORDS and rng.random() < 0.3:
        return NUMBER_WORDS[n]
    return str(n)


def _date(rng: random.Random) -> str:
    d, m = rng.randint(1, 28), rng.choice(MONTHS)
    return f"{d} {m}" if rng.random() < 0.6 else f"{m} {d}"


def _fill(slot: str, prof: dict, country: str, rng: random.Random, used: dict) -> str:
    pick = lambda key: rng.choice(prof[key])  # noqa: E731
    if slot in ("ARMY", "POLICE", "MILITIA", "GOV", "CIV", "PROT", "PARTY"):
        return pick(slot.lower())
    if slot == "SF":
        return pick(rng.choice(["army", "police"]))
    if slot == "REBEL":
        return pick("rebel")
    if slot == "REBEL2":
        options = [r for r in prof["rebel"] + prof["militia"] if r != used.get("REBEL")]
        return rng.choice(options)
    if slot == "P":
        return pick("places")
    if slot == "P2":
        return rng.choice([p for p in prof["places"] if p != used.get("P")])
    if slot == "REG":
        return pick("regions")
    if slot == "COUNTRY":
        return country
    if slot == "ADJ":
        return prof["adj"]
    if slot in ("N", "N2"):
        return _number(rng)
    if slot == "NB":
        return f"{rng.choice([150, 200, 300, 400, 500, 800, 1200, 1500, 2000, 3500, 12000]):,}"
    if slot == "DATE":
        return _date(rng)
    if slot == "DAY":
        return rng.choice(DAYS)
    raise ValueError(f"unknown slot {{{slot}}}")


def _restyle(text: str, style: str, place: str | None, rng: random.Random) -> tuple[str, str]:
    """Sometimes rewrite a wire/local sentence into another surface style."""
    if style not in ("wire", "local", "state") or rng.random() > 0.35:
        return text, style
    r = rng.random()
    first = text.split(" ", 1)[0]
    if r < 0.4 and first.lower() in LOWERABLE and not text.startswith("On "):
        return f"On {_date(rng)}, {first.lower()}{text[len(first):]}", "acled"
    if r < 0.7 and place:
        return f"{place.upper()}, {_date(rng)} - {text}", "wire-dateline"
    if text.endswith(".") and " said" not in text:
        tail = rng.choice([", a local official said.", ", according to residents.",
                           ", police said.", ", a security source told reporters.",
                           ", state television reported.", ", local media reported."])
        return text[:-1] + tail, style
    return text, style


SCRAPED_SHARE = 0.15  # share of prose sentences given with commas and apostrophes lost
_SCRAPED = str.maketrans("", "", ",'\u2019")


def _scrape(text: str, style: str, rng: random.Random) -> tuple[str, bool]:
    """Sometimes drop the commas and apostrophes, as scraped and re-encoded news text often
    has them ("the citys main market", "the army said 12 soldiers were killed")."""
    if style in ("headline", "acled") or rng.random() >= SCRAPED_SHARE:
        return text, False
    return text.translate(_SCRAPED), True


def parse_templates(src: Path = SRC) -> list[dict]:
    templates = []
    for f in sorted(src.glob("*.txt")):
        label = None
        for no, raw in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("== "):
                label = line[3:].strip()
                continue
            country = None
            if line.startswith("@"):
                head, _, line = line.partition(" ")
                country = head[1:]
                # country names with spaces: greedily take words until "style:"
                while not re.match(r"^[a-z-]+: ", line):
                    w, _, line = line.partition(" ")
                    country += " " + w
            style, _, text = line.partition(": ")
            if label is None or not text:
                raise ValueError(f"{f.name}:{no}: bad template line")
            templates.append({"label": label, "style": style, "text": text, "country": country,
                              "id": f"{f.stem}:{no}"})
    return templates


def render(t: dict, country: str, prof: dict | None, rng: random.Random) -> dict:
    used: dict[str, str] = {}
    roles: dict[str, str] = {}

    def sub(m: re.Match) -> str:
        if m.group(3) is not None:
            value, role = m.group(3), m.group(4)
        else:
            slot, role = m.group(1), m.group(2)
            if slot not in used:
                if prof is None:
                    raise ValueError(f"{t['id']}: slot {slot} in a one-off sentence")
                used[slot] = _fill(slot, prof, country, rng, used)
            value = used[slot]
        if role and ROLE[role] not in roles:
            roles[ROLE[role]] = value
        return value

    text = SLOT.sub(sub, t["text"])
    text = text[0].upper() + text[1:]
    text, style = _restyle(text, t["style"], roles.get("place"), rng)
    text, scraped = _scrape(text, style, rng)
    row = {"text": text, "label": t["label"], "country": country,
           "style": f"{style}-scraped" if scraped else style}
    for key in ("actor1", "actor2", "place"):
        if key in roles:
            span = roles[key].translate(_SCRAPED) if scraped else roles[key]
            for variant in (span[0].upper() + span[1:], span[0].lower() + span[1:]):
                if span not in text and variant in text:
                    span = variant
            if span not in text:
                raise ValueError(f"{t['id']}: span {span!r} not in {text!r}")
            row[key] = span
    row["template"] = t["id"]
    return row


def build(seed: int = SEED) -> list[dict]:
    countries = yaml.safe_load((SRC / "countries.yaml").read_text(encoding="utf-8"))
    names = sorted(countries)
    rng = random.Random(seed)
    rows, seen = [], set()
    for t in parse_templates():
        if t["country"]:
            fills = [(t["country"], countries.get(t["country"]))]
        else:
            k = NONEVENT_FILLS if t["label"] == "No event" else EVENT_FILLS
            fills = [(c, countries[c]) for c in rng.sample(names, k)]
        for country, prof in fills:
            for _ in range(3):  # retry a duplicate fill
                row = render(t, country, prof, rng)
                if row["text"] not in seen:
                    seen.add(row["text"])
                    rows.append(row)
                    break
    return rows


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    rows = build()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    from collections import Counter

    counts = Counter(r["label"] for r in rows)
    for label, n in sorted(counts.items()):
        print(f"{n:6d}  {label}")
    print(f"{len(rows):6d}  total, {len({r['country'] for r in rows})} countries -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
