"""Browser tests: the map, the slider, evidence on click, the alliance graph, the table, and
article text that stays inert. Headless Debian Chromium driven by Playwright."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert

from frontlines.api import create_app
from frontlines.settings import Settings
from frontlines.store import Store, schema

from .conftest import SYRIA, build_conflict_store, running_app

pytestmark = pytest.mark.browser



def _load_admin1(store: Store) -> int:
    """The OCHA admin1 polygons, when ../shared is here (the map draws a plain background
    without them)."""
    path = SYRIA / "ocha-admin1.geojson"
    if not path.exists():
        return 0
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    rows = [{"id": f["properties"]["PCODE"], "name": f["properties"]["NAME_EN"], "level": 1,
             "country": "SY", "parent": None, "geometry": f["geometry"]} for f in features]
    with store.transaction() as conn:
        conn.execute(insert(schema.admin_areas), rows)
    return len(rows)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:

    store = Store.open(str(tmp_path_factory.mktemp("web") / "web.db"))
    build_conflict_store(store)
    _load_admin1(store)
    app = create_app(store, settings=Settings(), kb=None)
    with running_app(app) as url:
        yield url
    store.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: $FRONTLINES_SCREENSHOTS, else a temporary directory."""
    wanted = os.environ.get("FRONTLINES_SCREENSHOTS")
    if wanted:
        Path(wanted).mkdir(parents=True, exist_ok=True)
        return Path(wanted)
    return tmp_path_factory.mktemp("screenshots")


@pytest.fixture(params=[False])
def page(browser: Any, server: str, request: pytest.FixtureRequest) -> Iterator[Any]:
    # bypass_csp=True shows that injected markup stays inert without the CSP's help
    context = browser.new_context(viewport={"width": 1400, "height": 860},
                                  bypass_csp=request.param)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console: {msg.text}")
            if msg.type == "error" else None)
    page.problems = problems
    yield page
    context.close()


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=15000)


def test_web_map_shows_events_and_control_on_the_last_date(page: Any, server: str,
                                                           shots: Path) -> None:
    _open(page, server + "/")
    assert page.text_content("#date-label") == "2017-07-21"
    page.wait_for_selector("#map[data-control-on='2017-07-21']")
    assert page.locator("#map circle.event").count() == 9
    status = {g.get_attribute("data-place"): g.get_attribute("data-status")
              for g in page.locator("#map g.place").all()}
    assert status["t:saraqib"] == "held" and status["t:hazarin"] == "contested"
    if SYRIA.exists():
        assert page.locator("#map path.admin").count() == 14
    page.screenshot(path=str(shots / "map-2017-07-21.png"))
    assert page.problems == []


def test_web_slider_moves_the_date_and_redraws(page: Any, server: str, shots: Path) -> None:
    _open(page, server + "/")
    page.locator("#slider").fill("11")  # 2017-07-01 + 11 days
    assert page.text_content("#date-label") == "2017-07-12"
    page.wait_for_selector("#map[data-control-on='2017-07-12']")
    assert page.locator("#map circle.event").count() == 2
    assert page.locator("#map g.place[data-place='t:saraqib']").count() == 0
    assert "on=2017-07-12" in page.url
    page.screenshot(path=str(shots / "map-2017-07-12.png"))
    page.click("#play")
    expect(page.locator("#date-label")).not_to_have_text("2017-07-12")
    page.click("#play")


def test_web_clicking_an_event_shows_evidence_claimant_and_outlet(page: Any, server: str,
                                                                  shots: Path) -> None:
    _open(page, server + "/")
    page.click("#map circle.event[data-id='ev-saraqib']")
    page.wait_for_selector("#evidence .claim")
    panel = page.text_content("#panel")
    assert "captured the town of Saraqib on Wednesday" in panel
    assert page.text_content("#evidence .claimant") == "field sources"
    assert page.text_content("#evidence .outlet") == "Example News"
    page.screenshot(path=str(shots / "map-evidence.png"))
    page.click("#map g.place[data-place='t:hazarin']")
    page.wait_for_selector("#panel .status-contested")
    assert "Ahrar al-Sham" in page.text_content("#panel")
    # the map loads no history; the click asks the place's own (the API's `place`)
    page.wait_for_selector("#panel ol.history[data-loaded=true] li")
    assert page.locator("#panel ol.history li").count() >= 1
    assert "attacked it" in page.text_content("#panel ol.history")


@pytest.mark.parametrize("page", [True], indirect=True)
def test_web_injected_markup_in_articles_stays_inert(page: Any, server: str,
                                                     shots: Path) -> None:
    _open(page, server + "/events")
    row = page.locator("#event-table tr[data-id='ev-evil']")
    assert "<script>window.__pwned = 1</script>" in row.text_content()
    row.click()
    page.wait_for_selector("#evidence .claim")
    evidence = page.text_content("#evidence .evidence")
    assert '<img src=x onerror="window.__pwned = 2">' in evidence
    assert page.text_content("#evidence .claimant") == "<i>activists</i>"
    assert page.text_content("#evidence .outlet") == "<b>Outlet</b>"
    assert page.locator("#panel img, #panel script, #panel b, #event-table img").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    page.screenshot(path=str(shots / "events-injected.png"))


def test_web_alliance_graph_shows_members_hostility_and_split(page: Any, server: str,
                                                             shots: Path) -> None:
    _open(page, server + "/alliances?on=2017-07-21")
    page.wait_for_selector("#graph[data-on='2017-07-21'] g.actor")
    members = page.text_content("#members")
    assert "al-hujra-brigade" in members and "fajr-al-islam-brigade" in members
    assert "zenki" not in members
    assert "zenki" in page.text_content("#split")
    assert "inferred from battles" in page.text_content("#hostile")
    assert page.locator("#graph line.edge-hostile_to").count() == 1
    page.click("#graph g.actor[data-actor='hts']")
    page.wait_for_selector("#panel .relations")
    assert "zenki member of Hay'at Tahrir al-Sham" in page.text_content("#panel .relations")
    page.screenshot(path=str(shots / "alliances-2017-07-21.png"))


def test_web_event_table_filters_and_offers_exports(page: Any, server: str) -> None:
    _open(page, server + "/events")
    assert page.locator("#event-table tbody tr").count() == 9
    page.select_option("#filters select[name=type]", "Battles")
    page.click("#filters button[type=submit]")
    expect(page.locator("#event-table tbody tr")).to_have_count(5)
    href = page.get_attribute("#downloads a[data-format=acled]", "href")
    assert "type=Battles" in href and "format=acled" in href
    response = page.request.get(server + href)
    assert response.status == 200
    assert len(response.text().strip().splitlines()) == 6  # header + 5 battles


@pytest.fixture(scope="module")
def seed_server(tmp_path_factory: pytest.TempPathFactory, seed_ocha_db: Path) -> Iterator[str]:
    """`frontlines serve` on the seed article ingested over the OCHA gazetteer and polygons."""
    from .conftest import copy_store, running_app

    store = Store.open(str(copy_store(seed_ocha_db, tmp_path_factory.mktemp("seed") / "seed.db")))
    with running_app(create_app(store, settings=Settings())) as url:
        yield url
    store.close()


@pytest.mark.slow
def test_web_seed_shows_idlib_events_control_and_alliances(browser: Any, seed_server: str,
                                                           shots: Path) -> None:
    context = browser.new_context(viewport={"width": 1400, "height": 860})
    page = context.new_page()
    _open(page, seed_server + "/?on=2017-07-21")
    page.wait_for_selector("#map[data-control-on='2017-07-21'] g.place")
    assert page.locator("#map circle.event").count() > 10
    held = [g.text_content() for g in page.locator("#map g.place-held").all()]
    contested = [g.text_content() for g in page.locator("#map g.place-contested").all()]
    page.screenshot(path=str(shots / "seed-map-2017-07-21.png"))
    page.locator("#map circle.event").last.click()  # drawn last: on top
    page.wait_for_selector("#evidence .claim")
    page.screenshot(path=str(shots / "seed-map-evidence.png"))
    page.click("nav a[data-tab=alliances]")
    page.wait_for_selector("#graph g.actor")
    members = page.text_content("#members")
    split = page.text_content("#split")
    page.screenshot(path=str(shots / "seed-alliances-2017-07-21.png"))
    context.close()
    assert len(held) >= 5 and any("Hazarin" in name for name in contested)
    assert "Al-Hujra Brigade" in members and "Fajr Al-Islam Brigade" in members
    assert "Zenki" in split
