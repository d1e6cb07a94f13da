"""Recall on whole reports, third part: an armed side's attempt met by the other ("foiled an
attempt by X to sneak into a post") is a clash, and one dated example of a habit ("has often hit
X with car bombs, including a November 9 attack on Y") is an event of the habit's means, while
the habit itself stays a pattern. Sentences written for these tests."""

from __future__ import annotations

from datetime import date

PUBLISHED = date(2019, 11, 15)  # a Friday


def _told(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None]


def test_an_attempt_thwarted_is_a_clash_with_who_tried(extract_text, rules) -> None:
    ex = extract_text("Army units thwarted an attempt by Jaysh al-Izza fighters to sneak into "
                      "an army post near Kafr Zita in Hama province on Sunday.",
                      published=PUBLISHED, knowledge=rules)
    (clash,) = _told(ex)
    assert clash.sub_event_type == "Armed clash"
    assert clash.actor1.name.startswith("Military Forces of Syria")
    assert clash.actor2 is not None and "Izza" in clash.actor2.name
    ex = extract_text("Kurdish fighters foiled a fresh attempt by Islamic State militants to "
                      "storm their positions south of Hasakeh on Sunday.",
                      published=PUBLISHED, knowledge=rules)
    assert {c.sub_event_type for c in _told(ex)} == {"Armed clash"}


def test_an_attempt_that_nobody_met_stays_unreal(extract_text, rules) -> None:
    ex = extract_text("Rebels made an attempt to storm the army post near Kafr Zita on Sunday "
                      "but called it off.", published=PUBLISHED, knowledge=rules)
    assert not [c for c in _told(ex) if c.event_type == "Battles"]


def test_a_dated_example_of_a_habit_is_an_event_of_its_means(extract_text, rules) -> None:
    ex = extract_text("IS has repeatedly targeted Kurdish fighters with car bombs including a "
                      "November 9 attack on a checkpoint in Qamishli that killed 12 fighters.",
                      published=PUBLISHED, knowledge=rules)
    (one,) = _told(ex)
    assert one.sub_event_type == "Remote explosive/landmine/IED"
    assert one.actor1.name.startswith("Islamic State")
    assert one.time.start == date(2019, 11, 9)
    assert one.actor2 is not None  # whom the habit targets, the example naming no one
    # the same told on a day of the week
    ex = extract_text("Government jets have often bombed the town of Saraqib including an "
                      "attack on its market on Tuesday that killed nine people.",
                      published=PUBLISHED, knowledge=rules)
    assert [c.sub_event_type for c in _told(ex)] == ["Air/drone strike"]


def test_an_undated_example_is_still_the_habit(extract_text, rules) -> None:
    ex = extract_text("IS has repeatedly targeted Kurdish fighters with car bombs including "
                      "attacks on checkpoints in Qamishli.", published=PUBLISHED, knowledge=rules)
    assert not _told(ex)


LEAD = "A car bomb went off in Homs on Thursday killing two people. "


def test_a_side_that_targeted_a_place_or_a_force_attacked_it(extract_text, rules) -> None:
    # not the lead: the classifier's finds do not reach it, the rules must
    ex = extract_text(LEAD + "The army targeted positions of IS militants near Palmyra on "
                      "Friday.", published=PUBLISHED, knowledge=rules)
    (hit,) = [c for c in _told(ex) if c.sentence == 1]
    assert hit.sub_event_type == "Armed clash"
    assert hit.actor1.name.startswith("Military Forces of Syria")
    assert hit.actor2 is not None and hit.actor2.name.startswith("Islamic State")


def test_hurt_when_a_side_targeted_homes_is_its_attack_on_civilians(extract_text, rules) -> None:
    ex = extract_text(LEAD + "Five civilians were hurt on Friday when gunmen from Jaysh al-Izza "
                      "targeted residential neighbourhoods of Mhardeh.", published=PUBLISHED,
                      knowledge=rules)
    (hit,) = [c for c in _told(ex) if c.sentence == 1]
    assert (hit.event_type, hit.sub_event_type) == ("Violence against civilians", "Attack")
    assert "Izza" in hit.actor1.name


def test_an_air_arm_that_targeted_a_place_struck_it_from_the_air(extract_text, rules) -> None:
    ex = extract_text(LEAD + "The air force targeted hideouts of IS militants near Palmyra on "
                      "Friday.", published=PUBLISHED, knowledge=rules)
    assert [c.sub_event_type for c in _told(ex) if c.sentence == 1] == ["Air/drone strike"]
    # a strike told with its own trigger stays one event
    ex = extract_text(LEAD + "Russian warplanes targeted the town of Saraqib on Friday killing "
                      "four people.", published=PUBLISHED, knowledge=rules)
    assert {c.sub_event_type for c in _told(ex) if c.sentence == 1} == {"Air/drone strike"}


def test_a_target_that_is_no_attack(extract_text, rules) -> None:
    for text in ("The new sanctions target officials and businessmen close to the government, "
                 "the council said on Friday.",
                 "Raqqa is the target of a major offensive led by Kurdish fighters.",
                 "The aid programme targets families in camps near Azaz."):
        ex = extract_text(text, published=PUBLISHED, knowledge=rules)
        assert not _told(ex), text


def test_a_clause_joined_with_its_own_subject_is_not_negated_by_its_neighbour(extract_text,
                                                                               rules) -> None:
    ex = extract_text("Activists said the raid was not a mistake and that government jets "
                      "bombed the market of Saraqib on Friday.", published=PUBLISHED,
                      knowledge=rules)
    assert "Air/drone strike" in {c.sub_event_type for c in _told(ex)}
    # the verb that shares the negated clause's subject is still negated
    ex = extract_text("Government jets did not bomb the market of Saraqib on Friday and "
                      "spared the town.", published=PUBLISHED, knowledge=rules)
    assert not _told(ex)


def test_what_a_side_targeted_with_is_the_event(extract_text, rules) -> None:
    ex = extract_text(LEAD + "Rebels targeted an army tank near Kafr Zita with a guided missile "
                      "on Friday.", published=PUBLISHED, knowledge=rules)
    assert {c.sub_event_type for c in _told(ex) if c.sentence == 1} == {
        "Shelling/artillery/missile attack"}
    ex = extract_text(LEAD + "Gunmen targeted a fuel truck with a roadside bomb near Shaddadi on "
                      "Friday.", published=PUBLISHED, knowledge=rules)
    assert {c.sub_event_type for c in _told(ex) if c.sentence == 1} == {
        "Remote explosive/landmine/IED"}


def test_a_relative_clause_with_its_own_subject_tells_a_fact(extract_text, rules) -> None:
    # "attempt" makes what it aims at unreal, not what a clause on it says was done
    ex = extract_text(LEAD + "On Friday there was a murder attempt in Nawa where masked gunmen "
                      "targeted a teacher near his home which wounded his son.",
                      published=PUBLISHED, knowledge=rules)
    assert [c.sub_event_type for c in _told(ex) if c.sentence == 1] == ["Attack"]


def test_a_fight_told_after_a_strike_is_a_fight(extract_text, rules) -> None:
    # a bare "raids" after air strikes goes on with their weapon; "clashes" name their own kind
    ex = extract_text("An air strike hit Saraqib on Friday killing two people. Twenty rebels "
                      "were killed on Saturday in clashes with the army in Kafr Zita.",
                      published=PUBLISHED, knowledge=rules)
    assert {c.sub_event_type for c in _told(ex) if c.sentence == 1} == {"Armed clash"}


def test_a_side_that_targeted_no_one_named_fought_no_clash(extract_text, rules) -> None:
    # no force, no victims and no weapon: read as a clash it has no other side
    ex = extract_text(LEAD + "Two districts in the south of Tikrit were targeted by insurgents "
                      "on Sunday, the governor's office said.", published=PUBLISHED,
                      knowledge=rules)
    assert not [c for c in _told(ex) if c.sentence == 1]
