"""`frontlines eval GOLD`: score the store against a gold file (JSON gold or ACLED CSV)."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from frontlines.cli._app import (
    DbOption,
    JsonOption,
    app,
    err,
    handle_errors,
    open_store,
    out,
    print_json,
)
from frontlines.eval import AcledReport, EventReport
from frontlines.eval.run import evaluate, is_acled_csv


@app.command("eval")
def eval_command(
    gold: Annotated[Path, typer.Argument(help="Gold file: JSON gold format or an ACLED CSV.")],
    limit: Annotated[int | None, typer.Option(help="ACLED CSV: only the first N rows.")] = None,
    workers: Annotated[int, typer.Option(help="ACLED CSV: processes for ingesting notes.")] = 1,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Score events against GOLD: precision/recall/F1 and field accuracy (--json for scripts).

    For an ACLED CSV each row's notes are ingested as a document published on its date (into
    --db, or a temporary database when none is given), then each row is compared with the main
    event found in its notes."""
    with handle_errors():
        if is_acled_csv(gold) and db is None:
            with tempfile.TemporaryDirectory() as tmp:
                _run(gold, str(Path(tmp) / "eval.db"), limit, workers, as_json)
            return
    _run(gold, db, limit, workers, as_json)


def _run(gold: Path, db: str | None, limit: int | None, workers: int, as_json: bool) -> None:
    with open_store(db) as store:
        if is_acled_csv(gold):
            err.print(f"ingesting ACLED notes from {gold} ...", markup=False)
        report = evaluate(store, gold, limit=limit, workers=workers)
    if as_json:
        print_json(report.as_dict())
    elif isinstance(report, EventReport):
        _print_events(report)
    else:
        _print_acled(report)


def _print_events(r: EventReport) -> None:
    d = r.as_dict()
    for v in r.violations:
        out.print(f"MUST_NOT violation: {v}", markup=False)
    e = d["events"]
    table = Table("events", "predicted", "gold", "matched", "precision", "recall", "F1",
                  title=f"frontlines eval {r.gold}")
    table.add_row("all", str(e["predicted"]), str(e["gold"]), str(e["matched"]),
                  f"{e['precision']:.3f}", f"{e['recall']:.3f}", f"{e['f1']:.3f}")
    table.add_row("required", str(e["predicted"]), str(e["required"]), str(e["matched_required"]),
                  f"{e['precision']:.3f}", f"{e['recall_required']:.3f}",
                  f"{e['f1_required']:.3f}")
    out.print(table)
    fields = Table("field (matched pairs)", "accuracy", "n")
    for name, v in d["fields"].items():
        fields.add_row(name, f"{v['accuracy']:.3f}", str(v["n"]))
    out.print(fields)
    if d.get("control_on_published"):
        c = d["control_on_published"]
        right = sum(row["correct"] for row in c["rows"])
        out.print(f"control on published: {right}/{c['places']} places right", markup=False)
        for row in c["rows"]:
            if not row["correct"]:
                out.print(f"  {row['place']}: expected {row['expected']}, derived "
                          f"{row['derived'] or 'nothing'}", markup=False)
    if d["relations"]:
        rel = d["relations"]
        out.print(f"relations on published: precision {rel['precision']:.3f}, recall "
                  f"{rel['recall']:.3f} ({rel['predicted']} predicted, {rel['gold']} gold)",
                  markup=False)
    out.print(f"must_not violations: {len(r.violations)}", markup=False)
    if r.missed:
        out.print(f"missed gold events: {', '.join(r.missed)}", markup=False)
    for line in r.unmatched_predicted:
        out.print(f"unmatched: {line}", markup=False)
    if r.documents_unpaired:
        out.print(f"gold documents not in the store: {', '.join(r.documents_unpaired)}",
                  markup=False)


def _print_acled(r: AcledReport) -> None:
    table = Table("field", "accuracy", "n", title=f"frontlines eval {r.gold} "
                  f"({r.rows} rows, {r.with_event} with an event)")
    for name, v in r.accuracy().items():
        table.add_row(name, f"{v['accuracy']:.3f}", str(v["n"]))
    out.print(table)
