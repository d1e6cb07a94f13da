"""Token keys: the transliteration-folded word stream that alias matching runs over.

Text and aliases are cut into words the same way and each word gets `frontlines.names.name_key`,
so "Tahrir al-Sham Hay’at", "Tahrir Alsham Hayat" and "TAHRIR AL SHAM HAY'AT" give one key
sequence. The Arabic article standing alone ("al Sham", "al-Sham") yields no key; a possessive
("Tahrir al-Sham’s") is its own word, so a name matches before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from frontlines.names import name_key

__all__ = ["WordKey", "alias_key", "is_acronym", "word_keys"]

# A word: letters/digits with inner apostrophes (Hay'at, Da'ish); hyphens split words.
_WORD_RE = re.compile(r"[^\W_](?:[\w’'`ʿʾʼ]*[^\W_])?", re.UNICODE)
_POSSESSIVE_RE = re.compile(r"^(?P<stem>.+?)[’'`ʼ]s$", re.IGNORECASE)
_LONE_ARTICLES = frozenset({"al", "el"})
_HYPHEN_ARTICLES = frozenset(
    {"al", "el", "ad", "ed", "as", "es", "ash", "esh", "an", "en", "ar", "er", "at", "et", "az",
     "ez", "adh", "ath", "l"}
)
POSSESSIVE = "'s"


@dataclass(frozen=True, slots=True)
class WordKey:
    """One word of a text: its character span, its text and its matching key."""

    start: int
    end: int
    text: str
    key: str


def word_keys(text: str) -> list[WordKey]:
    """The words of `text` with their keys; standalone articles are dropped."""
    out: list[WordKey] = []
    for m in _WORD_RE.finditer(text):
        word, start, end = m.group(), m.start(), m.end()
        low = word.casefold()
        if low in _LONE_ARTICLES or (
            low in _HYPHEN_ARTICLES and end < len(text) and text[end] in "-‐‑–"
        ):
            continue
        poss = _POSSESSIVE_RE.match(word)
        if poss is not None:
            stem = poss.group("stem")
            out.append(WordKey(start, start + len(stem), stem, _key(stem)))
            out.append(WordKey(start + len(stem), end, word[len(stem):], POSSESSIVE))
            continue
        out.append(WordKey(start, end, word, _key(word)))
    return [w for w in out if w.key]


def _key(word: str) -> str:
    key = name_key(word)
    return key or word.casefold()


@lru_cache(maxsize=100_000)
def alias_key(alias: str) -> str:
    """The key sequence of an alias, words separated by one space (memoised: a pure function of
    the text, asked again for the same phrase by every claim that names it)."""
    return " ".join(w.key for w in word_keys(alias))


def is_acronym(alias: str) -> bool:
    """An all-capitals short alias (HTS, IS, YPG): it only matches capitals in text."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and len(letters) <= 6 and all(c.isupper() for c in letters)
