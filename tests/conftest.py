"""Shared fixtures. Heavy things (the spaCy model, the Syria gazetteer) load once per session."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

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


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store in a temporary file."""
    s = Store.open(str(tmp_path / "test.db"))
    yield s
    s.close()


def _pg_available() -> str | None:
    try:
        import sqlalchemy as sa

        engine = sa.create_engine(PG_ADMIN_URL, connect_args={"connect_timeout": 3})
        with engine.connect() as conn:
            conn.execute(sa.text("select 1"))
        engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure means: no server here
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
        s = Store.open(str(tmp_path / "test.db"))
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


@pytest.fixture()
def pipeline(store: Store, annotator):  # type: ignore[no-untyped-def]
    """A Pipeline writing into the per-test SQLite store, sharing the session's Annotator."""
    from frontlines.pipeline import Pipeline

    return Pipeline(store, annotator)
