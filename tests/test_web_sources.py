"""Browser tests for sources (issue 14): the disputes view, the sources side by side in the
evidence panel, the map's "only corroborated" filter, and article text that stays inert."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from frontlines.api import create_app
from frontlines.model import ActorRef, Claim, Document, Event, GeoRef, TimePrecision
from frontlines.settings import Settings
from frontlines.store import Store

from .conftest import running_app

pytestmark = pytest.mark.browser

_SCRIPT = "<script>window.__pwned = 1</script>"
_IMG = "<img src=x onerror=\"window.__pwned = 2\">"


def build_disputed_store(store: Store) -> None:
    """Three reports of one day at Kafr Zita: SANA says the army retook it, Enab Baladi that
    the attack was repelled (a control dispute); Reuters and SANA agree on shelling at Hish."""
    army = ActorRef("syria-military", "Military Forces of Syria", "army", inter=1)
    rebels = ActorRef("opposition-rebels-sy", "Opposition Rebels (Syria)", "rebels", inter=2)
    zita = GeoRef(text="Kafr Zita", place_id="t:kafr-zita", name="Kafr Zita", lat=35.37,
                  lon=36.6, country="SY", admin1="Hama")
    hish = GeoRef(text="Hish", place_id="t:hish", name="Hish", lat=35.55, lon=36.64,
                  country="SY", admin1="Idlib")
    day = date(2021, 3, 4)

    def doc(text: str, outlet: str) -> Document:
        return Document.create(text, title=f"{outlet} report", outlet=outlet, published=day)

    def claim(d: Document, cid: str, sub: str, etype: str, a1: ActorRef,
              claimant: str | None) -> Claim:
        return Claim(id=cid, doc_id=d.id, sentence=0, evidence=d.text, evidence_start=0,
                     evidence_end=len(d.text), trigger="x", event_type=etype,
                     sub_event_type=sub, actor1=a1, outlet=d.outlet, claimant=claimant)

    sana = doc("The army regained control of Kafr Zita on Thursday. " + _SCRIPT, "SANA")
    enab = doc("Rebels repelled an attack on Kafr Zita on Thursday. " + _IMG, "Enab Baladi")
    sana2 = doc("Army artillery shelled terrorists in Hish on Thursday.", "SANA")
    reuters = doc("Government artillery shelled Hish on Thursday, residents said.", "Reuters")
    c1 = claim(sana, "c1", "Government regains territory", "Battles", army, None)
    c2 = claim(enab, "c2", "Armed clash", "Battles", rebels, "<i>a spokesman</i>")
    c3 = claim(sana2, "c3", "Shelling/artillery/missile attack", "Explosions/Remote violence",
               army, "a military source")
    c4 = claim(reuters, "c4", "Shelling/artillery/missile attack",
               "Explosions/Remote violence", army, "residents")
    for d, cs in ((sana, [c1]), (enab, [c2]), (sana2, [c3]), (reuters, [c4])):
        store.save_document(d, claims=cs)

    def event(eid: str, claims: tuple[Claim, ...], place: GeoRef, a2: ActorRef | None) -> Event:
        first = claims[0]
        return Event(id=eid, event_type=first.event_type, sub_event_type=first.sub_event_type,
                     claims=claims, actor1=first.actor1, actor2=a2, place=place, date=day,
                     time_precision=TimePrecision.DAY, notes=first.evidence)

    store.replace_events([event("ev-capture", (c1,), zita, None),
                          event("ev-repel", (c2,), zita, army),
                          event("ev-shelling", (c3, c4), hish, None)])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:

    from frontlines.actors import KnowledgeBase

    store = Store.open(str(tmp_path_factory.mktemp("websources") / "web.db"))
    build_disputed_store(store)
    app = create_app(store, settings=Settings(), kb=KnowledgeBase.load())
    with running_app(app) as url:
        yield url
    store.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    # bypass_csp: injected markup must stay inert without the content security policy's help
    context = browser.new_context(viewport={"width": 1400, "height": 860}, bypass_csp=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.on("console", lambda msg: problems.append(f"console: {msg.text}")
            if msg.type == "error" else None)
    page.problems = problems
    yield page
    context.close()


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector("body[data-ready=true]", timeout=15000)


def test_web_disputes_view_shows_both_sides_and_keeps_article_text_inert(
        page: Any, server: str, tmp_path: Path) -> None:
    _open(page, server + "/disputes")
    page.wait_for_selector("#dispute-list article.dispute")
    disputes = page.locator("#dispute-list article.dispute")
    assert disputes.count() == 1  # the agreeing shelling reports at Hish are no dispute
    assert disputes.first.get_attribute("data-kind") == "control"
    sides = disputes.first.locator(".dispute-side")
    assert sides.count() == 2
    labels = [s.text_content() for s in sides.locator(".disagree").all()]
    assert labels == ["Military Forces of Syria took it", "Opposition Rebels (Syria) held it"]
    text = disputes.first.text_content()
    assert "Syrian Arab News Agency" in text and "Enab Baladi" in text
    assert _SCRIPT in text and _IMG in text  # shown as text ...
    assert "<i>a spokesman</i>" in text
    assert page.locator("#dispute-list script, #dispute-list img, #dispute-list i").count() == 0
    assert page.evaluate("window.__pwned === undefined")  # ... and never run
    page.screenshot(path=str(tmp_path / "disputes.png"))
    assert page.problems == []


def test_web_evidence_panel_shows_sources_side_by_side(page: Any, server: str) -> None:
    _open(page, server + "/events")
    page.locator("#event-table tr[data-id='ev-shelling']").click()
    page.wait_for_selector("#sources .source-column")
    assert page.get_attribute("#sources", "data-status") == "corroborated"
    assert page.locator("#sources .source-column").count() == 2  # SANA | Reuters
    outlets = page.locator("#sources .source-card .outlet strong").all_text_contents()
    assert sorted(outlets) == ["Reuters", "Syrian Arab News Agency"]
    page.locator("#event-table tr[data-id='ev-capture']").click()
    page.wait_for_selector("#sources[data-status='disputed'] .dispute")
    assert page.locator("#sources .dispute .disagree").count() == 2
    assert page.locator("#panel script, #panel img, #panel i").count() == 0
    assert page.evaluate("window.__pwned === undefined")
    assert page.problems == []


def test_web_map_can_show_only_corroborated_events(page: Any, server: str) -> None:
    _open(page, server + "/")
    # the map draws after the page says it is ready (and redraws on live updates): wait for it
    page.wait_for_function("document.querySelectorAll('#map circle.event').length === 3",
                           timeout=30000)
    page.check("#layer-corroborated")
    page.wait_for_function("document.querySelectorAll('#map circle.event').length === 1",
                           timeout=30000)
    assert page.locator("#map circle.event").first.get_attribute("data-id") == "ev-shelling"
