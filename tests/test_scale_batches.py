"""How `ingest --engine dask` cuts documents into batches: full batches first, and when the
number of documents is known, the last round in quarter-size batches so the workers finish
together instead of one idling while another works through a full batch."""

from __future__ import annotations

from datetime import date

from frontlines.errors import InputError
from frontlines.model import Document
from frontlines.scale.dask_engine import batched


def _docs(n: int) -> list[Document]:
    return [Document.create(f"Report {i}: clashes near the bridge.", published=date(2020, 1, 1))
            for i in range(n)]


def test_the_last_round_goes_out_in_quarter_batches() -> None:
    docs = _docs(100)
    sizes = [len(b) for b in batched(docs, 16, 2, total=len(docs))]
    assert sizes == [16] * 5 + [4] * 5
    flat = [d for b in batched(docs, 16, 2, total=len(docs)) for d in b]  # type: ignore[union-attr]
    assert flat == docs  # every document once, in order


def test_an_unknown_count_keeps_full_batches() -> None:
    sizes = [len(b) for b in batched(iter(_docs(40)), 16, 2)]
    assert sizes == [16, 16, 8]


def test_errors_pass_through_between_batches() -> None:
    docs = _docs(3)
    bad = InputError("empty.txt", "the file is empty")
    parts = list(batched([docs[0], bad, docs[1], docs[2]], 2, 1))
    assert parts == [bad, [docs[0], docs[1]], [docs[2]]]
