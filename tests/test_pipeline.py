"""The pipeline end to end on real sentences: stages in order, events consolidated per batch."""

from __future__ import annotations

from datetime import date

from frontlines import consolidate
from frontlines.ingest import documents_from_text
from frontlines.pipeline import Pipeline
from frontlines.store import Store

SAME = ("Syrian government forces took control of the town of Khan Sheikhoun in southern Idlib "
        "on Tuesday after heavy clashes with Hayat Tahrir al-Sham, state media reported.")


def _ingest(pipeline: Pipeline, text: str, published: date) -> None:
    report = pipeline.run(documents_from_text(text, published=published, outlet="Example"))
    assert report.count("stored") == 1, report.as_dict()


def test_pipeline_event_told_in_two_runs_is_one_event_with_two_claims(
        pipeline: Pipeline, store: Store) -> None:
    _ingest(pipeline, "Residents fled northwards as the fighting spread, aid workers said. "
            + SAME, date(2019, 8, 22))
    first = {e.id for e in store.events()}
    _ingest(pipeline, SAME + " The town had been held by rebels since 2014, residents said.",
            date(2019, 8, 22))
    events = store.events()
    merged = [e for e in events if len({c.doc_id for c in e.claims}) == 2]
    assert merged, [(e.sub_event_type, e.place, len(e.claims)) for e in events]
    assert first <= {e.id for e in events}  # stable ids: the first run's events are kept
    full = consolidate.consolidate(store.claims())
    assert {(e.id, len(e.claims)) for e in full} == {(e.id, len(e.claims)) for e in events}


def test_pipeline_same_article_again_adds_nothing(pipeline: Pipeline, store: Store) -> None:
    _ingest(pipeline, SAME, date(2019, 8, 22))
    counts = (store.count("documents"), store.count("claims"), store.count("events"))
    report = pipeline.run(documents_from_text(SAME, published=date(2019, 8, 22)))
    assert report.count("duplicate") == 1 and report.count("stored") == 0
    assert (store.count("documents"), store.count("claims"), store.count("events")) == counts


def test_pipeline_a_batch_that_fails_to_write_is_stored_document_by_document(
        pipeline: Pipeline, store: Store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """One document the store refuses does not lose the others of its batch: the batch write
    fails, each document is written alone, the bad one is reported with the reason."""
    from frontlines.errors import StoreError
    from frontlines.model import Document

    texts = [SAME, "Rebels shelled Saraqib on Monday, killing two civilians, activists said.",
             "POISON: Turkish artillery struck Tal Rifaat on Sunday, a monitor reported."]
    docs = [Document.create(t, title=t[:20], published=date(2019, 8, 22), outlet="Example")
            for t in texts]
    original = store.save_documents

    def refuse_poison(records, *args):  # type: ignore[no-untyped-def]
        if any(r.document.text.startswith("POISON") for r in records):
            raise StoreError("constraint failed (simulated)")
        return original(records, *args)

    monkeypatch.setattr(store, "save_documents", refuse_poison)
    report = pipeline.run(docs, batch_size=16)
    assert report.count("stored") == 2, report.as_dict()
    (bad,) = [r for r in report.results if r.status == "error"]
    assert "simulated" in (bad.reason or "")
    assert store.count("documents") == 2
