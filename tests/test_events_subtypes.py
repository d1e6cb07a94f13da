"""Sub-event types on short reports in the style of ACLED notes (sentences written for these
tests): attacks told in the passive, bodies found, deaths in custody, and the like."""

from __future__ import annotations

from datetime import date

from frontlines.consolidate import consolidate

PUBLISHED = date(2020, 2, 28)


def _types(ex) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.sub_event_type for e in consolidate(ex.claims)]


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
