"""Quantities with qualifiers, and tolls kept as casualty reports when they cover a period."""

from __future__ import annotations

from datetime import date

from frontlines.model import Document, MentionKind, Qualifier


def _quantities(annotator, text: str) -> list[tuple[str, int | None, str]]:  # type: ignore[no-untyped-def]
    annotated = annotator.annotate_one(Document.create(text, published=date(2020, 2, 1)))
    return [(m.quantity.category, m.quantity.value, m.quantity.qualifier.value)
            for m in annotated.mentions if m.kind == MentionKind.QUANTITY and m.quantity]


def test_quantities_qualifiers_and_vague_words(annotator) -> None:
    assert _quantities(annotator, "Over 50 fighters were killed and dozens were wounded in "
                                  "the attack on Tikrit.") == [
        ("killed", 50, Qualifier.AT_LEAST.value), ("injured", 12, Qualifier.VAGUE.value)]
    assert _quantities(annotator, "The blast killed tens of people in Mosul.") == [
        ("killed", 10, "vague")]
    assert _quantities(annotator, "Police arrested about 20 protesters in Baghdad.") == [
        ("arrested", 20, "about")]


def test_quantities_ages_and_units_are_not_tolls(annotator) -> None:
    assert _quantities(annotator, "Gunmen killed a 12 year old boy 5 km from Kirkuk.") == []


def test_quantities_toll_over_a_period_is_a_casualty_report(extract_text) -> None:
    ex = extract_text("Government forces clashed with the Islamic State near Tikrit on Monday. "
                      "Over 40 militants have been killed in the last 4 days, security sources "
                      "said.")
    (report,) = ex.casualty_reports
    assert (report.period_start, report.period_end) == (date(2017, 7, 17), date(2017, 7, 21))
    assert [(q.category, q.value, q.qualifier) for q in report.quantities] == [
        ("killed", 40, Qualifier.AT_LEAST)]
    assert all(not c.quantities for c in ex.claims)


def test_quantities_toll_over_the_past_days_is_a_casualty_report(extract_text) -> None:
    # "past" marks a span up to now as "last" does: the toll is the span's, not the clash's
    ex = extract_text("Troops clashed with al-Shabaab fighters near Baidoa on Monday. More "
                      "than 30 militants have been killed in the past 3 days, officials said.")
    (report,) = ex.casualty_reports
    assert report.period_start is not None and report.period_end is not None
    assert all(not c.quantities for c in ex.claims)


def test_quantities_toll_of_one_event_counts_for_it(extract_text) -> None:
    ex = extract_text("An IED exploded in Mosul on Sunday, killing three civilians.")
    (claim,) = ex.claims
    assert claim.sub_event_type == "Remote explosive/landmine/IED"
    assert [(q.category, q.value) for q in claim.quantities] == [("killed", 3)]


def test_quantities_toll_spread_over_several_places_is_not_pinned(extract_text) -> None:
    ex = extract_text("Clashes between the Islamic State and Iraqi forces erupted in Tikrit, "
                      "Baiji and Samarra, leaving dozens dead.")
    assert ex.casualty_reports and ex.casualty_reports[0].quantities[0].value == 12
    assert all(not c.quantities for c in ex.claims)
