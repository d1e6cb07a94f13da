"""Running an evaluation: pick the gold reader by file type, ingest ACLED notes when needed."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from frontlines.errors import GoldFileError
from frontlines.eval.acled import AcledReport, acled_documents, score_acled
from frontlines.eval.gold import load_acled_csv, load_gold, norm
from frontlines.eval.score import EventReport, score_gold
from frontlines.model import MentionKind, Relation
from frontlines.store import Store

__all__ = ["evaluate", "event_priority", "is_acled_csv"]


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
        return score_acled(store, rows, str(path), event_priority(ontology))
    gold = load_gold(path)
    published = _published(gold.documents.values())
    relations = [r for r in store.relations() if _holds_on(r, published)] + \
        _kb_relations(published)
    report = score_gold(store, gold, relations, _names_of(store), _same_province(store))
    report.control = _control(store, path, published)
    return report


def _control(store: Store, path: Path, on: date | None) -> dict[str, Any] | None:
    """Rule 7: the controller derived for each gold place on the published date."""
    from frontlines.eval.control import score_control
    from frontlines.state import ConflictState

    if on is None:
        return None
    control = score_control(ConflictState.for_store(store).control(on, None), path)
    return control.as_dict() if control.rows else None


def _same_province(store: Store) -> Any:
    """Province identity through the gazetteer's admin aliases ("Idleb" is "Idlib")."""
    try:
        from frontlines.geo import Gazetteer
    except ImportError:  # pragma: no cover - geo is part of the package
        return None
    gaz = Gazetteer.from_store(store)

    def same(a: str, b: str) -> bool:
        pa, pb = gaz.admin1_of(a), gaz.admin1_of(b)
        return pa is not None and pa == pb

    return same


def _published(documents: Any) -> date | None:
    for d in documents:
        if d.get("published"):
            return date.fromisoformat(str(d["published"]))
    return None


def _bound(text: str | None, *, last: bool) -> date | None:
    """A partial date ("2017", "2017-07", "2017-07-21") as its first or last day."""
    if not text:
        return None
    parts = [int(x) for x in str(text)[:10].split("-") if x.isdigit()]
    if not parts:
        return None
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if last else 1)
    if len(parts) > 2:
        return date(year, month, parts[2])
    if not last:
        return date(year, month, 1)
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _holds_on(r: Relation, on: date | None) -> bool:
    """The gold lists relations that hold on the published date: one that ended before it or
    began after it is not predicted for that date (its day, month or year may contain it)."""
    if on is None:
        return True
    start, end = _bound(r.start, last=False), _bound(r.end, last=True)
    return (start is None or start <= on) and (end is None or end >= on)


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


def event_priority(ontology: Any) -> Any:
    """Rank of each sub_event_type for picking a document's main event (see eval.acled)."""
    if ontology is None:
        return None
    best: dict[str, int] = {}
    for e in ontology.events:
        for sub in (e.sub_event_type, e.sub_event_type_if_state):
            if sub:
                rank = e.priority + (1000 if e.dominant else 0) + 100 * (e.precedence + 5)
                best[sub] = max(best.get(sub, 0), rank)
    return lambda sub: best.get(sub, 0)
