"""benchmarks/eval_case.py: the figures of part of the snippets (each half is judged apart) and
the snippets whose main event changed since an earlier dump. Made-up snippets, no CASE text."""

from __future__ import annotations

import importlib.util
import json

from .conftest import ROOT


def _eval_case():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("eval_case", ROOT / "benchmarks" / "eval_case.py")
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


SNIPPETS = [("1", "a", "ARREST"), ("2", "b", "ARREST"), ("3", "c", "DIPLO"),
            ("4", "d", "PEACE_PROTEST")]


def test_figures_of_some_snippets() -> None:
    ec = _eval_case()
    predicted = {"1": "Arrests", "2": ec.NONE, "3": "Arrests", "4": "Peaceful protest"}
    weighted, no_event, coded = ec.figures(SNIPPETS, predicted)
    # Arrests: precision 1/2, recall 1/2; Peaceful protest: 1.0; weighted by support 2 and 1
    assert round(weighted, 4) == round((0.5 * 2 + 1.0) / 3, 4)
    assert no_event == 1 / 3 and coded == 1.0
    even = [s for n, s in enumerate(SNIPPETS) if n % 2 == 0]  # "1" and "3"
    assert ec.figures(even, predicted) == (2 / 3, 0.0, 1.0)


def test_compare_lists_changed_main_events_by_half(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    ec = _eval_case()
    old = tmp_path / "old.jsonl"
    old.write_text("".join(json.dumps({"id": i, "pred": p}) + "\n" for i, p in
                           [("1", ec.NONE), ("2", "Arrests"), ("3", "Arrests"),
                            ("4", "Peaceful protest")]), encoding="utf-8")
    now = {"1": "Arrests", "2": ec.NONE, "3": ec.NONE, "4": "Peaceful protest"}
    ec.compare(SNIPPETS, now, old)
    lines = [line.split() for line in capsys.readouterr().out.splitlines()[1:]]
    assert [(w[0], w[1], w[2]) for w in lines] == [("+", "even", "1"), ("-", "odd", "2"),
                                                  ("+", "even", "3")]
