"""The error hierarchy: one base, each also the matching built-in."""

from __future__ import annotations

import pickle

import pytest

import germanclusters as gc


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (gc.ClusterNotFound, LookupError),
        (gc.ProgrammeNotFound, LookupError),
        (gc.UnknownCountry, LookupError),
        (gc.UnknownState, LookupError),
        (gc.DataError, ValueError),
        (gc.MissingExtra, ImportError),
    ],
)
def test_each_error_is_ours_and_a_builtin(cls: type[Exception], builtin: type[Exception]) -> None:
    assert issubclass(cls, gc.GermanClustersError)
    assert issubclass(cls, builtin)


def test_not_found_keeps_query_and_suggestions() -> None:
    err = gc.ClusterNotFound("Cool Silikon", ["cool-silicon"])
    assert err.query == "Cool Silikon"
    assert err.suggestions == ("cool-silicon",)
    assert str(err) == "no cluster matches 'Cool Silikon'; did you mean 'cool-silicon'?"


def test_data_error_names_every_part() -> None:
    err = gc.DataError(
        reason="not a country",
        field="phases[0].countries[1]",
        value="XZ",
        record="cool-silicon",
        file="data/clusters.json",
    )
    text = str(err)
    for part in (
        "data/clusters.json",
        "cool-silicon",
        "phases[0].countries[1]",
        "'XZ'",
        "not a country",
    ):
        assert part in text
    moved = gc.DataError(reason="bad", field="name", value=1).located(
        file="f.json", record="r", field_prefix="participations[0]"
    )
    assert (moved.file, moved.record, moved.field) == ("f.json", "r", "participations[0].name")


def test_errors_pickle_round_trip() -> None:
    for err in (
        gc.ClusterNotFound("x", ["y"]),
        gc.UnknownCountry("Atlantis", (), "nonsense"),
        gc.DataError(reason="r", field="f", value=1, record="id", file="f.json"),
    ):
        back = pickle.loads(pickle.dumps(err))
        assert type(back) is type(err) and str(back) == str(err)


def test_long_values_are_shortened_in_messages() -> None:
    err = gc.ClusterNotFound("x" * 10_000)
    assert len(str(err)) < 200
