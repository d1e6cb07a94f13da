"""Reports from many countries, written for these tests: the sub-event type, ACLED's actor1 and
the event's country of each sentence's first event. State forces are named after the country
and the government period in power on the report's date (kb/governments.yaml), demonstrations
with the crowd of the place's country as actor1. Nothing here is specific to a theatre: every
country is one line of the governments table."""

from __future__ import annotations

from datetime import date

import pytest

PUBLISHED = date(2021, 6, 18)  # a Friday

CASES = [
    # Kenya
    ("Kenyan police fired tear gas at hundreds of protesters in Nairobi on Tuesday.",
     "Protest with intervention", "Protesters (Kenya)", "KE"),
    ("Police arrested 12 opposition supporters in Kisumu on Monday.",
     "Arrests", "Police Forces of Kenya (2013-)", "KE"),
    ("Traders marched peacefully through Mombasa on Thursday to protest against new taxes.",
     "Peaceful protest", "Protesters (Kenya)", "KE"),
    ("Rioters torched shops and cars in Kisumu on Wednesday.",
     "Violent demonstration", "Rioters (Kenya)", "KE"),
    ("Kenyan soldiers clashed with Al-Shabaab militants near Lamu on Tuesday.",
     "Armed clash", "Military Forces of Kenya (2013-)", "KE"),
    ("Police arrested 25 protesters in Nairobi on Thursday.",
     "Protest with intervention", "Protesters (Kenya)", "KE"),
    # Nigeria
    ("Gunmen abducted 30 students from a school in Kaduna on Friday.",
     "Abduction/forced disappearance", "Unidentified Armed Group (Nigeria)", "NG"),
    ("Residents of Kano staged a peaceful protest on Monday over power cuts.",
     "Peaceful protest", "Protesters (Nigeria)", "NG"),
    ("The Nigerian Air Force struck militant hideouts near Bama on Saturday.",
     "Air/drone strike", "Military Forces of Nigeria (2015-)", "NG"),
    ("Police fired tear gas to disperse protesters in Lagos on Tuesday.",
     "Protest with intervention", "Protesters (Nigeria)", "NG"),
    ("Unidentified gunmen killed two farmers near Maiduguri on Thursday.",
     "Attack", "Unidentified Armed Group (Nigeria)", "NG"),
    # Pakistan
    ("Pakistani security forces killed four militants in a raid in North Waziristan on "
     "Tuesday.", "Armed clash", "Military Forces of Pakistan (2018-)", "PK"),
    ("A suicide bomber blew himself up at a mosque in Peshawar on Friday, killing 20 "
     "worshippers.", "Suicide bomb", "Unidentified Armed Group (Pakistan)", "PK"),
    ("Police detained dozens of protesters in Lahore on Sunday.",
     "Protest with intervention", "Protesters (Pakistan)", "PK"),
    ("Unidentified gunmen shot dead a journalist in Karachi on Wednesday.",
     "Attack", "Unidentified Armed Group (Pakistan)", "PK"),
    ("Gunmen attacked a bus in Balochistan on Sunday, killing 11 passengers.",
     "Attack", "Unidentified Armed Group (Pakistan)", "PK"),
    ("Pakistani police arrested 14 protesters in Islamabad on Monday.",
     "Protest with intervention", "Protesters (Pakistan)", "PK"),
    # Afghanistan
    ("Afghan forces recaptured the district of Baghlan from the Taliban on Monday.",
     "Government regains territory", "Military Forces of Afghanistan (2014-)", "AF"),
    ("A roadside bomb exploded in Kandahar on Tuesday, killing two civilians.",
     "Remote explosive/landmine/IED", "Unidentified Armed Group (Afghanistan)", "AF"),
    ("Militants ambushed a military convoy near Gardez on Friday.",
     "Armed clash", "Unidentified Armed Group (Afghanistan)", "AF"),
    ("Residents protested peacefully in Kabul on Thursday against power cuts.",
     "Peaceful protest", "Protesters (Afghanistan)", "AF"),
    # India
    ("Indian police arrested five suspected militants in Srinagar on Thursday.",
     "Arrests", "Police Forces of India (2014-)", "IN"),
    ("Farmers protested peacefully in New Delhi on Saturday against the new farm laws.",
     "Peaceful protest", "Protesters (India)", "IN"),
    ("A mob lynched a man in Agra on Friday over rumours of cattle theft.",
     "Mob violence", "Rioters (India)", "IN"),
    ("Unidentified assailants threw a grenade at a market in Srinagar on Monday.",
     "Grenade", "Unidentified Armed Group (India)", "IN"),
    ("Indian troops clashed with militants in Kupwara on Wednesday.",
     "Armed clash", "Military Forces of India (2014-)", "IN"),
    # Mexico
    ("Mexican soldiers clashed with cartel gunmen in Culiacan on Thursday.",
     "Armed clash", "Military Forces of Mexico (2018-)", "MX"),
    ("Police arrested a local mayor in Oaxaca on Monday.",
     "Arrests", "Police Forces of Mexico (2018-)", "MX"),
    ("Hundreds of women marched in Mexico City on Sunday against gender violence.",
     "Peaceful protest", "Protesters (Mexico)", "MX"),
    ("Mexican police arrested a cartel leader in Guadalajara on Tuesday.",
     "Arrests", "Police Forces of Mexico (2018-)", "MX"),
    # Colombia
    ("Colombian troops clashed with ELN rebels near Cucuta on Tuesday.",
     "Armed clash", "Military Forces of Colombia (2018-)", "CO"),
    ("Gunmen killed a social leader in Cali on Saturday.",
     "Attack", "Unidentified Armed Group (Colombia)", "CO"),
    ("Protesters blocked roads and burned tyres in Bogota on Wednesday.",
     "Violent demonstration", "Rioters (Colombia)", "CO"),
    ("Colombian police fired tear gas at protesters in Cali on Friday.",
     "Protest with intervention", "Protesters (Colombia)", "CO"),
    ("Thousands of teachers staged a peaceful protest in Bogota on Wednesday.",
     "Peaceful protest", "Protesters (Colombia)", "CO"),
    # Turkey
    ("31 Afghan migrants who entered Turkey illegally were detained in a police operation in "
     "Ankara.", "Arrests", "Police Forces of Turkey (2016-)", "TR"),
    ("Turkish police detained 20 people in Istanbul on Tuesday.",
     "Arrests", "Police Forces of Turkey (2016-)", "TR"),
    ("Gendarmerie forces detained four suspects in Diyarbakir on Monday.",
     "Arrests", "Military Forces of Turkey (2016-) Gendarmerie", "TR"),
    ("Workers staged a peaceful protest in Ankara on Friday over unpaid wages.",
     "Peaceful protest", "Protesters (Turkey)", "TR"),
    ("Prison guards beat two inmates at a prison in Izmir on Monday.",
     "Attack", "Police Forces of Turkey (2016-) Prison Guards", "TR"),
    ("Police arrested 30 protesters in Izmir on Saturday.",
     "Protest with intervention", "Protesters (Turkey)", "TR"),
    # Iraq
    ("Iraqi security forces fired live ammunition at protesters in Nasiriyah on Sunday, "
     "killing two.", "Excessive force against protesters", "Protesters (Iraq)", "IQ"),
    ("An improvised explosive device exploded in Baghdad on Monday, killing a policeman.",
     "Remote explosive/landmine/IED", "Unidentified Armed Group (Iraq)", "IQ"),
    ("Turkish warplanes struck PKK positions near Sulaymaniyah on Thursday.",
     "Air/drone strike", "Military Forces of Turkey (2016-)", "IQ"),
    # Somalia
    ("Somali forces clashed with Al-Shabaab fighters near Afgooye on Tuesday.",
     "Armed clash", "Military Forces of Somalia (2017-)", "SO"),
    ("A car bomb exploded near a checkpoint in Mogadishu on Saturday.",
     "Remote explosive/landmine/IED", "Unidentified Armed Group (Somalia)", "SO"),
    ("Somali police arrested five suspects in Mogadishu on Monday.",
     "Arrests", "Police Forces of Somalia (2017-)", "SO"),
    # Mali (a new government period from 24 May 2021)
    ("Malian soldiers clashed with jihadists near Mopti on Wednesday.",
     "Armed clash", "Military Forces of Mali (2021-)", "ML"),
    ("Unidentified gunmen attacked a village near Gao on Thursday, killing 12 civilians.",
     "Attack", "Unidentified Armed Group (Mali)", "ML"),
    ("A landmine exploded near Kidal on Saturday, killing two soldiers.",
     "Remote explosive/landmine/IED", "Unidentified Armed Group (Mali)", "ML"),
    # Philippines
    ("Police arrested a drug suspect in Manila on Friday.",
     "Arrests", "Police Forces of Philippines (2016-)", "PH"),
    ("Filipino soldiers clashed with communist rebels in Samar on Sunday.",
     "Armed clash", "Military Forces of Philippines (2016-)", "PH"),
    # Myanmar (the military government from 1 February 2021)
    ("Myanmar soldiers opened fire on protesters in Mandalay on Saturday, killing three.",
     "Excessive force against protesters", "Protesters (Myanmar)", "MM"),
    ("Protesters marched peacefully through Yangon on Monday.",
     "Peaceful protest", "Protesters (Myanmar)", "MM"),
    # Ethiopia
    ("Ethiopian federal forces clashed with TPLF fighters near Mekele on Tuesday.",
     "Armed clash", "Military Forces of Ethiopia (2018-)", "ET"),
    ("Police arrested 15 journalists in Addis Ababa on Wednesday.",
     "Arrests", "Police Forces of Ethiopia (2018-)", "ET"),
    # Lebanon, DR Congo, Burkina Faso, Brazil, Bangladesh
    ("Hundreds of people protested peacefully in Beirut on Friday over the economic crisis.",
     "Peaceful protest", "Protesters (Lebanon)", "LB"),
    ("Congolese troops clashed with ADF rebels near Beni on Monday.",
     "Armed clash", "Military Forces of Democratic Republic of Congo (2019-)", "CD"),
    ("Burkinabe soldiers clashed with jihadists near Djibo on Sunday.",
     "Armed clash", "Military Forces of Burkina Faso (2015-)", "BF"),
    ("Burkinabe troops recaptured the town of Djibo from jihadists on Friday.",
     "Government regains territory", "Military Forces of Burkina Faso (2015-)", "BF"),
    ("Protesters marched peacefully in Sao Paulo on Sunday against the government.",
     "Peaceful protest", "Protesters (Brazil)", "BR"),
    ("Bangladeshi police arrested 10 opposition activists in Dhaka on Monday.",
     "Arrests", "Police Forces of Bangladesh (2009-)", "BD"),
    ("Students staged a peaceful protest in Dhaka on Thursday demanding road safety.",
     "Peaceful protest", "Protesters (Bangladesh)", "BD"),
    ("Protesters set fire to a police station in Dhaka on Sunday.",
     "Violent demonstration", "Rioters (Bangladesh)", "BD"),
    # Cameroon, Sudan, Ukraine, Egypt, Tunisia, Venezuela, Niger
    ("Cameroonian soldiers clashed with separatist fighters near Bamenda on Monday.",
     "Armed clash", "Military Forces of Cameroon (1982-)", "CM"),
    ("Police arrested 40 opposition supporters in Douala on Saturday.",
     "Arrests", "Police Forces of Cameroon (1982-)", "CM"),
    ("Sudanese security forces fired tear gas at protesters in Khartoum on Thursday.",
     "Protest with intervention", "Protesters (Sudan)", "SD"),
    ("Thousands of people marched peacefully in Khartoum on Sunday demanding civilian rule.",
     "Peaceful protest", "Protesters (Sudan)", "SD"),
    ("Ukrainian forces shelled positions near Donetsk on Tuesday.",
     "Shelling/artillery/missile attack", "Military Forces of Ukraine (2019-)", "UA"),
    ("Police detained 12 activists in Kyiv on Friday.",
     "Arrests", "Police Forces of Ukraine (2019-)", "UA"),
    ("Egyptian police arrested 20 people in Cairo on Tuesday.",
     "Arrests", "Police Forces of Egypt (2014-)", "EG"),
    ("Hundreds of people protested peacefully in Tunis on Saturday.",
     "Peaceful protest", "Protesters (Tunisia)", "TN"),
    ("Venezuelan police fired tear gas at protesters in Caracas on Monday.",
     "Protest with intervention", "Protesters (Venezuela)", "VE"),
    ("Nigerien soldiers clashed with jihadists near Tillaberi on Monday.",
     "Armed clash", "Military Forces of Niger (2021-)", "NE"),
]


def test_events_general_countries_cover_many_countries() -> None:
    assert len(CASES) >= 60
    assert len({country for *_, country in CASES}) >= 12


@pytest.mark.parametrize(("text", "sub_event_type", "actor1", "country"), CASES,
                         ids=[f"{c[3]}-{i}" for i, c in enumerate(CASES)])
def test_events_general_countries(extract_text, text: str, sub_event_type: str, actor1: str,
                                  country: str) -> None:
    ex = extract_text(text, published=PUBLISHED)
    assert ex.claims, "no event coded"
    first = min(ex.claims, key=lambda c: (c.sentence, c.evidence.find(c.trigger)))
    assert first.sub_event_type == sub_event_type
    assert first.actor1 is not None and (first.actor1.acled_name or first.actor1.name) == actor1
    assert first.place is not None and first.place.country == country


def test_events_general_countries_period_follows_the_date(extract_text) -> None:
    text = "Pakistani troops clashed with militants near Bannu on Monday."
    before = extract_text(text, published=date(2020, 3, 6)).claims[0]
    after = extract_text(text, published=date(2023, 3, 10)).claims[0]
    assert before.actor1.acled_name == "Military Forces of Pakistan (2018-)"
    assert after.actor1.acled_name == "Military Forces of Pakistan (2022-)"
    assert before.actor1.id == after.actor1.id  # one actor, named by period


def test_events_general_countries_protest_group_is_associated(extract_text) -> None:
    ex = extract_text("Hundreds of HDP supporters protested in Diyarbakir on Monday.",
                      published=PUBLISHED)
    (protest,) = [c for c in ex.claims if c.event_type == "Protests"]
    assert protest.actor1.name == "Protesters (Turkey)"
    assert [a.name for a in protest.assoc_actor_1] == ["Peoples' Democratic Party"]


def test_events_general_countries_force_nationality_abroad(extract_text) -> None:
    ex = extract_text("Turkish troops shelled the village of Tal Rifaat in Syria on Sunday.",
                      published=PUBLISHED)
    assert ex.claims[0].actor1.acled_name == "Military Forces of Turkey (2016-)"
    assert ex.claims[0].place.country == "SY"
