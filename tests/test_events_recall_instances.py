"""Recall on whole reports, third part: an armed side's attempt met by the other ("foiled an
attempt by X to sneak into a post") is a clash, and one dated example of a habit ("has often hit
X with car bombs, including a November 9 attack on Y") is an event of the habit's means, while
the habit itself stays a pattern. Sentences written for these tests."""

from __future__ import annotations

import dataclasses
from datetime import date

import pytest

PUBLISHED = date(2019, 11, 15)  # a Friday


@pytest.fixture
def rules(annotator):  # type: ignore[no-untyped-def]
    """The knowledge without the classifier: these cases are the rules' own."""
    return dataclasses.replace(annotator.knowledge, classifier=None)


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
