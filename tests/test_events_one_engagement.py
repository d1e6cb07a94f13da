"""Issue 17, real articles: what a careful coder codes as one event or none (session 15 fp).

A fight told by the villages its positions lay near is one engagement, not a clash per
village; ground swept of mines after a battle is no incident of its own."""

from __future__ import annotations

import pytest

from frontlines.consolidate import consolidate


def _events(extract_text, text: str):  # type: ignore[no-untyped-def]
    return [e for e in consolidate(extract_text(text).claims) if not e.background]


# ------------------------------------------------- a list of villages that only locates a fight


def test_an_assault_repelled_near_a_list_of_villages_is_one_clash(extract_text) -> None:
    events = _events(extract_text,
                     "The Syrian Democratic Forces repelled an Islamic State assault on their "
                     "positions near the villages of Kafr Nabl, Maarat al-Numan and Khan "
                     "Shaykhun on Sunday, killing 20 militants.")
    clashes = [e for e in events if e.sub_event_type == "Armed clash"]
    assert len(clashes) == 1, [(e.sub_event_type, e.place) for e in events]


def test_fighting_around_a_list_of_towns_is_one_clash(extract_text) -> None:
    events = _events(extract_text,
                     "Government troops battled Hayat Tahrir al-Sham fighters around the towns "
                     "of Kafr Nabl and Maarat al-Numan on Tuesday.")
    assert [e.sub_event_type for e in events] == ["Armed clash"], \
        [(e.sub_event_type, e.place) for e in events]


def test_villages_shelled_by_name_stay_one_event_each(extract_text) -> None:
    # not told as what the positions lay near: each village is hit, each is a place
    events = _events(extract_text,
                     "Government forces shelled the villages of Kafr Nabl and Maarat al-Numan "
                     "on Monday, killing three people.")
    assert len(events) == 2


# ----------------------------------------------------------------- mines swept after a battle


@pytest.mark.parametrize("text", [
    "Army engineers began demining the recaptured neighbourhoods of Mosul on Friday.",
    "Peshmerga sappers started clearing mines from the liberated villages east of Mosul.",
    "After the battle, Malian troops cleared the town's streets of mines left by the jihadists.",
])
def test_ground_swept_of_mines_is_no_event(extract_text, text: str) -> None:
    events = _events(extract_text, text)
    assert not [e for e in events if e.sub_event_type == "Disrupted weapons use"], \
        [(e.sub_event_type, e.place) for e in events]


def test_a_bomb_defused_where_it_was_planted_is_still_disrupted_use(extract_text) -> None:
    events = _events(extract_text,
                     "Police defused a roadside bomb planted outside a school in Kirkuk on "
                     "Monday.")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"]


def test_a_fight_told_again_by_the_villages_it_was_near_joins_the_fight_told_before(
        extract_text) -> None:
    events = _events(extract_text,
                     "Dozens of Hayat Tahrir al-Sham fighters were killed on Sunday in clashes "
                     "with the Syrian army near Khan Shaykhun. The army repelled Tahrir al-Sham "
                     "attacks on its positions near the villages of Kafr Nabl and Maarat al-Numan, "
                     "killing at least 30 militants.")
    clashes = [e for e in events if e.event_type == "Battles"]
    assert len(clashes) == 1, [(e.sub_event_type, e.place) for e in events]
    assert clashes[0].place is not None and clashes[0].place.name == "Khan Shaykhun"


# ------------------------------------------------------------- the enemy's bombs set off or destroyed


def test_the_enemys_truck_bombs_blown_up_in_a_battle_are_part_of_it(extract_text) -> None:
    events = _events(extract_text,
                     "Iraqi troops fought Islamic State militants in western Mosul on Tuesday, "
                     "killing 40 of them. The soldiers also detonated three Islamic State car "
                     "bombs.")
    assert [e.sub_event_type for e in events] == ["Armed clash"], \
        [(e.sub_event_type, e.actor1 and e.actor1.name) for e in events]


def test_the_enemys_car_bomb_set_off_alone_is_a_disrupted_use(extract_text) -> None:
    events = _events(extract_text,
                     "The YPG detonated an Islamic State car bomb outside Kobani on Friday.")
    assert [e.sub_event_type for e in events] == ["Disrupted weapons use"], \
        [(e.sub_event_type, e.actor1 and e.actor1.name) for e in events]


def test_a_car_bomb_set_off_by_its_owner_stays_a_bombing(extract_text) -> None:
    events = _events(extract_text,
                     "Islamic State detonated a car bomb at a Peshmerga checkpoint near Kirkuk "
                     "on Friday.")
    assert "Disrupted weapons use" not in [e.sub_event_type for e in events]
    assert any(e.event_type == "Explosions/Remote violence" for e in events)


# ------------------------------------------- an event told near a town, then told at its site


@pytest.mark.parametrize("text", [
    "A Russian missile strike on an air base near Kharkiv killed four soldiers, the regional "
    "governor said on Friday. Russia fired six cruise missiles at the Ukrainian air base in "
    "Chuhuiv near Kharkiv late on Thursday.",
    # a scraped text without its commas: the parse loses "near", the words still tell it
    "A Russian missile strike on an air base in Ukraine near Kharkiv killed four soldiers "
    "regional governor Oleh Syniehubov said on Friday. Russia fired six cruise missiles at the "
    "Ukrainian air base in Chuhuiv near Kharkiv late on Thursday.",
])
def test_a_strike_near_a_city_then_at_its_site_30_km_out_is_one_event(extract_text,
                                                                      text: str) -> None:
    events = _events(extract_text, text)
    assert len(events) == 1, [(e.sub_event_type, e.place and e.place.name) for e in events]
    assert events[0].place is not None and events[0].place.name == "Chuhuyiv"


def test_the_target_one_telling_names_beats_the_default_of_another(extract_text) -> None:
    events = _events(extract_text,
                     "An air strike on a village near Khan Shaykhun killed six people, the "
                     "governor said on Friday. Turkish jets struck the Hayat Tahrir al-Sham "
                     "headquarters in Maarat al-Numan near Khan Shaykhun late on Thursday.")
    assert len(events) == 1, [(e.sub_event_type, e.place and e.place.name) for e in events]
    assert events[0].actor2 is not None and events[0].actor2.name == "Hay'at Tahrir al-Sham"


def test_mines_of_ground_swept_are_no_bombing_either(extract_text) -> None:
    # the ruled-out "clear ~ mine" keeps its words (kb context_owns): no IED by the sappers
    events = _events(extract_text, "Sappers of the army set about clearing the mines the rebels "
                                   "had laid in the village.")
    assert not [e for e in events if e.sub_event_type in (
        "Disrupted weapons use", "Remote explosive/landmine/IED")], \
        [(e.sub_event_type, e.actor1) for e in events]
