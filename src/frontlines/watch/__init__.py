"""watch/: `frontlines watch`, the always-on side: poll feeds, sitemaps and folders, fetch and
extract new articles, store them once, resume after a restart (see `state.py`)."""

from frontlines.watch.fetch import Fetched, Fetcher, FetchError
from frontlines.watch.server import health, metrics_text, serve_status
from frontlines.watch.service import JsonLog, PollReport, Watcher
from frontlines.watch.sources import Item, Source, parse_items, parse_sources
from frontlines.watch.state import WatchState

__all__ = ["FetchError", "Fetched", "Fetcher", "Item", "JsonLog", "PollReport", "Source",
           "WatchState", "Watcher", "health", "metrics_text", "parse_items", "parse_sources",
           "serve_status"]
