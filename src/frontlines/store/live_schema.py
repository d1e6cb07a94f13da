"""Tables of the always-on side (issue 16): the watch state (sources and items, so a restarted
`frontlines watch` resumes without loss or duplicates), alerts with their webhook deliveries,
and the materialised state (control, per-event basis and toll, actors) that the API reads.

They live on the shared `schema.metadata`; migrations 0005_watch, 0007_state_events,
0008_state_lookup and 0009_control_months create them. They are kept apart from `schema.py` on
purpose: these are the service's own bookkeeping and caches derived from the core tables (no
foreign key either way; `state_*` is rebuilt from events), while `schema.py` holds what ingest
and the analysts write. None of them restates a table of `schema.py`: what a duplicate finder
pairs here is only the shape of SQLAlchemy `Column(...)` lists, which no shared definition
would make shorter."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from frontlines.store.schema import documents, events, metadata

__all__ = ["alert_deliveries", "alerts", "state_actors", "state_control",
           "state_control_history", "state_control_months", "state_events", "state_meta",
           "state_places", "watch_items",
           "watch_sources"]

# what changed last (the live stream of the API asks for these maxima every second)
Index("ix_events_updated_at", events.c.updated_at)
Index("ix_documents_ingested_at", documents.c.ingested_at)

watch_sources = Table(
    "watch_sources",
    metadata,
    Column("id", String(64), primary_key=True),  # sha256 of the location, first 32 hex
    Column("location", Text, nullable=False),  # URL or folder path
    Column("kind", String(20), nullable=False),  # feed | sitemap | folder
    Column("etag", Text),
    Column("last_modified", Text),
    Column("failures", Integer, nullable=False, default=0),
    Column("next_poll", DateTime),  # not polled before this (schedule or error backoff)
    Column("last_polled", DateTime),
    Column("last_ok", DateTime),
    Column("last_error", Text),
    Column("parent", String(64)),  # the sitemap index that listed it (migration 0007)
)

watch_items = Table(
    "watch_items",
    metadata,
    Column("key", String(64), primary_key=True),  # sha256 of the item's URL (or path+size+mtime)
    Column("source_id", String(64), nullable=False),
    Column("url", Text, nullable=False),
    Column("title", Text),
    Column("published", String(40)),
    Column("inline", Text),  # the entry's own text, used when it has no page to fetch
    Column("status", String(12), nullable=False),  # pending | done | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try", DateTime),
    Column("doc_id", String(32)),
    Column("outcome", String(12)),  # stored | duplicate | error
    Column("reason", Text),
    Column("seen_at", DateTime, nullable=False),
    Column("done_at", DateTime),
)
Index("ix_watch_items_status", watch_items.c.status, watch_items.c.next_try)
Index("ix_watch_items_source", watch_items.c.source_id)

alerts = Table(
    "alerts",
    metadata,
    Column("id", String(64), primary_key=True),  # hash of (rule, subject): fires once
    Column("rule", String(120), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("title", Text, nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", DateTime, nullable=False),
)
Index("ix_alerts_created", alerts.c.created_at)

alert_deliveries = Table(
    "alert_deliveries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("alert_id", String(64), nullable=False),
    Column("target", Text, nullable=False),  # webhook URL
    Column("status", String(12), nullable=False),  # pending | delivered | failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("next_try", DateTime),
    Column("last_error", Text),
    Column("delivered_at", DateTime),
    UniqueConstraint("alert_id", "target", name="uq_alert_delivery"),
)
Index("ix_alert_deliveries_status", alert_deliveries.c.status)

# Materialised control (state/materialised.py): one row per place and date on which its state
# changed (valid until the next one), and the history entries behind it.
state_control = Table(
    "state_control",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("place_key", String(200), nullable=False),
    Column("valid_from", Date, nullable=False),
    Column("valid_to", Date),  # exclusive; NULL: still the state
    Column("admin1", String(120)),
    Column("data", JSON, nullable=False),  # the ControlState less its history
    Column("first_event", String(40)),  # its oldest event id (the basis is that event's), 0008
    Column("feature", Text),  # its GeoJSON feature, less history and basis, as text (0008)
)
# control on a date: per place, the row with the latest valid_from on or before it (0008)
Index("ix_state_control_place_from", state_control.c.place_key, state_control.c.valid_from)

# every place materialised control knows (migration 0008): the list a lookup by date walks,
# chosen by admin1 before any state row is read
state_places = Table(
    "state_places",
    metadata,
    Column("place_key", String(200), primary_key=True),
    Column("admin1", String(120)),
    Column("first_date", Date, nullable=False),  # its first state (nothing known before)
    Column("sort_key", Text, nullable=False),  # name_key of its name: the answers' order
)

# the changes of a date range, read in one range scan (0009); clustered by it on PostgreSQL
Index("ix_state_control_from", state_control.c.valid_from)

# control on the first day of each month, stored together (migration 0009): per month and
# place the state valid the day before (the month's start), with what the API answers from a
# state row. Control on a day D reads D's month here (one range of the primary key) and the
# changes from the month's start to D from state_control (one range of valid_from).
state_control_months = Table(
    "state_control_months",
    metadata,
    Column("month", Date, primary_key=True),
    Column("place_key", String(200), primary_key=True),
    Column("sort_key", Text, nullable=False),
    Column("valid_from", Date, nullable=False),  # of the state (state_control.valid_from)
    Column("admin1", String(120)),
    Column("first_event", String(40)),
    Column("feature", Text),
)

state_control_history = Table(
    "state_control_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("place_key", String(200), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("date", Date),
    Column("entry", JSON, nullable=False),
)
Index("ix_state_control_history_place", state_control_history.c.place_key,
      state_control_history.c.seq)

state_meta = Table(
    "state_meta",
    metadata,
    Column("key", String(80), primary_key=True),
    Column("value", Text),
)

# Materialised per-event state (state/derived.py, migration 0007): the sources basis of each
# event (claimed | assessed | disputed, from its corroboration status) computed over its "unit"
# (the events its assessment can depend on), and its toll; and the actors events name.
state_events = Table(
    "state_events",
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("unit", String(40), nullable=False),  # the smallest event id of its unit
    Column("horizon", Date),  # the latest event date in its unit; NULL: one is undated
    Column("status", String(20), nullable=False),  # corroboration status over its unit
    Column("basis", String(10)),  # claimed | assessed | disputed
    Column("low", Integer, nullable=False),  # the event's toll (state/casualties.event_toll)
    Column("high", Integer, nullable=False),
    Column("open_ended", Boolean, nullable=False),
)
Index("ix_state_events_unit", state_events.c.unit)
# control's basis per place and an event's toll, read by event id from the index alone on
# PostgreSQL (0008; the toll 0010)
Index("ix_state_events_basis", state_events.c.event_id,
      postgresql_include=["unit", "horizon", "basis", "low", "high", "open_ended"])

state_actors = Table(
    "state_actors",
    metadata,
    Column("actor_id", String(120), primary_key=True),
    Column("name", Text, nullable=False),  # the smallest name events give it
    Column("first_date", Date),  # its earliest dated event (NULL: only undated ones)
)
