"""Fuzzy search over name keys: an index of keys by length and by consonant skeleton, and a
rapidfuzz search that only compares keys whose length can reach the cutoff."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

__all__ = ["KeyIndex"]

_NO_VOWELS = str.maketrans("", "", "aiu")


@dataclass(frozen=True)
class KeyIndex:
    """One country's name keys, by length and by consonant skeleton."""

    by_length: dict[int, list[str]]
    skeletons: dict[str, list[str]]

    @classmethod
    def build(cls, keys: Iterable[str]) -> KeyIndex:
        by_length: dict[int, list[str]] = {}
        skeletons: dict[str, list[str]] = {}
        for k in keys:
            by_length.setdefault(len(k), []).append(k)
            if k.isascii() and len(k) >= 3:
                skeletons.setdefault(k[0] + k[1:].translate(_NO_VOWELS), []).append(k)
        return cls(by_length, skeletons)

    def same_skeleton(self, skeleton: str) -> list[str]:
        return self.skeletons.get(skeleton, []) if len(skeleton) >= 3 else []

    def extract(self, key: str, cutoff: float, limit: int) -> list[tuple[str, float]]:
        """Keys with a rapidfuzz ratio >= cutoff, best first. Only lengths that can reach the
        cutoff are compared (ratio = 2 * matches / total length)."""
        n = len(key)
        low = math.floor(n * cutoff / (200 - cutoff))
        high = math.ceil(n * (200 - cutoff) / cutoff)
        found: list[tuple[str, float]] = []
        for length in range(max(1, low), high + 1):
            keys = self.by_length.get(length)
            if keys:
                found.extend((k, r) for k, r, _ in process.extract(
                    key, keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit))
        found.sort(key=lambda x: (-x[1], x[0]))
        return found[:limit]
