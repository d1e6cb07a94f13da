"""Whole-article precision, round 2: strikes named by who flies them, and the time of a report
(issue #17), on sentences of our own."""

from __future__ import annotations


def _strikes(ex):  # type: ignore[no-untyped-def]
    return [c for c in ex.claims if c.sub_event_type == "Air/drone strike"]


def test_precision2_coalition_strike_is_an_air_strike_by_the_coalition(extract_text) -> None:
    ex = extract_text("Monitors said a US-led coalition strike on Saraqib killed six civilians "
                      "on Tuesday.")
    strikes = _strikes(ex)
    assert strikes and "Coalition" in strikes[0].actor1.name



def test_precision2_coalition_as_target_is_no_striker(extract_text) -> None:
    ex = extract_text("Rockets struck a base hosting coalition forces near Saraqib on Tuesday.")
    assert not _strikes(ex)
