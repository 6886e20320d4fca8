"""Every shipped record, one test each: shape, sources, places, round trip; and the
facts read by hand from the pages (tests/facts.toml)."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pycountry
import pytest
import tomllib

import germanclusters as gc
from common import assert_targets

FACTS = tomllib.loads((Path(__file__).parent / "facts.toml").read_text(encoding="utf-8"))
SOURCES = {s.id: s for s in gc.sources()}
CLUSTERS = list(gc.clusters())
MEASURE = "internationalisation-of-leading-edge-clusters"


@pytest.mark.parametrize("cluster", CLUSTERS, ids=lambda c: c.id)
def test_record(cluster: gc.Cluster) -> None:
    assert cluster.sources, "every record cites a source"
    assert any(SOURCES[s].url for s in cluster.sources)
    for part in cluster.participations:
        assert part.programme in gc.programmes().ids
        for phase in part.phases:
            for code in phase.subdivisions:
                assert pycountry.subdivisions.get(code=code) is not None, code
        for partner in part.partners:
            if partner.subdivision:
                assert partner.subdivision.startswith(partner.country.alpha_2)
            assert all(s in SOURCES for s in partner.sources)
    for label in cluster.labels:
        assert all(s in SOURCES for s in label.sources)
    assert gc.from_json(gc.to_json(cluster), gc.Cluster) == cluster
    assert gc.cluster(cluster.name) is cluster


@pytest.mark.parametrize("source", list(SOURCES.values()), ids=lambda s: s.id)
def test_source_has_a_public_url(source: gc.Source) -> None:
    assert source.url and source.url.startswith(("http://", "https://"))
    text = " ".join(filter(None, (source.title, source.note))).casefold()
    assert "seed 0" not in text and "shared/seeds" not in text


@pytest.mark.parametrize(("number", "ids"), sorted(FACTS["measure"]["rounds"].items()))
def test_rounds_of_the_measure(number: str, ids: list[str]) -> None:
    for ident in ids:
        assert gc.cluster(ident).participation(MEASURE).round == int(number), ident


def test_the_measure_has_32_projects_in_rounds_of_at_most_11() -> None:
    measure = gc.clusters().in_programme(MEASURE)
    assert len(measure) == 32
    for number, size in ((1, 11), (2, 11), (3, 10)):
        assert len(measure.in_programme(MEASURE, round=number)) <= size


@pytest.mark.parametrize(("number", "ids"), sorted(FACTS["clusters4future"]["rounds"].items()))
def test_clusters4future_winners(number: str, ids: list[str]) -> None:
    found = gc.clusters().in_programme("clusters4future", round=int(number))
    assert sorted(found.ids) == sorted(ids)


def test_forschungscampus_has_nine_campi() -> None:
    found = gc.clusters().in_programme("forschungscampus")
    assert sorted(found.ids) == sorted(FACTS["forschungscampus"]["members"])


@pytest.mark.parametrize("fact", FACTS["cluster"], ids=lambda f: f["id"])
def test_hand_read_facts(fact: dict[str, object]) -> None:
    c = gc.cluster(str(fact["id"]))
    for key in ("state", "city"):
        if key in fact:
            assert getattr(c, key) == fact[key]
    for phase in ("concept", "implementation"):
        if phase in fact:
            assert_targets(c.id, phase, set(fact[phase]))  # type: ignore[arg-type]
    if "partner_countries" in fact:
        assert {p.country.alpha_2 for p in c.partners()} >= set(fact["partner_countries"])
    if "subdivisions" in fact:
        assert set(c.target_subdivisions()) >= set(fact["subdivisions"])
    if "label_levels" in fact:
        assert {lab.level.value for lab in c.labels} >= set(fact["label_levels"])


def test_source_text_agrees_with_the_countries() -> None:
    """Each phase's printed list reads as its countries, where the reading is plain."""
    for c in CLUSTERS:
        for phase in c.phases():
            if phase.source_text is None or phase.note:
                continue
            read = set()
            for word in phase.source_text.replace(" and ", ",").split(","):
                with contextlib.suppress(gc.UnknownCountry, TypeError):
                    read.add(gc.normalize_country(word.strip()).alpha_2)
            assert read <= {k.alpha_2 for k in phase.countries}, (c.id, phase.source_text)


def test_no_two_records_for_one_name() -> None:
    seen: dict[str, str] = {}
    for c in CLUSTERS:
        for name in (c.name, c.short_name, *c.aliases):
            if name:
                key = "".join(ch for ch in name.casefold() if ch.isalnum())
                assert seen.setdefault(key, c.id) == c.id, (name, c.id, seen[key])


def test_trusted_loading_builds_what_strict_reading_builds() -> None:
    """The shipped data, built from its lines without cattrs, equals the strict reading."""
    from germanclusters import dataset, validation

    assert dataset.load() == validation.read()
