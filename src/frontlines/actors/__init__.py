"""actors/: the actor knowledge base, alias matching, date-aware resolution and discovery.

`KnowledgeBase.load()` reads the packaged kb/actors*.yaml (or given files), checks them and
builds the alias automaton; `resolve_from_context` names the actors behind "militants" and
"both warring sides"; `discover` turns armed-group-looking names the KB lacks into provisional
actors with their `member_of` relations.
"""

from frontlines.actors._context import actor_ref, resolve_from_context
from frontlines.actors._discovery import DiscoveredName, discover, find_candidates
from frontlines.actors._index import FUZZY_THRESHOLD, AliasIndex, AliasMatch
from frontlines.actors._kb import (
    PROVISIONAL_PREFIX,
    DiscoveryRules,
    KnowledgeBase,
    packaged_files,
    provisional_id,
)

__all__ = [
    "FUZZY_THRESHOLD",
    "PROVISIONAL_PREFIX",
    "AliasIndex",
    "AliasMatch",
    "DiscoveredName",
    "DiscoveryRules",
    "KnowledgeBase",
    "actor_ref",
    "discover",
    "find_candidates",
    "packaged_files",
    "provisional_id",
    "resolve_from_context",
]
