"""workspace/: the analyst's corrections over the machine's coding (edit records, the review
queue, moving edits between stores) and the accounts that may make them."""

from frontlines.store.edits import EVENT_FIELDS, EditError
from frontlines.store.users import ROLES, AuthError, User, Users
from frontlines.workspace._corrections import Corrections, event_types
from frontlines.workspace._review import KINDS, REASONS, review_queue
from frontlines.workspace._transfer import dump_yaml, export_edits, import_edits

__all__ = [
    "EVENT_FIELDS",
    "KINDS",
    "REASONS",
    "ROLES",
    "AuthError",
    "Corrections",
    "EditError",
    "User",
    "Users",
    "dump_yaml",
    "event_types",
    "export_edits",
    "import_edits",
    "review_queue",
]
