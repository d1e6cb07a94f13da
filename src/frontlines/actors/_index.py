"""The alias index: an Aho-Corasick automaton over word keys, plus fuzzy lookup for new spellings.

Built once from (alias, actor id) pairs. `find` returns every alias occurrence in a text as
word-aligned matches (longest first, no overlaps); `lookup` maps one name to actor ids through its
exact key, then its key without designators ("the X group", "X Movement"), then rapidfuzz.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import ahocorasick
from rapidfuzz import fuzz, process

from frontlines.actors._keys import POSSESSIVE, alias_key, is_acronym, word_keys

__all__ = ["AliasIndex", "AliasMatch", "FUZZY_THRESHOLD"]

_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:al|el|ad|as|ash|an|ar|at|az)[-‐‑]$", re.IGNORECASE)

# Tuned on leave-one-out aliases vs. place and person names (benchmarks/actors.py --tune).
FUZZY_THRESHOLD = 88.0
_MIN_FUZZY_KEY = 6


@dataclass(frozen=True, slots=True)
class AliasMatch:
    """An alias found in a text: character span, the words matched and the actors it names."""

    start: int
    end: int
    text: str
    key: str
    actor_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Entry:
    key: str
    actor_ids: tuple[str, ...]
    acronym_forms: frozenset[str]  # the exact capitals an acronym alias must match
    exact_only: bool  # every alias behind the key is an acronym


class AliasIndex:
    """Alias keys -> actor ids, with an automaton for running text and fuzzy lookup for names."""

    def __init__(self, aliases: Iterable[tuple[str, str]], designators: Iterable[str] = ()) -> None:
        by_key: dict[str, list[str]] = {}
        forms: dict[str, set[str]] = {}
        plain: dict[str, bool] = {}
        for alias, actor_id in aliases:
            key = alias_key(alias)
            if not key:
                continue
            ids = by_key.setdefault(key, [])
            if actor_id not in ids:
                ids.append(actor_id)
            if is_acronym(alias):
                forms.setdefault(key, set()).add("".join(c for c in alias if c.isalnum()))
            else:
                plain[key] = True
        self._entries = {
            key: _Entry(key, tuple(ids), frozenset(forms.get(key, ())), not plain.get(key, False))
            for key, ids in by_key.items()
        }
        self._designators = tuple(sorted({alias_key(d) for d in designators if alias_key(d)},
                                         key=len, reverse=True))
        self._fuzzy_keys = [k.replace(" ", "") for k, e in self._entries.items()
                            if not e.exact_only and len(k.replace(" ", "")) >= _MIN_FUZZY_KEY]
        self._fuzzy_map: dict[str, list[str]] = {}
        for k, e in self._entries.items():
            if not e.exact_only:
                self._fuzzy_map.setdefault(k.replace(" ", ""), []).append(k)
        self._automaton = ahocorasick.Automaton()
        for key in self._entries:
            self._automaton.add_word(f" {key} ", key)
        if self._entries:
            self._automaton.make_automaton()

    def __len__(self) -> int:
        return len(self._entries)

    def actor_ids(self, key: str) -> tuple[str, ...]:
        entry = self._entries.get(key)
        return entry.actor_ids if entry else ()

    # ------------------------------------------------------------------ running text

    def find(self, text: str) -> list[AliasMatch]:
        """Every alias occurrence in `text`, longest first then leftmost, without overlaps."""
        if not self._entries:
            return []
        words = word_keys(text)
        if not words:
            return []
        word_at: dict[int, int] = {}  # stream position of a word's first char -> word index
        pos = 1
        for i, w in enumerate(words):
            word_at[pos] = i
            pos += len(w.key) + 1
        stream = " " + " ".join(w.key for w in words) + " "
        found: list[tuple[int, int, str]] = []  # (first word, last word, key)
        for end_pos, key in self._automaton.iter(stream):
            first = word_at[end_pos - len(key)]  # end_pos is the trailing space of " key "
            last = first + key.count(" ")
            if not self._acronym_ok(self._entries[key], words[first : last + 1]):
                continue
            found.append((first, last, key))
        found.sort(key=lambda f: (-(f[1] - f[0]), -len(f[2]), f[0]))
        taken: set[int] = set()
        out: list[AliasMatch] = []
        for first, last, key in found:
            span = set(range(first, last + 1))
            if span & taken:
                continue
            taken |= span
            start, end = words[first].start, words[last].end
            article = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)
            if article is not None:
                start = article.start()
            out.append(AliasMatch(start, end, text[start:end], key, self._entries[key].actor_ids))
        out.sort(key=lambda m: m.start)
        return out

    @staticmethod
    def _acronym_ok(entry: _Entry, words: list) -> bool:
        if not entry.acronym_forms:
            return True
        written = "".join(w.text for w in words)
        if written in entry.acronym_forms:
            return True
        return not entry.exact_only and not written.isupper()

    # ------------------------------------------------------------------ single names

    def lookup(self, name: str,
               threshold: float = FUZZY_THRESHOLD) -> tuple[tuple[str, ...], float]:
        """Actor ids for one name with a score: 1.0 exact, <1 fuzzy; ((), 0.0) when none."""
        key = alias_key(name)
        if not key:
            return (), 0.0
        entry = self._entries.get(key)
        if entry is not None and (not entry.exact_only or _written(name) in entry.acronym_forms):
            return entry.actor_ids, 1.0
        core = self.strip_designators(key)
        if core != key and core in self._entries and not self._entries[core].exact_only:
            return self._entries[core].actor_ids, 0.98
        return self.fuzzy(core, threshold)

    def fuzzy(self, key: str, threshold: float = FUZZY_THRESHOLD) -> tuple[tuple[str, ...], float]:
        """The closest alias key by rapidfuzz ratio, if its score reaches `threshold` (0-100)."""
        flat = key.replace(" ", "")
        if len(flat) < _MIN_FUZZY_KEY or not self._fuzzy_keys:
            return (), 0.0
        best = process.extractOne(flat, self._fuzzy_keys, scorer=fuzz.ratio,
                                  score_cutoff=threshold)
        if best is None:
            return (), 0.0
        ids: list[str] = []
        for k in self._fuzzy_map[best[0]]:
            ids.extend(i for i in self._entries[k].actor_ids if i not in ids)
        return tuple(ids), round(float(best[1]) / 100.0 * 0.95, 3)

    def strip_designators(self, key: str) -> str:
        """Drop a leading "the", a possessive and trailing designators ("group", "movement")."""
        words = key.split(" ")
        changed = True
        while changed and len(words) > 1:
            changed = False
            if words[-1] == POSSESSIVE:
                words.pop()
                changed = True
                continue
            tail = " ".join(words)
            for d in self._designators:
                if tail.endswith(" " + d) and len(words) > d.count(" ") + 1:
                    words = words[: len(words) - d.count(" ") - 1]
                    changed = True
                    break
        if len(words) > 1 and words[0] == alias_key("the"):
            words = words[1:]
        return " ".join(words)


def _written(name: str) -> str:
    return "".join(c for c in name if c.isalnum())
