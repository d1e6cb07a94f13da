"""Aggregates and summaries are not events; one event mention is one typed event; the force
behind a strike is the one its weapon phrase names (texts written for these tests)."""

from __future__ import annotations


def test_events_war_tolls_and_statistics_are_not_events(extract_text) -> None:
    ex = extract_text("The conflict in Syria has killed more than 350,000 people since it began "
                      "in 2011. More than 400,000 people are living under siege in Eastern "
                      "Ghouta. May was the deadliest month of the year in Idlib.")
    assert ex.claims == []


def test_events_habit_is_not_an_event(extract_text) -> None:
    ex = extract_text("Hay'at Tahrir al-Sham has regularly attacked army posts near Saraqib.")
    assert not [c for c in ex.claims if c.modality is None]


def test_events_a_strike_and_its_toll_are_one_event(extract_text) -> None:
    ex = extract_text("Regime aircraft bombed a market in Saraqib on Monday, killing nine "
                      "civilians.")
    (claim,) = ex.claims
    assert claim.sub_event_type == "Air/drone strike"
    assert claim.actor1 is not None and "Syria" in (claim.actor1.acled_name or "")


def test_events_army_airstrikes_are_the_state_military(extract_text) -> None:
    ex = extract_text("Army airstrikes hit Islamic State hideouts near Palmyra in Homs province "
                      "on Sunday.")
    assert ex.claims
    for claim in ex.claims:
        assert claim.actor1 is not None and claim.actor1.name == "Military Forces of Syria"


def test_events_a_lone_palmyra_with_islamic_state_is_in_syria(extract_text) -> None:
    # no other place named: the actor the report names votes for its country (Palmira,
    # Colombia is a bigger town spelled alike)
    ex = extract_text("Army airstrikes hit Islamic State hideouts near Palmyra on Sunday.")
    assert ex.claims
    assert all(c.actor1 is not None and c.actor1.name == "Military Forces of Syria"
               for c in ex.claims)
    assert all(c.place is not None and c.place.country == "SY" for c in ex.claims)


def test_events_a_crowd_of_thousands_is_not_a_statistic(extract_text) -> None:
    ex = extract_text("On Feb 28 thousands of demonstrators in Baghdad clashed with police "
                      "forces, leaving 2 killed.")
    assert ex.claims


def test_events_a_backer_is_never_a_side(extract_text) -> None:
    ex = extract_text("Clashes continued on Monday between regime forces and rebels backed by "
                      "Jabhat Fatah al-Sham in Aleppo.")
    assert ex.claims
    for claim in ex.claims:
        sides = {a.name for a in (claim.actor1, claim.actor2) if a is not None}
        assert "Jabhat Fatah al-Sham" not in sides


def test_events_a_since_clause_dates_the_city_not_the_strike(extract_text) -> None:
    ex = extract_text("Rebel shelling killed three civilians in Aleppo, a city that has been "
                      "divided since March 2013.")
    shown = [c for c in ex.claims if c.modality is None]
    assert shown
    assert all(not c.background and c.time is not None and c.time.start is not None and
               c.time.start.year == 2017 for c in shown)


_STRIKES = ("Twelve people were killed when an air strike hit a market in Lashkar Gah on "
            "Tuesday. Another air strike on a village near Kandahar killed eight people on "
            "Tuesday.")


def test_events_a_toll_that_sums_up_the_strikes_told_after_it_is_no_event(extract_text) -> None:
    ex = extract_text("Separate air strikes in southern Afghanistan killed at least 20 civilians "
                      "on Tuesday, officials said. " + _STRIKES)
    events = [c for c in ex.claims if c.modality is None]
    assert sorted(c.sentence for c in events) == [1, 2]
    assert [c.sentence for c in ex.claims if c.modality == "summary"] == [0]


def test_events_plural_strikes_with_a_toll_of_their_own_stay_an_event(extract_text) -> None:
    # five is less than the strikes told after it: another event, not their summary
    ex = extract_text("Separate air strikes in southern Afghanistan killed five civilians on "
                      "Monday, officials said. " + _STRIKES)
    assert sorted(c.sentence for c in ex.claims if c.modality is None) == [0, 1, 2]


def test_events_tolls_over_a_period_are_not_events(extract_text) -> None:
    # a toll counted over weeks, a month or since a campaign began is a period toll, never an
    # event dated on the report's day (the toll stays as a casualty report)
    for text in ("Government air strikes have killed 230 civilians in Idlib province over two "
                 "weeks, a monitoring group said.",
                 "At least 410 people have died in air raids on Marib since the offensive "
                 "began, officials said on Tuesday.",
                 "Shelling killed 96 civilians in Mosul for the month of March, according to "
                 "the monitor.",
                 "Air strikes killed 1,200 people in Sanaa province in the past month.",
                 "Over the course of the past week the army has carried out attacks on the "
                 "district of Kidal, leaving dozens of residents dead."):
        ex = extract_text(text)
        assert not [c for c in ex.claims if c.modality is None], text
        assert ex.casualty_reports, text


def test_events_counts_over_the_war_or_under_a_month_are_not_events(extract_text) -> None:
    for text in ("Diplomats in Geneva say four governments have told them of 9 suspected gas "
                 "attacks during the 40-month-old war.",
                 "Infighting between the Liwa al-Haqq and Jaysh al-Tahrir factions close to "
                 "Tadmur has killed some 90 fighters in less than one month.",
                 "Government shelling in recent weeks has killed 40 civilians in Harasta, the "
                 "monitor said."):
        assert [c for c in extract_text(text).claims if c.modality is None] == [], text
    # the same clashes told on a day stay an event
    ex = extract_text("Infighting between the Liwa al-Haqq and Jaysh al-Tahrir factions close to "
                      "Tadmur has killed some 90 fighters on Sunday.")
    assert {c.sub_event_type for c in ex.claims if c.modality is None} == {"Armed clash"}


def test_events_a_day_toll_and_a_since_clause_of_a_place_stay_events(extract_text) -> None:
    for text in ("Air strikes killed 12 people in Saraqib over the past 24 hours, the monitor "
                 "said.",
                 "Rebel shelling of government-held districts killed two civilians in Aleppo, "
                 "which has been divided since July 2012.",
                 "Government forces captured the town of Kafr Nabudah on Monday, their largest "
                 "gain since the offensive began.",
                 "Nine mines have been found near Tete since September, and three children "
                 "were killed in an explosion in the town on Monday.",
                 "Police have detained 80 suspects in Kano during the past ten days.",
                 "On 3 May a man died under torture in a prison in Mosul after being held for "
                 "three years."):
        ex = extract_text(text)
        assert [c for c in ex.claims if c.modality is None], text


def test_events_a_campaign_since_a_month_with_its_toll_is_a_period_toll(extract_text) -> None:
    ex = extract_text("Government forces have waged an offensive on Marib since late September, "
                      "killing hundreds of civilians.")
    assert not [c for c in ex.claims if c.modality is None]


def test_events_displacement_and_yearly_tolls_are_aggregates() -> None:
    from frontlines.events.background import is_aggregate
    from frontlines.events.ontology import Ontology

    ontology = Ontology.load()
    for text in ("More than six million Sudanese have fled the war to become refugees.",
                 "Rocket fire from across the border has claimed 14 lives in the town this "
                 "year.",
                 "More than 300 air raids since 3 June have killed at least 140 civilians.",
                 "The clinics reported 180 wounded and 21 dead for the first five months of "
                 "2019."):
        assert is_aggregate(text, ontology), text
    for text in ("A car bomb killed 14 people in the town on Monday.",
                 "Thousands fled the town after jets bombed its market on Friday."):
        assert not is_aggregate(text, ontology), text


def test_events_the_wars_origin_and_length_are_aggregates() -> None:
    from frontlines.events.background import is_aggregate
    from frontlines.events.ontology import Ontology

    ontology = Ontology.load()
    for text in ("Libya's civil war has dragged on since 2014, when two rival governments "
                 "split the country.",
                 "The uprising began in March 2011 when security forces fired on protesters in "
                 "Deraa.",
                 "The conflict started when the army crushed peaceful protests demanding "
                 "reform."):
        assert is_aggregate(text, ontology), text
    assert not is_aggregate("The offensive began on Monday when rebels attacked the airport.",
                            ontology)
