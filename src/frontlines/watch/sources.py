"""What `frontlines watch` polls: feed and sitemap URLs, list files, OPML files and folders,
and the items each kind yields (RSS/Atom and JSON Feed entries, sitemap URLs, files)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from frontlines.errors import InputError

__all__ = ["Item", "Source", "parse_items", "parse_sources", "sitemap_children", "source_id"]


@dataclass(frozen=True)
class Source:
    location: str  # an http(s) URL or a folder path
    kind: str  # feed | sitemap | folder

    @property
    def id(self) -> str:
        return source_id(self.location)


@dataclass(frozen=True)
class Item:
    """One entry a source lists: an article page to fetch (or a file, or inline text)."""

    url: str
    key: str  # identity across polls and restarts
    title: str | None = None
    published: str | None = None
    inline: str | None = None  # the entry's own text (used when there is no page to fetch)


def source_id(location: str) -> str:
    return hashlib.sha256(location.encode("utf-8")).hexdigest()[:32]


def item_key(url: str) -> str:
    return hashlib.sha256(url.strip().encode("utf-8")).hexdigest()[:32]


def parse_sources(args: Iterable[str]) -> list[Source]:
    """Sources from the command line: URLs (a `sitemap` in the name or a `sitemap:` prefix makes
    it a sitemap), folders, OPML files (their `xmlUrl` outlines) and list files (one source a
    line, `#` comments)."""
    found: dict[str, Source] = {}
    for arg in args:
        for s in _expand(arg.strip()):
            found.setdefault(s.location, s)
    if not found:
        raise InputError("SOURCES", "no source given")
    return list(found.values())


def _expand(arg: str) -> list[Source]:
    if not arg or arg.startswith("#"):
        return []
    if arg.startswith("sitemap:"):
        return [Source(arg.removeprefix("sitemap:"), "sitemap")]
    if arg.startswith(("http://", "https://")):
        kind = "sitemap" if "sitemap" in arg.rsplit("/", 1)[-1].lower() else "feed"
        return [Source(arg, kind)]
    path = Path(arg)
    if path.is_dir():
        return [Source(str(path.resolve()), "folder")]
    if not path.is_file():
        raise InputError(arg, "not a URL, a folder, a list file or an OPML file")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(arg, f"cannot read the source list: {exc}") from exc
    if text.lstrip().startswith("<"):
        return _opml(text, arg)
    out: list[Source] = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            if not line.startswith(("http://", "https://", "sitemap:")) and not Path(line).is_dir():
                raise InputError(arg, f"not a URL or a folder: {line!r}")
            out.extend(_expand(line))
    return out


def _opml(text: str, where: str) -> list[Source]:
    from lxml import etree

    try:
        root = etree.fromstring(text.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False,
                                                                          no_network=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(where, f"OPML does not parse: {exc}") from exc
    urls = [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]
    if not urls:
        raise InputError(where, "OPML file lists no feed (no outline with xmlUrl)")
    return [s for u in urls for s in _expand(u)]


# ------------------------------------------------------------------------------ items


def parse_items(body: bytes, kind: str, where: str) -> list[Item]:
    """The items of a fetched feed (RSS/Atom or JSON Feed) or sitemap; InputError if unreadable."""
    head = body.lstrip()[:200].lower()
    if kind == "sitemap" or b"<urlset" in head or b"<sitemapindex" in head:
        return _sitemap(body, where)
    if head.startswith(b"{"):
        return _json_feed(body, where)
    return _feed(body, where)


def _feed(body: bytes, where: str) -> list[Item]:
    import feedparser

    feed = feedparser.parse(body)
    if not feed.entries and feed.get("bozo"):
        raise InputError(where, f"feed does not parse: {feed.get('bozo_exception')}")
    items = []
    for entry in feed.entries:
        link = entry.get("link") or ""
        ident = link or entry.get("id") or ""
        if not ident:
            continue
        inline = ""
        if entry.get("content"):
            inline = " ".join(c.get("value", "") for c in entry["content"])
        inline = inline or entry.get("summary", "") or ""
        items.append(Item(url=link or ident, key=item_key(ident), title=entry.get("title"),
                          published=entry.get("published") or entry.get("updated"),
                          inline=inline or None))
    return items


def _json_feed(body: bytes, where: str) -> list[Item]:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(where, f"JSON feed does not parse: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise InputError(where, "JSON feed has no 'items' list")
    items = []
    for entry in data["items"]:
        if not isinstance(entry, dict):
            continue
        url = str(entry.get("url") or entry.get("external_url") or entry.get("id") or "")
        if not url:
            continue
        inline = entry.get("content_text") or entry.get("content_html") or entry.get("summary")
        items.append(Item(url=url, key=item_key(url), title=_str(entry.get("title")),
                          published=_str(entry.get("date_published")),
                          inline=_str(inline)))
    return items


def _sitemap(body: bytes, where: str) -> list[Item]:
    from lxml import etree

    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False,
                                                             no_network=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(where, f"sitemap does not parse: {exc}") from exc
    items = []
    for node in root.iter("{*}url"):
        loc = node.findtext("{*}loc")
        if loc and loc.strip():
            url = loc.strip()
            items.append(Item(url=url, key=item_key(url), published=node.findtext("{*}lastmod")))
    return items


def sitemap_children(body: bytes, where: str) -> list[str]:
    """The child sitemaps a sitemap index (`<sitemapindex>`) lists; [] for any other body."""
    if b"<sitemapindex" not in body.lstrip()[:400].lower():
        return []
    from lxml import etree

    try:
        root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False,
                                                             no_network=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(where, f"sitemap index does not parse: {exc}") from exc
    found = []
    for node in root.iter("{*}sitemap"):
        loc = (node.findtext("{*}loc") or "").strip()
        if loc.startswith(("http://", "https://")) and loc not in found:
            found.append(loc)
    return found


def _str(value: object) -> str | None:
    return str(value) if value not in (None, "") else None
