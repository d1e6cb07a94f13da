"""Real-world spellings of actor names (tests/data/actors/aliases.tsv) resolve to their actor."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.actors import KnowledgeBase
from frontlines.actors._keys import alias_key

ALIASES = Path(__file__).parent / "data" / "actors" / "aliases.tsv"


def _rows() -> list[tuple[str, str, date | None]]:
    rows = []
    for line in ALIASES.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spelling, actor_id, on, _where = line.split("\t")
        rows.append((spelling, actor_id, date.fromisoformat(on) if on else None))
    return rows


ROWS = _rows()


def test_actors_aliases_file_holds_at_least_80_spellings() -> None:
    assert len(ROWS) >= 80
    assert len({spelling for spelling, _, _ in ROWS}) == len(ROWS) - 1  # al-Nusra Front twice


@pytest.mark.parametrize(("spelling", "actor_id", "on"), ROWS, ids=[r[0] for r in ROWS])
def test_actors_aliases_resolve(actor_kb: KnowledgeBase, spelling: str, actor_id: str,
                                on: date | None) -> None:
    found = actor_kb.resolve(spelling, on)
    assert found is not None, spelling
    assert found[0].id == actor_id


def test_actors_aliases_many_are_not_written_in_the_kb(actor_kb: KnowledgeBase) -> None:
    """Folding, designators and fuzzy matching carry spellings the YAML does not list."""
    written = {alias_key(n) for a in actor_kb.actors() for n in (a.name, *a.aliases)}
    written |= {alias_key(a.acled_name) for a in actor_kb.actors() if a.acled_name}
    literal = {s.casefold() for a in actor_kb.actors() for s in (a.name, *a.aliases)}
    unlisted = [s for s, _, _ in ROWS if s.casefold() not in literal]
    unkeyed = [s for s, _, _ in ROWS if alias_key(s) not in written]
    assert len(unlisted) >= 10
    assert len(unkeyed) >= 3


@pytest.mark.parametrize(
    ("text", "actor_id"),
    [
        ("Tahrir al-Sham’s", "hts"),
        ("the Jaish al-Islam group", "jaish-al-islam"),
        ("Nour al-Din al-Zenki terrorist group", "zenki"),
        ("Ahrar al-Sham Movement", "ahrar-al-sham"),
        ("the Hurras al-Din organization", "hurras-al-din"),
        ("Faylaq al-Rahman militants", "faylaq-al-rahman"),
    ],
)
def test_actors_aliases_designators_resolve_to_the_group(actor_kb: KnowledgeBase, text: str,
                                                         actor_id: str) -> None:
    assert actor_kb.resolve(text)[0].id == actor_id


def test_actors_aliases_fuzzy_scores_below_exact(actor_kb: KnowledgeBase) -> None:
    exact = actor_kb.resolve("Nour al-Din al-Zenki")
    fuzzy = actor_kb.resolve("Nouralddeen al-Zinki")
    assert exact[1] == 1.0
    assert fuzzy[0].id == "zenki" and 0.8 < fuzzy[1] < 1.0
    assert actor_kb.resolve("Jandariyeh") is None  # a village in Idlib, not the gendarmerie
    assert actor_kb.resolve("warplanes") is None


def test_actors_aliases_fuzzy_answer_is_remembered_per_threshold(actor_kb: KnowledgeBase) -> None:
    # the fuzzy lookup is memoised (a report repeats its names): the second answer is the
    # first, and a stricter threshold asked later is not given the looser one's answer
    from frontlines.actors._keys import alias_key

    index = actor_kb.index
    key = alias_key("Nouralddeen al-Zinki")
    loose = index.fuzzy(key, 80)
    assert loose[0] == ("zenki",) and 0.8 < loose[1] < 0.95
    assert index.fuzzy(key, 80) == loose
    assert index.fuzzy(key, 99.5) == ((), 0.0)
    assert index.fuzzy(key, 80) == loose


def test_actors_aliases_a_word_that_only_shares_a_names_key_is_not_it() -> None:
    # "House" folds to the key of "Houthi": a capitalised English word, not a spelling of it
    from frontlines.actors._index import AliasIndex

    index = AliasIndex([("Houthi", "houthis"), ("Huthi", "houthis")])
    assert [m.actor_ids for m in index.find("Guards at the White House fired shots.")] == []
    assert [m.actor_ids for m in index.find("Hothi rebels shelled the town.")] == [("houthis",)]
    assert [m.actor_ids for m in index.find("Houthi rebels shelled the town.")] == [("houthis",)]
