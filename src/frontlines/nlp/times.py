"""Time expressions: find them in text and resolve them against the document's published date.

A rule layer of our own (dateparser misreads or ignores most news expressions: "the day before",
"in the last 3 days", "mid-June", "earlier this month"). Weekdays resolve to the most recent such
day at or before publication, as news reports use them. Anaphoric expressions ("the day before",
"the next day") resolve against the last day-precise date met in the document. Without a
published date, relative expressions keep their text and get no date (precision UNKNOWN).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from frontlines.model import MentionKind, TimeExpr, TimePrecision
from frontlines.names import count_of
from frontlines.nlp.spans import SPAN_KEY, add_span

__all__ = ["TimeFinder", "TimesComponent", "count_of", "find_times", "resolve_time"]

_MONTHS = {m.casefold(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS.update({m.casefold(): i for i, m in enumerate(calendar.month_abbr) if m})
_MONTHS["sept"] = 9
_WEEKDAYS = {d.casefold(): i for i, d in enumerate(calendar.day_name)}
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
            "eight": 8, "nine": 9, "ten": 10, "a": 1, "few": 3, "several": 3, "couple": 2}
_MONTH_PARTS = {"early": (1, 10), "beginning": (1, 10), "start": (1, 10), "mid": (11, 20),
                "middle": (11, 20), "late": (21, 31), "end": (21, 31)}
_YEAR_PARTS = {"early": (1, 4), "beginning": (1, 4), "start": (1, 4), "mid": (5, 8),
               "middle": (5, 8), "late": (9, 12), "end": (9, 12)}

_M = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WD = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_PART = r"(?P<part>early|mid|middle|late|beginning of|start of|end of)[\s-]*"
# a count before "days ago": not a bare "few" ("few days" is not many, "a few days" some)
_COUNT = "|".join(n for n in _NUMBERS if n != "few")
_NUM = r"(?P<n>\d{1,3}|" + "|".join(_NUMBERS) + r")"


@dataclass(frozen=True)
class _Ctx:
    published: date | None
    anchor: date | None  # last day-precise date in the document (for "the day before")
    month_parts: dict[str, tuple[int, int]]
    year_parts: dict[str, tuple[int, int]]
    year: int | None = None  # the year the last dated expression fell in ("later that year")


Resolver = Callable[[re.Match[str], _Ctx], TimeExpr | None]


def _texpr(m: re.Match[str], start: date | None, end: date | None, precision: TimePrecision,
           relative: bool) -> TimeExpr:
    if start is None:
        return TimeExpr(text=m.group(0), relative=relative)
    return TimeExpr(text=m.group(0), start=start, end=end or start, precision=precision,
                    relative=relative)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _recent_month(month: int, published: date | None) -> int | None:
    if published is None:
        return None
    return published.year if month <= published.month else published.year - 1


def _absolute_dmy(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
    month = _MONTHS[m.group("month").casefold().rstrip(".")]
    day = int(m.group("day"))
    year = int(m.group("year")) if m.group("year") else _recent_month(month, c.published)
    if year is None:
        return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return _texpr(m, d, d, TimePrecision.DAY, m.group("year") is None)


def _iso(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
    try:
        d = date(int(m.group("y")), int(m.group("mo")), int(m.group("d")))
    except ValueError:
        return None
    return _texpr(m, d, d, TimePrecision.DAY, False)


def _weekday(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
    if c.published is None:
        return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
    wanted = _WEEKDAYS[m.group("weekday").casefold()]
    back = (c.published.weekday() - wanted) % 7
    if m.group("last") and back == 0:
        back = 7
    d = c.published - timedelta(days=back)
    return _texpr(m, d, d, TimePrecision.DAY, True)


def _deictic_day(offset: int) -> Resolver:
    def resolve(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
        if c.published is None:
            return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
        d = c.published + timedelta(days=offset)
        return _texpr(m, d, d, TimePrecision.DAY, True)
    return resolve


def _anaphoric_day(offset: int) -> Resolver:
    def resolve(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
        base = c.anchor or c.published
        if base is None:
            return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
        d = base + timedelta(days=offset)
        return _texpr(m, d, d, TimePrecision.DAY, True)
    return resolve


def _last_n_days(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
    if c.published is None:
        return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
    raw = (m.group("n") or "one").casefold()  # "in the past month": one month
    n = int(raw) if raw.isdigit() else _NUMBERS.get(raw, 3)
    unit = m.group("unit").casefold()
    days = -(-n // 24) if unit.startswith("hour") else n * (
        7 if unit.startswith("week") else 30 if unit.startswith("month") else 1)
    precision = TimePrecision.WEEK if days <= 7 else TimePrecision.MONTH
    return _texpr(m, c.published - timedelta(days=days), c.published, precision, True)


def _recent_days(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
    """"in recent days": the week up to the report."""
    if c.published is None:
        return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
    return _texpr(m, c.published - timedelta(days=7), c.published, TimePrecision.WEEK, True)


def _days_away(anaphoric: bool) -> Resolver:
    """"two days ago" (from the report's day), "three days earlier", "a week later" (from the
    last day told); "several days ago" is the week before that day."""
    def resolve(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
        base = (c.anchor or c.published) if anaphoric else c.published
        if base is None:
            return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
        sign = 1 if (m.group("dir") or "").casefold() == "later" else -1
        raw = m.group("n").casefold()
        days = 7 if m.group("unit").casefold().startswith("week") else 1
        n = count_of(raw)
        if n is None:  # "several", "a few": some day of the week before (after)
            near, far = base + timedelta(days=sign), base + timedelta(days=7 * sign)
            return _texpr(m, min(near, far), max(near, far), TimePrecision.WEEK, True)
        d = base + timedelta(days=sign * n * days)
        return _texpr(m, d, d, TimePrecision.DAY if days == 1 else TimePrecision.WEEK, True)
    return resolve


_BOUND_BEFORE = re.compile(r"\b(?:more\s+than|over|upwards\s+of|at\s+least)\s+$", re.I)


def _months_away(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
    """"two months ago" is that month, "three years ago" that year, counted from the report's
    day; "several months ago" is some month of the half year before the last two, "a few years
    ago" some year from two to seven back: all well before the report (background). "More
    than five years ago" is a bound ("since the uprising started more than six years ago"), not a
    date: no time, so the next sentence does not take it for its own."""
    if _BOUND_BEFORE.search(m.string, 0, m.start()):
        return None
    if c.published is None:
        return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
    p = c.published
    n = count_of(m.group("n").casefold())
    if m.group("unit").casefold().startswith("month"):
        def back(k: int) -> tuple[int, int]:
            y, mo = divmod(p.year * 12 + p.month - 1 - k, 12)
            return y, mo + 1
        if n is None:
            (y0, m0), (y1, m1) = back(6), back(2)
            return _texpr(m, date(y0, m0, 1), _month_end(y1, m1), TimePrecision.YEAR, True)
        y, mo = back(n)
        return _texpr(m, date(y, mo, 1), _month_end(y, mo), TimePrecision.MONTH, True)
    if n is None:
        return _texpr(m, date(p.year - 7, 1, 1), date(p.year - 2, 12, 31), TimePrecision.YEAR,
                      True)
    return _texpr(m, date(p.year - n, 1, 1), date(p.year - n, 12, 31), TimePrecision.YEAR, True)


def _week(offset_weeks: int) -> Resolver:
    def resolve(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
        if c.published is None:
            return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
        monday = c.published - timedelta(days=c.published.weekday()) + timedelta(
            weeks=offset_weeks)
        end = min(monday + timedelta(days=6), c.published)
        return _texpr(m, monday, end, TimePrecision.WEEK, True)
    return resolve


def _this_month(earlier: bool, offset: int) -> Resolver:
    def resolve(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
        p = c.published
        if p is None:
            return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
        year, month = (p.year, p.month) if offset == 0 else (
            (p.year - 1, 12) if p.month == 1 else (p.year, p.month - 1))
        start = date(year, month, 1)
        end = p - timedelta(days=1) if earlier and offset == 0 else _month_end(year, month)
        return _texpr(m, start, max(start, min(end, p)), TimePrecision.MONTH, True)
    return resolve


def _year_rel(offset: int, earlier: bool = False) -> Resolver:
    def resolve(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
        p = c.published
        if p is None:
            return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
        y = p.year + offset
        end = p if (earlier or offset == 0) else date(y, 12, 31)
        return _texpr(m, date(y, 1, 1), end, TimePrecision.YEAR, True)
    return resolve


def _that_year(offset: int) -> Resolver:
    """"later that year", "the same year", "the following year": the year the last dated
    expression of the document fell in (nothing to resolve against: no time)."""
    def resolve(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
        if c.year is None:
            return None
        y = c.year + offset
        return _texpr(m, date(y, 1, 1), date(y, 12, 31), TimePrecision.YEAR, True)
    return resolve


def _part_month(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
    month = _MONTHS[m.group("month").casefold().rstrip(".")]
    year = int(m.group("year")) if m.group("year") else _recent_month(month, c.published)
    part = (m.group("part") or "").split()[0].casefold() if m.group("part") else ""
    if year is None:
        return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
    last = calendar.monthrange(year, month)[1]
    first_day, last_day = c.month_parts.get(part, (1, last))
    start, end = date(year, month, first_day), date(year, month, min(last_day, last))
    return _texpr(m, start, end, TimePrecision.MONTH, m.group("year") is None)


def _month_of_year(offset: int) -> Resolver:
    """"in August last year", "in March of this year": the month in the year told."""
    def resolve(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
        if c.published is None:
            return _texpr(m, None, None, TimePrecision.UNKNOWN, True)
        month = _MONTHS[m.group("month").casefold().rstrip(".")]
        year = c.published.year + offset
        return _texpr(m, date(year, month, 1), _month_end(year, month), TimePrecision.MONTH,
                      True)
    return resolve


def _part_year(m: re.Match[str], c: _Ctx) -> TimeExpr | None:
    year = int(m.group("year"))
    part = (m.group("part") or "").split()[0].casefold() if m.group("part") else ""
    first, last = c.year_parts.get(part, (1, 12))
    return _texpr(m, date(year, first, 1), _month_end(year, last), TimePrecision.YEAR, False)


_DAYTIME = r"(?:\s+(?:morning|afternoon|evening|night))?"
# "Saturday's blast", and "Saturdays blast" as scraped text loses the apostrophe (not "on
# Saturdays and Sundays")
_POSSESSIVE = (r"(?:['\u2019]s|s(?=\s+(?!(?:and|or|in|at|on|to|the|a|an|as|when|since|but)\b)"
               r"[a-z]))?")
_RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (re.compile(p, re.IGNORECASE), r) for p, r in (
        (r"\b(?P<y>(?:19|20)\d\d)-(?P<mo>\d\d)-(?P<d>\d\d)\b", _iso),
        (r"\b(?:on\s+)?(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+" + _M
         + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", _absolute_dmy),
        (r"\b(?:on\s+)?" + _M + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>(?:19|20)"
         r"\d\d))?\b", _absolute_dmy),
        # "Friday 23 Aug 2013", "on Sunday, May 5": the weekday names the date that follows it
        (r"\b(?:on\s+)?" + _WD + r",?\s+(?:the\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+"
         + _M + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", _absolute_dmy),
        (r"\b(?:on\s+)?" + _WD + r",?\s+" + _M + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?:,?\s+"
         r"(?P<year>(?:19|20)\d\d))?\b", _absolute_dmy),
        (r"\bthe\s+day\s+before\s+yesterday\b", _deictic_day(-2)),
        ((r"\b(?:the\s+(?:day|night)\s+before|the\s+previous\s+(?:day|night)|a\s+day\s+"
         r"(?:earlier|before)|the\s+eve)\b"), _anaphoric_day(-1)),
        (r"\b(?:the\s+(?:next|following)\s+day|a\s+day\s+later|the\s+day\s+after)\b",
         _anaphoric_day(1)),
        (r"\b(?:(?:early|late)\s+)?(?:on\s+)?(?P<last>last\s+)?" + _WD + _POSSESSIVE + _DAYTIME
         + r"\b", _weekday),
        (r"\b(?:yesterday|last\s+night)\b", _deictic_day(-1)),
        (r"\b(?P<n>\d{1,2}|" + _COUNT + r"|a\s+few)\s+(?P<unit>days?|weeks?)\s+"
         r"(?P<dir>ago)\b", _days_away(False)),
        (r"\b(?P<n>\d{1,2}|" + _COUNT + r"|a\s+few)\s+(?P<unit>days?|weeks?)\s+"
         r"(?P<dir>earlier|later)\b", _days_away(True)),
        (r"\b(?P<n>\d{1,2}|" + _COUNT + r"|an?|a\s+few|several|some|many)\s+(?P<unit>months?|"
         r"years?)\s+ago\b", _months_away),
        (r"\b(?:today|this\s+(?:morning|afternoon|evening)|tonight)\b", _deictic_day(0)),
        (r"\b(?:in|over|during|within)\s+the\s+(?:course\s+of\s+the\s+)?(?:last|past|previous)"
         r"\s+(?:" + _NUM + r"\s+)?(?P<unit>hours?|days?|weeks?|months?)\b", _last_n_days),
        (r"\b(?:in|over|during)\s+(?:the\s+)?recent\s+days\b", _recent_days),
        (r"\b(?:this|the\s+current)\s+week\b", _week(0)),
        (r"\blast\s+week\b", _week(-1)),
        (r"\bearlier\s+this\s+month\b", _this_month(True, 0)),
        (r"\bthis\s+month\b", _this_month(False, 0)),
        (r"\blast\s+month\b", _this_month(False, -1)),
        (r"\b(?:(?:later|earlier)\s+(?:that|in\s+that|the\s+same)|(?:that|the)\s+same|"
         r"(?:in|during)\s+that)\s+year\b", _that_year(0)),
        (r"\b(?:the\s+(?:following|next)\s+year|a\s+year\s+later)\b", _that_year(1)),
        (r"\b(?:the\s+(?:previous|preceding)\s+year|the\s+year\s+before|a\s+year\s+"
         r"(?:earlier|before))\b", _that_year(-1)),
        # (the year word is named "part": "March last year" is a month, not a verb)
        (r"\b(?:in\s+)?" + _M + r",?\s+(?:of\s+)?(?P<part>last)\s+year\b", _month_of_year(-1)),
        (r"\b(?:in\s+)?" + _M + r",?\s+(?:of\s+)?(?P<part>this)\s+year\b", _month_of_year(0)),
        (r"\bearlier\s+this\s+year\b", _year_rel(0, earlier=True)),
        (r"\bthis\s+year\b", _year_rel(0)),
        (r"\blast\s+year\b", _year_rel(-1)),
        (r"\b(?:in\s+)?" + _PART + _M + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b", _part_month),
        (r"\b(?:in\s+|since\s+|during\s+)?(?P<part>)" + _M + r"(?:,?\s+(?P<year>(?:19|20)\d\d))?"
         r"\b", _part_month),
        (r"\b(?:in\s+)?" + _PART + r"(?P<year>(?:19|20)\d\d)\b", _part_year),
        (r"\b(?:in|since|during|of)\s+(?P<part>)(?P<year>(?:19|20)\d\d)\b", _part_year),
    )
)
_AMBIGUOUS_MONTHS = {"may", "march", "jan", "mar", "jun", "jul", "aug", "sep", "oct", "nov",
                     "dec", "feb", "apr", "sept"}


@dataclass(frozen=True)
class FoundTime:
    start: int
    end: int
    time: TimeExpr


class TimeFinder:
    """Finds and resolves time expressions in a text; parts of months/years are configurable."""

    def __init__(self, month_parts: dict[str, tuple[int, int]] | None = None,
                 year_parts: dict[str, tuple[int, int]] | None = None) -> None:
        self.month_parts = {**_MONTH_PARTS, **(month_parts or {})}
        self.year_parts = {**_YEAR_PARTS, **(year_parts or {})}

    @classmethod
    def from_ontology(cls, ontology: Any | None) -> TimeFinder:
        if ontology is None:
            return cls()
        return cls(getattr(ontology, "month_parts", None), getattr(ontology, "year_parts", None))

    def find(self, text: str, published: date | None) -> Iterator[FoundTime]:
        """Non-overlapping expressions in text order, each resolved (anchor carried along)."""
        spans: list[tuple[int, int, re.Match[str], Resolver]] = []
        for pattern, resolver in _RULES:
            for m in pattern.finditer(text):
                if _bare_ambiguous_month(m) or _name_word(m, text):
                    continue
                spans.append((m.start(), m.end(), m, resolver))
        spans.sort(key=lambda s: (s[0], -(s[1] - s[0])))
        taken_until = -1
        anchor: date | None = None
        year: int | None = None
        for start, end, m, resolver in spans:
            if start < taken_until:
                continue
            ctx = _Ctx(published, anchor, self.month_parts, self.year_parts, year)
            resolved = resolver(m, ctx)
            if resolved is None:
                continue
            taken_until = end
            if resolved.precision == TimePrecision.DAY and resolved.start is not None:
                anchor = resolved.start
            if resolved.start is not None and resolved.precision <= TimePrecision.YEAR:
                year = resolved.start.year
            yield FoundTime(start, end, resolved)


def _name_word(m: re.Match[str], text: str) -> bool:
    """"the Kunduz Today network", "Russia Today": a capitalised "Today" right after a
    capitalised word within a sentence is the end of a name, not the day."""
    if m.group(0) != "Today":
        return False
    before = text[:m.start()].rstrip()
    word = before.split()[-1] if before.split() else ""
    return before == text[:m.start()][:len(before)] and word[:1].isupper() and \
        not word.endswith((".", "!", "?", ":", '"'))


def _bare_ambiguous_month(m: re.Match[str]) -> bool:
    """"may", "march" alone are words, not months: keep them only with a day, year or part."""
    groups = m.groupdict()
    month = (groups.get("month") or "").casefold().rstrip(".")
    if month not in _AMBIGUOUS_MONTHS:
        return False
    if groups.get("day") or groups.get("year") or groups.get("part"):
        return False
    if groups["month"][:1].isupper() and m.group(0).split()[0].casefold() in (
            "in", "since", "during"):
        return False  # "captured in May", "since March": a capitalised month after "in"
    return month in ("may", "march") or not m.group(0)[:1].isupper()


def find_times(text: str, published: date | None) -> list[FoundTime]:
    """Convenience: every time expression of a text, resolved against `published`."""
    return list(TimeFinder().find(text, published))


def resolve_time(text: str, published: date | None, anchor: date | None = None) -> TimeExpr | None:
    """Resolve one expression ("mid-June", "on Thursday"); None when it is not a time."""
    finder = TimeFinder()
    if anchor is not None:
        found = list(finder.find(f"{anchor.isoformat()} {text}", published))[1:]
    else:
        found = list(finder.find(text, published))
    return found[0].time if found else None


class TimesComponent:
    """spaCy component `frontlines_times`: TIME spans with a resolved TimeExpr."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.finder = TimeFinder()

    def configure(self, knowledge: Any) -> None:
        self.finder = TimeFinder.from_ontology(getattr(knowledge, "ontology", None))

    def __call__(self, doc: Doc) -> Doc:
        names = [(s.start_char, s.end_char) for s in doc.spans.get(SPAN_KEY, ())
                 if s._.fl_kind == MentionKind.PLACE.value]
        for found in self.finder.find(doc.text, doc._.fl_published):
            span = doc.char_span(found.start, found.end, alignment_mode="expand")
            if span is None or _in_name(doc.text, found, names):
                continue
            add_span(doc, span, MentionKind.TIME, time=found.time, source="times")
        return doc


def _in_name(text: str, found: FoundTime, names: list[tuple[int, int]]) -> bool:
    """A month's name alone inside a longer place name is a word of the name (a village "Kafr
    Jun" is not June): no time (a date with its day or year stays one)."""
    if any(c.isdigit() for c in text[found.start:found.end]):
        return False
    return any(a <= found.start and found.end <= b and b - a > found.end - found.start
               for a, b in names)


@Language.factory("frontlines_times")
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent(nlp, name)
