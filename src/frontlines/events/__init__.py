"""events/: from annotated sentences to claims in ACLED's and PLOVER's vocabulary.

`extract(annotated, places, knowledge) -> Extraction` finds triggers from kb/ontology.yaml,
assigns roles from the dependency parse (actor1, actor2, place, time), filters non-factual
mentions, attaches quantities and claimants, and reads group changes as dated actor relations.
`explain(event)` prints an event with its evidence.
"""

from frontlines.events.explain import explain
from frontlines.events.extract import Extraction, extract
from frontlines.events.ontology import EventClass, Ontology, TriggerMatch

__all__ = ["EventClass", "Extraction", "Ontology", "TriggerMatch", "explain", "extract"]
