"""Materialised control: kept current incrementally as events land, equal to a full recompute
(`rebuild`) and to the control replay over every event, on every date."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from frontlines.state import control_on
from frontlines.state.materialised import control_states, rebuild, refresh
from frontlines.store import Store
from frontlines.store.live_schema import state_control, state_control_history, state_places


def _dates(first: date, last: date) -> list[date]:
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def _replayed(store: Store, on: date) -> list[dict]:
    return [s.as_dict() for s in control_on(store.events(), on)]


def _materialised(store: Store, on: date) -> list[dict]:
    return [s.as_dict() for s in control_states(store, on)]


def _rows(store: Store) -> tuple[list, list, list, list]:
    with store.read() as conn:
        c, h = state_control.c, state_control_history.c
        states = sorted((r.place_key, r.valid_from, r.valid_to, r.admin1, str(r.data))
                        for r in conn.execute(select(c.place_key, c.valid_from, c.valid_to,
                                                     c.admin1, c.data)))
        hist = sorted((r.place_key, r.seq, r.date, str(r.entry)) for r in conn.execute(
            select(h.place_key, h.seq, h.date, h.entry)))
        places = sorted(tuple(r) for r in conn.execute(select(state_places)))
        features = sorted((r.place_key, r.valid_from, r.first_event, r.feature)
                          for r in conn.execute(select(c.place_key, c.valid_from,
                                                       c.first_event, c.feature)))
    return states, hist, places, features


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
    from frontlines.state import ConflictState

    from .conftest import build_conflict_store

    build_conflict_store(any_store)
    view = ConflictState(any_store)
    for on in (date(2017, 7, 1), date(2017, 7, 19), date(2017, 7, 20), date(2017, 7, 21)):
        assert _materialised(any_store, on) == _replayed(any_store, on), on
        for kw in ({}, {"history": 1}, {"history": 2}, {"region": "Idleb"},
                   {"place": "t:hazarin"}):
            fast, computed = _as_api(view, on, **kw)
            assert fast == computed, (on, kw)
    assert refresh(any_store) == 0
    states = _rows(any_store)
    rebuild(any_store)
    assert _rows(any_store) == states
    # from the events a bulk load holds (benchmarks/scale.py): the same rows, written by COPY
    # on PostgreSQL
    rebuild(any_store, events=any_store.events())
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


def _as_api(view, on: date, **kw) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The API's text for control (joined from stored features) and what encoding the
    computed states gives, for the same question."""
    from frontlines.state import control_geojson
    from frontlines.state.materialised import dumps

    states = view.control(on, kw.get("region"), kw.get("history"), kw.get("place"))
    return view.control_json(on, **kw), dumps(control_geojson(states, on, kw.get("region")))


def test_control_json_is_the_geojson_of_the_computed_states(conflict_store: Store) -> None:
    """The API joins stored feature texts; the answer is byte for byte what encoding the
    states gives, for every date, region, history length and place."""
    import json

    from frontlines.state import ConflictState

    view = ConflictState(conflict_store)
    asked = 0
    for on in _dates(date(2017, 6, 30), date(2017, 7, 25)):
        for kw in ({}, {"history": 0}, {"history": 1}, {"region": "Idleb", "history": 2}):
            fast, computed = _as_api(view, on, **kw)
            assert fast == computed, (on, kw)
        body = json.loads(view.control_json(on))
        for f in body["features"]:
            fast, computed = _as_api(view, on, place=f["id"])
            assert fast == computed
            assert json.loads(fast)["features"] == [f]  # one place, the same state
            asked += 1
    assert asked > 20
    assert json.loads(view.control_json(date(2017, 7, 21), place="t:nowhere"))["features"] == []


def test_control_of_one_place_is_that_place_of_all(conflict_store: Store) -> None:
    from frontlines.state import ConflictState, ControlRules

    on = date(2017, 7, 21)
    for view in (ConflictState(conflict_store),  # materialised
                 ConflictState(conflict_store, rules=ControlRules(max_geo_precision=3))):
        every = view.control(on)
        assert len(every) >= 3
        for s in every:
            assert view.control(on, place=s.place_id) == [s]
        assert view.control(on, place="t:nowhere") == []


def test_a_store_at_0007_upgrades_and_rebuilds_control(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Migration 0008 adds the lookup table and the stored features: a store made before it
    answers control as before once upgraded (the next refresh rebuilds the rows)."""
    from pathlib import Path

    from alembic import command
    from alembic.config import Config

    from frontlines.store import schema

    from .conftest import build_conflict_store

    url = f"sqlite:///{tmp_path / 'old.db'}"
    store = Store.open(url)
    build_conflict_store(store)
    days = _dates(date(2017, 7, 18), date(2017, 7, 22))
    before = {on: _materialised(store, on) for on in days}
    cfg = Config()
    cfg.set_main_option("script_location", str(Path(schema.__file__).parent / "migrations"))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0007_state_events")
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    with store.read() as conn:
        assert conn.execute(select(state_places)).first() is None  # to be rebuilt
    for on in days:
        assert _materialised(store, on) == before[on] == _replayed(store, on), on
    with store.read() as conn:
        assert conn.execute(select(state_places)).first() is not None
    store.close()
