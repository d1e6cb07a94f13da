"""Gold files for `frontlines eval`: the JSON gold format and ACLED-column CSV exports."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from frontlines.errors import GoldFileError
from frontlines.names import fold, strip_article

__all__ = ["AcledRow", "Gold", "GoldEvent", "load_acled_csv", "load_gold", "norm",
           "parse_gold_date"]

_ACLED_COLUMNS = ("event_date", "sub_event_type", "actor1", "notes")


def norm(name: str | None) -> str:
    """Name normalisation of the matching rules: case, diacritics, quote marks, Arabic article
    forms, hyphens and spaces."""
    if not name:
        return ""
    return strip_article(fold(name)).replace("-", "").replace(" ", "")


@dataclass(frozen=True)
class GoldEvent:
    id: str
    doc: str
    required: bool
    event_type: str
    sub_event_types: tuple[str, ...]
    actor1: str | None
    actor2: str | None = None
    place: str | None = None
    date: str | None = None  # ISO of any precision: 2017-07-19, 2017-06, 2016
    time_precision: int | None = None
    geo_precision: int | None = None
    count: dict[str, int] = field(default_factory=dict)
    fatalities: int | None = None
    evidence: str = ""
    relation: dict[str, Any] | None = None


@dataclass
class Gold:
    """A JSON gold file (see /work/shared/eval/README.md for the format)."""

    path: str
    documents: dict[str, dict[str, Any]]  # id -> {title, published, ...}
    actors: dict[str, list[str]]  # key -> accepted names
    places: dict[str, dict[str, Any]]  # key -> {names, lat, lon, kind, admin1}
    events: list[GoldEvent]
    must_not: list[dict[str, Any]]
    relations_on_published: list[dict[str, Any]]


@dataclass(frozen=True)
class AcledRow:
    """One ACLED record: its notes are a document published on its date."""

    event_id: str
    date: date
    time_precision: int
    event_type: str
    sub_event_type: str
    actor1: str
    actor2: str
    country: str
    admin1: str
    location: str
    lat: float | None
    lon: float | None
    fatalities: int
    notes: str


def parse_gold_date(value: str) -> date:
    """ACLED dates come as "02 November 2019" or "01-Feb-20"; gold JSON dates as ISO."""
    text = value.strip()
    for fmt in ("%Y-%m-%d", "%d %B %Y", "%d-%b-%y", "%d-%b-%Y", "%d %b %Y", "%m/%d/%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"unrecognised date {value!r}")


def load_gold(path: str | Path) -> Gold:
    """Read a JSON gold file; GoldFileError says what is wrong with it."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise GoldFileError(f"cannot read gold file {p}: {exc}", str(p)) from exc
    if not isinstance(data, dict) or not isinstance(data.get("events"), list) or \
            not isinstance(data.get("documents"), list):
        raise GoldFileError(f"{p} is not a gold file: expected `documents` and `events` lists "
                            "(see the gold format in the eval README)", str(p))
    try:
        events = [_gold_event(e) for e in data["events"]]
        return Gold(
            path=str(p),
            documents={str(d["id"]): d for d in data["documents"]},
            actors={str(k): list(v.get("names", []))
                    for k, v in (data.get("actors") or {}).items()},
            places={str(k): dict(v) for k, v in (data.get("places") or {}).items()},
            events=events, must_not=list(data.get("must_not") or []),
            relations_on_published=list(data.get("relations_on_published") or []),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise GoldFileError(f"{p}: malformed gold entry ({exc.__class__.__name__}: {exc})",
                            str(p)) from exc


def _gold_event(e: dict[str, Any]) -> GoldEvent:
    subs = e["sub_event_type"]
    return GoldEvent(
        id=str(e["id"]), doc=str(e["doc"]), required=bool(e.get("required", False)),
        event_type=str(e.get("event_type", "")),
        sub_event_types=tuple(subs) if isinstance(subs, list) else (str(subs),),
        actor1=e.get("actor1"), actor2=e.get("actor2"), place=e.get("place"),
        date=str(e["date"]) if e.get("date") is not None else None,
        time_precision=e.get("time_precision"), geo_precision=e.get("geo_precision"),
        count=dict(e.get("count") or {}), fatalities=e.get("fatalities"),
        evidence=str(e.get("evidence", "")), relation=e.get("relation"),
    )


def load_acled_csv(path: str | Path, limit: int | None = None) -> list[AcledRow]:
    """Read an ACLED-column CSV; rows without notes are skipped."""
    p = Path(path)
    rows: list[AcledRow] = []
    try:
        with p.open(newline="", encoding="utf-8") as fh:
            reader = csv.DictReader(fh)
            missing = [c for c in _ACLED_COLUMNS if c not in (reader.fieldnames or [])]
            if missing:
                raise GoldFileError(f"{p} is not an ACLED export: missing columns "
                                    f"{', '.join(missing)}", str(p))
            for n, row in enumerate(reader, start=2):
                if not (row.get("notes") or "").strip():
                    continue
                rows.append(_acled_row(row, p, n))
                if limit is not None and len(rows) >= limit:
                    break
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise GoldFileError(f"cannot read {p}: {exc}", str(p)) from exc
    return rows


def _acled_row(row: dict[str, str], p: Path, line: int) -> AcledRow:
    try:
        return AcledRow(
            event_id=row.get("event_id_cnty") or row.get("data_id") or str(line),
            date=parse_gold_date(row["event_date"]),
            time_precision=int(row.get("time_precision") or 1),
            event_type=row.get("event_type", ""), sub_event_type=row["sub_event_type"],
            actor1=row.get("actor1", ""), actor2=row.get("actor2", ""),
            country=row.get("country", ""), admin1=row.get("admin1", ""),
            location=row.get("location", ""),
            lat=float(row["latitude"]) if row.get("latitude") else None,
            lon=float(row["longitude"]) if row.get("longitude") else None,
            fatalities=int(row.get("fatalities") or 0), notes=row["notes"].strip(),
        )
    except (KeyError, ValueError) as exc:
        raise GoldFileError(f"{p}:{line}: bad ACLED row ({exc})", str(p)) from exc
