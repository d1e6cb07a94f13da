"""One event told twice is one event (issue 17): a definite singular event noun told later
("the explosion", "the blast") refers back to the event told before and defers its sub-type to
that telling; a gun trigger fired by aircraft is an air strike (texts written for these
tests)."""

from __future__ import annotations

from datetime import date

from frontlines.consolidate import consolidate
from frontlines.events.coref import Mention, Rules, corefer
from frontlines.events.ontology import Ontology
from frontlines.model import ActorRef, Claim, GeoRef, TimeExpr, TimePrecision

_IED = "Remote explosive/landmine/IED"
_AIR = "Air/drone strike"
_SHELL = "Shelling/artillery/missile attack"
_GROUP = ActorRef(id="", name="Unidentified Armed Group (Ruritania)", text="")
_TOWN = GeoRef(text="A", place_id="p:a", name="A", lat=35.0, lon=36.0, admin1="X", admin2="A")
_MONDAY = TimeExpr(text="on Monday", start=date(2021, 5, 3), end=date(2021, 5, 3),
                   precision=TimePrecision.DAY)
_BLAST = Mention(anaphoric=True, definite=True)


def _claim(cid: str, sentence: int, sub: str, trigger: str, evidence: str = "It happened.",
           event_type: str = "Explosions/Remote violence", place: GeoRef = _TOWN,
           time: TimeExpr | None = _MONDAY) -> Claim:
    return Claim(id=cid, doc_id="d", sentence=sentence, evidence=evidence, evidence_start=0,
                 evidence_end=len(evidence), trigger=trigger, event_type=event_type,
                 sub_event_type=sub, plover_type="ASSAULT", plover_mode="explosives",
                 actor1=_GROUP, place=place, time=time)


def _rules() -> Rules:
    return Rules.of(Ontology.load().data.get("coreference"))


def _events(claims: list[Claim], mentions: dict[str, Mention]) -> list:  # type: ignore[type-arg]
    return consolidate(corefer(claims, mentions, _rules()))


# ------------------------------------------------------------- the rules, claim by claim


def test_defer_the_blast_told_later_takes_the_shelling_told_before() -> None:
    claims = [_claim("1", 0, _SHELL, "fired rockets"),
              _claim("2", 2, _IED, "blast", "The blast broke every window.")]
    events = _events(claims, {"2": _BLAST})
    assert [e.sub_event_type for e in events] == [_SHELL]


def test_defer_a_blast_with_a_day_of_its_own_stays_apart() -> None:
    claims = [_claim("1", 0, _SHELL, "fired rockets"),
              _claim("2", 2, _IED, "blast", "The blast on Monday broke every window.")]
    assert len(_events(claims, {"2": _BLAST})) == 2


def test_defer_no_plural_no_new_event_no_passing_mention() -> None:
    for other in (Mention(anaphoric=True, definite=True, plural=True),
                  Mention(anaphoric=True, definite=True, new_event=True),
                  Mention(anaphoric=True, definite=True, passing=True),
                  Mention(anaphoric=True)):  # (not a definite singular noun)
        claims = [_claim("1", 0, _SHELL, "fired rockets"),
                  _claim("2", 2, _IED, "blast", "The blast broke every window.")]
        assert len(_events(claims, {"2": other})) == 2, other


def test_defer_no_battle_takes_another_battle_type() -> None:
    claims = [_claim("1", 0, "Government regains territory", "retook", event_type="Battles"),
              _claim("2", 2, "Armed clash", "battle", "The battle lasted all night.",
                     event_type="Battles")]
    assert len(_events(claims, {"2": _BLAST})) == 2


def test_defer_the_blast_joins_the_bombing_before_an_air_strike_told_between() -> None:
    # "A car bomb hit A ... Jets struck A ... The blast was heard across A": the noun's own
    # sub-type is tried first, the nearest group after
    claims = [_claim("1", 0, _IED, "car bomb"), _claim("2", 1, _AIR, "struck"),
              _claim("3", 2, _IED, "blast", "The blast was heard across the town.")]
    out = {c.id: c for c in corefer(claims, {"3": _BLAST}, _rules())}
    assert out["3"].sub_event_type == _IED
    assert len(consolidate(list(out.values()))) == 2


# ------------------------------------------------------------- told in full


def test_defer_the_explosion_after_a_rocket_attack_is_that_attack(extract_text) -> None:
    ex = extract_text("Rebels fired rockets at a market in Mosul on Sunday, killing two people. "
                      "The explosion destroyed several shops, police said.")
    events = consolidate([c for c in ex.claims if c.modality is None])
    assert [e.sub_event_type for e in events] == [_SHELL]


def test_defer_an_explosion_on_another_day_stays_its_own(extract_text) -> None:
    ex = extract_text("Rebels fired rockets at a market in Mosul on Sunday, killing two people. "
                      "The explosion on Tuesday destroyed several shops, police said.")
    assert len(consolidate([c for c in ex.claims if c.modality is None])) == 2


def test_defer_helicopters_firing_rockets_is_an_air_strike(extract_text, rules) -> None:
    ex = extract_text("Army helicopters fired rockets at a village in Helmand on Friday, "
                      "killing three farmers.", knowledge=rules)
    told = [c for c in ex.claims if c.modality is None and c.trigger == "fired rockets"]
    assert told and all(c.sub_event_type == _AIR for c in told)


# ------------------------------------------------------------- the finer of two places


_CITY = GeoRef(text="Carta", place_id="p:carta", name="Carta", lat=35.0, lon=36.0, admin1="X",
               admin2="Carta", geo_precision=2)  # "near the city of Carta"
_SUBURB = GeoRef(text="Velo", place_id="p:velo", name="Velo", lat=35.03, lon=36.04,
                 admin1="X", admin2="Carta")  # a town of Carta district, 5 km out


def test_finer_a_town_of_the_district_codes_the_event_told_near_its_city() -> None:
    claims = [_claim("1", 0, _AIR, "struck", place=_CITY),
              _claim("2", 3, _AIR, "raid", place=_SUBURB)]
    events = _events(claims, {})
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.place_id == "p:velo"


def test_finer_a_town_of_another_district_does_not_outrank_the_city() -> None:
    other = GeoRef(text="Velo", place_id="p:velo", name="Velo", lat=35.03, lon=36.04,
                   admin1="X", admin2="Dorn")
    claims = [_claim("1", 0, _AIR, "struck", place=_CITY),
              _claim("2", 3, _AIR, "raid", place=other)]
    events = _events(claims, {})
    assert len(events) == 1
    assert events[0].place is not None and events[0].place.place_id == "p:carta"


# ------------------------------------------------------------- a name that tells no place


def test_a_town_in_the_name_of_the_group_that_listed_the_dead_is_no_second_place(
        extract_text) -> None:
    # "the Kunduz Today activist group": neither Kunduz nor today
    ex = extract_text("Jets struck a market in the town of Imam Sahib on Saturday, killing 12 "
                      "people. The names of all 12 killed were published by the Kunduz Today "
                      "activist group.")
    events = consolidate([c for c in ex.claims if c.modality is None])
    assert len(events) == 1
    assert all(c.place is not None and c.place.text == "Imam Sahib" for c in ex.claims)
    assert all(c.time is not None and c.time.text != "Today" for c in ex.claims)


def test_a_town_before_a_verb_and_a_group_noun_stays_a_place(extract_text) -> None:
    ex = extract_text("Fighting in Imam Sahib killed members of a militia on Saturday.")
    assert any(c.place is not None and c.place.text == "Imam Sahib" for c in ex.claims)


def test_defer_helicopters_firing_rockets_stay_an_air_strike_beside_the_model(
        extract_text) -> None:
    ex = extract_text("Army helicopters fired rockets at a village in Helmand on Friday, "
                      "killing three farmers.")
    shown = consolidate([c for c in ex.claims if c.modality is None])
    assert [e.sub_event_type for e in shown] == [_AIR]


def test_defer_missiles_fired_by_jets_are_an_air_strike_by_rebels_shelling(extract_text) -> None:
    flown = extract_text("Nine people died when army jets fired missiles at a crowded bus "
                         "station in Kunduz on Monday.")
    told = [c for c in flown.claims if c.trigger == "missiles"]
    assert told and all(c.sub_event_type == _AIR for c in told)
    ground = extract_text("Rebels fired missiles at an army base in Kunduz on Monday, killing "
                          "two soldiers.")
    assert any(c.sub_event_type == _SHELL for c in ground.claims if c.trigger == "missiles")
