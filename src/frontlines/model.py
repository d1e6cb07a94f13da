"""The vocabulary of frontlines: the plain records that pass between pipeline stages.

Every stage is a function from records to records. Records are frozen dataclasses; the spaCy
`Doc` never leaves `nlp/`. Names follow DESIGN.md: Document, Mention, TimeExpr, Quantity, Claim,
Event, Actor, Relation, Place, GeoRef.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import IntEnum, StrEnum

__all__ = [
    "PROVISIONAL_PREFIX",
    "ActorRef",
    "AnnotatedDocument",
    "Actor",
    "CasualtyReport",
    "Claim",
    "Document",
    "Event",
    "GeoRef",
    "Mention",
    "MentionKind",
    "Place",
    "Qualifier",
    "Quantity",
    "Relation",
    "RelationKind",
    "Sentence",
    "TimeExpr",
    "TimePrecision",
    "Token",
    "content_hash",
    "normalise_text",
    "times_compatible",
]


# --------------------------------------------------------------------------------------------
# Documents


def normalise_text(text: str) -> str:
    """Normalise article text for identity: NFC, unified quotes/dashes, collapsed whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    text = text.replace("\u201d", '"').replace("\u2014", "-").replace("\u2013", "-")
    return re.sub(r"\s+", " ", text).strip().casefold()


def content_hash(text: str) -> str:
    """Identity of a document: sha256 of its normalised text (hex)."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


# The id prefix of an actor found in text but not (yet) in the knowledge base.
PROVISIONAL_PREFIX = "provisional:"


@dataclass(frozen=True, slots=True)
class Document:
    """One article. `id` is the first 16 hex digits of `content_hash`, so re-ingest is an upsert."""

    id: str
    text: str
    content_hash: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    published_source: str = "unknown"  # caller | metadata | text | unknown
    language: str = "en"
    filed_from: str | None = None  # dateline city: where the report was filed, never an event place
    source_path: str | None = None
    body_offset: int = 0  # offset in `text` where the body starts (after title/dateline)

    @classmethod
    def create(cls, text: str, **fields: object) -> Document:
        digest = content_hash(text)
        return cls(id=digest[:16], text=text, content_hash=digest, **fields)  # type: ignore[arg-type]


# --------------------------------------------------------------------------------------------
# NLP output: sentences, tokens, mentions


class MentionKind(StrEnum):
    ACTOR = "actor"
    PLACE = "place"
    TIME = "time"
    QUANTITY = "quantity"
    ATTRIBUTION = "attribution"


class TimePrecision(IntEnum):
    """ACLED time_precision (1 day, 2 week/few days, 3 month); YEAR and UNKNOWN are ours."""

    UNKNOWN = 0
    DAY = 1
    WEEK = 2
    MONTH = 3
    YEAR = 4

    @property
    def acled(self) -> int:
        """The value ACLED accepts (1-3): a year or unknown precision exports as 3."""
        return int(self) if self in (1, 2, 3) else 3


class Qualifier(StrEnum):
    EXACT = "exact"
    AT_LEAST = "at_least"
    ABOUT = "about"
    VAGUE = "vague"


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression resolved against the document's published date.

    `start`/`end` are None when the document has no published date or the expression cannot be
    resolved; the text is kept either way.
    """

    text: str
    start: date | None = None
    end: date | None = None
    precision: TimePrecision = TimePrecision.UNKNOWN
    relative: bool = False  # resolved against `published` (on Thursday, the day before ...)


def times_compatible(a: TimeExpr | None, b: TimeExpr | None) -> bool:
    """Whether two claims' dates can be the same event: two days must be the same day; otherwise
    the spans overlap, a week's span reaching back seven days ("last week"). An unresolved date
    is compatible with any. Consolidation (across reports) and coreference (within one) share it.
    """
    ra, rb = _time_span(a), _time_span(b)
    if ra is None or rb is None:
        return True
    if a is not None and b is not None and a.precision == b.precision == TimePrecision.DAY:
        return a.start == b.start
    return ra[0] <= rb[1] and rb[0] <= ra[1]


def _time_span(t: TimeExpr | None) -> tuple[date, date] | None:
    if t is None or t.start is None:
        return None
    end = t.end or t.start
    if t.precision == TimePrecision.WEEK:
        return t.start - timedelta(days=7), end
    return t.start, end


@dataclass(frozen=True, slots=True)
class Quantity:
    """A reported number of people killed / injured / arrested, with its qualifier."""

    text: str
    category: str  # killed | injured | arrested | casualties
    value: int | None
    qualifier: Qualifier = Qualifier.EXACT
    upper: int | None = None  # for ranges ("between 10 and 15")


@dataclass(frozen=True, slots=True)
class Token:
    """A parsed token, as plain data so that the spaCy Doc never leaves nlp/."""

    i: int  # index in the sentence
    text: str
    lemma: str
    pos: str
    tag: str
    dep: str
    head: int  # index in the sentence of the syntactic head (self for the root)
    start: int  # character offset in the document text
    end: int
    ent_type: str = ""


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of a document, resolved or not, to an actor, place, time or quantity.

    Resolved ids: `ref` holds an actor id or a place id; `time` / `quantity` hold the parsed
    value for those kinds. `score` is the resolution confidence in [0, 1].
    """

    doc_id: str
    kind: MentionKind
    start: int
    end: int
    text: str
    sentence: int  # index of the sentence in the document
    ref: str | None = None
    label: str | None = None  # canonical name of the resolved actor/place
    score: float = 1.0
    time: TimeExpr | None = None
    quantity: Quantity | None = None
    source: str = ""  # which component produced it: kb, discovery, gazetteer, rule ...


@dataclass(frozen=True, slots=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str
    tokens: tuple[Token, ...] = ()  # empty when the sentence was not parsed (pre-filter)
    parsed: bool = False
    event_probs: tuple[float, ...] = ()  # the event classifier's probabilities, if it ran


@dataclass(frozen=True, slots=True)
class AnnotatedDocument:
    """What nlp/ hands to the later stages."""

    document: Document
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]

    def mentions_in(self, sentence: int, kind: MentionKind | None = None) -> list[Mention]:
        return [
            m
            for m in self.mentions
            if m.sentence == sentence and (kind is None or m.kind == kind)
        ]


# --------------------------------------------------------------------------------------------
# Knowledge: actors and places


class RelationKind(StrEnum):
    MEMBER_OF = "member_of"
    ALLIED_WITH = "allied_with"
    HOSTILE_TO = "hostile_to"
    SPLIT_FROM = "split_from"
    MERGED_INTO = "merged_into"
    SUCCESSOR_OF = "successor_of"


@dataclass(frozen=True, slots=True)
class Relation:
    """A dated relation between two actors. Dates are ISO strings of any precision ("2017-07")."""

    actor: str
    kind: RelationKind
    target: str
    start: str | None = None
    end: str | None = None
    source: str = ""  # citation (kb) or "text" for relations read from a document
    doc_id: str | None = None
    evidence: str | None = None  # the sentence
    evidence_start: int | None = None
    evidence_end: int | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    id: str  # stable slug, e.g. "hts"
    name: str  # canonical name
    acled_name: str | None = None
    inter: int = 8  # ACLED inter code: 1 state forces ... 8 external/other forces
    kind: str = "rebel group"
    country: str | None = None
    aliases: tuple[str, ...] = ()
    provisional: bool = False  # discovered in text, not (yet) in the knowledge base
    source: str = ""
    active_from: str | None = None
    active_to: str | None = None


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as it appears in a claim or event: resolved id plus the text as written."""

    id: str | None
    name: str
    text: str = ""
    acled_name: str | None = None
    inter: int | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry."""

    id: str  # P-code, "geonames:123", or "kb:bab-al-hawa-crossing"
    name: str
    lat: float
    lon: float
    kind: str = "populated_place"  # populated_place | border_crossing | admin1 | admin2 ...
    country: str | None = None  # ISO 3166-1 alpha-2
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    population: int | None = None
    names: tuple[str, ...] = ()  # alternate names, Latin and Arabic script
    source: str = ""


@dataclass(frozen=True, slots=True)
class GeoRef:
    """Where an event happened: a resolved place (or its fallback) plus ACLED geo_precision."""

    text: str  # the name as written in the document
    place_id: str | None = None
    name: str | None = None  # the gazetteer's name
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    geo_precision: int = 1  # 1 the place, 2 near / part of an area, 3 only the province
    score: float = 1.0


# --------------------------------------------------------------------------------------------
# Claims and events


@dataclass(frozen=True, slots=True)
class Claim:
    """One sentence-level assertion that an event happened, with its evidence and claimant."""

    id: str
    doc_id: str
    sentence: int
    evidence: str  # the sentence text
    evidence_start: int  # character offsets of the sentence in the document
    evidence_end: int
    trigger: str
    event_type: str
    sub_event_type: str
    plover_type: str | None = None
    plover_mode: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actor_1: tuple[ActorRef, ...] = ()
    assoc_actor_2: tuple[ActorRef, ...] = ()
    place: GeoRef | None = None
    time: TimeExpr | None = None
    quantities: tuple[Quantity, ...] = ()
    claimant: str | None = None  # attributed source inside the text ("field sources")
    outlet: str | None = None
    background: bool = False
    relation: Relation | None = None  # for group changes (defection, split, merger ...)
    # None: told as having happened. Otherwise why it is not an event: "negated", "conditional",
    # "future", "hypothetical" (threatened, planned, possible, demanded ...), "unlikely" (the
    # classifier reads no event), "summary" (plural strikes whose toll sums up events the
    # report tells one by one), "alleged" (an act an accusation charges with no day),
    # "questioned" (told in a question). Such claims are
    # kept with their evidence but are never merged into events.
    modality: str | None = None
    source: str = "rule"  # rule | model | both: who coded the sub-event type
    confidence: float = 1.0  # the classifier's probability of that type (1.0: rules alone)
    needs_review: bool = False  # under the review threshold: kept, flagged for a person
    # the claim that first told this event, when its report announced it as another event
    # ("Another five were killed in a raid on X"): within that report it merges only with the
    # claims told as the same one (events/coref.py), however alike their coding
    distinct: str | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """A coded event, merged from one or more claims."""

    id: str
    event_type: str
    sub_event_type: str
    claims: tuple[Claim, ...]
    plover_type: str | None = None
    plover_mode: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actor_1: tuple[ActorRef, ...] = ()
    assoc_actor_2: tuple[ActorRef, ...] = ()
    place: GeoRef | None = None
    date: date | None = None
    date_end: date | None = None
    time_precision: TimePrecision = TimePrecision.UNKNOWN
    fatalities: int | None = None
    fatality_reports: tuple[Quantity, ...] = ()  # conflicting tolls kept side by side
    background: bool = False
    notes: str = ""
    source: str = "rule"  # rule | model | both, over the event's claims
    confidence: float = 1.0  # the highest confidence of its claims
    needs_review: bool = False  # every claim of it is under the review threshold


@dataclass(frozen=True, slots=True)
class CasualtyReport:
    """An aggregate toll over a period ("over 50 killed in the last 3 days"), not one event."""

    id: str
    doc_id: str
    evidence: str
    evidence_start: int
    evidence_end: int
    quantities: tuple[Quantity, ...]
    period_start: date | None = None
    period_end: date | None = None
    actors: tuple[ActorRef, ...] = ()
    place: GeoRef | None = None
    claimant: str | None = None
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)
