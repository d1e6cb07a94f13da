"""The knowledge every stage reads, loaded for a store: actors, gazetteer, ontology.

This is the one place that joins the knowledge packages (`actors`, `geo`, `events`) with the
store: the packaged actor knowledge base is synced into the store's actor tables, and the store's
provisional actors and analysts' merges are read back into it. The store itself persists plain
`Actor`/`Relation` records and never imports a knowledge package.
"""

from __future__ import annotations

from frontlines.actors import KnowledgeBase
from frontlines.errors import StoreError
from frontlines.events import Ontology
from frontlines.events.classifier import EventClassifier
from frontlines.geo import Gazetteer
from frontlines.model import Actor
from frontlines.nlp import Knowledge
from frontlines.settings import Settings
from frontlines.store import Store
from frontlines.store.actors import (
    MergeResult,
    fold_provisional_actor,
    known_actors_in_sync,
    merges,
    provisional_actors,
    provisional_id_of,
    sync_known_actors,
)

__all__ = ["actor_knowledge", "load_knowledge", "merge_actor"]


def load_knowledge(store: Store | None = None, settings: Settings | None = None) -> Knowledge:
    """Actor knowledge base, gazetteer, ontology and event classifier, loaded once per process
    (before workers fork, so they share them).

    With a store: the knowledge base includes its provisional actors and merges, and the
    gazetteer its loaded places. Without: the packaged knowledge only. `settings` (default: the
    environment) say whether the classifier runs and the review threshold.
    """
    settings = settings or Settings.from_env()
    kb = actor_knowledge(store) if store is not None else KnowledgeBase.load()
    gazetteer = Gazetteer.from_store(store) if store is not None else Gazetteer.builtin()
    gazetteer.prepare()  # per-country search indexes, built once before workers fork
    classifier = EventClassifier.load() if settings.event_model else None
    return Knowledge(actors=kb, gazetteer=gazetteer, ontology=Ontology.load(),
                     classifier=classifier, review_threshold=settings.review_threshold)


def actor_knowledge(store: Store) -> KnowledgeBase:
    """The packaged knowledge base plus the store's provisional actors and analysts' merges.

    Syncs the knowledge base's actors into the store's actor tables when they are missing or
    stale.
    """
    kb = KnowledgeBase.load()
    if not known_actors_in_sync(store, kb.actors()):
        sync_known_actors(store, kb.actors(), kb.relations())
    return kb.with_additions(provisional_actors(store), merges(store))


def merge_actor(store: Store, source: str, into: str, kb: KnowledgeBase) -> MergeResult:
    """Fold provisional actor `source` (id or name) into actor `into` (id or a name the
    knowledge base resolves); rewrites the stored rows and records the decision."""
    target = kb.get(into) or _resolved(kb, into)
    if target is None or target.provisional and target.id == provisional_id_of(source):
        raise StoreError(f"unknown actor {into!r}: give a knowledge-base id (see `frontlines "
                         "actors`) or a name it resolves")
    return fold_provisional_actor(store, source, target)


def _resolved(kb: KnowledgeBase, name: str) -> Actor | None:
    found = kb.resolve(name)
    return found[0] if found else None
