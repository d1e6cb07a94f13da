"""Edit records: corrections outlive recomputation (a new claim joining, re-consolidation,
re-ingest, a migration), contradicting evidence flags them, rejected claims stay out."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import column, create_engine, func, insert, inspect, select, table

from frontlines.consolidate import consolidate, merge_key
from frontlines.model import ActorRef, Claim, Document, GeoRef, Quantity, TimeExpr, TimePrecision
from frontlines.store import DocumentRecords, Store, schema
from frontlines.store.edits import EditError
from frontlines.workspace import (
    AuthError,
    Corrections,
    Users,
    export_edits,
    import_edits,
    review_queue,
)

HTS = ActorRef("hts", "Hay'at Tahrir al-Sham", "Tahrir al-Sham")
AHRAR = ActorRef("ahrar-al-sham", "Ahrar al-Sham", "Ahrar al-Sham")
SARAQIB = GeoRef(text="Saraqib", place_id="t:saraqib", name="Saraqib", lat=35.86, lon=36.80,
                 country="SY", admin1="Idlib")
BINNISH = GeoRef(text="Binnish", place_id="t:binnish", name="Binnish", lat=35.95, lon=36.71,
                 country="SY", admin1="Idlib")


def _group(c: Claim) -> str:
    return "\x1f".join(merge_key(c))


def _doc(text: str) -> Document:
    return Document.create(text, title=text[:20], outlet="Example News",
                           published=date(2017, 7, 21))


def _claim(doc: Document, cid: str, *, killed: int | None = None,
           actor2: ActorRef | None = AHRAR) -> Claim:
    quantities = (Quantity(str(killed), "killed", killed),) if killed is not None else ()
    return Claim(id=cid, doc_id=doc.id, sentence=0, evidence=doc.text, evidence_start=0,
                 evidence_end=len(doc.text), trigger="clashes", event_type="Battles",
                 sub_event_type="Armed clash", actor1=HTS, actor2=actor2, place=SARAQIB,
                 time=TimeExpr("on Wednesday", date(2017, 7, 19), precision=TimePrecision.DAY),
                 quantities=quantities)


def _ingest(store: Store, text: str, cid: str, **kw: object) -> list[bool]:
    doc = _doc(text)
    return store.save_documents([DocumentRecords(doc, claims=[_claim(doc, cid, **kw)])],
                                group_key=_group, consolidate=consolidate)


@pytest.fixture()
def edited(store: Store) -> tuple[Store, str]:
    _ingest(store, "Tahrir al-Sham clashed with Ahrar al-Sham in Saraqib on Wednesday.", "c1")
    [event] = store.events()
    return store, event.id


def test_an_edit_changes_the_event_and_records_who_what_and_why(edited: tuple[Store, str]) -> None:
    store, event_id = edited
    record = Corrections(store).edit_event(
        event_id, {"actor2": {"name": "Jaysh al-Ahrar"}, "place": "t:saraqib", "fatalities": 3},
        reason="the brigade named in the report", author="ana")
    event = store.event(event_id)
    assert event is not None and event.actor2 is not None
    assert event.actor2.name == "Jaysh al-Ahrar" and event.fatalities == 3
    assert record["before"]["actor2"] == {"id": "ahrar-al-sham", "name": "Ahrar al-Sham"}
    assert record["after"]["fatalities"] == 3 and record["author"] == "ana"
    [history] = Corrections(store).history(event_id)
    assert history["reason"] == "the brigade named in the report"
    with store.read() as conn:
        row = conn.execute(select(schema.events.c.actor2, schema.events.c.fatalities)).one()
    assert tuple(row) == ("Jaysh al-Ahrar", 3)  # the columns the filters use agree


def test_the_edit_outlives_a_new_claim_reconsolidation_and_reingest(
        edited: tuple[Store, str]) -> None:
    store, event_id = edited
    Corrections(store).edit_event(event_id, {"actor2": {"name": "Jaysh al-Ahrar"}},
                                  author="ana")
    # a second report of the same clash joins the event: the event is rebuilt, the edit stays
    _ingest(store, "Fighting between HTS and Ahrar in Saraqib on Wednesday, sources said.", "c2")
    [event] = store.events()
    assert len(event.claims) == 2 and event.actor2 is not None
    assert event.actor2.name == "Jaysh al-Ahrar"
    # the whole store re-consolidated
    store.replace_events(consolidate(store.claims(live=True)))
    [event] = store.events()
    assert event.actor2 is not None and event.actor2.name == "Jaysh al-Ahrar"
    # the same article again: nothing is stored twice, the edit stays
    assert _ingest(store, "Tahrir al-Sham clashed with Ahrar al-Sham in Saraqib on Wednesday.",
                   "c1") == [False]
    [event] = store.events()
    assert event.actor2 is not None and event.actor2.name == "Jaysh al-Ahrar"
    assert [e["status"] for e in Corrections(store).history(event.id)] == ["active"]


def test_new_evidence_that_contradicts_an_edit_flags_the_event(edited: tuple[Store, str]) -> None:
    store, event_id = edited
    Corrections(store).edit_event(event_id, {"fatalities": 3}, author="ana")
    _ingest(store, "Twelve fighters died in the Saraqib clashes on Wednesday.", "c2", killed=12)
    [event] = store.events()
    assert event.fatalities == 3  # the analyst's figure is kept ...
    [record] = Corrections(store).history(event.id)
    assert record["status"] == "flagged" and "12" in record["note"]  # ... and flagged
    [item] = [i for i in review_queue(store) if i["kind"] == "event"]
    assert item["reason"] == "flagged" and item["id"] == event.id


def test_a_rejected_claim_leaves_its_event_and_stays_out(edited: tuple[Store, str]) -> None:
    store, _ = edited
    _ingest(store, "Fighting between HTS and Ahrar in Saraqib on Wednesday killed 12.", "c2",
            killed=12)
    [event] = store.events()
    assert event.fatalities == 12
    Corrections(store).reject_claim("c2", reason="a different clash", author="ana")
    [event] = store.events()
    assert [c.id for c in event.claims] == ["c1"] and event.fatalities is None
    store.replace_events(consolidate(store.claims(live=True)))
    assert [c.id for e in store.events() for c in e.claims] == ["c1"]
    with pytest.raises(EditError, match="rejected already"):
        Corrections(store).reject_claim("c2", author="ana")


@pytest.mark.parametrize(("changes", "message"), [
    ({}, "JSON object"),
    ({"colour": "red"}, "cannot edit 'colour'"),
    ({"fatalities": -1}, "fatalities must be"),
    ({"fatalities": "3"}, "fatalities must be"),
    ({"fatalities": True}, "fatalities must be"),
    ({"date": "21/07/2017"}, "date must be"),
    ({"actor1": "nobody-known"}, "no actor 'nobody-known'"),
    ({"actor1": 7}, "actor1 must be"),
    ({"place": "t:atlantis"}, "no place 't:atlantis'"),
    ({"sub_event_type": "Picnic"}, "not a sub_event_type"),
    ({"event_type": "Weather"}, "unknown event_type"),
])
def test_bad_edits_are_refused_and_change_nothing(edited: tuple[Store, str], changes: dict,
                                                  message: str) -> None:
    store, event_id = edited
    before = store.event(event_id)
    with pytest.raises(EditError, match=message):
        Corrections(store).edit_event(event_id, changes, author="ana")
    assert store.event(event_id) == before
    assert store.count("edits") == 0


def test_an_unknown_event_is_a_404(store: Store) -> None:
    with pytest.raises(EditError) as info:
        Corrections(store).edit_event("no-such-event", {"fatalities": 1}, author="ana")
    assert info.value.status == 404


def test_edits_move_between_stores(edited: tuple[Store, str], tmp_path: Path) -> None:
    store, event_id = edited
    Corrections(store).edit_event(event_id, {"place": "t:saraqib", "fatalities": 2},
                                  reason="checked", author="ana")
    exported = export_edits(store)
    with Store.open(str(tmp_path / "other.db")) as other:
        _ingest(other, "Tahrir al-Sham clashed with Ahrar al-Sham in Saraqib on Wednesday.",
                "c1")
        from frontlines.workspace import dump_yaml

        assert import_edits(other, dump_yaml(exported)) == (1, 0)
        assert import_edits(other, dump_yaml(exported)) == (0, 1)  # idempotent
        [event] = other.events()
        assert event.fatalities == 2
        with pytest.raises(EditError, match="not a frontlines edits file"):
            import_edits(other, "- just a list")
        assert other.count("edits") == 1


def test_users_hash_passwords_and_check_roles(store: Store) -> None:
    users = Users(store)
    ana = users.add("ana", "correct horse battery", "editor")
    assert ana.can("viewer") and ana.can("editor") and not ana.can("admin")
    with store.read() as conn:
        stored = conn.scalar(select(schema.users.c.password_hash))
    assert stored.startswith("$argon2") and "correct horse" not in stored
    assert users.authenticate("ana", "correct horse battery") == ana
    assert users.authenticate("ana", "wrong password!") is None
    assert users.authenticate("bob", "correct horse battery") is None
    with pytest.raises(AuthError, match="already"):
        users.add("ana", "another password")
    with pytest.raises(AuthError, match="role"):
        users.add("bob", "long enough pw", "owner")
    with pytest.raises(AuthError, match="at least"):
        users.add("bob", "short")
    token = users.create_token("ana", "script")
    assert users.by_secret(token, "api") == (ana, None)
    assert users.by_secret(token, "session") is None
    users.remove("ana")
    assert users.by_secret(token, "api") is None
    assert users.list() == []


def test_a_store_at_the_previous_revision_upgrades_without_losing_data(tmp_path: Path) -> None:
    """A store made before the workspace tables existed, with data, opens and keeps it all."""
    path = tmp_path / "old.db"
    engine = create_engine(f"sqlite:///{path}")
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(schema.__file__).parent / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0002")
    doc = _doc("Tahrir al-Sham clashed with Ahrar al-Sham in Saraqib on Wednesday.")
    from frontlines.store._rows import claim_row, document_row, event_row

    claim = _claim(doc, "c1")
    [event] = consolidate([claim])
    with engine.begin() as conn:
        assert "edits" not in {r[0] for r in conn.exec_driver_sql(
            "select name from sqlite_master where type='table'")}
        conn.execute(insert(schema.documents), [document_row(doc)])
        columns = [c["name"] for c in inspect(conn).get_columns("claims")]  # as at 0002
        claims_0002 = table("claims", *(column(c) for c in columns))
        row = claim_row(claim, _group)
        row["data"] = json.dumps(row["data"])
        conn.execute(insert(claims_0002), [{c: row[c] for c in columns}])
        conn.execute(insert(schema.events), [event_row(event)])
        conn.execute(insert(schema.event_claims), [{"event_id": event.id, "claim_id": "c1"}])
    engine.dispose()
    with Store.open(str(path)) as store:
        assert store.count("documents") == 1 and store.count("claims") == 1
        [again] = store.events()
        assert again.id == event.id and again.actor1 == HTS and again.claims == (claim,)
        with store.read() as conn:
            assert conn.scalar(select(func.count()).select_from(schema.edits)) == 0
        Corrections(store).edit_event(event.id, {"fatalities": 1}, author="ana")
        assert store.event(event.id).fatalities == 1  # type: ignore[union-attr]


def test_a_place_spelling_resolves_in_the_next_gazetteer_and_travels(
        store: Store, tmp_path: Path) -> None:
    from frontlines.geo import Gazetteer

    with store.transaction() as conn:
        conn.execute(insert(schema.places), [{"id": "SY-X1", "name": "Kafr Qasim", "lat": 35.9,
                                              "lon": 36.6, "kind": "populated_place",
                                              "country": "SY", "source": "test"}])
    assert not Gazetteer.from_store(store).matches("Kfer Kassem Village", fuzzy=False)
    record = Corrections(store).add_spelling("place", "Kfer Kassem Village", "SY-X1",
                                             reason="local spelling", author="ana")
    assert record["action"] == "spelling" and record["after"] == {"name": "Kfer Kassem Village"}
    [(place, _)] = Gazetteer.from_store(store).matches("Kfer Kassem Village", fuzzy=False)
    assert place.id == "SY-X1"
    with pytest.raises(EditError, match="already"):
        Corrections(store).add_spelling("place", "Kfer Kassem Village", "SY-X1", author="ana")
    with pytest.raises(EditError, match="no place"):
        Corrections(store).add_spelling("place", "Nowhere", "SY-X404", author="ana")
    exported = export_edits(store)
    assert exported["spellings"][0]["name"] == "Kfer Kassem Village"
    with Store.open(str(tmp_path / "other.db")) as other:
        with other.transaction() as conn:
            conn.execute(insert(schema.places), [{"id": "SY-X1", "name": "Kafr Qasim",
                                                  "lat": 35.9, "lon": 36.6, "source": "t",
                                                  "kind": "populated_place"}])
        from frontlines.workspace import dump_yaml

        import_edits(other, dump_yaml(exported))
        assert Gazetteer.from_store(other).matches("Kfer Kassem Village", fuzzy=False)


def test_an_actor_spelling_and_a_fold_reach_the_knowledge_base(store: Store) -> None:
    from frontlines.knowledge import actor_knowledge
    from frontlines.store.actors import save_provisional_actors

    kb = actor_knowledge(store)
    assert kb.resolve("Hayat Tahrir el-Shaam Front HQ") is None
    Corrections(store, kb).add_spelling("actor", "Hayat Tahrir el-Shaam Front HQ", "hts",
                                        author="ana")
    found = actor_knowledge(store).resolve("Hayat Tahrir el-Shaam Front HQ")
    assert found is not None and found[0].id == "hts"

    from frontlines.model import Actor

    save_provisional_actors(store, [Actor(id="provisional:jaysh-al-badiya-x", name="Jaysh al-Badiya X",
                                          provisional=True, source="text")])
    assert [i["id"] for i in review_queue(store, "actor")] == ["provisional:jaysh-al-badiya-x"]
    record = Corrections(store).fold_actor("provisional:jaysh-al-badiya-x", "hts", author="ana")
    assert record["action"] == "fold" and record["after"] == {"into": "hts"}
    assert review_queue(store, "actor") == []
    found = actor_knowledge(store).resolve("Jaysh al-Badiya X")
    assert found is not None and found[0].id == "hts"
    with pytest.raises(EditError, match="no provisional actor"):
        Corrections(store).fold_actor("provisional:nobody", "hts", author="ana")


def test_the_cli_manages_users_reviews_and_moves_edits(edited: tuple[Store, str],
                                                        tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from frontlines.cli import app

    store, event_id = edited
    db = str(store.engine.url.database)
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None) -> Any:
        return runner.invoke(app, [*args, "--db", db], input=stdin)

    r = run("users", "add", "ana", "--role", "editor", "--password-stdin",
            stdin="a long password\n")
    assert r.exit_code == 0 and "added ana (editor)" in r.stdout
    assert run("users", "list").stdout.split()[:2] == ["ana", "editor"]
    assert run("users", "add", "bob", "--role", "boss", "--password-stdin",
               stdin="a long password\n").exit_code == 2
    token = run("users", "token", "ana").stdout.strip()
    assert token.startswith("fl_")
    r = run("review", "edit", event_id, "--as", "ana", "--fatalities", "4", "--reason", "toll")
    assert r.exit_code == 0, r.output
    assert store.event(event_id).fatalities == 4  # type: ignore[union-attr]
    r = run("review", "edit", "no-such-event", "--as", "ana", "--fatalities", "4")
    assert r.exit_code == 1 and "no event 'no-such-event'" in r.output
    r = run("review", "history", event_id, "--json")
    assert json.loads(r.stdout)[0]["reason"] == "toll"
    out = tmp_path / "edits.yaml"
    assert run("edits", "export", "-o", str(out)).exit_code == 0
    with Store.open(str(tmp_path / "other.db")) as other:
        _ingest(other, "Tahrir al-Sham clashed with Ahrar al-Sham in Saraqib on Wednesday.",
                "c1")
        r = runner.invoke(app, ["edits", "import", str(out), "--db",
                                str(other.engine.url.database)])
        assert r.exit_code == 0 and "1 edits added" in r.stdout
        assert other.events()[0].fatalities == 4
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: nope\n", encoding="utf-8")
    r = run("edits", "import", str(bad))
    assert r.exit_code == 2 and "not a frontlines edits file" in r.output
    assert run("users", "remove", "ana").exit_code == 0
    assert "no users" in run("users", "list").stdout


def test_edits_users_and_the_queue_work_on_sqlite_and_postgresql(any_store: Store) -> None:
    store = any_store
    _ingest(store, "Tahrir al-Sham clashed with Ahrar al-Sham in Saraqib on Wednesday.", "c1")
    [event] = store.events()
    Corrections(store).edit_event(event.id, {"fatalities": 3, "actor2": {"name": "Jaysh X"}},
                                  reason="checked", author="ana")
    _ingest(store, "Twelve fighters died in the Saraqib clashes on Wednesday.", "c2", killed=12)
    store.replace_events(consolidate(store.claims(live=True)))
    [event] = store.events()
    assert event.fatalities == 3 and event.actor2 is not None and event.actor2.name == "Jaysh X"
    assert [i["reason"] for i in review_queue(store, "event")] == ["flagged"]
    Corrections(store).reject_claim("c2", author="ana")
    assert [c.id for c in store.events()[0].claims] == ["c1"]
    users = Users(store)
    ana = users.add("ana", "a long password", "editor")
    assert users.authenticate("ana", "a long password") == ana
    assert len(export_edits(store)["edits"]) == 2


def _ingest_at(store: Store, text: str, cid: str, place: GeoRef) -> None:
    doc = _doc(text)
    claim = dataclasses.replace(_claim(doc, cid), place=place)
    store.save_documents([DocumentRecords(doc, claims=[claim])], group_key=_group,
                         consolidate=consolidate)


def test_two_events_merged_stay_one_through_new_claims_and_reconsolidation(
        store: Store) -> None:
    _ingest_at(store, "Tahrir al-Sham clashed with Ahrar al-Sham in Saraqib on Wednesday.", "c1",
               SARAQIB)
    _ingest_at(store, "Tahrir al-Sham fought Ahrar al-Sham at Binnish on Wednesday.", "c2",
               BINNISH)
    first, other = sorted(store.events(), key=lambda e: e.place.name)  # type: ignore[union-attr]
    assert first.place.name == "Binnish"  # type: ignore[union-attr]
    record = Corrections(store).merge_events(first.id, other.id, reason="one battle",
                                             author="ana")
    assert record["action"] == "merge"
    [merged] = store.events()
    assert merged.id == first.id and {c.id for c in merged.claims} == {"c1", "c2"}
    # a new report of the Saraqib side: both groups are rebuilt together, the merge holds
    _ingest_at(store, "Clashes in Saraqib between HTS and Ahrar on Wednesday, sources said.",
               "c3", SARAQIB)
    [merged] = store.events()
    assert {c.id for c in merged.claims} == {"c1", "c2", "c3"}
    store.replace_events(consolidate(store.claims(live=True)))
    [merged] = store.events()
    assert merged.id == first.id and len(merged.claims) == 3
    assert [e["action"] for e in Corrections(store).history(merged.id)] == ["merge"]
    with pytest.raises(EditError, match="itself"):
        Corrections(store).merge_events(first.id, first.id, author="ana")


def test_a_split_event_stays_split_and_its_new_half_can_be_edited(store: Store) -> None:
    _ingest(store, "Tahrir al-Sham clashed with Ahrar al-Sham in Saraqib on Wednesday.", "c1")
    _ingest(store, "Fighting between HTS and Ahrar in Saraqib on Wednesday, sources said.", "c2")
    [event] = store.events()
    with pytest.raises(EditError, match="at least one claim"):
        Corrections(store).split_event(event.id, ["c1", "c2"], author="ana")
    with pytest.raises(EditError, match="not claims of event"):
        Corrections(store).split_event(event.id, ["c9"], author="ana")
    record = Corrections(store).split_event(event.id, ["c2"], reason="another day",
                                            author="ana")
    new_id = record["after"]["new_id"]
    Corrections(store).edit_event(new_id, {"date": "2017-07-18"}, author="ana")
    for _ in range(2):  # after the split and after a re-consolidation of everything
        events = {e.id: e for e in store.events()}
        assert set(events) == {event.id, new_id}
        assert [c.id for c in events[event.id].claims] == ["c1"]
        assert [c.id for c in events[new_id].claims] == ["c2"]
        assert events[new_id].date == date(2017, 7, 18)
        store.replace_events(consolidate(store.claims(live=True)))


def test_claims_marked_needs_review_or_low_confidence_are_queued_until_settled(
        store: Store) -> None:
    from sqlalchemy import update

    _ingest(store, "Tahrir al-Sham clashed with Ahrar al-Sham in Saraqib on Wednesday.", "c1")
    _ingest(store, "Fighting between HTS and Ahrar in Saraqib on Wednesday, sources said.", "c2")
    assert review_queue(store, "claim") == []
    with store.transaction() as conn:
        for cid, extra in (("c1", {"needs_review": True}), ("c2", {"confidence": 0.3})):
            data = conn.scalar(select(schema.claims.c.data).where(schema.claims.c.id == cid))
            conn.execute(update(schema.claims).where(schema.claims.c.id == cid)
                         .values(data={**data, **extra}))
    queue = review_queue(store, "claim")
    assert {(i["id"], i["reason"]) for i in queue} == {("c1", "needs_review"),
                                                      ("c2", "low_confidence")}
    assert review_queue(store, reason="low_confidence")[0]["note"] == "confidence 0.30"
    Corrections(store).accept_item("claim", "c1", author="ana")
    Corrections(store).reject_claim("c2", author="ana")
    assert review_queue(store, "claim") == []
