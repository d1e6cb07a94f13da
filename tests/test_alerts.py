"""Alerts: YAML rules evaluated on the documents that land, each alert recorded once, delivered
to a local webhook receiver signed with HMAC-SHA256 and retried with backoff."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import datetime, timedelta

import pytest

from frontlines.alerts import AlertEngine, atom_feed, evaluate, parse_rules, recent_alerts
from frontlines.errors import InputError
from frontlines.store import Store
from frontlines.watch import Fetcher, Watcher, parse_sources
from tests._feedserver import Route, feed_server
from tests.test_watch import PATHS, Clock, serve_articles, set_feed

SECRET = "s3cret-for-tests"


def rules(*specs: dict, hook: str | None = None):  # type: ignore[no-untyped-def]
    data: dict = {"rules": list(specs)}
    if hook:
        data["webhooks"] = [{"url": hook, "secret": SECRET}]
    return parse_rules(data)


def doc_ids(store: Store) -> list[str]:
    return [d["id"] for d in store.documents()]


def test_rule_file_errors_are_clear() -> None:
    with pytest.raises(InputError, match="kind must be one of"):
        parse_rules({"rules": [{"kind": "weather"}]})
    with pytest.raises(InputError, match="needs lat, lon and km"):
        parse_rules({"rules": [{"kind": "radius", "lat": 1}]})
    with pytest.raises(InputError, match="needs a secret"):
        parse_rules({"rules": [], "webhooks": [{"url": "http://127.0.0.1:1/x"}]})
    with pytest.raises(InputError, match="top-level 'rules:'"):
        parse_rules(["x"])


def test_each_rule_kind_on_the_idlib_store(conflict_store: Store) -> None:
    rs = rules({"name": "idlib-control", "kind": "control_change", "province": "Idlib"},
               {"name": "contested", "kind": "contested"},
               {"name": "new", "kind": "new_actor"},
               {"name": "split", "kind": "alliance_split"},
               {"name": "deadly", "kind": "fatalities", "min": 10, "province": "Idlib"},
               {"name": "near-saraqib", "kind": "radius", "lat": 35.8644, "lon": 36.8006,
                "km": 10})
    found = evaluate(conflict_store, rs.rules, doc_ids(conflict_store))
    by_rule: dict[str, list] = {}
    for a in found:
        by_rule.setdefault(a.rule, []).append(a)
    control = {(a.data["place"], a.data["date"], a.data["controller"])
               for a in by_rule["idlib-control"]}
    assert ("Saraqib", "2017-07-19", "Hay'at Tahrir al-Sham") in control
    assert all(a.data["admin1"] == "Idlib" for a in by_rule["idlib-control"])  # not Khan Tuman
    assert {a.data["actor_id"] for a in by_rule["new"]} >= {"hts", "ahrar-al-sham",
                                                             "syria-military"}
    assert [(a.data["actor"], a.data["target"]) for a in by_rule["split"]] == [("zenki", "hts")]
    assert sorted((a.data["date"], a.data["fatalities"]) for a in by_rule["deadly"]) == [
        ("2017-07-18", 12), ("2017-07-20", 14)]
    assert [a.data["event_id"] for a in by_rule["near-saraqib"]] == ["ev-saraqib"]
    assert sorted(a.data["place"] for a in by_rule["contested"]) == ["Ariha", "Hazarin"]
    # the same documents evaluated again raise the same ids: recorded once
    engine = AlertEngine(conflict_store, rs)
    first = engine.record(found)
    assert len(first) == len(found)
    assert engine.record(evaluate(conflict_store, rs.rules, doc_ids(conflict_store))) == []
    assert conflict_store.count("alerts") == len(found)


def test_a_known_actor_is_not_new_on_a_later_document(conflict_store: Store) -> None:
    from datetime import date

    from frontlines.model import ActorRef, Claim, Document, Event, GeoRef

    doc = Document.create("Hay'at Tahrir al-Sham shelled Ariha again on Monday, a second time.",
                          published=date(2017, 7, 25))
    c = Claim(id="c-later", doc_id=doc.id, sentence=0, evidence=doc.text, evidence_start=0,
              evidence_end=len(doc.text), trigger="shelled",
              event_type="Explosions/Remote violence",
              sub_event_type="Shelling/artillery/missile attack")
    conflict_store.save_document(doc, claims=[c])
    ev = Event(id="ev-later", event_type=c.event_type, sub_event_type=c.sub_event_type,
               claims=(c,), actor1=ActorRef("hts", "Hay'at Tahrir al-Sham"),
               actor2=ActorRef("newcomers", "Newcomer Brigade"),
               place=GeoRef(text="Ariha", place_id="t:ariha", name="Ariha", lat=35.81,
                            lon=36.61, admin1="Idlib"), date=date(2017, 7, 24))
    conflict_store.replace_events([ev], doc_ids=[doc.id])
    found = evaluate(conflict_store, rules({"name": "new", "kind": "new_actor"}).rules, [doc.id])
    assert [a.data["actor_id"] for a in found] == ["newcomers"]


def _receiver(server, fail_first: int):  # type: ignore[no-untyped-def]
    got: list[dict] = []

    def hook(req: dict) -> tuple[int, bytes]:
        got.append(req)
        return (500, b"down") if len(got) <= fail_first else (200, b"ok")

    server.routes["/hook"] = Route(hook=hook)
    return got


def _valid(req: dict) -> bool:
    sig = req["headers"].get("X-Frontlines-Signature", "")
    want = "sha256=" + hmac.new(SECRET.encode(), req["body"], hashlib.sha256).hexdigest()
    return hmac.compare_digest(sig, want)


def test_webhook_is_signed_retried_with_backoff_and_fires_once(conflict_store: Store) -> None:
    now = [datetime(2017, 7, 22, 12, 0)]
    with feed_server() as server:
        got = _receiver(server, fail_first=1)
        rs = rules({"name": "split", "kind": "alliance_split"}, hook=server.url + "/hook")
        engine = AlertEngine(conflict_store, rs, clock=lambda: now[0], retry_base=30)
        fresh = engine.on_documents(doc_ids(conflict_store))
        assert len(fresh) == 1 and len(got) == 1  # delivered once, answered 500
        assert engine.deliver_due() == 0 and len(got) == 1  # not due before the backoff
        now[0] += timedelta(seconds=31)
        assert engine.deliver_due() == 1 and len(got) == 2
        assert all(_valid(r) for r in got)
        body = json.loads(got[-1]["body"])
        assert body["id"] == fresh[0].id == got[-1]["headers"]["X-Frontlines-Alert"]
        assert body["kind"] == "alliance_split" and body["data"]["actor"] == "zenki"
        # a tampered body does not verify
        assert not _valid({"headers": got[-1]["headers"], "body": got[-1]["body"] + b" "})
        now[0] += timedelta(hours=1)
        assert engine.on_documents(doc_ids(conflict_store)) == []
        assert engine.deliver_due() == 0 and len(got) == 2
        engine.close()


def test_delivery_gives_up_after_the_last_attempt(conflict_store: Store) -> None:
    now = [datetime(2017, 7, 22, 12, 0)]
    with feed_server() as server:
        got = _receiver(server, fail_first=99)
        rs = rules({"name": "split", "kind": "alliance_split"}, hook=server.url + "/hook")
        engine = AlertEngine(conflict_store, rs, clock=lambda: now[0], retry_base=1,
                             max_attempts=3)
        engine.on_documents(doc_ids(conflict_store))
        for _ in range(5):
            now[0] += timedelta(seconds=10)
            engine.deliver_due()
        assert len(got) == 3
        engine.close()


def test_atom_feed_of_alerts_escapes_text(conflict_store: Store) -> None:
    from lxml import etree

    from frontlines.alerts import Alert

    rs = rules({"name": "new", "kind": "new_actor"})
    engine = AlertEngine(conflict_store, rs)
    engine.on_documents(doc_ids(conflict_store))
    engine.record([Alert("x1", "new", "new_actor", "New actor: <script>alert(1)</script>")])
    items = recent_alerts(conflict_store)
    xml = atom_feed(items, "http://127.0.0.1/api/alerts.atom")
    root = etree.fromstring(xml)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [t.text for t in root.findall("a:entry/a:title", ns)]
    assert len(titles) == len(items) and "New actor: Hay'at Tahrir al-Sham" in titles
    assert b"<script>" not in xml  # the injected actor name is escaped
    assert any("<script>" in (t or "") for t in titles)  # kept as text, not markup


def test_watch_with_an_alert_rule_fires_once_to_a_local_webhook(pipeline) -> None:  # type: ignore[no-untyped-def]
    """The done-when test: feeds from a local server, a rule, a local receiver."""
    clock = Clock()
    with feed_server() as server:
        serve_articles(server)
        set_feed(server, "/feed.xml", PATHS[:3])
        got = _receiver(server, fail_first=1)
        rs = rules({"name": "near-afrin", "kind": "radius", "lat": 36.5119, "lon": 36.8692,
                    "km": 15}, hook=server.url + "/hook")
        engine = AlertEngine(pipeline.store, rs, clock=clock, retry_base=30)
        w = Watcher(pipeline, parse_sources([server.url + "/feed.xml"]), interval=60,
                    clock=clock, fetcher=Fetcher(min_interval=0), log=lambda *a, **k: None,
                    on_batch=engine.on_documents, after_poll=engine.deliver_due)
        w.poll_once()
        assert got == [] and pipeline.store.count("alerts") == 0  # nothing near Afrin yet
        set_feed(server, "/feed.xml", PATHS)  # the Afrin report arrives (and one more)
        clock.advance(61)
        w.poll_once()
        assert pipeline.store.count("alerts") == 1 and len(got) == 1  # first try: HTTP 500
        for _ in range(3):  # later polls: retried once after the backoff, then never again
            clock.advance(61)
            w.poll_once()
        assert len(got) == 2 and all(_valid(r) for r in got)
        ids = {r["headers"]["X-Frontlines-Alert"] for r in got}
        assert len(ids) == 1 and pipeline.store.count("alerts") == 1
        assert json.loads(got[-1]["body"])["data"]["place"].endswith("rīn")
        engine.close()
        w.close()


def test_the_deploy_example_rules_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    from pathlib import Path

    from frontlines.alerts import load_rules

    path = Path(__file__).resolve().parents[1] / "deploy" / "alerts.yaml"
    monkeypatch.delenv("FRONTLINES_WEBHOOK_SECRET", raising=False)
    with pytest.raises(InputError, match="FRONTLINES_WEBHOOK_SECRET is not set"):
        load_rules(path)
    monkeypatch.setenv("FRONTLINES_WEBHOOK_SECRET", "x")
    rs = load_rules(path)
    assert {r.kind for r in rs.rules} == {"control_change", "contested", "new_actor",
                                          "alliance_split", "fatalities", "radius"}
