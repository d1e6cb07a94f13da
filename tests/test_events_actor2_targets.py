"""actor2, the other side of an event (sentences written for these tests, several countries):
the victims of an outcome participle told on a light verb ("carried out airstrikes on X, killing
a boy"), civilian things an outcome participle damages, and vehicles people own."""

from __future__ import annotations

from datetime import date

PUBLISHED = date(2021, 3, 31)


def _sides(ex, trigger: str) -> tuple[str | None, str | None]:  # type: ignore[no-untyped-def]
    c = next(c for c in ex.claims if c.trigger.casefold() == trigger)
    name = lambda r: r and (r.acled_name or r.name)  # noqa: E731
    return name(c.actor1), name(c.actor2)


def test_outcome_participle_on_a_light_verb_names_the_victims(extract_text) -> None:
    ex = extract_text("On 3 March 2021, Ethiopian army jets carried out airstrikes on Dolo "
                      "village in Tigray, killing a 10-year-old boy.", published=PUBLISHED)
    assert _sides(ex, "airstrikes")[1] == "Civilians (Ethiopia)"
    ex = extract_text("On 9 March 2021, Nigerian jets carried out strikes on Gwoza, killing "
                      "five Boko Haram fighters.", published=PUBLISHED)
    assert (_sides(ex, "strikes")[1] or "").startswith("Boko Haram")
    # a clause of its own hung on the same verb is no outcome of the strikes
    ex = extract_text("On 9 May 2021, Nigerian jets carried out airstrikes near Gwoza while "
                      "Boko Haram targeted army positions in the area.", published=PUBLISHED)
    assert _sides(ex, "airstrikes")[1] is None


def test_outcome_participle_that_damages_civilian_sites(extract_text) -> None:
    ex = extract_text("On 7 March 2021, Russian warplanes carried out airstrikes on Kayes in "
                      "Mali, damaging a school and a mosque.", published=PUBLISHED)
    assert _sides(ex, "airstrikes")[1] == "Civilians (Mali)"


def test_a_truck_hit_by_a_bomb_is_civilians_property(extract_text) -> None:
    ex = extract_text("On 4 March 2021, an IED planted by unknown militants targeted a fuel "
                      "truck near Gao in Mali.", published=PUBLISHED)
    assert _sides(ex, "ied")[1] == "Civilians (Mali)"


def test_the_other_side_under_an_umbrella_is_the_umbrella(extract_text) -> None:
    on = date(2018, 3, 10)
    ex = extract_text("On 4 March 2018, YPG fighters clashed with SNA units operating as part "
                      "of Operation Olive Branch near Jandairis.", published=on)
    assert _sides(ex, "clashed")[1] == "Operation Olive Branch"
    ex = extract_text("On 5 March 2018, YPG fighters retook Qurna village from Turkish forces "
                      "and rebel factions which operate under Operation Olive Branch.",
                      published=on)
    assert _sides(ex, "retook")[1] == "Operation Olive Branch"
    # a state force named alone before the umbrella stays itself, as an agent does
    ex = extract_text("On 6 March 2018, YPG fighters clashed with Turkish soldiers operating "
                      "as part of Operation Olive Branch near Jandairis.", published=on)
    assert _sides(ex, "clashed")[1] == "Military Forces of Turkey (2016-)"


def test_the_force_a_crowd_clashes_with_when_the_trigger_names_the_crowd(extract_text) -> None:
    ex = extract_text("On 5 May 2021, clashes broke out between demonstrators and riot police "
                      "in Cali, Colombia.", published=PUBLISHED)
    assert _sides(ex, "clashes broke out between demonstrators") == (
        "Rioters (Colombia)", "Police Forces of Colombia (2018-)")
    ex = extract_text("On 5 May 2021, clashes broke out between protesters and soldiers in "
                      "Cali, Colombia.", published=PUBLISHED)
    assert _sides(ex, "clashes broke out between protesters")[1] == \
        "Military Forces of Colombia (2018-)"


def test_a_bank_branch_is_civilians_property(extract_text) -> None:
    ex = extract_text("On 5 May 2021, rioters hurled a petrol bomb at the Banco Popular branch "
                      "in Cali, Colombia.", published=PUBLISHED)
    assert _sides(ex, "rioters")[1] == "Civilians (Colombia)"
    ex = extract_text("On 6 May 2021, soldiers detonated a car bomb near Gao, Mali.",
                      published=PUBLISHED)
    assert _sides(ex, "detonated")[1] is None  # the bomb's "car" is no car hit
    # a thing whose owner is named by a common noun is the owner's
    ex = extract_text("On 5 May 2021, army artillery shelled a militant truck near Kidal, Mali.",
                      published=PUBLISHED)
    assert _sides(ex, "shelled")[1] == "Unidentified Armed Group (Mali)"


def test_civilians_told_by_a_people_are_that_peoples(extract_text) -> None:
    ex = extract_text("On 8 May 2021, unidentified gunmen shot and injured two Chinese workers "
                      "near Kismayo, Somalia.", published=PUBLISHED)
    assert _sides(ex, "shot")[1] == "Civilians (China)"
    ex = extract_text("On 8 May 2021, unidentified gunmen killed a Somali man near Kismayo, "
                      "Somalia.", published=PUBLISHED)
    assert _sides(ex, "killed")[1] == "Civilians (Somalia)"
    # a thing told by a people is no people's civilians
    ex = extract_text("On 8 May 2021, unidentified gunmen attacked an Armenian church in "
                      "Istanbul, Turkey.", published=PUBLISHED)
    assert _sides(ex, "attacked")[1] == "Civilians (Turkey)"
