"""Consolidation: one event per happening, told once or many times, in one report or several."""

from __future__ import annotations

from datetime import date

from frontlines.consolidate import consolidate
from frontlines.model import ActorRef, Claim, GeoRef, Qualifier, Quantity, TimeExpr, TimePrecision

HTS = ActorRef(id="hts", name="Hay'at Tahrir al-Sham", text="Tahrir al-Sham")
AHRAR = ActorRef(id="ahrar-al-sham", name="Ahrar al-Sham", text="Ahrar al-Sham")
DANA = GeoRef(text="al-Dana", place_id="geonames:174259", name="Ad Dana", lat=36.21, lon=36.77)
DANA_PROVINCE = GeoRef(text="al-Dana", place_id="world-admin1:SY:idlib", name="Idlib",
                       lat=35.86, lon=36.63, admin1="Idlib", geo_precision=3)
FRIDAY = date(2017, 7, 21)


def _time(day: date | None, precision: TimePrecision = TimePrecision.DAY, text: str = "x"
          ) -> TimeExpr:
    return TimeExpr(text=text, start=day, end=day, precision=precision)


def _claim(n: int, time: TimeExpr, doc: str = "d1", place: GeoRef = DANA,
           quantities: tuple[Quantity, ...] = (), actor2: ActorRef | None = None) -> Claim:
    return Claim(id=f"c{n}", doc_id=doc, sentence=n, evidence=f"sentence {n}",
                 evidence_start=n * 10, evidence_end=n * 10 + 9, trigger="took control",
                 event_type="Battles", sub_event_type="Non-state actor overtakes territory",
                 actor1=HTS, actor2=actor2, place=place, time=time, quantities=quantities)


def test_consolidate_same_event_told_twice_keeps_the_precise_date() -> None:
    undated = _claim(9, _time(FRIDAY, TimePrecision.WEEK, text=""))
    wednesday = _claim(4, _time(date(2017, 7, 19)), actor2=AHRAR)
    (event,) = consolidate([undated, wednesday])
    assert [c.id for c in event.claims] == ["c4", "c9"]
    assert event.date == date(2017, 7, 19) and event.time_precision == TimePrecision.DAY
    assert event.actor2 == AHRAR


def test_consolidate_different_days_are_different_events() -> None:
    events = consolidate([_claim(1, _time(date(2017, 7, 19))), _claim(2, _time(date(2017, 7, 12)))])
    assert len(events) == 2


def test_consolidate_across_reports_with_conflicting_tolls() -> None:
    a = _claim(1, _time(date(2017, 7, 19)), doc="d1",
               quantities=(Quantity("12 killed", "killed", 12),))
    b = _claim(2, _time(date(2017, 7, 19)), doc="d2",
               quantities=(Quantity("over 20", "killed", 20, Qualifier.AT_LEAST),))
    (event,) = consolidate([a, b])
    assert event.fatalities == 12
    assert sorted(q.value for q in event.fatality_reports) == [12, 20]
    assert {c.doc_id for c in event.claims} == {"d1", "d2"}


def test_consolidate_ids_are_stable_and_order_free() -> None:
    claims = [_claim(1, _time(date(2017, 7, 19))), _claim(2, _time(date(2017, 7, 12))),
              _claim(3, _time(FRIDAY, TimePrecision.WEEK, text=""))]
    first = {e.id for e in consolidate(claims)}
    again = {e.id for e in consolidate(list(reversed(claims)))}
    assert first == again


def test_consolidate_unresolved_villages_of_one_province_stay_apart() -> None:
    other = GeoRef(text="Azmarin", place_id="world-admin1:SY:idlib", name="Idlib",
                   lat=35.86, lon=36.63, admin1="Idlib", geo_precision=3)
    events = consolidate([_claim(1, _time(FRIDAY), place=DANA_PROVINCE),
                          _claim(2, _time(FRIDAY), place=other)])
    assert len(events) == 2
