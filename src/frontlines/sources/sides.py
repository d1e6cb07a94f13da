"""Sides: which actors a voice speaks for, and whether it is allied or hostile to an actor.

A voice's parties are actor ids (an outlet's `aligned_with`, the state forces of a state
outlet's country, a claimant resolved to an actor). Its side adds their members and their direct
allies on the event's date (kb relations `member_of`, `allied_with`); it is hostile to an actor
when a `hostile_to` relation joins the two sides, or when it speaks for a state's forces and the
actor is a rebel or militia group of the same country (ACLED inter codes 2-4).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from functools import lru_cache
from typing import Any

__all__ = ["Sides"]

_ALLY = ("allied_with", "member_of")


class Sides:
    """Side and hostility lookups over an actor knowledge base (`frontlines.actors`), or none."""

    def __init__(self, kb: Any | None) -> None:
        self.kb = kb
        self._actors = {a.id: a for a in kb.actors()} if kb is not None else {}
        self.side = lru_cache(maxsize=4096)(self._side)  # type: ignore[method-assign]
        self.state_forces = lru_cache(maxsize=256)(self._state_forces)  # type: ignore[method-assign]
        self._relations = lru_cache(maxsize=512)(self._relations_on)  # type: ignore[method-assign]
        self.hostile = lru_cache(maxsize=16384)(self._hostile)  # type: ignore[method-assign]

    def _relations_on(self, on: date | None) -> tuple[Any, ...]:
        if self.kb is None:
            return ()
        return tuple(self.kb.relations(on=on) if on is not None else self.kb.relations())

    def _state_forces(self, country: str) -> frozenset[str]:
        return frozenset(a.id for a in self._actors.values()
                         if a.country == country and a.inter == 1 and not a.provisional)

    def parties(self, aligned_with: Iterable[str], state: str | None) -> frozenset[str]:
        found = set(aligned_with)
        if state:
            found |= self.state_forces(state)
        for actor_id in list(found):  # a government speaks for its state's forces
            actor = self._actors.get(actor_id)
            if actor is not None and actor.inter == 1 and actor.country:
                found |= self.state_forces(actor.country)
        return frozenset(found)

    def _side(self, parties: frozenset[str], on: date | None) -> frozenset[str]:
        """Parties + their parents and members (transitively) + their direct allies."""
        if not parties:
            return frozenset()
        rels = self._relations(on)
        side = set(parties)
        changed = True
        while changed:  # membership both ways, transitively
            changed = False
            for r in rels:
                if str(r.kind) == "member_of":
                    if r.actor in side and r.target not in side:
                        side.add(r.target)
                        changed = True
                    elif r.target in side and r.actor not in side:
                        side.add(r.actor)
                        changed = True
        core = set(side)
        for r in rels:
            if str(r.kind) == "allied_with":
                if r.actor in core:
                    side.add(r.target)
                elif r.target in core:
                    side.add(r.actor)
        # the allies' own members (an allied army's air force)
        for r in rels:
            if str(r.kind) == "member_of" and r.target in side:
                side.add(r.actor)
        return frozenset(side)

    def aligned(self, parties: frozenset[str], actor_id: str | None, on: date | None) -> bool:
        if not parties or not actor_id:
            return False
        return actor_id in self.side(parties, on)

    def _hostile(self, parties: frozenset[str], actor_id: str | None, on: date | None) -> bool:
        if not parties or not actor_id:
            return False
        mine = self.side(parties, on)
        if actor_id in mine:
            return False
        theirs = self.side(frozenset({actor_id}), on)
        for r in self._relations(on):
            if str(r.kind) == "hostile_to" and (
                    (r.actor in mine and r.target in theirs)
                    or (r.actor in theirs and r.target in mine)):
                return True
        actor = self._actors.get(actor_id)
        if actor is not None and actor.inter in (2, 3, 4) and actor.country:
            return bool(self.state_forces(actor.country) & mine)
        return False

    def same_side(self, a: str | None, b: str | None, on: date | None) -> bool:
        if not a or not b:
            return False
        if a == b:
            return True
        side = self.side(self.parties([a], None), on)  # a government counts with its forces
        return b in side or bool(self.parties([b], None) & side)
