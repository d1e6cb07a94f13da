"""Aggregates and summaries are not events: a campaign told over many unnamed places or the
whole country, a present perfect counted in multitudes, a strike campaign told since a month
or a year, a habit told as periodic; a real strike told beside them stays (texts written for
these tests)."""

from __future__ import annotations


def _events(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None]


def test_tolls_operations_across_the_country_are_no_event(extract_text) -> None:
    ex = extract_text("Troops pressed on with their raids against insurgents in several areas "
                      "across the country, killing scores of fighters.")
    assert not _events(ex)


def test_tolls_fighting_in_various_unnamed_areas_is_no_event(extract_text) -> None:
    ex = extract_text("Government forces attacked militant hideouts in various areas on "
                      "Thursday.")
    assert not _events(ex)


def test_tolls_various_areas_of_a_named_town_stay_an_event(extract_text) -> None:
    ex = extract_text("Government forces shelled various areas of Saraqib on Thursday.")
    assert _events(ex)


def test_tolls_present_perfect_in_multitudes_is_no_event(extract_text) -> None:
    ex = extract_text("The militia has executed hundreds of villagers.")
    assert not _events(ex)


def test_tolls_present_perfect_with_a_place_stays_an_event(extract_text) -> None:
    ex = extract_text("The militia has executed seven villagers in Maarat al-Numan.")
    assert _events(ex)


def test_tolls_strikes_since_a_month_are_a_campaign(extract_text) -> None:
    ex = extract_text("Israeli air raids since March have also struck arms depots near Qusayr.")
    assert not _events(ex)


def test_tolls_hit_by_strikes_since_a_year_is_a_campaign(extract_text) -> None:
    ex = extract_text("Kafr Nabl has been hit by Russian air strikes since 2016.")
    assert not _events(ex)


def test_tolls_periodic_shelling_is_a_habit(extract_text) -> None:
    ex = extract_text("Rebel gunners have periodically shelled the town of Mhardeh.")
    assert not _events(ex)


def test_tolls_a_strike_with_a_weekly_toll_stays_one_event(extract_text) -> None:
    ex = extract_text("An air strike on Kafr Nabl killed six people on Sunday, bringing the toll "
                      "this week to 45.")
    (claim,) = _events(ex)
    assert claim.sub_event_type == "Air/drone strike"
    assert claim.place is not None and claim.place.text == "Kafr Nabl"


def test_tolls_a_running_weekly_toll_is_not_the_strikes(extract_text) -> None:
    ex = extract_text("An air strike on Kafr Nabl killed six people on Sunday, bringing the toll "
                      "this week to 45.")
    (claim,) = _events(ex)
    assert [q.value for q in claim.quantities if q.category == "killed"] == [6]
    assert [q.value for r in ex.casualty_reports for q in r.quantities] == [45]


def test_tolls_a_raised_toll_refers_back_to_the_strike(extract_text) -> None:
    ex = extract_text("Jets struck a market in Ariha on Monday, killing 20 people. A monitoring "
                      "group on Tuesday raised the death toll from air strikes on a market in a "
                      "northern rebel-held town the day before to 53.")
    codings = {(c.sub_event_type, c.place.text if c.place else None, c.time.start if c.time
                else None, c.actor1.name if c.actor1 else None) for c in _events(ex)}
    assert len(codings) == 1  # one coding: consolidation makes it one event
    assert next(iter(codings))[1] == "Ariha"


def test_tolls_taking_several_villages_stays_a_capture(extract_text) -> None:
    ex = extract_text("Troops backed by militiamen advanced on Tuesday, taking control of "
                      "several villages in Shahba district.")
    assert [c for c in _events(ex) if c.sub_event_type == "Government regains territory"]
