"""Outlets: the publishers of reports, and whose voice each one is (kb/outlets.yaml).

An `Outlet` records its country, alignment (state media of X, aligned with a party, independent,
wire, monitoring group, unknown), the actors it speaks for, languages, domains and the source of
the classification. `Outlets.resolve` finds an outlet from what a document carries: a name as
written ("FNA", "Syrian Arab News Agency"), an alias from a dataset ("alalam") or a URL/domain.
`Outlets.find_in` finds outlets named inside a claimant phrase ("the Syrian Observatory for Human
Rights said").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

import yaml

from frontlines.errors import KnowledgeBaseError
from frontlines.names import fold

__all__ = ["ALIGNMENTS", "Outlet", "Outlets", "acled_source", "source_scale"]

ALIGNMENTS = ("state media", "aligned", "independent", "wire", "monitoring group", "unknown")


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name: str
    alignment: str = "unknown"
    country: str | None = None
    state: str | None = None  # for state media: whose state (ISO code)
    aligned_with: tuple[str, ...] = ()  # actor ids it speaks for
    aliases: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    source: str = ""
    known: bool = True  # False for an outlet name that is not in the knowledge base
    kind: str = "outlet"  # outlet | official body (a ministry or army spokesman's office)

    @property
    def partisan(self) -> bool:
        """Speaks for a party: state media, or an outlet aligned with an actor."""
        return self.alignment == "state media" or bool(self.aligned_with)

    @property
    def label(self) -> str:
        """How the alignment reads in a table: "state media (IR)", "aligned (hezbollah)"."""
        if self.alignment == "state media" and self.state:
            return f"state media ({self.state})"
        if self.aligned_with:
            return f"{self.alignment} ({', '.join(self.aligned_with)})"
        return self.alignment

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "alignment": self.alignment, "label": self.label,
            "country": self.country, "state": self.state, "aligned_with": list(self.aligned_with),
            "languages": list(self.languages), "domains": list(self.domains),
            "source": self.source, "known": self.known,
        }

    @classmethod
    def unknown(cls, name: str) -> Outlet:
        key = _key(name) or "unknown"
        return cls(id=f"unknown:{key.replace(' ', '-')}", name=name or "unknown outlet",
                   known=False, source="not in kb/outlets.yaml")


def _key(text: str) -> str:
    return fold(text or "").replace("-", " ").strip()


def _domain(text: str) -> str | None:
    text = text.strip().lower()
    if "://" in text:
        text = urlparse(text).netloc
    text = text.split("/")[0].split(":")[0]
    if "." not in text or " " in text:
        return None
    return text.removeprefix("www.")


class Outlets:
    """The outlet knowledge base. `Outlets.load()` reads the packaged kb/outlets.yaml."""

    def __init__(self, outlets: Iterable[Outlet],
                 claimant_words: dict[str, list[str]] | None = None,
                 outcome_cues: Iterable[str] = ()) -> None:
        self.claimant_words = {k: tuple(_key(w) for w in v)
                               for k, v in (claimant_words or {}).items()}
        self.outcome_cues = tuple(_key(w) for w in outcome_cues)
        self._by_id: dict[str, Outlet] = {}
        self._by_name: dict[str, Outlet] = {}
        self._by_domain: dict[str, Outlet] = {}
        for o in outlets:
            if o.id in self._by_id:
                raise KnowledgeBaseError(f"outlet {o.id!r} is listed twice")
            self._by_id[o.id] = o
            for name in (o.id, o.name, *o.aliases):
                self._by_name.setdefault(_key(name), o)
            for d in o.domains:
                self._by_domain[d.lower()] = o
        names = sorted((k for k in self._by_name if len(k) >= 2), key=len, reverse=True)
        self._pattern = re.compile(r"\b(" + "|".join(re.escape(k) for k in names) + r")\b") \
            if names else None

    @classmethod
    def load(cls, path: Path | None = None) -> Outlets:
        if path is None:
            return _packaged()
        return cls(*_parse(path.read_text(encoding="utf-8"), str(path)))

    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Any:
        return iter(self._by_id.values())

    def get(self, outlet_id: str) -> Outlet | None:
        return self._by_id.get(outlet_id)

    def resolve(self, name: str | None, url: str | None = None) -> Outlet | None:
        """The outlet a document names (name, alias, dataset code) or links (URL/domain)."""
        for text in (url, name):
            if not text:
                continue
            domain = _domain(text)
            while domain:
                if domain in self._by_domain:
                    return self._by_domain[domain]
                domain = domain.partition(".")[2] if domain.count(".") > 1 else None
        if name:
            key = _key(name)
            if key in self._by_name:
                return self._by_name[key]
            bare = _key(re.sub(r"^\s*the\s+", "", name, flags=re.IGNORECASE))
            return self._by_name.get(bare)
        return None

    def resolve_or_unknown(self, name: str | None, url: str | None = None) -> Outlet:
        found = self.resolve(name, url)
        return found if found is not None else Outlet.unknown(name or url or "")

    def find_in(self, text: str) -> Outlet | None:
        """The first outlet named inside a phrase ("a military source told SANA")."""
        if not text or self._pattern is None:
            return None
        text = re.sub(r"['\u2019]s\b", "", text)  # "SANA's reporter"
        folded = _key(text)
        for m in self._pattern.finditer(folded):
            word = m.group(1)
            original = _original_case(text, word)
            if word.isalpha() and len(word) <= 5 and original is not None and \
                    not original.isupper() and word not in ("fars", "sabah", "petra"):
                continue  # a short code ("nna", "aa") counts only in capitals
            return self._by_name[word]
        return None


def _original_case(text: str, folded_word: str) -> str | None:
    m = re.search(re.escape(folded_word), text, flags=re.IGNORECASE)
    return m.group(0) if m else None


def _parse(text: str, where: str) -> tuple[list[Outlet], dict[str, list[str]], list[str]]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeBaseError(f"{where}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("outlets"), list):
        raise KnowledgeBaseError(f"{where}: expected a mapping with an `outlets` list")
    found: list[Outlet] = []
    for i, item in enumerate(data["outlets"]):
        if not isinstance(item, dict) or not item.get("id") or not item.get("name"):
            raise KnowledgeBaseError(f"{where}: outlet #{i + 1} needs an id and a name")
        alignment = item.get("alignment", "unknown")
        if alignment not in ALIGNMENTS:
            raise KnowledgeBaseError(
                f"{where}: outlet {item['id']!r}: alignment {alignment!r} is not one of "
                f"{', '.join(ALIGNMENTS)}")
        if alignment == "state media" and not item.get("state"):
            raise KnowledgeBaseError(f"{where}: outlet {item['id']!r}: state media needs `state`")
        if not item.get("source"):
            raise KnowledgeBaseError(f"{where}: outlet {item['id']!r} has no `source`")
        found.append(Outlet(
            id=str(item["id"]), name=str(item["name"]), alignment=alignment,
            country=item.get("country"), state=item.get("state"),
            aligned_with=tuple(item.get("aligned_with") or ()),
            aliases=tuple(str(a) for a in item.get("aliases") or ()),
            languages=tuple(item.get("languages") or ()),
            domains=tuple(item.get("domains") or ()), source=str(item["source"]),
            kind=str(item.get("kind") or "outlet"),
        ))
    words = data.get("claimant_words") or {}
    if not isinstance(words, dict):
        raise KnowledgeBaseError(f"{where}: `claimant_words` must map a type to a word list")
    return found, {str(k): [str(w) for w in v] for k, v in words.items()}, \
        [str(w) for w in data.get("outcome_cues") or ()]


@lru_cache(maxsize=1)
def _packaged() -> Outlets:
    path = resources.files("frontlines") / "kb" / "outlets.yaml"
    return Outlets(*_parse(path.read_text(encoding="utf-8"), "kb/outlets.yaml"))


# ----------------------------------------------------------------------------- ACLED columns

_SCALES = ("Subnational", "National", "Regional", "International", "Other", "New media")


def source_scale(outlet: Outlet, country: str | None) -> str:
    """ACLED's source scale of one outlet for an event in `country` (ISO alpha-2): a monitoring
    group is "Other"; an outlet of the event's country "National"; any other known outlet
    "International"; an unknown outlet ""."""
    if not outlet.known:
        return ""
    if outlet.alignment == "monitoring group":
        return "Other"
    if country and outlet.country == country:
        return "National"
    return "International"


def acled_source(outlet_names: Iterable[str | None], country: str | None,
                 outlets: Outlets | None = None) -> tuple[str, str]:
    """ACLED's `source` (the outlets' names, "; "-separated) and `source_scale` (the scales met,
    joined as ACLED does: "National-International")."""
    kb = outlets or Outlets.load()
    found: dict[str, Outlet] = {}
    for name in outlet_names:
        if name:
            o = kb.resolve_or_unknown(name)
            found.setdefault(o.id, o)
    names = sorted(o.name for o in found.values())
    scales = {source_scale(o, country) for o in found.values()} - {""}
    return "; ".join(names), "-".join(s for s in _SCALES if s in scales)
