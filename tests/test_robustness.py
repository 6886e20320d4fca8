"""Bad user input never escapes as anything but the library's own errors or TypeError.

Each public function is fuzzed with text (including control characters and very long
strings) and with values of the wrong type; the error message must name the value.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import germanclusters as gc
from germanclusters.cli import main

TEXT = st.one_of(
    st.text(max_size=50),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["", " ", "\x00", "\n\t", "DE-", "Cool\x00Silicon", "ÄÖÜ", "x" * 100_000]),
)
WRONG_TYPES = st.one_of(
    st.none(),
    st.integers(),
    st.floats(allow_nan=True),
    st.binary(max_size=10),
    st.lists(st.text(max_size=3), max_size=2),
    st.dictionaries(st.text(max_size=2), st.integers()),
)

TEXT_FUNCTIONS: dict[str, tuple[Callable[[Any], object], tuple[type[Exception], ...]]] = {
    "cluster": (gc.cluster, (gc.ClusterNotFound,)),
    "programme": (gc.programme, (gc.ProgrammeNotFound,)),
    "normalize_country": (gc.normalize_country, (gc.UnknownCountry,)),
    "normalize_state": (gc.normalize_state, (gc.UnknownState,)),
    "targeting": (lambda t: gc.clusters().targeting(t), (gc.UnknownCountry,)),
    "in_state": (lambda t: gc.clusters().in_state(t), (gc.UnknownState,)),
    "in_programme": (lambda t: gc.clusters().in_programme(t), (gc.ProgrammeNotFound,)),
    "phase": (lambda t: gc.clusters().targeting("JP", phase=t), (ValueError,)),
    "with_label": (lambda t: gc.clusters().with_label(t), (ValueError,)),
}


@pytest.mark.parametrize("name", sorted(TEXT_FUNCTIONS))
@given(text=TEXT)
def test_text_gives_a_result_or_our_error(name: str, text: str) -> None:
    function, allowed = TEXT_FUNCTIONS[name]
    try:
        function(text)
    except allowed as exc:
        if isinstance(exc, LookupError):
            assert isinstance(exc, gc.GermanClustersError)
        assert len(str(exc)) < 500, "messages stay readable for huge inputs"


@pytest.mark.parametrize("name", sorted(TEXT_FUNCTIONS))
@given(value=WRONG_TYPES)
def test_wrong_types_raise_type_error_naming_the_type(name: str, value: object) -> None:
    function, _ = TEXT_FUNCTIONS[name]
    if value is None and name == "phase":
        return  # phase=None means "any phase"
    with pytest.raises(TypeError) as info:
        function(value)
    assert type(value).__name__ in str(info.value)


@pytest.mark.parametrize(
    ("call", "needle"),
    [
        (lambda: gc.cluster("Atlantis Valley"), "'Atlantis Valley'"),
        (lambda: gc.programme("Moonshot"), "'Moonshot'"),
        (lambda: gc.normalize_country("Atlantis"), "'Atlantis'"),
        (lambda: gc.normalize_state("Narnia"), "'Narnia'"),
        (lambda: gc.clusters().targeting("JP", phase="design"), "'design'"),
        (lambda: gc.clusters().with_label("platinum"), "'platinum'"),
    ],
)
def test_messages_name_the_bad_value(call: Callable[[], object], needle: str) -> None:
    with pytest.raises((gc.GermanClustersError, ValueError)) as info:
        call()
    assert needle in str(info.value)


def test_with_label_date_must_be_a_date() -> None:
    with pytest.raises(TypeError, match="str"):
        gc.clusters().with_label(on="2024-01-01")  # type: ignore[arg-type]
    assert isinstance(gc.clusters().with_label(on=date(2024, 1, 1)), gc.Clusters)


@given(
    st.lists(
        st.one_of(
            TEXT.filter(lambda t: len(t) < 200),
            st.sampled_from(
                [
                    "list",
                    "show",
                    "stats",
                    "validate",
                    "countries",
                    "country",
                    "--targeting",
                    "--phase",
                    "--state",
                    "--programme",
                    "--format",
                    "json",
                    "csv",
                    "table",
                    "--help",
                    "--version",
                ]
            ),
        ),
        max_size=5,
    )
)
def test_cli_never_shows_a_traceback(argv: list[str]) -> None:
    argv = [a for a in argv if a not in {"export"}]  # export writes files; tested elsewhere
    try:
        code = main(argv)
    except SystemExit as exc:  # pragma: no cover - main returns, it does not exit
        raise AssertionError(f"main raised SystemExit({exc.code})") from None
    assert code in (0, 1, 2)


@pytest.mark.parametrize(
    "obj",
    [
        lambda: gc.cluster("cool-silicon"),
        lambda: gc.clusters(),
        lambda: gc.programmes(),
        lambda: gc.manifest(),
        lambda: gc.normalize_country("Japan"),
    ],
)
def test_objects_and_collections_are_hashable_and_frozen(obj: Callable[[], Any]) -> None:
    value = obj()
    assert hash(value) == hash(obj())
    # an attribute the object really has: frozen, not merely absent
    name = next(iter(attrs.fields_dict(type(value))))
    assert hasattr(value, name)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(value, name, getattr(value, name))
    assert hash(value) == hash(obj())
