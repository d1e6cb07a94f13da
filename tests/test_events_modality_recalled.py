"""Told but not happening on the report's day: habits told by an adverb, events remembered,
acts an accusation charges with no day, trends over recent weeks, the war's start, weapons made,
agreements violated, tolls of strikes in general. None is an event; the event told beside each
stays one."""

from __future__ import annotations

from datetime import date


def _happened(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None and not c.background]


def test_events_recalled_a_habit_adverb_on_the_clause_is_no_event(extract_text) -> None:
    ex = extract_text("Cut off for a year, families in Taiz live on little food and endure "
                      "daily shelling.")
    assert _happened(ex) == []
    assert {c.modality for c in ex.claims} == {"summary"}


def test_events_recalled_an_anniversary_tells_no_event(extract_text) -> None:
    ex = extract_text("Tuesday marks the tenth anniversary of the chemical attack on Halabja "
                      "that killed thousands.")
    assert _happened(ex) == []
    # the event told on the day stays one
    ex = extract_text("Jihadists stormed a market in Baga on Friday, killing 12 traders.")
    assert _happened(ex)


def test_events_recalled_an_accusation_with_no_day_is_no_event(extract_text) -> None:
    ex = extract_text("The governor accused al-Shabaab of shelling villages in Lower Shabelle.")
    assert _happened(ex) == []
    assert {c.modality for c in ex.claims} == {"alleged"}
    ex = extract_text("The opposition has long accused the police of using live fire on "
                      "crowds in Kinshasa.")
    assert _happened(ex) == []
    # with a day the accusation tells the event, by its claimant
    ex = extract_text("The Houthis accused coalition jets of killing 14 civilians in an air "
                      "strike on a market in Hajjah on Monday.")
    assert {c.sub_event_type for c in _happened(ex)} == {"Air/drone strike"}


def test_events_recalled_acts_over_the_past_weeks_are_a_summary(extract_text) -> None:
    # a span of weeks the time parser dates is still a campaign, not a background event
    ex = extract_text("Over the past two weeks government troops shelled villages near Kidal.")
    assert ex.claims and {c.modality for c in ex.claims} == {"summary"}


def test_events_recalled_the_wars_start_tells_no_event_of_the_report(extract_text) -> None:
    ex = extract_text("At the start of the uprising in 2011 soldiers opened fire on "
                      "demonstrators in Benghazi.", published=date(2016, 5, 10))
    assert _happened(ex) == []
    ex = extract_text("Early in the war the rebels seized large parts of Misrata.",
                      published=date(2016, 5, 10))
    assert _happened(ex) == []


def test_events_recalled_weapons_made_are_no_attack(extract_text) -> None:
    ex = extract_text("Militants in Diyala make explosives and car bombs in a farm near Baquba, "
                      "police said.")
    assert not [c for c in _happened(ex)
                if c.sub_event_type == "Remote explosive/landmine/IED"]


def test_events_recalled_a_ceasefire_violated_is_no_agreement(extract_text) -> None:
    ex = extract_text("Rebels said government jets in violation of a ceasefire bombed a "
                      "hospital in Saada on Sunday.")
    happened = {c.sub_event_type for c in _happened(ex)}
    assert "Agreement" not in happened
    assert "Air/drone strike" in happened


def test_events_recalled_the_toll_of_strikes_in_general_is_no_event(extract_text) -> None:
    ex = extract_text("The rising death toll from drone strikes in Waziristan has drawn "
                      "protests from rights groups.")
    assert not [c for c in _happened(ex) if c.sub_event_type == "Air/drone strike"]
    # a count of strikes is no toll: the strikes happened
    ex = extract_text("Government forces carried out a total of 12 air strikes on villages "
                      "near Kauda, killing four civilians.")
    assert "Air/drone strike" in {c.sub_event_type for c in _happened(ex)}


def test_events_recalled_an_event_in_a_denied_claim_is_negated(extract_text) -> None:
    ex = extract_text("The ministry rejected claims that its soldiers had burned homes in "
                      "Rakhine.")
    assert _happened(ex) == [] and {c.modality for c in ex.claims} == {"negated"}
    ex = extract_text("The army dismissed reports that militants had captured the town of "
                      "Menaka.")
    assert _happened(ex) == []
    # a claim confirmed is told
    ex = extract_text("The army confirmed reports that militants had captured the town of "
                      "Menaka.")
    assert _happened(ex)


def test_events_recalled_no_strikes_a_question_and_options_are_no_events(extract_text) -> None:
    ex = extract_text("No air strikes were carried out on Kunduz on Monday, the ministry said.")
    assert _happened(ex) == [] and {c.modality for c in ex.claims} == {"negated"}
    ex = extract_text("Did the army shell the village of Gwoza?")
    assert _happened(ex) == [] and {c.modality for c in ex.claims} == {"questioned"}
    ex = extract_text("Options ranging from air strikes to a naval blockade of Hodeidah are "
                      "on the table.")
    assert _happened(ex) == []
