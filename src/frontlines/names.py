"""Transliteration-folding name keys shared by place and actor matching.

`name_key("Khan Elsobol") == name_key("Khan al-Subul")`: the key folds case, diacritics, ayn and
hamza marks, the Arabic article in all its forms, doubled consonants and common vowel and
consonant variants, so that spellings of one Arabic name meet on one key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["admin_core", "count_of", "fold", "name_key", "skeleton_key", "skeleton_of_key",
           "strip_article"]

_MARKS = "'’‘`ʿʾ´ʼ\u02bb"
_ARTICLES = ("al", "el", "ad", "ed", "as", "es", "ash", "esh", "an", "en", "ar", "er", "at", "et",
             "az", "ez", "adh", "ath", "l")
_ARTICLE_RE = re.compile(
    r"\b(?:" + "|".join(sorted(_ARTICLES, key=len, reverse=True)) + r")[- ](?=\w)"
)
_GLUED_ARTICLE_RE = re.compile(r"\b(?:al|el)(?=[bcdfghjklmnpqrstvwxyz]{1,2}[aeiou])")
_ARABIC_DIACRITICS = re.compile("[\u064b-\u065f\u0670\u0640]")
_ARABIC_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي", "ؤ": "و", "ئ": "ي"}
)

# Whole-word spellings of common toponym words ("Tell" / "Tal" / "Tall").
_WORDS = {"tell": "tal", "tel": "tal", "tall": "tal", "kfar": "kafr", "kefr": "kafr",
          "kafar": "kafr", "jebel": "jabal", "jabel": "jabal", "jbel": "jabal"}
_FINAL_AH_RE = re.compile(r"(?<=\w\w)(?:a|e|i)h\b")  # Hasakeh / Hasakah / Hasakih -> Hasaka
_WORD_RE = re.compile(r"\w+")
_VOWELS_RE = re.compile(r"[aiu]")

# Ordered rewrites applied to the folded Latin string; each maps variants onto one spelling.
_VARIANTS: tuple[tuple[str, str], ...] = (
    ("ph", "f"),
    ("dh", "z"),
    ("th", "s"),
    ("kh", "k"),
    ("gh", "g"),
    ("sh", "s"),
    ("ch", "s"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ei", "i"),
    ("ey", "i"),
    ("ay", "i"),
    ("ai", "i"),
    ("aa", "a"),
    ("aw", "u"),
    ("q", "k"),
    ("c", "k"),
    ("j", "g"),
    ("w", "u"),
    ("y", "i"),
    ("e", "i"),
    ("o", "u"),
    ("p", "b"),
    ("v", "f"),
)


_LATIN_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d",
                             "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe"})


def fold(text: str) -> str:
    """Case-fold, strip diacritics and ayn/hamza marks, unify dashes; keep word boundaries."""
    text = unicodedata.normalize("NFKD", text.translate(_LATIN_FOLD))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARABIC_DIACRITICS.sub("", text).translate(_ARABIC_FOLD)
    text = text.casefold()
    for mark in _MARKS:
        text = text.replace(mark, "")
    text = re.sub(r"[\u2010-\u2015_]", "-", text)
    text = re.sub(r"[^\w\s-]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def strip_article(folded: str) -> str:
    """Remove the Arabic article in its Latin forms: "al-dana" -> "dana", "elsobol" -> "sobol"."""
    text = _ARTICLE_RE.sub("", folded)
    text = re.sub(r"\bال", "", text)  # Arabic-script article
    return _GLUED_ARTICLE_RE.sub("", text)


@lru_cache(maxsize=200_000)
def name_key(name: str) -> str:
    """The matching key of a name: spellings of one transliterated name share it."""
    text = strip_article(fold(name))
    text = text.replace("-", " ")
    if not text.isascii():  # Arabic script: the folded letters are the key
        return re.sub(r"\s+", "", text)
    text = _WORD_RE.sub(lambda m: _WORDS.get(m.group(), m.group()), text)
    text = _FINAL_AH_RE.sub("a", text)
    for old, new in _VARIANTS:
        text = text.replace(old, new)
    text = re.sub(r"h(?=\s|$)", "", text)  # final -h: Sarmadah -> Sarmada
    text = re.sub(r"(\w)\1+", r"\1", text)  # doubled letters: Hazzarin -> Hazarin
    return re.sub(r"\s+", "", text)


@lru_cache(maxsize=200_000)
def skeleton_key(name: str) -> str:
    """The consonant skeleton of a name's key (first letter kept): "Saraqib", "Sraqib" and
    "Saraqab" all give "srkb". Looser than `name_key`: use it to find candidates, not to decide."""
    return skeleton_of_key(name_key(name))


def skeleton_of_key(key: str) -> str:
    """`skeleton_key` from a name key already computed."""
    if not key.isascii() or len(key) < 2:
        return key
    return key[0] + _VOWELS_RE.sub("", key[1:])


_ADMIN_WORDS_RE = re.compile(
    r"\b(?:governorate|province|provinces|muhafazat|muhafazah|mohafazat|mayorality of|"
    r"mayoralty of|district|sub-?district|subdistrict|nahiya|nahiyah|region|"
    r"il[cç]esi|ili|vilayeti|caza de|caza|qada|qadaa|kaza)\b",
    re.IGNORECASE,
)


def admin_core(name: str) -> str:
    """An admin unit's name without its designator: "Basra Governorate" -> "Basra",
    "Muhafazat Karbala'" -> "Karbala'" (the designator words are English/Arabic/Turkish)."""
    core = _ADMIN_WORDS_RE.sub(" ", name.replace("İ", "I"))
    core = re.sub(r"\s+", " ", core).strip(" -,")
    return core or name


_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
           "eight": 8, "nine": 9, "ten": 10, "a": 1}


def count_of(word: str) -> int | None:
    """A small exact count as written: "3", "three", "a", "an" (not "few" or "several"). Here,
    in the vocabulary layer, because the time reader (nlp) and the event stage (events) both
    count days with it and neither may import the other."""
    w = word.casefold()
    if w.isdigit():
        return int(w) if len(w) <= 3 else None
    return 1 if w == "an" else _COUNTS.get(w)
