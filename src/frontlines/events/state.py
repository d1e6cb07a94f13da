"""What the events stage keeps about one document while it reads it sentence by sentence
(`Doc`: its places, country, topic, the last event told, claims dated or placed by another
sentence), and the kb's coreference rules, read once per ontology (`coref_rules`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from frontlines.events.actors import ActorResolver, Discourse
from frontlines.events.coref import Rules
from frontlines.events.ontology import Ontology
from frontlines.events.roles import Frame
from frontlines.model import AnnotatedDocument, Claim, GeoRef, TimeExpr


@dataclass
class Doc:
    annotated: AnnotatedDocument
    places: dict[tuple[int, int], GeoRef]
    ontology: Ontology
    resolver: ActorResolver
    discourse: Discourse = field(default_factory=Discourse)
    focus: GeoRef | None = None
    country: str | None = None  # the country most of the report's places are in
    last_place: GeoRef | None = None  # the one place the last event sentence named
    named_place: GeoRef | None = None  # the last town an earlier sentence named, event or not
    topic: GeoRef | None = None  # where the sentences just before, in this paragraph, are
    civilian_victims: bool = False  # set by _sub_event_type for the frame at hand
    aimed: bool = False  # ... and whether its sentence names whom the act was aimed at
    crowd: tuple[int, str] | None = None  # (frame id, words) of the unarmed side of a fight
    prev_time: TimeExpr | None = None
    told_time: TimeExpr | None = None  # the last day an earlier sentence gave an event
    claimant: str | None = None
    inherited: set[str] = field(default_factory=set)  # claims whose place was carried over
    said: set[str] = field(default_factory=set)  # claims dated by the day they were told
    borrowed: set[str] = field(default_factory=set)  # claims dated by another clause's day
    last: list[Claim] = field(default_factory=list)  # the claims of the last event sentence
    last_frames: list[Frame] = field(default_factory=list)  # and their frames


@cache
def coref_rules(ontology: Ontology) -> Rules:
    """kb/ontology.yaml `coreference`, read once per ontology."""
    return Rules.of(ontology.data.get("coreference"))
