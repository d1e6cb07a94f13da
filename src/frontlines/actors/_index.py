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
from frontlines.names import fold

__all__ = ["AliasIndex", "AliasMatch", "FUZZY_THRESHOLD"]

_ARTICLE_BEFORE = re.compile(r"(?<![\w'’])(?:al|el|ad|as|ash|an|ar|at|az)[-‐‑]$", re.IGNORECASE)

# Tuned on leave-one-out aliases vs. place and person names (benchmarks/actors.py --tune).
FUZZY_THRESHOLD = 88.0
_MIN_FUZZY_KEY = 6
_MIN_SPELLING_RATIO = 70.0  # "Huthi"/"Houthi" 91, "House"/"Houthi" 55


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
    acronym_forms: dict[str, tuple[str, ...]]  # exact capitals of acronym aliases -> actors
    exact_only: bool  # every alias behind the key is an acronym
    proper: bool = False  # a one-word key every alias of which has a capital ("Houthi")
    spellings: tuple[str, ...] = ()  # a proper key's aliases as written, folded ("houthi")


class AliasIndex:
    """Alias keys -> actor ids, with an automaton for running text and fuzzy lookup for names."""

    def __init__(self, aliases: Iterable[tuple[str, str]], designators: Iterable[str] = (),
                 phrases: Iterable[tuple[str, str]] = ()) -> None:
        """`phrases` are aliases matched exactly, never fuzzily ("Israeli drones")."""
        by_key: dict[str, list[str]] = {}
        fuzzy_ok: set[str] = set()
        forms: dict[str, dict[str, list[str]]] = {}
        plain: dict[str, bool] = {}
        common: set[str] = set()  # keys of an alias written all in lower case ("regime")
        spelt: dict[str, set[str]] = {}  # key -> its aliases as written, folded
        for alias, actor_id, fuzzy in [(a, i, True) for a, i in aliases] + [
                (a, i, False) for a, i in phrases]:
            key = alias_key(alias)
            if not key:
                continue
            if alias == alias.lower():
                common.add(key)
            spelt.setdefault(key, set()).add(_spelling(alias))
            if fuzzy:
                fuzzy_ok.add(key)
            ids = by_key.setdefault(key, [])
            if actor_id not in ids:
                ids.append(actor_id)
            if is_acronym(alias):
                ids_by_form = forms.setdefault(key, {}).setdefault(_written(alias), [])
                if actor_id not in ids_by_form:
                    ids_by_form.append(actor_id)
            else:
                plain[key] = True
        self._designators = tuple(sorted({alias_key(d) for d in designators if alias_key(d)},
                                         key=len, reverse=True))
        self._entries = {
            key: _Entry(key, tuple(ids), {f: tuple(i) for f, i in forms.get(key, {}).items()},
                        not plain.get(key, False), key not in common and " " not in key,
                        tuple(sorted(spelt.get(key, ()))))
            for key, ids in by_key.items()
        }
        # fuzzy candidates: no acronyms, no "X terrorists" forms (their core is matched instead)
        self._fuzzy_map: dict[str, list[str]] = {}
        for k, e in self._entries.items():
            core = self.strip_designators(k)
            if k in fuzzy_ok and not e.exact_only and (core == k or core not in by_key):
                self._fuzzy_map.setdefault(k.replace(" ", ""), []).append(k)
        self._fuzzy_keys = [k for k in self._fuzzy_map if len(k) >= _MIN_FUZZY_KEY]
        self._fuzzy_memo: dict[tuple[str, float], tuple[tuple[str, ...], float]] = {}
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
        found: list[tuple[int, int, str, tuple[str, ...]]] = []  # first word, last, key, ids
        for end_pos, key in self._automaton.iter(stream):
            first = word_at[end_pos - len(key)]  # end_pos is the trailing space of " key "
            last = first + key.count(" ")
            ids = self._ids_as_written(self._entries[key], words[first : last + 1])
            if ids:
                found.append((first, last, key, ids))
        found.sort(key=lambda f: (-(f[1] - f[0]), -len(f[2]), f[0]))
        taken: set[int] = set()
        out: list[AliasMatch] = []
        for first, last, key, ids in found:
            span = set(range(first, last + 1))
            if span & taken:
                continue
            taken |= span
            start, end = words[first].start, words[last].end
            article = _ARTICLE_BEFORE.search(text, max(0, start - 5), start)
            if article is not None:
                start = article.start()
            out.append(AliasMatch(start, end, text[start:end], key, ids))
        out.sort(key=lambda m: m.start)
        return out

    @staticmethod
    def _ids_as_written(entry: _Entry, words: list) -> tuple[str, ...]:
        """Actors a match names: an acronym only when written in its capitals (YPG vs YPJ), a
        one-word name only when written with a capital somewhere."""
        written = "".join(w.text for w in words)
        if entry.proper and written == written.lower():
            return ()  # "a house" is no "Houthi": a name's key met in a common word
        if entry.proper and not _spelt_like(written, entry.spellings):
            return ()  # "the White House": a capitalised word that only shares the key
        if not entry.acronym_forms:
            return entry.actor_ids
        if written in entry.acronym_forms:
            return entry.acronym_forms[written]
        if entry.exact_only or written.isupper():
            return ()
        acronym_only = {i for ids in entry.acronym_forms.values() for i in ids}
        return tuple(i for i in entry.actor_ids if i not in acronym_only) or entry.actor_ids

    # ------------------------------------------------------------------ single names

    def lookup(self, name: str,
               threshold: float = FUZZY_THRESHOLD) -> tuple[tuple[str, ...], float]:
        """Actor ids for one name with a score: 1.0 exact, <1 fuzzy; ((), 0.0) when none."""
        key = alias_key(name)
        if not key:
            return (), 0.0
        entry = self._entries.get(key)
        if entry is not None:
            if _written(name) in entry.acronym_forms:
                return entry.acronym_forms[_written(name)], 1.0
            if not entry.exact_only:
                return entry.actor_ids, 1.0
        core = self.strip_designators(key)
        if core != key and core in self._entries:
            found = self._entries[core]
            if not found.exact_only:
                return found.actor_ids, 0.98
            written = set(re.findall(r"[^\W_]+", name))  # "IS militants": the acronym as written
            for form, ids in found.acronym_forms.items():
                if form in written:
                    return ids, 0.98
        ids, score = self.fuzzy(key, threshold)
        if not ids and core != key:
            ids, score = self.fuzzy(core, threshold)
        return ids, score

    def fuzzy(self, key: str, threshold: float = FUZZY_THRESHOLD) -> tuple[tuple[str, ...], float]:
        """The closest alias key by rapidfuzz ratio, if its score reaches `threshold` (0-100).
        Memoised per (key, threshold): the index never changes, and a report repeats its names."""
        hit = self._fuzzy_memo.get((key, threshold))
        if hit is None:
            hit = self._fuzzy(key, threshold)
            if len(self._fuzzy_memo) < 50_000:
                self._fuzzy_memo[(key, threshold)] = hit
        return hit

    def _fuzzy(self, key: str, threshold: float) -> tuple[tuple[str, ...], float]:
        flat = key.replace(" ", "")
        if len(flat) < _MIN_FUZZY_KEY or not self._fuzzy_keys:
            return (), 0.0
        for best, score, _ in process.extract(flat, self._fuzzy_keys, scorer=fuzz.ratio,
                                              score_cutoff=threshold, limit=5):
            keys = [k for k in self._fuzzy_map[best] if _plausible(key, k)]
            if not keys:
                continue
            ids: list[str] = []
            for k in keys:
                ids.extend(i for i in self._entries[k].actor_ids if i not in ids)
            return tuple(ids), round(float(score) / 100.0 * 0.95, 3)
        return (), 0.0

    def designator_end(self, text: str, end: int) -> int:
        """Where a designator right after a name ends ("IS| militants", "HTS| fighters"), or
        `end` when none follows."""
        words = word_keys(text[end : end + 40])
        if not words or words[0].start > 1:
            return end
        for d in self._designators:
            n = d.count(" ") + 1
            if len(words) >= n and " ".join(w.key for w in words[:n]) == d and all(
                    words[k + 1].start - words[k].end == 1 for k in range(n - 1)):
                return end + words[n - 1].end
        return end

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


def _spelling(word: str) -> str:
    return "".join(c for c in fold(word) if c.isalnum())


def _spelt_like(written: str, spellings: tuple[str, ...]) -> bool:
    """Is a one-word name written like one of the aliases behind its key ("Huthi", "Hothi" for
    "Houthi"), not an English word that folds to the same key ("House")?"""
    w = _spelling(written)
    return not spellings or any(fuzz.ratio(w, a) >= _MIN_SPELLING_RATIO for a in spellings)


def _written(name: str) -> str:
    return "".join(c for c in name if c.isalnum())


def _plausible(written: str, alias: str) -> bool:
    """Guards on a fuzzy hit: not a mere part of the alias ("warplanes" for "US warplanes"),
    and, for names of several words, a close last word and a close rest ("Nouralddeen al-Zinki"
    for "Nour al-Din al-Zinki", not "Beirut government" for "pro-government")."""
    w, a = written.split(" "), alias.split(" ")
    if set(w) < set(a):
        return False
    if len(w) > 1 and len(a) > 1:
        if fuzz.ratio(w[-1], a[-1]) < 85:
            return False
        return fuzz.ratio("".join(w[:-1]), "".join(a[:-1])) >= 80
    return True
