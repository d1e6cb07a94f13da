"""sources/: who publishes and who claims each fact, and whether independent outlets agree.

`Outlets` (kb/outlets.yaml) says whose voice an outlet is; `type_claimant` types the claimant of
a claim; `SourceAssessor.assess(events)` gives every event a corroboration status
(`corroborated`, `single_source`, `party_claim_only`, `disputed`), UCDP-style casualty figures and
the disputes between sources. Reads events; writes nothing.
"""

from frontlines.sources._store import assess_stored
from frontlines.sources.claimants import CLAIMANT_TYPES, Claimant, ClaimView, type_claimant
from frontlines.sources.corroboration import (
    STATUSES,
    Assessment,
    SourceAssessor,
    SourceReport,
    casualty_estimate,
)
from frontlines.sources.disputes import Dispute, DisputeSide
from frontlines.sources.outlets import ALIGNMENTS, Outlet, Outlets, acled_source, source_scale
from frontlines.sources.sides import Sides

__all__ = [
    "ALIGNMENTS",
    "CLAIMANT_TYPES",
    "STATUSES",
    "Assessment",
    "ClaimView",
    "Claimant",
    "Dispute",
    "DisputeSide",
    "Outlet",
    "Outlets",
    "Sides",
    "SourceAssessor",
    "SourceReport",
    "acled_source",
    "assess_stored",
    "casualty_estimate",
    "source_scale",
    "type_claimant",
]
