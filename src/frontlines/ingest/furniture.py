"""Page furniture out of an article's text before analysis.

News pages and scrapers leave widgets ("Get short URL", "Print this page"), related-link lists,
tag and topic lists, bylines, photo credits and captions and timestamps in the text; read as
prose they become events dated on the publication day. The rules are data
(`kb/furniture.yaml`): a regular expression marks where a piece of furniture starts and its
`until` says where it ends (the match, the sentence, a run of Title Case words, the caption
sentence before a credit, or the whole sentence the match is in). Also: the headline repeated
at the top of the body (after a timestamp) and sentences repeated word for word are kept once.

    strip_furniture(text, title=None) -> text
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import KnowledgeBaseError

__all__ = ["Furniture", "flat_dateline", "head_date_words", "strip_furniture"]

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "kb" / "furniture.yaml"
_UNTIL = ("match", "sentence", "headlines", "captioned", "caption", "whole", "embed")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?(?=\s|$)")
_BOUNDARY = re.compile(r"[.!?][\"”’)]?\s+")
_FLAT_DATELINE = re.compile(
    r"(?P<city>[A-Z][A-Z'’.-]{3,}(?: [A-Z][A-Z'’.-]{2,}){0,2}) (?=[A-Z0-9][a-z0-9]|[A-Z0-9]\b)")
_TITLE_SUFFIX = re.compile(r"\s+[-|–—]\s+")
_SPLIT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“‘(])")


@dataclass(frozen=True)
class _Rule:
    name: str
    regex: re.Pattern[str]
    until: str


class Furniture:
    """The furniture rules of one file. Build with `Furniture.load(path=None)`."""

    def __init__(self, data: dict[str, Any], path: str = "") -> None:
        self.path = path
        rules = []
        for r in data.get("rules") or []:
            try:
                until = str(r.get("until", "match"))
                if until not in _UNTIL:
                    raise ValueError(f"until must be one of {', '.join(_UNTIL)}")
                rules.append(_Rule(str(r["name"]), re.compile(str(r["regex"])), until))
            except (KeyError, TypeError, ValueError, re.error) as exc:
                raise KnowledgeBaseError(f"{path}: furniture rule {r!r} is malformed ({exc})",
                                         path) from exc
        self.rules = tuple(rules)
        self.title_words = frozenset(str(w).casefold() for w in data.get("title_words") or [])
        self.starters = frozenset(str(w) for w in data.get("prose_starters") or [])
        self.max_run = int(data.get("max_run", 80))
        self.not_datelines = frozenset(str(w) for w in data.get("not_datelines") or [])
        self.repeat_min_words = int(data.get("repeat_min_words", 8))
        heads = data.get("headings") or {}
        self.heading_max = int(heads.get("max_words", 0))
        self.heading_followers = frozenset(str(w) for w in heads.get("followers") or [])
        self.heading_not = frozenset(str(w).casefold() for w in heads.get("not_words") or [])
        self.caption_max = int(heads.get("max_caption", 0))
        self.lede_words = int(data.get("lede_title_words", 0))
        try:  # the header words before a report's own date (`metadata.head_date`)
            words = [str(w) for w in data.get("head_date_words") or []]
            self.head_date_words = re.compile(
                r"(?i)(?:" + "|".join(words) + r")\s*:?\s*$") if words else None
        except re.error as exc:
            raise KnowledgeBaseError(f"{path}: head_date_words is malformed ({exc})",
                                     path) from exc
        prose = [re.escape(str(w)) for w in data.get("head_date_prose_words") or []]
        self.head_date_prose = re.compile(
            r"(?i)\b(?:" + "|".join(prose) + r")\s*$") if prose else None
        particles = [re.escape(str(w)) for w in data.get("name_particles") or []]
        self.article = re.compile(r"^\W*(?:" + "|".join(particles) + r")[-‑]", re.I) \
            if particles else None

    @classmethod
    def load(cls, path: str | Path | None = None) -> Furniture:
        p = Path(path) if path is not None else DEFAULT_PATH
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise KnowledgeBaseError(f"cannot read the furniture rules {p}: {exc}",
                                     path=str(p)) from exc
        if not isinstance(data, dict):
            raise KnowledgeBaseError(f"{p}: expected a mapping with a `rules:` list", str(p))
        return cls(data, str(p))

    # ------------------------------------------------------------------ datelines

    def flat_dateline(self, text: str) -> tuple[str, int] | None:
        """(city in title case, end offset) when `text` opens with a dateline a scraper
        flattened: a city in capitals (one to three words, not one of `not_datelines`) and then
        the first sentence, capitalised ("TARTOUS Rebels shelled ...")."""
        m = _FLAT_DATELINE.match(text)
        if m is None or any(w in self.not_datelines for w in m.group("city").split()):
            return None
        return m.group("city").title(), m.end()

    # ------------------------------------------------------------------ stripping

    def strip(self, text: str, title: str | None = None) -> str:
        text = self._headline(text, title)
        for rule in self.rules:
            spans = [self._span(text, m, rule.until) for m in rule.regex.finditer(text)]
            text = _cut(text, spans)
        return self._unrepeat(self._headings(self._lede_told_again(text, title)))

    def _headline(self, text: str, title: str | None) -> str:
        """"Mon Jul 18 2016 <title>. <body>": the headline repeated before the body. A title
        that carries the site's name or section after a dash or bar ("<headline> - World -
        Example Online") is looked for without them too."""
        if not title:
            return text
        for head in dict.fromkeys([title, _TITLE_SUFFIX.split(title, maxsplit=1)[0]]):
            cut = self._headline_once(text, head)
            if cut is not text:
                return cut
        return text

    def _headline_once(self, text: str, title: str) -> str:
        words = re.findall(r"\w+", title)
        if len(words) < 3:
            return text
        pattern = r"\W+".join(re.escape(w) for w in words)
        m = re.search(pattern, text[: 120 + len(title)], re.I)
        if m is None or m.start() > 60 or len(text) - m.end() < 200:
            return text
        rest = re.match(r"\W*", text[m.end():])
        return text[m.end() + (rest.end() if rest else 0):]

    def _span(self, text: str, m: re.Match[str], until: str) -> tuple[int, int]:
        if until == "sentence":
            end = _SENTENCE_END.search(text, m.end())
            return m.start(), end.end() if end else len(text)
        if until == "headlines":
            return m.start(), self._run_end(text, m.end())
        if until == "captioned":
            end = self._run_end(text, m.end())
            return m.start(), self._glued_caption_end(text, end)
        if until == "caption":
            before = text[: m.start()].rstrip()
            closed = bool(before) and before[-1] in ".!?\"”"
            if not closed and not (before and m.group(0).startswith("(")):
                return m.start(), m.end()
            # "... on July 9 2016 (Photo AFP)": a credit in brackets closes its caption, which
            # scraped text often leaves without a full stop
            starts = [b.end() for b in _BOUNDARY.finditer(before[:-1] if closed else before)]
            return (starts[-1] if starts else 0), m.end()
        if until == "embed":
            # an embedded post or video: its text runs from where the sentence the match ends
            # starts, or is the sentence before when the match opens its own
            starts = [b.end() for b in _BOUNDARY.finditer(text[: m.start()])]
            start = starts[-1] if starts else 0
            if not text[start: m.start()].strip() and len(starts) > 1:
                start = starts[-2]
            return start, m.end()
        if until == "whole":
            starts = [b.end() for b in _BOUNDARY.finditer(text[: m.start()])]
            end = _SENTENCE_END.search(text, m.end())
            return (starts[-1] if starts else 0), end.end() if end else len(text)
        return m.start(), m.end()

    def _run_end(self, text: str, start: int) -> int:
        """End of a run of Title Case words from `start`: before the first word of prose."""
        tokens = [(t.start(), t.end(), t.group()) for t in re.finditer(r"\S+", text[start:])]
        tokens = [(start + a, start + b, w) for a, b, w in tokens]
        for k, (a, _b, w) in enumerate(tokens[: self.max_run]):
            if w.endswith((".", "!", "?")) and not re.fullmatch(r"[\d.]+", w) and k:
                return tokens[k][1]  # a sentence end closes the run
            if self._titley(w):
                continue
            j = k - 1  # a word of prose: back up to where its sentence starts
            while j >= 0 and tokens[j][2][:1].islower() and \
                    tokens[j][2].casefold() in self.title_words:
                j -= 1
            if j < 0:
                return a
            for i in range(j, max(-1, j - 6), -1):
                if tokens[i][2] in self.starters:
                    return tokens[i][0]
            return tokens[j][0]
        if len(tokens) > self.max_run:
            return start  # too long for furniture: prose
        return len(text)

    def _glued_caption_end(self, text: str, start: int) -> int:
        """A photo's caption after its credit, glued to the next sentence with no full stop
        ("... Jane Roe A boy walks past a burnt bus in the square The council said ..."): the
        end of the caption where a capitalised word of `headings.followers`, then a word in
        lower case, follows a word that is no small word of titles, before the sentence ends
        and within `headings.max_caption` words; `start` when there is none."""
        stop = _SENTENCE_END.search(text, start)
        words = list(re.finditer(r"\S+", text[start: stop.start() if stop else len(text)]))
        for k in range(1, min(self.caption_max, len(words) - 1)):
            w = words[k].group()
            if w not in self.heading_followers or not words[k + 1].group()[:1].islower():
                continue
            prev = words[k - 1].group()
            if prev.casefold() in self.title_words or not prev[-1:].isalnum():
                return start
            return start + words[k].start()
        return start

    def _titley(self, word: str) -> bool:
        if word.casefold() in self.title_words:
            return True
        if self.article is not None:
            word = self.article.sub("", word)  # "al-Tabqah", "ez-Zor" are names
        letters = [c for c in word if c.isalnum()]
        return bool(letters) and (letters[0].isupper() or letters[0].isdigit())

    def _lede_told_again(self, text: str, title: str | None) -> str:
        """Other stories' headlines glued before the lede ("Rockets kill 6 in port town monitor
        Minister says talks will go on Rockets killed six people in ..."): a page's related
        box flattened into the first sentence. The lede tells the headline again: where the
        first sentence has the title's first `lede_words` words again (a word and its
        inflection alike, "kill" and "killed"), capitalised, after at least as many words with
        no punctuation but hyphens and none of `prose_starters`, what comes before it goes."""
        n = self.lede_words
        if not title or not n:
            return text
        head = re.findall(r"[\w'’-]+", _TITLE_SUFFIX.split(title, maxsplit=1)[0])[:n]
        if len(head) < n:
            return text
        stop = _SENTENCE_END.search(text)
        first = text[: stop.start() if stop else len(text)]
        words = list(re.finditer(r"\S+", first))
        for k in range(len(words) - n, n - 1, -1):
            w = words[k].group()
            if not w[:1].isupper() or not all(_alike(words[k + i].group(), head[i])
                                              for i in range(n)):
                continue
            before = first[: words[k].start()]
            if re.search(r"[^\w\s'’-]", before) or \
                    words[k - 1].group().casefold() in self.title_words or \
                    any(w in self.starters for w in before.split()):
                return text  # the lede's own opening ("In fresh raids <title> ...")
            return text[words[k].start():]
        return text

    def _headings(self, text: str) -> str:
        """A section heading glued to the paragraph it opens ("... the rubble. Heavy shelling
        According to medics ..."): out when it is told in words (a verb or a noun glued to the
        paragraph's actors would make an event of it), set apart as a sentence of its own when
        it is all names ("Hama", "Damascus Countryside": the paragraph's place). A heading is
        one to `max_words` words after a sentence's end, no punctuation, none of `not_words`,
        not ending in a small word of titles, and then one of `followers`. A Title Case run of
        three words or more that goes on in Title Case after the follower is a headline, not a
        heading, and is left."""
        if not self.heading_max or not self.heading_followers:
            return text
        out: list[str] = []
        pos = 0
        for b in _BOUNDARY.finditer(text):
            words = list(re.finditer(r"\S+", text[b.end(): b.end() + 200]))
            for k in range(1, min(self.heading_max, len(words) - 1) + 1):
                if words[k].group() not in self.heading_followers:
                    continue
                head = [w.group() for w in words[:k]]
                if not self._heading(head, [w.group() for w in words[k + 1: k + 2]]):
                    break
                end = b.end() + words[k - 1].end()
                if all(self._titley(w) for w in head):
                    out.append(text[pos:end] + ".")  # a place or a name: kept as context
                    pos = end
                else:
                    out.append(text[pos:b.end()])  # a heading in words: out
                    pos = b.end() + words[k].start()
                break
        out.append(text[pos:])
        return "".join(out)

    def _heading(self, head: list[str], after: list[str]) -> bool:
        if not head[0][:1].isupper() or head[0] in self.starters:
            return False
        if any(not re.fullmatch(r"[\w'’-]+", w) or w.casefold() in self.heading_not
               for w in head):
            return False
        if head[-1].casefold() in self.title_words:
            return False
        titled = all(self._titley(w) for w in head)
        return not (titled and len(head) >= 3 and after and after[0][:1].isupper())

    def _unrepeat(self, text: str) -> str:
        """A sentence told twice word for word (a lead repeated as the first paragraph) once."""
        seen: set[str] = set()
        drop: list[tuple[int, int]] = []
        start = 0
        for end in [m.end() for m in _SPLIT.finditer(text)] + [len(text)]:
            key = " ".join(re.findall(r"\w+", text[start:end].casefold()))
            if len(key.split()) >= self.repeat_min_words:
                if key in seen:
                    drop.append((start, end))
                seen.add(key)
            start = end
        return _cut(text, drop) if drop else text


def _alike(word: str, other: str) -> bool:
    """The same word, or one an inflection of the other ("kills", "killed", "kill")."""
    a, b = (re.sub(r"(?<=\w{3})(?:ing|ed|es|s|d)$", "", w.casefold().strip("'’"))
            for w in (word, other))
    return a == b


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    out: list[str] = []
    pos = 0
    for a, b in sorted(spans):
        if b <= pos:
            continue
        a = max(a, pos)
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    joined = " ".join(s.strip(" \t") for s in out if s.strip(" \t"))
    return re.sub(r"[ \t]{2,}", " ", joined)


@lru_cache(maxsize=1)
def _default() -> Furniture:
    return Furniture.load()


def head_date_words() -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """The package's header words before a report's own date, and the words that make a date
    after an outlet and a weekday one of the prose (kb/furniture.yaml `head_date_words`,
    `head_date_prose_words`)."""
    rules = _default()
    return rules.head_date_words, rules.head_date_prose


def flat_dateline(text: str) -> tuple[str, int] | None:
    """A flattened dateline opening `text` (the package's rules): see `Furniture.flat_dateline`."""
    return _default().flat_dateline(text)


def strip_furniture(text: str, title: str | None = None) -> str:
    """The text without page furniture (the package's rules)."""
    return _default().strip(text, title)
