"""Schema check of actor knowledge-base files: every key, type, date, id and reference.

Dates have any precision ("2017", "2017-07", "2017-07-21"); `date_lo`/`date_hi` give the first
and last day such a date covers, `within` whether a day may fall in a span of them.

`check_file(data, path)` raises `KnowledgeBaseError` naming the file and the entry at fault;
`check_references` checks what needs every file at once (unique ids, relation targets).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from frontlines.errors import KnowledgeBaseError
from frontlines.model import RelationKind

__all__ = ["ACTOR_KEYS", "RELATION_KEYS", "check_file", "check_references", "date_hi", "date_lo",
           "is_partial_date", "within"]

# ---------------------------------------------------------------- partial ISO dates
# Dates in the files have any precision: "2017", "2017-07", "2017-07-21".

_PARTIAL_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")


def is_partial_date(value: str) -> bool:
    """True for "2017", "2017-07" and "2017-07-21" that name a real year, month or day."""
    if not _PARTIAL_RE.match(value):
        return False
    try:
        date_lo(value)
    except ValueError:
        return False
    return True


def date_lo(value: str) -> date:
    """The first day a partial date covers."""
    parts = [int(p) for p in value.split("-")]
    return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)


def date_hi(value: str) -> date:
    """The last day a partial date covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(parts[0], parts[1], parts[2])


def within(on: date, start: str | None, end: str | None) -> bool:
    """Whether `on` may fall between a partial start and a partial end (open ends allowed)."""
    if start and on < date_lo(start):
        return False
    return not (end and on > date_hi(end))


# ---------------------------------------------------------------- the check

TOP_KEYS = {"meta", "countries", "designators", "generic_terms", "discovery", "templates", "actors",
            "force_nouns", "hedged_force_nouns", "hedges"}
ACTOR_KEYS = {"id", "name", "acled_name", "inter", "kind", "country", "aliases", "relations",
              "source", "active_from", "active_to", "note", "qualifiers", "acled_names",
              "roles", "stands_for", "elsewhere"}
RELATION_KEYS = {"kind", "target", "start", "end", "source", "note"}
TEMPLATE_KEYS = {"id", "name", "acled_name", "inter", "kind", "source"}
DISCOVERY_KEYS = {"prefixes", "suffixes", "connectors", "stopwords", "membership_words",
                  "defection_words", "leaving_words"}
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ISO2_RE = re.compile(r"^[A-Z]{2}$")


def _fail(path: str, where: str, message: str) -> None:
    raise KnowledgeBaseError(f"{path}: {where}: {message}", path=path)


def _str_list(path: str, where: str, value: Any) -> None:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        _fail(path, where, "must be a list of non-empty strings")


def _date(path: str, where: str, value: Any) -> None:
    if value is None:
        return
    if not isinstance(value, str) or not is_partial_date(value):
        _fail(path, where, f"{value!r} is not a date like 2017, 2017-07 or 2017-07-21 "
                           "(quote it in YAML)")


def _span(path: str, where: str, start: Any, end: Any) -> None:
    _date(path, f"{where}.start", start)
    _date(path, f"{where}.end", end)
    if start and end and date_lo(end) < date_lo(start):
        _fail(path, where, f"ends ({end}) before it starts ({start})")


def _unknown(path: str, where: str, entry: Mapping[str, Any], allowed: set[str]) -> None:
    extra = set(entry) - allowed
    if extra:
        _fail(path, where, f"unknown keys {sorted(extra)}; allowed: {sorted(allowed)}")


def check_file(data: Any, path: str) -> None:
    """Check one YAML file's structure; raise KnowledgeBaseError on the first problem."""
    if not isinstance(data, dict):
        _fail(path, "file", "must be a mapping with an `actors` list")
    _unknown(path, "file", data, TOP_KEYS)
    countries = data.get("countries", {})
    if not isinstance(countries, dict) or not all(
        isinstance(k, str) and _ISO2_RE.match(k) and isinstance(v, str)
        for k, v in countries.items()
    ):
        _fail(path, "countries", "must map ISO 3166-1 alpha-2 codes to ACLED country names")
    for key in ("designators", "force_nouns", "hedged_force_nouns", "hedges"):
        if key in data:
            _str_list(path, key, data[key])
    for i, term in enumerate(data.get("generic_terms", [])):
        if not isinstance(term, dict) or not isinstance(term.get("term"), str):
            _fail(path, f"generic_terms[{i}]", "needs `term` (and optional `fallback`)")
        _unknown(path, f"generic_terms[{i}]", term, {"term", "fallback", "head", "elsewhere"})
    discovery = data.get("discovery", {})
    if not isinstance(discovery, dict):
        _fail(path, "discovery", "must be a mapping")
    _unknown(path, "discovery", discovery, DISCOVERY_KEYS)
    for key, value in discovery.items():
        _str_list(path, f"discovery.{key}", value)
    for i, tpl in enumerate(data.get("templates", [])):
        where = f"templates[{i}]"
        if not isinstance(tpl, dict):
            _fail(path, where, "must be a mapping")
        _unknown(path, where, tpl, TEMPLATE_KEYS)
        for key in ("id", "name", "source"):
            if not isinstance(tpl.get(key), str) or not tpl[key]:
                _fail(path, where, f"needs a non-empty `{key}`")
        _inter(path, where, tpl.get("inter"))
    actors = data.get("actors", [])
    if not isinstance(actors, list):
        _fail(path, "actors", "must be a list")
    for i, actor in enumerate(actors):
        _check_actor(path, i, actor)


def _inter(path: str, where: str, value: Any) -> None:
    if not isinstance(value, int) or not 1 <= value <= 8:
        _fail(path, where, "`inter` must be an ACLED inter code 1-8")


def _check_actor(path: str, i: int, actor: Any) -> None:
    where = f"actors[{i}]"
    if not isinstance(actor, dict):
        _fail(path, where, "must be a mapping")
    where = f"actors[{i}] ({actor.get('id', '?')})"
    _unknown(path, where, actor, ACTOR_KEYS)
    if not isinstance(actor.get("id"), str) or not _ID_RE.match(actor["id"]):
        _fail(path, where, "`id` must be a lowercase slug like `hts`")
    for key in ("name", "source", "kind"):
        if not isinstance(actor.get(key), str) or not actor[key].strip():
            _fail(path, where, f"needs a non-empty `{key}`")
    if "acled_name" in actor and not isinstance(actor["acled_name"], str):
        _fail(path, where, "`acled_name` must be a string")
    _inter(path, where, actor.get("inter"))
    country = actor.get("country")
    if country is not None and (not isinstance(country, str) or not _ISO2_RE.match(country)):
        _fail(path, where, "`country` must be an ISO 3166-1 alpha-2 code such as SY")
    _str_list(path, f"{where}.aliases", actor.get("aliases", []))
    _str_list(path, f"{where}.qualifiers", actor.get("qualifiers", []))
    _str_list(path, f"{where}.roles", actor.get("roles", []))
    if "elsewhere" in actor and not isinstance(actor["elsewhere"], str):
        _fail(path, f"{where}.elsewhere", "must be a catch-all template id "
              "(`unidentified-armed-group`)")
    if "stands_for" in actor and (not isinstance(actor["stands_for"], str) or
                                  actor.get("country")):
        _fail(path, f"{where}.stands_for", "must be a role (`military`) of an actor without a "
              "`country`: the state force of the event's country")
    names = actor.get("acled_names", {})
    if not isinstance(names, dict) or not all(
        isinstance(k, str) and _ISO2_RE.match(k) and isinstance(v, str) and v.strip()
        for k, v in names.items()
    ):
        _fail(path, f"{where}.acled_names", "must map ISO codes to ACLED names, e.g. {SY: ...}")
    _span(path, where, actor.get("active_from"), actor.get("active_to"))
    relations = actor.get("relations", [])
    if not isinstance(relations, list):
        _fail(path, f"{where}.relations", "must be a list")
    kinds = {k.value for k in RelationKind}
    for j, rel in enumerate(relations):
        rw = f"{where}.relations[{j}]"
        if not isinstance(rel, dict):
            _fail(path, rw, "must be a mapping")
        _unknown(path, rw, rel, RELATION_KEYS)
        if rel.get("kind") not in kinds:
            _fail(path, rw, f"`kind` must be one of {sorted(kinds)}")
        if not isinstance(rel.get("target"), str):
            _fail(path, rw, "needs a `target` actor id")
        if not isinstance(rel.get("source"), str) or not rel["source"].strip():
            _fail(path, rw, "needs a `source` (where the fact comes from)")
        _span(path, rw, rel.get("start"), rel.get("end"))


def check_references(files: Iterable[tuple[str, dict[str, Any]]], generic_keys: set[str]) -> None:
    """Across all files: unique ids, relation targets that exist, no alias that is generic."""
    from frontlines.actors._keys import alias_key

    seen: dict[str, str] = {}
    templates: set[str] = set()
    files = list(files)
    for path, data in files:
        for tpl in data.get("templates", []):
            templates.add(tpl["id"].split("{")[0])
        for actor in data.get("actors", []):
            if actor["id"] in seen:
                _fail(path, actor["id"], f"id also used in {seen[actor['id']]}")
            seen[actor["id"]] = path
    for path, data in files:
        for actor in data.get("actors", []):
            for rel in actor.get("relations", []):
                target = rel["target"]
                if target not in seen and not any(target.startswith(t) for t in templates):
                    _fail(path, f"{actor['id']}.relations", f"unknown target actor {target!r}")
            for alias in [actor["name"], *actor.get("aliases", [])]:
                words = alias_key(alias).split(" ")
                if words and all(w in generic_keys for w in words):
                    _fail(path, f"{actor['id']}.aliases",
                          f"{alias!r} is a generic word, never an actor name")
