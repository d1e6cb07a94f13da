"""Split a text into articles on headline + dateline ("TEHRAN (FNA)-", "BEIRUT (Reuters) -")."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Article", "find_dateline", "split_articles"]

# CITY[, Region][, Date] (OUTLET) -   — the city in capitals, the outlet in parentheses.
DATELINE = re.compile(
    r"""^(?P<city>[A-Z][A-Z'’.\- ]{1,40}?)
        (?:,\s*[A-Z][\w.’' ]{1,30}?)?            # ", Syria" / ", Oct 3"
        (?:,\s*[\w.’' ]{1,20}?)?
        \s*\((?P<outlet>[A-Za-z][\w.&' -]{0,24})\)\s*
        (?:-{1,2}|[\u2010-\u2015:])\s*""",
    re.VERBOSE,
)
# "CITY -" / "CITY:" datelines without an outlet, e.g. "BEIRUT — Syrian forces ..."
DATELINE_NO_OUTLET = re.compile(
    r"^(?P<city>[A-Z][A-Z'’.\-]{2,}(?: [A-Z][A-Z'’.\-]{2,}){0,2})\s*(?:--|[\u2010-\u2015])\s+"
)
# "Beirut- Rebels ...": a scraped dateline in title case, the dash glued to the city (only
# where an entry's body opens: `find_dateline(..., glued=True)`)
DATELINE_GLUED_DASH = re.compile(
    r"^(?P<city>[A-Z][a-z'’]{2,}(?: [A-Z][a-z'’]{2,})?)(?:-|[\u2010-\u2015])\s+(?=[A-Z])"
)

_MAX_HEADLINE = 220


@dataclass(frozen=True)
class Article:
    """One article cut out of a text: `text` is headline + body; `body_offset` points past the
    dateline."""

    text: str
    title: str | None
    body_offset: int
    filed_from: str | None
    outlet: str | None


def find_dateline(paragraph: str, glued: bool = False) -> tuple[str, str | None, int] | None:
    """(city as written in title case, outlet or None, end offset) when a paragraph opens with a
    dateline. `glued`: also a scraped one in title case with its dash glued to the city
    ("Beirut- Rebels ..."), read only where an entry's body opens (never to split a text)."""
    m = DATELINE.match(paragraph) or DATELINE_NO_OUTLET.match(paragraph) or (
        DATELINE_GLUED_DASH.match(paragraph) if glued else None)
    if not m:
        return None
    city = m.group("city").strip(" -.,")
    if len(city) < 3:
        return None
    outlet = m.groupdict().get("outlet")
    return city.title(), (outlet.strip() if outlet else None), m.end()


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty line block, keeping offsets into `text`."""
    spans = []
    for m in re.finditer(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*", text):
        if m.group().strip():
            spans.append((m.start(), m.end()))
    return spans


def _is_headline(text: str) -> bool:
    text = text.strip()
    return 0 < len(text) <= _MAX_HEADLINE and not text.endswith((".", ":", ";", ","))


def split_articles(text: str) -> list[Article]:
    """Cut a text into articles. Each dateline paragraph opens an article; a short line just
    before it is that article's headline. A text without datelines is one article whose first
    line is its headline when it looks like one."""
    paras = _paragraphs(text)
    starts: list[
        tuple[int, int, int, tuple[str, str | None, int]]
    ] = []  # (art start, para idx, ...)
    for idx, (a, b) in enumerate(paras):
        found = find_dateline(text[a:b])
        if not found:
            continue
        head_idx = (
            idx - 1
            if idx > 0 and _is_headline(text[paras[idx - 1][0] : paras[idx - 1][1]])
            else None
        )
        if head_idx is not None and starts and starts[-1][1] == head_idx:
            head_idx = None
        art_start = paras[head_idx][0] if head_idx is not None else a
        starts.append((art_start, idx, head_idx if head_idx is not None else -1, found))
    if not starts:
        return [_single_article(text, paras)]
    articles = []
    if text[: starts[0][0]].strip():  # text before the first dateline stays an article
        lead = text[: starts[0][0]].strip()
        if len(lead) > _MAX_HEADLINE:
            articles.append(_single_article(lead, _paragraphs(lead)))
    for n, (art_start, para_idx, head_idx, (city, outlet, dl_end)) in enumerate(starts):
        art_end = starts[n + 1][0] if n + 1 < len(starts) else len(text)
        raw = text[art_start:art_end].rstrip()
        title = None
        if head_idx >= 0:
            title = re.sub(r"\s+", " ", text[paras[head_idx][0] : paras[head_idx][1]]).strip()
        body_offset = paras[para_idx][0] - art_start + dl_end
        articles.append(Article(raw, title, body_offset, city, outlet))
    return articles


def _single_article(text: str, paras: list[tuple[int, int]]) -> Article:
    title = None
    body_offset = 0
    if len(paras) > 1:
        first = text[paras[0][0] : paras[0][1]]
        if _is_headline(first) and "\n" not in first.strip():
            title = first.strip()
            body_offset = paras[1][0]
    body_start = paras[0][0] if paras and body_offset == 0 else body_offset
    return Article(text.strip() if body_start == 0 else text, title, body_offset, None, None)
