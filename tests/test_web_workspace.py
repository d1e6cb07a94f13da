"""Browser tests of the analyst's workspace on the seed report: an editor corrects an event's
actor and place and the correction survives a reload, a re-ingest and a re-consolidation; a
viewer sees no editor buttons and gets 403; a viewer's bearer token reads but cannot edit; the
areas layer draws HTS-held areas, hatched contested places and the HTS / Ahrar al-Sham front.
Headless Debian Chromium driven by Playwright (skipped without it)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest

from frontlines.api import create_app
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.workspace import Users

from .conftest import copy_store, ocha_pipeline, running_app
from .test_web_pages import expect, shots  # noqa: F401 - shared fixtures

pytestmark = [pytest.mark.browser, pytest.mark.slow]

ON = "2017-07-21"


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory, annotator, seed_path: Path,  # type: ignore[no-untyped-def]
         seed_ocha_db: Path) -> Iterator[dict[str, Any]]:
    """The seed report ingested over the OCHA gazetteer and polygons, served, with an editor,
    a viewer and the viewer's bearer token."""
    from frontlines.ingest import iter_documents

    store = Store.open(str(copy_store(seed_ocha_db,
                                      tmp_path_factory.mktemp("seed-ws") / "seed.db")))
    pipeline = ocha_pipeline(store, annotator)

    def ingest() -> Any:
        return pipeline.run(iter_documents([seed_path], published=date(2017, 7, 21)))

    users = Users(store)
    users.add("ed", "editor-pass", "editor")
    users.add("vera", "viewer-pass", "viewer")
    token = users.create_token("vera", "a script")
    with running_app(create_app(store, settings=Settings())) as url:
        yield {"url": url, "store": store, "pipeline": pipeline, "ingest": ingest,
               "viewer_token": token}
    store.close()


_CONTEXTS: list[Any] = []


@pytest.fixture(autouse=True)
def _pages_close_with_their_test() -> Iterator[None]:
    """The browser contexts a test opened close when it ends, as a user closes the tab: an open
    page holds its /api/live stream, on which the server's shutdown after the last test would
    otherwise wait out running_app's 10 s."""
    yield
    while _CONTEXTS:
        _CONTEXTS.pop().close()


def _page(browser: Any) -> Any:
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    _CONTEXTS.append(context)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.problems = problems
    return page


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=20000)


def _login(page: Any, url: str, name: str, password: str) -> None:
    _open(page, url + "/")
    page.click("#login")
    page.fill("#login-form input[name=name]", name)
    page.fill("#login-form input[name=password]", password)
    page.click("#login-form button[type=submit]")
    expect(page.locator("#whoami")).to_contain_text(name)


def _target(store: Store) -> Any:
    """A seed event with a place and a second actor: the one the editor corrects."""
    return next(e for e in store.events() if e.place is not None and e.actor2 is not None
                and e.place.place_id and e.event_type == "Battles")


def test_the_areas_layer_draws_hts_areas_contested_places_and_the_front(
        browser: Any, seed: dict[str, Any], shots: Path) -> None:  # noqa: F811
    url = seed["url"]
    page = _page(browser)
    _open(page, f"{url}/?on={ON}")
    page.wait_for_selector(f"#map[data-areas-on='{ON}'] path.area")
    held = page.locator("#map path.area-held[data-controller='hts']")
    assert held.count() == 1
    assert page.locator("#map path.area-contested").count() >= 1
    assert page.locator("#map path.front[data-between='ahrar-al-sham|hts']").count() == 1
    assert page.get_attribute("#map path.area-contested >> nth=0", "fill") == "url(#area-hatch)"
    page.uncheck("#layer-events")
    page.screenshot(path=str(shots / "seed-areas-2017-07-21.png"))
    page.check("#layer-events")
    # the play button animates the areas with the date
    page.click("#play")
    expect(page.locator("#map")).not_to_have_attribute("data-areas-on", ON)
    page.click("#play")
    assert page.problems == []


def test_an_editor_corrects_actor_and_place_and_the_edit_outlives_reingest(
        browser: Any, seed: dict[str, Any], shots: Path) -> None:  # noqa: F811
    url, store = seed["url"], seed["store"]
    event = _target(store)
    other_place = next(e.place for e in store.events()
                       if e.place is not None and e.place.place_id
                       and e.place.place_id != event.place.place_id)
    page = _page(browser)
    _login(page, url, "ed", "editor-pass")
    page.goto(f"{url}/events")
    page.wait_for_selector("body[data-ready=true]")
    page.click(f"#event-table tr[data-id='{event.id}']")
    page.click("#edit-event")
    page.fill("#edit-form input[name=actor2]", "Jaysh al-Ahrar")
    page.fill("#edit-form input[name=place]", other_place.place_id)
    page.fill("#edit-form textarea[name=reason]", "the report names the brigade and the town")
    page.click("#save-edit")
    expect(page.locator("#history li.edit")).to_have_count(1)

    # reload: still logged in (cookie), the event shows the edit and its history
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    page.click(f"#event-table tr[data-id='{event.id}']")
    expect(page.locator("#history li.edit")).to_have_count(1)
    panel = page.text_content("#panel")
    assert "Jaysh al-Ahrar" in panel and other_place.name in panel
    history = page.text_content("#history")
    assert "ed" in history and "the report names the brigade and the town" in history
    page.screenshot(path=str(shots / "seed-edit-history.png"))

    # the article ingested again, then every event rebuilt from the claims: the edit stays
    report = seed["ingest"]()
    assert report.count("duplicate") == 2 and report.count("stored") == 0
    seed["pipeline"].consolidate()
    again = store.event(event.id)
    assert again is not None and again.actor2 is not None
    assert again.actor2.name == "Jaysh al-Ahrar" and again.place.place_id == other_place.place_id
    page.reload()
    page.wait_for_selector("body[data-ready=true]")
    page.click(f"#event-table tr[data-id='{event.id}']")
    expect(page.locator("#history li.edit")).to_have_count(1)
    assert "Jaysh al-Ahrar" in page.text_content("#panel")
    assert page.problems == []


def test_a_viewer_has_no_editor_buttons_and_the_api_says_403(
        browser: Any, seed: dict[str, Any]) -> None:
    url, store = seed["url"], seed["store"]
    event = _target(store)
    page = _page(browser)
    _login(page, url, "vera", "viewer-pass")
    page.goto(f"{url}/events")
    page.wait_for_selector("body[data-ready=true]")
    page.click(f"#event-table tr[data-id='{event.id}']")
    page.wait_for_selector("#panel h3:has-text('History')")
    assert page.locator("#edit-event, #accept-event, .reject-claim").count() == 0
    csrf = page.request.get(f"{url}/api/me").json()["csrf"]
    r = page.request.post(f"{url}/api/events/{event.id}/edit",
                          data={"changes": {"fatalities": 99}},
                          headers={"X-CSRF-Token": csrf})
    assert r.status == 403 and "needs the editor role" in r.json()["error"]["message"]
    assert store.event(event.id).fatalities != 99  # type: ignore[union-attr]


def test_a_viewer_token_reads_but_cannot_edit(seed: dict[str, Any]) -> None:
    url, store = seed["url"], seed["store"]
    event = _target(store)
    auth = {"Authorization": f"Bearer {seed['viewer_token']}"}
    r = httpx.get(f"{url}/api/events/{event.id}", headers=auth)
    assert r.status_code == 200 and r.json()["id"] == event.id
    r = httpx.post(f"{url}/api/events/{event.id}/edit", headers=auth,
                   json={"changes": {"fatalities": 99}})
    assert r.status_code == 403
    assert store.event(event.id).fatalities != 99  # type: ignore[union-attr]


def test_the_review_tab_lists_items_and_an_editor_accepts_one(
        browser: Any, seed: dict[str, Any]) -> None:
    url = seed["url"]
    before = httpx.get(f"{url}/api/review").json()["total"]
    if before == 0:
        pytest.skip("the seed leaves nothing to review")
    page = _page(browser)
    _login(page, url, "ed", "editor-pass")
    page.click("nav a[data-tab=review]")
    page.wait_for_selector("#review-list li.review-item")
    assert page.locator("#review-list li.review-item").count() == before
    page.locator("#review-list .accept-item").first.click()
    expect(page.locator("#review-list li.review-item")).to_have_count(before - 1)


def test_an_editor_merges_two_events_and_splits_them_again(
        browser: Any, seed: dict[str, Any]) -> None:
    url, store = seed["url"], seed["store"]
    first, other = [e for e in store.events() if e.event_type == "Battles"][-2:]
    page = _page(browser)
    _login(page, url, "ed", "editor-pass")
    page.goto(f"{url}/events")
    page.wait_for_selector("body[data-ready=true]")
    page.click(f"#event-table tr[data-id='{first.id}']")
    page.fill("#merge-other", other.id)
    page.click("#merge-event")
    total = len(first.claims) + len(other.claims)
    expect(page.locator("#evidence li.claim")).to_have_count(total)
    assert store.event(other.id) is None
    assert "merge" in page.text_content("#history")
    page.locator("#evidence .split-claim").last.click()
    expect(page.locator("#evidence li.claim")).to_have_count(1)
    assert len(store.event(first.id).claims) == total - 1  # type: ignore[union-attr]
    assert page.problems == []
