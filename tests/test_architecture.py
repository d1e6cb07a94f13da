"""The house rules hold: layered imports (import-linter contract in pyproject.toml), no
importlib scaffolding in src/, and docs/architecture.md names only packages that exist."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import frontlines

ROOT = Path(__file__).resolve().parent.parent
SRC = Path(frontlines.__file__).resolve().parent


def _lint_imports(cwd: Path, src: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()"
    return subprocess.run([sys.executable, "-c", code, "--no-cache"], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=240, check=False)


def test_architecture_layers_contract_is_kept() -> None:
    result = _lint_imports(ROOT, SRC.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


def test_architecture_contract_breaks_on_an_import_from_a_higher_layer(tmp_path: Path) -> None:
    """A copy of the package where the vocabulary imports the CLI fails the same contract."""
    copy = tmp_path / "src" / "frontlines"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "*.db", "kb", "data",
                                                              "static", "templates"))
    model = copy / "model.py"
    model.write_text(model.read_text() + "\nimport frontlines.cli  # deliberate bad import\n")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    result = _lint_imports(tmp_path, tmp_path / "src")
    assert result.returncode != 0
    assert "frontlines.model -> frontlines.cli" in result.stdout


def test_architecture_no_importlib_scaffolding_in_src() -> None:
    found = [f"{p.relative_to(SRC)}:{i}"
             for p in SRC.rglob("*.py")
             for i, line in enumerate(p.read_text().splitlines(), 1)
             if re.search(r"\bimport_module\(|__import__\(", line)]
    assert found == []


def test_architecture_doc_names_existing_packages_and_the_contract_layers() -> None:
    doc = (ROOT / "docs" / "architecture.md").read_text()
    named = set(re.findall(r"`frontlines\.([a-z_]+)`", doc))
    assert named, "docs/architecture.md names no packages"
    for name in named:
        assert (SRC / name).is_dir() or (SRC / f"{name}.py").is_file(), name
    contract = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    layers = contract["contracts"][0]["layers"]
    in_contract = {p.strip().removeprefix("frontlines.") for layer in layers
                   for p in layer.split("|")}
    assert in_contract <= named, f"layers missing from docs/architecture.md: {in_contract - named}"
