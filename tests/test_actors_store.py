"""Actor tables: KB sync, provisional actors, merges that survive re-ingest; the actors CLI."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from frontlines.actors import KnowledgeBase, discover
from frontlines.cli import app
from frontlines.knowledge import actor_knowledge, merge_actor
from frontlines.model import Claim, Document, Event, MentionKind
from frontlines.store import Store
from frontlines.store.actors import (
    merges,
    provisional_actors,
    save_provisional_actors,
)

TEXT = ("Two Ahrar al-Sham branches, the al-Hujra Brigade and the Fajr al-Islam Brigade, "
        "announced on Thursday that they had defected to Tahrir al-Sham.")
LATER = "The al-Hujra Brigade shelled positions of Ahrar al-Sham near Saraqib."


def _ingest(store: Store, annotator, kb: KnowledgeBase, text: str):
    doc = Document.create(text, published=date(2017, 7, 21))
    component = annotator.nlp.get_pipe("frontlines_actors")
    shared_kb = component.kb
    component.kb = kb  # this store's KB (provisional actors, merges)
    try:
        annotated = annotator.annotate_one(doc)
    finally:
        component.kb = shared_kb
    actors, relations = discover(annotated, kb)
    hujra = next(m for m in annotated.mentions if "Hujra" in m.text)
    claim = Claim(id=f"c-{doc.id}", doc_id=doc.id, sentence=0, evidence=text, evidence_start=0,
                  evidence_end=len(text), trigger="shelled", event_type="Battles",
                  sub_event_type="Armed clash",
                  actor1=_ref(hujra), actor2=None)
    store.save_document(doc, annotated.mentions, [claim], (), relations)
    store.replace_events([Event(id=f"e-{doc.id}", event_type="Battles",
                                sub_event_type="Armed clash", claims=(claim,),
                                actor1=claim.actor1)], [doc.id])
    save_provisional_actors(store, actors)
    return annotated


def _ref(mention):
    from frontlines.model import ActorRef

    return ActorRef(id=mention.ref, name=mention.label or mention.text, text=mention.text)


def test_actors_store_syncs_the_knowledge_base(store: Store) -> None:
    kb = actor_knowledge(store)
    assert store.count("actors") == len([a for a in kb.actors() if not a.provisional])
    assert store.count("actor_aliases") > 1000
    assert store.count("actor_relations") == len(kb.relations())
    actor_knowledge(store)  # idempotent
    assert store.count("actor_relations") == len(kb.relations())


def test_actors_store_keeps_provisional_actors(store: Store, actor_annotator) -> None:
    kb = actor_knowledge(store)
    _ingest(store, actor_annotator, kb, TEXT)
    stored = {a.name for a in provisional_actors(store)}
    assert stored == {"al-Hujra Brigade", "Fajr al-Islam Brigade"}
    again = actor_knowledge(store)
    hujra = next(a for a in again.actors() if a.name == "al-Hujra Brigade")
    assert again.resolve("Al-Hujra Brigade")[0].id == hujra.id
    relations = [r for r in store.relations() if r.actor == hujra.id]
    assert {(r.target, r.start, r.end) for r in relations} == {
        ("ahrar-al-sham", None, "2017-07-20"), ("hts", "2017-07-21", None)}


def test_actors_store_merge_rewrites_and_survives_reingest(any_store: Store,
                                                           actor_annotator) -> None:
    store = any_store
    kb = actor_knowledge(store)
    first = _ingest(store, actor_annotator, kb, TEXT)
    pid = next(m.ref for m in first.mentions if "Hujra" in m.text)
    result = merge_actor(store, "al-Hujra Brigade", "ahrar-al-sham", kb)
    assert (result.source, result.into) == (pid, "ahrar-al-sham")
    assert result.mentions == 1 and result.claims == 1 and result.events == 1
    assert result.relations == 2
    assert [m.ref for m in store.mentions(kind="actor") if "Hujra" in m.text] == ["ahrar-al-sham"]
    assert store.events()[0].actor1.id == "ahrar-al-sham"
    assert store.events()[0].actor1.acled_name == "AAS: Ahrar al Sham"
    assert all(r.actor != pid for r in store.relations())
    assert pid not in {a.id for a in provisional_actors(store)}
    assert merges(store)[0][2] == "ahrar-al-sham"
    # the next ingest resolves the name to the known actor directly
    merged_kb = actor_knowledge(store)
    later = _ingest(store, actor_annotator, merged_kb, LATER)
    hujra = next(m for m in later.mentions if "Hujra" in m.text)
    assert (hujra.ref, hujra.source) == ("ahrar-al-sham", "kb")
    assert merged_kb.get(pid).id == "ahrar-al-sham"
    assert pid not in {a.id for a in provisional_actors(store)}


def test_actors_cli_lists_shows_and_merges(tmp_path, actor_annotator) -> None:
    db = str(tmp_path / "cli.db")
    with Store.open(db) as s:
        _ingest(s, actor_annotator, actor_knowledge(s), TEXT)
    runner = CliRunner()
    listed = runner.invoke(app, ["actors", "--provisional", "--json", "--db", db])
    assert listed.exit_code == 0, listed.output
    names = {a["name"] for a in json.loads(listed.stdout)}
    assert names == {"al-Hujra Brigade", "Fajr al-Islam Brigade"}
    shown = runner.invoke(app, ["actors", "show", "hts", "--db", db])
    assert shown.exit_code == 0 and "HTS: Hayat Tahrir al Sham" in shown.stdout
    fajr = next(a["id"] for a in json.loads(listed.stdout) if a["name"].startswith("Fajr"))
    merged = runner.invoke(app, ["actors", "merge", fajr, "Ahrar al-Sham", "--db", db])
    assert merged.exit_code == 0, merged.output
    assert "merged" in merged.stdout
    after = runner.invoke(app, ["actors", "--provisional", "--json", "--db", db])
    assert {a["name"] for a in json.loads(after.stdout)} == {"al-Hujra Brigade"}
    bad = runner.invoke(app, ["actors", "merge", "Nonexistent Brigade", "hts", "--db", db])
    assert bad.exit_code == 2
    with Store.open(db) as s:
        assert all(m.ref != fajr for m in s.mentions(kind=MentionKind.ACTOR.value))
