"""Recall on whole reports (issue 17): events told in ways the rules used to drop. Sentences
written for these tests, in several theatres."""

from __future__ import annotations

from datetime import date

PUBLISHED = date(2020, 3, 6)  # a Friday


def _events(ex, sentence: int):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.sentence == sentence and c.modality is None]


def test_recall_a_root_event_noun_takes_its_by_phrase_and_its_verbs_day(extract_text) -> None:
    # the parser makes "Airstrikes" the root and hangs "killed" on the agent: the noun is still
    # the event, "by X" its agent and "on Tuesday" its day
    ex = extract_text("Airstrikes by the US-led coalition killed at least 21 civilians near "
                      "Mosul on Tuesday.", published=PUBLISHED)
    (strike,) = _events(ex, 0)
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.actor1.name == "Global Coalition Against Daesh"
    assert strike.actor2.name.startswith("Civilians")
    assert strike.place.text == "Mosul"
    assert strike.time.start == date(2020, 3, 3)


def test_recall_bare_raids_after_air_strikes_go_on_with_the_strikes(extract_text) -> None:
    # "raids" alone is a fight; after air strikes, in a sentence naming nobody, it is more of
    # the strikes, by the same hand
    ex = extract_text("Saudi-led coalition airstrikes killed nine civilians in Saada on Monday. "
                      "Six more were killed in raids on a market in Hajjah.",
                      published=PUBLISHED)
    (first,) = _events(ex, 0)
    (raids,) = _events(ex, 1)
    assert raids.sub_event_type == "Air/drone strike"
    assert raids.place.text == "Hajjah"
    assert raids.actor1.name == first.actor1.name


def test_recall_a_strike_after_an_air_strike_is_from_the_air(extract_text) -> None:
    # "strike" needs an air word in its sentence; the sentence before gave it
    ex = extract_text("Israeli warplanes struck a house in Rafah on Monday, killing three "
                      "people. Two others were wounded in a strike on Khan Younis.",
                      published=PUBLISHED)
    (strike,) = _events(ex, 1)
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.actor1.name.startswith("Military Forces of Israel")
    assert strike.place.text == "Khan Younis"


def test_recall_a_modified_event_noun_keeps_its_own_hand(extract_text) -> None:
    # "rebel shelling" names who fired: it does not go on with the air strike told before
    ex = extract_text("Iraqi jets bombed Islamic State hideouts near Rutba on Sunday. Militant "
                      "shelling killed two civilians in Haditha.", published=PUBLISHED)
    (shelling,) = _events(ex, 1)
    assert shelling.sub_event_type == "Shelling/artillery/missile attack"
    assert not shelling.actor1.name.startswith("Military Forces of Iraq")


def test_recall_raids_after_arrests_stay_unread(extract_text) -> None:
    # only a violent event told last carries on
    ex = extract_text("Police arrested five men in Nairobi on Monday. Two were wounded in the "
                      "raids.", published=PUBLISHED)
    assert not [c for c in _events(ex, 1) if c.sub_event_type == "Air/drone strike"]


def test_recall_the_one_telling_is_no_actor_of_the_event(extract_text) -> None:
    # the army tells of the strike: the sentence still names nobody who acts in it
    ex = extract_text("Israeli warplanes struck a house in Rafah on Monday, killing three "
                      "people. The Israeli army said two militants were wounded in a strike on "
                      "Khan Younis.", published=PUBLISHED)
    (strike,) = _events(ex, 1)
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.actor1.name.startswith("Military Forces of Israel")


def test_recall_a_mention_that_refers_back_may_still_date_the_event(extract_text) -> None:
    # "the attacks occurred on June 28": told again by reference, but with its day
    ex = extract_text("Jihadists shelled Peshmerga units with chlorine gas in Iraq last month, "
                      "a ministry statement said. An officer said the attacks took place on "
                      "February 28 and hit posts south of the town of Makhmour.",
                      published=PUBLISHED)
    (gas,) = [c for c in ex.claims if c.modality is None and
              c.sub_event_type == "Chemical weapon"]
    assert gas.time.start == date(2020, 2, 28)


def test_recall_an_event_noun_takes_the_day_of_the_toll_it_governs(extract_text) -> None:
    # "a strike killing five ... on Saturday": the day hangs on the toll, it dates the strike
    ex = extract_text("Israeli warplanes struck a house in Rafah on Wednesday. The raid came "
                      "after a strike killing a woman and her four children in Khan Younis on "
                      "Saturday, the ministry said.", published=PUBLISHED)
    (strike,) = [c for c in _events(ex, 1) if c.trigger == "strike"]
    assert strike.place.text == "Khan Younis"
    assert strike.time.start == date(2020, 2, 29)


def test_a_wars_toll_told_after_an_event_is_not_that_events_toll(extract_text) -> None:
    # the sentence after an event that only tells a toll is that event's toll ("the attack left
    # 3 dead"), but not when it sums up the war: a toll over years stays out of the event
    ex = extract_text("On Sunday al-Shabaab fighters captured the town of Bulo Burde. "
                      "More than 500,000 people have been killed in Somalia since the war "
                      "began in 1991.", published=PUBLISHED)
    (capture,) = _events(ex, 0)
    assert not any(q.value and q.value >= 500_000 for q in capture.quantities)


def test_recall_a_munition_that_lands_struck_where_it_fell(extract_text) -> None:
    # landing is no sighting for a shell or a rocket (an aircraft that lands is): it hit there
    ex = extract_text("Three children were wounded when a rocket landed on a school in "
                      "Kandahar on Sunday.", published=PUBLISHED)
    (hit,) = _events(ex, 0)
    assert hit.sub_event_type == "Shelling/artillery/missile attack"
    assert hit.place.text == "Kandahar"


def test_recall_two_verbs_at_two_places_are_two_events_of_two_types(extract_text) -> None:
    # the classifier reads the sentence whole as one type; the second verb, at its own place,
    # is an event of its own
    ex = extract_text("Government forces shelled Kafr Nabl and stormed the village of Hass on "
                      "Monday.", published=PUBLISHED)
    types = {(c.sub_event_type, c.place.text) for c in _events(ex, 0)}
    assert ("Government regains territory", "Hass") in types
    assert ("Shelling/artillery/missile attack", "Kafr Nabl") in types


def test_recall_an_air_arms_raids_are_one_air_strike(extract_text) -> None:
    # "raids" alone may be on the ground; an air force's or its aircraft's raids are strikes
    ex = extract_text("At least 31 militants were killed in Iraqi air force raids on Sunday in "
                      "Anbar province, a security source said.", published=PUBLISHED)
    assert {c.sub_event_type for c in _events(ex, 0)} == {"Air/drone strike"}


def test_recall_raids_counted_after_an_air_strike_are_more_strikes(extract_text) -> None:
    # counted like sorties, by the state whose air arm struck just before: from the air too,
    # and so is the toll they take
    ex = extract_text("At least 14 militants were killed in Syrian air force raids on Monday in "
                      "Idlib province. The regime carried out 12 raids on Saraqib and six on the "
                      "town of Binnish, killing 20 militants.", published=PUBLISHED)
    assert {c.sub_event_type for c in _events(ex, 1)} == {"Air/drone strike"}
    assert {c.place.text for c in _events(ex, 1)} == {"Saraqib", "Binnish"}


def test_recall_raids_with_no_count_after_an_air_strike_may_be_on_the_ground(extract_text
                                                                             ) -> None:
    ex = extract_text("Iraqi warplanes struck Islamic State hideouts in Anbar on Sunday. The "
                      "Iraqi army launched raids on militant positions in Hawija on Monday.",
                      published=PUBLISHED)
    assert {c.sub_event_type for c in _events(ex, 1)} == {"Armed clash"}


def test_recall_what_came_under_fire_was_attacked_by_someone_else(extract_text) -> None:
    # the subject of "came under attack/fire" is the target; the attacker is unnamed unless a
    # "from" phrase names him
    ex = extract_text("A police patrol came under fire from gunmen in Ramadi on Monday.",
                      published=PUBLISHED)
    (fired,) = _events(ex, 0)
    assert fired.sub_event_type == "Armed clash"
    assert fired.actor1.name.startswith("Unidentified Armed Group")
    assert fired.actor2.name.startswith("Police Forces of Iraq")
    ex = extract_text("The convoy came under attack near Mosul on Tuesday.", published=PUBLISHED)
    (attacked,) = _events(ex, 0)
    assert attacked.sub_event_type == "Armed clash"
    assert attacked.actor1.name.startswith("Unidentified Armed Group")
