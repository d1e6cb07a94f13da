"""The Atom feed of alerts (RFC 4287), built with lxml so every text is escaped."""

from __future__ import annotations

from typing import Any

from lxml import etree

__all__ = ["atom_feed"]

_ATOM = "http://www.w3.org/2005/Atom"


def atom_feed(items: list[dict[str, Any]], self_url: str) -> bytes:
    feed = etree.Element(f"{{{_ATOM}}}feed", nsmap={None: _ATOM})
    etree.SubElement(feed, f"{{{_ATOM}}}title").text = "frontlines alerts"
    etree.SubElement(feed, f"{{{_ATOM}}}id").text = "urn:frontlines:alerts"
    etree.SubElement(feed, f"{{{_ATOM}}}updated").text = (
        items[0]["created_at"] if items else "1970-01-01T00:00:00Z")
    etree.SubElement(feed, f"{{{_ATOM}}}link", rel="self", href=self_url)
    for item in items:
        entry = etree.SubElement(feed, f"{{{_ATOM}}}entry")
        etree.SubElement(entry, f"{{{_ATOM}}}id").text = f"urn:frontlines:alert:{item['id']}"
        etree.SubElement(entry, f"{{{_ATOM}}}title").text = item["title"]
        etree.SubElement(entry, f"{{{_ATOM}}}updated").text = item["created_at"]
        etree.SubElement(entry, f"{{{_ATOM}}}category", term=item["kind"], label=item["rule"])
        data = item.get("data") or {}
        summary = "; ".join(f"{k}: {v}" for k, v in sorted(data.items())
                            if isinstance(v, str | int | float) and v is not None)
        etree.SubElement(entry, f"{{{_ATOM}}}summary").text = summary or item["title"]
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8")
