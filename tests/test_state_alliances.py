"""The alliance network on a date: dated relations, inferred hostility, evidence, GraphML."""

from __future__ import annotations

from datetime import date

import networkx as nx

from frontlines.model import Relation, RelationKind
from frontlines.state import ConflictState, alliance_graph, to_graphml
from frontlines.store import Store


def test_state_alliances_membership_follows_its_dates(conflict_store: Store) -> None:
    view = ConflictState(conflict_store)
    before = view.alliances(date(2017, 7, 1))
    assert before.members_of("hts") == ["zenki"]
    after = view.alliances(date(2017, 7, 21))
    assert after.members_of("hts") == ["al-hujra-brigade", "fajr-al-islam-brigade"]
    split = [e for e in after.edges if e.kind == "split_from"]
    assert [(e.source, e.target) for e in split] == [("zenki", "hts")]
    members = [e for e in after.edges if e.kind == "member_of"]
    assert all("had joined Tahrir al-Sham" in e.evidence[0]["sentence"] for e in members)


def test_state_alliances_infers_hostility_from_battles_with_event_evidence(
    conflict_store: Store,
) -> None:
    graph = ConflictState(conflict_store).alliances(date(2017, 7, 21))
    (hostile,) = [e for e in graph.edges if e.kind == "hostile_to"]
    assert (hostile.source, hostile.target, hostile.inferred) == ("ahrar-al-sham", "hts", True)
    assert {ev["event_id"] for ev in hostile.evidence} == {
        "ev-saraqib", "ev-hazarin-attack", "ev-ariha"}
    assert ConflictState(conflict_store).alliances(date(2017, 7, 18)).edges[0].kind != \
        "hostile_to"


def test_state_alliances_partial_dates_mark_edges_uncertain() -> None:
    rel = Relation("zenki", RelationKind.MEMBER_OF, "hts", start="2017-01", end="2017-07",
                   source="kb")
    assert alliance_graph(date(2017, 1, 15), [rel]).edges[0].uncertain
    assert not alliance_graph(date(2017, 3, 1), [rel]).edges[0].uncertain
    (left,) = alliance_graph(date(2017, 7, 21), [rel]).edges  # a recent end reads as a split
    assert (left.kind, left.inferred, left.start) == ("split_from", True, "2017-07-01")
    assert alliance_graph(date(2018, 7, 21), [rel]).edges == []
    assert alliance_graph(date(2016, 12, 31), [rel]).nodes == {}


def test_state_alliances_a_reported_end_closes_an_open_membership() -> None:
    joined = Relation("zenki", RelationKind.MEMBER_OF, "hts", start="2017", source="text",
                      evidence="Nour al-Din al-Zenki joined Tahrir al-Sham in early 2017.")
    left = Relation("zenki", RelationKind.MEMBER_OF, "hts", end="2017-07-20", source="text",
                    evidence="Nour al-Din al-Zenki declared that it has cut ties with HTS.")
    assert alliance_graph(date(2017, 5, 1), [joined, left]).members_of("hts") == ["zenki"]
    graph = alliance_graph(date(2017, 7, 21), [joined, left])
    assert graph.members_of("hts") == []
    (split,) = graph.edges
    assert split.kind == "split_from" and "cut ties" in split.evidence[0]["sentence"]


def test_state_alliances_graphml_round_trips_through_networkx(
    conflict_store: Store, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.graphml"
    path.write_text(to_graphml(ConflictState(conflict_store).alliances(date(2017, 7, 21))))
    g = nx.read_graphml(path)
    assert g.nodes["hts"]["name"] == "Hay'at Tahrir al-Sham"
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert kinds == {"member_of", "split_from", "hostile_to"}


def test_state_alliances_keep_the_latest_evidence_and_count_it_all(
    conflict_store: Store,
) -> None:
    view = ConflictState(conflict_store)
    on = date(2017, 7, 21)
    full = {(e.source, e.target, e.kind): e for e in view.alliances(on).edges}
    capped = view.alliances(on, evidence=1)
    assert {(e.source, e.target, e.kind) for e in capped.edges} == set(full)
    for edge in capped.edges:
        whole = full[(edge.source, edge.target, edge.kind)]
        assert edge.evidence == whole.evidence[-1:]
        assert edge.evidence_count == whole.evidence_count == len(whole.evidence)
        assert (edge.start, edge.end, edge.inferred) == (whole.start, whole.end, whole.inferred)
    hostile = full[("ahrar-al-sham", "hts", "hostile_to")]
    assert hostile.evidence_count == 3
    assert view.alliance_edge(on, "ahrar-al-sham", "hts", "hostile_to") == hostile
    assert view.alliance_edge(on, "hts", "ahrar-al-sham", "hostile_to") is None
    assert [len(e.evidence) for e in view.alliances(on, evidence=0).edges] == \
        [0] * len(full)


def test_state_alliances_cap_text_evidence_too() -> None:
    said = [Relation("band-a", RelationKind.ALLIED_WITH, "band-b", start="2020", source="text",
                     evidence=f"Report {n}: the two bands fought side by side.") for n in range(4)]
    (edge,) = alliance_graph(date(2020, 6, 1), said, evidence=2).edges
    assert edge.evidence_count == 4
    assert [x["sentence"][:8] for x in edge.evidence] == ["Report 2", "Report 3"]
