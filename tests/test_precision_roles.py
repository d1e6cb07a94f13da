"""Whole-article precision: who acted and where, on sentences of our own (issue #17)."""

from __future__ import annotations


def test_precision_backer_of_a_side_is_not_the_shelling_agent(extract_text) -> None:
    ex = extract_text("Fighting went on between government forces and rebels backed by Ahrar "
                      "al-Sham near Saraqib amid heavy shelling on Tuesday.")
    shelling = [c for c in ex.claims if c.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling
    assert all(c.actor1 is None or c.actor1.name != "Ahrar al-Sham" for c in shelling)


def test_precision_modifier_names_the_group_behind_a_strike(extract_text) -> None:
    ex = extract_text("Monitors said rebel shelling of a government-held quarter killed three "
                      "civilians in Saraqib on Tuesday.")
    shelling = [c for c in ex.claims if c.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].actor1.name.startswith("Opposition Rebels")


def test_precision_accused_group_acts_not_the_accuser(extract_text) -> None:
    ex = extract_text("Ahrar al-Sham accused Hay'at Tahrir al-Sham of shelling the town of "
                      "Saraqib on Tuesday.")
    shelling = [c for c in ex.claims if c.sub_event_type == "Shelling/artillery/missile attack"]
    assert shelling and shelling[0].actor1.name == "Hay'at Tahrir al-Sham"


def test_precision_who_reports_an_attack_did_not_make_it(extract_text) -> None:
    ex = extract_text("Ahrar al-Sham reported the attacks on the town of Saraqib on Tuesday.")
    assert all(c.actor1 is None or c.actor1.name != "Ahrar al-Sham" for c in ex.claims)


def test_precision_month_and_name_words_trigger_nothing(extract_text) -> None:
    ex = extract_text("In March the commander of Ahrar al-Sham met elders in Saraqib.")
    assert not [c for c in ex.claims if c.event_type == "Protests"]
    ex = extract_text("The Kurdish People's Protection Units said on Tuesday they had met elders "
                      "in Saraqib.")
    assert not [c for c in ex.claims if c.sub_event_type == "Change to group/activity"]


def test_precision_force_named_after_its_weapon_still_strikes(extract_text) -> None:
    ex = extract_text("The Syrian Air Force bombed the town of Saraqib on Tuesday killing four "
                      "civilians.")
    assert [c for c in ex.claims if c.sub_event_type == "Air/drone strike"]


def test_precision_launch_site_and_agent_base_are_not_where_shells_fell(extract_text) -> None:
    ex = extract_text("Rockets fired from the town of Ariha hit the town of Saraqib on Tuesday.")
    places = {c.place.text for c in ex.claims if c.place is not None}
    assert "Saraqib" in places and "Ariha" not in places
    ex = extract_text("The shells were fired by gunmen stationed in the town of Ariha, killing "
                      "two women in the town of Saraqib on Tuesday.")
    places = {c.place.text for c in ex.claims if c.place is not None}
    assert "Ariha" not in places


def test_precision_campaigns_and_held_places_are_no_events(extract_text) -> None:
    ex = extract_text("The blast came as government forces are on the offensive against the "
                      "militants in other parts of the country.")
    assert not [c for c in ex.claims if c.sub_event_type == "Armed clash"]
    ex = extract_text("The fight for Saraqib is part of a wider rebel offensive aimed at the "
                      "rebel-occupied town of Ariha.")
    assert not [c for c in ex.claims if c.sub_event_type == "Non-state actor overtakes territory"]
    ex = extract_text("Turkey has been giving logistic support to an alliance also fighting the "
                      "militants in the town of Ariha.")
    assert not [c for c in ex.claims if c.sub_event_type == "Armed clash"]


def test_precision_place_words_naming_a_government_or_person_are_no_places(extract_text) -> None:
    ex = extract_text("The Damascus government shelled the town of Saraqib on Tuesday.")
    places = {c.place.text for c in ex.claims if c.place is not None}
    assert "Saraqib" in places and "Damascus" not in places
    ex = extract_text("Forces loyal to President Bashar Assad shelled the town of Saraqib on "
                      "Tuesday.")
    assert "Assad" not in {c.place.text for c in ex.claims if c.place is not None}


def test_precision_capitalised_dateline_is_no_place(extract_text) -> None:
    ex = extract_text("ALEPPO A rebel attack on an army post killed four soldiers on Tuesday.")
    assert all(c.place is None or c.place.text != "ALEPPO" for c in ex.claims)


def test_precision_what_a_group_keeps_doing_is_no_event(extract_text) -> None:
    ex = extract_text("The advance stalled because of the militants, who are also hitting back "
                      "by launching suicide attacks against the army.")
    assert not [c for c in ex.claims if c.sub_event_type == "Suicide bomb"]
    ex = extract_text("The militants launched suicide attacks against the army in the town of "
                      "Ariha on Monday.")
    assert [c for c in ex.claims if c.sub_event_type == "Suicide bomb"]


def test_precision_similar_attack_is_another_of_the_kind_told_last(extract_text) -> None:
    ex = extract_text("Rebel rockets hit the town of Saraqib on Monday killing two women. Three "
                      "other people were killed in a similar attack on the town of Ariha.")
    later = [c for c in ex.claims if c.place is not None and c.place.text == "Ariha"]
    assert later and all(c.sub_event_type == "Shelling/artillery/missile attack" for c in later)
    assert all(c.actor1.name.startswith("Opposition Rebels") for c in later)


def test_precision_group_seen_killed_suffered_the_blast(extract_text) -> None:
    ex = extract_text("The town of Saraqib saw twelve Ahrar al-Sham fighters killed when a car "
                      "bomb exploded near their base on Monday.")
    blasts = [c for c in ex.claims if c.event_type == "Explosions/Remote violence"]
    assert blasts and all(c.actor1.name != "Ahrar al-Sham" for c in blasts)


def test_precision_warplanes_of_a_force_name_who_struck(extract_text) -> None:
    ex = extract_text("Four civilians were killed when helicopters of the Russian air force hit "
                      "the town of Saraqib on Monday.")
    strikes = [c for c in ex.claims if c.sub_event_type == "Air/drone strike"]
    assert strikes and all(c.actor1.name.startswith("Military Forces of Russia") for c in strikes)
