"""Ingest over the API: refused without a configured token or with a wrong one, validated,
and stored (once) with the right one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from frontlines.api import create_app
from frontlines.settings import Settings
from frontlines.store import Store

from .conftest import running_app

ARTICLE = {"text": "Tahrir al-Sham fighters seized the town of Sarmada on Thursday, "
                   "activists said.",
           "title": "Sarmada falls", "outlet": "Example News", "published": "2017-07-20"}
AUTH = {"Authorization": "Bearer s3cret"}


@pytest.fixture()
def guarded(store: Store) -> Iterator[httpx.Client]:
    """The app with a token configured (FRONTLINES_API_TOKEN=s3cret)."""
    app = create_app(store, settings=Settings(api_token="s3cret"), kb=None)
    with running_app(app) as url, httpx.Client(base_url=url, timeout=60) as client:
        yield client


def test_api_ingest_is_disabled_without_a_configured_token(store: Store) -> None:
    with running_app(create_app(store, settings=Settings(api_token=None), kb=None)) as url:
        response = httpx.post(url + "/api/documents", json=ARTICLE, headers=AUTH)
    assert response.status_code == 403
    assert response.json()["error"]["message"] == (
        "ingest over the API is disabled: set FRONTLINES_API_TOKEN")


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Basic s3cret", "s3cret"])
def test_api_ingest_refuses_a_wrong_or_missing_token(
    guarded: httpx.Client, store: Store, header: str | None
) -> None:
    headers = {"Authorization": header} if header else {}
    response = guarded.post("/api/documents", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthorized"
    assert store.count("documents") == 0


def test_api_ingest_validates_the_body(guarded: httpx.Client) -> None:
    response = guarded.post("/api/documents", json={"title": "no text"}, headers=AUTH)
    assert response.status_code == 422 and "text" in response.json()["error"]["message"]
    bad_date = guarded.post("/api/documents", json={**ARTICLE, "published": "July"},
                            headers=AUTH)
    assert bad_date.status_code == 422


@pytest.mark.slow
def test_api_ingest_stores_a_document_with_the_token(store: Store, annotator) -> None:  # type: ignore[no-untyped-def]
    app = create_app(store, settings=Settings(api_token="s3cret"), kb=None, annotator=annotator)
    with running_app(app) as url, httpx.Client(base_url=url, timeout=120) as client:
        response = client.post("/api/documents", json=ARTICLE, headers=AUTH)
        assert response.status_code == 201, response.text
        assert response.json()["stored"] == 1
        again = client.post("/api/documents", json=ARTICLE, headers=AUTH)
        assert again.status_code == 200 and again.json()["duplicates"] == 1
    (doc,) = store.documents()
    assert (doc["title"], doc["published"]) == ("Sarmada falls", date(2017, 7, 20))
