"""Which time phrase dates which event (events/timing.py); texts written for these tests."""

from __future__ import annotations

from datetime import date

from frontlines.model import TimePrecision


def test_timing_an_undated_event_later_in_a_report_takes_the_reports_last_day(
        extract_text) -> None:
    """The lead gives the day; a later sentence with no time of its own, after a sentence with
    none either, happened from that day on, not in the week before the report came out."""
    ex = extract_text(
        "Government warplanes bombed a market in the town of Saraqib on Tuesday, killing nine "
        "civilians. The United Nations condemned the attack on the market. Separate air "
        "strikes on the village of Kafr Nabl killed four people.", published=date(2017, 7, 21))
    later = [c for c in ex.claims if c.modality is None and c.sentence == 2]
    assert later, [(c.sentence, c.trigger) for c in ex.claims]
    assert {(c.time.start, c.time.end) for c in later} == {(date(2017, 7, 18), date(2017, 7, 21))}
    assert {c.time.precision for c in later} == {TimePrecision.WEEK}


def test_timing_a_day_told_only_by_the_saying_verb_lets_the_event_be_the_day_before(
        extract_text) -> None:
    """"..., the governor said on Friday": Friday is when it was told; the strike the report
    then dates to Thursday is the same strike, dated Thursday."""
    ex = extract_text(
        "An air strike on the town of Saraqib killed nine civilians, the governor said on "
        "Friday. Warplanes bombed the town of Saraqib late on Thursday.",
        published=date(2017, 7, 21))
    from frontlines.consolidate import consolidate

    events = [e for e in consolidate(ex.claims) if not e.background]
    assert len(events) == 1, [(e.sub_event_type, e.date) for e in events]
    assert events[0].date == date(2017, 7, 20)


def test_timing_an_event_counted_in_days_before_its_main_clause(extract_text) -> None:
    """"The shelling came two days after gunmen ambushed ...": the ambush is two days before the
    main clause's day (here the sentence before's Thursday); in the present tense, before the
    report's day."""
    ex = extract_text(
        "Army artillery shelled the village of Kafr Nabl on Thursday. The shelling came two "
        "days after gunmen ambushed a patrol in the town of Saraqib.",
        published=date(2017, 7, 21))
    days = {c.trigger: c.time for c in ex.claims if c.modality is None and c.time}
    assert days["ambushed"].start == date(2017, 7, 18), days
    assert days["ambushed"].text == "two days after", days
    ex = extract_text(
        "The reports arrive only a day after 30 civilians were killed in army shelling on the "
        "town of Saraqib.", published=date(2017, 7, 21))
    days = {c.trigger: c.time.start for c in ex.claims if c.modality is None and c.time}
    assert days and set(days.values()) == {date(2017, 7, 20)}, days


def test_timing_a_day_told_in_a_clause_of_after_starts_the_span_of_the_event(
        extract_text) -> None:
    """"The shelling began after the army said rebels downed a jet on Sunday": Sunday dates
    what came before; the shelling happened from then up to the report, not on Sunday."""
    ex = extract_text(
        "Warplanes bombed the town of Kafr Nabl on Monday. The shelling of Kafr Nabl began "
        "after the army said rebels downed a helicopter when it flew over the area on Sunday.",
        published=date(2017, 7, 21))
    shelling = [c for c in ex.claims if c.trigger == "shelling"]
    assert shelling, [(c.trigger, c.time) for c in ex.claims]
    t = shelling[0].time
    assert (t.start, t.end, t.precision) == (date(2017, 7, 16), date(2017, 7, 21),
                                             TimePrecision.WEEK)


def test_a_clause_with_its_own_day_keeps_it_beside_a_day_after(extract_text) -> None:
    # "on Monday" is the strike's own day: "a day after" dates only what it governs
    ex = extract_text("Twelve people were killed on Monday in heavy government air strikes on "
                      "the town of Kafr Zita a day after the reported capture of an army "
                      "officer, activists said.", published=date(2017, 7, 18))
    strikes = [c for c in ex.claims if c.sub_event_type == "Air/drone strike"]
    assert strikes and {c.time.start for c in strikes} == {date(2017, 7, 17)}


def test_timing_an_event_noun_inside_another_noun_does_not_take_the_other_clauses_day(
        extract_text) -> None:
    """"On Friday, relatives buried the victims of the attack": Friday is the burial's day;
    "the attack" refers back to Wednesday's ambush, and is no second event on Friday."""
    from frontlines.consolidate import consolidate

    ex = extract_text(
        "Militants ambushed an army patrol near the town of Morek on Wednesday, killing six "
        "soldiers. On Friday, relatives buried the victims of the attack in "
        "the town of Morek.", published=date(2017, 7, 22))
    events = [e for e in consolidate(ex.claims) if not e.background]
    assert [e.date for e in events] == [date(2017, 7, 19)], [
        (e.sub_event_type, e.date, [c.trigger for c in e.claims]) for e in events]


def test_timing_an_event_told_years_ago_is_background(extract_text) -> None:
    """"two years ago" is a year well before the report: a capture retold as history is
    background, the strike told on its day is not."""
    ex = extract_text(
        "Insurgents overran the town of Morek in a surprise offensive two years ago. Jets "
        "bombed the town of Morek on Thursday, killing three civilians.",
        published=date(2017, 7, 22))
    old = [c for c in ex.claims if c.sentence == 0 and c.modality is None]
    assert old and all(c.background and c.time.start == date(2015, 1, 1) for c in old), [
        (c.trigger, c.time, c.background) for c in old]
    new = [c for c in ex.claims if c.sentence == 1 and c.modality is None]
    assert new and not any(c.background for c in new)


def test_timing_a_clause_counted_in_weeks_or_months_after(extract_text) -> None:
    """"..., a week after jets bombed X": the bombing is a week before the main clause's day;
    "three months after rebels overran it" is that month, well before the report: background,
    not a second capture on the day of the recapture."""
    ex = extract_text(
        "Militants stormed army posts near the town of Morek on Thursday, a week after jets "
        "bombed the town of Latamneh.", published=date(2017, 7, 22))
    days = {c.trigger: c.time for c in ex.claims if c.modality is None and c.time}
    assert days["bombed"].start == date(2017, 7, 13), days
    ex = extract_text(
        "Government troops retook the town of Morek on Wednesday, three months after rebels "
        "overran it.", published=date(2017, 7, 22))
    old = [c for c in ex.claims if c.trigger == "overran" and c.modality is None]
    assert old and all(c.background and c.time.start == date(2017, 4, 1) for c in old), [
        (c.trigger, c.time, c.background) for c in ex.claims]


def test_timing_an_event_before_a_clause_with_its_day_takes_that_day(extract_text) -> None:
    """"Before troops stormed X on Wednesday, jets pounded its outskirts": the strikes came on
    or before Wednesday, not in the week of the report."""
    ex = extract_text(
        "Before troops stormed the town of Morek on Tuesday, helicopters dropped barrel bombs "
        "on its outskirts.", published=date(2017, 7, 22))
    strikes = [c for c in ex.claims if c.sub_event_type == "Air/drone strike"]
    assert strikes and {c.time.start for c in strikes} == {date(2017, 7, 18)}, [
        (c.trigger, c.time) for c in ex.claims]


def test_timing_the_clause_describing_the_event_noun_dates_it(extract_text) -> None:
    """"The air strikes that hit a clinic on Monday night killed four, medics said on
    Tuesday": the strikes' own clause tells their day; Tuesday is only when it was told."""
    ex = extract_text(
        "The air strikes that hit a clinic in the town of Ariha on Monday night killed four "
        "people, medics said on Tuesday.", published=date(2017, 7, 19))
    strikes = [c for c in ex.claims if c.sub_event_type == "Air/drone strike" and
               c.modality is None]
    assert strikes and {c.time.start for c in strikes} == {date(2017, 7, 17)}, [
        (c.trigger, c.time) for c in ex.claims]


def test_timing_a_toll_told_on_a_day_takes_the_day_the_report_gives_the_blast(
        extract_text) -> None:
    """"The death toll from a car bomb ... has reached 31, the monitor said on Saturday" is
    dated only by the day it was told; "the ruins of Friday's explosion" later in the report,
    coded as no event of its own, gives the day it happened."""
    from frontlines.consolidate import consolidate

    ex = extract_text(
        "The death toll from a car bomb in the town of Jarablus has reached 31, a war "
        "monitor said on Saturday. Volunteers kept digging through the ruins of Friday's "
        "explosion.", published=date(2017, 7, 22))
    events = [e for e in consolidate(ex.claims) if not e.background and e.event_type ==
              "Explosions/Remote violence"]
    assert events and {e.date for e in events} == {date(2017, 7, 21)}, [
        (e.sub_event_type, e.date, [c.trigger for c in e.claims]) for e in events]


def test_timing_a_campaign_that_began_on_a_day_is_not_dated_by_it(extract_text) -> None:
    """"an offensive that began on June 3": the clause tells when a campaign started, not the
    day of the event the sentence tells."""
    ex = extract_text("Rebels struck back at a government offensive that started on June 3 "
                      "near the town of Tabqa.", published=date(2016, 6, 20))
    assert all(c.time is None or c.time.start != date(2016, 6, 3) for c in ex.claims), [
        (c.trigger, c.time) for c in ex.claims]
