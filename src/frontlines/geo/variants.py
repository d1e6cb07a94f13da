"""Other ways to look up a place name: without feature words, qualifiers or a second part.

Two directions, one word list (`kb/toponyms.yaml`):
- `query_variants("Mabrouka Camp")` gives the names to try when the name as written finds
  nothing in context: "Mabrouka" (a camp), "Aleppo" for ACLED's "Aleppo - Saif al-Dawla".
- `index_names("Big Arab Hasan")` gives the extra names a gazetteer entry is indexed under:
  "Arab Hasan"; "Mahsana - Bak Weiran" gives both parts, "Um Adase near Manbaj" gives "Um Adase".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from frontlines.names import fold, name_key

__all__ = ["Variant", "index_names", "is_name_head", "query_variants"]

_PARTS_RE = re.compile(r"\s+[-–—/]\s+|\s*_\s*|\s*\(\s*|\s*\)\s*")


@dataclass(frozen=True)
class Variant:
    name: str
    kind: str | None  # the feature kind the dropped words imply ("camp", "airport")
    first_part: bool  # the head of "City - Neighbourhood"


@dataclass(frozen=True)
class _Words:
    features: dict[str, str | None]  # folded phrase -> kind
    qualifiers: frozenset[str]
    heads: frozenset[str]  # name keys of words that begin a name and are none alone
    locators: tuple[str, ...]
    feature_re: re.Pattern[str]
    qualifier_re: re.Pattern[str]
    spellings: tuple[tuple[re.Pattern[str], str], ...]  # word-start letters written two ways


@cache
def _words() -> _Words:
    text = resources.files("frontlines").joinpath("kb/toponyms.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    features = {fold(str(k)): (str(v) if v else None)
                for k, v in (data.get("features") or {}).items()}
    qualifiers = frozenset(fold(str(q)) for q in data.get("qualifiers") or ())
    locators = tuple(fold(str(w)) for w in data.get("locators") or ())
    alternation = "|".join(re.escape(f) for f in sorted(features, key=len, reverse=True))
    feature_re = re.compile(rf"^(?:(?P<pre>{alternation})\s+)?(?P<core>.+?)"
                            rf"(?:\s+(?P<post>{alternation}))?$")
    qualifier_re = re.compile(r"\b(?:" + "|".join(re.escape(q) for q in qualifiers) + r")\b")
    heads = frozenset(name_key(str(h)) for h in data.get("heads") or ())
    spellings = tuple((re.compile(rf"\b{re.escape(fold(str(a)))}"), fold(str(b)))
                      for pair in data.get("spellings") or () for a, b in (pair, pair[::-1]))
    return _Words(features, qualifiers, heads, locators, feature_re, qualifier_re, spellings)


@cache
def _feature_words() -> frozenset[str]:
    return frozenset(w for phrase in _words().features for w in phrase.split())


def is_name_head(word: str) -> bool:
    """A word that begins a place name and is not one alone: "Tal", "Kafr", "Wadi"."""
    return name_key(word) in _words().heads


def _parts(name: str) -> list[str]:
    return [p.strip() for p in _PARTS_RE.split(name) if p and p.strip()]


def _without_features(name: str) -> tuple[str, str | None] | None:
    """The name without leading/trailing feature words, and the kind they imply."""
    words = _words()
    folded = fold(name)
    m = words.feature_re.match(folded)
    if m is None or not (m.group("pre") or m.group("post")):
        return None
    core = m.group("core")
    if len(name_key(core)) < 3 or set(core.split()) <= _feature_words():
        return None
    kind = words.features.get(m.group("post") or "") or words.features.get(m.group("pre") or "")
    return core, kind


def _without_qualifiers(name: str) -> str | None:
    words = _words()
    folded = fold(name)
    core = re.sub(r"\s+", " ", words.qualifier_re.sub(" ", folded)).strip(" -")
    if core == folded or len(name_key(core)) < 4 or " " not in folded:
        return None
    return core


def query_variants(name: str) -> list[Variant]:
    """Names to try, best first, when `name` itself resolves to nothing in context."""
    out: dict[str, Variant] = {}

    def add(n: str, kind: str | None, first: bool) -> None:
        key = name_key(n)
        if key and key != name_key(name) and key not in out:
            out[key] = Variant(n, kind, first)

    parts = _parts(name)
    heads = parts if len(parts) > 1 else [name]
    for i, part in enumerate(heads):
        first = len(parts) > 1 and i == 0
        if set(fold(part).split()) <= _feature_words():
            continue
        add(part, None, first)
        stripped = _without_features(part)
        if stripped:
            add(stripped[0], stripped[1], first)
        for n in [part, stripped[0] if stripped else None]:
            core = _without_qualifiers(n) if n else None
            if core:
                add(core, stripped[1] if stripped else None, first)
    for variant in list(out.values()) or [Variant(name, None, False)]:
        for pattern, other in _words().spellings:  # "Thi-Qar" -> "dhi-qar"
            respelt = pattern.sub(other, fold(variant.name))
            if respelt != fold(variant.name):
                add(respelt, variant.kind, variant.first_part)
    return list(out.values())


def index_names(name: str, admin_names: tuple[str, ...] = ()) -> Iterator[str]:
    """Extra names to index a gazetteer entry under: each part of a compound name, the name
    before a locator ("X near Y"), without feature words ("Menagh Military Airbase"), without
    qualifiers, without a trailing admin name ("Tal Baydar Ras El Ein" in Ras al-Ain district)."""
    words = _words()
    parts = _parts(name)
    candidates = list(parts) if len(parts) > 1 else [name]
    for part in list(candidates):
        folded = fold(part)
        for loc in words.locators:
            head, sep, _ = folded.partition(f" {loc} ")
            if sep and len(name_key(head)) >= 3:
                candidates.append(head)
        for admin in admin_names:
            a = fold(admin)
            if a and folded.endswith(" " + a) and len(name_key(folded[: -len(a)])) >= 3:
                candidates.append(folded[: -len(a)].strip())
            elif a and name_key(folded).endswith(name_key(a)) and " " in folded:
                head = folded.rsplit(" ", len(a.split()))[0]
                if len(name_key(head)) >= 3 and name_key(head) + name_key(a) == name_key(folded):
                    candidates.append(head)
    for c in list(candidates):
        stripped = _without_features(c)  # "Menagh Military Airbase" -> "Menagh"
        if stripped:
            candidates.append(stripped[0])
    for c in list(candidates):
        core = _without_qualifiers(c)
        if core:
            candidates.append(core)
    seen = {name_key(name)}
    for c in candidates:
        key = name_key(c)
        if key and len(key) >= 3 and key not in seen:
            seen.add(key)
            yield c
