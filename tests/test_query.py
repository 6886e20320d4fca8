"""Lookups by id and name, and the chainable, immutable collections."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import date, datetime
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import germanclusters as gc
from germanclusters import query
from strategies import PROGRAMME_IDS, cluster_collections


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


# ------------------------------------------------- indexed filters vs plain loops

PHASES: list[gc.PhaseKind | None] = [None, *gc.PhaseKind]
LEC = "leading-edge-cluster-competition"


def loop_targeting(items: Any, code: str, kind: gc.PhaseKind | None) -> list[str]:
    out = []
    for c in items:
        hit = False
        for part in c.participations:
            for ph in part.phases:
                if kind is not None and ph.kind is not kind:
                    continue
                for k in ph.countries:
                    if k.alpha_2 == code:
                        hit = True
        if hit:
            out.append(c.id)
    return out


def loop_state(items: Any, code: str) -> list[str]:
    return [c.id for c in items if c.state == code or code in c.states]


def loop_programme(items: Any, prog: str, rnd: int | None) -> list[str]:
    out = []
    for c in items:
        for part in c.participations:
            if part.programme == prog and (rnd is None or part.round == rnd):
                out.append(c.id)
                break
    return out


def loop_label(items: Any, level: gc.LabelLevel, on: date | None) -> list[str]:
    out = []
    for c in items:
        for lab in c.labels:
            if lab.level >= level and (on is None or lab.valid_on(on)):
                out.append(c.id)
                break
    return out


def all_target_codes(items: Any) -> set[str]:
    return {
        k.alpha_2 for c in items for p in c.participations for ph in p.phases for k in ph.countries
    }


def test_targeting_matches_a_plain_loop_for_every_country_and_phase() -> None:
    items = list(gc.clusters())
    codes = all_target_codes(items) | {"AQ"}  # and one no cluster targets
    assert len(codes) > 1
    for code in sorted(codes):
        for kind in PHASES:
            found = gc.clusters().targeting(code, phase=kind)
            assert list(found.ids) == loop_targeting(items, code, kind), (code, kind)


def test_in_state_matches_a_plain_loop_for_every_state() -> None:
    from germanclusters._states import STATES

    items = list(gc.clusters())
    for code in STATES:
        assert list(gc.clusters().in_state(code).ids) == loop_state(items, code), code


def test_in_programme_matches_a_plain_loop() -> None:
    items = list(gc.clusters())
    for prog in gc.programmes():
        rounds = {p.round for c in items for p in c.participations if p.programme == prog.id}
        for rnd in [None, *sorted(r for r in rounds if r is not None)]:
            found = gc.clusters().in_programme(prog.id, round=rnd)
            assert list(found.ids) == loop_programme(items, prog.id, rnd), (prog.id, rnd)
        if prog.rounds:  # a round the programme never had is an error, not an empty answer
            with pytest.raises(ValueError, match="round must be one of"):
                gc.clusters().in_programme(prog.id, round=99)
        else:
            assert gc.clusters().in_programme(prog.id, round=99).ids == ()


def test_with_label_matches_a_plain_loop() -> None:
    items = list(gc.clusters())
    days = [None, date(2000, 1, 1), date(2015, 6, 1), date(2020, 1, 1), date(2024, 6, 1)]
    for level in gc.LabelLevel:
        for day in days:
            found = gc.clusters().with_label(level, on=day)
            assert list(found.ids) == loop_label(items, level, day), (level, day)


def test_cool_silicon_fixed_facts() -> None:
    everything = gc.clusters()
    assert "cool-silicon" in everything.targeting("Belgium", phase="concept").ids
    assert "cool-silicon" not in everything.targeting("Belgium", phase="implementation").ids
    assert "cool-silicon" in everything.targeting("Czechia", phase="implementation").ids
    assert "cool-silicon" in everything.in_programme(LEC, round=1).ids
    assert "cool-silicon" in everything.in_state("Sachsen").ids
    assert everything.get("Cool Silicon").city == "Dresden"
    by_country = everything.by_country("concept")
    assert "cool-silicon" in by_country[gc.normalize_country("BE")].ids


def _known_rounds(prog: str) -> list[int]:
    """Rounds the programme had; any positive round where it lists none."""
    return [r.number for r in gc.programme(prog).rounds] or [1, 2, 3]


@settings(max_examples=60)
@given(
    found=cluster_collections(10),
    data=st.data(),
    kind=st.sampled_from(PHASES),
    prog=st.sampled_from(PROGRAMME_IDS),
    rnd=st.none() | st.integers(1, 3),
    level=st.sampled_from(gc.LabelLevel),
    day=st.none() | st.dates(),
)
def test_indexed_filters_equal_plain_loops_on_any_collection(
    found: gc.Clusters,
    data: st.DataObject,
    kind: gc.PhaseKind | None,
    prog: str,
    rnd: int | None,
    level: gc.LabelLevel,
    day: date | None,
) -> None:
    items = list(found)
    # mostly countries and states the collection has, so that results are not all empty
    code = data.draw(st.sampled_from(sorted(all_target_codes(items) | {"JP", "ZW"})))
    seats = {s for c in items for s in (c.state, *c.states) if s}
    state = data.draw(st.sampled_from(sorted(seats | {"DE-BE"})))
    # random collections may repeat an id: compare records, not ids
    assert list(found.targeting(code, phase=kind)) == [
        c for c in items if loop_targeting([c], code, kind)
    ]
    assert list(found.in_state(state)) == [c for c in items if loop_state([c], state)]
    if rnd is not None and rnd not in _known_rounds(prog):
        with pytest.raises(ValueError, match="round must be one of"):
            found.in_programme(prog, round=rnd)
    else:
        assert list(found.in_programme(prog, round=rnd)) == [
            c for c in items if loop_programme([c], prog, rnd)
        ]
    assert list(found.with_label(level, on=day)) == [
        c for c in items if loop_label([c], level, day)
    ]


def plain_filter(items: list[gc.Cluster], op: tuple[Any, ...]) -> list[gc.Cluster]:
    name, *args = op
    if name == "targeting":
        return [c for c in items if loop_targeting([c], args[0], args[1])]
    if name == "in_state":
        return [c for c in items if loop_state([c], args[0])]
    if name == "in_programme":
        return [c for c in items if loop_programme([c], args[0], args[1])]
    return [c for c in items if loop_label([c], args[0], args[1])]


def indexed_filter(found: gc.Clusters, op: tuple[Any, ...]) -> gc.Clusters:
    name, *args = op
    if name == "targeting":
        return found.targeting(args[0], phase=args[1])
    if name == "in_state":
        return found.in_state(args[0])
    if name == "in_programme":
        return found.in_programme(args[0], round=args[1])
    return found.with_label(args[0], on=args[1])


@st.composite
def filter_ops(draw: st.DrawFn, items: list[gc.Cluster]) -> tuple[Any, ...]:
    name = draw(st.sampled_from(["targeting", "in_state", "in_programme", "with_label"]))
    if name == "targeting":
        codes = sorted(all_target_codes(items) | {"JP"})
        return (name, draw(st.sampled_from(codes)), draw(st.sampled_from(PHASES)))
    if name == "in_state":
        seats = sorted({s for c in items for s in (c.state, *c.states) if s} | {"DE-BE"})
        return (name, draw(st.sampled_from(seats)))
    if name == "in_programme":
        prog = draw(st.sampled_from(PROGRAMME_IDS))
        return (name, prog, draw(st.none() | st.sampled_from(_known_rounds(prog))))
    return (name, draw(st.sampled_from(gc.LabelLevel)), draw(st.none() | st.dates()))


@settings(max_examples=60)
@given(found=cluster_collections(12), data=st.data())
def test_chains_of_filters_equal_chains_of_plain_loops(
    found: gc.Clusters, data: st.DataObject
) -> None:
    items = list(found)
    indexed = found
    for _ in range(data.draw(st.integers(1, 4))):
        op = data.draw(filter_ops(items))
        items = plain_filter(items, op)
        indexed = indexed_filter(indexed, op)
        assert list(indexed) == items, op
        if data.draw(st.booleans()):  # a summary in between builds the result's own index
            expected = {k.alpha_2 for c in items for k in c.target_countries()}
            assert {k.alpha_2 for k in indexed.by_country()} == expected
        if items and data.draw(st.booleans()):  # group, then go on with one group
            groups = indexed.group_by("programme")
            if groups:
                prog = data.draw(st.sampled_from(sorted(groups)))
                indexed = groups[prog]
                items = [c for c in items if any(p.programme == prog for p in c.participations)]
                assert list(indexed) == items


def test_filters_keep_the_original_order_and_chain() -> None:
    everything = gc.clusters()
    position = {c.id: i for i, c in enumerate(everything)}
    for code in sorted(all_target_codes(everything)):
        ids = everything.targeting(code).ids
        assert [position[i] for i in ids] == sorted(position[i] for i in ids)
    chained = everything.in_programme(LEC).targeting("CZ").in_state("DE-SN")
    expected = [
        c.id
        for c in everything
        if loop_programme([c], LEC, None)
        and loop_targeting([c], "CZ", None)
        and loop_state([c], "DE-SN")
    ]
    assert list(chained.ids) == expected
    assert isinstance(chained, gc.Clusters)


def test_the_index_is_private_and_not_part_of_equality_hash_or_repr() -> None:
    fresh = gc.Clusters(tuple(gc.clusters()))
    used = gc.Clusters(tuple(gc.clusters()))
    assert used._index is None
    used.targeting("CZ")
    assert used._index is not None and fresh._index is None
    assert used == fresh and hash(used) == hash(fresh) and repr(used) == repr(fresh)
    fields = {a.name: a for a in attrs.fields(gc.Clusters)}
    assert not fields["_index"].eq and not fields["_index"].init and not fields["_index"].repr
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        used._index = None  # type: ignore[misc]


def test_the_shared_collection_builds_its_index_once(monkeypatch: pytest.MonkeyPatch) -> None:
    builds: list[int] = []
    real = query._ClusterIndex

    class Counting(real):  # type: ignore[misc,valid-type]
        def __init__(self, items: Any) -> None:
            builds.append(len(items))
            super().__init__(items)

    monkeypatch.setattr(query, "_ClusterIndex", Counting)
    collection = gc.Clusters(tuple(gc.clusters()))
    barrier = threading.Barrier(16)
    results: list[tuple[str, ...]] = []

    def worker() -> None:
        barrier.wait()
        results.append(collection.targeting("CZ").in_state("DE-SN").ids)

    threads = [threading.Thread(target=worker) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(set(results)) == 1 and len(results) == 16
    # one build for the collection; the filtered results look it up instead of re-indexing
    assert builds == [len(collection)]
    assert gc.clusters() is gc.clusters()


def test_collections_hold_only_their_records() -> None:
    with pytest.raises(TypeError, match="item 1"):
        gc.Clusters([gc.cluster("cool-silicon"), "cool-silicon"])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        gc.Programmes([gc.cluster("cool-silicon")])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        gc.Clusters("cool-silicon")  # type: ignore[arg-type]
    assert isinstance(gc.clusters()[1:3], gc.Clusters)


def test_targeting_takes_a_country_object() -> None:
    cz = gc.normalize_country("CZ")
    assert gc.clusters().targeting(cz) == gc.clusters().targeting("Tschechien")


# -------------------------------------------------------------------- summaries


def test_count_by_country_matches_a_counter() -> None:
    items = list(gc.clusters())
    for kind in PHASES:
        expected: Counter[str] = Counter()
        for c in items:
            codes = {
                k.alpha_2
                for p in c.participations
                for ph in p.phases
                if kind is None or ph.kind is kind
                for k in ph.countries
            }
            expected.update(codes)
        counted = gc.clusters().count_by("country", phase=kind)
        assert {k.alpha_2: n for k, n in counted.items()} == dict(expected)
        ranked = [(-n, k.alpha_2) for k, n in counted.items()]
        assert ranked == sorted(ranked), "most first, ties by alpha-2"


def test_count_by_phase_and_country_answers_the_question_in_one_call() -> None:
    items = list(gc.clusters())
    result = gc.clusters().count_by("phase", "country")
    for kind in gc.PhaseKind:
        expected: Counter[str] = Counter()
        for c in items:
            expected.update(
                {
                    k.alpha_2
                    for p in c.participations
                    for ph in p.phases
                    if ph.kind is kind
                    for k in ph.countries
                }
            )
        assert {k.alpha_2: n for k, n in result[kind].items()} == dict(expected)
    assert result[gc.PhaseKind.IMPLEMENTATION][gc.normalize_country("CZ")] >= 1


def test_count_by_state_and_programme() -> None:
    items = list(gc.clusters())
    states: Counter[str] = Counter()
    programmes: Counter[str] = Counter()
    for c in items:
        states.update({s for s in (c.state, *c.states) if s})
        programmes.update({p.programme for p in c.participations})
    assert gc.clusters().count_by("state") == dict(states)
    assert gc.clusters().count_by("programme") == dict(programmes)
    assert sum(gc.clusters().count_by("state").values()) >= len(
        gc.clusters().where(lambda c: c.state is not None)
    )


def test_by_country_matches_targeting() -> None:
    for kind in PHASES:
        groups = gc.clusters().by_country(kind)
        for country, found in groups.items():
            assert found == gc.clusters().targeting(country, phase=kind)
        sizes = [len(v) for v in groups.values()]
        assert sizes == sorted(sizes, reverse=True)
        assert {k.alpha_2 for k in groups} == {
            k.alpha_2 for c in gc.clusters() for k in c.target_countries(kind)
        }


def test_group_by_a_function() -> None:
    groups = gc.clusters().group_by(lambda c: c.state[-2:] if c.state else None)
    expected: dict[str, list[str]] = {}
    for c in gc.clusters():
        if c.state:
            expected.setdefault(c.state[-2:], []).append(c.id)
    assert {k: list(v.ids) for k, v in groups.items()} == expected
    multi = gc.clusters().group_by(lambda c: [p.programme for p in c.participations])
    assert {k: len(v) for k, v in multi.items()} == gc.clusters().count_by("programme")


def test_count_by_bad_keys() -> None:
    with pytest.raises(ValueError, match="key must be one of"):
        gc.clusters().count_by("colour")
    with pytest.raises(TypeError):
        gc.clusters().count_by()
    with pytest.raises(TypeError):
        gc.clusters().group_by(42)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="phase"):
        gc.clusters().count_by("country", phase="planning")


def test_html_view_escapes_text() -> None:
    evil = gc.Cluster(id="x", name="<script>alert(1)</script>", city="A & B", sources=["s"])
    markup = gc.Clusters([evil])._repr_html_()
    assert "<script>" not in markup
    assert "&lt;script&gt;" in markup and "A &amp; B" in markup
    assert "cool-silicon" in gc.clusters()._repr_html_()
    assert "<table>" in gc.programmes()._repr_html_()


def test_label_validity_boundaries() -> None:
    """A label counts on a day only inside the span its sources prove: from the award
    (or the last day of the award year) to a known expiry. Expected ids are worked out
    by hand from that rule."""
    src = ["s"]

    def cluster(ident: str, label: gc.Label) -> gc.Cluster:
        return gc.Cluster(id=ident, name=ident.title(), labels=[label], sources=src)

    dated = cluster(
        "dated",
        gc.Label(
            level=gc.LabelLevel.SILVER,
            awarded=date(2020, 3, 1),
            valid_until=date(2022, 2, 28),
            sources=src,
        ),
    )
    yearly = cluster(
        "yearly",
        gc.Label(level=gc.LabelLevel.GOLD, year=2019, valid_until=date(2021, 6, 30), sources=src),
    )
    undated = cluster("undated", gc.Label(level=gc.LabelLevel.GOLD, sources=src))
    open_ended = cluster(
        "open-ended", gc.Label(level=gc.LabelLevel.SILVER, awarded=date(2020, 1, 1), sources=src)
    )
    found = gc.Clusters([dated, yearly, undated, open_ended])
    cases = {
        date(2019, 6, 1): (),  # in the award year, but the award day is unknown
        date(2019, 12, 30): (),
        date(2019, 12, 31): ("yearly",),
        date(2020, 2, 29): ("yearly",),
        date(2020, 3, 1): ("dated", "yearly"),
        date(2021, 6, 30): ("dated", "yearly"),
        date(2021, 7, 1): ("dated",),
        date(2022, 2, 28): ("dated",),
        date(2022, 3, 1): (),
    }
    for day, expected in cases.items():
        assert found.with_label("bronze", on=day).ids == expected, day
        assert tuple(loop_label(list(found), gc.LabelLevel.BRONZE, day)) == expected, day
    assert found.with_label("gold", on=date(2021, 1, 1)).ids == ("yearly",)
    assert found.with_label("gold").ids == ("yearly", "undated")
    assert found.with_label("silver").ids == ("dated", "yearly", "undated", "open-ended")
    with pytest.raises(TypeError, match="datetime"):
        found.with_label("bronze", on=datetime(2021, 1, 1))  # type: ignore[arg-type]


def test_pickling_keeps_the_records_not_the_indexes() -> None:
    import pickle

    found = gc.clusters().targeting("CZ")
    assert found._index is not None
    back = pickle.loads(pickle.dumps(found))
    assert back == found and back._index is None
    assert back.in_state("DE-SN") == found.in_state("DE-SN")
    assert pickle.loads(pickle.dumps(gc.programmes())) == gc.programmes()


@pytest.mark.parametrize("bad", [0, -1, 4, 99])
def test_impossible_rounds_are_refused(bad: int) -> None:
    # the Leading-Edge Cluster Competition had three rounds (2008, 2010, 2012)
    with pytest.raises(ValueError, match=f"round must be one of 1, 2, 3 .*got {bad}"):
        gc.clusters().in_programme("leading-edge-cluster-competition", round=bad)
