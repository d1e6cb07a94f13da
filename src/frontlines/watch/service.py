"""The Watcher: polls sources on a schedule, fetches and extracts new article pages, runs them
through the pipeline and records every step in the watch state table.

One poll (`poll_once`): every source that is due is fetched with its validators (a 304 ends
there: no parse, no article fetch); a source that fails is put back by exponential backoff while
the others go on; new items are recorded as pending; then pending items are processed in
batches: pages fetched (politely, per host), extracted with trafilatura, stored through the
pipeline, and only then marked done."""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from frontlines.errors import InputError
from frontlines.ingest import documents_from_raw, iter_documents, iter_files
from frontlines.ingest.readers import RawArticle
from frontlines.model import Document
from frontlines.pipeline import Pipeline
from frontlines.store._rows import now as utcnow
from frontlines.watch.fetch import Fetcher, FetchError, RobotsDisallowed
from frontlines.watch.sources import (
    Item,
    Source,
    item_key,
    parse_items,
    sitemap_children,
    source_id,
)
from frontlines.watch.state import PendingItem, SourceState, WatchState, backoff

__all__ = ["JsonLog", "PollReport", "Watcher"]


class JsonLog:
    """Structured log lines: one JSON object per line (`ts`, `event`, fields)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self._lock = threading.Lock()

    def __call__(self, event: str, **fields: Any) -> None:
        line = json.dumps({"ts": utcnow().isoformat(timespec="seconds") + "Z", "event": event,
                           **fields}, ensure_ascii=False, default=str)
        with self._lock:
            self.stream.write(line + "\n")
            self.stream.flush()


@dataclass
class PollReport:
    polled: list[str] = field(default_factory=list)  # source locations fetched
    not_modified: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    new_items: int = 0
    stored: int = 0
    duplicates: int = 0
    item_errors: int = 0
    doc_ids: list[str] = field(default_factory=list)  # documents stored by this poll


@dataclass
class Counters:
    """Process counters for /metrics (the item counts come from the state table)."""

    polls: int = 0
    feed_fetches: int = 0
    not_modified: int = 0
    source_errors: int = 0
    page_fetches: int = 0
    last_poll: datetime | None = None


class Watcher:
    def __init__(
        self,
        pipeline: Pipeline,
        sources: Sequence[Source],
        *,
        interval: float = 300.0,
        max_backoff: float = 6 * 3600.0,
        item_retry: float = 60.0,
        max_attempts: int = 3,
        batch_size: int = 8,
        fetcher: Fetcher | None = None,
        clock: Callable[[], datetime] = utcnow,
        log: Callable[..., None] | None = None,
        on_batch: Callable[[list[str]], object] | None = None,
        after_poll: Callable[[], object] | None = None,
        max_children: int = 1000,
        max_depth: int = 3,
    ) -> None:
        self.pipeline = pipeline
        self.state = WatchState(pipeline.store)
        self.sources = list(sources)
        self.interval = interval
        self.max_backoff = max_backoff
        self.item_retry = item_retry
        self.max_attempts = max_attempts
        self.batch_size = batch_size
        self.fetcher = fetcher or Fetcher()
        self.clock = clock
        self.log = log or JsonLog()
        self.on_batch = on_batch  # doc ids stored by a batch (alerts are evaluated here)
        self.after_poll = after_poll  # e.g. retry due webhook deliveries
        self.max_children = max_children  # sitemaps read from one sitemap index
        self.max_depth = max_depth  # sitemap indexes listing sitemap indexes
        self.counters = Counters()
        self.state.register(self.sources)

    # ------------------------------------------------------------------ one poll

    def poll_once(self) -> PollReport:
        report = PollReport()
        at = self.clock()
        for src in self.state.sources([s.id for s in self.sources]):
            self._poll_tree(src, at, report)
        self._process_pending(report)
        if self.after_poll is not None:
            self.after_poll()
        self.counters.polls += 1
        self.counters.last_poll = self.clock()
        self.log("poll", sources=len(self.sources), fetched=len(report.polled),
                 not_modified=len(report.not_modified), failed=len(report.failed),
                 new_items=report.new_items, stored=report.stored,
                 duplicates=report.duplicates, item_errors=report.item_errors)
        return report

    def _poll_source(self, src: SourceState, at: datetime, report: PollReport) -> None:
        next_poll = at + timedelta(seconds=self.interval)
        children: list[str] = []
        try:
            if src.kind == "folder":
                items, etag, modified = _folder_items(src.location), None, None
            else:
                self.counters.feed_fetches += 1
                got = self.fetcher.get(src.location, etag=src.etag,
                                       last_modified=src.last_modified)
                if got.status == 304:
                    self.counters.not_modified += 1
                    report.not_modified.append(src.location)
                    self.state.polled_ok(src.id, at, next_poll, etag=src.etag,
                                         last_modified=src.last_modified)
                    self.log("source_not_modified", source=src.location)
                    return
                children = sitemap_children(got.body, src.location) \
                    if src.kind == "sitemap" else []
                items = [] if children else parse_items(got.body, src.kind, src.location)
                etag, modified = got.etag, got.last_modified
        except (FetchError, InputError, OSError) as exc:
            failures = src.failures + 1
            reason = exc.reason if isinstance(exc, InputError) else str(exc)
            retry = at + backoff(self.interval, failures + 1, self.max_backoff)
            self.state.polled_error(src.id, at, retry, failures, reason)
            self.counters.source_errors += 1
            report.failed.append(src.location)
            self.log("source_error", source=src.location, failures=failures, reason=reason,
                     retry_at=retry.isoformat(timespec="seconds") + "Z")
            return
        new = self.state.add_items(src.id, items, at)
        report.polled.append(src.location)
        report.new_items += new
        self.state.polled_ok(src.id, at, next_poll, etag=etag, last_modified=modified)
        self.log("source_polled", source=src.location, items=len(items), new=new,
                 **({"sitemaps": len(children)} if children else {}))
        if children:
            self._register_children(src, children)

    def _poll_tree(self, src: SourceState, at: datetime, report: PollReport,
                   depth: int = 0) -> None:
        """Poll `src` when due, then the sitemaps it lists when it is a sitemap index (each
        when due: they are sources of their own, with their own validators, backoff and
        schedule, so an index answering 304 still has its sitemaps polled). Nested indexes
        are followed `max_depth` deep."""
        if src.next_poll is None or src.next_poll <= at:
            self._poll_source(src, at, report)
        if src.kind == "sitemap" and depth < self.max_depth:
            for child in self.state.sources(parent=src.id):
                self._poll_tree(child, at, report, depth + 1)

    def _register_children(self, index: SourceState, children: list[str]) -> None:
        """A sitemap index's sitemaps become sources of their own (a sitemap already watched,
        by this index or any other, is not added again)."""
        self.state.register([Source(url, "sitemap") for url in children[:self.max_children]
                             if source_id(url) != index.id], parent=index.id)

    # ------------------------------------------------------------------ items

    def _process_pending(self, report: PollReport, max_batches: int = 10_000) -> None:
        for _ in range(max_batches):
            batch = self.state.pending(self.clock(), self.batch_size)
            if not batch:
                return
            self._process_batch(batch, report)

    def _process_batch(self, batch: list[PendingItem], report: PollReport) -> None:
        at = self.clock()
        docs: list[Document] = []
        owners: dict[str, list[str]] = {}  # doc id -> item keys
        finished: list[tuple[str, str, str | None, str | None]] = []
        for item in batch:
            try:
                found = self._documents(item)
            except RobotsDisallowed as exc:  # final: asking again would not be polite
                finished.append((item.key, "error", None, str(exc)))
                report.item_errors += 1
                self.log("item_error", url=item.url, reason=str(exc), gave_up=True)
                continue
            except FetchError as exc:
                attempts = item.attempts + 1
                retry = (at + backoff(self.item_retry, attempts, self.max_backoff)
                         if attempts < self.max_attempts else None)
                self.state.retry_later(item.key, attempts, str(exc), at, retry)
                if retry is None:
                    report.item_errors += 1
                self.log("item_error", url=item.url, attempts=attempts, reason=str(exc),
                         gave_up=retry is None)
                continue
            good = [d for d in found if isinstance(d, Document)]
            if not good:
                reason = next((e.reason for e in found if isinstance(e, InputError)),
                              "no article text")
                finished.append((item.key, "error", None, reason))
                report.item_errors += 1
                self.log("item_error", url=item.url, reason=reason, gave_up=True)
                continue
            for d in good:
                docs.append(d)
                owners.setdefault(d.id, []).append(item.key)
        outcome: dict[str, tuple[str, str | None]] = {}
        if docs:
            result = self.pipeline.run(docs, batch_size=len(docs), workers=1)
            for r in result.results:
                if r.doc_id:
                    outcome[r.doc_id] = (r.status, r.reason)
            stored = [r.doc_id for r in result.results if r.status == "stored" and r.doc_id]
            report.stored += len(stored)
            report.doc_ids.extend(stored)
            report.duplicates += sum(1 for r in result.results if r.status == "duplicate")
        for doc_id, keys in owners.items():
            status, reason = outcome.get(doc_id, ("error", "not processed"))
            for key in keys:
                finished.append((key, status, doc_id if status != "error" else None, reason))
                if status == "error":
                    report.item_errors += 1
        # several documents from one file: the item is done once all are (an error wins)
        merged: dict[str, tuple[str, str, str | None, str | None]] = {}
        for row in finished:
            prev = merged.get(row[0])
            if prev is None or row[1] == "error" or prev[1] == "duplicate":
                merged[row[0]] = row
        self.state.done(list(merged.values()), self.clock())
        for key, status, doc_id, reason in merged.values():
            self.log("item_done", key=key, outcome=status, doc_id=doc_id, reason=reason)
        stored_now = [d for d, (s, _r) in outcome.items() if s == "stored"]
        if stored_now and self.on_batch is not None:
            self.on_batch(stored_now)

    def _documents(self, item: PendingItem) -> list[Document | InputError]:
        if item.url.startswith(("http://", "https://")):
            self.counters.page_fetches += 1
            got = self.fetcher.get(item.url)
            raw = _page_article(got.body, item)
        elif Path(item.url).is_file():
            return list(iter_documents([item.url]))
        elif item.inline:
            raw = RawArticle(text=_text_of(item.inline), path=item.url, title=item.title,
                             url=None, published=item.published, splittable=False)
        else:
            return [InputError(item.url, "the file is gone and the entry has no text")]
        if raw is None:
            return [InputError(item.url, "no article text found in the page")]
        return list(documents_from_raw(raw, published=None, outlet=None))

    # ------------------------------------------------------------------ service loop

    def run(self, stop: threading.Event, *, once: bool = False) -> None:
        """Poll until `stop` is set (or once). Sleeps until the next source or item is due."""
        while not stop.is_set():
            self.poll_once()
            if once:
                return
            due = self.state.next_due()
            wait = self.interval if due is None else (due - self.clock()).total_seconds()
            stop.wait(min(max(wait, 1.0), self.interval))

    def close(self) -> None:
        self.fetcher.close()


def _folder_items(folder: str) -> list[Item]:
    """Files under a folder; a file changed in place (size or mtime) is a new item."""
    if not os.path.isdir(folder):
        raise InputError(folder, "folder is gone")
    items = []
    for path in iter_files([folder]):
        if isinstance(path, InputError):
            continue
        st = path.stat()
        items.append(Item(url=str(path), key=item_key(f"{path}\x1f{st.st_size}\x1f"
                                                      f"{st.st_mtime_ns}")))
    return items


def _page_article(body: bytes, item: PendingItem) -> RawArticle | None:
    import trafilatura

    try:
        html = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        html = body.decode("cp1252", errors="replace")
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                      url=item.url)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        if item.inline:
            text = _text_of(item.inline)
        if not text or not text.strip():
            return None
    return RawArticle(text=text, path=item.url, title=item.title or getattr(doc, "title", None),
                      url=item.url, published=item.published or getattr(doc, "date", None),
                      outlet=getattr(doc, "sitename", None), splittable=False)


def _text_of(inline: str) -> str:
    if "<" not in inline:
        return inline
    from lxml import html as lxml_html

    try:
        return str(lxml_html.fromstring(inline).text_content())
    except Exception:
        return ""
