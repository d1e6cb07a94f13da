"""Scoring rule 7: the controller the system derives for each gold place on the published date."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.eval.gold import norm
from frontlines.eval.score import distance_km
from frontlines.state.control import ControlState

__all__ = ["ControlReport", "score_control"]

CONTESTED = "contested"


@dataclass
class ControlReport:
    """Per gold place: the expected controller key (or "contested") and what was derived."""

    rows: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return sum(r["correct"] for r in self.rows) / len(self.rows) if self.rows else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"accuracy": round(self.accuracy, 3), "places": len(self.rows), "rows": self.rows}


def _gold_control(path: str | Path) -> tuple[dict[str, Any], dict[str, Any], dict[str, str]]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    expected: dict[str, str] = {}
    for key, places in (data.get("control_on_published") or {}).items():
        for place in places:
            expected[place] = key
    return data.get("places") or {}, data.get("actors") or {}, expected


def _state_for(place: dict[str, Any], states: Sequence[ControlState]) -> ControlState | None:
    names = {norm(n) for n in place.get("names", [])}
    for s in states:
        if norm(s.name) in names:
            return s
    lat, lon = place.get("lat"), place.get("lon")
    if lat is None or lon is None:
        return None
    near = [(distance_km(lat, lon, s.lat, s.lon), s) for s in states
            if s.lat is not None and s.lon is not None]
    near = [(d, s) for d, s in near if d <= 10.0]
    return min(near, key=lambda x: x[0])[1] if near else None


def _derived(state: ControlState | None, actors: dict[str, Any]) -> str | None:
    if state is None:
        return None
    if state.status == CONTESTED:
        return CONTESTED
    if state.controller is None:
        return state.status
    names = {norm(state.controller.name), norm(state.controller.acled_name)}
    for key, actor in actors.items():
        if names & {norm(n) for n in actor.get("names", [])}:
            return key
    return state.controller.name


def score_control(states: Sequence[ControlState], gold_path: str | Path) -> ControlReport:
    """Compare derived control states with the gold file's `control_on_published`."""
    places, actors, expected = _gold_control(gold_path)
    report = ControlReport()
    for place_key, want in expected.items():
        state = _state_for(places.get(place_key, {}), states)
        got = _derived(state, actors)
        report.rows.append({"place": place_key, "expected": want, "derived": got,
                            "correct": got == want})
    return report
