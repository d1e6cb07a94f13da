"""geo/: the gazetteer and toponym resolution (place names in context -> coordinates)."""

from frontlines.geo.documents import resolve_places
from frontlines.geo.gazetteer import Gazetteer, distance_km
from frontlines.geo.loaders import (
    FORMATS,
    load_admin_geojson,
    load_alternate_names,
    load_geonames,
    load_ocha_communities,
    load_opensyria,
    load_places_yaml,
)
from frontlines.geo.resolve import georef_for
from frontlines.geo.sources import fetch_country

__all__ = [
    "FORMATS",
    "Gazetteer",
    "distance_km",
    "fetch_country",
    "georef_for",
    "load_admin_geojson",
    "load_alternate_names",
    "load_geonames",
    "load_ocha_communities",
    "load_opensyria",
    "load_places_yaml",
    "resolve_places",
]
