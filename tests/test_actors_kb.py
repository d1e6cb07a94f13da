"""The actor knowledge base: schema check, several files, date-aware resolution, generic words."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.actors import KnowledgeBase, packaged_files
from frontlines.errors import KnowledgeBaseError
from frontlines.model import RelationKind

LOADED_WORDS = ["terrorists", "Terrorists", "militants", "Militants", "rebels", "gunmen",
                "jihadists", "the terrorist coalition", "both warring sides", "the militants",
                "insurgents", "armed groups", "the terrorist groups"]


def _known(kb: KnowledgeBase) -> list:
    return [a for a in kb.actors() if "Codebook" not in a.source]


def test_actors_kb_packaged_files_pass_the_schema_check(actor_kb: KnowledgeBase) -> None:
    assert any(p.name == "actors.yaml" for p in packaged_files())
    known = _known(actor_kb)
    assert len(known) >= 100
    assert all(a.source.strip() for a in actor_kb.actors())
    assert all(r.source.strip() for r in actor_kb.relations())
    assert all(1 <= a.inter <= 8 for a in actor_kb.actors())
    ids = {a.id for a in actor_kb.actors()}
    assert all(r.actor in ids and r.target in ids for r in actor_kb.relations())


def test_actors_kb_uses_acled_names(actor_kb: KnowledgeBase) -> None:
    expected = {
        "syria-military": "Military Forces of Syria (2000-)",
        "hts": "HTS: Hayat Tahrir al Sham",
        "opposition-rebels-sy": "Opposition Rebels (Syria)",
        "sdf": "QSD: Syrian Democratic Forces",
        "islamic-state": "Islamic State (Syria)",
        "unidentified-armed-group-sy": "Unidentified Armed Group (Syria)",
        "civilians-sy": "Civilians (Syria)",
        "protesters-lb": "Protesters (Lebanon)",
    }
    for actor_id, acled in expected.items():
        actor = actor_kb.get(actor_id)
        assert actor is not None and actor.acled_name == acled
    hts, _ = actor_kb.resolve("HTS: Hayat Tahrir al Sham")
    assert hts.id == "hts"


def test_actors_kb_acled_name_and_inter_follow_the_event_country(actor_kb: KnowledgeBase) -> None:
    isis = actor_kb.get("islamic-state")
    assert actor_kb.acled_name_in(isis, "IQ") == "Islamic State (Iraq)"
    assert actor_kb.acled_name_in(isis, "Syria") == "Islamic State (Syria)"
    turkey = actor_kb.get("turkey-military")
    assert actor_kb.inter_in(turkey, "SY") == 8
    assert actor_kb.inter_in(turkey, "TR") == 1


def test_actors_kb_acled_names_per_country(actor_kb: KnowledgeBase) -> None:
    us = actor_kb.get("us-military")
    assert actor_kb.acled_name_in(us, "SY") == "Global Coalition Against Daesh"
    assert actor_kb.acled_name_in(us, "Iraq") == "Military Forces of the United States (2017-)"


@pytest.mark.parametrize(("phrase", "actor_id"), [
    ("Israeli drones", "israel-military"),
    ("Russian patrol", "russia-military"),
    ("Turkish military vehicles", "turkey-military"),
    ("Islamist sniper", "islamist-militia-sy"),
    ("regime troops", "state-military"),  # the military of the event's country
    ("regime warplanes", "syria-air-force"),  # a written alias beats a generated one
    ("IS militants", "islamic-state"),
    ("pro-Turkish rebel faction fighters", "sna"),
])
def test_actors_kb_qualifier_and_force_noun(actor_kb: KnowledgeBase, phrase: str,
                                            actor_id: str) -> None:
    found = actor_kb.resolve(phrase)
    assert found is not None and found[0].id == actor_id


def test_actors_kb_generic_fallback_by_country(actor_kb: KnowledgeBase) -> None:
    def name(text: str, country: str) -> str | None:
        actor = actor_kb.generic_fallback(text, country)
        return actor.name if actor else None

    assert name("unidentified gunmen", "IQ") == "Unidentified Armed Group (Iraq)"
    assert name("students", "IQ") == "Protesters (Iraq)"
    assert name("Lebanese truck drivers", "LB") == "Protesters (Lebanon)"
    assert name("rebels", "SY") == "Opposition Rebels (Syria)"
    assert name("IS militants", "IQ") == "Islamic State"  # a named actor wins over the word
    assert name("hundreds of residents", "IQ") is None
    assert actor_kb.generic_actor("police", "TR").name == "Police Forces of Turkey"
    # kb/governments.yaml gives every country its services
    assert actor_kb.generic_actor("police", "JO").name == "Police Forces of Jordan"
    bare = KnowledgeBase.load(packaged_files())  # the actor files alone: no Jordanian police
    with pytest.raises(KnowledgeBaseError, match="roles"):
        bare.generic_actor("police", "JO")
    assert actor_kb.resolve("students") is None


def test_actors_kb_generic_fallback_prefers_a_term_that_says_more_than_the_catch_all(
        actor_kb: KnowledgeBase) -> None:
    """"rebel fighters": "fighters" alone is the unidentified armed group, "rebel" says whose."""
    def name(text: str, country: str) -> str | None:
        actor = actor_kb.generic_fallback(text, country)
        return actor.name if actor else None

    assert name("rebel fighters", "SY") == "Opposition Rebels (Syria)"
    assert name("a rebel sniper", "SY") == "Opposition Rebels (Syria)"
    assert name("jihadist gunmen", "SY") == name("jihadists", "SY")
    assert name("fighters", "SY") == "Unidentified Armed Group (Syria)"


def test_actors_kb_a_country_s_people_are_no_fuzzy_match_for_its_forces(
        actor_kb: KnowledgeBase) -> None:
    assert actor_kb.resolve("Palestinians") is None
    assert actor_kb.is_demonym("Nigerians") and actor_kb.is_demonym("Iraqi")
    assert not actor_kb.is_demonym("Hezbollah")


def test_actors_kb_a_one_word_name_is_found_only_with_its_capital(actor_kb: KnowledgeBase) -> None:
    """"house" and "Houthi" share a spelling key; only the capitalised word is the name. Names
    of several words are found in lower case too ("the children of fire initiative")."""
    def found(text: str) -> list[str]:
        return [i for m in actor_kb.index.find(text) for i in m.actor_ids]

    assert "houthis" not in found("soldiers raided a house near the market")
    assert "houthis" in found("Houthi fighters shelled the town")
    assert found("regime forces shelled the town")  # an alias written in lower case


def test_actors_kb_unidentified_armed_group_per_country(actor_kb: KnowledgeBase) -> None:
    assert actor_kb.unidentified("Syria").acled_name == "Unidentified Armed Group (Syria)"
    assert actor_kb.unidentified("IQ").name == "Unidentified Armed Group (Iraq)"
    assert actor_kb.unidentified(None).country == "SY"


@pytest.mark.parametrize(("country", "name"), [
    ("MA", "Protesters (Morocco)"), ("Oman", "Protesters (Oman)"),
    ("KW", "Protesters (Kuwait)")])
def test_actors_kb_catch_alls_of_a_country_no_actor_file_has(
        actor_kb: KnowledgeBase, country: str, name: str) -> None:
    """A country neither the actor files nor the governments table list still gets its own
    catch-alls (named as GeoNames names it), not the default country's."""
    actor = actor_kb.generic_actor("protesters", country)
    assert actor.acled_name == name
    assert actor_kb.unidentified(country).acled_name == name.replace(
        "Protesters", "Unidentified Armed Group")


@pytest.mark.parametrize("word", LOADED_WORDS)
def test_actors_kb_loaded_words_are_never_actors(actor_kb: KnowledgeBase, word: str) -> None:
    assert actor_kb.is_generic(word)
    assert actor_kb.resolve(word) is None
    assert actor_kb.index.find(f"Dozens of {word} were killed near Saraqib.") == []


def test_actors_kb_renamed_group_resolves_by_date(actor_kb: KnowledgeBase) -> None:
    nusra_2014 = actor_kb.resolve("al-Nusra Front", date(2014, 6, 1))
    nusra_2016 = actor_kb.resolve("al-Nusra Front", date(2016, 9, 1))
    assert nusra_2014[0].id == "jabhat-al-nusra"
    assert nusra_2016[0].id == "jfs"
    assert actor_kb.resolve("Islamic State of Iraq", date(2010, 1, 1))[0].id == \
        "islamic-state-of-iraq"
    assert actor_kb.resolve("Islamic State of Iraq", date(2016, 1, 1))[0].id == "islamic-state"
    assert actor_kb.resolve("Syrian army", date(2018, 1, 1))[0].id == "syria-military"
    assert actor_kb.resolve("Syrian army", date(2025, 3, 1))[0].id == "syria-military-2024"


def test_actors_kb_relations_hold_on_their_dates(actor_kb: KnowledgeBase) -> None:
    def zenki_in_hts(on: date) -> bool:
        return any(r.actor == "zenki" and r.kind == RelationKind.MEMBER_OF and r.target == "hts"
                   for r in actor_kb.relations(on))

    assert zenki_in_hts(date(2017, 3, 1))
    assert not zenki_in_hts(date(2017, 8, 1))
    assert [a.id for a in actor_kb.parents("jfs", date(2017, 7, 21))] == ["hts"]


def test_actors_kb_loads_several_theatre_files(tmp_path: Path) -> None:
    extra = tmp_path / "actors-yemen.yaml"
    extra.write_text(
        "countries: {YE: Yemen}\n"
        "actors:\n"
        "  - id: security-belt\n"
        "    name: Security Belt Forces\n"
        "    acled_name: Security Belt Forces\n"
        "    inter: 3\n"
        "    kind: political militia\n"
        "    country: YE\n"
        "    aliases: [Security Belt, Security Belt Forces, Hizam forces]\n"
        "    source: '[WP] Security Belt'\n"
        "    relations:\n"
        "      - {kind: hostile_to, target: al-qaeda, start: '2014', source: '[WP] Houthis'}\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([*packaged_files(), extra])
    assert kb.resolve("the Hizam forces")[0].id == "security-belt"
    assert kb.unidentified("Yemen").name == "Unidentified Armed Group (Yemen)"


@pytest.mark.parametrize(
    ("body", "complaint"),
    [
        ("actors:\n  - {id: x, name: X, inter: 2, kind: rebel group}\n", "source"),
        ("actors:\n  - {id: x, name: X, inter: 9, kind: k, source: s}\n", "inter"),
        ("actors:\n  - {id: x, name: X, inter: 2, kind: k, source: s, active_from: 'July 2017'}\n",
         "date"),
        ("actors:\n  - {id: x, name: X, inter: 2, kind: k, source: s,\n"
         "     relations: [{kind: member_of, target: nowhere, source: s}]}\n", "unknown target"),
        ("actors:\n  - {id: x, name: X, inter: 2, kind: k, source: s,\n"
         "     relations: [{kind: friend_of, target: x, source: s}]}\n", "kind"),
        ("actors:\n  - {id: x, name: X, inter: 2, kind: k, source: s,\n"
         "     relations: [{kind: member_of, target: x}]}\n", "source"),
        ("generic_terms: [{term: militants}]\n"
         "actors:\n  - {id: x, name: X, inter: 2, kind: k, source: s, aliases: [Militants]}\n",
         "generic"),
        ("actors:\n  - {id: x, name: X, inter: 2, kind: k, source: s, colour: red}\n",
         "unknown keys"),
    ],
)
def test_actors_kb_schema_check_rejects_bad_files(tmp_path: Path, body: str,
                                                  complaint: str) -> None:
    path = tmp_path / "actors-bad.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=complaint) as info:
        KnowledgeBase.load([path])
    assert info.value.path == str(path)


@pytest.mark.parametrize(("phrase", "country", "acled_name"), [
    ("government forces", "SY", "Military Forces of Syria (2000-)"),
    ("government forces", "SO", "Military Forces of Somalia (2022-)"),
    ("regime troops", "MM", "Military Forces of Myanmar (2021-)"),
    ("army artillery", "YE", "Military Forces of Yemen (2022-)"),
])
def test_actors_kb_state_forces_named_without_their_state(actor_kb: KnowledgeBase, phrase: str,
                                                          country: str, acled_name: str) -> None:
    found = actor_kb.resolve(phrase)
    assert found is not None
    actor = actor_kb.in_country(found[0], country)
    assert actor.country == country and actor.acled_name == acled_name


@pytest.mark.parametrize(("name", "country"), [
    ("Al-Shabaab", "SO"), ("the Taliban", "AF"), ("Houthis", "YE"), ("Boko Haram", "NG"),
    ("JNIM", "ML"), ("M23", "CD"), ("TTP", "PK"), ("ELN", "CO"), ("New People's Army", "PH"),
    ("Rapid Support Forces", "SD"),
])
def test_actors_kb_armed_groups_of_other_theatres(actor_kb: KnowledgeBase, name: str,
                                                  country: str) -> None:
    found = actor_kb.resolve(name)
    assert found is not None and found[0].country == country
    assert actor_kb.home_country(found[0]) == country


def test_actors_kb_home_country_from_the_acled_name(actor_kb: KnowledgeBase) -> None:
    actor = actor_kb.get("islamic-state")
    assert actor is not None and actor.country is None
    assert actor_kb.home_country(actor) == "SY"  # "Islamic State (Syria)"
    assert actor_kb.acled_name_in(actor, "IQ") == "Islamic State (Iraq)"


@pytest.mark.parametrize(("text", "by_name"), [
    # common words stand for the default country's forces: no country named by name
    ("The army clashed with rebels near the river.", {}),
    ("Opposition groups accused government forces of shelling the town.", {}),
    ("Houthi fighters clashed with the army near the river.", {"YE": 1.0}),
    ("Hezbollah fighters ambushed a convoy near the river.", {"LB": 1.0}),
])
def test_countries_named_by_name_leave_out_actors_named_by_common_words(
        actor_annotator, actor_kb, text: str, by_name: dict[str, float]) -> None:
    from frontlines.model import Document

    annotated = actor_annotator.annotate_one(Document.create(text))
    assert actor_kb.countries_named(annotated.mentions, text, by_name=True) == by_name
