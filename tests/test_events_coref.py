"""One event told in several sentences of a report is one event; two events stay two (texts
written for these tests)."""

from __future__ import annotations

import dataclasses
from datetime import date

from frontlines.consolidate import consolidate
from frontlines.events.coref import Mention, Rules, corefer, new_event_marker
from frontlines.events.ontology import Ontology
from frontlines.model import ActorRef, Claim, GeoRef, TimeExpr, TimePrecision


def _events(ex):  # type: ignore[no-untyped-def]
    return [e for e in consolidate(ex.claims) if not e.background]


def test_coref_a_bombing_retold_by_the_monitor_is_one_event(extract_text) -> None:
    ex = extract_text(
        "A car bomb exploded near a bakery in the town of Saraqib on Tuesday, killing at "
        "least nine civilians. The Syrian Observatory for Human Rights said the blast killed "
        "eleven people. The explosion destroyed two shops.")
    events = _events(ex)
    assert len(events) == 1, [(e.sub_event_type, e.place) for e in events]
    (event,) = events
    assert event.sub_event_type == "Remote explosive/landmine/IED"
    assert len(event.claims) >= 2


def test_coref_another_strike_on_another_town_stays_apart(extract_text) -> None:
    ex = extract_text(
        "Regime aircraft bombed a market in Saraqib on Monday, killing nine civilians. Another "
        "air strike hit the town of Maarat al-Numan on Monday, killing four people.")
    events = _events(ex)
    assert len(events) == 2
    assert len({e.place.place_id for e in events if e.place}) == 2


def test_coref_a_capture_after_clashes_is_one_territorial_event(extract_text) -> None:
    ex = extract_text("The Syrian army took control of the village of Kafr Nabudah on Tuesday "
                      "after heavy fighting with Hay'at Tahrir al-Sham.")
    types = {e.sub_event_type for e in _events(ex)}
    assert types == {"Government regains territory"}


def test_coref_clashes_in_a_province_are_not_the_clash_in_one_town(extract_text) -> None:
    ex = extract_text(
        "Hay'at Tahrir al-Sham fighters clashed with Ahrar al-Sham in Sarmada on Wednesday. "
        "Fierce clashes between the two groups also raged across Idlib province on Wednesday.")
    assert len([e for e in _events(ex) if e.sub_event_type == "Armed clash"]) == 2


def test_coref_the_attack_named_again_is_no_claim_of_its_own(extract_text) -> None:
    ex = extract_text(
        "A suicide bomber blew himself up at a checkpoint in Azaz on Thursday, killing six "
        "rebels. No group has claimed the attack.")
    events = _events(ex)
    assert len(events) == 1
    assert all("claimed" not in c.evidence for c in events[0].claims)


def test_coref_fighting_that_describes_a_place_is_not_a_battle(extract_text) -> None:
    ex = extract_text("Dozens fled the villages where the army is fighting the Islamic State "
                      "group east of Hama.")
    assert not [c for c in ex.claims if c.event_type == "Battles" and c.modality is None]


def test_coref_new_event_marker_is_read_at_the_head_of_a_sentence() -> None:
    assert new_event_marker("Another five people were killed in a raid on the town.")
    assert new_event_marker("Meanwhile two civilians were wounded by shelling on Hama.")
    assert not new_event_marker("The raid killed three people and wounded about twenty other "
                                "civilians in the town.")
    assert not new_event_marker("The blast killed 16 people and wounded another 40.")


# a town "A" and its province "X", shared by the tests that recode mentions of one place
_TOWN = GeoRef(text="A", place_id="p:a", name="A", lat=35.0, lon=36.0, admin1="X")
_PROVINCE = GeoRef(text="X", place_id="adm:x", name="X", lat=35.5, lon=36.5, admin1="X",
                     geo_precision=3)


def _n_events(claims: list[Claim], mentions: dict[str, Mention]) -> int:
    """How many events the claims make once recoded and consolidated."""
    return len(consolidate(corefer(claims, mentions)))


def _claim(cid: str, sentence: int, sub: str, actor: str, place: GeoRef, trigger: str) -> Claim:
    when = TimeExpr(text="Monday", start=date(2020, 3, 2), end=date(2020, 3, 2),
                    precision=TimePrecision.DAY)
    return Claim(id=cid, doc_id="d", sentence=sentence, evidence="...", evidence_start=0,
                 evidence_end=3, trigger=trigger, event_type="Explosions/Remote violence",
                 sub_event_type=sub, plover_type="ASSAULT", plover_mode="explosives",
                 actor1=ActorRef(id=actor, name=actor, text=actor), place=place, time=when)


def test_coref_two_named_villages_are_two_places_however_near() -> None:
    a = _TOWN
    b = GeoRef(text="B", place_id="p:b", name="B", lat=35.02, lon=36.01, admin1="X")
    claims = [_claim("1", 0, "Air/drone strike", "air", a, "strike"),
              _claim("2", 3, "Air/drone strike", "air", b, "strike")]
    out = corefer(claims, {"1": Mention(), "2": Mention()})
    assert [c.place.place_id for c in out if c.place] == ["p:a", "p:b"]


def test_coref_a_town_told_as_its_province_takes_the_town() -> None:
    province = _PROVINCE
    town = _TOWN
    claims = [_claim("1", 0, "Remote explosive/landmine/IED", "g", province, "explosion"),
              _claim("2", 1, "Suicide bomb", "g", town, "suicide bomber")]
    rules = Rules.of(Ontology.load().data.get("coreference"))
    out = corefer(claims, {"1": Mention(), "2": Mention()}, rules)
    assert {c.place.place_id for c in out if c.place} == {"p:a"}
    assert {c.sub_event_type for c in out} == {"Suicide bomb"}
    assert len(consolidate(out)) == 1


def test_coref_a_victim_named_after_an_air_force_is_no_air_strike(extract_text) -> None:
    ex = extract_text("Unknown gunmen shot dead an officer of the Air Force Intelligence "
                      "branch in Jasim on Sunday.")
    assert ex.claims
    assert all(c.sub_event_type != "Air/drone strike" for c in ex.claims)


def test_coref_the_air_force_is_who_acts_not_an_event_told_before(extract_text) -> None:
    ex = extract_text("The Syrian air force bombed an Islamic State position near Palmyra in "
                      "Homs province on Sunday and killed four militants.")
    types = {e.sub_event_type for e in _events(ex)}
    assert types == {"Air/drone strike"}


def test_coref_fighting_while_shelling_is_an_event(extract_text) -> None:
    ex = extract_text("On Sunday Turkish-backed fighters shelled the village of Tal Tamr while "
                      "clashing with Kurdish forces nearby.")
    assert "Armed clash" in {c.sub_event_type for c in ex.claims if c.modality is None}


def _battle(cid: str, sentence: int, actor1: str, actor2: str, place: GeoRef) -> Claim:
    return dataclasses.replace(
        _claim(cid, sentence, "Armed clash", actor1, place, "attacked"), event_type="Battles",
        actor2=ActorRef(id=actor2, name=actor2, text=actor2))


def test_coref_a_battle_placed_nowhere_joins_the_same_sides_fighting_at_a_town() -> None:
    """"A militia counterattack on army units left 20 dead" (no place: the report's province),
    then "militiamen attacked army positions near the town of A": one battle, at A."""
    province = _PROVINCE
    town = _TOWN
    claims = [_battle("1", 0, "militia", "army", province),
              _battle("2", 1, "militia", "army", town)]
    out = corefer(claims, {"1": Mention(inherited_place=True), "2": Mention()})
    assert {c.place.place_id for c in out if c.place} == {"p:a"}
    assert len(consolidate(out)) == 1
    # other sides, or a province named in the text, are another battle
    other = [_battle("1", 0, "militia", "tribe", province),
             _battle("2", 1, "militia", "army", town)]
    assert _n_events(other, {"1": Mention(inherited_place=True), "2": Mention()}) == 2
    assert _n_events(claims, {"1": Mention(), "2": Mention()}) == 2


def test_coref_the_day_an_event_was_told_may_follow_the_day_it_happened() -> None:
    """"The strike on A late Thursday" and "the governor said Friday a strike near A killed
    five": one strike, on Thursday; a day of its own a day apart stays another event."""
    town = _TOWN
    thursday = TimeExpr(text="Thursday", start=date(2020, 3, 5), end=date(2020, 3, 5),
                        precision=TimePrecision.DAY)
    friday = TimeExpr(text="Friday", start=date(2020, 3, 6), end=date(2020, 3, 6),
                      precision=TimePrecision.DAY)
    claims = [dataclasses.replace(_claim("1", 0, "Air/drone strike", "air", town, "strike"),
                                  time=friday),
              dataclasses.replace(_claim("2", 2, "Air/drone strike", "air", town, "strike"),
                                  time=thursday)]
    out = corefer(claims, {"1": Mention(said_time=True), "2": Mention()})
    assert {c.time.start for c in out} == {date(2020, 3, 5)}
    assert len(consolidate(out)) == 1
    # "those killed were from B", dated only by the week up to Thursday, is that strike's toll
    home = GeoRef(text="B", place_id="p:b", name="B", lat=35.5, lon=36.5, admin1="X")
    toll = dataclasses.replace(
        _claim("3", 4, "Air/drone strike", "air", home, "killed"),
        time=TimeExpr(text="Thursday", start=date(2020, 3, 5), end=date(2020, 3, 5),
                      precision=TimePrecision.WEEK))
    assert _n_events([*claims, toll], {"1": Mention(said_time=True), "2": Mention(),
                                       "3": Mention(generic=True, anaphoric=True)}) == 1
    assert _n_events(claims, {"1": Mention(), "2": Mention()}) == 2


def test_coref_a_force_only_implied_by_the_weapon_gives_way_to_the_named_one() -> None:
    """"Russian jets struck the town of A on Monday" and "an air strike hit the hospital in
    A": the second strike's air force is a guess (the country's), not a second actor."""
    town = _TOWN
    named = dataclasses.replace(_claim("1", 0, "Air/drone strike", "russia", town, "struck"),
                                actor1=ActorRef(id="russia", name="Russia", text="Russian jets"),
                                evidence="Russian jets struck the town of A on Monday.")
    guessed = dataclasses.replace(_claim("2", 2, "Air/drone strike", "syria", town, "strike"),
                                  actor1=ActorRef(id="syria", name="Syria",
                                                  text="government forces"),
                                  evidence="An air strike hit the hospital in A.")
    out = corefer([named, guessed], {"1": Mention(), "2": Mention()})
    assert {c.actor1.id for c in out if c.actor1} == {"russia"}
    assert len(consolidate(out)) == 1
    told = dataclasses.replace(guessed, evidence="Government forces bombed the hospital in A.")
    assert len(consolidate(corefer([named, told], {"1": Mention(), "2": Mention()}))) == 2
    joined = dataclasses.replace(  # the name as its tokens join, "al - Assad 's" in "al-Assad's"
        guessed, actor1=ActorRef(id="syria", name="Syria", text="al - Assad 's air force"),
        evidence="Bashar al-Assad's air force bombed the hospital in A.")
    assert len(consolidate(corefer([named, joined], {"1": Mention(), "2": Mention()}))) == 2


# ---- duplicates on whole articles (issue 17): one mention, one event; a mention in passing or
# told again joins the event it names (sentences written for these tests)


def test_coref_an_air_force_in_the_agent_phrase_of_a_strike_is_no_strike_of_its_own(
        extract_text) -> None:
    ex = extract_text("At least 25 villagers were killed on Tuesday in airstrikes by the Syrian "
                      "government and Russian air forces on Idlib and its outskirts, including "
                      "6 in the town of Sarmin.")
    assert [c.trigger for c in ex.claims if c.modality is None] == ["airstrikes"]
    assert len(_events(ex)) == 1


def test_coref_the_models_reading_of_a_toll_joins_the_attack_told_next(extract_text) -> None:
    ex = extract_text("Four people were killed and nine wounded in the attack on the village "
                      "of Kafr Nabl on Sunday. The village was struck by a barrel bomb dropped "
                      "by a regime helicopter on Sunday morning, medics said.")
    events = _events(ex)
    assert [e.sub_event_type for e in events] == ["Air/drone strike"]


def test_coref_an_attack_named_as_what_another_act_followed_is_no_new_event(
        extract_text) -> None:
    ex = extract_text("Regime helicopters dropped chlorine gas on the town of Kafr Zita on "
                      "Tuesday, killing 12 civilians. Rebels shelled army positions in the town "
                      "of Mhardeh on Thursday, two days after the chlorine attack on Kafr Zita.")
    chemical = [e for e in _events(ex) if e.sub_event_type == "Chemical weapon"]
    assert len(chemical) == 1
    assert chemical[0].date == date(2017, 7, 18)


def test_coref_a_bombing_named_as_what_a_strike_answered_is_no_new_event(extract_text) -> None:
    ex = extract_text("A car bomb exploded near a mosque in the town of Azaz on Friday, killing "
                      "20 people. Turkish jets struck IS positions near al-Bab on Saturday in "
                      "retaliation for the Azaz car bombing.")
    bombings = [e for e in _events(ex) if e.event_type == "Explosions/Remote violence" and
                e.sub_event_type != "Air/drone strike"]
    assert len(bombings) == 1
    assert "Turkey" not in (bombings[0].actor1.name if bombings[0].actor1 else "")


def test_coref_the_blast_told_again_is_no_munition_of_a_gas_attack() -> None:
    """A bombing at A, then a gas attack at A told by itself, then "the blast ripped through the
    depot": the blast is the bombing; only "the shells" may be what carried the gas."""
    rules = Rules.of(Ontology.load().data.get("coreference"))
    town = _TOWN
    bombing = _claim("1", 0, "Remote explosive/landmine/IED", "g", town, "exploded")
    gas = dataclasses.replace(_claim("2", 2, "Chemical weapon", "air", town, "poison gas"),
                              actor1=ActorRef(id="air", name="air"))
    blast = _claim("3", 4, "Remote explosive/landmine/IED", "g", town, "blast")
    out = corefer([bombing, gas, blast], {"1": Mention(), "2": Mention(),
                                          "3": Mention(anaphoric=True)}, rules)
    assert [c.sub_event_type for c in out] == ["Remote explosive/landmine/IED",
                                               "Chemical weapon",
                                               "Remote explosive/landmine/IED"]
    shells = dataclasses.replace(blast, trigger="shells",
                                 sub_event_type="Shelling/artillery/missile attack")
    out = corefer([gas, shells], {"2": Mention(), "3": Mention(anaphoric=True)}, rules)
    assert {c.sub_event_type for c in out} == {"Chemical weapon"}


def test_coref_one_name_resolved_apart_in_two_sentences_is_one_place() -> None:
    here = GeoRef(text="al-Qaryah", place_id="p:q1", name="Qarya", lat=35.2, lon=36.6,
                  admin1="X")
    there = GeoRef(text="al-Qaryah", place_id="p:q2", name="Qaria", lat=34.1, lon=37.9,
                   admin1="Y")
    claims = [_claim("1", 0, "Chemical weapon", "air", here, "chlorine"),
              _claim("2", 1, "Chemical weapon", "air", there, "chlorine")]
    assert _n_events(claims, {"1": Mention(), "2": Mention()}) == 1


def test_coref_the_fighting_told_again_with_the_other_sides_dead_is_one_battle(
        extract_text) -> None:
    ex = extract_text("At least 60 rebel and regime fighters have died in three days of clashes "
                      "over hills near the town of Nawa, a monitor said on Sunday. The "
                      "Observatory said 35 opposition fighters and 25 soldiers had been killed "
                      "in the fighting, which began on Friday.")
    assert len([e for e in _events(ex) if e.event_type == "Battles"]) == 1


def test_a_town_and_the_province_read_as_a_place_of_its_own_are_one_event(extract_text) -> None:
    # one trigger, two places: the province that only places the town is no second event
    ex = extract_text("A boy was killed when a mortar round fired by militants hit Jaramana "
                      "city in Damascus Countryside on Sunday.")
    happened = [c for c in ex.claims if c.modality is None]
    assert happened and {c.place.name for c in happened} == {"Jaramana"}



def test_an_unknown_village_placed_by_its_province_is_no_province_of_its_own() -> None:
    # a name the gazetteer lacks, placed at its province, is a place of its own: one trigger
    # told there and at a town of the province stays two; the province named as such joins
    from frontlines.events.coref import _encloses
    from frontlines.model import GeoRef

    town = GeoRef(text="Jaramana", place_id="p:1", name="Jaramana", admin1="Rural Damascus",
                  geo_precision=1)
    province = GeoRef(text="Damascus Countryside", place_id="p:2", name="Rural Damascus",
                      admin1="Rural Damascus", geo_precision=3)
    village = GeoRef(text="Tell Qarmaza", place_id="p:2", name="Rural Damascus",
                     admin1="Rural Damascus", geo_precision=3, score=0.2)
    assert _encloses(province, town) and _encloses(town, province)
    assert not _encloses(village, town)
