"""Store: migrations, one transaction per document, idempotency, queries, on SQLite and PostgreSQL."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import sqlalchemy as sa

from frontlines.errors import StoreError
from frontlines.model import (
    ActorRef,
    Claim,
    Document,
    Event,
    GeoRef,
    Mention,
    MentionKind,
    Quantity,
    TimeExpr,
    TimePrecision,
)
from frontlines.store import EventFilter, Store

TEXT = ("Government forces shelled the town of Kafr Nabl on Monday, killing two civilians, "
        "rescue workers said.")


def make_claim(doc: Document, claim_id: str = "c1", **kw: object) -> Claim:
    fields: dict[str, object] = dict(
        id=claim_id, doc_id=doc.id, sentence=0, evidence=TEXT, evidence_start=0,
        evidence_end=len(TEXT), trigger="shelled", event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1=ActorRef("syria-army", "Military Forces of Syria", "Government forces",
                        acled_name="Military Forces of Syria (2000-)", inter=1),
        place=GeoRef("Kafr Nabl", "C4321", "Kafr Nabl", 35.6136, 36.5614, "SY", "Idlib",
                     "Maarrat An Nu'man", None, 1),
        time=TimeExpr("on Monday", date(2019, 5, 6), date(2019, 5, 6), TimePrecision.DAY, True),
        quantities=(Quantity("two civilians", "killed", 2),), claimant="rescue workers",
        outlet="Example News",
    )
    fields.update(kw)
    return Claim(**fields)  # type: ignore[arg-type]


def make_event(claim: Claim, event_id: str = "e1") -> Event:
    return Event(
        id=event_id, event_type=claim.event_type, sub_event_type=claim.sub_event_type,
        claims=(claim,), actor1=claim.actor1, place=claim.place, date=date(2019, 5, 6),
        time_precision=TimePrecision.DAY, fatalities=2, fatality_reports=claim.quantities,
        notes=claim.evidence,
    )


def test_store_round_trips_documents_mentions_claims_events(any_store: Store) -> None:
    doc = Document.create(TEXT, title="Shelling", outlet="Example News",
                          published=date(2019, 5, 7), published_source="caller")
    mention = Mention(doc.id, MentionKind.TIME, 41, 50, "on Monday", 0,
                      time=TimeExpr("on Monday", date(2019, 5, 6), date(2019, 5, 6),
                                    TimePrecision.DAY))
    claim = make_claim(doc)
    assert any_store.save_document(doc, [mention], [claim]) is True
    assert any_store.replace_events([make_event(claim)]) == 1
    assert any_store.mentions(doc.id) == [mention]
    assert any_store.claims() == [claim]
    (event,) = any_store.events()
    assert event == make_event(claim)
    assert any_store.event("e1") == event
    assert any_store.document(doc.id)["title"] == "Shelling"


def test_store_same_document_twice_adds_nothing(any_store: Store) -> None:
    doc = Document.create(TEXT)
    assert any_store.save_document(doc) is True
    assert any_store.save_document(Document.create(TEXT + "  ")) is False
    assert any_store.count("documents") == 1


def test_store_failed_write_leaves_nothing_half_written(any_store: Store) -> None:
    doc = Document.create(TEXT)
    claim = make_claim(doc)
    with pytest.raises(StoreError):  # two claims with one id: the claims insert fails
        any_store.save_document(doc, [], [claim, claim])
    assert any_store.count("documents") == 0
    assert any_store.count("claims") == 0
    assert any_store.save_document(doc, [], [claim]) is True  # and a retry works


def test_store_event_filters(any_store: Store) -> None:
    doc = Document.create(TEXT)
    claim = make_claim(doc)
    any_store.save_document(doc, [], [claim])
    any_store.replace_events([make_event(claim)])
    assert len(any_store.events(EventFilter(date_from=date(2019, 5, 1),
                                            date_to=date(2019, 5, 31)))) == 1
    assert any_store.events(EventFilter(date_from=date(2019, 6, 1))) == []
    assert len(any_store.events(EventFilter(event_type="shelling/artillery/missile attack"))) == 1
    assert len(any_store.events(EventFilter(actor="military forces"))) == 1
    assert any_store.events(EventFilter(actor="Islamic State")) == []
    assert len(any_store.events(EventFilter(place="kafr"))) == 1
    assert len(any_store.events(EventFilter(bbox=(36.0, 35.0, 37.0, 36.0)))) == 1
    assert any_store.events(EventFilter(bbox=(40.0, 35.0, 41.0, 36.0))) == []
    assert any_store.count_events(EventFilter(event_type="Battles")) == 0


def test_store_events_page_counts_and_pages_in_one_read(any_store: Store) -> None:
    doc = Document.create(TEXT)
    claims = [make_claim(doc, f"c{i}", sentence=i) for i in range(3)]
    any_store.save_document(doc, [], claims)
    any_store.replace_events([make_event(c, f"e{i}") for i, c in enumerate(claims)])
    where = EventFilter(date_from=date(2019, 5, 1))
    for offset in (0, 1, 2, 3, 7):
        total, page = any_store.events_page(where, 2, offset)
        assert total == any_store.count_events(where) == 3
        assert page == any_store.events(EventFilter(date_from=date(2019, 5, 1), limit=2,
                                                    offset=offset))
    assert any_store.events_page(EventFilter(event_type="Battles"), 2) == (0, [])


def test_store_event_listing_counts_claims_without_reading_them(any_store: Store) -> None:
    doc = Document.create(TEXT)
    claims = [make_claim(doc, f"c{i}", sentence=i) for i in range(3)]
    any_store.save_document(doc, [], claims)
    two = replace(make_event(claims[0], "e0"), claims=(claims[0], claims[1]))
    any_store.replace_events([two, make_event(claims[2], "e2")])
    where = EventFilter(date_from=date(2019, 5, 1))
    for offset in (0, 1, 2):
        total, listed = any_store.event_listing(where, 1, offset)
        assert (total, [e.id for e, _ in listed]) == (2, [
            e.id for e in any_store.events_page(where, 1, offset)[1]])
        assert all(e.claims == () for e, _ in listed)
    assert [n for e, n in any_store.event_listing(where, 5)[1]] == [2, 1]
def test_store_filter_values_are_parameters_not_sql(any_store: Store) -> None:
    doc = Document.create(TEXT)
    claim = make_claim(doc)
    any_store.save_document(doc, [], [claim])
    any_store.replace_events([make_event(claim)])
    assert any_store.events(EventFilter(actor="x' OR '1'='1")) == []
    assert any_store.events(EventFilter(place="'); DROP TABLE events; --")) == []
    assert any_store.count("events") == 1


def test_store_sqlite_uses_wal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    s = Store.open(str(tmp_path / "wal.db"))
    with s.engine.connect() as conn:
        assert conn.execute(sa.text("PRAGMA journal_mode")).scalar() == "wal"
    s.close()


def test_store_migrate_twice_is_harmless(tmp_path) -> None:  # type: ignore[no-untyped-def]
    url = str(tmp_path / "m.db")
    Store.open(url).close()
    s = Store.open(url)
    assert s.count("documents") == 0
    s.close()


def test_store_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot migrate"):
        Store.open("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
