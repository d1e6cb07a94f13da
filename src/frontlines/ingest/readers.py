"""Readers per format: plain text, HTML, RSS/Atom feeds, JSONL dumps. Only ingest/ reads files."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.errors import InputError

__all__ = ["RawArticle", "detect_format", "read_bytes", "read_path"]

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


@dataclass(frozen=True)
class RawArticle:
    """Text and metadata as a reader found them, before splitting and identity."""

    text: str
    path: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # as found in metadata; parsed later
    outlet: str | None = None
    line: int | None = None  # line number in a JSONL file
    splittable: bool = True  # plain text may hold several articles; feed/JSONL entries do not


def detect_format(path: Path, head: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    sniff = head.lstrip()[:400].lower()
    if sniff.startswith(b"<?xml") and (b"<rss" in sniff or b"<feed" in sniff or b"<rdf" in sniff):
        return "feed"
    if sniff.startswith((b"<rss", b"<feed")):
        return "feed"
    if sniff.startswith((b"<!doctype html", b"<html")):
        return "html"
    return "text"


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing empty, over-size (without reading it) and binary files."""
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if size == 0:
        raise InputError(str(path), "empty file")
    if size > max_bytes:
        raise InputError(
            str(path),
            f"file is {size:,} bytes, over the {max_bytes:,}-byte limit "
            "(raise it with --max-bytes or FRONTLINES_MAX_FILE_BYTES)",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    if _looks_binary(data[:8192]):
        raise InputError(
            str(path), "binary file, not text (expected .txt, .html, RSS/Atom or .jsonl)"
        )
    return data


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return len(head) > 0 and control / len(head) > 0.05


def decode_utf8(data: bytes, path: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"not valid UTF-8 (byte {exc.start}); convert the file to UTF-8 first"
        ) from exc


def read_path(path: Path, max_bytes: int) -> Iterator[RawArticle | InputError]:
    """Yield the raw articles in one file; a bad entry inside a file yields an InputError and the
    rest of the file goes on. A file that cannot be read at all raises InputError.

    JSONL dumps are streamed line by line (memory stays flat on any size; `max_bytes` then limits
    each line); other formats are read whole, up to `max_bytes`."""
    name = str(path)
    try:
        with open(path, "rb") as fp:
            head = fp.read(8192)
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from exc
    fmt = detect_format(path, head[:512])
    if fmt == "jsonl":
        if not head.strip():
            raise InputError(name, "empty file")
        if _looks_binary(head):
            raise InputError(
                name, "binary file, not text (expected .txt, .html, RSS/Atom or .jsonl)"
            )
        yield from _read_jsonl(path, max_bytes)
        return
    data = read_bytes(path, max_bytes)
    if fmt == "feed":
        yield from _read_feed(data, name)
    elif fmt == "html":
        yield _read_html(data, name)
    else:
        yield RawArticle(text=decode_utf8(data, name), path=name)


def _read_jsonl(path: Path, max_bytes: int) -> Iterator[RawArticle | InputError]:
    name = str(path)
    with open(path, "rb") as fp:
        for number, raw in enumerate(fp, start=1):
            if not raw.strip():
                continue
            if len(raw) > max_bytes:
                yield InputError(
                    name,
                    f"line is {len(raw):,} bytes, over the {max_bytes:,}-byte limit",
                    line=number,
                )
                continue
            try:
                record = json.loads(raw.decode("utf-8-sig"))
            except UnicodeDecodeError as exc:
                yield InputError(name, f"not valid UTF-8 (byte {exc.start})", line=number)
                continue
            except json.JSONDecodeError as exc:
                yield InputError(name, f"invalid JSON: {exc.msg}", line=number)
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield InputError(
                    name, 'each line must be an object with a "text" string', line=number
                )
                continue
            yield RawArticle(
                text=record["text"],
                path=name,
                line=number,
                splittable=False,
                title=_str_or_none(record.get("title")),
                url=_str_or_none(record.get("url")),
                published=_str_or_none(record.get("published")),
                outlet=_str_or_none(record.get("outlet")),
            )


def _str_or_none(value: object) -> str | None:
    return str(value) if value not in (None, "") else None


def _read_feed(data: bytes, path: str) -> Iterator[RawArticle | InputError]:
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        reason = getattr(feed, "bozo_exception", None) or "no entries"
        raise InputError(path, f"feed does not parse: {reason}")
    outlet = feed.feed.get("title") if hasattr(feed, "feed") else None
    if feed.get("bozo") and not any(_entry_html(e).strip() for e in feed.entries):
        raise InputError(path, f"feed does not parse: {feed.get('bozo_exception')}")
    for n, entry in enumerate(feed.entries, start=1):
        html = _entry_html(entry)
        text = _html_to_text(html) if "<" in html else html
        if not text or not text.strip():
            yield InputError(path, f"feed entry {n} has no text", line=n)
            continue
        yield RawArticle(
            text=text,
            path=path,
            title=entry.get("title"),
            url=entry.get("link"),
            published=entry.get("published") or entry.get("updated"),
            outlet=outlet,
            line=n,
            splittable=False,
        )


def _entry_html(entry: Any) -> str:
    html = ""
    if entry.get("content"):
        html = " ".join(c.get("value", "") for c in entry["content"])
    return str(html or entry.get("summary", "") or entry.get("description", ""))


def _html_to_text(html: str) -> str:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False)
    if text:
        return text
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(html).text_content()
    except Exception:
        return ""


def _read_html(data: bytes, path: str) -> RawArticle:
    import trafilatura

    try:
        html = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        html = data.decode("cp1252", errors="replace")  # HTML declares its own charset
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise InputError(path, "no article text found in the HTML (malformed or not an article)")
    return RawArticle(
        text=text,
        path=path,
        title=getattr(doc, "title", None),
        url=getattr(doc, "url", None),
        published=getattr(doc, "date", None),
        outlet=getattr(doc, "sitename", None),
        splittable=True,
    )
