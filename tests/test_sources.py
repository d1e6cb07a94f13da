"""Sources: outlets, claimant typing, corroboration status and disputes (issue 14)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from frontlines.actors import KnowledgeBase
from frontlines.ingest import iter_documents
from frontlines.model import (
    ActorRef,
    Claim,
    Event,
    GeoRef,
    Qualifier,
    Quantity,
    TimeExpr,
    TimePrecision,
)
from frontlines.names import name_key
from frontlines.sources import Outlets, SourceAssessor
from frontlines.store import Store

CORPUS = Path(__file__).parent / "data" / "sources" / "idlib-fortnight.jsonl"
INTENDED = Path(__file__).parent / "data" / "sources" / "intended.yaml"
FAKES_OUTLETS = ("nna", "alaraby", "asharqalawsat", "dailysabah", "trt", "ahram", "jordantimes",
                 "tass", "sana", "etilaf", "manar", "arabiya", "reuters", "alalam", "sputnik")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load()


# ------------------------------------------------------------------ outlets


def test_outlets_kb_has_80_outlets_each_with_a_source_and_known_actors(kb: KnowledgeBase) -> None:
    outlets = Outlets.load()
    assert len(outlets) >= 80
    for o in outlets:
        assert o.source, o.id
        assert o.languages and o.country, o.id
        for actor_id in o.aligned_with:
            assert kb.get(actor_id) is not None, (o.id, actor_id)
    for code in FAKES_OUTLETS:  # every outlet of the FA-KES corpus, by the code it uses
        assert outlets.resolve(code) is not None, code


def test_outlets_resolve_by_name_dateline_code_and_domain() -> None:
    outlets = Outlets.load()
    fna = outlets.resolve("FNA")
    assert fna is not None and fna.alignment == "state media" and fna.state == "IR"
    assert outlets.resolve("Fars News Agency") is fna
    assert outlets.resolve(None, "https://www.sana.sy/en/?p=1") is outlets.get("sana")
    assert outlets.resolve("The Syrian Observatory for Human Rights") is outlets.get("sohr")
    unknown = outlets.resolve_or_unknown("Some Blog")
    assert not unknown.known and unknown.alignment == "unknown"


def test_outlets_bad_file_is_a_clear_error(tmp_path: Path) -> None:
    from frontlines.errors import KnowledgeBaseError

    bad = tmp_path / "outlets.yaml"
    bad.write_text("outlets:\n  - {id: x, name: X, alignment: friendly, source: me}\n")
    with pytest.raises(KnowledgeBaseError, match="alignment 'friendly'"):
        Outlets.load(bad)
    bad.write_text("outlets:\n  - {id: x, name: X, alignment: state media, source: me}\n")
    with pytest.raises(KnowledgeBaseError, match="needs `state`"):
        Outlets.load(bad)


# ------------------------------------------------------------------ claimants (hand-built)


def _claim(cid: str, outlet: str, claimant: str | None, killed: Quantity | None = None,
           doc: str = "d1", evidence: str = "text") -> Claim:
    return Claim(id=cid, doc_id=doc, sentence=0, evidence=evidence, evidence_start=0,
                 evidence_end=len(evidence), trigger="shelled", event_type="Battles",
                 sub_event_type="Armed clash", outlet=outlet, claimant=claimant,
                 quantities=(killed,) if killed else (),
                 time=TimeExpr("on Wednesday", date(2019, 5, 8), date(2019, 5, 8),
                               TimePrecision.DAY))


ARMY = ActorRef("syria-military", "Military Forces of Syria")
HTS = ActorRef("hts", "Hay'at Tahrir al-Sham")
PLACE = GeoRef(text="Saraqib", place_id="p:saraqib", name="Saraqib", lat=35.86, lon=36.8)


def _event(eid: str, claims: tuple[Claim, ...], actor1: ActorRef = ARMY,
           actor2: ActorRef | None = HTS, sub: str = "Armed clash") -> Event:
    return Event(id=eid, event_type="Battles", sub_event_type=sub, claims=claims, actor1=actor1,
                 actor2=actor2, place=PLACE, date=date(2019, 5, 8),
                 time_precision=TimePrecision.DAY)


@pytest.mark.parametrize(("outlet", "claimant", "kind", "voice"), [
    ("SANA", None, "outlet", "sana"),
    ("Reuters", "the Syrian Observatory for Human Rights", "monitoring_group", "sohr"),
    ("Reuters", "a military source told SANA", "state_media", "sana"),
    ("Reuters", "the Syrian army", "party", "actor:syria-military"),
    ("Reuters", "a spokesman for Hay'at Tahrir al-Sham", "official", "actor:hts"),
    ("Reuters", "residents", "eyewitness", "reuters"),
    ("FNA", "field sources", "unnamed_sources", "fna"),
    ("RT", "the Russian Defence Ministry", "official", "ru-mod"),
])
def test_claimant_types(kb: KnowledgeBase, outlet: str, claimant: str | None, kind: str,
                        voice: str) -> None:
    assessor = SourceAssessor(kb)
    view = assessor.view(_claim("c", outlet, claimant), _event("e", ()))
    assert (view.claimant.type, view.claimant.voice) == (kind, voice)


def test_self_interested_claims(kb: KnowledgeBase) -> None:
    assessor = SourceAssessor(kb)
    ev = _event("e", ())
    # the army's own media on the army's action: self-interested
    assert assessor.view(_claim("a", "SANA", None), ev).self_interested
    # HTS's media on an army attack on HTS: an accusation, a party claim but not self-interest
    ebaa = assessor.view(_claim("b", "Ebaa News Agency", None), ev)
    assert ebaa.party_claim and not ebaa.self_interested
    # a wire on its own account speaks for no party
    assert assessor.view(_claim("c", "Reuters", None), ev).interest == "none"
    # HTS's media admitting the army took a town: against its interest
    capture = _event("e2", (), sub="Government regains territory")
    assert assessor.view(_claim("d", "Ebaa News Agency", None), capture).interest == "against"


def test_status_rules_on_hand_built_events(kb: KnowledgeBase) -> None:
    assessor = SourceAssessor(kb)
    one_party = _event("e1", (_claim("a", "SANA", None), _claim("b", "Al-Manar", None, doc="d2")))
    corroborated = _event("e2", (_claim("c", "SANA", None), _claim("d", "Reuters", None, doc="d3")))
    single = _event("e3", (_claim("e", "Reuters", "residents"),), actor1=HTS, actor2=None)
    report = assessor.assess([one_party, corroborated, single])
    assert report.status("e1") == "party_claim_only"  # two outlets, one side
    assert report.status("e2") == "corroborated"
    assert report.status("e3") == "single_source"
    assert report.disputes == []


def test_casualties_disagree_when_ranges_do_not_overlap(kb: KnowledgeBase) -> None:
    assessor = SourceAssessor(kb)
    q = lambda v, qual=Qualifier.EXACT: Quantity(str(v), "killed", v, qual)  # noqa: E731
    apart = _event("e1", (_claim("a", "SANA", None, q(4)),
                          _claim("b", "SOHR", None, q(15), doc="d2")))
    overlap = _event("e2", (_claim("c", "SANA", None, q(4, Qualifier.AT_LEAST)),
                            _claim("d", "SOHR", None, q(15), doc="d3")))
    report = assessor.assess([apart])
    assert [d.kind for d in report.disputes] == ["casualties"]
    toll = report.assessments["e1"].casualties
    assert toll is not None and (toll["low"], toll["best"], toll["high"]) == (15, 15, 15)
    assert toll["basis"] == "independent"  # SANA's figure is a party claim: left out
    assert {r["outlet"] for r in toll["reports"]} == {"Syrian Arab News Agency",
                                                     "Syrian Observatory for Human Rights"}
    assert assessor.assess([overlap]).disputes == []  # "at least 4" and 15 agree


# ------------------------------------------------------------------ the multi-outlet corpus


def _place_matches(event: Event, written: str) -> bool:
    p = event.place
    if p is None:
        return False
    return name_key(written) in {name_key(p.text or ""), name_key(p.name or "")}


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory, annotator):  # type: ignore[no-untyped-def]
    from frontlines.pipeline import Pipeline

    store = Store.open(str(tmp_path_factory.mktemp("sources") / "corpus.db"))
    report = Pipeline(store, annotator).run(iter_documents([CORPUS]))
    assert report.count("stored") == len(CORPUS.read_text(encoding="utf-8").splitlines())
    yield store
    store.close()


def test_corpus_has_16_reports_from_5_outlets_of_different_alignment() -> None:
    import json

    rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    outlets = Outlets.load()
    found = {outlets.resolve(r["outlet"]) for r in rows}
    assert len(rows) >= 16 and None not in found
    assert len(found) >= 5
    assert len({(o.alignment, o.state, o.aligned_with) for o in found if o}) >= 5


def test_corpus_every_event_gets_the_intended_status(corpus_store: Store, kb: KnowledgeBase) -> None:
    intended = yaml.safe_load(INTENDED.read_text(encoding="utf-8"))
    events = corpus_store.events()
    report = SourceAssessor(kb).assess(events)
    got = sorted((e.place.text if e.place else "", e.sub_event_type,
                  e.actor1.id if e.actor1 else "", report.status(e.id) or "") for e in events)
    want = []
    for item in intended["events"]:
        match = [e for e in events if _place_matches(e, item["place"])
                 and e.sub_event_type == item["type"] and e.actor1 and e.actor1.id == item["actor1"]]
        if not match and item.get("optional"):
            continue  # a by-product event the extraction no longer codes
        assert len(match) == 1, (item, got)
        want.append((item["place"], match[0].id, item["status"]))
    assert len(want) == len(events), got  # every event is listed
    assert [(p, report.status(i)) for p, i, _ in want] == [(p, s) for p, _, s in want]


def test_corpus_disputes_finds_each_planted_contradiction_and_nothing_else(
        corpus_store: Store, kb: KnowledgeBase) -> None:
    intended = yaml.safe_load(INTENDED.read_text(encoding="utf-8"))
    report = SourceAssessor(kb).assess(corpus_store.events())
    found = sorted((d.kind, name_key(d.place)) for d in report.disputes)
    planted = sorted((d["kind"], name_key(d["place"])) for d in intended["disputes"])
    assert [k for k, _ in found] == [k for k, _ in planted]
    for (kind, place), (want_kind, want_place) in zip(found, planted, strict=True):
        assert kind == want_kind
        assert place == want_place or want_place in place or place in want_place, (place, want_place)
    for d in report.disputes:  # two sides, each with its outlets and sentences
        assert len(d.sides) == 2
        assert all(s.claims for s in d.sides)
        outlets = [{v.claimant.outlet.id for v in s.claims} for s in d.sides]
        assert not outlets[0] & outlets[1]


def test_control_claimed_vs_assessed_on_the_corpus(corpus_store: Store, kb: KnowledgeBase) -> None:
    from frontlines.state import ConflictState

    state = ConflictState(corpus_store, kb)
    held = {name_key(s.name): s for s in state.control(date(2021, 3, 14))}
    hish = next(s for k, s in held.items() if k == name_key("Ḩīsh"))
    assert hish.status == "held" and hish.basis == "assessed"  # SOHR and Reuters confirm
    zita = next(s for k, s in held.items() if k == name_key("Kafr Zaytā"))
    assert zita.basis == "disputed"


# ------------------------------------------------------------------ the seed


def test_seed_is_party_claims_or_single_source_with_fna_as_iranian_state_media(
        pipeline, store: Store, seed_path: Path, kb: KnowledgeBase) -> None:  # type: ignore[no-untyped-def]
    pipeline.run(iter_documents([seed_path], published=date(2017, 7, 21)))
    events = store.events()
    assert events
    report = SourceAssessor(kb).assess(events)
    statuses = {report.status(e.id) for e in events}
    assert statuses <= {"party_claim_only", "single_source"}, statuses
    outlets = {o.id: o for a in report.assessments.values() for o in a.outlets}
    assert set(outlets) == {"fna"}
    assert outlets["fna"].alignment == "state media" and outlets["fna"].state == "IR"


# ------------------------------------------------------------------ exports and the API


def test_acled_export_keeps_its_columns_and_fills_source_and_scale(corpus_store: Store) -> None:
    import csv
    import io

    from frontlines.export import ACLED_COLUMNS, write

    fp = io.StringIO()
    write(corpus_store, "acled", fp)
    rows = list(csv.DictReader(io.StringIO(fp.getvalue())))
    assert tuple(rows[0].keys()) == ACLED_COLUMNS
    hish = next(r for r in rows if r["sub_event_type"] == "Government regains territory"
                and name_key(r["location"]) == name_key("Ḩīsh"))
    assert hish["source"] == ("Reuters; Syrian Arab News Agency; "
                              "Syrian Observatory for Human Rights")
    assert hish["source_scale"] == "National-International-Other"


def test_jsonl_and_geojson_exports_carry_corroboration(corpus_store: Store) -> None:
    import io
    import json

    from frontlines.export import write

    fp = io.StringIO()
    write(corpus_store, "jsonl", fp)
    records = [json.loads(line) for line in fp.getvalue().splitlines()]
    statuses = {r["sources"]["status"] for r in records}
    assert statuses == {"corroborated", "disputed", "party_claim_only", "single_source"}
    disputed = next(r for r in records if r["sources"]["disputes"])
    assert disputed["sources"]["disputes"][0]["sides"]
    fp = io.StringIO()
    write(corpus_store, "geojson", fp)
    features = json.loads(fp.getvalue())["features"]
    assert {f["properties"]["corroboration"] for f in features} == statuses


def test_api_disputes_sources_casualties_and_outlets(corpus_store: Store,
                                                     kb: KnowledgeBase) -> None:
    import httpx

    from frontlines.api import create_app
    from frontlines.settings import Settings

    from .conftest import running_app

    app = create_app(corpus_store, settings=Settings(), kb=kb)
    with running_app(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        body = client.get("/api/disputes").json()
        assert body["total"] == 4
        assert sorted(d["kind"] for d in body["items"]) == ["casualties", "control", "who", "who"]
        assert client.get("/api/disputes", params={"actor": "hts"}).json()["total"] == 1
        assert client.get("/api/disputes", params={"place": "Saraqib"}).json()["total"] == 1
        assert client.get("/api/disputes", params={"date_from": "2021-03-07"}).json()["total"] == 2
        assert client.get("/api/disputes", params={"date_from": "2021-03-09",
                                                   "date_to": "2021-03-01"}).status_code == 422
        saraqib = body["items"][[d["kind"] for d in body["items"]].index("casualties")]
        event = client.get(f"/api/events/{saraqib['event_ids'][0]}/sources").json()
        assert event["status"] == "disputed"
        assert (event["casualties"]["low"], event["casualties"]["high"]) == (4, 15)
        assert event["dispute_details"][0]["kind"] == "casualties"
        assert client.get("/api/events/nope/sources").status_code == 404
        tolls = client.get("/api/casualties/events").json()
        assert tolls["total"] >= 1 and all("best" in r for r in tolls["items"])
        statuses = client.get("/api/sources/statuses").json()
        assert set(statuses.values()) <= {"corroborated", "disputed", "party_claim_only",
                                          "single_source"}
        control = client.get("/api/control", params={"on": "2021-03-14"}).json()
        assert {f["properties"]["basis"] for f in control["features"]} == {"assessed",
                                                                           "disputed"}
        fna = client.get("/api/outlets", params={"q": "FNA"}).json()
        assert fna[0]["id"] == "fna" and fna[0]["label"] == "state media (IR)"
        assert len(client.get("/api/outlets").json()) >= 80


def test_cli_disputes_and_sources(corpus_store: Store) -> None:
    from typer.testing import CliRunner

    from frontlines.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["disputes", "--db", corpus_store.url, "--place", "Kafranbel"])
    assert result.exit_code == 0, result.output
    assert "who dispute at Kafranbel" in result.output and "1 dispute" in result.output
    result = runner.invoke(app, ["disputes", "--db", corpus_store.url, "--from", "2021-03-09",
                                 "--to", "2021-03-01"])
    assert result.exit_code == 2 and "--from is after --to" in result.output
    result = runner.invoke(app, ["sources", "nope", "--db", corpus_store.url])
    assert result.exit_code == 2 and "no event with id 'nope'" in result.output
    result = runner.invoke(app, ["casualties", "--by", "event", "--db", corpus_store.url,
                                 "--json"])
    assert result.exit_code == 0, result.output
    assert '"best"' in result.output
