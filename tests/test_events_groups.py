"""Group changes: defections, cutting ties, joining, allegiance and splits write dated
relations with their evidence."""

from __future__ import annotations

from frontlines.model import RelationKind


def _triples(ex) -> set[tuple[str, str, str, str | None, str | None]]:  # type: ignore[no-untyped-def]
    return {(r.actor, str(r.kind), r.target, r.start, r.end) for r in ex.relations}


def test_events_groups_defection_to_writes_membership(extract_text) -> None:
    ex = extract_text("On Monday the Suqur al-Wadi Brigade announced it had defected to Hay'at Tahrir "
                      "al-Sham.")
    changes = [c for c in ex.claims if c.sub_event_type == "Change to group/activity"]
    assert changes and changes[0].actor1.name == "Suqur al-Wadi Brigade"
    (rel,) = ex.relations
    assert (str(rel.kind), rel.target, rel.start) == ("member_of", "hts", "2017-07-17")
    assert rel.doc_id == changes[0].doc_id and "defected" in (rel.evidence or "")


def test_events_groups_cut_ties_ends_membership(extract_text) -> None:
    ex = extract_text("Jaysh al-Islam cut ties with Hay'at Tahrir al-Sham in mid-June.")
    assert ("jaish-al-islam", "member_of", "hts", None, "2017-06") in _triples(ex)


def test_events_groups_two_groups_defect_two_events(extract_text) -> None:
    ex = extract_text("Two branches, the Suqur al-Wadi Brigade and the Shuhada al-Qarya Brigade, announced "
                      "that they had defected to Ahrar al-Sham.")
    actors = {c.actor1.name for c in ex.claims if c.sub_event_type == "Change to group/activity"}
    assert actors == {"Suqur al-Wadi Brigade", "Shuhada al-Qarya Brigade"}
    assert {r.kind for r in ex.relations} == {RelationKind.MEMBER_OF}


def test_events_groups_allegiance_and_joining(extract_text) -> None:
    ex = extract_text("Jaysh al-Islam pledged allegiance to Ahrar al-Sham earlier this month.")
    assert ("jaish-al-islam", "allied_with", "ahrar-al-sham", "2017-07", None) in _triples(ex)
    ex = extract_text("Jaysh al-Islam joined Hay'at Tahrir al-Sham in early 2017.")
    (claim,) = ex.claims
    assert claim.background is True
    assert ("jaish-al-islam", "member_of", "hts", "2017", None) in _triples(ex)


def test_events_groups_recalled_split_is_a_relation_not_an_event(extract_text) -> None:
    ex = extract_text("Jaysh al-Islam, which had previously broken away from Ahrar al-Sham, "
                      "clashed with Hay'at Tahrir al-Sham in Douma.")
    assert not [c for c in ex.claims if c.sub_event_type == "Change to group/activity"]
    assert any(str(r.kind) == "split_from" for r in ex.relations)


def test_events_groups_name_inside_a_modifier_is_no_target(extract_text) -> None:
    ex = extract_text("Jaysh al-Islam cut ties with the al-Qaeda-affiliated group in mid-June.")
    assert not [t for t in _triples(ex) if t[2] == "al-qaeda"]
