"""Materialised per-event state (state/derived.py): control's sources basis, casualties and the
alliance network read from rows kept current as reports land give the same answers as
assessing and replaying every event, on every date, on SQLite and PostgreSQL; and the rows
kept current incrementally equal a full rebuild."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from frontlines.ingest import iter_documents
from frontlines.knowledge import actor_knowledge
from frontlines.model import Actor
from frontlines.sources import assess_stored
from frontlines.state import ConflictState, alliance_graph, casualties_by, control_on, derived
from frontlines.state.disputes import with_basis
from frontlines.store import EventFilter, Store, schema
from frontlines.store.live_schema import state_actors, state_events

CORPUS = Path(__file__).parent / "data" / "sources" / "idlib-fortnight.jsonl"
DATES = [date(2021, 2, 27) + timedelta(days=n) for n in range(22)]


def _control_replayed(store: Store, kb: Any, on: date) -> list[dict[str, Any]]:
    """Control with its basis as computed before materialisation: every event up to `on`."""
    events = store.events(EventFilter(date_to=on))
    states = control_on(events, on)
    return [s.as_dict() for s in with_basis(states, assess_stored(store, events, kb))]


def _actors_replayed(store: Store, kb: Any) -> dict[str, str]:
    found = {a.id: a.name for a in kb.actors()}
    with store.read() as conn:
        for row in conn.execute(select(schema.actors.c.id, schema.actors.c.name)):
            found.setdefault(row.id, row.name)
    for e in store.events():
        for ref in (e.actor1, e.actor2):
            if ref is not None and ref.id:
                found.setdefault(ref.id, ref.name or ref.id)
    return found


def _alliances_replayed(view: ConflictState, on: date) -> dict[str, Any]:
    events = view.store.events(EventFilter(date_to=on, event_type="Battles"))
    actors = [Actor(id=i, name=n) for i, n in _actors_replayed(view.store, view.kb).items()]
    known = {a.id: a for a in view.actors()}
    return alliance_graph(on, view.relations(), events,
                          [known.get(a.id, a) for a in actors], window=7).as_dict()


def _rows(store: Store) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    with store.read() as conn:
        events = sorted(tuple(r) for r in conn.execute(select(state_events)))
        actors = sorted(tuple(r) for r in conn.execute(select(state_actors)))
    return events, actors


def test_derived_state_equals_the_replay_as_reports_land(any_store: Store, annotator) -> None:  # type: ignore[no-untyped-def]
    from frontlines.pipeline import Pipeline

    docs = list(iter_documents([CORPUS]))
    pipeline = Pipeline(any_store, annotator)
    kb = actor_knowledge(any_store)
    view = ConflictState(any_store, kb)
    bases: set[str | None] = set()
    for batch in (docs[:7], docs[7:14], docs[14:]):
        pipeline.run(batch)
        for on in DATES:
            got = [s.as_dict() for s in view.control(on)]
            assert got == _control_replayed(any_store, kb, on), on
            bases |= {s["basis"] for s in got}
        for by in ("actor", "place", "day"):
            where = EventFilter(date_from=date(2021, 3, 3), date_to=date(2021, 3, 12))
            assert view.casualties(by, where)["groups"] == \
                [g.as_dict() for g in casualties_by(any_store.events(where), by)]
            assert view.casualties(by)["groups"] == \
                [g.as_dict() for g in casualties_by(any_store.events(), by)]
        assert {a.id: a.name for a in view.actors()} == _actors_replayed(any_store, kb)
        for on in DATES[::3]:
            assert view.alliances(on, window=7).as_dict() == _alliances_replayed(view, on), on
        incremental = _rows(any_store)
        assert derived.rebuild(any_store, kb) == len(incremental[0])
        assert _rows(any_store) == incremental
        # from the events a bulk load holds (benchmarks/scale.py): the same rows
        assert derived.rebuild(any_store, kb, events=any_store.events()) == \
            len(incremental[0])
        assert _rows(any_store) == incremental
    assert {"assessed", "disputed"} <= bases
    assert derived.refresh(any_store, kb) == 0  # nothing changed since


def test_derived_refresh_recomputes_only_the_units_a_report_touches(
        store: Store, annotator) -> None:  # type: ignore[no-untyped-def]
    from frontlines.pipeline import Pipeline

    docs = list(iter_documents([CORPUS]))
    kb = actor_knowledge(store)
    Pipeline(store, annotator).run(docs[:-1])
    assert derived.refresh(store, kb) == store.count_events()
    before = store.count_events()
    with store.transaction() as conn:  # written an hour ago, outside the refresh's slack
        conn.execute(schema.events.update().values(
            updated_at=schema.events.c.updated_at - timedelta(hours=1)))
    Pipeline(store, annotator).run(docs[-1:])
    touched = derived.refresh(store, kb)
    assert 0 < touched < store.count_events()
    assert store.count_events() >= before
    assert derived.refresh(store, None) == store.count_events()  # other knowledge: rebuilt


def _write(store: Store, events: list[Any]) -> None:
    from sqlalchemy import insert

    from frontlines.model import Document
    from frontlines.store._rows import claim_row, document_row, event_row

    with store.transaction() as conn:
        for ev in events:
            claim = ev.claims[0]
            doc = Document.create(claim.evidence, published=ev.date, outlet=claim.outlet)
            claim = replace(claim, doc_id=doc.id)
            ev = replace(ev, claims=(claim,))
            conn.execute(insert(schema.documents), [document_row(doc)])
            conn.execute(insert(schema.claims), [claim_row(claim)])
            conn.execute(insert(schema.events), [event_row(ev)])
            conn.execute(insert(schema.event_claims), [{"event_id": ev.id,
                                                        "claim_id": claim.id}])


def test_derived_basis_as_of_a_date_leaves_out_what_comes_after(any_store: Store) -> None:
    """Two outlets of opposite sides say two sides took one town on consecutive days: a
    dispute. On the first day only the first capture is known, so its basis is `claimed`
    (what the stored row, computed over both, would not say); on the second, `disputed`."""
    from frontlines.model import ActorRef, Claim, Event, GeoRef, TimeExpr, TimePrecision

    army = ActorRef("syria-military", "Military Forces of Syria")
    hts = ActorRef("hts", "Hay'at Tahrir al-Sham")
    town = GeoRef(text="Kafr Nubl", place_id="p:kafr-nubl", name="Kafr Nubl", lat=35.6,
                  lon=36.56, admin1="Idlib")

    def capture(n: int, outlet: str, actor: ActorRef, sub: str, day: date) -> Event:
        text = f"Report {n}: {actor.name} took the town of Kafr Nubl."
        claim = Claim(id=f"c{n}", doc_id=f"{n:032d}", sentence=0, evidence=text,
                      evidence_start=0, evidence_end=len(text), trigger="took",
                      event_type="Battles", sub_event_type=sub, outlet=outlet, actor1=actor,
                      place=town, time=TimeExpr("on Monday", day, day, TimePrecision.DAY))
        return Event(id=f"e{n}", event_type="Battles", sub_event_type=sub, claims=(claim,),
                     actor1=actor, place=town, date=day, time_precision=TimePrecision.DAY)

    first, second = date(2019, 5, 8), date(2019, 5, 9)
    _write(any_store, [capture(1, "SANA", army, "Government regains territory", first),
                       capture(2, "Ebaa News Agency", hts, "Non-state actor overtakes territory",
                               second)])
    kb = actor_knowledge(any_store)
    view = ConflictState(any_store, kb)
    on_first = {s.place_id: s for s in view.control(first)}["p:kafr-nubl"]
    on_second = {s.place_id: s for s in view.control(second)}["p:kafr-nubl"]
    assert (on_first.controller, on_first.basis) == (army, "claimed")
    assert (on_second.controller, on_second.basis) == (hts, "disputed")
    with any_store.read() as conn:
        stored = dict(conn.execute(select(state_events.c.event_id, state_events.c.basis)).all())
    assert stored == {"e1": "disputed", "e2": "disputed"}
    for on in (first, second):
        assert [s.as_dict() for s in view.control(on)] == _control_replayed(any_store, kb, on)


def test_state_rebuild_command_rebuilds_control_and_per_event_rows(conflict_store: Store) -> None:
    from typer.testing import CliRunner

    from frontlines.cli import app

    kb = actor_knowledge(conflict_store)
    view = ConflictState(conflict_store, kb)
    before = [s.as_dict() for s in view.control(date(2017, 7, 21))]
    rows = _rows(conflict_store)
    with conflict_store.transaction() as conn:  # stale rows of an event deleted behind its back
        conn.execute(state_events.insert().values(
            event_id="gone", unit="gone", status="disputed", basis="disputed", low=0, high=0,
            open_ended=False))
    r = CliRunner().invoke(app, ["state", "rebuild", "--db", str(conflict_store.url)])
    assert r.exit_code == 0, r.output
    assert "rebuilt for" in r.output
    assert _rows(conflict_store) == rows
    assert [s.as_dict() for s in view.control(date(2017, 7, 21))] == before
