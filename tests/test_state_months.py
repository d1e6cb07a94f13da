"""Control on a date from monthly snapshots (state/materialised.py, migration 0009): a month's
snapshot plus the changes since its start give, on every date, what a lookup per place gives;
incremental refreshes leave the snapshots a rebuild writes; on PostgreSQL the map's request
(every place, no history) is assembled in one query and gives the same text."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from sqlalchemy import select, update

from frontlines.model import ActorRef, Claim, Document, Event, GeoRef
from frontlines.state import ConflictState
from frontlines.state import materialised as m
from frontlines.store import Store
from frontlines.store.live_schema import state_control_months, state_events, state_meta

SUBS = [("Battles", "Non-state actor overtakes territory"),
        ("Battles", "Government regains territory"),
        ("Battles", "Armed clash"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack")]


def _events(doc: Document, first: int, n: int, start: date, days: int, seed: int
            ) -> tuple[list[Claim], list[Event]]:
    """`n` made-up events at twelve villages in three provinces (several theatres' names)."""
    rng = random.Random(seed)
    names = ["Kafr Nabl", "Marib", "Bakhmut", "Gao", "Kidal", "Sirte", "Afgooye", "Hodeidah",
             "Tal Afar", "Beni", "Ménaka", "Zhytomyr"]
    places = [GeoRef(text=x, place_id=f"t:{k}", name=x, lat=30.0 + k / 10, lon=40.0 + k / 10,
                     country="XX", admin1=f"Province {k % 3}") for k, x in enumerate(names)]
    actors = [ActorRef(f"group-{k}", f"Armed Group {k}") for k in range(4)]
    claims, events = [], []
    for i in range(first, first + n):
        etype, sub = SUBS[rng.randrange(len(SUBS))]
        a1, a2 = rng.sample(actors, 2)
        where = places[rng.randrange(len(places))]
        c = Claim(id=f"c-{i}", doc_id=doc.id, sentence=i, evidence=f"Made-up sentence {i}.",
                  evidence_start=0, evidence_end=5, trigger="took", event_type=etype,
                  sub_event_type=sub, actor1=a1, actor2=a2, place=where)
        claims.append(c)
        events.append(Event(id=f"e-{i}", event_type=etype, sub_event_type=sub, claims=(c,),
                            actor1=a1, actor2=None if "overtakes" in sub else a2, place=where,
                            date=start + timedelta(days=rng.randrange(days)),
                            notes=c.evidence))
    return claims, events


def _fill(store: Store, first: int, n: int, start: date, days: int, seed: int) -> list[Event]:
    doc = Document.create(f"Made-up report {seed} of {n} events.", published=start)
    claims, events = _events(doc, first, n, start, days, seed)
    store.save_document(doc, claims=claims)
    return events


def _month_rows(store: Store) -> tuple[list[tuple[object, ...]], str | None]:
    with store.read() as conn:
        rows = sorted(tuple(r) for r in conn.execute(select(state_control_months)))
        mark = conn.scalar(select(state_meta.c.value).where(state_meta.c.key == m._MONTHS))
    return rows, mark


def _per_place(store: Store, on: date, history: int | None = 0) -> str:
    """The answer from a lookup per place (no snapshot read)."""
    saved, saved_pg = m._stored_months, m._all_features_pg
    m._stored_months = lambda conn: None  # type: ignore[assignment]
    m._all_features_pg = lambda *a: None  # type: ignore[assignment]
    try:
        return ConflictState(store).control_json(on, history=history)
    finally:
        m._stored_months, m._all_features_pg = saved, saved_pg


def test_monthly_snapshots_answer_as_a_lookup_per_place(any_store: Store) -> None:
    events = _fill(any_store, 0, 160, date(2019, 11, 20), 420, seed=1)
    any_store.replace_events(events)
    view = ConflictState(any_store)
    first = view.control_json(date(2020, 3, 3), history=0)  # refreshes: builds them
    rows, mark = _month_rows(any_store)
    assert mark == "2019-12-01/2021-01-01" and rows  # one month after the first change
    assert len({r[0] for r in rows}) == 14
    days = [date(2019, 11, 19), date(2019, 11, 30), date(2019, 12, 1), date(2020, 2, 29),
            date(2020, 3, 1), date(2020, 3, 3), date(2020, 12, 31), date(2021, 1, 1),
            date(2021, 1, 31), date(2021, 6, 1)]
    days += [date(2019, 12, 1) + timedelta(days=d) for d in range(0, 400, 23)]
    for on in days:
        for history in (0, 2, None):
            assert view.control_json(on, history=history) == _per_place(any_store, on, history), (
                on, history)
    assert first == _per_place(any_store, date(2020, 3, 3))
    assert '"features":[]' in view.control_json(date(2019, 11, 19))


def test_incremental_snapshots_equal_a_rebuild(any_store: Store) -> None:
    events = _fill(any_store, 0, 80, date(2020, 3, 10), 150, seed=2)
    any_store.replace_events(events)
    m.rebuild(any_store)
    for first, start, days, seed in ((80, date(2020, 9, 1), 200, 3),  # later months
                                     (120, date(2019, 12, 5), 60, 4),  # earlier ones
                                     (160, date(2020, 5, 2), 30, 5)):  # inside the range
        more = _fill(any_store, first, 40, start, days, seed)
        any_store.replace_events(more, doc_ids=[])  # adds these events
        assert m.refresh(any_store) > 0
        incremental = _month_rows(any_store)
        for on in (start - timedelta(days=1), start, start + timedelta(days=days // 2)):
            got = ConflictState(any_store).control_json(on, history=0)
            assert got == _per_place(any_store, on), on
        m.rebuild(any_store)
        assert _month_rows(any_store) == incremental


def test_a_store_without_snapshots_builds_them_without_a_replay(any_store: Store) -> None:
    events = _fill(any_store, 0, 60, date(2020, 1, 10), 120, seed=6)
    any_store.replace_events(events)
    m.rebuild(any_store)
    built = _month_rows(any_store)
    with any_store.transaction() as conn:  # as migration 0009 leaves a store
        conn.execute(state_control_months.delete())
        conn.execute(state_meta.delete().where(state_meta.c.key == m._MONTHS))
    calls: list[object] = []
    saved = m._all_by_place
    m._all_by_place = lambda *a, **k: calls.append(a) or saved(*a, **k)  # type: ignore[assignment]
    try:
        assert m.refresh(any_store) == 0  # no event changed
    finally:
        m._all_by_place = saved
    assert not calls and _month_rows(any_store) == built


@pytest.mark.postgres
def test_the_maps_request_is_one_query_on_postgres(pg_url: str) -> None:
    store = Store.open(pg_url)
    try:
        events = _fill(store, 0, 120, date(2020, 1, 15), 200, seed=7)
        store.replace_events(events)
        view = ConflictState(store)
        view.control_json(date(2020, 2, 1))
        with store.transaction() as conn:  # units reaching past every date: assessed anew
            conn.execute(update(state_events).values(horizon=date(2099, 1, 1)).where(
                state_events.c.event_id.in_([f"e-{i}" for i in range(0, 120, 3)])))
        assessed: list[str] = []  # states whose basis is assessed on the spot (not stored)
        saved = m.derived.basis_from
        m.derived.basis_from = lambda st, rows, on, kb=None: (  # type: ignore[assignment]
            assessed.extend(r.event_id for r in rows) or saved(st, rows, on, kb))
        try:
            days = [date(2020, 1, 14) + timedelta(days=d) for d in range(0, 240, 9)]
            for on in (date(2020, 1, 14) + timedelta(days=d) for d in range(0, 210, 5)):
                before = len(assessed)
                assert m._all_features_pg(store, on, None) is not None
                if len(assessed) > before:
                    days.append(on)
            assert assessed  # the texts spliced in by Python are covered too
            for on in days:
                assert view.control_json(on, history=0) == _per_place(store, on), on
        finally:
            m.derived.basis_from = saved
    finally:
        store.close()
