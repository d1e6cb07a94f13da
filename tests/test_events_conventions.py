"""ACLED's coding conventions that depend on more than the event word (sentences written for
these tests, several countries): an air strike answered by air defences is an armed clash; a
ground operation backed or carried by aircraft is an armed clash; crowd-control weapons used
where no demonstration is told are an attack; people fighting a force are a mob; a raid told
with its arrests is the arrests; the levels of a demonstration."""

from __future__ import annotations

from datetime import date

from frontlines.consolidate import consolidate
from frontlines.eval.acled import main_event
from frontlines.eval.run import event_priority
from frontlines.events.ontology import Ontology

PUBLISHED = date(2022, 6, 30)


def _main(ex) -> str:  # type: ignore[no-untyped-def]
    """The sub-event type of the report's main event, as the ACLED benchmark picks it."""
    events = consolidate(ex.claims)
    assert events, "no event"
    doc_id = events[0].claims[0].doc_id
    return main_event(events, doc_id, event_priority(Ontology.load())).sub_event_type


def _types(ex) -> set[str]:  # type: ignore[no-untyped-def]
    return {e.sub_event_type for e in consolidate(ex.claims)}


# ---------------------------------------------------------------- answered air strikes


def test_air_strike_answered_by_air_defences_is_a_clash(extract_text) -> None:
    ex = extract_text("On 9 June 2022, coalition jets bombed Houthi positions outside Hodeidah. "
                      "Houthi air defences fired at the jets, the group said.",
                      published=PUBLISHED)
    assert _main(ex) == "Armed clash"
    ex = extract_text("On 9 June 2022, Israeli aircraft struck a weapons depot near Khan "
                      "Younis. Two of the missiles were intercepted by the air defence units of "
                      "the group.", published=PUBLISHED)
    assert _main(ex) == "Armed clash"


def test_air_strike_unanswered_or_on_air_defences_stays_a_strike(extract_text) -> None:
    ex = extract_text("On 9 June 2022, coalition jets bombed Houthi positions outside Hodeidah.",
                      published=PUBLISHED)
    assert _main(ex) == "Air/drone strike"
    ex = extract_text("On 9 June 2022, Turkish warplanes bombed PKK hideouts in the Qandil "
                      "mountains, destroying an anti-aircraft battery.", published=PUBLISHED)
    assert _main(ex) == "Air/drone strike"


# ---------------------------------------------------------------- ground operations, air support


def test_ground_forces_backed_by_aircraft_fight_a_battle(extract_text) -> None:
    ex = extract_text("On 14 June 2022, Somali soldiers backed by the air force struck two "
                      "al-Shabaab trucks near Jilib, killing 3 militants.", published=PUBLISHED)
    assert _main(ex) == "Armed clash"
    ex = extract_text("On 14 June 2022, Nigerian army units raided a camp of bandits in Zamfara "
                      "state with the support of air force jets, killing 12 of them.",
                      published=PUBLISHED)
    assert _main(ex) == "Armed clash"
    # the jets alone strike from the air
    ex = extract_text("On 14 June 2022, Nigerian air force jets struck a camp of bandits in "
                      "Zamfara state, killing 12 of them.", published=PUBLISHED)
    assert _main(ex) == "Air/drone strike"


def test_troops_landed_by_helicopter_fight_a_battle(extract_text) -> None:
    ex = extract_text("On 2 June 2022, French helicopters carried out a landing operation near "
                      "Menaka and detained two JNIM militants.", published=PUBLISHED)
    assert _main(ex) == "Armed clash"
    ex = extract_text("On 2 June 2022, Afghan commandos carried out an air-drop operation in "
                      "the Kunar valley, killing 8 Taliban fighters.", published=PUBLISHED)
    assert _main(ex) == "Armed clash"


# ---------------------------------------------------------------- crowd-control weapons


def test_crowd_weapons_on_people_not_demonstrating_are_an_attack(extract_text) -> None:
    ex = extract_text("On 11 April 2022, police fired tear gas at traders in a market in "
                      "Harare, injuring three of them.", published=PUBLISHED)
    assert _main(ex) == "Attack"
    # a date in March is no march
    ex = extract_text("On 3 March 2022, soldiers fired rubber bullets at fishermen off the "
                      "coast of Rafah.", published=PUBLISHED)
    assert _main(ex) == "Attack"
    assert "Protest with intervention" not in _types(ex)


def test_crowd_weapons_aimed_at_no_one_named_are_no_attack(extract_text) -> None:
    ex = extract_text("On 11 April 2022, several pupils suffered breathing problems after "
                      "inhaling tear gas fired by soldiers towards a school in Hebron.",
                      published=PUBLISHED)
    assert "Attack" not in _types(ex)


def test_crowd_weapons_at_a_demonstration_still_intervene(extract_text) -> None:
    ex = extract_text("On 11 April 2022, police fired tear gas at protesters in Harare.",
                      published=PUBLISHED)
    assert _main(ex) == "Protest with intervention"
    ex = extract_text("On 11 April 2022, hundreds of teachers marched in Lima against the new "
                      "law. Police fired rubber bullets at them.", published=PUBLISHED)
    assert "Attack" not in _types(ex)


# ---------------------------------------------------------------- mob violence


def test_rioting_at_a_demonstration_stays_violent(extract_text) -> None:
    ex = extract_text("On 20 May 2022, protesters demanding cheaper fuel threw stones at "
                      "police in Kisumu.", published=PUBLISHED)
    assert _main(ex) == "Violent demonstration"


def test_people_fighting_a_force_are_a_mob(extract_text) -> None:
    ex = extract_text("On 20 May 2022, clashes broke out between market vendors and municipal "
                      "police officers in Dhaka.", published=PUBLISHED)
    assert _main(ex) == "Mob violence"
    event = next(e for e in consolidate(ex.claims) if e.sub_event_type == "Mob violence")
    assert event.actor1 is not None and event.actor1.name == "Rioters (Bangladesh)"
    # two armed sides fight a battle
    ex = extract_text("On 20 May 2022, clashes broke out between rebels and army soldiers "
                      "near Beni.", published=PUBLISHED)
    assert _main(ex) == "Armed clash"


def test_aircraft_backing_an_arrest_only_back_it(extract_text) -> None:
    ex = extract_text("On 4 June 2022, Kurdish police arrested three men with the support of "
                      "coalition helicopters in Kirkuk.", published=PUBLISHED)
    assert _main(ex) == "Arrests"
    ex = extract_text("On 4 June 2022, US and Somali forces detained a senior al-Shabaab "
                      "commander in an airdrop operation on his compound near Kismayo.",
                      published=PUBLISHED)
    assert _main(ex) in ("Arrests", "Abduction/forced disappearance")


def test_unnamed_people_fighting_soldiers_are_rioters(extract_text) -> None:
    ex = extract_text("On 4 June 2022, dozens of young men clashed with soldiers in Tillaberi.",
                      published=PUBLISHED)
    assert _main(ex) == "Mob violence"
    event = next(e for e in consolidate(ex.claims) if e.sub_event_type == "Mob violence")
    assert event.actor1 is not None and event.actor1.name == "Rioters (Niger)"
    # the dead a battle left are no side of it
    ex = extract_text("On 4 June 2022, ADF rebels clashed with army soldiers in Beni, with two "
                      "civilians killed by shelling during the fighting.", published=PUBLISHED)
    assert _main(ex) == "Armed clash"


# ---------------------------------------------------------------- who carries the bomb


def test_killing_a_suicide_bomber_is_no_bombing(extract_text) -> None:
    ex = extract_text("On 8 June 2022, Somali soldiers shot and killed an al-Shabaab suicide "
                      "bomber as he approached a checkpoint in Mogadishu.", published=PUBLISHED)
    assert _main(ex) == "Armed clash"
    assert not _types(ex) & {"Suicide bomb", "Remote explosive/landmine/IED"}
    ex = extract_text("On 8 June 2022, a suicide bomber killed 12 worshippers at a mosque in "
                      "Peshawar.", published=PUBLISHED)
    assert _main(ex) == "Suicide bomb"


# ---------------------------------------------------------------- raids


def test_a_raid_told_with_its_arrests_is_the_arrests(extract_text) -> None:
    ex = extract_text("On 8 June 2022, Kenyan police raided several houses in Garissa and "
                      "arrested five young men.", published=PUBLISHED)
    assert _main(ex) == "Arrests"
    assert "Armed clash" not in _types(ex)
    ex = extract_text("On 8 June 2022, Indian troops raided the village of Sopore and fired "
                      "tear gas at residents.", published=PUBLISHED)
    assert _main(ex) == "Attack"


# ---------------------------------------------------------------- bans


def test_a_ban_on_demonstrations_is_no_demonstration(extract_text) -> None:
    ex = extract_text("On 6 June 2022, the governor of Mandalay extended the ban on rallies, "
                      "marches and public gatherings for another month.", published=PUBLISHED)
    assert "Peaceful protest" not in _types(ex)
    ex = extract_text("On 6 June 2022, hundreds protested in Minsk against the ban on "
                      "opposition newspapers.", published=PUBLISHED)
    assert _main(ex) == "Peaceful protest"


# ---------------------------------------------------------------- levels of a demonstration


def test_force_told_after_a_demonstration_raises_it(extract_text) -> None:
    ex = extract_text("On 2 June 2022, hundreds of nurses marched in Lima against the new law. "
                      "Police fired rubber bullets at them.", published=PUBLISHED)
    assert _main(ex) == "Protest with intervention"


def test_force_not_used_raises_nothing(extract_text) -> None:
    ex = extract_text("On 2 June 2022, a large rally took place in Bamako against the "
                      "transitional government. Soldiers were posted around the square, but they "
                      "did not intervene in the rally.", published=PUBLISHED)
    assert _main(ex) == "Peaceful protest"


def test_riots_told_of_someone_else_raise_nothing(extract_text) -> None:
    ex = extract_text("On 2 June 2022, protesters gathered in Sousse against unemployment. "
                      "Protesters also gathered in the old market and lit candles to honour a "
                      "young man who had succumbed weeks later to an injury he suffered in riots "
                      "in Kasserine.", published=PUBLISHED)
    assert _main(ex) == "Peaceful protest"


def test_demonstrators_storming_or_burning_a_building_turn_violent(extract_text) -> None:
    ex = extract_text("On 2 June 2022, demonstrators gathered outside the house of a former "
                      "minister in Tunis against rising prices. When they started to storm the "
                      "house, guards fired into the air.", published=PUBLISHED)
    assert _main(ex) == "Violent demonstration"
    ex = extract_text("On 2 June 2022, hundreds of demonstrators marched in Kinshasa against the "
                      "election results. Demonstrators then set fire to the gate of the "
                      "electoral commission's building.", published=PUBLISHED)
    assert _main(ex) == "Violent demonstration"


# ---------------------------------------------------------------- places told in the sentence


def test_a_definite_place_noun_is_the_town_named_earlier_in_its_sentence(extract_text) -> None:
    ex = extract_text("On 2 June 2022, clashes took place between army units and the ADF in "
                      "Beni, where the ADF were able to recapture the area.",
                      published=PUBLISHED)
    assert _main(ex) == "Non-state actor overtakes territory"
