"""The event ontology: loads kb/ontology.yaml and finds trigger phrases in parsed sentences."""

from __future__ import annotations

import re
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

from frontlines.errors import KnowledgeBaseError
from frontlines.model import Token

__all__ = ["VIOLENT_EVENT_TYPES", "EventClass", "Ontology", "TriggerMatch", "derived", "stem"]

# ACLED's organised political violence: the event types that have two sides and a toll, unlike
# demonstrations and strategic developments (ACLED codebook, "event types").
VIOLENT_EVENT_TYPES = frozenset({"Battles", "Explosions/Remote violence",
                                 "Violence against civilians"})

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "kb" / "ontology.yaml"
GAP = "~"
MAX_GAP = 3
_SUFFIXES = ("ings", "ing", "ies", "ied", "es", "ed", "s", "e")


_HEADING_WORDS = 6  # a heading is a few words before a colon


def _heading_words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W_]+", text.casefold()))


def stem(word: str, irregular: dict[str, str] | None = None) -> str:
    """A crude stem shared by trigger words and text tokens ("captured" ~ "capture")."""
    w = word.casefold().replace("’", "'")
    if irregular and w in irregular:
        w = irregular[w]
    if len(w) > 4:
        for suffix in _SUFFIXES:
            if w.endswith(suffix) and len(w) - len(suffix) >= 3:
                w = w[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
                break
    elif len(w) == 4 and w[-1] == "e" and w[-2] not in "aeiou" and w[0] not in "'-":
        w = w[:-1]  # "rape", "fire", "mine", "home" as their inflections stem ("raped": "rap")
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


@dataclass(frozen=True)
class EventClass:
    """One entry of `events:` in the ontology file."""

    id: str
    event_type: str
    sub_event_type: str
    plover_type: str | None = None
    plover_mode: str | None = None
    priority: int = 0
    sub_event_type_if_state: str | None = None
    civilian_type: tuple[str, str] | None = None
    combatant_type: tuple[str, str] | None = None
    nonstate_civilian_type: tuple[str, str] | None = None  # done to civilians by non-state
    # a fight of people named by what they are, not by arms ("youths", "vendors"), with a force
    unarmed_type: tuple[str, str] | None = None
    needs_actor: bool = True
    group_change: bool = False
    relation: dict[str, str] = field(default_factory=dict)
    allegiance_relation: str | None = None
    secondary: bool = False
    disarms: bool = False  # the weapon or aircraft its verb takes as object is not used
    # the words a gapped trigger of this class spans are its own ("discovered three mortar
    # bombs": the mortar is what was found, no shelling)
    spans_gap: bool = False
    default_actor: str | None = None
    needs_place: bool = False
    dominant: bool = False  # outranks other events of its sentence as a report's main event
    escalation: int | None = None  # demonstrations: 0 peaceful ... 3 violent
    consequence: bool = False  # under another event, only its toll ("..., killing three")
    verbal_only: bool = False  # only a verb with its own clause triggers it ("killed X")
    passive_needs_agent: bool = False  # "50 were killed" alone is a toll, not an event
    needs_context: dict[str, str] = field(default_factory=dict)
    # triggers that fire only where those context words are absent, and where the report's last
    # event sentence told no demonstration nor a class that reads the same context: tear gas
    # fired at farmers, not at a demonstration
    unless_context: dict[str, str] = field(default_factory=dict)
    # contexts of `unless_context` whose ruling-out still owns the trigger's words: ground swept
    # of mines is no event, and its "mines" are no bombing either
    context_owns: frozenset[str] = frozenset()
    precedence: int = 0  # in one sentence, the class of higher precedence is the main event
    passive_subject_acts: bool = False  # "forces were deployed": the subject is the actor
    # a trigger of this class told as what backs a force ("troops backed by the air force",
    # "with air support") codes the force's own act as this class instead (ACLED: a ground
    # operation with air support is an armed clash)
    supported_as: str | None = None
    airborne: bool = False  # the aircraft in its agent phrase carry it, they strike nothing
    # a verb of this class whose agent phrase names an air arm or aircraft ("the air force
    # targeted X") tells an air strike, as a gun verb does (events/extract.py `_flown`)
    flown: bool = False
    # a verb that only says something was aimed ("targeted X with an IED", "an air strike
    # targeted X"): where another trigger under it names the means, that trigger tells the
    # event with its roles, and this one is no trigger
    yields: bool = False
    # matched only as a verb with a subject of its own or of the verb it is joined to ("gunmen
    # targeted X", "targeted and destroyed"): a participle ("strikes targeting X") is left to
    # the roles (`roles.aim_verbs`) of the event it describes
    needs_subject: bool = False
    # its trigger names who carries the weapon ("suicide bomber"): one another event's verb is
    # done to ("troops killed two suicide bombers") set nothing off
    bearer: bool = False
    needs_victims: bool = False  # coded only where the sentence names whom it was aimed at
    # its own reading (not a civilian or air variant) needs a target side: "gunmen targeted the
    # army" is a clash, "militants targeted four neighbourhoods" names no one to fight
    needs_target: bool = False


@dataclass(frozen=True)
class _Pattern:
    words: tuple[str, ...]  # stems; GAP for a gap
    text: str
    event: EventClass


@dataclass(frozen=True)
class TriggerMatch:
    """A trigger found in a sentence: token indices, the head token and its event class."""

    event: EventClass
    tokens: tuple[int, ...]
    head: int
    text: str


class Ontology:
    """Trigger lexicon and word lists. Build with `Ontology.load(path=None)`."""

    def __init__(self, data: dict[str, Any], path: str = "") -> None:
        self.path = path
        self.data = data
        self.irregular: dict[str, str] = {
            str(k).casefold(): str(v) for k, v in (data.get("irregular") or {}).items()
        }
        self.events: list[EventClass] = [self._event(e) for e in data.get("events") or []]
        self.by_id = {e.id: e for e in self.events}
        self.contexts: dict[str, frozenset[str]] = {
            k: frozenset(self.stem(w) for w in v) for k, v in (data.get("contexts") or {}).items()
        }
        self._patterns = self._compile()
        # names the parser misreads as common words, with same-length stand-ins (nlp/annotator)
        self.parse_stand_ins: dict[str, str] = {
            str(k): str(v) for k, v in (data.get("parse_stand_ins") or {}).items()}
        # ... and the articles opening place names ("As Samawah"), as a place's first word
        self.place_stand_ins: dict[str, str] = {
            str(k): str(v) for k, v in (data.get("place_stand_ins") or {}).items()}
        for key, table in (("parse_stand_ins", self.parse_stand_ins),
                           ("place_stand_ins", self.place_stand_ins)):
            for k, v in table.items():
                if len(k) != len(v):
                    raise KnowledgeBaseError(
                        f"{path}: {key}: {k!r} and {v!r} differ in length", path)
        modality = data.get("modality") or {}
        self.modal_auxiliaries = frozenset(
            str(w).casefold() for w in modality.get("auxiliaries", [])
        )
        self.negations = self._words(modality, "negations")
        self.modal_governors = frozenset(self.stem(str(w)) for w in modality.get("governors", []))
        self.modal_markers = frozenset(str(w).casefold() for w in modality.get("markers", []))
        self.aspectual = frozenset(self.stem(str(w)) for w in modality.get("aspectual", []))
        self.recalled = frozenset(str(w).casefold() for w in modality.get("recalled", []))
        # every word list of `modality:`, lower case (events/modality.py reads them by name)
        self.modality_words: dict[str, frozenset[str]] = {
            str(k): self._words(modality, str(k)) for k, v in modality.items()
            if isinstance(v, list)}
        attribution = data.get("attribution") or {}
        self.reporting_verbs = frozenset(
            self.stem(str(w)) for w in attribution.get("reporting_verbs", [])
        )
        self.according_to = tuple(str(w) for w in attribution.get("according_to", []))
        self.statement_nouns = frozenset(str(w) for w in attribution.get("statement_nouns", []))
        time = data.get("time") or {}
        self.background_after_days = int(time.get("background_after_days", 60))
        self.period_min_days = int(time.get("period_min_days", 0) or 0)
        self.period_openers = self._words(time, "period_openers")
        self.period_anchors = self._words(time, "period_anchors")
        self.clause_before = self._words(time, "clause_before")
        self.clause_while = self._words(time, "clause_while")
        self.counted_after = self._words(time, "counted_after")
        self.counted_before = self._words(time, "counted_before")
        self.unit_days = {str(k).casefold(): int(v)
                          for k, v in (time.get("unit_days") or {}).items()}
        self.came_before = self._words(time, "came_before")
        self.period_start = self._words(time, "period_start")
        self.month_parts = {str(k): tuple(v) for k, v in (time.get("month_parts") or {}).items()}
        self.year_parts = {str(k): tuple(v) for k, v in (time.get("year_parts") or {}).items()}
        self.quantities: dict[str, Any] = data.get("quantities") or {}
        self.not_events = tuple(str(p).casefold() for p in data.get("not_events") or [])
        # a force's name that holds an event word ("riot police"), as its words
        self.force_names = tuple(tuple(re.findall(r"[^\W_]+", str(p).casefold()))
                                 for p in data.get("force_names") or [])
        # a heading before a colon that opens a report, its words -> the sub-event type it
        # names (`conventions.headings`)
        self.headings: dict[tuple[str, ...], str] = {
            _heading_words(str(h)): str(sub) for sub, names in
            ((data.get("conventions") or {}).get("headings") or {}).items()
            for h in names or []}
        umbrella = data.get("umbrella") or {}
        self.umbrella_phrases = tuple(
            tuple(str(p).casefold().split()) for p in umbrella.get("phrases", [])
        )
        self.umbrella_skip = frozenset(str(w).casefold() for w in umbrella.get("skip", []))
        protests = data.get("protests") or {}
        self.protest_words = frozenset(str(w).casefold() for w in protests.get("words", []))
        self.protest_absorbs: dict[str, tuple[int, int]] = {
            str(k): (int(v[0]), int(v[1])) for k, v in (protests.get("absorbs") or {}).items()
        }
        self.protest_window = int(protests.get("window", 0))
        self.kin_words = frozenset(str(w).casefold() for w in protests.get("kin_words", []))
        self.kin_militia = str(protests.get("kin_militia") or "unidentified")
        # classes whose "with X" names the other side that fought ("clashed with protesters")
        self.protest_mutual = frozenset(str(w) for w in protests.get("mutual", []))
        # classes whose act, told with nobody doing it, is the demonstrators' ("with banks set
        # ablaze" in a protest's sentence)
        self.protest_unclaimed = frozenset(str(w) for w in protests.get("unclaimed", []))
        self.protest_purpose = frozenset(
            self.stem(str(w)) for w in protests.get("purpose_verbs", []))
        self.protest_armed_moves = frozenset(
            self.stem(str(w)) for w in protests.get("armed_moves", []))
        self.protest_lethal = frozenset(str(w).casefold() for w in protests.get("lethal", []))
        # what a demonstration is about, and what caused it: not what happened at it
        self.protest_topic_words = self._words(protests, "topic_words")
        self.protest_cause_words = self._words(protests, "cause_words")
        # demonstration words that refer back to one told before or to earlier ones
        self.protest_referring = frozenset(
            str(w).casefold() for w in protests.get("referring_words", []))
        self.protest_earlier = frozenset(
            str(w).casefold() for w in protests.get("earlier_words", []))
        self.countries: dict[str, str] = {
            str(k): str(v) for k, v in (data.get("countries") or {}).items()
        }
        self.default_actors: dict[str, dict[str, Any]] = dict(data.get("default_actors") or {})
        self.descriptor_words = frozenset(
            str(w).casefold() for w in data.get("descriptor_words") or [])
        self.place_nouns = frozenset(str(w).casefold() for w in data.get("place_nouns") or [])
        classifier = data.get("classifier") or {}
        self.decided_by_actors = frozenset(
            str(t) for t in classifier.get("decided_by_actors") or [])
        self.decided_by_means: dict[str, frozenset[str]] = {
            str(k): frozenset(str(t) for t in v or [])
            for k, v in (classifier.get("decided_by_means") or {}).items()}
        self.model_default_actor: dict[str, str] = {
            str(k): str(v) for k, v in (classifier.get("default_actor") or {}).items()}
        self.model_default_actor_otherwise = str(
            classifier.get("default_actor_otherwise") or "unidentified")
        # sub_event_type -> trigger phrases (as stem sequences) that name the event by
        # themselves: the model's reading of no event does not keep such a claim out
        self.firm_triggers: dict[str, tuple[tuple[str, ...], ...]] = {
            str(k): tuple(tuple(stem(w, self.irregular) for w in str(t).split()) for t in v or [])
            for k, v in (classifier.get("firm_triggers") or {}).items()}
        victims = data.get("victims") or {}
        self.civilian_words = frozenset(str(w) for w in victims.get("civilian", []))
        self.combatant_words = frozenset(str(w) for w in victims.get("combatant", []))
        self.civilian_site_words = frozenset(str(w) for w in victims.get("civilian_sites", []))
        self.military_site_words = frozenset(str(w) for w in victims.get("military_sites", []))
        self.person_words = frozenset(str(w) for w in victims.get("person", []))
        self.off_duty_phrases = tuple(str(w).casefold() for w in victims.get("off_duty", []))
        self.civilian_property_words = frozenset(
            str(w) for w in victims.get("civilian_property", []))
        roles = data.get("roles") or {}
        # words that make a name no place, and verbs whose subject only tells of an event
        self.government_nouns = self._words(roles, "government_nouns")
        self.person_titles = self._words(roles, "person_titles")
        self.person_nouns = self._words(roles, "person_nouns")
        self.witness_stems = frozenset(stem(w) for w in self._words(roles, "witness_verbs"))
        self.campaign_start_stems = frozenset(
            stem(w, self.irregular) for w in self._words(roles, "campaign_start_verbs"))
        # who acted, who suffered, where (events/roles.py); exact lower-case word forms
        self.state_cues = self._words(roles, "state_cues")
        self.fire_nouns = self._words(roles, "fire_nouns")
        self.shot_nouns = self._words(roles, "shot_nouns")
        # a raid told with what the raiders did to the people found (`conventions.raids`)
        raids = (data.get("conventions") or {}).get("raids") or {}
        self.raid_words = frozenset(str(w) for w in raids.get("words") or [])
        self.raid_outcomes = frozenset(str(t) for t in raids.get("outcomes") or [])
        # an enemy's bomb a side sets off or destroys (`conventions.stopped_bombs`)
        stopped = (data.get("conventions") or {}).get("stopped_bombs") or {}
        self.stopped_bomb_verbs = frozenset(str(w) for w in stopped.get("verbs") or [])
        self.stopped_bomb_weapons = frozenset(str(w) for w in stopped.get("weapons") or [])
        self.stopped_bomb_coding = tuple(str(t) for t in stopped.get("coded_as") or [])
        self.symmetric_words = self._words(roles, "symmetric")
        self.harmed_words = self._words(roles, "harmed")
        self.positioned_words = self._words(roles, "positioned")
        self.accuse_words = self._words(roles, "accuse")
        self.platform_words = self._words(roles, "platforms")
        self.seen_words = self._words(roles, "seen")
        self.suffer_words = self._words(roles, "suffer")
        self.support_words = self._words(roles, "support")
        self.backing_words = self._words(roles, "backing")
        self.drone_words = self._words(roles, "drones")
        self.undergoing = frozenset(self.stem(w) for w in self._words(roles, "undergoing"))
        self.unknown_words = self._words(roles, "unknown")  # hide who acts and whose weapon
        # a strike's modifier that names its flyer by a word no actor alias is ("a coalition
        # raid"): the phrase the actor knowledge base knows that flyer by
        self.flown_by = {str(k).casefold(): str(v)
                         for k, v in (roles.get("flown_by") or {}).items()}
        self.unnamed_words = self.unknown_words | self._words(roles, "unnamed")  # no name only
        self.generic_heads = self._words(roles, "generic_heads")
        self.near_words = self._words(roles, "near")
        self.origin_marks = self._words(roles, "origin_marks")
        self.destination_verbs = self._words(roles, "destination_verbs")
        self.target_words = self._words(roles, "target_words")
        self.aimed_preps = self._words(roles, "aimed_preps")
        self.instrument_verbs = self._words(roles, "instrument_verbs")
        self.aim_verbs = self._words(roles, "aim_verbs")
        self.belonging_words = self._words(roles, "belonging_words")
        self.held_words = self._words(roles, "held_words")
        self.member_words = self._words(roles, "member_words")
        self.partitive_heads = self._words(roles, "partitive_heads")
        self.push_nouns = self._words(roles, "push_nouns")
        self.counter_stems = frozenset(stem(w) for w in self._words(roles, "counter_verbs"))

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, path: str | Path | None = None) -> Ontology:
        """Read the ontology file (default: the package's kb/ontology.yaml)."""
        p = Path(path) if path is not None else DEFAULT_PATH
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as exc:
            raise KnowledgeBaseError(
                f"cannot read the ontology {p}: {exc}; fix the YAML or pass another path",
                path=str(p),
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("events"), list):
            raise KnowledgeBaseError(f"{p}: expected a mapping with an `events:` list", str(p))
        return cls(data, str(p))

    def _words(self, section: dict[str, Any], key: str) -> frozenset[str]:
        """A word list of the file, lower case; a YAML boolean or number in it (an unquoted
        `on`, `no`, `yes`) is an error that says which list to fix."""
        words = section.get(key) or []
        if not isinstance(words, list):
            raise KnowledgeBaseError(f"{self.path}: `{key}` must be a list of words", self.path)
        for w in words:
            if not isinstance(w, str):
                raise KnowledgeBaseError(
                    f"{self.path}: `{key}` holds {w!r}, not a word; quote it (YAML reads "
                    "on/off/yes/no as booleans)", self.path)
        return frozenset(w.casefold() for w in words)

    def _event(self, e: dict[str, Any]) -> EventClass:
        try:
            plover = e.get("plover") or [None, None]
            civ = e.get("civilian_sub_event_type")
            com = e.get("combatant_sub_event_type")
            nsc = e.get("nonstate_civilian_sub_event_type")
            una = e.get("unarmed_sub_event_type")
            return EventClass(
                id=str(e["id"]), event_type=str(e["event_type"]),
                sub_event_type=str(e["sub_event_type"]), plover_type=plover[0],
                plover_mode=plover[1] if len(plover) > 1 else None,
                priority=int(e.get("priority", 0)),
                sub_event_type_if_state=e.get("sub_event_type_if_state"),
                civilian_type=(str(civ[0]), str(civ[1])) if civ else None,
                combatant_type=(str(com[0]), str(com[1])) if com else None,
                nonstate_civilian_type=(str(nsc[0]), str(nsc[1])) if nsc else None,
                unarmed_type=(str(una[0]), str(una[1])) if una else None,
                needs_actor=bool(e.get("needs_actor", True)),
                group_change=bool(e.get("group_change", False)),
                relation={str(k): str(v) for k, v in (e.get("relation") or {}).items()},
                allegiance_relation=e.get("allegiance_relation"),
                secondary=bool(e.get("secondary", False)),
                disarms=bool(e.get("disarms", False)),
                spans_gap=bool(e.get("spans_gap", False)),
                default_actor=e.get("default_actor"),
                needs_place=bool(e.get("needs_place", False)),
                verbal_only=bool(e.get("verbal_only", False)),
                consequence=bool(e.get("consequence", False)),
                escalation=int(e["escalation"]) if e.get("escalation") is not None else None,
                dominant=bool(e.get("dominant", False)),
                passive_needs_agent=bool(e.get("passive_needs_agent", False)),
                needs_context={str(k): str(v) for k, v in (e.get("needs_context") or {}).items()},
                unless_context={str(k): str(v)
                                for k, v in (e.get("unless_context") or {}).items()},
                context_owns=frozenset(str(c) for c in e.get("context_owns") or []),
                passive_subject_acts=bool(e.get("passive_subject_acts", False)),
                precedence=int(e.get("precedence", 0)),
                supported_as=e.get("supported_as"),
                airborne=bool(e.get("airborne", False)),
                flown=bool(e.get("flown", False)),
                yields=bool(e.get("yields", False)),
                needs_subject=bool(e.get("needs_subject", False)),
                bearer=bool(e.get("bearer", False)),
                needs_victims=bool(e.get("needs_victims", False)),
                needs_target=bool(e.get("needs_target", False)),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise KnowledgeBaseError(
                f"ontology event {e!r} is malformed ({exc}); each needs id, event_type, "
                "sub_event_type and triggers", self.path
            ) from exc

    def heading(self, texts: Sequence[str]) -> tuple[int, str] | None:
        """(the index of the colon, the sub-event type) of a heading that opens a sentence,
        given as its token texts ("Security measures : On 3 May ..."); None when the sentence
        opens with no heading of `conventions.headings`."""
        colon = next((i for i, t in enumerate(texts[:_HEADING_WORDS + 1]) if t == ":"), None)
        if not self.headings or not colon:
            return None
        found = self.headings.get(_heading_words(" ".join(texts[:colon])))
        return (colon, found) if found else None

    def stem(self, word: str) -> str:
        return stem(word, self.irregular)

    def firm(self, sub_event_type: str, trigger: str) -> bool:
        """Whether a claim's trigger text holds one of the `firm_triggers` of its sub-event
        type (a die-in, a lynching, a limpet mine): words that tell that event by themselves."""
        phrases = self.firm_triggers.get(sub_event_type)
        if not phrases:
            return False
        stems = [self.stem(w) for w in trigger.split()]
        return any(stems[i:i + len(p)] == list(p) for p in phrases
                   for i in range(len(stems) - len(p) + 1))

    def _compile(self) -> dict[str, list[_Pattern]]:
        by_first: dict[str, list[_Pattern]] = {}
        raw = self.data.get("events") or []
        for entry, event in zip(raw, self.events, strict=True):
            for trigger in entry.get("triggers") or []:
                words = tuple(
                    GAP if w == GAP else self.stem(w)
                    for w in re.split(r"\s+", str(trigger).strip()) if w
                )
                if not words or words[0] == GAP:
                    continue
                by_first.setdefault(words[0], []).append(_Pattern(words, str(trigger), event))
        for patterns in by_first.values():
            patterns.sort(key=lambda p: -len([w for w in p.words if w != GAP]))
        return by_first

    # ------------------------------------------------------------------ matching

    def find_triggers(self, tokens: Sequence[Token],
                      told: frozenset[str] = frozenset(),
                      quiet: frozenset[int] | set[int] = frozenset(),
                      unless: bool = True) -> list[TriggerMatch]:
        """Every trigger in a sentence, longest first, without overlapping tokens. `told`: the
        event classes the report's last event sentence told, whose context words that sentence
        gave ("Air strikes hit X. The strike on Y killed 5": the strike is still from the
        air). `quiet`: tokens that give no context (a date's month, "On 3 March", is no march;
        the air force that backs ground troops makes no strike of theirs an air strike). With
        `unless` False no context rules a trigger out (`unless_context`): the annotator's
        pre-filter knows no dates, and "On 3 March" is no demonstration that keeps a sentence
        of tear gas fired at farmers from the parser."""
        stems = [self.stem(t.text) for t in tokens]
        sentence_stems = {s for i, s in enumerate(stems) if i not in quiet}
        found: list[TriggerMatch] = []
        used: set[int] = set()
        candidates: list[tuple[int, int, TriggerMatch, bool]] = []  # (.., ruled out, owning)
        for i, s in enumerate(stems):
            for pattern in self._patterns.get(s, ()):
                idx = _match_at(pattern.words, stems, i)
                if idx is None:
                    continue
                key = pattern.text.split()[0]
                context = pattern.event.needs_context.get(key)
                if context and pattern.event.id not in told and not (
                        pattern.event.escalation is not None and any(
                            self.by_id[t].escalation is not None
                            for t in told if t in self.by_id)) and \
                        not (self.contexts.get(context, frozenset()) & sentence_stems):
                    continue  # (a demonstration told just before is the context of the
                    # force used on it: "Hundreds marched. Police fired tear gas at them.")
                absent = pattern.event.unless_context.get(key) if unless else None
                ruled_out = bool(absent and (
                    self.contexts.get(absent, frozenset()) & sentence_stems or any(
                        absent in self.by_id[t].needs_context.values() or
                        self.by_id[t].escalation is not None for t in told if t in self.by_id)))
                if ruled_out and absent not in pattern.event.context_owns:
                    continue
                head = _head_of(idx, tokens)
                text = " ".join(tokens[j].text for j in range(idx[0], idx[-1] + 1))
                match = TriggerMatch(pattern.event, tuple(idx), head, text)
                candidates.append((-len(idx), i, match, ruled_out))
        for _, _, match, ruled_out in sorted(candidates, key=lambda c: (c[0], c[1])):
            if used & set(match.tokens):
                continue
            used.update(match.tokens)
            if match.event.spans_gap:
                used.update(range(match.tokens[0], match.tokens[-1] + 1))
            if not ruled_out:  # (one ruled out by an owning context keeps its words, no event)
                found.append(match)
        found.sort(key=lambda m: m.tokens[0])
        return found

    def event_class(self, event_id: str) -> EventClass:
        return self.by_id[event_id]


def _match_at(words: tuple[str, ...], stems: list[str], start: int) -> list[int] | None:
    """The positions of a pattern's words from `start`: "~" allows MAX_GAP words in between,
    "~ ~" twice as many; a word after a gap is tried at each place it occurs ("cleared the
    streets of X of mines": the second "of")."""
    gaps = 0
    while gaps < len(words) and words[gaps] == GAP:
        gaps += 1
    if gaps == len(words):
        return []
    w = words[gaps]
    limit = start + MAX_GAP * gaps + 1
    for j in range(start, min(limit, len(stems))):
        if stems[j] != w:
            continue
        rest = _match_at(words[gaps + 1:], stems, j + 1)
        if rest is not None:
            return [j, *rest]
        if not gaps:
            return None
    return None


def _head_of(idx: list[int], tokens: Sequence[Token]) -> int:
    for j in idx:
        if tokens[j].pos in ("VERB", "AUX"):
            return j
    nouns = [j for j in idx if tokens[j].pos in ("NOUN", "PROPN")]
    return nouns[-1] if nouns else idx[0]


_T = TypeVar("_T")
_DERIVED: weakref.WeakKeyDictionary[Ontology, dict[Callable[[Ontology], Any], Any]] = \
    weakref.WeakKeyDictionary()


def derived(ontology: Ontology, build: Callable[[Ontology], _T]) -> _T:
    """What `build` makes of an ontology's data (compiled rules of one kb section), made once
    per Ontology and kept while it lives."""
    made = _DERIVED.setdefault(ontology, {})
    if build not in made:
        made[build] = build(ontology)
    return made[build]
