"""Whole-article precision, round 2: strikes named by who flies them, and the time of a report
(issue #17), on sentences of our own."""

from __future__ import annotations


def _strikes(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.sub_event_type == "Air/drone strike"]


def test_precision2_coalition_strike_is_an_air_strike_by_the_coalition(extract_text) -> None:
    ex = extract_text("Monitors said a US-led coalition strike on Saraqib killed six civilians "
                      "on Tuesday.")
    strikes = _strikes(ex)
    assert strikes and "Coalition" in strikes[0].actor1.name



def test_precision2_coalition_as_target_is_no_striker(extract_text) -> None:
    ex = extract_text("Rockets struck a base hosting coalition forces near Saraqib on Tuesday.")
    assert not _strikes(ex)


_LEAD = "Government air strikes hit a market in the town of Saraqib on Wednesday, killing 9 people. "


def test_precision2_named_for_a_person_is_no_place(extract_text) -> None:
    ex = extract_text(_LEAD + "On Thursday Assad loyalists shelled rebel positions.")
    later = [c for c in ex.claims if c.sentence == 1]
    assert later and all(c.place is None or c.place.text != "Assad" for c in later)


def test_precision2_plural_events_in_the_perfect_without_time_or_place_sum_up(
        extract_text) -> None:
    ex = extract_text(_LEAD + "The jihadists have launched deadly counterattacks on army "
                      "positions.")
    assert not [c for c in ex.claims if c.sentence == 1 and c.modality is None]
    ex = extract_text(_LEAD + "The jihadists have launched deadly counterattacks on army "
                      "positions near Saraqib on Thursday.")
    assert [c for c in ex.claims if c.sentence == 1 and c.modality is None]


def test_precision2_a_class_of_arms_in_a_statement_is_no_bomb(extract_text) -> None:
    ex = extract_text(_LEAD + "The council said the use of explosive weapons against civilians "
                      "aims at emptying the town.")
    assert not [c for c in ex.claims if c.sentence == 1 and c.modality is None and
                c.sub_event_type == "Remote explosive/landmine/IED"]


def test_precision2_the_bombardment_refers_back_to_the_strike_told(extract_text) -> None:
    ex = extract_text("Government warplanes struck the town of Saraqib on Tuesday, killing four "
                      "civilians. Rescuers said the bombardment destroyed the town's only "
                      "clinic.")
    told = [c for c in ex.claims if c.modality is None and c.event_type ==
            "Explosions/Remote violence"]
    assert told and {c.sub_event_type for c in told} == {"Air/drone strike"}


def test_precision2_a_campaign_begun_in_a_month_is_no_battle(extract_text) -> None:
    ex = extract_text("Kurdish-led fighters launched the offensive in early April and "
                      "surrounded the town of Saraqib.")
    assert not [c for c in ex.claims if c.modality is None and c.event_type == "Battles"]
    ex = extract_text("Kurdish-led fighters launched an offensive on the town of Saraqib on "
                      "Tuesday, clashing with the jihadists.")
    assert [c for c in ex.claims if c.modality is None and c.event_type == "Battles"]
