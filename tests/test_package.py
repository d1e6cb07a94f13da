"""The package's public surface: `__all__` is honest, docs/cli.md matches `--help`."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import frontlines

ROOT = Path(__file__).resolve().parents[1]


def test_package_all_names_exist_and_are_public() -> None:
    for name in frontlines.__all__:
        assert getattr(frontlines, name) is not None, name
    own = {n for n, v in vars(frontlines).items() if not n.startswith("_")
           and isinstance(v, type) and v.__module__.startswith("frontlines")}
    assert own <= set(frontlines.__all__)


def test_package_cli_docs_are_generated_from_help() -> None:
    spec = importlib.util.spec_from_file_location("cli_docs", ROOT / "scripts" / "cli_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    expected = module.render()
    assert (ROOT / "docs" / "cli.md").read_text(encoding="utf-8") == expected, (
        "docs/cli.md is stale: run .venv/bin/python scripts/cli_docs.py")


def test_package_runs_as_module() -> None:
    proc = subprocess.run([sys.executable, "-m", "frontlines", "--help"], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 0 and "ingest" in proc.stdout
