"""Sub-event types on short reports in the style of ACLED notes (sentences written for these
tests): attacks told in the passive, bodies found, deaths in custody, and the like."""

from __future__ import annotations

import dataclasses
from datetime import date

from frontlines.consolidate import consolidate

PUBLISHED = date(2020, 2, 28)


def _types(ex) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.sub_event_type for e in consolidate(ex.claims)]


def _rule_types(annotator, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The event types the rules alone code (no classifier) in a text of ours."""
    from frontlines import events, geo
    from frontlines.model import Document

    rules = annotator.__class__(annotator.nlp, dataclasses.replace(annotator.knowledge,
                                                                   classifier=None))
    annotated = rules.annotate_one(Document.create(text, published=PUBLISHED))
    places = geo.resolve_places(annotated, rules.knowledge.gazetteer)
    return _types(events.extract(annotated, places, rules.knowledge))


def test_events_subtypes_passive_attack_on_a_civilian(extract_text) -> None:
    ex = extract_text("On Thursday a shopkeeper was shot and killed in Mosul.",
                      published=PUBLISHED)
    assert _types(ex) == ["Attack"]
    assert ex.claims[0].actor1.name == "Unidentified Armed Group (Iraq)"
    ex = extract_text("On Thursday a teacher was stabbed in Basra.", published=PUBLISHED)
    assert _types(ex) == ["Attack"]


def test_events_subtypes_body_found_and_death_in_custody(extract_text) -> None:
    ex = extract_text("On Thursday the body of a young man was found near Mosul.",
                      published=PUBLISHED)
    assert _types(ex) == ["Attack"]
    ex = extract_text("On Thursday a man died under torture in a prison in Basra.",
                      published=PUBLISHED)
    assert _types(ex) == ["Attack"]


def test_events_subtypes_toll_alone_is_not_an_attack(extract_text) -> None:
    ex = extract_text("Five soldiers were killed last week, the ministry said.",
                      published=PUBLISHED)
    assert _types(ex) == []


def test_events_subtypes_toll_of_an_explosion_is_the_explosion(extract_text) -> None:
    ex = extract_text("On Thursday three civilians were injured by the explosion of a roadside "
                      "bomb near Mosul.", published=PUBLISHED)
    assert _types(ex) == ["Remote explosive/landmine/IED"]


def test_events_subtypes_arrests_by_state_abductions_by_groups(extract_text) -> None:
    ex = extract_text("On Thursday Iraqi police arrested three young men in Basra.",
                      published=PUBLISHED)
    assert _types(ex) == ["Arrests"]
    ex = extract_text("On Thursday Islamic State militants detained several civilians near "
                      "Mosul.", published=PUBLISHED)
    assert _types(ex) == ["Abduction/forced disappearance"]


def test_events_subtypes_anti_tank_missile_is_shelling(extract_text) -> None:
    ex = extract_text("On Thursday Islamic State militants destroyed an army tank near Mosul "
                      "with an ATGM.", published=PUBLISHED)
    assert _types(ex) == ["Shelling/artillery/missile attack"]


def test_events_subtypes_clash_between_one_known_side(extract_text) -> None:
    ex = extract_text("On Thursday clashes took place between Iraqi forces against unknown "
                      "gunmen in Mosul.", published=PUBLISHED)
    assert _types(ex) == ["Armed clash"]
    ex = extract_text("On Thursday clashes took place between two tribes in Basra following a "
                      "dispute.", published=PUBLISHED)
    assert _types(ex) == ["Armed clash"]


def test_events_subtypes_forces_deployed_and_positions_set_up(extract_text) -> None:
    ex = extract_text("On Thursday Iraqi forces were deployed to Mosul.", published=PUBLISHED)
    assert _types(ex) == ["Change to group/activity"]
    assert ex.claims[0].actor1.name == "Military Forces of Iraq"
    ex = extract_text("On Thursday Iraqi forces set up new positions near Mosul.",
                      published=PUBLISHED)
    assert _types(ex) == ["Headquarters or base established"]


def test_events_subtypes_thwarted_attack_is_a_clash(extract_text) -> None:
    ex = extract_text("On Thursday Iraqi forces thwarted an attack by Islamic State militants "
                      "near Mosul.", published=PUBLISHED)
    assert _types(ex) == ["Armed clash"]
    ex = extract_text("On Thursday Iraqi forces foiled a bomb plot in Mosul.",
                      published=PUBLISHED)
    assert _types(ex) == ["Disrupted weapons use"]


def test_events_subtypes_an_arrest_campaign_by_a_group_is_an_abduction(extract_text) -> None:
    # ACLED: people a group detains are abducted, whether the report names them or not; the
    # state's own police arrest
    ex = extract_text("On Thursday rebel factions carried out an arrest campaign in the town of "
                      "Azaz in Aleppo.", published=PUBLISHED)
    assert _types(ex) == ["Abduction/forced disappearance"]
    ex = extract_text("On Thursday Iraqi police arrested two Islamic State militants in "
                      "Kirkuk.", published=PUBLISHED)
    assert _types(ex) == ["Arrests"]


def test_events_subtypes_territory_taken_with_the_state_s_own_force_is_regained(
        extract_text) -> None:
    ex = extract_text("On Thursday SDF fighters and Syrian army units seized the village of "
                      "Tell Tamr in al-Hasakeh from pro-Turkish factions.", published=PUBLISHED)
    assert _types(ex) == ["Government regains territory"]
    # the government regains it: its force is actor1, the group told first is associated
    assert ex.claims[0].actor1.acled_name == "Military Forces of Syria (2000-)"
    assert [a.acled_name for a in ex.claims[0].assoc_actor_1] == ["QSD: Syrian Democratic Forces"]


def test_events_subtypes_a_person_attacked_out_of_service_or_by_standing_is_a_civilian(
        extract_text) -> None:
    ex = extract_text("On Thursday an off-duty police officer was shot dead by unknown gunmen "
                      "outside his home in Kirkuk.", published=PUBLISHED)
    assert _types(ex) == ["Attack"]
    assert ex.claims[0].actor2.name == "Civilians (Iraq)"
    ex = extract_text("On Thursday unidentified gunmen attacked and killed the leader of a "
                      "local party in Basra.", published=PUBLISHED)
    assert _types(ex) == ["Attack"]
    ex = extract_text("On Thursday unidentified gunmen attacked and killed two Iraqi soldiers "
                      "in Basra.", published=PUBLISHED)
    assert _types(ex) == ["Armed clash"]


def test_events_subtypes_fire_that_harms_a_civilian_is_an_attack(extract_text) -> None:
    ex = extract_text("On Thursday a young shepherd was wounded by sniper fire of Islamic State "
                      "militants near Khanaqin.", published=PUBLISHED)
    assert _types(ex) == ["Attack"]


def test_events_subtypes_explosives_found_or_destroyed_before_use(annotator) -> None:
    # ACLED files explosives found, destroyed or defused before they went off as disrupted
    # weapons use, not as the remote-explosive attack the device's name alone reads
    for text in ("On Sunday army engineers destroyed two improvised explosive devices planted "
                 "on the road to Gao.",
                 "On Friday police found three explosive devices near a church in Kaduna.",
                 "On Tuesday two explosive devices were found under a bridge in Mosul.",
                 "On Monday troops destroyed 40 landmines near Kandahar.",
                 "On Thursday police discovered weapons hidden in a farmhouse near Mardan."):
        assert _rule_types(annotator, text) == ["Disrupted weapons use"], text
    # a device found where one went off is that bomb
    assert _rule_types(annotator, "On Monday investigators found that an explosive device had "
                                  "caused the blast in the market of Quetta.") == [
        "Remote explosive/landmine/IED"]
    assert _rule_types(annotator, "On Monday a roadside bomb destroyed an army truck near "
                                  "Mogadishu.") == ["Remote explosive/landmine/IED"]


def test_events_subtypes_toll_of_a_disaster_or_mishap_is_no_attack(annotator) -> None:
    # the rules alone (the model, where it runs, may also veto these): a killing told with a
    # disaster or an accident, an explosion told with a mishap, is no event
    def types(text: str) -> list[str]:
        return _rule_types(annotator, text)

    for text in ("On Sunday a powerful earthquake in southern Peru killed eleven people.",
                 "On Monday a gas leak at a fertiliser plant near Dhaka killed six workers.",
                 "On Monday a cooking gas cylinder exploded in a restaurant in Lahore, killing "
                 "four people."):
        assert types(text) == [], text
    # the same words with no disaster told stay the events they are
    assert types("On Monday a bomb exploded at a bus station in Kano, killing four "
                 "people.") == ["Remote explosive/landmine/IED"]
    assert types("On Sunday gunmen killed eleven people in southern Peru.") == ["Attack"]


def test_events_subtypes_chemical_symptoms_under_fire(annotator) -> None:
    # the symptoms reported of people under fire, and gas named in other words, are a chemical
    # weapon; the same symptoms after a fire are no event
    for text in ("On Tuesday dozens of people were treated for breathing difficulties in "
                 "Khan Shaykhun after government aircraft dropped bombs on the town.",
                 "On Tuesday militants fired mortar rounds filled with poisonous gas at police "
                 "positions near Kirkuk."):
        assert _rule_types(annotator, text) == ["Chemical weapon"], text
    assert _rule_types(annotator, "On Tuesday nine firefighters were treated for breathing "
                                  "difficulties after a warehouse fire in Leeds.") == []


def test_events_subtypes_scene_of_a_chemical_weapons_attack_is_a_setting(annotator) -> None:
    # "the scene of a chemical weapons attack" names the town by its past, whole noun phrase
    # and all: the capture told is the event
    text = ("On Tuesday government forces captured three villages in the south of the "
            "country, moving closer to a town that was the scene of a deadly chemical weapons "
            "attack.")
    assert "Chemical weapon" not in _rule_types(annotator, text)


def test_events_subtypes_demonstrators_who_clash_riot(annotator) -> None:
    # demonstrators in clashes with the police are rioters (a violent demonstration), whoever
    # the sentence makes its subject; a march alone stays peaceful
    for text in ("On Saturday riot police fired tear gas in hard clashes with protesters near "
                 "the parliament in Nairobi.",
                 "On Monday two students were killed during anti-government demonstrations "
                 "and clashes in Dhaka."):
        assert _rule_types(annotator, text) == ["Violent demonstration"], text
    assert _rule_types(annotator, "On Friday thousands of protesters marched peacefully "
                                  "through Bogota.") == ["Peaceful protest"]


def test_events_subtypes_terrorists_and_insurgents_killed_fought(annotator) -> None:
    # insurgents, "terrorists" (as state media name armed groups) and mercenaries are
    # combatants: a force killing them fought a battle, no attack on civilians
    for text in ("On Monday the army killed and wounded dozens of terrorists in Deir ez-Zor "
                 "province.",
                 "On Monday troops killed twelve insurgents near Marawi."):
        assert _rule_types(annotator, text) == ["Armed clash"], text


def test_events_subtypes_retook_is_a_retaking(annotator) -> None:
    # the irregular past of "retake" is the rules' trigger too: who acts decides the type
    assert _rule_types(annotator, "On Friday Houthi rebels retook the town of Harib.") == [
        "Non-state actor overtakes territory"]
    assert _rule_types(annotator, "On Friday Afghan troops retook the district of Jaghatu.") == [
        "Government regains territory"]
