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
