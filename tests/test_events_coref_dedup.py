"""One event, one row (issue 17): a report's event told again by a plural noun, by a unit of
the force that did it, or over a list of a town's quarters is one event; positive evidence
only, so that two events stay two (texts written for these tests)."""

from __future__ import annotations

import dataclasses
from datetime import date

from frontlines.consolidate import consolidate
from frontlines.events.coref import Mention, Rules, corefer
from frontlines.events.ontology import Ontology
from frontlines.model import ActorRef, Claim, GeoRef, TimeExpr, TimePrecision

_ARMY = ActorRef(id="army", name="Military Forces of Ruritania", text="the army",
                 acled_name="Military Forces of Ruritania (1990-)")
_AIR = ActorRef(id="air", name="Ruritanian Air Force", text="Ruritanian warplanes",
                acled_name="Military Forces of Ruritania (1990-) Ruritanian Air Force")
_RIVAL = ActorRef(id="rival", name="Military Forces of Borduria", text="Bordurian jets",
                  acled_name="Military Forces of Borduria (1988-)")
_TOWN = GeoRef(text="A", place_id="p:a", name="A", lat=35.0, lon=36.0, admin1="X")
_OTHER = GeoRef(text="B", place_id="p:b", name="B", lat=35.3, lon=36.2, admin1="X")
_IED = "Remote explosive/landmine/IED"
_PROVINCE = GeoRef(text="X", place_id="adm:x", name="X", lat=35.5, lon=36.5, admin1="X",
                   geo_precision=3)


def _claim(cid: str, sentence: int, actor: ActorRef | None, place: GeoRef, trigger: str,
           sub: str = "Air/drone strike") -> Claim:
    when = TimeExpr(text="Monday", start=date(2021, 5, 3), end=date(2021, 5, 3),
                    precision=TimePrecision.DAY)
    told = f"{actor.text if actor else 'They'} hit it."  # the actor is named, not implied
    return Claim(id=cid, doc_id="d", sentence=sentence, evidence=told, evidence_start=0,
                 evidence_end=len(told), trigger=trigger, event_type="Explosions/Remote violence",
                 sub_event_type=sub, plover_type="ASSAULT", plover_mode="explosives",
                 actor1=actor, place=place, time=when)


def _rules() -> Rules:
    return Rules.of(Ontology.load().data.get("coreference"))


# ------------------------------------------------------------- a force and its unit


def test_dedup_a_force_and_its_air_force_at_one_town_are_one_strike() -> None:
    claims = [_claim("1", 0, _ARMY, _TOWN, "strikes"), _claim("2", 4, _AIR, _TOWN, "warplanes")]
    out = corefer(claims, {}, _rules())
    events = consolidate(out)
    assert len(events) == 1
    assert events[0].actor1 is not None and events[0].actor1.id == "army"


def test_dedup_a_force_and_its_unit_at_two_towns_stay_two() -> None:
    claims = [_claim("1", 0, _ARMY, _TOWN, "strikes"), _claim("2", 4, _AIR, _OTHER, "warplanes")]
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


def test_dedup_a_unit_placed_only_by_its_province_stays_apart() -> None:
    claims = [_claim("1", 0, _ARMY, _TOWN, "strikes"),
              _claim("2", 4, _AIR, _PROVINCE, "warplanes")]
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


def test_dedup_two_states_air_forces_are_not_one_force() -> None:
    claims = [_claim("1", 0, _ARMY, _TOWN, "strikes"), _claim("2", 4, _RIVAL, _TOWN, "jets")]
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


# ------------------------------------------------------------- definite plurals


def test_dedup_the_strikes_told_at_another_town_are_that_towns_event() -> None:
    plural = Mention(generic=True, anaphoric=True, reference=True, plural=True)
    claims = [_claim("1", 0, _ARMY, _TOWN, "strikes"),
              _claim("2", 2, None, _OTHER, "raids", sub="Attack")]
    out = corefer(claims, {"2": plural}, _rules())
    assert {c.place.place_id for c in out if c.place} == {"p:a", "p:b"}
    assert len(consolidate(out)) == 2


def test_dedup_the_strikes_at_a_town_after_a_province_wide_toll_are_the_towns_event() -> None:
    plural = Mention(generic=True, anaphoric=True, reference=True, plural=True)
    claims = [_claim("1", 0, _ARMY, _PROVINCE, "strikes"),
              _claim("2", 1, None, _TOWN, "raids")]
    out = corefer(claims, {"2": plural}, _rules())
    assert {c.place.place_id for c in out if c.place} == {"adm:x", "p:a"}


def test_dedup_the_strikes_told_again_at_a_town_still_name_the_weapon() -> None:
    plural = Mention(anaphoric=True, reference=True, plural=True)
    claims = [_claim("2", 1, _ARMY, _TOWN, "killed", sub="Attack"),
              _claim("3", 2, None, _TOWN, "strikes")]
    out = corefer(claims, {"2": Mention(generic=True), "3": plural}, _rules())
    town = [c for c in out if c.place is not None and c.place.place_id == "p:a"]
    assert town and {c.sub_event_type for c in town} == {"Air/drone strike"}
    assert "3" not in {c.id for c in out}  # told again: no claim of its own


def test_dedup_the_raids_condemned_make_no_claim_of_their_own(extract_text) -> None:
    ex = extract_text("Warplanes carried out four strikes on the village of Hish in Idlib "
                      "province on Wednesday, killing nine civilians, a monitor said. An "
                      "opposition body condemned the raids.")
    events = [e for e in consolidate(ex.claims) if not e.background]
    assert len(events) == 1
    assert all(c.trigger != "raids" for c in ex.claims if c.modality is None)


# ------------------------------------------------------------- a town's quarters


def test_dedup_rockets_fired_at_a_list_of_suburbs_are_one_event(extract_text) -> None:
    ex = extract_text("Insurgents fired rockets at the suburbs of Jaramana and Qudsaya on "
                      "Tuesday, wounding four people.")
    events = [e for e in consolidate(ex.claims) if not e.background]
    assert len(events) == 1, [(e.sub_event_type, e.place) for e in events]


def test_dedup_two_towns_shelled_by_one_verb_stay_two(extract_text) -> None:
    ex = extract_text("Government forces shelled the towns of Kafr Nabl and Maarat al-Numan "
                      "on Monday, killing three people.")
    events = [e for e in consolidate(ex.claims) if not e.background]
    assert len(events) == 2


# ------------------------------------------------------------- a withdrawal and its fight


def test_dedup_a_withdrawal_told_with_the_fight_at_its_place_is_that_fight(extract_text) -> None:
    ex = extract_text("Rebel fighters pulled out of the town of Khan Tuman on Sunday after days "
                      "of clashes with the army.")
    events = [e for e in consolidate(ex.claims) if not e.background]
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_dedup_a_withdrawal_told_without_a_fight_stays_a_withdrawal(extract_text) -> None:
    ex = extract_text("Government troops withdrew from the village of Tal Rifaat on Monday. "
                      "Rebels later shelled the town of Azaz.")
    types = {e.sub_event_type for e in consolidate(ex.claims) if not e.background}
    assert "Non-violent transfer of territory" in types


# ------------------------------------------------------------- the fight told again


def _battles(ex):  # type: ignore[no-untyped-def]
    return [e for e in consolidate(ex.claims) if e.event_type == "Battles" and not e.background]


def test_dedup_more_killed_in_clashes_not_referred_back_stays_a_new_battle(extract_text) -> None:
    ex = extract_text("Army troops clashed with rebel fighters in the town of Dilling on Monday, "
                      "a monitor said. Two more soldiers were killed in clashes, the monitor "
                      "said.")
    assert len(_battles(ex)) == 2


def test_dedup_the_clashes_near_an_unknown_hill_are_the_battle_told(extract_text) -> None:
    # the hill is no gazetteer name: placed at a guessed province, it is no other battlefield;
    # "those clashes" refers back as "the clashes" does
    for det in ("the", "those"):
        ex = extract_text("At least 20 Islamic State militants were killed on Tuesday in clashes "
                          "with Kurdish fighters around the town of Sinjar, a monitor said. Three "
                          f"Kurdish fighters were killed in {det} clashes near the Tal Qasab "
                          "hilltop, the monitor said.")
        battles = _battles(ex)
        assert len(battles) == 1, det
        assert battles[0].place is not None and battles[0].place.name == "Sinjar"


def test_dedup_the_other_deaths_of_a_toll_are_no_new_battle(extract_text) -> None:
    ex = extract_text("At least 20 Islamic State militants were killed on Tuesday in clashes "
                      "with Kurdish fighters around the town of Sinjar, a monitor said. The "
                      "other militant deaths came in clashes to the east of Sinjar.")
    assert len(_battles(ex)) == 1


def test_dedup_the_other_deaths_in_another_town_stay_that_towns_battle(extract_text) -> None:
    ex = extract_text("Army troops clashed with rebel fighters in the town of Dilling on Monday, "
                      "a monitor said. The other deaths came in clashes in the town of Kadugli.")
    assert sorted(e.place.name for e in _battles(ex) if e.place) == ["Dilling", "Kadugli"]


def test_dedup_the_other_is_no_new_event_marker_another_is() -> None:
    from frontlines.events.coref import new_event_marker

    assert not new_event_marker("The other victims were buried on Friday.")
    assert new_event_marker("Another strike hit the market.")
    assert new_event_marker("Two other villages were shelled.")


# ------------------------------------------------------------- a town's own detail


_GUESS = GeoRef(text="Qasr Nur", place_id="adm:x", name="X", lat=35.5, lon=36.5, admin1="X",
                geo_precision=3, score=0.2)  # a name the gazetteer lacks, placed at its province


def _told(claim: Claim, text: str) -> Claim:
    return dataclasses.replace(claim, evidence=text, evidence_end=len(text))


def test_dedup_a_landmark_beside_its_town_is_no_second_place() -> None:
    text = "A car bomb exploded outside the Qasr Nur mosque in central A on Monday."
    claims = [_told(_claim("1", 0, None, _TOWN, "car bomb", _IED), text),
              _told(_claim("2", 0, None, _GUESS, "car bomb", _IED), text)]
    events = consolidate(corefer(claims, {}, _rules()))
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.name == "A"


def test_dedup_an_unknown_village_listed_with_a_town_stays_its_own_event() -> None:
    for text in ("Shells hit Qasr Nur and A on Monday.", "Shells hit A, Qasr Nur on Monday."):
        claims = [_told(_claim("1", 0, None, _TOWN, "shells", _IED), text),
                  _told(_claim("2", 0, None, _GUESS, "shells", _IED), text)]
        assert len(consolidate(corefer(claims, {}, _rules()))) == 2, text


def test_dedup_an_attack_read_as_a_clash_does_not_hold_a_bombing_to_one_town() -> None:
    # "a car bomb attack killed 40 in A" then "a suicide bomber carried out the attack near
    # the Qasr Nur roundabout": the generic "attack" reading of the first sentence is no
    # battle that needs the same place
    clash = dataclasses.replace(_claim("2", 0, None, _TOWN, "attack", "Armed clash"),
                                event_type="Battles")
    claims = [_claim("1", 0, None, _TOWN, "car bomb", _IED), clash,
              _claim("3", 1, None, _GUESS, "suicide bomber", "Suicide bomb")]
    mentions = {"2": Mention(generic=True)}
    events = [e for e in consolidate(corefer(claims, mentions, _rules()))
              if e.event_type != "Battles"]
    assert len(events) == 1 and events[0].sub_event_type == "Suicide bomb"
    assert events[0].place is not None and events[0].place.name == "A"


def test_dedup_a_bombing_at_another_town_stays_apart_from_an_attack_read_as_a_clash() -> None:
    clash = dataclasses.replace(_claim("2", 0, None, _TOWN, "attack", "Armed clash"),
                                event_type="Battles")
    far = GeoRef(text="C", place_id="p:c", name="C", lat=36.5, lon=37.5, admin1="X")
    claims = [_claim("1", 0, None, _TOWN, "car bomb", _IED), clash,
              _claim("3", 1, None, far, "suicide bomber", "Suicide bomb")]
    events = consolidate(corefer(claims, {"2": Mention(generic=True)}, _rules()))
    assert sorted(e.place.name for e in events if e.event_type != "Battles" and e.place) == \
        ["A", "C"]


def test_dedup_the_battle_joined_by_another_side_is_the_battle_told(extract_text) -> None:
    ex = extract_text("Government troops clashed with Islamic State militants in the town of "
                      "Dilling on Monday, a monitor said. Kurdish fighters joined the battle "
                      "against the army and six of them were killed in the clashes, the monitor "
                      "said.")
    assert len(_battles(ex)) == 1


def test_dedup_a_battle_of_two_other_sides_at_the_town_stays_apart() -> None:
    # one side in common joins only a battle the later mention refers back to
    army = ActorRef(id="army", name="Military Forces of Ruritania", text="troops")
    rebels = ActorRef(id="reb", name="Rebels", text="rebels")
    militia = ActorRef(id="mil", name="Militia", text="militiamen")
    first = dataclasses.replace(_claim("1", 0, army, _TOWN, "clashed", "Armed clash"),
                                event_type="Battles", actor2=rebels)
    second = dataclasses.replace(_claim("2", 2, militia, _TOWN, "fought", "Armed clash"),
                                 event_type="Battles", actor2=army)
    assert len(consolidate(corefer([first, second], {}, _rules()))) == 2
    referring = {"2": Mention(anaphoric=True)}
    assert len(consolidate(corefer([first, second], referring, _rules()))) == 1


def test_dedup_a_mention_that_referred_back_does_not_hold_the_rest_of_the_fight_apart(
        extract_text) -> None:
    # "those clashes near an unknown hill" told nothing of its own: the clashes told next at
    # the town still join the battle it referred to
    ex = extract_text("At least 20 Islamic State militants were killed on Tuesday in clashes "
                      "with Kurdish fighters around the town of Sinjar, a monitor said. Three "
                      "Kurdish fighters were killed in those clashes near the Tal Qasab hilltop, "
                      "the monitor said. The other militant deaths came in clashes to the east "
                      "of Sinjar.")
    assert len(_battles(ex)) == 1


# ------------------------------------------------------------- one place told two ways


_UNKNOWN_AT_A = GeoRef(text="Zahra Hill", place_id=None, name="Zahra Hill", lat=35.0, lon=36.0,
                       admin1="X", geo_precision=2, score=0.2)


def test_dedup_a_listed_name_placed_at_the_point_of_the_town_beside_it_stays_two() -> None:
    # "seized Zahra Hill and A": the unknown name is placed at A's point, but the list names two
    claims = [_claim("1", 0, _ARMY, _UNKNOWN_AT_A, "seized"), _claim("2", 0, _ARMY, _TOWN, "seized")]
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


_NEAR_T = GeoRef(text="Tarra", place_id="p:t", name="Tarra", lat=35.0, lon=36.0, admin1="X",
                 geo_precision=2)
_V = GeoRef(text="Velo", place_id="p:v", name="Velo", lat=35.15, lon=36.1, admin1="X")  # ~19 km


def _told(claim: Claim, text: str) -> Claim:
    return dataclasses.replace(claim, evidence=text, evidence_end=len(text))


def test_dedup_a_village_near_a_town_and_the_village_named_near_it_are_one_strike() -> None:
    claims = [_told(_claim("1", 0, _ARMY, _NEAR_T, "bombed"),
                    "the army bombed a village near Tarra, killing four."),
              _told(_claim("2", 1, _ARMY, _V, "struck"),
                    "the army struck the hamlet of Velo near Tarra, flattening a school.")]
    events = consolidate(corefer(claims, {}, _rules()))
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.place_id == "p:v"


def test_dedup_a_strike_on_the_town_and_one_on_a_village_near_it_stay_two() -> None:
    at_t = dataclasses.replace(_NEAR_T, geo_precision=1)  # the town itself, not around it
    claims = [_told(_claim("1", 0, _ARMY, at_t, "bombed"), "the army bombed Tarra, killing four."),
              _told(_claim("2", 1, _ARMY, _V, "struck"),
                    "the army struck the hamlet of Velo near Tarra, flattening a school.")]
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


def test_dedup_a_village_near_a_town_and_one_named_in_its_own_sentence_stay_two() -> None:
    claims = [_told(_claim("1", 0, _ARMY, _NEAR_T, "bombed"),
                    "the army bombed a village near Tarra and then Velo, killing four."),
              _told(_claim("2", 1, _ARMY, _V, "struck"),
                    "the army struck the hamlet of Velo near Tarra, flattening a school.")]
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


def test_dedup_a_place_near_the_town_too_far_to_be_near_stays_two() -> None:
    far = dataclasses.replace(_V, lat=35.5, lon=36.4)  # ~65 km
    claims = [_told(_claim("1", 0, _ARMY, _NEAR_T, "bombed"),
                    "the army bombed a village near Tarra, killing four."),
              _told(_claim("2", 1, _ARMY, far, "struck"),
                    "the army struck Velo, far east of Tarra, flattening a school.")]
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


def test_dedup_an_attack_the_accused_gassing_took_place_in_is_that_gassing(extract_text) -> None:
    # the parser hangs "in a night attack" on "accused", not on "gassing"
    ex = extract_text("Activists accused government troops of gassing dozens of villagers - by one "
                      "count as many as 400 - in a night attack on Sunday in Douma.")
    kept = [c for c in ex.claims if c.modality is None]
    assert {c.sub_event_type for c in consolidate(kept)} == {"Chemical weapon"}


def test_dedup_an_attack_accused_on_another_day_and_town_stays_apart(extract_text) -> None:
    ex = extract_text("Activists accused government troops of gassing dozens of villagers in Douma on "
                      "Sunday and of an attack on Harasta on Monday.")
    kept = [c for c in ex.claims if c.modality is None]
    assert len(consolidate(kept)) == 2


# ------------------------------------------------------------- "also" that announces nothing


def _shown(ex) -> list:  # type: ignore[no-untyped-def]
    return consolidate([c for c in ex.claims if c.modality is None])


def test_dedup_also_known_as_announces_no_new_event(extract_text) -> None:
    ex = extract_text("Jets bombed the town of Saraqib on Tuesday, killing four people. The "
                      "rescue service, also known as the Green Helmets, said the jets struck one "
                      "of its centres in Saraqib.")
    assert len(_shown(ex)) == 1


def test_dedup_also_before_a_definite_modified_event_noun_refers_back(extract_text) -> None:
    # "the air attack": a definite event noun refers back by its head noun too
    ex = extract_text("Government jets bombed a camp for displaced families near Saraqib on "
                      "Tuesday, killing nine people, activists said. A monitoring group also "
                      "confirmed that the army was behind the air attack on the camp.")
    assert len(_shown(ex)) == 1


def test_dedup_also_before_a_strike_of_its_own_stays_two(extract_text) -> None:
    ex = extract_text("Jets bombed the town of Saraqib on Tuesday, killing four people. A "
                      "monitor also said jets struck a bakery in Saraqib on Tuesday, killing two.")
    assert len(_shown(ex)) == 2


# ------------------------------------------------------------- a town told only to locate another


_T1 = dataclasses.replace(_NEAR_T, geo_precision=1)


def _one_sentence(text: str, *placed: tuple[str, GeoRef, str]) -> list[Claim]:
    return [_told(_claim(cid, 0, _ARMY, place, trigger), text) for cid, place, trigger in placed]


def test_dedup_a_town_told_to_locate_the_place_of_one_trigger_is_no_place_of_its_own() -> None:
    claims = _one_sentence("the army bombed a convoy near the hamlet of Velo east of Tarra.",
                           ("1", _V, "bombed"), ("2", _T1, "bombed"))
    events = consolidate(corefer(claims, {}, _rules()))
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.place_id == "p:v"


def test_dedup_a_town_told_at_a_distance_locates_the_place() -> None:
    claims = _one_sentence("the army bombed Velo, some 20 km from the city of Tarra.",
                           ("1", _V, "bombed"), ("2", _T1, "bombed"))
    assert len(consolidate(corefer(claims, {}, _rules()))) == 1


def test_dedup_two_towns_listed_for_one_trigger_stay_two() -> None:
    claims = _one_sentence("the army bombed Velo and Tarra.",
                           ("1", _V, "bombed"), ("2", _T1, "bombed"))
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


def test_dedup_a_town_that_locates_another_and_is_hit_by_a_second_trigger_stays() -> None:
    claims = _one_sentence("the army bombed Velo, east of Tarra, and shelled Tarra.",
                           ("1", _V, "bombed"), ("2", _T1, "shelled"))
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


def test_dedup_strikes_around_a_town_and_on_an_area_told_in_its_province_are_one() -> None:
    area = dataclasses.replace(_V, text="Velo", name="Velo", geo_precision=2)
    claims = [_told(_claim("1", 0, _ARMY, _NEAR_T, "air strikes"),
                    "army air strikes on rebel areas around Tarra killed 30 on Monday."),
              _told(_claim("2", 1, _ARMY, area, "air raids"),
                    "a monitor counted 40 air raids on parts of Velo in Tarra province.")]
    events = consolidate(corefer(claims, {}, _rules()))
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.place_id == "p:v"


def test_dedup_strikes_around_a_town_and_on_a_quarter_placed_elsewhere_stay_two() -> None:
    quarter = dataclasses.replace(_V, text="Old Market", name="Velo", geo_precision=2)
    claims = [_told(_claim("1", 0, _ARMY, _NEAR_T, "air strikes"),
                    "army air strikes on rebel areas around Tarra killed 30 on Monday."),
              _told(_claim("2", 1, _ARMY, quarter, "air raids"),
                    "a monitor counted 40 air raids on Old Market in Tarra province.")]
    assert len(consolidate(corefer(claims, {}, _rules()))) == 2


def test_dedup_a_place_told_as_where_someone_was_taken_from_is_no_reference() -> None:
    # "from T" without a distance is an origin, not the point V is told from
    claims = _one_sentence("gunmen seized the priest Velo from the village of Tarra.",
                           ("1", _V, "seized"), ("2", _T1, "seized"))
    events = consolidate(corefer(claims, {}, _rules()))
    assert len(events) == 2
