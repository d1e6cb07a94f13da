"""Roles from the sentence's structure, on sentences written for these tests: the agent through
passives and "by" phrases, the target through objects, "against", "targeting", "on X's
positions" and "X-held"; both sides of "clashed with" and "fighting between X and Y"; backers
are associated actors, never a side; an actor named only as a target is never actor1; state
forces named without their state are the forces of the event's country."""

from __future__ import annotations

from datetime import date

import pytest

from tests._roles import PUBLISHED
from tests._roles import acled_name as _acled
from tests._roles import first_claim as _first

# (sentence, actor1 ACLED name, actor2 ACLED name)
CASES = [
    # passives: the "by" phrase is the agent, the subject the target
    ("Four soldiers were killed by Taliban fighters in Helmand province on Monday.",
     "Taliban", "Military Forces of Afghanistan (2014-)"),
    ("Two police officers were wounded by al-Shabaab gunmen in Mogadishu on Sunday.",
     "Al Shabaab", "Police Forces of Somalia (2017-)"),
    ("Hezbollah positions near Kfar Kila were targeted by Israeli artillery on Sunday.",
     "Military Forces of Israel (2021-)", "Hezbollah"),
    ("Three PKK militants were killed in an operation carried out by the gendarmerie in "
     "Hakkari province on Friday.",
     "Military Forces of Turkey (2016-) Gendarmerie", "PKK: Kurdistan Workers Party"),
    ("Islamic State hideouts were hit by air strikes near Mosul on Monday.",
     "Military Forces of Iraq (2018-)", "Islamic State (Iraq)"),  # aircraft: the state's
    # the agent named inside the event noun or its participle; victims are never the agent
    ("Three farmers were wounded in Taliban shelling near Ghazni on Tuesday.",
     "Taliban", "Civilians (Afghanistan)"),
    ("Six al-Shabaab members died in an explosion at a house in Jilib on Monday.",
     "Unidentified Armed Group (Somalia)", "Al Shabaab"),
    # a country or a government named as the agent of violence is its military
    ("Turkey shelled PKK positions in the Hakurk area on Monday.",
     "Military Forces of Turkey (2016-)", "PKK: Kurdistan Workers Party"),
    ("Airstrikes by the Iraqi government hit Islamic State hideouts near Rutba on Monday.",
     "Military Forces of Iraq (2018-)", "Islamic State (Iraq)"),
    # objects, "against", "targeting", "on X's positions", "X-held"
    ("The SDF launched an offensive against Islamic State in Hajin on Saturday.",
     "QSD: Syrian Democratic Forces", "Islamic State (Syria)"),
    ("Turkish drones carried out strikes targeting PKK hideouts near Amedi on Thursday.",
     "Military Forces of Turkey (2016-)", "PKK: Kurdistan Workers Party"),
    ("Israeli warplanes struck Hamas positions in Gaza City on Monday.",
     "Military Forces of Israel (2021-)", "Hamas Movement"),
    ("Houthi rebels fired missiles on government positions in Marib on Tuesday.",
     "Houthi Movement - Ansar Allah", "Military Forces of Yemen (2012-)"),
    ("Government forces shelled Houthi-held areas of Taiz on Monday.",
     "Military Forces of Yemen (2012-)", "Houthi Movement - Ansar Allah"),
    # both sides of a fight
    ("Islamic State militants clashed with Iraqi army troops near Kirkuk on Friday.",
     "Islamic State (Iraq)", "Military Forces of Iraq (2018-)"),
    ("Heavy clashes erupted between the Afghan army and the Taliban in Kunduz on Tuesday.",
     "Military Forces of Afghanistan (2014-)", "Taliban"),
    ("Fighting broke out between Boko Haram and ISWAP fighters near Monguno on Sunday.",
     "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad",
     "Islamic State West Africa Province"),
    ("M23 rebels clashed with Congolese soldiers near Rutshuru on Wednesday.",
     "M23: March 23 Movement", "Military Forces of Democratic Republic of Congo (2019-)"),
    # the force behind an air strike
    ("Army airstrikes hit Islamic State hideouts near Palmyra on Sunday.",
     "Military Forces of Syria (2000-)", "Islamic State (Syria)"),
]


@pytest.mark.parametrize(("text", "actor1", "actor2"), CASES, ids=[c[0][:40] for c in CASES])
def test_events_roles_structure_agent_and_target(extract_text, text: str, actor1: str,
                                                 actor2: str) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    assert _acled(claim.actor1) == actor1
    assert _acled(claim.actor2) == actor2


def test_events_roles_structure_backers_are_associated_never_a_side(extract_text) -> None:
    ex = extract_text("Rebels supported by Turkish artillery attacked YPG positions near Tal "
                      "Rifaat on Wednesday.", published=PUBLISHED)
    claim = _first(ex)
    assert claim.actor1.name == "Opposition Rebels (Syria)"
    assert _acled(claim.actor2) == "YPG: Peoples Protection Units"
    assert [a.name for a in claim.assoc_actor_1] == ["Military Forces of Turkey"]


def test_events_roles_structure_a_backer_named_with_its_country(extract_text) -> None:
    ex = extract_text("Somali troops, backed by Kenyan soldiers, attacked al-Shabaab fighters "
                      "near Kismayo on Tuesday.", published=PUBLISHED)
    claim = _first(ex)
    assert _acled(claim.actor1) == "Military Forces of Somalia (2017-)"
    assert _acled(claim.actor2) == "Al Shabaab"
    assert "Military Forces of Kenya" in {a.name for a in claim.assoc_actor_1}


def test_events_roles_structure_a_target_is_never_actor1(extract_text) -> None:
    ex = extract_text("Two ELN members were killed, wounded or captured during operations "
                      "carried out by the army in Arauca on Monday.", published=PUBLISHED)
    for claim in ex.claims:
        assert claim.actor1 is not None and claim.actor1.name != "National Liberation Army "\
            "(Colombia)"
    assert _acled(_first(ex).actor1) == "Military Forces of Colombia (2018-)"
    assert _acled(_first(ex).actor2) == "ELN: National Liberation Army"


def test_events_roles_structure_an_umbrella_leads_the_groups_under_it(extract_text) -> None:
    ex = extract_text("On 3 March, pro-Turkish gunmen and the SNA, all operating as part of "
                      "Operation Peace Spring, exchanged fire with SDF units near Tal Tamr.", published=date(2020, 3, 6))
    claim = _first(ex)
    assert claim.actor1.name == "Operation Peace Spring"
    assert _acled(claim.actor2) == "QSD: Syrian Democratic Forces"
    assert "Syrian National Army" in {a.name for a in claim.assoc_actor_1}


def test_events_roles_structure_an_umbrella_takes_the_side_named_before_it(extract_text) -> None:
    ex = extract_text("On 3 March, clashes took place between Turkish forces and rebel "
                      "factions, operating under Operation Peace Spring, and SDF fighters near "
                      "Ain Issa.", published=date(2020, 3, 6))
    claim = _first(ex)
    assert claim.actor1.name == "Operation Peace Spring"
    assert _acled(claim.actor2) == "QSD: Syrian Democratic Forces"


def test_events_roles_structure_a_state_force_alone_acts_as_itself_under_an_umbrella(
        extract_text) -> None:
    ex = extract_text("On 4 March, Turkish commandos operating under Operation Peace Spring "
                      "shelled SDF positions close to Tal Tamr.", published=date(2020, 3, 6))
    claim = _first(ex)
    assert _acled(claim.actor1) == "Military Forces of Turkey (2016-)"
    assert "Operation Peace Spring" in {a.name for a in claim.assoc_actor_1}
    # named with other groups, the umbrella still leads them all
    ex = extract_text("On 4 March, Turkish troops and SNA units, operating under Operation "
                      "Peace Spring, shelled SDF positions close to Tal Tamr.",
                      published=date(2020, 3, 6))
    assert _first(ex).actor1.name == "Operation Peace Spring"


def test_events_roles_structure_two_adjectives_on_one_noun_the_first_leads(extract_text) -> None:
    ex = extract_text("On 4 March, Turkish and pro-Turkish Islamist faction fighters fought "
                      "SDF units outside Manbij.", published=date(2020, 3, 6))
    claim = _first(ex)
    assert _acled(claim.actor1) == "Military Forces of Turkey (2016-)"
    assert _acled(claim.actor2) == "QSD: Syrian Democratic Forces"
    # under an umbrella, the umbrella leads and the state is associated
    ex = extract_text("On 4 March, Turkish and pro-Turkish Islamist faction fighters operating "
                      "as part of Operation Peace Spring took the hamlet of Kafr Safra from SDF "
                      "units.", published=date(2020, 3, 6))
    claim = _first(ex)
    assert claim.actor1.name == "Operation Peace Spring"
    assert "Military Forces of Turkey (2016-)" in {_acled(a) for a in claim.assoc_actor_1}


@pytest.mark.parametrize(("text", "actor1", "country"), [
    ("Government forces shelled rebel positions near Kidal on Monday.",
     "Military Forces of Mali (2021-)", "ML"),
    ("Government troops clashed with ADF fighters near Beni on Sunday.",
     "Military Forces of Democratic Republic of Congo (2019-)", "CD"),
    ("Regime troops burned houses in a village near Sagaing on Friday.",
     "Military Forces of Myanmar (2021-)", "MM"),
    ("Government forces clashed with Syrian Democratic Forces near Deir Hafer on Monday.",
     "Military Forces of Syria (2000-)", "SY"),
])
def test_events_roles_structure_state_forces_without_their_state(extract_text, text: str,
                                                                 actor1: str,
                                                                 country: str) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    assert _acled(claim.actor1) == actor1
    assert claim.place is not None and claim.place.country == country


@pytest.mark.parametrize(("text", "country"), [
    ("Taliban fighters attacked a checkpoint near Kunduz on Monday.", "AF"),
    ("Al-Shabaab fighters attacked a base near Jilib on Monday.", "SO"),
])
def test_events_roles_structure_actors_vote_for_the_report_country(extract_text, text: str,
                                                                   country: str) -> None:
    claim = _first(extract_text(text, published=PUBLISHED))
    assert claim.place is not None and claim.place.country == country


def test_events_roles_structure_acled_names_follow_the_event_country(extract_text) -> None:
    claim = _first(extract_text("Islamic State militants attacked a checkpoint near Baquba on "
                                "Monday.", published=PUBLISHED))
    assert claim.actor1.acled_name == "Islamic State (Iraq)"


def test_events_roles_structure_support_is_no_side(extract_text) -> None:
    ex = extract_text("Kenyan police arrested four suspects with the support of Somali troops "
                      "in Mandera on Monday.", published=PUBLISHED)
    claim = _first(ex)
    assert _acled(claim.actor1) == "Police Forces of Kenya (2013-)"
    assert claim.actor2 is None or "Somalia" not in _acled(claim.actor2)
    assert "Military Forces of Somalia" in {a.name for a in claim.assoc_actor_1}


def test_events_roles_structure_an_operation_named_after_the_sides_is_no_umbrella(
        extract_text) -> None:
    ex = extract_text("On 3 March, clashes took place between Turkish forces and SDF fighters "
                      "as part of Operation Peace Spring near Ain Issa.",
                      published=date(2020, 3, 6))
    claim = _first(ex)
    assert _acled(claim.actor1) == "Military Forces of Turkey (2016-)"
    assert _acled(claim.actor2) == "QSD: Syrian Democratic Forces"


def test_events_roles_structure_the_country_of_the_actors_when_no_place_is_known(
        extract_text) -> None:
    ex = extract_text("Unidentified gunmen killed two Iraqi soldiers on Monday.",
                      published=PUBLISHED)
    claim = _first(ex)
    assert claim.actor1.name == "Unidentified Armed Group (Iraq)"
    assert _acled(claim.actor2) == "Military Forces of Iraq (2018-)"


@pytest.mark.parametrize(("text", "actor1", "other"), [
    ("Kenyan and Somali troops attacked al-Shabaab fighters near Kismayo on Tuesday.",
     "Military Forces of Somalia (2017-)", "Military Forces of Kenya (2013-)"),
    ("American and Iraqi forces raided an Islamic State hideout near Tikrit on Monday.",
     "Military Forces of Iraq (2018-)", "Military Forces of the United States (2021-)"),
    ("Turkish and Russian forces conducted a joint patrol near Kobani on Monday.",
     "Military Forces of Turkey (2016-)", "Military Forces of Russia (2000-)"),
])
def test_events_roles_structure_a_joint_action_is_led_by_the_states_own_or_the_first_named(
        extract_text, text: str, actor1: str, other: str) -> None:
    """"A and B forces" (the noun elided after A): the forces of the country where it happens
    lead, else the side named first; the other is associated, never dropped or made actor2."""
    claim = _first(extract_text(text, published=PUBLISHED))
    assert _acled(claim.actor1) == actor1
    assert other in {_acled(a) for a in claim.assoc_actor_1}


def test_events_roles_structure_a_name_the_parser_read_as_a_verb_is_the_subject(
        extract_text) -> None:
    """"IS members kidnapped ...": "IS" parsed as the verb "is" still names the agent."""
    claim = _first(extract_text("IS members kidnapped a shepherd near Mosul on Monday.",
                                published=PUBLISHED))
    assert _acled(claim.actor1) == "Islamic State (Iraq)"


def test_events_roles_structure_forces_are_no_target_of_their_own_deployment(
        extract_text) -> None:
    claim = _first(extract_text("On 14 June Kenyan troops were deployed to the border town of "
                                "Mandera.", published=PUBLISHED))
    assert _acled(claim.actor1) == "Military Forces of Kenya (2013-)"
    assert claim.actor2 is None


def test_events_roles_structure_the_army_told_first_is_the_states(extract_text) -> None:
    """"the army" with no actor told before it is the military of the event's country, not an
    anaphor left unresolved."""
    claim = _first(extract_text("The army clashed with rebels near Goma on Tuesday.",
                                published=PUBLISHED))
    assert _acled(claim.actor1) == "Military Forces of Democratic Republic of Congo (2019-)"


@pytest.mark.parametrize(("text", "victims"), [
    ("Soldiers shot dead two Nigerians near Maiduguri on Monday.", "Civilians (Nigeria)"),
    ("Gunmen opened fire at a Pakistani near Quetta on Sunday.", "Civilians (Pakistan)"),
])
def test_events_roles_structure_people_named_by_their_country_are_civilians(
        extract_text, text: str, victims: str) -> None:
    """"two Nigerians", "a Pakistani": a country's people, not its forces."""
    claim = _first(extract_text(text, published=PUBLISHED))
    assert (claim.event_type, claim.sub_event_type) == ("Violence against civilians", "Attack")
    assert _acled(claim.actor2) == victims


def test_events_roles_structure_a_subject_read_into_the_date_keeps_its_order(
        extract_text) -> None:
    """"On 14 June Kenyan troops and Somali police raided a house": the parser hangs the subject
    on "On"; the first named still leads, no side comes from the date phrase, and a common word
    that shares a name's spelling key ("house", "Houthi") names no one."""
    claim = _first(extract_text("On 14 June Kenyan troops and Somali police raided a house in "
                                "Mandera.", published=PUBLISHED))
    assert _acled(claim.actor1) == "Military Forces of Kenya (2013-)"
    assert claim.actor2 is None
