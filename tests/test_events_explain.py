"""`explain(event)`: an event with every claim's evidence span, claimant and relation."""

from __future__ import annotations

from frontlines.consolidate import consolidate
from frontlines.events import explain


def test_events_explain_shows_each_claim_with_its_evidence(extract_text) -> None:
    ex = extract_text("Field sources said Jaysh al-Islam defected to Ahrar al-Sham on Monday. "
                      "Jaysh al-Islam's defection to Ahrar al-Sham was confirmed by the group.")
    (event,) = [e for e in consolidate(ex.claims) if len(e.claims) == 2]
    text = explain(event)
    assert "Change to group/activity" in text and "2 claims" in text
    assert "claimed by Field sources" in text
    assert "relation jaish-al-islam member_of ahrar-al-sham (start 2017-07-17" in text
    first = event.claims[0]
    assert f"chars {first.evidence_start}-{first.evidence_end}" in text
