"""Running an evaluation: pick the gold reader by file type, ingest ACLED notes when needed."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from frontlines.errors import GoldFileError
from frontlines.eval.acled import AcledReport, acled_documents, score_acled
from frontlines.eval.gold import load_acled_csv, load_gold, norm
from frontlines.eval.score import EventReport, score_gold
from frontlines.model import MentionKind, Relation
from frontlines.store import Store

__all__ = ["evaluate", "is_acled_csv"]


def is_acled_csv(path: str | Path) -> bool:
    return Path(path).suffix.casefold() in (".csv", ".tsv")


def evaluate(store: Store, gold_path: str | Path, *, limit: int | None = None,
             workers: int = 1, pipeline: Any = None) -> EventReport | AcledReport:
    """Score `store` against a gold file. For an ACLED CSV the rows' notes are ingested first
    (into `store`, through `pipeline` or a freshly loaded one)."""
    path = Path(gold_path)
    if not path.exists():
        raise GoldFileError(f"gold file {path} does not exist", str(path))
    if is_acled_csv(path):
        rows = load_acled_csv(path, limit=limit)
        if not rows:
            raise GoldFileError(f"{path} has no rows with notes to evaluate on", str(path))
        if pipeline is None:
            from frontlines.pipeline import Pipeline

            pipeline = Pipeline.load(store)
        pipeline.run(acled_documents(rows, str(path)), workers=workers)
        pipeline.consolidate()  # every event rebuilt from the stored claims
        ontology = getattr(pipeline.knowledge, "ontology", None)
        return score_acled(store, rows, str(path), _priority(ontology))
    gold = load_gold(path)
    published = _published(gold.documents.values())
    relations = list(store.relations()) + _kb_relations(published)
    return score_gold(store, gold, relations, _names_of(store))


def _published(documents: Any) -> date | None:
    for d in documents:
        if d.get("published"):
            return date.fromisoformat(str(d["published"]))
    return None


def _kb_relations(on: date | None) -> list[Relation]:
    try:
        from frontlines.actors import KnowledgeBase
    except ImportError:
        return []
    try:
        return list(KnowledgeBase.load().relations(on=on))
    except Exception:
        return []


def _names_of(store: Store) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for m in store.mentions(kind=MentionKind.ACTOR.value):
        if m.ref:
            names.setdefault(m.ref, set()).update({norm(m.text), norm(m.label)} - {""})
    try:
        from frontlines.actors import KnowledgeBase

        for actor in KnowledgeBase.load().actors():
            names.setdefault(actor.id, set()).update(
                {norm(x) for x in (actor.name, actor.acled_name, *actor.aliases) if x})
    except Exception:
        pass
    return names


def _priority(ontology: Any) -> Any:
    if ontology is None:
        return None
    best: dict[str, int] = {}
    for e in ontology.events:
        for sub in (e.sub_event_type, e.sub_event_type_if_state):
            if sub:
                rank = e.priority + (1000 if e.dominant else 0) + 100 * (e.precedence + 5)
                best[sub] = max(best.get(sub, 0), rank)
    return lambda sub: best.get(sub, 0)
