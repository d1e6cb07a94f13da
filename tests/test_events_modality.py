"""Modality: futures, hypotheses, purposes and denials are not events; recalled events are
background with their own date."""

from __future__ import annotations

from datetime import date


def _happened(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.modality is None]


def test_events_modality_future_and_negated_are_not_events(extract_text) -> None:
    ex = extract_text("Ahrar al-Sham said it would not attack Saraqib. Hay'at Tahrir al-Sham "
                      "will storm Ariha next week, the group threatened.")
    assert _happened(ex) == []
    # kept as claims with their modality and evidence, never merged into events
    assert [(c.sentence, c.modality) for c in ex.claims if c.sentence == 0] == [(0, "negated")]


def test_events_modality_possibility_and_purpose_are_not_events(extract_text) -> None:
    ex = extract_text("As the possibility of a Turkish attack on Idlib grows, Ahrar al-Sham "
                      "withdrew from Saraqib to allow Turkish troops to capture Ariha.")
    triggers = {c.trigger for c in _happened(ex)}
    assert "withdrew" in triggers
    assert not any(t.startswith(("attack", "capture")) for t in triggers)


def test_events_modality_aspectual_verbs_keep_the_event(extract_text) -> None:
    ex = extract_text("Field sources reported that Ahrar al-Sham has started to withdraw from "
                      "Saraqib.")
    (claim,) = ex.claims
    assert claim.sub_event_type == "Non-violent transfer of territory"


def test_events_modality_recalled_killing_is_background_with_its_date(extract_text) -> None:
    ex = extract_text("Jaysh al-Islam became notorious in 2015 when its fighters executed a "
                      "journalist in Douma.")
    (claim,) = ex.claims
    assert claim.background is True
    assert claim.time.start == date(2015, 1, 1)
    assert claim.sub_event_type == "Attack"
    assert [(q.category, q.value) for q in claim.quantities] == [("killed", 1)]


def test_events_modality_undated_without_published_date(extract_text) -> None:
    ex = extract_text("Hay'at Tahrir al-Sham captured Saraqib on Thursday.", published=None)
    (claim,) = ex.claims
    assert claim.time.text == "on Thursday" and claim.time.start is None


def test_events_modality_claims_stay_out_of_events(pipeline, store) -> None:
    from frontlines.ingest import documents_from_text

    docs = documents_from_text("Hay'at Tahrir al-Sham threatened to storm Saraqib. The "
                               "Syrian Observatory "
                               "said an air strike killed five people in Ariha on Monday.",
                               title="Threat and strike", published=date(2017, 7, 21))
    pipeline.run(docs)
    modal = [c for c in store.claims() if c.modality]
    assert modal and all(c.evidence.startswith("Hay'at Tahrir al-Sham threatened") and
                         c.modality == "hypothetical" for c in modal)
    events = store.events()
    assert events and all(c.modality is None for e in events for c in e.claims)
    assert {e.sub_event_type for e in events} == {"Air/drone strike"}


def test_events_modality_a_truce_the_sides_met_to_agree_to_is_no_agreement(extract_text) -> None:
    # the noun is the object of its own verb's preposition: the verb, an infinitive of
    # purpose, says the truce is not (yet) agreed, and the noun is as real as the verb
    ex = extract_text("Houthi fighters and government forces met in Hodeidah on Sunday to agree "
                      "to a truce.")
    assert not [c for c in ex.claims
                if c.modality is None and c.event_type == "Strategic developments"]
    ex = extract_text("Houthi fighters and government forces agreed to a truce in Hodeidah on "
                      "Sunday.")
    assert {c.sub_event_type for c in ex.claims if c.modality is None} == {"Agreement"}


def test_events_modality_were_able_to_is_done_will_be_able_to_is_not(extract_text) -> None:
    done = extract_text("On Monday the Somali army were able to recapture the town of Buulo "
                        "Mareer from al-Shabaab fighters.")
    assert "Government regains territory" in {c.sub_event_type for c in _happened(done)}
    for unreal in ("The Somali army will be able to recapture the town of Buulo Mareer next "
                   "month, an officer said.",
                   "The Somali army was unable to recapture the town of Buulo Mareer."):
        assert not any("territory" in c.sub_event_type for c in _happened(extract_text(unreal)))


def test_events_modality_months_of_bombardment_sum_up_a_campaign(extract_text) -> None:
    ex = extract_text("The war in Yemen has seen months of bombardment of Houthi-held districts.")
    assert _happened(ex) == []
    # hours of a battle are that battle; the capture told after weeks of fighting happened
    ex = extract_text("In several hours of non-stop battle, Kurdish fighters pushed the "
                      "militants back from two neighbourhoods of Kobani on Sunday.")
    assert "Armed clash" in {c.sub_event_type for c in _happened(ex)}
    ex = extract_text("After weeks of fighting, Iraqi forces recaptured the district of Tal "
                      "Afar on Sunday.")
    assert {c.sub_event_type for c in _happened(ex)} == {"Government regains territory"}


def test_events_modality_aircraft_seen_or_moved_are_no_attack(extract_text) -> None:
    for text in ("Residents said drones were seen flying over the city of Mosul on Wednesday.",
                 "Russia withdrew its warplanes from the Hmeimim base on Tuesday.",
                 "The helicopter crashed near the border town of Tal Abyad on Monday.",
                 "A military helicopter came down near Gao on Sunday, the army said."):
        assert _happened(extract_text(text)) == [], text
    ex = extract_text("Turkish warplanes bombed PKK positions in the Qandil mountains on Monday.")
    assert {c.sub_event_type for c in _happened(ex)} == {"Air/drone strike"}
    ex = extract_text("Government troops withdrew from the town of Khan Shaykhun on Tuesday.")
    assert _happened(ex)
    for text in ("A car bomb went off in the village of Khan Arnabah in Quneitra on Wednesday "
                 "afternoon.",
                 "On 4 March two explosions were heard in Baiji by an unknown armed group."):
        assert "Remote explosive/landmine/IED" in {c.sub_event_type for c in _happened(
            extract_text(text))}, text


def test_events_modality_an_agreement_breached_or_a_truce_made_less_likely(extract_text) -> None:
    for text in ("Militants breached the ceasefire agreement four times near Taiz on Sunday, "
                 "the coalition said.",
                 "The army's recent gains have reduced the chances of a truce with the rebels, "
                 "diplomats say.",
                 "Moscow denied reports that its aircraft had struck a hospital in Idlib on "
                 "Monday."):
        assert not [c for c in _happened(extract_text(text))
                    if c.event_type == "Strategic developments"
                    or c.sub_event_type == "Air/drone strike"], text


def test_events_modality_an_event_told_over_the_past_month_is_background(extract_text) -> None:
    ex = extract_text("In the past month, al-Shabaab fighters have planted roadside bombs on "
                      "the highway to Baidoa.")
    assert _happened(ex) and all(c.background for c in _happened(ex))
    # a calendar week is a date, not a span summed up
    ex = extract_text("Militants planted landmines on the road to Kirkuk last week, police said.")
    assert [c for c in ex.claims if c.modality is None and not c.background]


def test_events_modality_weapons_handled_are_not_fired(extract_text) -> None:
    ex = extract_text("The militia paraded machine guns and rocket-propelled grenades through "
                      "Misrata on Friday.")
    assert not [c for c in _happened(ex)
                if c.sub_event_type in ("Grenade", "Shelling/artillery/missile attack")]
    ex = extract_text("Militants fired grenades and mortars at a checkpoint in Kirkuk on Monday.")
    assert "Grenade" in {c.sub_event_type for c in _happened(ex)}


def test_events_modality_a_campaign_or_a_state_is_no_battle(extract_text) -> None:
    for text in ("The city of Taiz, which has been under siege since 2015, was calm on Friday.",
                 "The coalition has struck oil facilities in Deir ez-Zor as part of the fight "
                 "against Islamic State."):
        assert not [c for c in _happened(extract_text(text))
                    if c.sub_event_type == "Armed clash"], text


def test_events_modality_a_place_told_as_the_scene_of_fighting_is_no_event(extract_text) -> None:
    for text in ("Misrata has long been the scene of bitter battles among militias and the "
                 "army.",
                 "The port of Hodeidah is at the heart of the battle between Houthi fighters and "
                 "coalition forces."):
        assert not _happened(extract_text(text)), text
    ex = extract_text("Houthi fighters shelled the port of Hodeidah on Thursday.")
    assert _happened(ex)


def test_events_modality_a_campaign_over_months_or_years_is_a_summary(extract_text) -> None:
    for text in ("The hills north of Tikrit have seen heavy battles between the army and "
                 "militants over the past four years.",
                 "Since last month, Turkish artillery has been shelling YPG positions near "
                 "Tal Rifaat.",
                 "Government jets on Wednesday resumed their bombardment of rebel-held towns "
                 "across Syria after a short lull."):
        ex = extract_text(text)
        assert not _happened(ex), text
        assert {c.modality for c in ex.claims} <= {"summary"}, text
    # a capture on a day, told with how long the town had been held, is one event
    ex = extract_text("The army captured Tal Rifaat on Sunday from rebels who had held it for "
                      "four years.")
    assert [c.sub_event_type for c in _happened(ex)] == ["Government regains territory"]


def test_events_modality_strikes_executed_are_no_killing(extract_text) -> None:
    ex = extract_text("The air strikes were executed to deny the militants the ability to "
                      "move weapons across the border, a spokesman said.")
    assert "Attack" not in {c.sub_event_type for c in _happened(ex)}


def test_events_modality_protests_across_a_country_and_arrests_going_on_stay_events(
        extract_text) -> None:
    ex = extract_text("Farmers staged protests across the country on Friday against the new "
                      "seed law.")
    assert "Peaceful protest" in {c.sub_event_type for c in _happened(ex)}
    ex = extract_text("Police continue to arrest opposition activists in Harare ahead of the "
                      "vote.")
    assert "Arrests" in {c.sub_event_type for c in _happened(ex)}


def test_events_modality_units_and_the_united_nations_are_no_merger(extract_text) -> None:
    for text in ("The United Nations and the government of Libya agreed to clear mines from "
                 "Sirte on Monday.",
                 "A channel run by a group fighting alongside pro-government units reported "
                 "that the army had entered Sirte."):
        assert "Change to group/activity" not in {
            c.sub_event_type for c in _happened(extract_text(text))}, text
    ex = extract_text("Ahrar al-Sham and Jaysh al-Islam united under a single command in Idlib "
                      "on Monday.")
    assert "Change to group/activity" in {c.sub_event_type for c in _happened(ex)}


def test_events_modality_habits_and_campaigns_going_on_are_summaries(extract_text) -> None:
    for text in ("Armed groups operating in the area launch frequent attacks against "
                 "residential districts in an attempt to retaliate.",
                 "Residents of the besieged quarter continue to face relentless bombardment.",
                 "The outskirts of Sirte have previously come under rocket fire."):
        ex = extract_text(text)
        assert not _happened(ex), text
    ex = extract_text("Jets carried out repeated air strikes on Sirte on Monday, killing six.")
    assert [c.sub_event_type for c in _happened(ex)] == ["Air/drone strike"]


def test_events_modality_a_truce_breaking_down_a_programme_an_idiom_are_no_events(
        extract_text) -> None:
    ex = extract_text("A man died after army shelling on the camp, where a ceasefire has broken "
                      "down, on Wednesday.")
    assert {c.sub_event_type for c in _happened(ex)} == {"Shelling/artillery/missile attack"}
    for text in ("Coalition troops captured one of the leaders of the group's chemical weapons "
                 "programme.",
                 "Driving that road at night is a suicide mission, a trucker told us."):
        assert not {c.sub_event_type for c in _happened(extract_text(text))} & {
            "Chemical weapon", "Suicide bomb"}, text


def test_events_modality_an_aspectual_verb_with_an_object_keeps_a_purpose_unreal(
        extract_text) -> None:
    # the infinitive is the purpose of the offensive or operation begun: nothing taken yet
    for text in ("The Jaysh al-Nasr brigade announced that it has begun an offensive to capture "
                 "the army-held district of Sabil in Deraa.",
                 "The army continues the operation to retake the village of Talbiseh north of "
                 "Homs."):
        ex = extract_text(text)
        assert not [c for c in _happened(ex) if "territory" in c.sub_event_type], text
    # with no object, the aspectual verb still tells what happened
    ex = extract_text("Government forces have started to retake the hills around Qusayr.")
    assert [c.sub_event_type for c in _happened(ex)] == ["Government regains territory"]


def test_events_modality_aircraft_a_base_houses_are_no_strike(extract_text) -> None:
    ex = extract_text("The airfield is located 30 kilometres south of Homs and houses several "
                      "jets helicopters and tanks.")
    assert _happened(ex) == []


def test_events_modality_since_a_campaign_is_a_summary(extract_text) -> None:
    ex = extract_text("Residents reported chlorine gas falling on the eastern quarters of Deir "
                      "ez-Zor since the army offensive.")
    assert [c.modality for c in ex.claims] == ["summary"]


def test_events_modality_verb_joined_to_a_governor_is_an_act_of_its_own(extract_text) -> None:
    # "prevented and detained": the people were detained; only what "prevent" governs is unreal
    ex = extract_text("Police in Kisumu stopped and detained seven traders on Tuesday.")
    assert any(c.trigger == "detained" for c in _happened(ex))
    ex = extract_text("Police prevented the traders from marching in Kisumu on Tuesday.")
    assert not any(c.trigger.startswith("march") for c in _happened(ex))
