"""Lookups by id and name, and the chainable, immutable collections."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

import germanclusters as gc


@pytest.mark.parametrize(
    "query",
    [
        "cool-silicon",
        "Cool Silicon",
        "COOL  silicon",
        "cool_silicon",
        " Cool-Silicon ",
        "Cool Silicon e.V.",
    ],
)
def test_cluster_by_id_or_name(query: str) -> None:
    assert gc.cluster(query).id == "cool-silicon"


def test_unknown_cluster_suggests_close_matches() -> None:
    with pytest.raises(gc.ClusterNotFound) as info:
        gc.cluster("Cool Silikon")
    assert info.value.query == "Cool Silikon"
    assert info.value.suggestions[0] == "cool-silicon"
    assert len(info.value.suggestions) <= 3
    assert "Cool Silikon" in str(info.value)
    assert isinstance(info.value, LookupError)


@pytest.mark.parametrize("bad", [42, None, b"cool-silicon", ["cool-silicon"]])
def test_cluster_wrong_type(bad: object) -> None:
    with pytest.raises(TypeError, match="str"):
        gc.cluster(bad)  # type: ignore[arg-type]


@given(st.text(max_size=300))
def test_cluster_lookup_of_any_text_is_a_hit_or_not_found(text: str) -> None:
    try:
        found = gc.cluster(text)
    except gc.ClusterNotFound as exc:
        suggestions = exc.suggestions
        assert len(suggestions) <= 3
        return
    assert isinstance(found, gc.Cluster)


def test_collections_are_immutable_sequences_comparing_by_value() -> None:
    everything = gc.clusters()
    assert everything == gc.clusters()
    assert list(everything.ids) == sorted(everything.ids)
    assert everything[0] is gc.clusters()[0]
    assert isinstance(everything[:1], gc.Clusters)
    with pytest.raises(TypeError):
        everything[0] = everything[0]  # type: ignore[index]
    with pytest.raises(AttributeError):
        everything._items = ()  # type: ignore[misc]
    assert hash(everything) == hash(gc.clusters())


def test_targeting_by_any_country_spelling() -> None:
    a = gc.clusters().targeting("Czech Republic", phase="implementation")
    b = gc.clusters().targeting("CZ", phase=gc.PhaseKind.IMPLEMENTATION)
    assert a == b
    assert "cool-silicon" in a.ids
    with pytest.raises(ValueError, match="phase"):
        gc.clusters().targeting("CZ", phase="planning")
    with pytest.raises(gc.UnknownCountry):
        gc.clusters().targeting("Asia-Pacific")


def test_in_programme_and_round() -> None:
    lec = gc.clusters().in_programme("leading-edge-cluster-competition")
    assert "cool-silicon" in lec.ids
    assert "cool-silicon" in gc.clusters().in_programme("Spitzencluster-Wettbewerb", round=1).ids
    assert "cool-silicon" not in lec.in_programme("leading-edge-cluster-competition", round=2).ids
    with pytest.raises(gc.ProgrammeNotFound):
        gc.clusters().in_programme("no such programme")


def test_in_state_by_code_or_name() -> None:
    saxony = gc.clusters().in_state("DE-SN")
    assert saxony == gc.clusters().in_state("Sachsen") == gc.clusters().in_state("Saxony")
    assert "cool-silicon" in saxony.ids
    with pytest.raises(gc.UnknownState):
        gc.clusters().in_state("Atlantis")


def test_with_label_checks_arguments() -> None:
    assert len(gc.clusters().with_label("gold")) <= len(gc.clusters().with_label("bronze"))
    with pytest.raises(ValueError, match="level"):
        gc.clusters().with_label("platinum")
    with pytest.raises(TypeError):
        gc.clusters().with_label("bronze", on="2024-01-01")  # type: ignore[arg-type]
    assert isinstance(gc.clusters().with_label(on=date(2024, 6, 1)), gc.Clusters)


def test_where_takes_a_callable() -> None:
    assert gc.clusters().where(lambda c: c.id == "cool-silicon").ids == ("cool-silicon",)
    with pytest.raises(TypeError):
        gc.clusters().where("founded")  # type: ignore[arg-type]


def test_programmes_by_id_or_name() -> None:
    lec = gc.programme("leading-edge-cluster-competition")
    assert gc.programme("Spitzencluster-Wettbewerb") is lec
    assert gc.programme("leading edge cluster competition") is lec
    with pytest.raises(gc.ProgrammeNotFound) as info:
        gc.programme("Leading Edge Cluster Compettion")
    assert info.value.suggestions == ("leading-edge-cluster-competition",)
    assert lec in gc.programmes()


def test_versions_and_sources() -> None:
    assert gc.data_version() == gc.manifest().data_version
    assert gc.sources() == gc.manifest().sources
    paths = {f.path for f in gc.manifest().files}
    assert paths == {"clusters.json", "programmes.json", "sources.json"}
