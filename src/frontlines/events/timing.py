"""When an event happened: the time phrase that belongs to its trigger, found along the parse
(see `event_time`). Relative phrases are already resolved against the published date by the
time annotator; this module only decides which phrase dates which event."""

from __future__ import annotations

from datetime import date, timedelta

from frontlines.events.ontology import Ontology
from frontlines.events.roles import Frame
from frontlines.events.sentence import Span, View
from frontlines.model import TimeExpr, TimePrecision
from frontlines.names import count_of

__all__ = ["borrowed_time", "dates_a_state", "event_time", "said_on"]

_TOLD_DAYS = 7  # a day told longer before publication dates no undated event of the report


def event_time(view: View, frame: Frame, frames: list[Frame], ontology: Ontology,
               previous: TimeExpr | None, published: date | None,
               told: TimeExpr | None = None) -> TimeExpr:
    """The time of the event a frame tells: its own time phrase, else its governor's, else the
    time on the verb reporting it, else a free time of the sentence, else a coordinated verb's,
    else the previous sentence's (a day becomes a week), else a span from the last day the
    report gave an event up to its publication (`told`: "killed 26 people on Tuesday" ...
    "separate strikes killed 12" happened from Tuesday on, not in the week before the report
    came out), else the published week."""
    def first(spans: list[Span]) -> TimeExpr | None:
        times = [s.mention.time for s in spans if s.mention.time is not None]
        return times[0] if times else None

    found = first(frame.times)
    if found is None:  # "the strikes that hit a hospital on Monday night": the clause that
        found = _described(view, frame, ontology)  # describes the event noun tells when
    if found is None:  # "Airstrikes by X killed 21 on Monday": the noun's verb has the time,
        # as has the toll an event noun governs ("a strike killing five on Saturday")
        found = next((first(f.times) for f in frames if f.times and f.pred != frame.pred and (
            (f.governor is frame and f.event.consequence) or (
                view.tokens[f.pred].dep == "acl" and
                _verb_of_root_noun(view, f.pred, frame.pred)))), None)
    if found is None:  # "the strikes came a day after X were killed": X's day is counted back
        found = _counted_from(view, frame, previous, published, ontology)
    gov = frame.governor
    while found is None and gov is not None:
        found = first(gov.times)
        gov = gov.governor
    if found is None:  # "jets pounded X before troops stormed it on Wednesday"
        found = _clause_time(view, frame, ontology)
    if found is None:
        owned = {t.first for f in frames for t in f.times}
        found = _said_on(view, frame, ontology)
        if found is None:
            free = [t for t in view.times if t.first not in owned and
                    not dates_a_state(view, t, ontology, frame.pred)]
            found = first([t for t in free
                           if not _dates_what_came_before(view, t, frame.pred, ontology)])
            since = first(free)
            if found is None and since is not None and since.start is not None:
                # what came after that day: from it up to the report (a week, for coreference)
                end = max(since.end or since.start, published or since.start)
                found = TimeExpr(text=since.text, start=since.start, end=end,
                                 precision=max(since.precision, TimePrecision.WEEK),
                                 relative=True)
    if found is None:  # "declared defection ... and voiced allegiance ... earlier this month"
        mine = _clause_verb(view, frame.pred)
        for other in frames:
            theirs = _clause_verb(view, other.pred)
            if other is not frame and other.times and mine is not None and theirs is not None \
                    and (view.head(theirs) == mine or view.head(mine) == theirs) and \
                    "conj" in (view.tokens[theirs].dep, view.tokens[mine].dep):
                found = first(other.times)
                break
    if found is None and not view.times and previous is not None:
        found = previous  # the previous sentence's date, less sure: a day becomes a week
        if found.precision == TimePrecision.DAY:
            found = TimeExpr(text=found.text, start=found.start, end=found.end,
                             precision=TimePrecision.WEEK, relative=True)
    elif found is None and told is not None and told.start is not None and (
            published is None or (published - told.start).days <= _TOLD_DAYS):
        # some day from the last one told up to the report's (a week, for coreference)
        end = max(told.end or told.start, published or told.start)
        found = TimeExpr(text=told.text, start=told.start, end=end,
                         precision=TimePrecision.WEEK, relative=True)
    if found is None:
        return TimeExpr(text="", start=published, end=published,
                        precision=TimePrecision.WEEK if published else TimePrecision.UNKNOWN,
                        relative=True)
    return found


def _counted_from(view: View, frame: Frame, previous: TimeExpr | None,
                  published: date | None, ontology: Ontology) -> TimeExpr | None:
    """"The raids came two days after gunmen killed a soldier": an event told in a clause of
    "after"/"before" measured in days (weeks, months, years: "a week after" is a week's span
    ending that day, "three months after" that month, background) from its main clause happened
    that many days before or after the main clause's day (its own time, else the report's day
    for a present tense ("the reports come a day after ..."), else the day the sentence before
    gave). The marks and units are kb/ontology.yaml `time.counted_after`, `counted_before` and
    `unit_days` (a month counted as 30 days, then dated to its month)."""
    unit_days, after = ontology.unit_days, ontology.counted_after
    counting = ontology.counted_after | ontology.counted_before
    for c in [frame.pred, *view.ancestors(frame.pred)]:
        if view.tokens[c].dep != "advcl":
            continue
        marks = [view.word(m).casefold() for m in view.deps(c, "mark", "prep")]
        # "two days after" hangs the days on the clause's verb or on "after" itself
        units = [u for h in [c, *view.deps(c, "mark", "prep")] for u in view.deps(h, "npadvmod")
                 if view.word(u).casefold() in unit_days]
        if not units or not counting & set(marks):
            continue  # a clause of another kind: the one that counts may hold it
        unit = view.word(units[0]).casefold()
        counted = [(k, j) for j in view.deps(units[0], "nummod", "det")
                   if (k := count_of(view.word(j))) is not None]
        if not counted and unit_days[unit] >= 30 and unit.endswith("s"):
            counted = [(2, min([units[0], *view.deps(units[0], "amod", "nummod", "det")]))]
            # "months after": two at least, however many ("several months after")
        if not counted:
            return None
        n, first = counted[0]
        mark = max(m for m in view.deps(c, "mark", "prep") if view.word(m).casefold() in
                   counting)
        inner = view.subtree(c)
        main = view.head(c)
        ref = next((t.mention.time for t in view.times if t.first not in inner and
                    t.mention.time is not None and t.mention.time.precision == TimePrecision.DAY
                    and t.mention.time.start is not None), None)
        base = ref.start if ref is not None else published if view.tokens[main].tag in (
            "VBP", "VBZ") else previous.start if previous is not None and \
            previous.precision == TimePrecision.DAY else published
        if base is None:
            return None
        days = n * unit_days[unit]
        day = base - timedelta(days=days) if after & set(marks) else \
            base + timedelta(days=days)
        text = view.text(min(first, units[0]), mark)
        if days >= 365:  # "two years after": that year
            return TimeExpr(text=text, start=date(day.year, 1, 1), end=date(day.year, 12, 31),
                            precision=TimePrecision.YEAR, relative=True)
        if days >= 30:  # "three months after": that month
            end = (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
            return TimeExpr(text=text, start=day.replace(day=1), end=end,
                            precision=TimePrecision.MONTH, relative=True)
        return TimeExpr(text=text, start=day, end=day, relative=True,
                        precision=TimePrecision.DAY if days < 7 else TimePrecision.WEEK)
    return None


def _described(view: View, frame: Frame, ontology: Ontology) -> TimeExpr | None:
    """The time in a relative clause or participle of the trigger noun itself ("were behind
    the strikes that hit a hospital on Monday night, rescuers said on Tuesday"): the event's
    own, not the day it was told; a period it starts ("which has gone on since May", "an
    offensive that began on June 3", "that went on": kb modality `aspectual`) is not; the day
    an attack was launched is its own."""
    head = frame.match.head
    if view.tokens[head].pos not in ("NOUN", "PROPN"):
        return None
    for c in view.deps(head, "relcl", "acl"):
        if ontology.stem(view.tokens[c].text) in ontology.aspectual:
            continue
        inner = view.subtree(c)
        for t in view.times:
            if t.first in inner and t.mention.time is not None and \
                    t.mention.time.start is not None and not _starts_period(view, t, ontology):
                return t.mention.time
    return None


def _clause_time(view: View, frame: Frame, ontology: Ontology) -> TimeExpr | None:
    """"Jets pounded the outskirts before troops stormed the town on Wednesday": an event with
    no time of its own takes the time of a clause of "before" on its clause's verb, as some day
    up to it (a week's span ending that day), or of a clause of "as", "when" or "while", as that
    time: not the report's day, nor the day of another sentence (kb/ontology.yaml
    `time.clause_before`, `time.clause_while`)."""
    verb = _clause_verb(view, frame.pred)
    if verb is None:
        return None
    for c in view.deps(verb, "advcl"):
        if frame.pred in view.subtree(c):
            continue
        marks = {view.word(m).casefold() for m in view.deps(c, "mark")}
        if not marks & (ontology.clause_before | ontology.clause_while):
            continue
        inner = view.subtree(c)
        t = next((t.mention.time for t in view.times if t.first in inner and
                  t.mention.time is not None and t.mention.time.start is not None and
                  not dates_a_state(view, t, ontology)), None)
        if t is None:
            continue
        if marks & ontology.clause_before and t.precision == TimePrecision.DAY:
            return TimeExpr(text=t.text, start=t.start, end=t.start,
                            precision=TimePrecision.WEEK, relative=True)
        return t
    return None


def said_on(view: View, frame: Frame, ontology: Ontology, time: TimeExpr) -> bool:
    """Whether the event's time is only the day it was told ("the governor said on Friday that
    a strike killed 5", "the toll reached 112, the monitor said on Sunday"): the time is the
    saying verb's, and neither the event's trigger nor its governors have one of their own.
    The event happened then or the day before."""
    gov: Frame | None = frame
    while gov is not None:
        if any(t.mention.time is not None for t in gov.times):
            return False
        gov = gov.governor
    for t in view.times:
        if t.mention.time is time:
            verb = view.nearest_verb_left(t.first)
            return verb is not None and _reporting(view, verb, ontology)
    return False


def borrowed_time(view: View, frame: Frame, frames: list[Frame], time: TimeExpr) -> bool:
    """Whether an event noun inside another noun's phrase ("the victims of the attack", "the
    site of the blast") has only a time of its sentence that neither it, its governors nor its
    toll hold ("On Thursday, residents buried the victims of the attack"): the day of the other
    clause, not of the event the noun refers back to."""
    head = view.tokens[frame.match.head]
    if head.pos not in ("NOUN", "PROPN") or head.dep != "pobj" or \
            view.tokens[view.head(head.head)].pos not in ("NOUN", "PROPN"):
        return False
    inside = view.subtree(head.i)
    if any(t.mention.time is time and t.first in inside for t in view.times):
        return False  # "the rubble of Thursday's blast": its own day
    gov: Frame | None = frame
    while gov is not None:
        if any(t.mention.time is time for t in gov.times):
            return False
        gov = gov.governor
    if any(t.mention.time is time for f in frames if f.governor is frame and
           f.event.consequence for t in f.times):
        return False
    return any(t.mention.time is time for t in view.times)


def _reporting(view: View, i: int, ontology: Ontology) -> bool:
    """A reporting verb of kb/ontology.yaml `attribution`, as written or by its lemma ("said",
    "told": say, tell)."""
    tok = view.tokens[i]
    return ontology.stem(tok.text) in ontology.reporting_verbs or \
        bool(tok.lemma) and ontology.stem(tok.lemma) in ontology.reporting_verbs


def _said_on(view: View, frame: Frame, ontology: Ontology) -> TimeExpr | None:
    for a in view.ancestors(frame.pred):
        if _reporting(view, a, ontology):
            times = [t.mention.time for t in view.times if view.nearest_verb_left(t.first) == a
                     and t.mention.time is not None]
            if times:
                return times[0]
    return None


def _starts_period(view: View, t: Span, ontology: Ontology) -> bool:
    """The time starts a period: a word of kb/ontology.yaml `time.period_start` ("since") opens
    it or stands before it."""
    return t.first > 0 and view.word(t.first - 1) in ontology.period_start or \
        view.word(t.first) in ontology.period_start


def dates_a_state(view: View, t: Span, ontology: Ontology, pred: int | None = None) -> bool:
    """"the city that has been divided since July 2012", "fighting IS since January": a time
    that starts a period ("since"), or that sits in a clause describing a noun which does not
    hold the trigger, dates a state of things, not the event the sentence tells."""
    if _starts_period(view, t, ontology):
        return True
    for a in view.ancestors(t.first):
        if view.tokens[a].dep in ("relcl", "acl"):
            if pred is not None and _verb_of_root_noun(view, a, pred):
                return False
            return pred is None or pred not in view.subtree(a)
    return False


def _dates_what_came_before(view: View, t: Span, pred: int, ontology: Ontology) -> bool:
    """"The shelling began after the army said rebels downed a jet on Sunday": a time in a
    clause of "after" or "since" that does not hold the trigger dates what came before the
    event, not the event, which happened from that day on (kb/ontology.yaml
    `time.came_before`)."""
    for a in view.ancestors(t.first):
        if pred in view.subtree(a):
            return False
        if view.tokens[a].dep == "advcl" and any(
                view.word(m).casefold() in ontology.came_before for m in view.deps(a, "mark")):
            return True
    return False


def _verb_of_root_noun(view: View, clause: int, pred: int) -> bool:
    """"Airstrikes by the coalition killed 21 civilians on Monday": the parser makes the event
    noun the root and the verb a clause of its agent; that clause tells the event itself."""
    agent = view.head(clause)
    by = view.head(agent)
    return view.is_root(pred) and view.tokens[pred].pos in ("NOUN", "PROPN") and \
        view.tokens[agent].dep == "pobj" and view.word(by) == "by" and view.head(by) == pred


def _clause_verb(view: View, i: int) -> int | None:
    for a in [i, *view.ancestors(i)]:
        if view.tokens[a].pos == "VERB":
            return a
    return None
