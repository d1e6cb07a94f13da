"""Causes found by judging a fourth random sample of FA-KES articles nobody tuned for (issue
#17, benchmarks/judged/sample-d-*), and the causes the lead listed from sample C: a related-
headlines block closing the page with no bar between its headlines, attacks an operation is
launched to ward off, a group's forces named with the apostrophe lost, and a Gulf state's war
jets. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.ingest.furniture import strip_furniture


def _happened(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None and not c.background]


def test_a_related_headlines_block_closing_the_page_goes_without_bars() -> None:
    prose = ("Gunmen stormed a police post near Gao on Sunday, killing four officers, the army "
             "said. Reinforcements reached the town by the evening.")
    footer = (" Source Example World and agencies Related News Jets strike rebel camp near "
              "Kidal - officials Army launches push against militants in the north Talks on "
              "the border resume in the capital Category News The markets week ahead")
    out = strip_furniture(prose + footer)
    assert "Reinforcements reached the town by the evening." in out
    assert "Jets strike" not in out and "Related" not in out
    # prose long after the words keeps its text: only a block near the end goes through it
    long_tail = " ".join(["Relief convoys reached the northern towns on Monday."] * 40)
    mid = prose + " Related News " + long_tail
    assert "Relief convoys reached" in strip_furniture(mid)


@pytest.mark.parametrize("text", [
    "The army launched an operation on Monday to protect its border and shield the town of "
    "Kilis from militant attacks.",
    "Police deployed extra patrols on Friday to safeguard the churches of Mosul against "
    "bombings.",
])
def test_attacks_an_operation_wards_off_are_no_event(extract_text, rules, text: str) -> None:
    ex = extract_text(text, published=date(2018, 3, 6), knowledge=rules)
    told = {c.trigger for c in _happened(ex)}
    assert not told & {"attacks", "bombings"}, told


@pytest.mark.parametrize(("text", "actor"), [
    ("Three traders died when ISILs security forces opened fire in Mosul on Saturday.",
     "Islamic State"),
    ("Two men were shot dead by Hezbollahs fighters in Baalbek on Saturday.", "Hezbollah"),
])
def test_a_groups_forces_told_without_the_apostrophe_are_the_groups(
        extract_text, rules, text: str, actor: str) -> None:
    ex = extract_text(text, published=date(2018, 3, 6), knowledge=rules)
    names = {c.actor1.name for c in _happened(ex) if c.actor1}
    assert names == {actor}, names


@pytest.mark.parametrize(("text", "actor"), [
    ("Saudi war jets bombed rebel positions near Hodeidah on Monday.",
     "Military Forces of Saudi Arabia"),
    ("Emirati war jets bombed rebel positions near Hodeidah on Monday.",
     "Military Forces of the United Arab Emirates"),
    ("Kuwaiti fighter jets struck militant hideouts near Sirte on Monday.",
     "Military Forces of Kuwait"),
])
def test_a_gulf_states_war_jets_are_its_own(extract_text, rules, text: str, actor: str) -> None:
    ex = extract_text(text, published=date(2018, 3, 6), knowledge=rules)
    strikes = [c for c in _happened(ex) if c.sub_event_type == "Air/drone strike"]
    assert strikes and {c.actor1.name for c in strikes if c.actor1} == {actor}, [
        (c.actor1, c.sub_event_type) for c in strikes]


@pytest.mark.parametrize("text", [
    "Militants fired rockets at two army helicopters near Mosul on Monday.",
    "Gunmen opened fire on a police helicopter near Kirkuk on Monday.",
])
def test_an_aircraft_fired_at_is_the_target_not_a_strike(extract_text, rules, text: str) -> None:
    ex = extract_text(text, published=date(2018, 3, 6), knowledge=rules)
    claims = _happened(ex)
    assert claims and all(c.sub_event_type != "Air/drone strike" for c in claims), [
        (c.sub_event_type, c.trigger) for c in claims]


@pytest.mark.parametrize("text", [
    "Troops cleared the streets of Ramadi of mines on Monday.",
    "Troops cleared the town's streets of mines in Ramadi on Monday.",
])
def test_streets_cleared_of_mines_are_no_bombing(extract_text, annotator, text: str) -> None:
    ex = extract_text(text, published=date(2018, 3, 6), knowledge=annotator.knowledge)
    types = {c.sub_event_type for c in _happened(ex)}
    assert "Remote explosive/landmine/IED" not in types, types
    # a mine that went off where troops cleared a village is still a bombing
    ex = extract_text("Troops cleared the village near Ramadi on Monday after a mine exploded, "
                      "killing two.", published=date(2018, 3, 6), knowledge=annotator.knowledge)
    assert "Remote explosive/landmine/IED" in {c.sub_event_type for c in _happened(ex)}


def test_a_habit_told_in_the_present_under_a_dated_report_is_no_event(
        extract_text, rules) -> None:
    ex = extract_text("Residents said on Monday that government jets bomb the villages near "
                      "Kandahar every day.", published=date(2018, 3, 6), knowledge=rules)
    assert not [c for c in _happened(ex) if c.sub_event_type == "Air/drone strike"]
    # told in the past, the strike of that report stays an event
    ex = extract_text("Residents said on Monday that government jets bombed the villages near "
                      "Kandahar.", published=date(2018, 3, 6), knowledge=rules)
    assert [c for c in _happened(ex) if c.sub_event_type == "Air/drone strike"]


@pytest.mark.parametrize("text", [
    "Air strikes killed 52 people in three days of bombing in Mosul, a monitor said on Monday.",
    "Shelling wounded 30 people over four days of clashes in Tikrit, medics said on Monday.",
])
def test_a_toll_over_several_days_of_strikes_is_no_one_event(extract_text, rules,
                                                             text: str) -> None:
    ex = extract_text(text, published=date(2018, 3, 6), knowledge=rules)
    assert not _happened(ex), [(c.sub_event_type, c.trigger) for c in _happened(ex)]
    # the days of a battle that took a town stay that battle
    ex = extract_text("Troops took the town of Baiji on Monday after three days of fighting.",
                      published=date(2018, 3, 6), knowledge=rules)
    assert _happened(ex)


def test_where_people_are_taken_is_no_place_of_the_event(extract_text, annotator) -> None:
    ex = extract_text("In the latest deal hundreds of fighters and their families evacuated the "
                      "town of Zabadani near Damascus on Monday and were taken to the city of "
                      "Idlib.", published=date(2018, 3, 6), knowledge=annotator.knowledge)
    places = {c.place.text for c in _happened(ex) if c.place}
    assert places == {"Zabadani"}, places
    # a crowd that takes to the streets of a town demonstrates there
    for town in ("Samawah", "central Amarah"):
        ex = extract_text(f"On Tuesday teachers took to the streets of {town} against the new "
                          "budget.", published=date(2018, 3, 6), knowledge=annotator.knowledge)
        assert {c.place.text for c in _happened(ex) if c.place} == {town.split()[-1]}
