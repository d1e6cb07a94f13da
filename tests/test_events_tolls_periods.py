"""Strikes that stop, habits told 'every night', counts of strikes over a month, aircraft
moved and a day's toll spread over a province's unnamed towns are no events; the same acts
told on a day at a place stay events (texts written for these tests)."""

from __future__ import annotations


def _happened(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None]


def test_events_strikes_paused_or_halted_by_their_own_side_are_not_events(extract_text) -> None:
    for text in ("The air force paused its bombing of Fallujah on Thursday to let families "
                 "leave.",
                 "The coalition suspended the raids on Hodeidah for two days.",
                 "The army halted its air strikes on Tikrit on Monday."):
        assert _happened(extract_text(text)) == [], text
    # an attack the other side halts was fought
    ex = extract_text("Militants halted an army advance on Baiji on Monday.")
    assert {c.sub_event_type for c in _happened(ex)} == {"Armed clash"}


def test_events_a_habit_told_every_night_is_not_an_event(extract_text) -> None:
    ex = extract_text("Residents said the helicopters drop barrel bombs on Ramadi every night.")
    assert _happened(ex) == []
    assert _happened(extract_text("Helicopters dropped barrel bombs on Ramadi on Monday."))


def test_events_strikes_counted_over_a_month_are_not_events(extract_text) -> None:
    for text in ("Coalition jets dropped 1,900 bombs on Mosul during May, the monitor said.",
                 "Warplanes carried out more than 450 raids on Fallujah in June."):
        ex = extract_text(text)
        assert _happened(ex) == [], text
        assert {c.modality for c in ex.claims} == {"summary"}, text
    assert _happened(extract_text("Militants fired 40 rockets on Kirkuk on Monday."))


def test_events_aircraft_withdrawn_through_a_quantity_are_not_events(extract_text) -> None:
    ex = extract_text("Russia withdrew a number of its helicopters from the Qayyarah base.")
    assert _happened(ex) == []


def test_events_a_toll_spread_over_a_provinces_unnamed_towns_is_no_event(extract_text) -> None:
    ex = extract_text("Air strikes killed 31 people in several villages of Anbar province on "
                      "Tuesday.")
    assert _happened(ex) == []
    assert {c.modality for c in ex.claims} == {"summary"}
    # named villages are places of their own
    ex = extract_text("Air strikes killed 31 people in several villages, including Hit and "
                      "Rawa, on Tuesday.")
    assert _happened(ex)


def test_events_a_kind_of_attack_or_a_habit_on_a_basis_is_not_an_event(extract_text) -> None:
    for text in ("Three shepherds were killed in such attacks near Sinjar.",
                 "The navy shells the militants' hideouts on a nearly daily basis.",
                 "Barrel bombs are typically dropped from helicopters."):
        assert _happened(extract_text(text)) == [], text
    ex = extract_text("Most of the victims died in an air strike that hit the cattle market of Hit on "
                      "Monday.")
    assert {c.sub_event_type for c in _happened(ex)} == {"Air/drone strike"}
