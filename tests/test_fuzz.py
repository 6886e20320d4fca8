"""Hypothesis over every function that takes text from users, and JSON round trips."""

from __future__ import annotations

import contextlib
import json

import attrs
from hypothesis import assume, given
from hypothesis import strategies as st

import germanclusters as gc
from germanclusters import dataset
from germanclusters.cli import main

TEXT = st.text(max_size=60)
CLUSTERS = list(gc.clusters())


@given(TEXT)
def test_cluster_lookup_finds_or_refuses(text: str) -> None:
    try:
        found = gc.cluster(text)
    except gc.ClusterNotFound as exc:
        assert exc.query == text and len(exc.suggestions) <= 3
    else:
        assert found in CLUSTERS


@given(TEXT)
def test_normalisers_answer_or_refuse(text: str) -> None:
    for normalise, error in ((gc.normalize_country, gc.UnknownCountry),
                             (gc.normalize_state, gc.UnknownState),
                             (gc.normalize_subdivision, gc.UnknownState),
                             (gc.state_name, gc.UnknownState)):
        with contextlib.suppress(error):
            normalise(text)


@given(TEXT)
def test_partial_date_parse(text: str) -> None:
    try:
        d = gc.PartialDate.parse(text)
    except gc.DataError:
        return
    assert gc.PartialDate.parse(str(d)) == d and d.earliest() <= d.latest()


@given(st.sampled_from(CLUSTERS))
def test_cluster_json_round_trip(cluster: gc.Cluster) -> None:
    assert gc.from_json(gc.to_json(cluster), gc.Cluster) == cluster


@given(st.recursive(st.none() | st.booleans() | st.integers() | TEXT,
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(TEXT, inner, max_size=4), max_leaves=12))
def test_from_json_never_escapes_with_another_error(data: object) -> None:
    with contextlib.suppress(gc.DataError):
        gc.from_json(json.dumps(data), gc.Cluster)


@given(st.lists(TEXT, min_size=1, max_size=3))
def test_cli_country_never_crashes(names: list[str]) -> None:
    assert main(["country", "--", *names]) in (0, 2)


_OPTIONAL = [f.name for f in attrs.fields(gc.Cluster) if f.default is None]


@given(st.sampled_from(CLUSTERS), st.sets(st.sampled_from(_OPTIONAL)))
def test_trusted_building_agrees_with_the_converter(cluster: gc.Cluster,
                                                    cleared: set[str]) -> None:
    """Shipped records are built without cattrs; both readings give the same object."""
    try:
        changed = attrs.evolve(cluster, **dict.fromkeys(cleared))
    except gc.DataError:  # a field that another one needs (none today)
        assume(False)
    text = gc.to_json(changed)
    assert dataset._trusted(json.loads(text), gc.Cluster) == changed
    assert gc.from_json(text, gc.Cluster) == changed
