"""`frontlines gazetteer geocode`: a table of coded records geocoded row by row, each in the
context of its own columns; bad tables refused with one line and nothing written."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from typer.testing import CliRunner

from frontlines.cli import app
from frontlines.geo import Gazetteer, distance_km
from frontlines.geo.table import ADDED_COLUMNS, TableColumns, geocode_rows

TABLE = ("id,location,country,admin1,admin2\n"
         "1,Zakho,Iraq,Dahuk,Zakho\n"
         "2,Akcakale,Turkey,Sanliurfa,Akcakale\n"
         "3,Nowhereville,Turkey,Hatay,\n"
         "4,,Iraq,,\n")


def _run(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "geocode", *args, "--db",
                                 str(tmp_path / "f.db")])
    return result.exit_code, result.stdout, result.stderr


def test_geocode_adds_place_columns_and_keeps_every_row(tmp_path: Path) -> None:
    source = tmp_path / "events.csv"
    source.write_text(TABLE, encoding="utf-8")
    target = tmp_path / "out.csv"
    code, _, stderr = _run(tmp_path, str(source), "-o", str(target))
    assert code == 0, stderr
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == ["1", "2", "3", "4"]
    assert set(ADDED_COLUMNS) <= set(rows[0])
    zakho, akcakale, unknown, empty = rows
    assert distance_km(float(zakho["fl_latitude"]), float(zakho["fl_longitude"]),
                       37.14, 42.68) <= 10 and zakho["fl_geo_precision"] == "1"
    assert distance_km(float(akcakale["fl_latitude"]), float(akcakale["fl_longitude"]),
                       36.71, 38.95) <= 10
    assert unknown["fl_geo_precision"] == "3" and unknown["fl_country"] == "TR"
    assert empty["fl_place_id"] == "" and empty["fl_latitude"] == ""


def test_geocode_without_the_name_column_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "events.csv"
    source.write_text(TABLE, encoding="utf-8")
    target = tmp_path / "out.csv"
    code, _, stderr = _run(tmp_path, str(source), "-o", str(target), "--name-column", "place")
    assert code == 2 and "no column 'place'" in stderr
    assert not target.exists() and not list(tmp_path.glob(".*part"))


def test_geocode_refuses_binary_and_empty_files(tmp_path: Path) -> None:
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\xff\xfe\x00\x01junk")
    empty = tmp_path / "e.csv"
    empty.write_bytes(b"")
    for path in (binary, empty, tmp_path / "missing.csv"):
        code, _, stderr = _run(tmp_path, str(path))
        assert code == 2 and str(path) in stderr


def test_geocode_rows_uses_a_default_country_and_absent_columns(
        builtin_gazetteer: Gazetteer) -> None:
    """A table with only a name column: the default country is the context."""
    gaz = builtin_gazetteer
    rows = list(geocode_rows([{"town": "Akcakale"}], gaz,
                             TableColumns("town", None, None, None), country="TR"))
    assert rows[0]["town"] == "Akcakale" and rows[0]["fl_country"] == "TR"


def test_geocode_reads_stdin(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["gazetteer", "geocode", "-", "--db", str(tmp_path / "f.db")],
                           input=TABLE)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == 4 and rows[0]["fl_country"] == "IQ"
