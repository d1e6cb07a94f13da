"""Attribution: every claim says who asserts it inside the text, and the outlet."""

from __future__ import annotations


def test_events_attribution_reporting_subject_and_according_to(extract_text) -> None:
    ex = extract_text("Local sources in Idlib reported that Hay'at Tahrir al-Sham captured "
                      "Saraqib on Monday.")
    assert ex.claims and ex.claims[0].claimant == "Local sources in Idlib"
    ex = extract_text("According to the Syrian Observatory for Human Rights, regime forces "
                      "shelled Ariha on Tuesday.")
    assert ex.claims and ex.claims[0].claimant == "the Syrian Observatory for Human Rights"


def test_events_attribution_statement_carries_to_the_next_sentences(extract_text) -> None:
    ex = extract_text("In an official statement, Ahrar al-Sham said its fighters attacked "
                      "Saraqib. The group also clashed with Hay'at Tahrir al-Sham in Harem.")
    assert [c.claimant for c in ex.claims] == ["an official statement"] * len(ex.claims)
    assert len(ex.claims) == 2
