"""Geocode a table of coded records: each row's place name resolved in the context of its own
country/province/district columns (as facts: `georef_for(..., strict=True)`), the row kept whole
and the result added in `fl_*` columns. For spreadsheets of events coded by hand (ACLED-style)
that lack coordinates or carry doubtful ones."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import IO

from frontlines.errors import InputError
from frontlines.geo.gazetteer import Gazetteer
from frontlines.geo.resolve import georef_for

__all__ = ["ADDED_COLUMNS", "TableColumns", "geocode_csv", "geocode_rows"]

ADDED_COLUMNS = ("fl_place_id", "fl_place", "fl_latitude", "fl_longitude", "fl_country",
                 "fl_admin1", "fl_admin2", "fl_geo_precision", "fl_score")


@dataclass(frozen=True)
class TableColumns:
    """Which columns hold the name and its context (None: the table has no such column)."""

    name: str = "location"
    country: str | None = "country"
    admin1: str | None = "admin1"
    admin2: str | None = "admin2"


def geocode_rows(
    rows: Iterable[dict[str, str]], gazetteer: Gazetteer, columns: TableColumns,
    country: str | None = None,
) -> Iterator[dict[str, str]]:
    """Each row with the `ADDED_COLUMNS` filled in (empty where the name resolves to nothing).
    `country` applies to rows whose country column is empty or absent."""
    for row in rows:
        name = _cell(row, columns.name)
        row_country = _cell(row, columns.country) or country
        out = dict(row)
        if name is None:
            out.update(dict.fromkeys(ADDED_COLUMNS, ""))
            yield out
            continue
        ref = georef_for(name, gazetteer, country=row_country,
                         admin1=_cell(row, columns.admin1), admin2=_cell(row, columns.admin2),
                         strict=row_country is not None)
        out.update({
            "fl_place_id": ref.place_id or "", "fl_place": ref.name or "",
            "fl_latitude": "" if ref.lat is None else f"{ref.lat:.5f}",
            "fl_longitude": "" if ref.lon is None else f"{ref.lon:.5f}",
            "fl_country": ref.country or "", "fl_admin1": ref.admin1 or "",
            "fl_admin2": ref.admin2 or "", "fl_geo_precision": str(ref.geo_precision),
            "fl_score": f"{ref.score:.3f}",
        })
        yield out


def _cell(row: dict[str, str], column: str | None) -> str | None:
    value = (row.get(column) or "").strip() if column else ""
    return value or None


def geocode_csv(
    source: IO[str], target: IO[str], gazetteer: Gazetteer, columns: TableColumns,
    country: str | None = None, where: str = "table",
) -> int:
    """Read a CSV with a header row, write it back with the `fl_*` columns. Returns the number of
    rows. A header that lacks a named column is an `InputError` (nothing is written)."""
    reader = csv.DictReader(source)
    header = list(reader.fieldnames or [])
    if not header:
        raise InputError(where, "empty file: expected a CSV with a header row")
    wanted = [c for c in (columns.name, columns.country, columns.admin1, columns.admin2) if c]
    missing = [c for c in wanted if c not in header]
    if columns.name in missing:
        raise InputError(where, f"no column {columns.name!r} (columns: {', '.join(header)}); "
                                "name the place column with --name-column")
    columns = TableColumns(columns.name, *(c if c not in missing else None for c in (
        columns.country, columns.admin1, columns.admin2)))
    writer = csv.DictWriter(target, fieldnames=[*header, *(c for c in ADDED_COLUMNS
                                                             if c not in header)])
    writer.writeheader()
    count = 0
    for row in geocode_rows(reader, gazetteer, columns, country):
        writer.writerow(row)
        count += 1
    return count
