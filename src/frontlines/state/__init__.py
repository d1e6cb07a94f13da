"""state/: derived views of the conflict (control, alliances, casualties), never stored by hand."""

from frontlines.state._view import ConflictState, actor_dict, relation_dict
from frontlines.state.alliances import AllianceEdge, AllianceGraph, alliance_graph, to_graphml
from frontlines.state.casualties import CasualtyGroup, casualties_by, event_toll
from frontlines.state.control import (
    ControlRules,
    ControlState,
    control_geojson,
    control_history,
    control_on,
)

__all__ = [
    "AllianceEdge",
    "AllianceGraph",
    "CasualtyGroup",
    "ConflictState",
    "ControlRules",
    "ControlState",
    "actor_dict",
    "alliance_graph",
    "casualties_by",
    "control_geojson",
    "control_history",
    "control_on",
    "event_toll",
    "relation_dict",
    "to_graphml",
]
