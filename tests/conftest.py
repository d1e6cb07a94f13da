"""Shared fixtures. Heavy things (the spaCy model, the Syria gazetteer) load once per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from frontlines.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("FRONTLINES_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seed" / "fna-idlib-2017.txt"
SEED_GOLD = SHARED / "seed" / "fna-idlib-2017.gold.json"
SYRIA = SHARED / "data" / "syria"
ACLED = SHARED / "eval" / "acled"
CORPUS = SHARED / "data" / "corpus" / "fa-kes-syria-news.csv"
PG_ADMIN_URL = os.environ.get("FRONTLINES_TEST_PG", "postgresql+psycopg://root@127.0.0.1:5432/test")


def _needs_shared(path: Path) -> None:
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is only in this workplace)")


def copy_store(source: Path, dest: Path) -> Path:
    """A copy of an SQLite store file: the file itself when the store is closed (its last
    connection checkpointed the WAL away), else through SQLite's backup API."""
    import shutil
    import sqlite3

    if not source.with_name(source.name + "-wal").exists():
        shutil.copyfile(source, dest)
        return dest
    src, dst = sqlite3.connect(source), sqlite3.connect(dest)
    try:
        src.backup(dst)
    finally:
        src.close()
        dst.close()
    return dest


@pytest.fixture(scope="session")
def seed_path() -> Path:
    _needs_shared(SEED)
    return SEED


@pytest.fixture(scope="session")
def seed_gold_path() -> Path:
    _needs_shared(SEED_GOLD)
    return SEED_GOLD


@pytest.fixture(scope="session")
def syria_dir() -> Path:
    _needs_shared(SYRIA)
    return SYRIA


@pytest.fixture(scope="session")
def empty_store_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file migrated to the newest schema and nothing else, made once per session:
    running every migration for each test's fresh store costs more than copying the file."""
    path = tmp_path_factory.mktemp("empty-store") / "empty.db"
    Store.open(str(path)).close()
    return path


def fresh_sqlite_store(empty_store_file: Path, path: Path) -> Store:
    """A fresh SQLite store at `path`: a copy of `empty_store_file`, opened (and so migrated,
    which finds nothing to do)."""
    return Store.open(str(copy_store(empty_store_file, path)))


@pytest.fixture()
def store(tmp_path: Path, empty_store_file: Path) -> Iterator[Store]:
    """A fresh SQLite store in a temporary file."""
    s = fresh_sqlite_store(empty_store_file, tmp_path / "test.db")
    yield s
    s.close()


def _pg_available() -> str | None:
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
    except Exception as exc:
        return f"no PostgreSQL server answers at {PG_ADMIN_URL}: {exc.__class__.__name__}"
    return None


@pytest.fixture()
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL database for one test, dropped afterwards."""
    reason = _pg_available()
    if reason:
        pytest.skip(reason)
    import sqlalchemy as sa

    name = f"frontlines_test_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :n"
            ), {"n": name})
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """The same test on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        s = fresh_sqlite_store(request.getfixturevalue("empty_store_file"), tmp_path / "test.db")
    else:
        s = Store.open(request.getfixturevalue("pg_url"))
    yield s
    s.close()


# --- lead: the spaCy pipeline, loaded once per test session ------------------------------------


@pytest.fixture(scope="session")
def annotator():  # type: ignore[no-untyped-def]
    """The full Annotator (spaCy model + every frontlines component present), with the packaged
    knowledge (actor KB, built-in gazetteer, ontology). Loaded once per session."""
    from frontlines.nlp import Annotator
    from frontlines.pipeline import load_knowledge

    return Annotator.load(load_knowledge(None))


@pytest.fixture
def rules(annotator):  # type: ignore[no-untyped-def]
    """The session's knowledge without the classifier: for cases that are the rules' own
    (pass it as `knowledge=` to `extract_text`)."""
    import dataclasses

    return dataclasses.replace(annotator.knowledge, classifier=None)


@pytest.fixture()
def pipeline(store: Store, annotator):  # type: ignore[no-untyped-def]
    """A Pipeline writing into the per-test SQLite store, sharing the session's Annotator."""
    from frontlines.pipeline import Pipeline

    return Pipeline(store, annotator)


# ---- state / api / web fixtures (issue 6): a small Idlib store built by hand -----------------

_IDLIB_REPORT = (
    "Idlib clashes\n\n"
    "Hay'at Tahrir al-Sham captured the town of Saraqib on Wednesday after heavy clashes with "
    "Ahrar al-Sham, field sources said. "
    "Tahrir al-Sham also seized Hazarin on Wednesday. "
    "Ahrar al-Sham attacked the town of Hazarin, occupied by Tahrir al-Sham, with tanks on "
    "Thursday, killing four fighters. "
    "Clashes between Tahrir al-Sham and Ahrar al-Sham erupted in Ariha, leaving tens dead. "
    "Ahrar al-Sham took over the Bab al-Hawa crossing early in July. "
    "Ahrar al-Sham withdrew from the Bab al-Hawa crossing on Friday. "
    "Government warplanes struck Khan Shaykhun, killing 12 civilians, the observatory said. "
    "Syrian army troops regained control of Khan Tuman in southern Aleppo. "
    "The al-Hujra Brigade and Fajr al-Islam Brigade announced they had joined Tahrir al-Sham. "
    "Nour al-Din al-Zenki announced it had left Tahrir al-Sham."
)
_INJECTED = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned = 2\">"


def build_conflict_store(store: Store) -> None:
    """Two documents, nine events and four relations around Idlib in July 2017 (hand-coded)."""
    from datetime import date as _d

    from frontlines.model import (
        ActorRef,
        Claim,
        Document,
        Event,
        GeoRef,
        Qualifier,
        Quantity,
        Relation,
        RelationKind,
        TimePrecision,
    )

    hts = ActorRef("hts", "Hay'at Tahrir al-Sham", "Tahrir al-Sham")
    ahrar = ActorRef("ahrar-al-sham", "Ahrar al-Sham", "Ahrar al-Sham")
    army = ActorRef("syria-military", "Military Forces of Syria (2000-2024)", "Syrian army")
    civ = ActorRef(None, "Civilians (Syria)", "civilians")

    def place(name: str, lat: float, lon: float, admin1: str = "Idlib") -> GeoRef:
        return GeoRef(text=name, place_id=f"t:{name.lower().replace(' ', '-')}", name=name,
                      lat=lat, lon=lon, country="SY", admin1=admin1)

    doc = Document.create(_IDLIB_REPORT, title="Idlib clashes", outlet="Example News",
                          published=_d(2017, 7, 21), url="https://example.org/idlib")
    sentences = _IDLIB_REPORT.split("\n\n", 1)[1].replace(". ", ".\n").split("\n")
    claims: list[Claim] = []

    def claim(i: int, trigger: str, etype: str, sub: str, **kw: object) -> Claim:
        text = sentences[i]
        start = doc.text.find(text[:40])
        c = Claim(id=f"c{i}", doc_id=doc.id, sentence=i, evidence=text, evidence_start=start,
                  evidence_end=start + len(text), trigger=trigger, event_type=etype,
                  sub_event_type=sub, outlet="Example News", **kw)  # type: ignore[arg-type]
        claims.append(c)
        return c

    def event(eid: str, c: Claim, when: _d, where: GeoRef, a1: ActorRef, a2: ActorRef | None,
              fat: int | None = None, reports: tuple[Quantity, ...] = (),
              prec: TimePrecision = TimePrecision.DAY) -> Event:
        return Event(id=eid, event_type=c.event_type, sub_event_type=c.sub_event_type,
                     claims=(c,), actor1=a1, actor2=a2, place=where, date=when,
                     time_precision=prec, fatalities=fat, fatality_reports=reports,
                     notes=c.evidence)

    saraqib, hazarin = place("Saraqib", 35.8644, 36.8006), place("Hazarin", 35.59, 36.56)
    ariha, bab = place("Ariha", 35.8134, 36.6081), place("Bab al-Hawa", 36.2279, 36.6665)
    khan_shaykhun, khan_tuman = place("Khan Shaykhun", 35.44, 36.65), place(
        "Khan Tuman", 36.1089, 37.0242, admin1="Aleppo")
    idlib = place("Idlib", 35.9306, 36.6339)
    cap, clash = "Non-state actor overtakes territory", "Armed clash"
    moved = "Non-violent transfer of territory"
    events = [
        event("ev-saraqib", claim(0, "captured", "Battles", cap, claimant="field sources"),
              _d(2017, 7, 19), saraqib, hts, ahrar),
        event("ev-hazarin-taken", claim(1, "seized", "Battles", cap), _d(2017, 7, 19),
              hazarin, hts, None),
        event("ev-hazarin-attack", claim(2, "attacked", "Battles", clash), _d(2017, 7, 20),
              hazarin, ahrar, hts, 4, (Quantity("four", "killed", 4),)),
        event("ev-ariha", claim(3, "clashes", "Battles", clash), _d(2017, 7, 20), ariha, hts,
              ahrar, 10, (Quantity("tens", "killed", 10, Qualifier.VAGUE),)),
        event("ev-bab-taken", claim(4, "took over", "Strategic developments", moved),
              _d(2017, 7, 1), bab, ahrar, None, prec=TimePrecision.MONTH),
        event("ev-bab-left", claim(5, "withdrew", "Strategic developments", moved),
              _d(2017, 7, 21), bab, ahrar, None),
        event("ev-khan-shaykhun", claim(6, "struck", "Explosions/Remote violence",
                                        "Air/drone strike", claimant="the observatory"),
              _d(2017, 7, 18), khan_shaykhun, army, civ, 12,
              (Quantity("12", "killed", 12), Quantity("15", "killed", 15))),
        event("ev-khan-tuman", claim(7, "regained control", "Battles",
                                     "Government regains territory"),
              _d(2017, 7, 12), khan_tuman, army, None),
    ]
    rels = [
        Relation("al-hujra-brigade", RelationKind.MEMBER_OF, "hts", start="2017-07-20",
                 doc_id=doc.id, evidence=sentences[8]),
        Relation("fajr-al-islam-brigade", RelationKind.MEMBER_OF, "hts", start="2017-07-20",
                 doc_id=doc.id, evidence=sentences[8]),
        Relation("zenki", RelationKind.MEMBER_OF, "hts", start="2017-01-28", end="2017-07-20",
                 doc_id=doc.id, evidence=sentences[9]),
        Relation("zenki", RelationKind.SPLIT_FROM, "hts", start="2017-07-20", doc_id=doc.id,
                 evidence=sentences[9]),
    ]
    store.save_document(doc, claims=claims, relations=rels)

    evil = Document.create(f"{_INJECTED}\n\nProtesters gathered in Idlib city {_INJECTED}.",
                           title=f"Protest {_INJECTED}", outlet="<b>Outlet</b>",
                           published=_d(2017, 7, 15))
    text = f"Protesters gathered in Idlib city {_INJECTED}."
    start = evil.text.find(text)
    bad = Claim(id="c-evil", doc_id=evil.id, sentence=0, evidence=text, evidence_start=start,
                evidence_end=start + len(text), trigger="gathered", event_type="Protests",
                sub_event_type="Peaceful protest", outlet="<b>Outlet</b>",
                claimant="<i>activists</i>")
    store.save_document(evil, claims=[bad])
    events.append(event("ev-evil", bad, _d(2017, 7, 15), idlib,
                        ActorRef(None, f"Protesters {_INJECTED}"), None))
    store.replace_events(events)


@pytest.fixture()
def conflict_store(store: Store) -> Store:
    """The per-test store filled by `build_conflict_store`."""
    build_conflict_store(store)
    return store


# Browser tests drive Debian's Chromium (never a downloaded build); without it they skip.
CHROMIUM = os.environ.get("FRONTLINES_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless Chromium for one test module (skips when Chromium or playwright is missing)."""
    import shutil

    if not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None:
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="the playwright Python package is not installed")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@contextmanager
def running_app(app: object) -> Iterator[str]:
    """Serve an ASGI app with uvicorn in a thread on 127.0.0.1 (a free port); yield its URL."""
    import socket
    import threading
    import time

    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()


@pytest.fixture()
def api(conflict_store: Store) -> Iterator[object]:
    """An httpx client on the real app over `conflict_store`, served in a thread."""
    import httpx

    from frontlines.api import create_app
    from frontlines.settings import Settings

    app = create_app(conflict_store, settings=Settings(), kb=None)
    with running_app(app) as url, httpx.Client(base_url=url, timeout=30) as client:
        yield client


# ---------------------------------------------------------------- geo (gazetteer helper)
GEO_DATA = ROOT / "tests" / "data" / "geo"


@pytest.fixture(scope="session")
def world_layer() -> object:
    """The built-in world layer, read once per session (read-only: share it, never change it)."""
    from frontlines.geo import gazetteer

    return gazetteer.load_world()


@pytest.fixture(scope="session")
def builtin_gazetteer() -> object:
    """`Gazetteer.builtin()`, built once per session. A Gazetteer is read-only (`prepare` only
    builds search indexes ahead, and changes no answer), so tests that only ask it share this
    one; a test about building or preparing one builds its own."""
    from frontlines.geo import Gazetteer

    return Gazetteer.builtin()


@pytest.fixture(scope="session")
def geo_store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite store with the Iraq/Turkey test gazetteer and, when ../shared is here, the
    Syria data (OCHA communities and admin polygons, OpenSyria admin units)."""
    from frontlines.geo import (
        load_admin_geojson,
        load_geonames,
        load_ocha_communities,
        load_opensyria,
    )

    path = tmp_path_factory.mktemp("geo") / "gazetteer.db"
    with Store.open(str(path)) as s:
        load_geonames(s, GEO_DATA / "iq-tr-geonames.txt")
        if SYRIA.exists():
            load_ocha_communities(s, SYRIA / "ocha-communities.csv")
            for level in ("governorates", "districts", "subdistricts"):
                load_opensyria(s, SYRIA / f"opensyria-{level}.json")
            load_admin_geojson(s, SYRIA / "ocha-admin1.geojson")
    return path


@pytest.fixture(scope="session")
def geo_gazetteer(geo_store_path: Path) -> object:
    """The Gazetteer over `geo_store_path` (built once per session)."""
    from frontlines.geo import Gazetteer

    with Store.open(str(geo_store_path)) as s:
        return Gazetteer.from_store(s)


# ---------------------------------------------------------------- the seed over OCHA (web tests)


def ocha_pipeline(store: Store, annotator):  # type: ignore[no-untyped-def]
    """A Pipeline over `store` with the session's Annotator and the store's own gazetteer."""
    import dataclasses

    from frontlines.geo import Gazetteer
    from frontlines.pipeline import Pipeline

    pipeline = Pipeline(store, annotator)
    pipeline.knowledge = dataclasses.replace(pipeline.knowledge,
                                             gazetteer=Gazetteer.from_store(store))
    return pipeline


@pytest.fixture(scope="session")
def seed_ocha_db(tmp_path_factory: pytest.TempPathFactory, annotator, seed_path: Path,  # type: ignore[no-untyped-def]
                 syria_dir: Path) -> Path:
    """An SQLite file: the OCHA admin polygons and communities loaded, then the seed report
    ingested over that gazetteer (published 2017-07-21). Built once per session; a test module
    takes its own copy (`copy_store`), so what one changes the next never sees."""
    from datetime import date

    from frontlines.geo import load_admin_geojson, load_ocha_communities
    from frontlines.ingest import iter_documents

    path = tmp_path_factory.mktemp("seed-ocha") / "seed.db"
    with Store.open(str(path)) as store:
        load_admin_geojson(store, syria_dir / "ocha-admin1.geojson")
        load_ocha_communities(store, syria_dir / "ocha-communities.csv")
        ocha_pipeline(store, annotator).run(
            iter_documents([seed_path], published=date(2017, 7, 21)))
    return path


# ---------------------------------------------------------------- actors (actor KB helper)


@pytest.fixture(scope="session")
def actor_kb() -> object:
    """The packaged actor knowledge base, loaded once per session."""
    from frontlines.actors import KnowledgeBase

    return KnowledgeBase.load()


@pytest.fixture(scope="session")
def actor_annotator(actor_kb: object) -> object:
    """A light Annotator: blank English + sentencizer + the frontlines_actors component."""
    import spacy

    import frontlines.nlp.actors  # noqa: F401 - registers the factory
    from frontlines.nlp import Annotator, Knowledge, ensure_extensions

    ensure_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    knowledge = Knowledge(actors=actor_kb)
    nlp.add_pipe("frontlines_actors").configure(knowledge)
    return Annotator(nlp, knowledge)


# ---------------------------------------------------------------- events (issue 5: event stage)


@pytest.fixture(scope="session")
def extract_text(annotator):  # type: ignore[no-untyped-def]
    """Run nlp + geo + events on a text of our own: `extract_text(text, published=date)`."""
    from datetime import date as _date

    from frontlines import events
    from frontlines.model import Document
    from frontlines.pipeline import places_of

    def run(text: str, published: _date | None = _date(2017, 7, 21), knowledge=None):  # type: ignore[no-untyped-def]
        knowledge = knowledge or annotator.knowledge
        annotated = annotator.annotate_one(Document.create(text, published=published))
        return events.extract(annotated, places_of(annotated, knowledge), knowledge)

    return run


@pytest.fixture()
def theatre_knowledge(annotator):  # type: ignore[no-untyped-def]
    """The session's knowledge plus a few Yemen and Sahel actors, as a new theatre's actor file
    would add them; the actor component is switched to it for one test and switched back."""
    from frontlines.model import Actor
    from frontlines.nlp import Knowledge

    extra = [
        Actor(id="houthis", name="Houthi Movement", acled_name="Ansar Allah", inter=2,
              country="YE", aliases=("Houthis", "Houthi rebels", "Ansar Allah", "the Houthis")),
        Actor(id="yemen-military", name="Military Forces of Yemen", inter=1, country="YE",
              acled_name="Military Forces of Yemen (2016-) Supreme Political Council",
              aliases=("Yemeni army", "government forces", "Yemeni government forces")),
        Actor(id="jnim", name="Jama'at Nusrat al-Islam wal-Muslimin", acled_name="JNIM", inter=2,
              country="ML", aliases=("JNIM", "Nusrat al-Islam")),
        Actor(id="mali-military", name="Military Forces of Mali", inter=1, country="ML",
              acled_name="Military Forces of Mali (2021-)", aliases=("FAMa", "Malian army",
                                                                     "Malian soldiers")),
    ]
    base = annotator.knowledge
    knowledge = Knowledge(actors=base.actors.with_additions(extra), gazetteer=base.gazetteer,
                          ontology=base.ontology)
    pipe = annotator.nlp.get_pipe("frontlines_actors")
    pipe.configure(knowledge)
    yield knowledge
    pipe.configure(base)
