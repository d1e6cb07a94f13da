"""Air strikes told beside the event's own state's fire (`events/actors.py` `combined_arms`):
a foreign air force striking beside the own state's air strikes is coded to the own state's
air arm, the foreign force associated, unless the own state's strike is placed elsewhere; the
whole military leads when its ground forces are told shelling the town. Sentences written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

AIR = "Air/drone strike"
SAAF = "Military Forces of Syria (2000-) Syrian Arab Air Force"


def _air(ex, place: str):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.sub_event_type == AIR and c.place is not None and
            place in (c.place.text or "") and not c.modality]


@pytest.mark.parametrize("text", [
    "On 12 March Russian jets carried out raids on Kafr Zita amid regime barrel bomb drops.",
    "On 12 March Russian jets carried out raids on Kafr Zita amid regime helicopters dropping "
    "barrel bombs on its farms.",
])
def test_the_own_air_force_leads_a_foreign_one(extract_text, text: str) -> None:
    claims = _air(extract_text(text, published=date(2020, 3, 13)), "Kafr Zita")
    assert claims, "no air strike at Kafr Zita"
    for c in claims:
        assert c.actor1.acled_name == SAAF, c.actor1
        assert any("Russia" in (a.acled_name or a.name) for a in c.assoc_actor_1), c.assoc_actor_1


def test_a_strike_placed_elsewhere_leads_nothing(extract_text) -> None:
    ex = extract_text("On 12 March Russian jets bombed Kafr Zita while regime helicopters "
                      "dropped barrel bombs on Maarat al-Numan.", published=date(2020, 3, 13))
    claims = _air(ex, "Kafr Zita")
    assert claims and all("Russia" in c.actor1.acled_name for c in claims), \
        [c.actor1 for c in claims]


def test_ground_forces_told_shelling_make_the_whole_military_lead(extract_text) -> None:
    ex = extract_text("On 7 April Russian and regime jets pounded Kafr Zita in Hama province, "
                      "with regime helicopters also dropping barrel bombs and regime ground "
                      "troops shelling the village.", published=date(2020, 4, 8))
    claims = _air(ex, "Kafr Zita")
    assert claims and all(c.actor1.acled_name == "Military Forces of Syria (2000-)"
                          for c in claims), [c.actor1 for c in claims]


def test_the_subject_of_a_shelling_verb_fires_from_the_ground(extract_text) -> None:
    ex = extract_text("On 3 March regime forces shelled Kafr Zita in conjunction with airstrikes "
                      "by Russian jets.", published=date(2020, 3, 4))
    claims = _air(ex, "Kafr Zita")
    assert claims and all(c.actor1.acled_name == "Military Forces of Syria (2000-)"
                          for c in claims), [c.actor1 for c in claims]
