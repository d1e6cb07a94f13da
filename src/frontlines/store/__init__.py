"""store/: the only stage that writes. SQLAlchemy Core schema, migrations and queries."""

from frontlines.store import live_schema  # noqa: F401 - registers the watch/alert tables
from frontlines.store._store import DocumentRecords, EventFilter, Store
from frontlines.store.codec import from_dict, to_dict

__all__ = ["DocumentRecords", "EventFilter", "Store", "from_dict", "to_dict"]
