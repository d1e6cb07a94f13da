"""The database schema, as SQLAlchemy Core tables. Alembic migrations create and evolve it."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

__all__ = [
    "actor_aliases",
    "actor_merges",
    "actor_relations",
    "actors",
    "casualty_reports",
    "claims",
    "documents",
    "event_claims",
    "events",
    "ingest_log",
    "mentions",
    "metadata",
    "place_names",
    "places",
    "admin_areas",
    "edits",
    "knowledge_overlay",
    "user_tokens",
    "users",
]

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", String(32), primary_key=True),  # first 16 hex of content_hash
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("outlet", String(200)),
    Column("url", Text),
    Column("published", Date),
    Column("published_source", String(20), nullable=False, default="unknown"),
    Column("language", String(12), nullable=False, default="en"),
    Column("filed_from", String(200)),
    Column("source_path", Text),
    Column("body_offset", Integer, nullable=False, default=0),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime, nullable=False),
    Column("status", String(20), nullable=False, default="done"),  # done | failed
)
Index("ix_documents_published", documents.c.published)

mentions = Table(
    "mentions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("ref", String(120)),
    Column("label", Text),
    Column("score", Float, nullable=False, default=1.0),
    Column("source", String(40), nullable=False, default=""),
    Column("data", JSON),  # TimeExpr / Quantity fields
)
Index("ix_mentions_doc", mentions.c.doc_id)
Index("ix_mentions_ref", mentions.c.kind, mentions.c.ref)

claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("sentence", Integer, nullable=False),
    Column("evidence", Text, nullable=False),
    Column("evidence_start", Integer, nullable=False),
    Column("evidence_end", Integer, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("claimant", Text),
    Column("outlet", String(200)),
    Column("background", Boolean, nullable=False, default=False),
    Column("data", JSON, nullable=False),  # the full Claim record (actors, place, time ...)
    Column("group_key", String(64)),  # claims of different groups never merge into one event
    Column("source", String(10), nullable=False, default="rule"),  # rule | model | both
    Column("confidence", Float, nullable=False, default=1.0),
    Column("needs_review", Boolean, nullable=False, default=False),  # under the threshold
)
Index("ix_claims_doc", claims.c.doc_id)
Index("ix_claims_group_key", claims.c.group_key)

events = Table(
    "events",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("event_type", String(60), nullable=False),
    Column("sub_event_type", String(80), nullable=False),
    Column("plover_type", String(40)),
    Column("plover_mode", String(40)),
    Column("actor1_id", String(120)),
    Column("actor1", Text),
    Column("actor2_id", String(120)),
    Column("actor2", Text),
    Column("place_id", String(120)),
    Column("location", Text),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("country", String(80)),
    Column("admin1", String(120)),
    Column("admin2", String(120)),
    Column("admin3", String(120)),
    Column("geo_precision", Integer),
    Column("event_date", Date),
    Column("date_end", Date),
    Column("time_precision", Integer, nullable=False, default=0),
    Column("fatalities", Integer),
    Column("background", Boolean, nullable=False, default=False),
    Column("notes", Text, nullable=False, default=""),
    Column("data", JSON, nullable=False),  # the full Event record less its claims
    Column("updated_at", DateTime, nullable=False),
)
# pages of a date window in the store's order (event_date, id) read from one index (0008);
# on PostgreSQL it also carries the columns casualties and alliances read of a date window,
# so that those read the index alone instead of a heap page per event (0010)
Index("ix_events_date_id", events.c.event_date, events.c.id,
      postgresql_include=["event_type", "actor1_id", "actor1", "actor2_id", "actor2",
                          "place_id", "location", "fatalities"])
Index("ix_events_type", events.c.event_type, events.c.sub_event_type)
Index("ix_events_actor1", events.c.actor1_id)
Index("ix_events_place", events.c.place_id)

event_claims = Table(
    "event_claims",
    metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", String(40), ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
)
Index("ix_event_claims_claim", event_claims.c.claim_id)

casualty_reports = Table(
    "casualty_reports",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("evidence", Text, nullable=False),
    Column("period_start", Date),
    Column("period_end", Date),
    Column("data", JSON, nullable=False),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("acled_name", Text),
    Column("inter", Integer, nullable=False, default=8),
    Column("kind", String(60), nullable=False, default="rebel group"),
    Column("country", String(80)),
    Column("provisional", Boolean, nullable=False, default=False),
    Column("source", Text, nullable=False, default=""),
    Column("active_from", String(10)),
    Column("active_to", String(10)),
    Column("data", JSON),
)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("actor_id", String(120), ForeignKey("actors.id", ondelete="CASCADE"), nullable=False),
    Column("alias", Text, nullable=False),
    Column("key", String(200), nullable=False),
    UniqueConstraint("actor_id", "alias", name="uq_actor_alias"),
)
Index("ix_actor_aliases_key", actor_aliases.c.key)

actor_relations = Table(
    "actor_relations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_id", String(120), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("target_id", String(120), nullable=False),
    Column("start", String(10)),
    Column("end", String(10)),
    Column("source", Text, nullable=False, default=""),
    Column("doc_id", String(32), ForeignKey("documents.id", ondelete="CASCADE")),
    Column("claim_id", String(40)),
    Column("evidence", Text),
)
Index("ix_actor_relations_actor", actor_relations.c.actor_id)
Index("ix_actor_relations_target", actor_relations.c.target_id)

actor_merges = Table(
    "actor_merges",
    metadata,
    # an analyst's decision: provisional actor `name_key` is the known actor `into_id`.
    Column("key", String(200), primary_key=True),
    Column("name", Text, nullable=False),
    Column("into_id", String(120), nullable=False),
    Column("decided_at", DateTime, nullable=False),
)

places = Table(
    "places",
    metadata,
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("lat", Float, nullable=False),
    Column("lon", Float, nullable=False),
    Column("kind", String(40), nullable=False, default="populated_place"),
    Column("country", String(2)),
    Column("admin1", String(120)),
    Column("admin2", String(120)),
    Column("admin3", String(120)),
    Column("population", Integer),
    Column("source", String(80), nullable=False, default=""),
)
Index("ix_places_country", places.c.country, places.c.admin1)

place_names = Table(
    "place_names",
    metadata,
    Column("place_id", String(120), ForeignKey("places.id", ondelete="CASCADE"), nullable=False),
    Column("name", Text, nullable=False),
    Column("key", String(200), nullable=False),
    UniqueConstraint("place_id", "name", name="uq_place_name"),
)
Index("ix_place_names_key", place_names.c.key)

admin_areas = Table(
    "admin_areas",
    metadata,
    # admin polygons for the map (GeoJSON geometry as JSON)
    Column("id", String(120), primary_key=True),
    Column("name", Text, nullable=False),
    Column("level", Integer, nullable=False),
    Column("country", String(2)),
    Column("parent", String(120)),
    Column("geometry", JSON, nullable=False),
)

ingest_log = Table(
    "ingest_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("path", Text, nullable=False),
    Column("status", String(20), nullable=False),  # stored | duplicate | error
    Column("doc_id", String(32)),
    Column("reason", Text),
    Column("at", DateTime, nullable=False),
)


# ---- the analyst's workspace (issue 15): accounts, edit records, the user knowledge overlay

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("role", String(12), nullable=False),  # viewer | editor | admin
    Column("password_hash", Text, nullable=False),  # argon2id, never the password
    Column("created_at", DateTime, nullable=False),
)

user_tokens = Table(
    "user_tokens",
    metadata,
    # login sessions (cookie) and API tokens (bearer); only a SHA-256 of the secret is kept
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(10), nullable=False),  # session | api
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("csrf", String(64)),  # sessions: the token unsafe requests must echo
    Column("label", Text),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime),
)
Index("ix_user_tokens_user", user_tokens.c.user_id)

edits = Table(
    "edits",
    metadata,
    # an analyst's correction: who, when, what before, what after, why. Re-applied after every
    # recomputation of events; `anchor` (claim ids) finds the event again when its id changes.
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("target_kind", String(20), nullable=False),  # event | claim | actor
    Column("target_id", String(120), nullable=False),
    Column("action", String(20), nullable=False),  # accept | edit | reject | fold | spelling
    Column("before", JSON, nullable=False),
    Column("after", JSON, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("author", String(80), nullable=False),
    Column("at", DateTime, nullable=False),
    Column("anchor", JSON, nullable=False),  # claim ids of the event when it was edited
    Column("status", String(20), nullable=False, default="active"),  # active | flagged | orphaned
    Column("note", Text),  # why it is flagged: what the new evidence says
)
Index("ix_edits_target", edits.c.target_kind, edits.c.target_id)

knowledge_overlay = Table(
    "knowledge_overlay",
    metadata,
    # spellings an analyst added: the next report that uses one resolves without an edit
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(12), nullable=False),  # actor | place
    Column("name", Text, nullable=False),
    Column("target_id", String(120), nullable=False),
    Column("author", String(80), nullable=False),
    Column("at", DateTime, nullable=False),
    UniqueConstraint("kind", "name", "target_id", name="uq_overlay_name"),
)
