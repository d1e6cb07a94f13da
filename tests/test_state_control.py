"""Territorial control derived from events: captures, withdrawals, attacks, regions, evidence."""

from __future__ import annotations

from datetime import date

from frontlines.model import ActorRef, Claim, Event, GeoRef, TimePrecision
from frontlines.state import ConflictState, ControlRules, control_on
from frontlines.store import Store

HTS = ActorRef("hts", "Hay'at Tahrir al-Sham")
AHRAR = ActorRef("ahrar-al-sham", "Ahrar al-Sham")
SALQIN = GeoRef("Salqin", "t:salqin", "Salqin", 36.1380, 36.4538, "SY", "Idlib")


def _event(eid: str, sub: str, a1: ActorRef | None, a2: ActorRef | None, when: date | None,
           trigger: str = "captured", where: GeoRef = SALQIN,
           precision: TimePrecision = TimePrecision.DAY) -> Event:
    claim = Claim(id=f"c-{eid}", doc_id="d1", sentence=int(eid[-1]) if eid[-1].isdigit() else 0,
                  evidence=f"Tahrir al-Sham {trigger} Salqin town.", evidence_start=0,
                  evidence_end=10, trigger=trigger, event_type="Battles", sub_event_type=sub)
    return Event(id=eid, event_type="Battles", sub_event_type=sub, claims=(claim,), actor1=a1,
                 actor2=a2, place=where, date=when, time_precision=precision)


def test_state_control_capture_sets_controller_from_its_date() -> None:
    events = [_event("e1", "Non-state actor overtakes territory", HTS, AHRAR, date(2017, 7, 19))]
    assert control_on(events, date(2017, 7, 18)) == []
    (state,) = control_on(events, date(2017, 7, 21))
    assert (state.status, state.controller, state.since) == ("held", HTS, date(2017, 7, 19))
    assert state.events == ("e1",)


def test_state_control_attack_by_another_actor_makes_a_held_place_contested() -> None:
    events = [
        _event("e1", "Non-state actor overtakes territory", HTS, None, date(2017, 7, 19)),
        _event("e2", "Shelling/artillery/missile attack", AHRAR, HTS, date(2017, 7, 20),
               trigger="shelled"),
    ]
    (state,) = control_on(events, date(2017, 7, 21))
    assert state.status == "contested"
    assert state.controller == HTS and set(state.contenders) == {HTS, AHRAR}
    assert state.events == ("e1", "e2")
    assert [h["status"] for h in state.history] == ["held", "contested"]


def test_state_control_violence_against_civilians_or_unnamed_attackers_contest_nothing() -> None:
    capture = _event("e1", "Non-state actor overtakes territory", HTS, None, date(2017, 7, 19))
    unnamed = _event("e2", "Armed clash", ActorRef("unidentified-armed-group-sy",
                                                   "Unidentified Armed Group (Syria)"),
                     None, date(2017, 7, 20), trigger="clashes")
    on_civilians = Event(id="e3", event_type="Violence against civilians",
                         sub_event_type="Attack", claims=capture.claims, actor1=AHRAR,
                         place=SALQIN, date=date(2017, 7, 20))
    (state,) = control_on([capture, unnamed, on_civilians], date(2017, 7, 21))
    assert (state.status, state.controller, state.events) == ("held", HTS, ("e1",))


def test_state_control_withdrawal_without_taker_leaves_the_place_unknown() -> None:
    events = [
        _event("e1", "Non-violent transfer of territory", AHRAR, None, date(2017, 7, 1),
               trigger="took over", precision=TimePrecision.MONTH),
        _event("e2", "Non-violent transfer of territory", AHRAR, None, date(2017, 7, 20),
               trigger="pulled back"),
    ]
    assert control_on(events, date(2017, 7, 5))[0].controller == AHRAR
    (state,) = control_on(events, date(2017, 7, 21))
    assert (state.status, state.controller, state.previous) == ("unknown", None, AHRAR)


def test_state_control_withdrawal_to_a_named_actor_hands_the_place_over() -> None:
    events = [_event("e1", "Non-violent transfer of territory", AHRAR, HTS, date(2017, 7, 20),
                     trigger="retreated")]
    (state,) = control_on(events, date(2017, 7, 21))
    assert (state.status, state.controller) == ("held", HTS)


def test_state_control_ignores_province_level_and_undated_events() -> None:
    province = GeoRef("Idlib province", "t:idlib-province", "Idlib", 35.9, 36.6, "SY", "Idlib",
                      geo_precision=3)
    events = [
        _event("e1", "Non-state actor overtakes territory", HTS, None, date(2017, 7, 19),
               where=province),
        _event("e2", "Non-state actor overtakes territory", HTS, None, None),
    ]
    assert control_on(events, date(2017, 7, 21)) == []
    assert control_on(events, date(2017, 7, 21), ControlRules(max_geo_precision=3))


def test_state_control_recapture_after_clashes_holds_again(conflict_store: Store) -> None:
    view = ConflictState(conflict_store)
    states = {s.name: s for s in view.control(date(2017, 7, 21))}
    assert states["Saraqib"].status == "held"
    assert states["Saraqib"].controller is not None and states["Saraqib"].controller.id == "hts"
    assert states["Hazarin"].status == "contested"
    assert states["Ariha"].status == "contested" and states["Ariha"].controller is None
    assert states["Bab al-Hawa"].status == "unknown"
    assert "Idlib" not in states  # a protest moves no front line


def test_state_control_region_matches_admin1_spelling_variants(conflict_store: Store) -> None:
    view = ConflictState(conflict_store)
    idleb = {s.name for s in view.control(date(2017, 7, 21), region="Idleb")}
    assert idleb == {"Ariha", "Bab al-Hawa", "Hazarin", "Saraqib"}
    assert {s.name for s in view.control(date(2017, 7, 21), region="Aleppo")} == {"Khan Tuman"}
