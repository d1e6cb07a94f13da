"""ingest/: files in, Documents out. Readers per format, article splitting, metadata, identity.

`iter_documents(paths)` walks files and directories and yields a `Document` per article or an
`InputError` per bad file or entry, so that one bad file never stops a batch.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from frontlines.errors import InputError
from frontlines.ingest.furniture import flat_dateline, strip_furniture
from frontlines.ingest.metadata import date_in_text, detect_language, head_date, parse_date
from frontlines.ingest.readers import RawArticle, read_path
from frontlines.ingest.split import find_dateline, split_articles
from frontlines.model import Document

__all__ = ["documents_from_text", "estimate_articles", "iter_documents", "iter_files"]

_SKIP_DIRS = {".git", "__pycache__", ".venv", "node_modules"}


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Files under the given paths, directories recursively, in a stable order."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (
                    child.is_file()
                    and not (set(child.parts) & _SKIP_DIRS)
                    and not child.name.startswith(".")
                ):
                    yield child
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "no such file or directory")


def estimate_articles(paths: Iterable[str | Path]) -> int:
    """A quick estimate of how many articles the paths hold, for a progress bar's ETA: the
    non-empty lines of JSONL files (counted by streaming), one article per other file."""
    total = 0
    for item in iter_files(paths):
        if isinstance(item, InputError):
            continue
        if item.suffix.lower() in (".jsonl", ".ndjson"):
            try:
                with open(item, "rb") as fp:
                    total += sum(1 for line in fp if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def iter_documents(
    paths: Iterable[str | Path],
    *,
    published: date | None = None,
    outlet: str | None = None,
    max_bytes: int = 50 * 1024 * 1024,
    min_chars: int = 40,
) -> Iterator[Document | InputError]:
    """Documents from files. `published` and `outlet` from the caller win over metadata."""
    for item in iter_files(paths):
        if isinstance(item, InputError):
            yield item
            continue
        try:
            for raw in read_path(item, max_bytes):
                if isinstance(raw, InputError):
                    yield raw
                    continue
                yield from documents_from_raw(
                    raw, published=published, outlet=outlet, min_chars=min_chars
                )
        except InputError as exc:
            yield exc


def documents_from_raw(
    raw: RawArticle, *, published: date | None, outlet: str | None, min_chars: int = 40
) -> Iterator[Document | InputError]:
    where = f"{raw.path}:{raw.line}" if raw.line else raw.path
    text = raw.text.replace("\r\n", "\n").replace("\r", "\n")
    if len(text.strip()) < min_chars:
        yield InputError(raw.path, "no article text (empty or too short)", line=raw.line)
        return
    language, _share = detect_language(text)
    if language != "en":
        yield InputError(
            raw.path,
            f"not English (script/language: {language}); only English is supported",
            line=raw.line,
        )
        return
    articles = split_articles(text) if raw.splittable else None
    if not articles or len(articles) == 1 and raw.title:
        # one article: keep the metadata title when the reader found one
        single = articles[0] if articles else None
        body = single.text if single else text.strip()
        title = raw.title or (single.title if single else None)
        yield _document(
            body,
            title=title,
            body_offset=single.body_offset if single else 0,
            filed_from=single.filed_from if single else None,
            raw=raw,
            published=published,
            outlet=outlet or raw.outlet or (single.outlet if single else None),
            where=where,
        )
        return
    for article in articles:
        yield _document(
            article.text,
            title=article.title,
            body_offset=article.body_offset,
            filed_from=article.filed_from,
            raw=raw,
            published=published,
            outlet=outlet or raw.outlet or article.outlet,
            where=where,
        )


def _document(
    text: str,
    *,
    title: str | None,
    body_offset: int,
    filed_from: str | None,
    raw: RawArticle,
    published: date | None,
    outlet: str | None,
    where: str,
) -> Document:
    dating, dating_offset = text, body_offset  # timestamps are furniture, but they date first
    body = strip_furniture(text[body_offset:], title)
    if len(body.strip()) >= 40:  # furniture alone: keep the text as it came
        text = text[:body_offset] + body
    if filed_from is None:
        # a feed/JSONL/HTML body (or one left after its byline) opening with a dateline: the
        # dateline is no part of the lead sentence (the model reads the lead alone) and its
        # city is where the report was filed, never an event place by itself
        lead = len(text) - body_offset - len(text[body_offset:].lstrip())
        found = find_dateline(text[body_offset + lead:], glued=True)
        flat = flat_dateline(text[body_offset + lead:]) if found is None else None
        if flat is not None:
            found = (flat[0], None, flat[1])
        if found is not None and len(text) - body_offset - lead - found[2] >= 40:
            filed_from = found[0]
            outlet = outlet or found[1]
            body_offset += lead + found[2]
    source = "caller"
    when = published
    if when is None:
        when, source = parse_date(raw.published), "metadata"
        # a scraper's date is often the crawl's or misread (day and month swapped); the date
        # the page's own header gives the report is the one its "on Tuesday" counts from
        stated = head_date(dating[dating_offset:], title)
        if when is not None and stated is not None and stated != when:
            when, source = stated, "text"
    if when is None:
        when, source = date_in_text(dating[dating_offset:]), "text"
        if when is None and title:
            when = date_in_text(title)
    if when is None:
        source = "unknown"
    return Document.create(
        text,
        title=title,
        outlet=outlet,
        url=raw.url,
        published=when,
        published_source=source,
        language="en",
        filed_from=filed_from,
        source_path=where,
        body_offset=body_offset,
    )


def documents_from_text(
    text: str,
    *,
    title: str | None = None,
    published: date | None = None,
    outlet: str | None = None,
    url: str | None = None,
    source: str = "<text>",
) -> list[Document | InputError]:
    """Documents from a string (the API's POST, tests)."""
    raw = RawArticle(
        text=text, path=source, title=title, url=url, outlet=outlet, splittable=title is None
    )
    return list(documents_from_raw(raw, published=published, outlet=outlet))
