"""`frontlines eval`: gold readers, matching rules and scores, on files of our own and the seed."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.errors import GoldFileError
from frontlines.eval import load_acled_csv, load_gold, score_gold
from frontlines.eval.run import evaluate
from frontlines.ingest import iter_documents

REPORT = ("Army Pushes into Tikrit\n\nBAGHDAD (AP)- Iraqi forces captured the towns of Tikrit "
          "and Mosul on Wednesday, security sources said. Iraqi forces also clashed with the "
          "Islamic State in Ramadi.\n")


def _gold(tmp_path: Path, events: list[dict[str, object]]) -> Path:
    gold = {
        "documents": [{"id": "d1", "title": "Army Pushes into Tikrit", "published": "2020-03-06"}],
        "actors": {"IQ": {"names": ["Military Forces of Iraq", "Iraqi forces"]},
                   "IS": {"names": ["Islamic State"]}},
        "places": {"TIKRIT": {"names": ["Tikrit"], "lat": 34.6, "lon": 43.68},
                   "RAMADI": {"names": ["Ramadi"], "lat": 33.42, "lon": 43.3},
                   "BAGHDAD": {"names": ["Baghdad"]}},
        "events": events,
        "must_not": [{"why": "dateline", "location": ["Baghdad"]}],
    }
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold), encoding="utf-8")
    return path


def test_eval_gold_file_errors_say_what_is_wrong(tmp_path: Path) -> None:
    with pytest.raises(GoldFileError, match="cannot read"):
        load_gold(tmp_path / "missing.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(GoldFileError):
        load_gold(bad)
    bad.write_text(json.dumps({"events": []}), encoding="utf-8")
    with pytest.raises(GoldFileError, match="not a gold file"):
        load_gold(bad)
    csv = tmp_path / "x.csv"
    csv.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="missing columns"):
        load_acled_csv(csv)


def test_eval_scores_a_small_report(tmp_path: Path, pipeline, store) -> None:  # type: ignore[no-untyped-def]
    report_path = tmp_path / "report.txt"
    report_path.write_text(REPORT, encoding="utf-8")
    pipeline.run(iter_documents([report_path], published=date(2020, 3, 6)))
    pipeline.consolidate()
    gold = load_gold(_gold(tmp_path, [
        {"id": "E1", "doc": "d1", "required": True, "event_type": "Battles",
         "sub_event_type": ["Government regains territory"], "actor1": "IQ", "place": "TIKRIT",
         "date": "2020-03-04", "time_precision": 1},
        {"id": "E2", "doc": "d1", "required": False, "event_type": "Battles",
         "sub_event_type": ["Armed clash"], "actor1": "IQ", "actor2": "IS", "place": "RAMADI"},
    ]))
    result = score_gold(store, gold)
    d = result.as_dict()
    assert d["violations"] == []
    assert d["events"]["matched_required"] == 1 and d["events"]["recall"] == 1.0
    assert d["events"]["predicted"] == 3  # Tikrit, Mosul, Ramadi
    assert d["fields"]["date"]["accuracy"] == 1.0
    assert d["fields"]["actor2"]["accuracy"] == 1.0


def test_eval_acled_csv_ingests_notes_and_scores_fields(tmp_path: Path, pipeline, store) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "acled.csv"
    csv.write_text(
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,"
        "country,admin1,location,latitude,longitude,fatalities,notes\n"
        'IRQ1,04 March 2020,1,Battles,Armed clash,Military Forces of Iraq (2018-),Islamic State '
        '(Iraq),Iraq,Salah al-Din,Tikrit,34.6,43.68,2,"On 4 March 2020, Iraqi forces clashed '
        'with the Islamic State in Tikrit, killing 2 militants."\n'
        "IRQ2,05-Mar-20,1,Protests,Peaceful protest,Protesters (Iraq),,Iraq,Baghdad,Baghdad,"
        '33.34,44.4,0,"On 5 March 2020, hundreds of students demonstrated in Baghdad against '
        'the government."\n', encoding="utf-8")
    report = evaluate(store, csv, pipeline=pipeline)
    acc = report.as_dict()["fields"]
    assert report.rows == 2 and report.with_event == 2
    assert acc["sub_event_type"]["accuracy"] == 1.0
    assert acc["date"]["accuracy"] == 1.0


def test_eval_command_on_the_seed(seed_path: Path, seed_gold_path: Path, tmp_path: Path,
                                  pipeline, store) -> None:  # type: ignore[no-untyped-def]
    pipeline.run(iter_documents([seed_path], published=date(2017, 7, 21)))
    pipeline.consolidate()
    runner = CliRunner()
    result = runner.invoke(app, ["eval", str(seed_gold_path), "--db", store.url.replace(
        "sqlite:///", ""), "--json"])
    assert result.exit_code == 0, result.output
    d = json.loads(result.stdout)
    assert d["violations"] == []
    assert d["events"]["recall_required"] >= 0.8  # a floor well below the measured figure
    assert d["events"]["precision"] >= 0.7
    control = d["control_on_published"]  # rule 7: every gold place scored, most right
    assert control["places"] == sum(len(v) for v in json.loads(
        seed_gold_path.read_text(encoding="utf-8"))["control_on_published"].values())
    assert control["accuracy"] >= 0.5


def test_eval_command_fails_loudly_on_an_unreadable_gold(tmp_path: Path) -> None:
    bad = tmp_path / "gold.json"
    bad.write_text("[]", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", str(bad), "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    assert "not a gold file" in result.output


def test_eval_acled_main_event_precedence_and_territory(tmp_path: Path, pipeline, store) -> None:  # type: ignore[no-untyped-def]
    csv = tmp_path / "acled.csv"
    csv.write_text(
        "event_id_cnty,event_date,time_precision,event_type,sub_event_type,actor1,actor2,"
        "country,admin1,location,latitude,longitude,fatalities,notes\n"
        "IRQ1,04 March 2020,1,Explosions/Remote violence,Air/drone strike,Military Forces of "
        "Iraq (2018-),Islamic State (Iraq),Iraq,Salah al-Din,Tikrit,34.6,43.68,0,"
        '"On 4 March 2020, Iraqi forces shelled Tikrit while Iraqi warplanes carried out '
        'airstrikes on the town."\n'
        "IRQ2,05 March 2020,1,Battles,Government regains territory,Military Forces of Iraq "
        "(2018-),Islamic State (Iraq),Iraq,Salah al-Din,Tikrit,34.6,43.68,0,"
        '"On 5 March 2020, clashes took place between Iraqi forces and the Islamic State in '
        'Tikrit. Iraqi forces captured the town."\n', encoding="utf-8")
    report = evaluate(store, csv, pipeline=pipeline)
    assert report.confusion == {"Air/drone strike": {"Air/drone strike": 1},
                                "Government regains territory":
                                    {"Government regains territory": 1}}
    assert [p["predicted"] for p in report.predictions] == [
        "Air/drone strike", "Government regains territory"]


def test_eval_relations_hold_on_the_published_date() -> None:
    from frontlines.eval.run import _holds_on
    from frontlines.model import Relation, RelationKind

    on = date(2017, 7, 21)
    ended = Relation(actor="a", kind=RelationKind.MEMBER_OF, target="b", end="2017-06")
    ending = Relation(actor="a", kind=RelationKind.MEMBER_OF, target="b", end="2017-07")
    later = Relation(actor="a", kind=RelationKind.HOSTILE_TO, target="b", start="2017-11")
    undated = Relation(actor="a", kind=RelationKind.ALLIED_WITH, target="b")
    assert [_holds_on(r, on) for r in (ended, ending, later, undated)] == [
        False, True, False, True]
