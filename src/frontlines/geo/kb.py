"""Read the hand-kept `kb/places.yaml`: crossings, bases and regions no public gazetteer has."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from frontlines.errors import GazetteerError
from frontlines.model import Place
from frontlines.names import fold, name_key

__all__ = [
    "load_cue_words", "load_demonyms", "load_kb_places", "load_not_places", "places_from_yaml",
]

_REQUIRED = ("id", "name", "lat", "lon", "kind", "source")


def _kb_text() -> str:
    return resources.files("frontlines").joinpath("kb/places.yaml").read_text("utf-8")


def _parse(text: str, where: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        raise GazetteerError(f"{where}: not valid YAML: {exc}", path=where) from exc
    if not isinstance(data, dict):
        raise GazetteerError(f"{where}: expected a mapping with a 'places' list", path=where)
    return data


def places_from_yaml(text: str, where: str = "places.yaml") -> list[Place]:
    """Places from a `places.yaml`-format text; every entry must name its source."""
    data = _parse(text, where)
    out = []
    for n, entry in enumerate(data.get("places") or [], start=1):
        missing = [f for f in _REQUIRED if f not in entry]
        if missing:
            raise GazetteerError(
                f"{where}: place #{n} ({entry.get('id', '?')}) lacks {', '.join(missing)}",
                path=where,
            )
        out.append(Place(
            id=str(entry["id"]), name=str(entry["name"]), lat=float(entry["lat"]),
            lon=float(entry["lon"]), kind=str(entry["kind"]), country=entry.get("country"),
            admin1=entry.get("admin1"), admin2=entry.get("admin2"), admin3=entry.get("admin3"),
            population=entry.get("population"),
            names=tuple(str(x) for x in entry.get("names") or ()), source=str(entry["source"]),
        ))
    return out


@cache
def _kb_places() -> tuple[Place, ...]:
    return tuple(places_from_yaml(_kb_text(), "kb/places.yaml"))


def load_kb_places(path: str | Path | None = None) -> list[Place]:
    """The package's hand-kept places (or those of another file in the same format)."""
    if path is not None:
        return places_from_yaml(Path(path).read_text("utf-8"), str(path))
    return list(_kb_places())


@cache
def load_not_places() -> frozenset[str]:
    """Name keys of capitalised words that name places somewhere but rarely do in conflict
    reporting (compare with `name_key(text)`)."""
    words = _parse(_kb_text(), "kb/places.yaml").get("not_places") or []
    return frozenset(name_key(str(w)) for w in words)


@cache
def load_operation_areas() -> tuple[tuple[re.Pattern[str], float, float, float], ...]:
    """Named operations whose area places a report (`operation_areas` in `kb/places.yaml`):
    (pattern of its names, lat, lon, radius in km)."""
    out = []
    for entry in _parse(_kb_text(), "kb/places.yaml").get("operation_areas") or []:
        names = sorted((str(n) for n in entry.get("names") or ()), key=len, reverse=True)
        if names:
            pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b")
            out.append((pattern, float(entry["lat"]), float(entry["lon"]),
                        float(entry["radius_km"])))
    return tuple(out)


@cache
def load_not_place_words() -> frozenset[str]:
    """The `not_places` words as spelled (folded): for a cue weaker than "the town of X", where
    a name's phonetic key is too loose a test ("Tweis" is not "Tues")."""
    words = _parse(_kb_text(), "kb/places.yaml").get("not_places") or []
    return frozenset(fold(str(w)) for w in words)


@cache
def load_cue_words() -> dict[str, frozenset[str]]:
    """The place matcher's word lists (`cue_words` in `kb/places.yaml`), by name, lower-cased."""
    where = "kb/places.yaml: cue_words"
    lists = _parse(_kb_text(), "kb/places.yaml").get("cue_words") or {}
    if not isinstance(lists, dict):
        raise GazetteerError(f"{where}: expected a mapping of named word lists", path=where)
    out = {}
    for name, words in lists.items():
        if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
            raise GazetteerError(f"{where}: {name} must be a list of words (quote 'on', 'no', "
                                 "'yes': YAML reads them as booleans)", path=where)
        out[str(name)] = frozenset(w.lower() for w in words)
    return out


@cache
def load_demonyms() -> dict[str, str]:
    """Nationality words ("Lebanese", "Iraqis") -> ISO country code (`kb/demonyms.yaml`)."""
    text = resources.files("frontlines").joinpath("kb/demonyms.yaml").read_text("utf-8")
    data = _parse(text, "kb/demonyms.yaml").get("demonyms") or {}
    return {str(word): str(cc) for cc, words in data.items() for word in words or ()}
