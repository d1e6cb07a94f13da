"""Eval rule 7: derived control on the published date against the gold's control map."""

from __future__ import annotations

import json
from pathlib import Path

from frontlines.eval.control import score_control
from frontlines.model import ActorRef
from frontlines.state.control import ControlState

GOLD = {
    "actors": {"IS": {"names": ["Islamic State", "ISIS"]}, "SDF": {"names": ["QSD: Syrian Democratic Forces", "SDF"]}},
    "places": {
        "RAQQA": {"names": ["Raqqa", "Ar Raqqah"], "lat": 35.95, "lon": 39.01},
        "TABQA": {"names": ["Tabqa", "Al Thawrah"], "lat": 35.84, "lon": 38.55},
        "MANBIJ": {"names": ["Manbij"], "lat": 36.53, "lon": 37.95},
    },
    "control_on_published": {"SDF": ["TABQA", "MANBIJ"], "contested": ["RAQQA"]},
}


def test_eval_control_matches_places_by_name_or_distance(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(GOLD), encoding="utf-8")
    sdf = ActorRef("sdf", "Syrian Democratic Forces", acled_name="QSD: Syrian Democratic Forces")
    states = [
        ControlState("p1", "Ar Raqqah", "contested", 35.95, 39.01),
        ControlState("p2", "Madinat al-Thawra", "held", 35.85, 38.54, controller=sdf),  # by distance
        ControlState("p3", "Manbij", "held", 36.53, 37.95, controller=ActorRef("is", "Islamic State")),
    ]
    report = score_control(states, path)
    assert {r["place"]: r["derived"] for r in report.rows} == {
        "RAQQA": "contested", "TABQA": "SDF", "MANBIJ": "IS"}
    assert report.accuracy == 2 / 3
