"""Fuzzy search over name keys: an index of keys by length and by consonant skeleton, and a
rapidfuzz search that only compares keys whose length can reach the cutoff."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

__all__ = ["KeyIndex"]

_NO_VOWELS = str.maketrans("", "", "aiu")


@dataclass(frozen=True)
class KeyIndex:
    """One country's name keys, by length (Latin-script keys, for fuzzy search: an Arabic key
    is only ever met exactly) and by consonant skeleton."""

    keys: list[str]  # Latin-script keys sorted by length
    starts: dict[int, int]  # length -> index of its first key in `keys`
    skeletons: dict[str, list[str]]

    @classmethod
    def build(cls, keys: Iterable[str]) -> KeyIndex:
        latin = sorted((k for k in keys if k.isascii()), key=lambda k: (len(k), k))
        starts: dict[int, int] = {}
        skeletons: dict[str, list[str]] = {}
        for i, k in enumerate(latin):
            starts.setdefault(len(k), i)
            if len(k) >= 3:
                skeletons.setdefault(k[0] + k[1:].translate(_NO_VOWELS), []).append(k)
        return cls(latin, starts, skeletons)

    def same_skeleton(self, skeleton: str) -> list[str]:
        return self.skeletons.get(skeleton, []) if len(skeleton) >= 3 else []

    def _span(self, low: int, high: int) -> tuple[int, int]:
        """Indexes of the keys whose length is in [low, high]."""
        first = next((self.starts[n] for n in range(max(1, low), high + 1) if n in self.starts),
                     len(self.keys))
        last = next((self.starts[n] for n in range(high + 1, high + 200) if n in self.starts),
                    len(self.keys))
        return first, max(first, last)

    def extract(self, key: str, cutoff: float, limit: int) -> list[tuple[str, float]]:
        """Keys with a rapidfuzz ratio >= cutoff, best first. Only lengths that can reach the
        cutoff are compared (ratio = 2 * matches / total length), in one call."""
        n = len(key)
        low = math.floor(n * cutoff / (200 - cutoff))
        high = math.ceil(n * (200 - cutoff) / cutoff)
        first, last = self._span(low, high)
        if first >= last:
            return []
        found = [(k, r) for k, r, _ in process.extract(
            key, self.keys[first:last], scorer=fuzz.ratio, score_cutoff=cutoff, limit=None)]
        found.sort(key=lambda x: (-x[1], x[0]))
        return found[:limit]

    def within_edits(self, key: str, edits: int) -> list[str]:
        """Keys at most `edits` insertions, deletions or substitutions from `key` that begin
        with its letter (a misspelling keeps a name's first consonant)."""
        first, last = self._span(len(key) - edits, len(key) + edits)
        if first >= last:
            return []
        return [k for k, _, _ in process.extract(
            key, self.keys[first:last], scorer=Levenshtein.distance, score_cutoff=edits,
            limit=None) if k[:1] == key[:1] and k != key]
