"""What the ACLED-notes benchmarks share: where the development sets are, the options every one
of them takes (files, --limit, --workers) and the list of files to run on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ACLED = Path(__file__).resolve().parents[2] / "shared" / "eval" / "acled"


def acled_parser(description: str) -> argparse.ArgumentParser:
    """A parser with FILES..., --limit and --workers; a script adds its own options."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--limit", type=int, default=None, help="rows per file")
    parser.add_argument("--workers", type=int, default=1)
    return parser


def acled_files(args: argparse.Namespace) -> list[Path]:
    """The files named, else every development set; empty (with a message) when there are none."""
    files = args.files or sorted(ACLED.glob("*.csv"))
    if not files:
        print(f"no ACLED files (looked in {ACLED})", file=sys.stderr)
    return files
