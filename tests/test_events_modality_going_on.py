"""Campaigns going on, backdrops, support, tolls and contrasts are not events (issue 17): what
a report tells around its event is kept as a claim with a modality, never coded as one."""

from __future__ import annotations

from datetime import date

import pytest


def _happened(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None]


def _types(ex) -> set[str]:  # type: ignore[no-untyped-def]
    return {c.sub_event_type for c in _happened(ex)}


def test_going_on_in_the_present_is_a_summary(extract_text) -> None:
    for text in (
            # a verb of going on in the third person ("goes on", "continues")
            "Artillery fire by the militia on the outskirts of Sirte goes on unabated.",
            "Bombing by the air force on the farms east of Benghazi continues without pause.",
            # present and present perfect progressive
            "Witnesses said dozens of air raids have been pounding the hills around Taiz every "
            "morning for three weeks.",
            "Pro-government gunmen are shelling the old quarter of Misrata, its mayor told us.",
            # present "under"
            "The insurgents are under attack in their remaining hideouts along the river by "
            "army units and allied tribesmen.",
            # present tense in a clause of time
            "The naval blockade tightens as Houthi gunners fire rockets across the frontier at "
            "Najran.",
            # a verb of growing
            "Shelling of the harbour had intensified over the previous 48 hours, a naval officer "
            "told the radio."):
        ex = extract_text(text)
        assert not _happened(ex), text
        assert any(c.modality == "summary" for c in ex.claims), text


def test_going_on_leaves_a_dated_or_past_event_and_protests(extract_text) -> None:
    ex = extract_text("Pro-government gunmen shelled the old quarter of Misrata on Tuesday.")
    assert _types(ex) == {"Shelling/artillery/missile attack"}
    # a day told keeps it one event, even in the progressive
    ex = extract_text("Militia gunners were shelling the port of Misrata on Tuesday evening.")
    assert _types(ex) == {"Shelling/artillery/missile attack"}
    ex = extract_text("Hundreds of teachers are marching on the parliament in Tunis over unpaid "
                      "wages.")
    assert _types(ex) & {"Peaceful protest", "Protest with intervention"}


def test_a_backdrop_at_no_finer_place_is_no_battle(extract_text) -> None:
    ex = extract_text("The drone strike on the convoy came amid heavy fighting between the army "
                      "and tribal militias in the province of Marib.")
    assert "Armed clash" not in _types(ex)
    assert any(c.modality == "summary" and c.sub_event_type == "Armed clash" for c in ex.claims)


def test_support_by_an_event_is_no_event_of_its_own(extract_text) -> None:
    ex = extract_text("Tribal fighters pushed into the town of Ataq. They were assisted by "
                      "helicopter raids carried out by the air force.")
    assert "Air/drone strike" not in _types(ex)


def test_a_toll_qualifying_a_count_is_no_event(extract_text) -> None:
    ex = extract_text("A doctor at the clinic later put the number of patients killed at nine.")
    assert [c.modality for c in ex.claims] == ["summary"]  # the rules read a toll, not a doubt


def test_a_campaign_told_in_the_present_perfect_is_a_summary(extract_text) -> None:
    ex = extract_text("Scores of villagers have been shot or abducted during a militia offensive "
                      "on the district of Jabal Marra, elders have said.")
    assert not _happened(ex)


def test_what_a_report_sets_against_what_was_done_did_not_happen(extract_text) -> None:
    ex = extract_text("The gunmen used knives rather than the car bombs that their cell has set "
                      "off in Mogadishu and elsewhere.")
    assert "Remote explosive/landmine/IED" not in _types(ex)
    assert any(c.modality == "negated" for c in ex.claims)


def test_a_month_of_last_year_dates_the_event_a_year_back(extract_text) -> None:
    ex = extract_text("In March last year a truck bomb killed 30 shoppers in the central market "
                      "of Mogadishu.", published=date(2017, 7, 21))
    (claim,) = [c for c in ex.claims if c.modality is None]
    assert claim.time.start == date(2016, 3, 1)
    assert claim.background is True


def test_a_toll_counted_up_to_now_is_a_summary(extract_text) -> None:
    for text in ("About 40 villagers have been kidnapped so far, a tribal elder said.",
                 "Until now 25 fishermen from the coast have been abducted by the militia."):
        ex = extract_text(text)
        assert [c.modality for c in ex.claims] == ["summary"], text
    ex = extract_text("Gunmen abducted 25 fishermen from the coast near Hodeidah on Friday.")
    assert _types(ex) == {"Abduction/forced disappearance"}


def test_explosive_rounds_are_fired_not_planted(extract_text) -> None:
    ex = extract_text("Militiamen in the hills fired explosive rounds at a residential block of "
                      "Taiz, wounding two women.")
    assert _types(ex) == {"Shelling/artillery/missile attack"}
    ex = extract_text("An explosive device went off near a bakery in Aden on Monday.")
    assert _types(ex) == {"Remote explosive/landmine/IED"}


def test_an_indefinite_count_and_a_backing_force_are_left_alone(extract_text) -> None:
    # "a number of" people who protested is no toll; a force that backs is an actor
    ex = extract_text("On Monday a number of nurses protested outside the hospital in Basra "
                      "over unpaid wages.")
    assert "Peaceful protest" in _types(ex)
    ex = extract_text("On Friday police units helped by the Iraqi air force razed militant "
                      "hideouts near Kirkuk.")
    assert not [c for c in ex.claims if c.modality == "summary"]


def test_strikes_named_by_their_nation_that_back_a_side_are_no_event(extract_text) -> None:
    # (the nation and the strikes may be read together as the actor's mention)
    ex = extract_text("Backed by Russian airstrikes, government troops pushed into the eastern "
                      "districts of Homs on Monday.")
    # no air strike of its own: a summary, or (ACLED's convention for a ground operation backed
    # by aircraft, events/conventions.py) the armed clash of the push it backs
    assert not [c for c in ex.claims if "strikes" in c.trigger and not c.modality and
                c.sub_event_type == "Air/drone strike"]


@pytest.mark.parametrize("text", [
    # the backdrop names its town by a definite place noun
    "On 12 June hundreds of families left Kidal amid heavy mortar fire on the town by jihadist "
    "fighters.",
    # a town of a country whose gazetteer rows carry no second-level division is still a town
    "On 12 June hundreds of families left their homes amid heavy mortar fire on Kidal by "
    "jihadist fighters.",
])
def test_a_backdrop_at_a_town_is_an_event(extract_text, text: str) -> None:
    ex = extract_text(text)
    assert [c.modality for c in ex.claims if c.trigger == "mortar"] == [None]
