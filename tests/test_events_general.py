"""The hardest constructions as general rules, on reports from other conflicts (Iraq, Yemen,
the Sahel) written for these tests: nothing in the rules is specific to one article or theatre.
Yemen and Sahel actors come from a few knowledge-base entries, as a new theatre's actor file
would add them."""

from __future__ import annotations

from datetime import date

PUBLISHED = date(2020, 3, 6)  # a Friday


def test_events_general_iraq_coordination_and_period_toll(extract_text) -> None:
    ex = extract_text("Iraqi forces attacked the towns of Tal Afar, Sinjar and Tikrit on "
                      "Wednesday. Over 30 Islamic State militants have been killed in the last "
                      "5 days, security sources said.", published=PUBLISHED)
    clashes = [c for c in ex.claims if c.sentence == 0]
    assert {c.place.text for c in clashes} == {"Tal Afar", "Sinjar", "Tikrit"}
    assert {c.time.start for c in clashes} == {date(2020, 3, 4)}
    assert {c.actor1.name for c in clashes} == {"Military Forces of Iraq"}
    (report,) = ex.casualty_reports
    assert report.period_start == date(2020, 3, 1) and report.quantities[0].value == 30


def test_events_general_yemen_participial_clause_and_day_before(extract_text,
                                                                 theatre_knowledge) -> None:
    ex = extract_text("Yemeni government forces shelled the city of Marib, seized by the "
                      "Houthis on Tuesday. The Houthis had captured Taiz the day before.",
                      published=PUBLISHED, knowledge=theatre_knowledge)
    seized = [c for c in ex.claims if c.place and c.place.text == "Marib" and
              c.sub_event_type == "Non-state actor overtakes territory"]
    assert seized and seized[0].actor1.name == "Houthi Movement"
    assert seized[0].time.start == date(2020, 3, 3)
    shelled = [c for c in ex.claims if c.trigger == "shelled"]
    assert shelled and shelled[0].actor1.name == "Military Forces of Yemen"
    assert shelled[0].sub_event_type == "Shelling/artillery/missile attack"
    taiz = [c for c in ex.claims if c.place and c.place.text == "Taiz"]
    assert taiz and taiz[0].time.start == date(2020, 3, 2)


def test_events_general_sahel_discourse_actor_and_future(extract_text,
                                                         theatre_knowledge) -> None:
    ex = extract_text("JNIM fighters ambushed Malian soldiers near Menaka on Monday. The "
                      "fighting spread to Kidal and Timbuktu. JNIM would attack Mopti next "
                      "week, the group warned.", published=PUBLISHED,
                      knowledge=theatre_knowledge)
    first = [c for c in ex.claims if c.sentence == 0]
    assert first and first[0].actor1.name == "Jama'at Nusrat al-Islam wal-Muslimin"
    assert first[0].place.text == "Menaka"
    spread = [c for c in ex.claims if c.sentence == 1]
    assert {c.place.text for c in spread} == {"Kidal", "Timbuktu"}
    assert {c.actor2.name for c in spread} == {"Military Forces of Mali"}
    threat = [c for c in ex.claims if c.sentence == 2]  # a threat, not an event
    assert threat and all(c.modality == "hypothetical" for c in threat)


def test_events_general_yemen_group_change(extract_text, theatre_knowledge) -> None:
    ex = extract_text("A Houthi commander's brigade, the Saada Brigade, defected to the Yemeni "
                      "army in mid-February.", published=PUBLISHED,
                      knowledge=theatre_knowledge)
    (rel,) = [r for r in ex.relations if r.target == "yemen-military"]
    assert (str(rel.kind), rel.start) == ("member_of", "2020-02")
