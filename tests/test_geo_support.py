"""The countries a report's text supports abroad (`geo.documents.supported_countries`), which
geo asks before it keeps a far place and the events stage after, for a catch-all's country.
Sentences written for these tests."""

from __future__ import annotations

import pytest

from frontlines.geo import Gazetteer
from frontlines.geo.documents import supported_countries
from frontlines.model import GeoRef, Place


def _minna(gaz: Gazetteer) -> Place:
    """Nigeria's Minna, a town far from the packed theatre (Syria's region)."""
    return next(p for p, match in gaz.matches("Minna", "NG", fuzzy=False)
                if match >= 1.0 and p.country == "NG" and p.kind not in ("admin1", "admin2"))


def _at(p: Place, written: str, text: str) -> dict[tuple[int, int], GeoRef]:
    start = text.index(written)
    return {(start, start + len(written)): GeoRef(
        text=written, place_id=p.id, name=p.name, lat=p.lat, lon=p.lon, country=p.country,
        geo_precision=1, score=0.8)}


@pytest.mark.parametrize("kept", [False, True])
def test_a_report_naming_a_far_countrys_people_supports_that_country(
        builtin_gazetteer: Gazetteer, kept: bool) -> None:
    assert builtin_gazetteer.theatre_country() == "SY"
    text = "Nigerian tailors shut their shops in Mina over a new market levy."
    refs = _at(_minna(builtin_gazetteer), "Mina", text)
    assert "NG" in supported_countries(refs, text, builtin_gazetteer, kept=kept)


@pytest.mark.parametrize("kept", [False, True])
def test_a_far_town_met_only_on_a_loose_spelling_supports_nothing(
        builtin_gazetteer: Gazetteer, kept: bool) -> None:
    text = "Tailors shut their shops in Mina over a new market levy."
    refs = _at(_minna(builtin_gazetteer), "Mina", text)
    assert "NG" not in supported_countries(refs, text, builtin_gazetteer, kept=kept)


def test_a_kept_place_spelt_as_written_supports_its_country_only_once_kept(
        builtin_gazetteer: Gazetteer) -> None:
    # geo weighs the place itself: its own spelling is no support for it; the events stage
    # asks of the places geo kept, where a town named as written gives its country
    text = "Tailors shut their shops in Minna over a new market levy."
    refs = _at(_minna(builtin_gazetteer), "Minna", text)
    assert "NG" not in supported_countries(refs, text, builtin_gazetteer)
    assert "NG" in supported_countries(refs, text, builtin_gazetteer, kept=True)
