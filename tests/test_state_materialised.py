"""Materialised control: kept current incrementally as events land, equal to a full recompute
(`rebuild`) and to the control replay over every event, on every date."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from frontlines.state import control_on
from frontlines.state.materialised import control_states, rebuild, refresh
from frontlines.store import Store
from frontlines.store.live_schema import state_control, state_control_history


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _replayed(store: Store, on: date) -> list[dict]:
    return [s.as_dict() for s in control_on(store.events(), on)]


def _materialised(store: Store, on: date) -> list[dict]:
    return [s.as_dict() for s in control_states(store, on)]


def _rows(store: Store) -> tuple[list, list]:
    with store.read() as conn:
        c, h = state_control.c, state_control_history.c
        states = sorted((r.place_key, r.valid_from, r.valid_to, r.admin1, str(r.data))
                        for r in conn.execute(select(c.place_key, c.valid_from, c.valid_to,
                                                     c.admin1, c.data)))
        hist = sorted((r.place_key, r.seq, r.date, str(r.entry)) for r in conn.execute(
            select(h.place_key, h.seq, h.date, h.entry)))
    return states, hist


def test_materialised_control_equals_the_replay_on_every_date(conflict_store: Store) -> None:
    for on in _dates(date(2017, 6, 30), date(2017, 7, 25)):
        assert _materialised(conflict_store, on) == _replayed(conflict_store, on), on
    held = {s["name"]: s for s in _materialised(conflict_store, date(2017, 7, 21))}
    assert held["Saraqib"]["status"] == "held" and held["Hazarin"]["status"] == "contested"


def test_incremental_refresh_equals_rebuild_as_reports_land(pipeline) -> None:  # type: ignore[no-untyped-def]
    from frontlines.model import Document

    store = pipeline.store
    reports = [
        ("Hay'at Tahrir al-Sham fighters captured the village of Kafranbel on Tuesday after "
         "clashes with the National Front for Liberation, local sources said.", date(2019, 5, 8)),
        ("The National Front for Liberation attacked Kafranbel on Thursday, trying to retake "
         "the village from Hay'at Tahrir al-Sham, activists said.", date(2019, 5, 10)),
        ("The Syrian army regained control of the town of Khan Shaykhun on Monday after heavy "
         "fighting with Hay'at Tahrir al-Sham, state media said.", date(2019, 5, 14)),
        ("The National Front for Liberation recaptured Kafranbel on Friday, local sources "
         "said.", date(2019, 5, 18)),
    ]
    assert refresh(store) == 0  # empty store: built, nothing to do
    for text, published in reports:
        pipeline.run([Document.create(text, published=published)])
        recomputed = refresh(store)
        assert recomputed >= 1  # only the places the report touched
        incremental = _rows(store)
        for on in _dates(date(2019, 5, 6), date(2019, 5, 20)):
            assert _materialised(store, on) == _replayed(store, on), on
        rebuild(store)
        assert _rows(store) == incremental
    assert refresh(store) == 0  # nothing changed since
    states = {s["name"]: s for s in _materialised(store, date(2019, 5, 20))}
    assert any(s["status"] in ("held", "contested") for s in states.values())


def test_materialised_control_on_sqlite_and_postgres(any_store: Store) -> None:
    from .conftest import build_conflict_store

    build_conflict_store(any_store)
    for on in (date(2017, 7, 1), date(2017, 7, 19), date(2017, 7, 20), date(2017, 7, 21)):
        assert _materialised(any_store, on) == _replayed(any_store, on), on
    assert refresh(any_store) == 0
    states = _rows(any_store)
    rebuild(any_store)
    assert _rows(any_store) == states


def test_history_limit_keeps_the_last_entries_and_region_filters_first(
        conflict_store: Store) -> None:
    from frontlines.state import ConflictState, ControlRules

    view = ConflictState(conflict_store)
    on = date(2017, 7, 21)
    full = {s.place_id: s for s in view.control(on)}
    last1 = {s.place_id: s for s in view.control(on, history=1)}
    assert last1.keys() == full.keys()
    for pid, s in full.items():
        assert list(last1[pid].history) == list(s.history[-1:])
        assert last1[pid].as_dict() | {"history": []} == s.as_dict() | {"history": []}
    assert all(not s.history for s in view.control(on, history=0))
    idlib = view.control(on, "Idleb")
    assert idlib and {s.admin1 for s in idlib} == {"Idlib"}
    replay = ConflictState(conflict_store, rules=ControlRules(max_geo_precision=3))
    assert [s.as_dict() for s in replay.control(on, "Idlib", history=1)] == \
        [s.as_dict() for s in view.control(on, "Idlib", history=1)]
