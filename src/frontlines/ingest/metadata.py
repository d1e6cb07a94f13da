"""Article metadata: published dates from metadata or text, and the language check."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime

from frontlines.ingest.furniture import head_date_words

__all__ = ["date_in_text", "detect_language", "head_date", "parse_date"]

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"],
        start=1,
    )
}
_MON = r"(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_PATTERNS = (
    re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)\b"),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+" + _MON + r",?\s+(?P<y>(?:19|20)\d\d)\b", re.I
    ),
    re.compile(
        r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)\b", re.I
    ),
)
_SLASH = re.compile(r"^(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{2,4})$")
_EN_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "on",
        "was",
        "with",
        "as",
        "by",
        "it",
        "at",
        "from",
        "said",
        "has",
        "have",
        "are",
        "were",
        "be",
        "been",
        "this",
        "which",
        "an",
        "its",
        "their",
        "they",
        "he",
        "his",
        "or",
        "not",
        "after",
        "who",
        "had",
        "but",
        "also",
        "will",
        "more",
        "than",
        "over",
        "into",
        "against",
        "killed",
        "forces",
        "people",
    ]
)


def _build(y: str, m: str | None, d: str, mon: str | None = None) -> date | None:
    month = int(m) if m else _MONTHS.get((mon or "")[:3].lower())
    try:
        return date(int(y), int(month or 0), int(d))
    except (TypeError, ValueError):
        return None


def parse_date(value: str | None) -> date | None:
    """A date from metadata: ISO, RFC 822 (feeds), "21 July 2017", "July 21, 2017", "7/21/2017"."""
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    from email.utils import parsedate_to_datetime

    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    m = _SLASH.match(value)
    if m:
        y = m.group("y")
        y = y if len(y) == 4 else ("20" + y if int(y) < 70 else "19" + y)
        return _build(y, m.group("m"), m.group("d"))
    return date_in_text(value, limit=len(value))


def date_in_text(text: str, limit: int = 300) -> date | None:
    """The first explicit calendar date in the opening of an article ("Wed 05 Apr 2017 ...")."""
    head = text[:limit]
    best: tuple[int, date] | None = None
    for pattern in _DATE_PATTERNS:
        m = pattern.search(head)
        if m:
            found = _build(
                m.group("y"), m.groupdict().get("m"), m.group("d"), m.groupdict().get("mon")
            )
            if found and (best is None or m.start() < best[0]):
                best = (m.start(), found)
    return best[1] if best else None


_WEEKDAY = re.compile(r"(?P<wd>mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s*$", re.I)


def head_date(text: str, title: str | None = None, limit: int = 400) -> date | None:
    """The report's own date where its page or wire header puts it, at the head of the body:
    alone or after header words ("Published April 5 2017", "Date of publication 5 April
    2017"), after the title the body repeats, or after an outlet and the date's own weekday
    ("... Monitor AFP Wednesday 5 Apr 2017"). A date further into the prose dates an event,
    not the report (None)."""
    head = text[:limit]
    header, prose = head_date_words()  # kb/furniture.yaml `head_date_words`
    skip = len(head) - len(head.lstrip())
    if title:
        words = re.findall(r"\w+", title.casefold())
        m = re.match(r"\W*" + r"\W+".join(map(re.escape, words)) + r"\b", head[skip:],
                     re.I) if words else None
        if m:
            skip += m.end()
    best: tuple[int, date] | None = None
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(head, skip):
            found = _build(m.group("y"), m.groupdict().get("m"), m.group("d"),
                           m.groupdict().get("mon"))
            if found is None or (best is not None and m.start() >= best[0]):
                continue
            before = head[skip:m.start()]
            wd = _WEEKDAY.search(before)
            if wd is not None:
                if wd.group("wd").casefold() != found.strftime("%a").casefold():
                    continue  # a weekday that is not the date's: no header
                before = before[:wd.start()]
            if before.strip(" \t\n-|,.:") and not (
                    header is not None and header.search(before)) and not (
                    wd is not None and re.search(r"\b[A-Z][\w.]+\s*$", before)
                    and not (prose is not None and prose.search(before))):
                continue
            best = (m.start(), found)
            break
    return best[1] if best else None


def detect_language(text: str) -> tuple[str, float]:
    """("en", share) when the text reads as English, else (script or "non-en", share).

    A cheap check: the script of the letters, then the share of common English words.
    """
    sample = text[:5000]
    letters = [ch for ch in sample if ch.isalpha()]
    if not letters:
        return "unknown", 0.0
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    if latin / len(letters) < 0.6:
        scripts: dict[str, int] = {}
        for ch in letters:
            if not ch.isascii():
                script = unicodedata.name(ch, "UNKNOWN").split(" ")[0]
                scripts[script] = scripts.get(script, 0) + 1
        top = max(scripts, key=scripts.__getitem__)
        return top.lower(), latin / len(letters)
    words = re.findall(r"[a-z]+", sample.lower())
    if len(words) < 8:
        return "en", 1.0  # too short to judge: let it through
    share = sum(1 for w in words if w in _EN_WORDS) / len(words)
    return ("en" if share >= 0.08 else "non-en"), share
