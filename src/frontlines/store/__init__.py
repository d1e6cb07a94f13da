"""store/: the only stage that writes. SQLAlchemy Core schema, migrations and queries."""

from frontlines.store._store import DocumentRecords, EventFilter, Store
from frontlines.store.codec import from_dict, to_dict

__all__ = ["DocumentRecords", "EventFilter", "Store", "from_dict", "to_dict"]
