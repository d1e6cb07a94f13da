"""The `frontlines` command end to end: exit codes, JSON output, crash safety.

A command's behaviour (exit codes, messages, JSON) is checked in this process with Typer's
runner (`cli`): the same `app` that `python -m frontlines` runs (test_package checks that
module entry). A real `frontlines` process is started only where the process is the point: the
ingest killed with `kill -9` mid-batch (its rerun is the command again, here) and ingest's
worker processes. In-process ingests pass `--workers 1`: a
pool forked from the test process is what the two-worker test runs in its own process."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from frontlines.cli import app

ROOT = Path(__file__).resolve().parents[1]
TOWNS = ["Saraqib", "Ariha", "Jisr al-Shughur", "Maarat al-Numan", "Kafr Nabl", "Sarmada"]


def cli(*args: str, db: Path, check: int | None = 0) -> Result:
    """`frontlines ARGS --db DB` run in this process; `check`: the exit code it must give."""
    result = CliRunner().invoke(app, [*args, "--db", str(db)])
    if check is not None:
        assert result.exit_code == check, (result.stderr, result.exception)
    return result


def run(*args: str, db: Path, check: int | None = 0) -> subprocess.CompletedProcess[str]:
    """`frontlines ARGS --db DB` in a process of its own."""
    proc = subprocess.run([sys.executable, "-m", "frontlines", *args, "--db", str(db)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)
    if check is not None:
        assert proc.returncode == check, proc.stderr
    return proc


def write_articles(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        town = TOWNS[i % len(TOWNS)]
        (folder / f"report-{i:03d}.txt").write_text(
            f"Clashes near {town}, report {i}\n\n"
            f"Fighters clashed with army units near {town} on Monday in the {i}th such incident "
            f"this year, and {i % 7 + 1} people were killed, local sources said. Residents of "
            f"{town} said shelling continued into the night.\n", encoding="utf-8")


def test_cli_help_lists_every_command() -> None:
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("ingest", "events", "export"):
        assert command in result.stdout


def test_cli_ingest_seed_twice_stores_two_then_nothing(seed_path: Path, tmp_path: Path) -> None:
    db = tmp_path / "seed.db"
    first = cli("ingest", str(seed_path), "--published", "2017-07-21", "--workers", "1", "--json",
                db=db)
    report = json.loads(first.stdout)
    assert (report["stored"], report["duplicates"], report["errors"]) == (2, 0, 0)
    second = json.loads(cli("ingest", str(seed_path), "--published", "2017-07-21", "--workers",
                            "1", "--json", db=db).stdout)
    assert (second["stored"], second["duplicates"]) == (0, 2)
    con = sqlite3.connect(db)
    rows = con.execute("select outlet, filed_from, title from documents order by title").fetchall()
    assert [(r[0], r[1]) for r in rows] == [("FNA", "Tehran"), ("FNA", "Tehran")]
    assert all(r[2] for r in rows)


def test_cli_partial_failure_exits_1_and_reports_each_file(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Army units shelled the town of Ariha on Monday, killing two people, "
                    "rescue workers said.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = cli("ingest", str(good), str(empty), "--workers", "1", db=tmp_path / "p.db",
                 check=1)
    assert f"{empty}: empty file" in result.stderr
    assert "1 stored" in result.stderr


def test_cli_usage_error_exits_2(tmp_path: Path) -> None:
    result = cli("ingest", "x.txt", "--published", "yesterday", db=tmp_path / "u.db", check=2)
    assert "--published must be a date" in result.stderr
    result = cli("export", "--format", "xlsx", db=tmp_path / "u.db", check=2)
    assert "--format must be one of" in result.stderr


def test_cli_events_explain_unknown_id_is_a_clear_error(tmp_path: Path) -> None:
    result = cli("events", "--explain", "nope", db=tmp_path / "e.db", check=2)
    assert "no event with id 'nope'" in result.stderr


def _assert_no_process_outlives(marker: str, within: float = 15.0) -> None:
    """No process whose command line names `marker` is left after `within` seconds (Linux:
    read from /proc; elsewhere nothing is checked)."""
    proc_dir = Path("/proc")
    if not proc_dir.is_dir():
        return
    deadline = time.monotonic() + within
    while True:
        left = []
        for entry in proc_dir.iterdir():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
            if marker in cmdline and entry.name.isdigit() and int(entry.name) != os.getpid():
                left.append(entry.name)
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert not left, f"processes outlived the killed ingest: {left}"


def test_cli_kill_9_mid_batch_leaves_store_consistent_and_rerun_finishes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 150)
    db = tmp_path / "crash.db"
    proc = subprocess.Popen([sys.executable, "-m", "frontlines", "ingest", str(corpus), "--db",
                             str(db)], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    stored = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                stored = sqlite3.connect(db).execute("select count(*) from documents").fetchone()[0]
            except sqlite3.OperationalError:
                stored = 0  # schema not created yet
            if stored >= 3:
                break
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.fail("ingest finished before it could be killed: make the corpus bigger")
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    _assert_no_process_outlives(str(db))  # its worker processes exit with it
    con = sqlite3.connect(db)
    assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
    done = con.execute("select count(*) from documents").fetchone()[0]
    assert 3 <= done < 150
    orphans = con.execute("select count(*) from mentions where doc_id not in "
                          "(select id from documents)").fetchone()[0]
    assert orphans == 0
    con.close()
    report = json.loads(cli("ingest", str(corpus), "--workers", "1", "--json", db=db).stdout)
    assert report["stored"] == 150 - done and report["duplicates"] == done
    con = sqlite3.connect(db)
    assert con.execute("select count(*), count(distinct content_hash) from documents"
                       ).fetchone() == (150, 150)


def test_cli_ingest_with_two_workers_stores_what_one_worker_does(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write_articles(corpus, 40)
    one = json.loads(cli("ingest", str(corpus), "--workers", "1", "--json",
                         db=tmp_path / "one.db").stdout)
    two = json.loads(run("ingest", str(corpus), "--workers", "2", "--json",
                         db=tmp_path / "two.db").stdout)
    assert one["stored"] == two["stored"] == 40

    def snapshot(db: Path) -> list[tuple[object, ...]]:
        con = sqlite3.connect(db)
        return con.execute("select d.id, count(m.id) from documents d left join mentions m "
                           "on m.doc_id = d.id group by d.id order by d.id").fetchall()

    assert snapshot(tmp_path / "one.db") == snapshot(tmp_path / "two.db")


def test_cli_jsonl_stream_is_read_line_by_line_with_a_per_line_limit(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    line = {"text": "Army units shelled the town of Ariha on Monday, killing two people, "
                    "rescue workers said."}
    big = {"text": "Army units shelled the town. " * 200}
    path.write_text(json.dumps(line) + "\n" + json.dumps(big) + "\n", encoding="utf-8")
    result = cli("ingest", str(path), "--max-bytes", "2000", "--workers", "1", "--json",
                 db=tmp_path / "j.db", check=1)
    report = json.loads(result.stdout)
    assert (report["stored"], report["errors"]) == (1, 1)
    (error,) = [r for r in report["results"] if r["status"] == "error"]
    assert error["path"] == f"{path}:2"
    assert "over the 2,000-byte limit" in error["reason"]
