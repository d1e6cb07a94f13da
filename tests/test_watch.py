"""`frontlines watch` against a local HTTP server: new items stored once, 304 costs no fetch,
a failing source backs off while others go on, a kill mid-batch loses and duplicates nothing."""

from __future__ import annotations

import os
import signal
import threading
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from frontlines.store import Store, schema
from frontlines.store.live_schema import watch_items
from frontlines.watch import Fetcher, Watcher, metrics_text, parse_sources, serve_status
from frontlines.watch.sources import parse_items
from tests._feedserver import Route, feed_server, page, rss

# Reports written for these tests (not from any evaluation set).
ARTICLES = {
    "/news/ariha.html": ("Shelling on Ariha",
                         "Government forces shelled the town of Ariha on Monday, killing seven "
                         "civilians, a monitoring group said.\nResidents fled north after the "
                         "bombardment, and several homes were destroyed in the attack."),
    "/news/kafranbel.html": ("Kafranbel falls",
                             "Hay'at Tahrir al-Sham fighters captured the village of Kafranbel "
                             "on Tuesday after clashes with the National Front for Liberation, "
                             "local sources said.\nThe fighting lasted several hours."),
    "/news/maarrat.html": ("Market strike",
                           "Airstrikes hit a market in Maarrat al-Numan on Wednesday, killing "
                           "nine people, rescuers said.\nThe strikes were blamed on Russian "
                           "warplanes operating from Hmeimim."),
    "/news/khan.html": ("Army retakes town",
                        "The Syrian army regained control of the town of Khan Shaykhun on "
                        "Thursday after heavy fighting with Hay'at Tahrir al-Sham, state media "
                        "said.\nEngineers began clearing mines from the town's streets."),
    "/news/afrin.html": ("Clashes near Afrin",
                         "Clashes between Turkish-backed rebels and Kurdish fighters erupted "
                         "near Afrin on Friday, leaving five fighters dead, a war monitor "
                         "said.\nBoth sides brought in reinforcements overnight."),
}
PATHS = list(ARTICLES)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2019, 5, 10, 8, 0, 0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def serve_articles(server, paths=PATHS):  # type: ignore[no-untyped-def]
    for p in paths:
        title, text = ARTICLES[p]
        server.routes[p] = Route(page(title, text))


def set_feed(server, path, paths):  # type: ignore[no-untyped-def]
    server.routes[path] = Route(rss(server.url, [(p, ARTICLES[p][0]) for p in paths]),
                                content_type="application/rss+xml")


def make_watcher(pipeline, sources, clock, **kw):  # type: ignore[no-untyped-def]
    logs: list[dict] = []
    w = Watcher(pipeline, parse_sources(sources), interval=60, clock=clock,
                fetcher=Fetcher(min_interval=0), log=lambda event, **f: logs.append(
                    {"event": event, **f}), **kw)
    w.logs = logs  # type: ignore[attr-defined]
    return w


def n_docs(store: Store) -> int:
    return store.count("documents")


def test_sources_from_list_file_opml_folder_and_urls(tmp_path: Path) -> None:
    folder = tmp_path / "drop"
    folder.mkdir()
    listing = tmp_path / "sources.txt"
    listing.write_text(f"# wires\nhttp://127.0.0.1:1/feed.xml\n{folder}\n"
                       "http://127.0.0.1:1/sitemap.xml\n")
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                    '<outline text="a" xmlUrl="http://127.0.0.1:1/a.atom"/>'
                    '<outline text="dup" xmlUrl="http://127.0.0.1:1/feed.xml"/></body></opml>')
    found = {(s.location, s.kind) for s in parse_sources([str(listing), str(opml)])}
    assert found == {("http://127.0.0.1:1/feed.xml", "feed"), (str(folder.resolve()), "folder"),
                     ("http://127.0.0.1:1/sitemap.xml", "sitemap"),
                     ("http://127.0.0.1:1/a.atom", "feed")}
    from frontlines.errors import InputError

    with pytest.raises(InputError, match="not a URL"):
        parse_sources([str(tmp_path / "missing")])


def test_items_from_json_feed_and_sitemap() -> None:
    jf = b'{"version": "https://jsonfeed.org/version/1.1", "items": [{"id": "1", ' \
         b'"url": "http://x/a", "title": "A", "content_text": "t"}]}'
    assert [(i.url, i.title, i.inline) for i in parse_items(jf, "feed", "f")] == [
        ("http://x/a", "A", "t")]
    sm = (b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
          b"<url><loc>http://x/b</loc><lastmod>2019-05-10</lastmod></url></urlset>")
    assert [(i.url, i.published) for i in parse_items(sm, "sitemap", "s")] == [
        ("http://x/b", "2019-05-10")]


def test_watch_stores_new_items_once_and_a_304_costs_no_fetch(pipeline) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    with feed_server() as server:
        serve_articles(server)
        set_feed(server, "/feed.xml", PATHS[:2])
        w = make_watcher(pipeline, [server.url + "/feed.xml"], clock)
        first = w.poll_once()
        assert first.new_items == 2 and first.stored == 2
        assert n_docs(pipeline.store) == 2

        clock.advance(61)  # the feed grows by one item: only that page is fetched
        set_feed(server, "/feed.xml", PATHS[:3])
        second = w.poll_once()
        assert second.new_items == 1 and second.stored == 1
        assert [server.hits(p) for p in PATHS[:3]] == [1, 1, 1]

        clock.advance(61)  # unchanged: the server answers 304 and nothing else is requested
        before = len(server.requests)
        third = w.poll_once()
        assert third.not_modified == [server.url + "/feed.xml"] and third.new_items == 0
        assert len(server.requests) == before + 1
        last = server.requests[-1]
        assert last.path == "/feed.xml" and last.status == 304 and last.body == b""
        assert last.headers.get("If-None-Match")
        assert n_docs(pipeline.store) == 3
        text = metrics_text(w)
        assert 'frontlines_watch_documents_total{outcome="stored"} 3' in text
        assert 'frontlines_watch_fetches_total{kind="not_modified"} 1' in text
        assert "frontlines_watch_source_lag_seconds{source=" in text


def test_a_failing_source_backs_off_while_the_others_continue(pipeline) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    with feed_server() as server:
        serve_articles(server)
        set_feed(server, "/good.xml", PATHS[:1])
        server.routes["/bad.xml"] = Route(b"boom", status=500)
        w = make_watcher(pipeline, [server.url + "/good.xml", server.url + "/bad.xml"], clock)
        r1 = w.poll_once()
        assert r1.failed == [server.url + "/bad.xml"] and r1.stored == 1
        bad = next(s for s in w.state.sources() if s.location.endswith("/bad.xml"))
        assert bad.failures == 1 and bad.last_error == "HTTP 500"
        assert bad.next_poll == clock.now + timedelta(seconds=120)  # 2 x interval

        clock.advance(61)  # the good source is due again, the bad one is not
        set_feed(server, "/good.xml", PATHS[:2])
        r2 = w.poll_once()
        assert r2.failed == [] and r2.stored == 1
        assert server.hits("/bad.xml") == 1 and server.hits("/good.xml") == 2

        clock.advance(60)  # now it is: it fails again and waits twice as long
        r3 = w.poll_once()
        assert r3.failed == [server.url + "/bad.xml"]
        bad = next(s for s in w.state.sources() if s.location.endswith("/bad.xml"))
        assert bad.failures == 2 and bad.next_poll == clock.now + timedelta(seconds=240)
        assert any(x["event"] == "source_error" and x["failures"] == 2 for x in w.logs)

        server.routes["/bad.xml"] = Route(rss(server.url, [(PATHS[2], "x")]),
                                          content_type="application/rss+xml")
        clock.advance(241)  # it recovers: failures reset, its item is stored
        r4 = w.poll_once()
        assert r4.failed == [] and r4.stored == 1
        assert next(s for s in w.state.sources() if s.location.endswith("/bad.xml")).failures == 0
        assert n_docs(pipeline.store) == 3


def test_page_errors_are_retried_then_given_up(pipeline) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    with feed_server() as server:
        serve_articles(server, PATHS[:1])
        set_feed(server, "/feed.xml", PATHS[:2])  # the second page is missing (404)
        w = make_watcher(pipeline, [server.url + "/feed.xml"], clock, max_attempts=2)
        assert w.poll_once().stored == 1
        assert w.state.counts()["pending"] == 1
        clock.advance(61)
        w.poll_once()
        counts = w.state.counts()
        assert counts["pending"] == 0 and counts["failed"] == 1 and counts["stored"] == 1
        assert server.hits(PATHS[1]) == 2


def test_kill_mid_batch_and_restart_loses_and_duplicates_nothing(pipeline, annotator) -> None:  # type: ignore[no-untyped-def]
    from frontlines.pipeline import Pipeline

    db = pipeline.store.url.removeprefix("sqlite:///")
    with feed_server() as server:
        serve_articles(server)
        gate = server.routes[PATHS[3]].block = threading.Event()
        set_feed(server, "/feed.xml", PATHS)
        pid = os.fork()
        if pid == 0:  # the watch process: batches of two; blocks on the fourth page
            try:
                child = Store.open(db)
                make_watcher(Pipeline(child, annotator), [server.url + "/feed.xml"], Clock(),
                             batch_size=2).poll_once()
            finally:
                os._exit(0)
        assert server.routes[PATHS[3]].arrived.wait(120), "the watch process never got there"
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        gate.set()
        with pipeline.store.read() as conn:
            statuses = {r.url: r.status for r in conn.execute(
                select(watch_items.c.url, watch_items.c.status))}
        stored = n_docs(pipeline.store)  # whole batches only: the one in progress is lost
        assert stored in (0, 2, 4)
        assert sorted(statuses.values()) == ["done"] * stored + ["pending"] * (5 - stored)
        assert statuses[server.url + PATHS[3]] == "pending"

        w = make_watcher(pipeline, [server.url + "/feed.xml"], Clock(), batch_size=2)
        report = w.poll_once()  # restart: the feed is not modified, pending items resume
        assert report.stored == 5 - stored and report.duplicates == 0
        assert n_docs(pipeline.store) == 5
        with pipeline.store.read() as conn:
            assert conn.scalar(select(func.count()).select_from(schema.documents).where(
                schema.documents.c.url.like(server.url + "%"))) == 5
            assert set(conn.scalars(select(watch_items.c.status))) == {"done"}
        done_first = [u for u, st in statuses.items() if st == "done"]
        assert all(server.hits(u.removeprefix(server.url), 200) == 1 for u in done_first)


def test_crash_after_commit_before_marking_done_is_not_a_duplicate(pipeline, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from frontlines.watch.state import WatchState

    clock = Clock()
    with feed_server() as server:
        serve_articles(server)
        set_feed(server, "/feed.xml", PATHS[:2])
        w = make_watcher(pipeline, [server.url + "/feed.xml"], clock)
        real = WatchState.done

        def crash(self, *a, **k):  # type: ignore[no-untyped-def]
            raise RuntimeError("killed between commit and bookkeeping")

        monkeypatch.setattr(WatchState, "done", crash)
        with pytest.raises(RuntimeError):
            w.poll_once()
        monkeypatch.setattr(WatchState, "done", real)
        assert n_docs(pipeline.store) == 2 and w.state.counts()["pending"] == 2
        report = make_watcher(pipeline, [server.url + "/feed.xml"], clock).poll_once()
        assert report.stored == 0 and report.duplicates == 2
        assert n_docs(pipeline.store) == 2 and w.state.counts()["pending"] == 0


def test_a_folder_source_stores_each_file_once(pipeline, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLES[PATHS[0]][1])
    clock = Clock()
    w = make_watcher(pipeline, [str(folder)], clock)
    assert w.poll_once().stored == 1
    (folder / "b.txt").write_text(ARTICLES[PATHS[1]][1])
    clock.advance(61)
    r = w.poll_once()
    assert r.new_items == 1 and r.stored == 1 and n_docs(pipeline.store) == 2


def test_health_and_metrics_endpoints(pipeline) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    with feed_server() as server:
        serve_articles(server, PATHS[:1])
        set_feed(server, "/feed.xml", PATHS[:1])
        w = make_watcher(pipeline, [server.url + "/feed.xml"], clock)
        status = serve_status(w, "127.0.0.1", 0)
        try:
            base = f"http://127.0.0.1:{status.server_port}"
            assert httpx.get(base + "/health", timeout=60).status_code == 503  # no poll yet
            w.poll_once()
            h = httpx.get(base + "/health", timeout=60)
            assert h.status_code == 200 and h.json()["items"]["stored"] == 1
            m = httpx.get(base + "/metrics", timeout=60)
            assert m.headers["content-type"].startswith("text/plain")
            assert 'frontlines_watch_documents_total{outcome="seen"} 1' in m.text
        finally:
            status.shutdown()
            status.server_close()


def test_cli_usage_errors_come_before_any_model_load(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from frontlines.cli import app

    runner = CliRunner()
    db = str(tmp_path / "x.db")
    r = runner.invoke(app, ["watch", str(tmp_path / "nowhere"), "--db", db])
    assert r.exit_code == 2 and "not a URL, a folder" in r.output
    r = runner.invoke(app, ["ingest", str(tmp_path), "--engine", "dask", "--db", db])
    assert r.exit_code == 2 and "needs --scheduler" in r.output
    r = runner.invoke(app, ["ingest", str(tmp_path), "--engine", "dask", "--scheduler",
                            "local:1", "--db", db])
    assert r.exit_code == 2 and "PostgreSQL" in r.output


def _urlset(server_url: str, paths: list[str]) -> bytes:
    urls = "".join(f"<url><loc>{server_url}{p}</loc></url>" for p in paths)
    return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode()


def _index(server_url: str, paths: list[str]) -> bytes:
    maps = "".join(f"<sitemap><loc>{server_url}{p}</loc></sitemap>" for p in paths)
    return (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
            f'sitemap/0.9">{maps}</sitemapindex>').encode()


def test_watch_sitemap_index_polls_each_sitemap_with_its_own_validators(pipeline) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    with feed_server() as server:
        serve_articles(server)
        xml = "application/xml"
        server.routes["/sitemap_index.xml"] = Route(
            _index(server.url, ["/maps/nested.xml", "/maps/old.xml"]), content_type=xml)
        server.routes["/maps/nested.xml"] = Route(_index(server.url, ["/maps/news.xml"]),
                                                  content_type=xml)
        server.routes["/maps/news.xml"] = Route(_urlset(server.url, PATHS[:2]), content_type=xml)
        server.routes["/maps/old.xml"] = Route(_urlset(server.url, PATHS[2:3]), content_type=xml)
        w = make_watcher(pipeline, [server.url + "/sitemap_index.xml"], clock)
        first = w.poll_once()
        assert first.stored == 3 and n_docs(pipeline.store) == 3
        assert {s.location.removeprefix(server.url) for s in w.state.sources()} == {
            "/sitemap_index.xml", "/maps/nested.xml", "/maps/news.xml", "/maps/old.xml"}

        clock.advance(61)  # the indexes are unchanged (304); the news sitemap grows
        server.routes["/maps/news.xml"] = Route(_urlset(server.url, PATHS[:2] + PATHS[3:]),
                                                content_type=xml)
        second = w.poll_once()
        assert second.stored == 2 and n_docs(pipeline.store) == 5
        assert sorted(p.removeprefix(server.url) for p in second.not_modified) == [
            "/maps/nested.xml", "/maps/old.xml", "/sitemap_index.xml"]
        assert [server.hits(p) for p in PATHS] == [1, 1, 1, 1, 1]


def test_watch_respects_robots_txt_and_its_crawl_delay(pipeline) -> None:  # type: ignore[no-untyped-def]
    clock = Clock()
    with feed_server() as server:
        serve_articles(server)
        server.routes["/private/kafranbel.html"] = Route(page(*ARTICLES[PATHS[1]]))
        server.routes["/robots.txt"] = Route(
            b"User-agent: *\nDisallow: /private/\nCrawl-delay: 0\n\n"
            b"User-agent: frontlines-watch\nDisallow: /private/\nDisallow: /closed.xml\n",
            content_type="text/plain")
        server.routes["/feed.xml"] = Route(rss(server.url, [
            (PATHS[0], "open"), ("/private/kafranbel.html", "private")]),
            content_type="application/rss+xml")
        server.routes["/closed.xml"] = Route(rss(server.url, [(PATHS[2], "x")]),
                                             content_type="application/rss+xml")
        w = make_watcher(pipeline, [server.url + "/feed.xml", server.url + "/closed.xml"],
                         clock)
        report = w.poll_once()
        assert report.stored == 1 and report.failed == [server.url + "/closed.xml"]
        assert server.hits("/private/kafranbel.html") == 0 and server.hits("/closed.xml") == 0
        counts = w.state.counts()
        assert counts["failed"] == 1 and counts["pending"] == 0  # not retried: final
        assert server.hits("/robots.txt") == 1  # read once per host
        clock.advance(61)
        w.poll_once()
        assert server.hits("/private/kafranbel.html") == 0 and server.hits("/robots.txt") == 1
    assert Fetcher(respect_robots=False).allowed  # the check can be turned off
