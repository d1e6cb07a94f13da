"""The `frontlines_places` component on ACLED-note phrasing: which capitalised runs are place
spans (acronyms, alternate-name homonyms, group names, cued names known only in pieces,
bracketed alternate names). Needs the Syria gazetteer from ../shared."""

from __future__ import annotations

import pytest
import spacy

import frontlines.nlp.places  # noqa: F401 - registers the factory
from frontlines.geo import Gazetteer
from frontlines.nlp import Knowledge
from frontlines.nlp.annotator import SPAN_KEY

from .conftest import SYRIA

pytestmark = pytest.mark.skipif(not SYRIA.exists(), reason=f"{SYRIA} is not available")


@pytest.fixture(scope="module")
def nlp(geo_gazetteer: Gazetteer) -> spacy.language.Language:
    pipeline = spacy.blank("en")
    pipeline.add_pipe("sentencizer")
    pipeline.add_pipe("frontlines_places").configure(Knowledge(gazetteer=geo_gazetteer))
    return pipeline


def _places(nlp: spacy.language.Language, text: str) -> dict[str, str]:
    doc = nlp(text)
    return {s.text: s._.fl_source for s in doc.spans.get(SPAN_KEY, []) if s._.fl_kind == "place"}


def test_acronyms_are_not_places(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "On 14 June, 2020, QSD units shelled positions held by factions of "
                         "Operation Peace Spring around Jamiliyeh in al-Hasakeh.")
    assert "QSD" not in found and "Operation Peace Spring" not in found
    assert "Jamiliyeh" in found


def test_sentence_initial_word_with_a_city_alternate_name_is_no_place(
        nlp: spacy.language.Language) -> None:
    found = _places(nlp, "QSD forces clashed with rebels in the town of Tal Tamer. "
                         "Amid QSD shelling of the town, no one was hurt. On Feb 28 it ended.")
    assert set(found) == {"Tal Tamer"}


def test_names_of_groups_and_people_are_not_places(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "Clashes erupted against Al Bab Military Council west of Al-Bab city. "
                         "The chief of the Al Hameed tribe was killed in Kafr Aruq.")
    assert "Al-Bab" in found and "Kafr Aruq" in found
    assert not any("Military Council" in t or "Hameed" in t for t in found)
    assert "Bab" not in found


def test_cued_name_known_only_in_pieces_is_one_span(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "Islamist factions clashed with regime forces in Jabal al-Akrad "
                         "in Lattakia.")
    assert "Jabal al-Akrad" in found and "Jabal" not in found
    found = _places(nlp, "Rebels attacked Southern Idlib and Northwestern Syria.")
    assert "Southern Idlib" not in found  # a qualifier plus a known area stays as it was


def test_bracketed_other_name_of_a_place(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "Airstrikes hit PKK targets in Sida area (Kurdish name) in Zap "
                         "(Amadiya) region of Dahuk.")
    assert "Amadiya" in found
    assert "Kurdish" not in found and "PKK" not in found


def test_article_before_a_name_is_kept_mid_sentence(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "On Feb 25 students protested in As Samawah city.")
    assert "As Samawah" in found


def test_a_name_head_word_is_not_a_place_alone(nlp: spacy.language.Language) -> None:
    """"Tal Mohammed" is one (unknown) name: its first word "Tal" is not looked up alone."""
    found = _places(nlp, "Fighters captured the villages of Sinaqli, Tal Mohammed and "
                         "Tal al-Diabiyah in the Ras Al Ain district.")
    assert "Tal" not in found
    assert "Tal Mohammed" in found


def test_a_name_that_qualifies_a_party_is_not_a_place(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "Pro-Turkey factions and Iran-backed militias shelled Saraqib.")
    assert "Saraqib" in found
    assert "Turkey" not in found and "Iran" not in found


def test_hyphenated_name_with_a_connector_is_one_span(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "Armed gangs fought the police in Port-au-Prince overnight.")
    assert "Port-au-Prince" in found and "Port" not in found


def test_word_of_a_longer_name_is_no_place(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "Gunmen of Boko Haram raided a market, and a branch of Bank Saderat "
                         "was closed.")
    assert "Boko" not in found and "Bank" not in found


def test_world_town_needs_its_own_spelling_without_a_cue(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "The Deputy Chairman said the T Type Prison would be inspected.")
    assert "Chairman" not in found and "Type" not in found


def test_unknown_name_before_a_site_word_is_a_place(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "Workers blocked the gates of the Qurnawi oilfield on Sunday.")
    assert "Qurnawi" in found


def test_a_name_that_qualifies_a_side_is_no_place(nlp: spacy.language.Language) -> None:
    found = _places(nlp, "Pro-Turkey factions and Iran-backed militias exchanged fire near "
                         "Kafr Aruq, and anti-Damascus gunmen fled.")
    assert "Kafr Aruq" in found
    assert not {"Turkey", "Iran", "Damascus"} & set(found)


@pytest.mark.parametrize("text", [
    "Gunmen attacked a checkpoint near Tafas in the western countryside Of Daraa.",
    "Shelling hit farms in the northern countryside Of Hama on Sunday.",
])
def test_a_capitalised_of_is_not_part_of_the_name(nlp: spacy.language.Language, text: str
                                                  ) -> None:
    found = _places(nlp, text)
    assert not any(name.startswith("Of ") for name in found), found
    assert any(name in ("Daraa", "Hama") for name in found), found


def test_a_nationality_before_a_site_word_with_its_own_of_is_no_place(
        nlp: spacy.language.Language) -> None:
    # "the Syrian city of X": the nationality qualifies the city named after "of"
    found = _places(nlp, "A lorry bomb wrecked a bakery in the Syrian city of Manbij at dawn.")
    assert "Syrian" not in found
    assert "Manbij" in found



def test_a_town_before_a_site_word_with_its_own_of_keeps_its_cue(
        nlp: spacy.language.Language) -> None:
    # only the words of `not_places` as spelled lose the cue, not a town whose phonetic key
    # matches one of them ("the Aley town of X")
    matcher = nlp.get_pipe("frontlines_places")
    doc = nlp("Villagers rallied in the Aley town of Bhamdoun, not in the Syrian city of Homs.")
    words = [t.text for t in doc]
    aley, syrian = words.index("Aley"), words.index("Syrian")
    assert matcher._strong_cue(doc, aley, aley + 1)
    assert not matcher._strong_cue(doc, syrian, syrian + 1)


@pytest.mark.parametrize("text, word", [
    ("Investigators said Sarin had been used in the raid on Khan Sheikhoun.", "Sarin"),
    ("A cleric read out a Fatwa against the militia before the clashes in Mosul.", "Fatwa"),
])
def test_a_chemical_or_a_religious_ruling_is_no_place(nlp: spacy.language.Language, text: str,
                                                       word: str) -> None:
    # common nouns in `not_places`: a place only when a cue says so ("the village of X")
    found = _places(nlp, text)
    assert word not in found, found
    assert len(found) == 1, found


def test_a_chemical_name_with_a_place_cue_is_still_a_place(
        nlp: spacy.language.Language) -> None:
    assert "Sarin" in _places(nlp, "Rockets fell on the village of Sarin at dawn.")


def test_a_name_inside_a_kunya_is_no_place(nlp: spacy.language.Language) -> None:
    # "Abu Jaber" is a person's name: the village Jaber inside it is not meant
    found = _places(nlp, "A militia chief known as Abu Jaber died in a drone strike near "
                         "Tikrit on Sunday.")
    assert "Jaber" not in found and "Abu Jaber" not in found, found
    assert "Tikrit" in found


def test_a_kunya_like_place_name_keeps_its_cue(nlp: spacy.language.Language) -> None:
    assert "Abu Jaber" in _places(nlp, "Drones struck the village of Abu Jaber overnight.")
    assert "Abu Kamal" in _places(nlp, "Militias moved fighters from Abu Kamal to Deir ez-Zor.")


def test_a_name_before_a_broadcaster_word_is_the_outlet_not_a_place(
        nlp: spacy.language.Language) -> None:
    # "X TV reported": a channel named after a town is an outlet, not where anything happened
    found = _places(nlp, "Rebels shelled Saraqib on Monday, the Al Mayadeen TV channel said. "
                         "Later the army entered Al Mayadeen itself.")
    assert "Saraqib" in found
    assert [t for t in found if "Mayadeen" in t] == ["Al Mayadeen"]
    doc = nlp("Rebels shelled Saraqib on Monday, the Al Mayadeen TV channel said.")
    assert not any("Mayadeen" in s.text for s in doc.spans.get(SPAN_KEY, [])
                   if s._.fl_kind == "place")
