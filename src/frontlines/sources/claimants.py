"""Claimants: who asserts a claim, typed, and the voice (outlet or party) it counts as.

A claim's claimant is the attributed source the events stage read from its sentence ("field
sources", "the Syrian Observatory for Human Rights", "a military source told SANA"), or none,
when the outlet itself asserts it. Types:

  outlet            the outlet itself (no attribution in the text)
  party             a party to the conflict, resolved to its actor ("the Syrian army said")
  official          a named official or official body ("the governor", "the Defence Ministry")
  state_media       another outlet that is state media ("... told SANA")
  monitoring_group  a monitoring outlet (SOHR, SNHR, Airwars ...)
  media             another outlet (wire, independent, aligned or unknown)
  eyewitness        residents, witnesses, medics, rescuers, correspondents
  unnamed_sources   "sources", "a military source", "activists"
  other             anything else

The voice is who stands behind the claim when counting independent reports: a named outlet
or monitoring group speaks for itself; a party for itself; an unnamed source, an official with
no party named or the outlet itself speak with the publishing outlet's voice; an eyewitness
speaks for no party but is reached through the outlet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from frontlines.model import Claim, Quantity
from frontlines.names import fold
from frontlines.sources.outlets import Outlet, Outlets
from frontlines.sources.sides import Sides

__all__ = ["CLAIMANT_TYPES", "ClaimView", "Claimant", "quantity_dict", "type_claimant"]

CLAIMANT_TYPES = ("outlet", "party", "official", "state_media", "monitoring_group", "media",
                  "eyewitness", "unnamed_sources", "other")


@dataclass(frozen=True, slots=True)
class Claimant:
    type: str
    text: str  # the claimant as written ("" for the outlet itself)
    outlet: Outlet  # the publishing outlet
    voice: str  # id of the voice: an outlet id or "actor:<id>"
    parties: frozenset[str] = frozenset()  # actor ids the voice speaks for
    actor_id: str | None = None  # for party/official: the actor
    actor_name: str | None = None
    named_outlet: Outlet | None = None  # an outlet named in the claimant phrase

    def as_dict(self) -> dict[str, Any]:
        return {
            "type": self.type, "text": self.text, "voice": self.voice,
            "parties": sorted(self.parties), "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "outlet": self.outlet.as_dict(),
            "named_outlet": self.named_outlet.as_dict() if self.named_outlet else None,
        }


def _has(folded: str, words: tuple[str, ...]) -> bool:
    padded = " " + folded
    return any(f" {w}" in padded for w in words)


def _outlet_type(outlet: Outlet) -> str:
    if outlet.kind == "official body":
        return "official"
    if outlet.alignment == "state media":
        return "state_media"
    if outlet.alignment == "monitoring group":
        return "monitoring_group"
    return "media"


def _actor_in(text: str, kb: Any | None, on: date | None) -> Any | None:
    if kb is None or not text.strip():
        return None
    try:
        for match in kb.index.find(text):
            actor = kb.pick(match.actor_ids, on)
            if actor is not None:
                return actor
    except AttributeError:  # a knowledge base without a text index
        found = kb.resolve(text, on)
        return found[0] if found else None
    return None


def type_claimant(claim: Claim, outlets: Outlets, sides: Sides, on: date | None = None,
                  url: str | None = None) -> Claimant:
    """Type the claimant of `claim` and say whose voice it is (see the module docstring)."""
    outlet = outlets.resolve_or_unknown(claim.outlet, url)
    own = sides.parties(outlet.aligned_with, outlet.state)
    text = " ".join((claim.claimant or "").split())
    if not text:
        return Claimant("outlet", "", outlet, outlet.id, own)
    folded = fold(text)
    named = outlets.find_in(text)
    if named is not None and named.id != outlet.id:
        parties = sides.parties(named.aligned_with, named.state)
        return Claimant(_outlet_type(named), text, outlet, named.id, parties,
                        named_outlet=named)
    if named is not None:  # the outlet quoting itself ("SANA said")
        return Claimant("outlet", text, outlet, outlet.id, own)
    words = outlets.claimant_words
    actor = _actor_in(text, sides.kb, on)
    official = _has(folded, words.get("official", ()))
    if actor is not None:
        kind = "official" if official else "party"
        return Claimant(kind, text, outlet, f"actor:{actor.id}", frozenset({actor.id}),
                        actor.id, actor.name)
    if official:
        return Claimant("official", text, outlet, outlet.id, own)
    if _has(folded, words.get("eyewitness", ())):
        return Claimant("eyewitness", text, outlet, outlet.id, frozenset())
    if _has(folded, words.get("unnamed_sources", ())):
        return Claimant("unnamed_sources", text, outlet, outlet.id, own)
    return Claimant("other", text, outlet, outlet.id, own)


@dataclass(frozen=True, slots=True)
class ClaimView:
    """A claim with its typed claimant and its interest towards the event."""

    claim: Claim
    claimant: Claimant
    interest: str  # self | accusation | against | none

    @property
    def party_claim(self) -> bool:
        return self.interest in ("self", "accusation")

    @property
    def self_interested(self) -> bool:
        """A party claiming its own success or the other side's losses."""
        return self.interest == "self"

    def as_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "claim_id": c.id, "doc_id": c.doc_id, "evidence": c.evidence,
            "evidence_start": c.evidence_start, "evidence_end": c.evidence_end,
            "outlet": self.claimant.outlet.name, "outlet_id": self.claimant.outlet.id,
            "alignment": self.claimant.outlet.label,
            "claimant": self.claimant.as_dict(), "interest": self.interest,
            "party_claim": self.party_claim, "self_interested": self.self_interested,
            "fatalities": [quantity_dict(q) for q in c.quantities if q.category == "killed"],
        }


def quantity_dict(q: Quantity) -> dict[str, Any]:
    return {"value": q.value, "upper": q.upper, "qualifier": str(q.qualifier), "text": q.text}
