"""Casualty aggregates keep the reported ranges and list period tolls beside them."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.model import CasualtyReport, Document, Qualifier, Quantity
from frontlines.state import ConflictState, casualties_by
from frontlines.store import Store


def test_state_casualties_by_actor_keep_conflicting_figures_as_a_range(
    conflict_store: Store,
) -> None:
    groups = {g["key"]: g for g in ConflictState(conflict_store).casualties("actor")["groups"]}
    army = groups["syria-military"]
    assert (army["low"], army["high"], army["fatalities"]) == (12, 15, 12)
    hts = groups["hts"]  # "tens dead" has no known top
    assert (hts["low"], hts["high"], hts["open_ended"]) == (14, None, True)


def test_state_casualties_by_month_and_place(conflict_store: Store) -> None:
    view = ConflictState(conflict_store)
    (july,) = view.casualties("month")["groups"]
    assert (july["key"], july["events"], july["low"]) == ("2017-07", 3, 26)
    places = {g["label"] for g in view.casualties("place")["groups"]}
    assert places == {"Ariha", "Hazarin", "Khan Shaykhun"}


def test_state_casualties_list_period_reports_beside_events(conflict_store: Store) -> None:
    text = "Over 50 militants from both warring sides have been killed in the last 3 days."
    doc = Document.create(text, published=date(2017, 7, 21))
    report = CasualtyReport(
        id="r1", doc_id=doc.id, evidence=text, evidence_start=0, evidence_end=len(text),
        quantities=(Quantity("over 50", "killed", 50, Qualifier.AT_LEAST),),
        period_start=date(2017, 7, 18), period_end=date(2017, 7, 21),
    )
    conflict_store.save_document(doc, casualty_reports=[report])
    result = ConflictState(conflict_store).casualties("day")
    (reported,) = result["reports"]
    assert reported["quantities"][0] == {"category": "killed", "value": 50, "upper": None,
                                         "qualifier": "at_least", "text": "over 50"}
    assert sum(g["low"] for g in result["groups"]) == 26  # never added into event tolls


def test_state_casualties_refuse_unknown_grouping() -> None:
    with pytest.raises(ValueError, match="one of actor, place"):
        casualties_by([], "decade")


def test_casualties_command_prints_ranges_and_json(conflict_store: Store) -> None:
    import json

    from typer.testing import CliRunner

    from frontlines.cli import app

    db = conflict_store.url.replace("sqlite:///", "")
    runner = CliRunner()
    result = runner.invoke(app, ["casualties", "--by", "actor", "--db", db])
    assert result.exit_code == 0, result.output
    assert "12-15" in result.stdout and "14+" in result.stdout  # ranges as reported
    result = runner.invoke(app, ["casualties", "--by", "month", "--json", "--db", db])
    (july,) = json.loads(result.stdout)["groups"]
    assert july["key"] == "2017-07" and july["low"] == 26
    result = runner.invoke(app, ["casualties", "--by", "weekday", "--db", db])
    assert result.exit_code == 2 and "--by must be one of" in result.stderr
