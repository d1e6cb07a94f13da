"""Scale-out: two writers touching one claim group at once stay consistent (PostgreSQL advisory
locks), and `ingest --engine dask` on a LocalCluster of 2 worker processes into PostgreSQL gives
the same events as the local pipeline on the same files."""

from __future__ import annotations

import os
import threading
from datetime import date
from pathlib import Path

import pytest

from frontlines.model import Claim, Document, Event
from frontlines.store import DocumentRecords, Store

pytestmark = pytest.mark.postgres

ARTICLES = [  # written for these tests
    "Government forces shelled the town of Ariha on Monday, killing seven civilians, a "
    "monitoring group said. Residents fled north after the bombardment.",
    "Hay'at Tahrir al-Sham fighters captured the village of Kafranbel on Tuesday after clashes "
    "with the National Front for Liberation, local sources said.",
    "The Syrian army regained control of the town of Khan Shaykhun on Thursday after heavy "
    "fighting with Hay'at Tahrir al-Sham, state media said.",
    "Clashes between Turkish-backed rebels and Kurdish fighters erupted near Afrin on Friday, "
    "leaving five fighters dead, a war monitor said.",
]


def _records(n: int) -> DocumentRecords:
    text = f"Report {n}: fighters clashed near the crossing again, sources said."
    doc = Document.create(text, published=date(2019, 5, 10))
    claim = Claim(id=f"claim-{n}", doc_id=doc.id, sentence=0, evidence=text, evidence_start=0,
                  evidence_end=len(text), trigger="clashed", event_type="Battles",
                  sub_event_type="Armed clash")
    return DocumentRecords(doc, claims=[claim])


def test_two_writers_on_one_group_at_once_consolidate_every_claim(pg_url: str) -> None:
    """Each writer's consolidation waits (up to 1 s) for the other to reach the same point:
    without the group lock both would read only their own claim and the last commit would
    leave an event with one claim; with it the second waits and sees both."""
    Store.open(pg_url).close()  # migrate once
    met = threading.Barrier(2, timeout=1.0)

    def consolidate(claims: list[Claim]) -> list[Event]:
        try:
            met.wait()
        except threading.BrokenBarrierError:
            pass
        first = claims[0]
        return [Event(id="ev-group", event_type=first.event_type,
                      sub_event_type=first.sub_event_type,
                      claims=tuple(sorted(claims, key=lambda c: c.id)))]

    errors: list[BaseException] = []

    def writer(n: int) -> None:
        try:
            with Store.open(pg_url, migrate=False) as s:
                s.save_documents([_records(n)], lambda _c: "one-group", consolidate)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=writer, args=(n,)) for n in (1, 2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    with Store.open(pg_url, migrate=False) as s:
        events = s.events()
        assert [sorted(c.id for c in e.claims) for e in events] == [["claim-1", "claim-2"]]
        assert s.count("documents") == 2


def test_the_same_document_from_two_writers_is_stored_once(pg_url: str) -> None:
    Store.open(pg_url).close()
    outcomes: list[list[bool]] = []
    gate = threading.Barrier(2, timeout=5)

    def writer() -> None:
        with Store.open(pg_url, migrate=False) as s:
            gate.wait()
            outcomes.append(s.save_documents([_records(7)], lambda _c: "g", lambda cs: []))

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert sorted(outcomes) == [[False], [True]]
    with Store.open(pg_url, migrate=False) as s:
        assert s.count("documents") == 1 and s.count("claims") == 1


def _event_keys(store: Store) -> list[tuple]:
    return sorted((e.id, e.date, e.sub_event_type, e.actor1 and e.actor1.id,
                   e.actor2 and e.actor2.id, e.place and e.place.place_id, e.fatalities,
                   tuple(sorted(c.id for c in e.claims))) for e in store.events())


@pytest.mark.slow
def test_dask_engine_on_two_workers_gives_the_local_pipelines_events(
        pg_url: str, tmp_path: Path, annotator) -> None:  # type: ignore[no-untyped-def]
    distributed = pytest.importorskip("distributed")
    from frontlines.ingest import iter_documents
    from frontlines.pipeline import Pipeline
    from frontlines.scale import ingest_dask

    folder = tmp_path / "reports"
    folder.mkdir()
    for n, text in enumerate(ARTICLES):
        (folder / f"r{n}.txt").write_text(text)
    (folder / "empty.txt").write_text("")
    args = {"published": date(2019, 5, 10)}

    with Store.open(str(tmp_path / "local.db")) as local:
        expected = Pipeline(local, annotator).run(iter_documents([folder], **args))
        want = _event_keys(local)
    assert want, "the reports produced no events"

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        got = ingest_dask(iter_documents([folder], **args), pg_url, client, batch_size=1)
        workers = client.run(os.getpid)
        again = ingest_dask(iter_documents([folder], **args), pg_url, client, batch_size=2)
    assert len(workers) == 2
    assert got.count("stored") == expected.count("stored") == 4
    assert got.count("error") == expected.count("error") == 1
    assert again.count("stored") == 0 and again.count("duplicate") == 4
    with Store.open(pg_url, migrate=False) as pg:
        assert _event_keys(pg) == want
        assert pg.count("documents") == 4
