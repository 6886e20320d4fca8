"""The shipped data agrees with seed 001, the page it was curated from.

Seed 001 is the BMBF list (as of 16 April 2020) of the 32 clusters in the measure
for the internationalisation of leading-edge clusters. ``tools/extract_seed001.py``
reads its "Target countries ... phase:" lines without knowing anything about the
dataset; these tests compare what it finds with the data as the public API serves
it. The page is not part of the package: where it is not next to the repository
(``../shared/seeds/``), the whole module is skipped.
"""

from __future__ import annotations

import importlib.util
import re
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "001_f274a48bf349ce0a.txt"

if not SEED.is_file():
    pytest.skip(f"seed 001 not found at {SEED}", allow_module_level=True)

import germanclusters as gc  # noqa: E402
import germanclusters.countries  # noqa: E402  (makes gc.countries available)

PROGRAMME = "internationalisation-of-leading-edge-clusters"

#: The 32 cluster ids in the page's order, each with a word its entry must contain
#: (a heading, organisation or project name), so that a shifted order is caught.
IDS_IN_PAGE_ORDER: tuple[tuple[str, str], ...] = (
    ("amz-sachsen", "AMZ Sachsen"),
    ("arena2036", "ARENA 2036"),
    ("bioeconomy-cluster", "BioEconomy Cluster"),
    ("m4-munich-biotech-cluster", "BioM Biotech Cluster Development GmbH"),
    ("bio-nrw", "BIO.NRW"),
    ("biorn", "BioRN"),
    ("cfk-valley", "CFK Valley"),
    ("clib", "CLIB"),
    ("cluster-leistungselektronik", "ECPE"),
    ("cluster-mechatronik-automation", "Mechatronik & Automation"),
    ("cool-silicon", "Cool Silicon"),
    ("deepsea-mining-alliance", "DeepSea Mining Alliance"),
    ("effizienzcluster-logistikruhr", "EffizienzCluster"),
    ("elektromobilitaet-sued-west", "Elektromobilität Süd-West"),
    ("forum-organic-electronics", "Forum Organic Electronics"),
    ("hamburg-aviation", "Hamburg Aviation"),
    ("ikv", "IKV"),
    ("sinn-i", "SINN-i"),
    ("its-owl", "it's OWL"),
    ("kunststoff-institut-luedenscheid", "Kunststoff-Institut Lüdenscheid"),
    ("leichtbau-bw", "Leichtbau BW"),
    ("mai-carbon", "MAI Carbon"),
    ("medical-mountains", "Medical Mountains"),
    ("medical-valley-emn", "Medical Valley"),
    ("merge", "MERGE"),
    ("open-hybrid-labfactory", "Open Hybrid LabFactory"),
    ("optence", "Optence"),
    ("optonet", "OptoNet"),
    ("organic-electronics-saxony", "Organic Electronics Saxony"),
    ("software-cluster", "Software-Cluster"),
    ("wetzlar-network", "Wetzlar Network"),
    ("wigratec", "WIGRATEC"),
)
IDS = tuple(cid for cid, _ in IDS_IN_PAGE_ORDER)


def _load_extractor() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extract_seed001", REPO / "tools" / "extract_seed001.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


ENTRIES = tuple(_load_extractor().entries(SEED))
# Not strict: a wrong count fails test_the_page_has_32_entries rather than collection.
PAIRS = tuple(zip(IDS, ENTRIES, strict=False))

_ECONOMIC_AREA = re.compile(r"economic area:\s*", re.IGNORECASE)


def _resolve(raw: str) -> tuple[list[str], list[str]]:
    """Read a printed list: (sorted alpha-2 codes, sorted regions)."""
    countries: list[str] = []
    regions: list[str] = []
    for part in raw.split(","):
        name = _ECONOMIC_AREA.sub("", part.strip(), count=1).strip()
        try:
            countries.append(gc.normalize_country(name).alpha_2)
        except gc.UnknownCountry:
            regions.append(gc.countries.normalize_region(name))
    return sorted(countries), sorted(regions)


def _participation(cluster_id: str) -> gc.Participation:
    part = gc.cluster(cluster_id).participation(PROGRAMME)
    assert part is not None, f"{cluster_id} has no {PROGRAMME} participation"
    return part


def _codes(countries: tuple[gc.Country, ...]) -> list[str]:
    return sorted(c.alpha_2 for c in countries)


# ------------------------------------------------------------- the page itself


def test_the_page_has_32_entries() -> None:
    assert len(ENTRIES) == 32 == len(IDS)
    assert sum(e.implementation is None for e in ENTRIES) == 2


@pytest.mark.parametrize(("cluster_id", "word"), IDS_IN_PAGE_ORDER, ids=IDS)
def test_entries_are_in_the_expected_order(cluster_id: str, word: str) -> None:
    entry = ENTRIES[IDS.index(cluster_id)]
    assert word in entry.text, f"entry {entry.number} (line {entry.line}) does not mention {word!r}"


# --------------------------------------------------------- page against data


def test_exactly_the_32_clusters_take_part() -> None:
    taking_part = {c.id for c in gc.clusters() if c.participation(PROGRAMME) is not None}
    assert taking_part == set(IDS)


def test_source_texts_are_the_printed_lines() -> None:
    concept_data: Counter[str | None] = Counter()
    implementation_data: Counter[str | None] = Counter()
    for cluster_id in IDS:
        part = _participation(cluster_id)
        concept = part.phase("concept")
        implementation = part.phase("implementation")
        if concept is not None:
            concept_data[concept.source_text] += 1
        if implementation is not None:
            implementation_data[implementation.source_text] += 1
    assert concept_data == Counter(e.concept for e in ENTRIES)
    assert implementation_data == Counter(
        e.implementation for e in ENTRIES if e.implementation is not None
    )


@pytest.mark.parametrize(("cluster_id", "entry"), PAIRS, ids=IDS)
def test_phases_agree_with_the_page(cluster_id: str, entry: Any) -> None:
    part = _participation(cluster_id)
    cluster = gc.cluster(cluster_id)
    printed = {"concept": entry.concept, "implementation": entry.implementation}
    assert len(part.phases) == sum(text is not None for text in printed.values())
    for kind, raw in printed.items():
        phase = part.phase(kind)
        if raw is None:
            assert phase is None, f"{cluster_id}: the page has no {kind} line"
            continue
        assert phase is not None, f"{cluster_id}: no {kind} phase"
        assert phase.source_text == raw
        countries, regions = _resolve(raw)
        assert _codes(phase.countries) == countries
        assert sorted(phase.regions) == regions
        assert _codes(cluster.target_countries(phase=kind)) == sorted(set(countries))


def test_entries_without_implementation_line() -> None:
    missing = {cid for cid, e in PAIRS if e.implementation is None}
    assert missing == {"deepsea-mining-alliance", "medical-mountains"}
    for cluster_id in missing:
        assert _participation(cluster_id).phase("implementation") is None


# ------------------------------------- expectations read off the page by hand

#: cluster id -> (concept countries, concept regions, implementation countries or None)
BY_HAND: dict[str, tuple[list[str], list[str], list[str] | None]] = {
    "amz-sachsen": (["US"], [], ["US"]),
    "bioeconomy-cluster": (["CN", "GB", "FI", "FR", "NL"], [], ["FR"]),  # England, Finnland
    "clib": (["BE", "NL"], [], ["BE", "NL", "AT"]),
    "deepsea-mining-alliance": (["FR", "NO"], [], None),
    "effizienzcluster-logistikruhr": (["NL", "ES", "GB", "IT"], [], ["NL", "IT", "CO"]),
    "hamburg-aviation": (["CA", "BR", "PT"], [], ["CA"]),  # Brasil
    "ikv": (["SI", "KR"], [], ["SI"]),  # "Korea" alone = Republic of Korea
    "sinn-i": (["CN", "FR", "JP", "CA", "ES", "GB"], [], ["JP", "ES", "GB", "ZA"]),
    "medical-mountains": (["FI", "US"], [], None),  # Finnland
    "open-hybrid-labfactory": ([], ["Asia-Pacific"], ["SG"]),  # "Economic area: Asia-Pacific"
    "optence": (["LT", "FI", "US"], [], ["LT", "FI"]),  # its "Cluster:" line is no phase
    "optonet": (["US", "CA", "JP", "KR"], [], ["US", "CA", "JP"]),
    "organic-electronics-saxony": (["JP", "GB"], [], ["JP", "GB"]),
    "software-cluster": (["BR", "SG", "US"], [], ["BR", "SG", "US"]),  # Brasil, Sinapore
}


@pytest.mark.parametrize("cluster_id", sorted(BY_HAND))
def test_readings_by_hand(cluster_id: str) -> None:
    concept_countries, concept_regions, implementation = BY_HAND[cluster_id]
    part = _participation(cluster_id)
    concept = part.phase("concept")
    assert concept is not None
    assert _codes(concept.countries) == sorted(concept_countries)
    assert list(concept.regions) == concept_regions
    phase = part.phase("implementation")
    if implementation is None:
        assert phase is None
    else:
        assert phase is not None
        assert _codes(phase.countries) == sorted(implementation)
        assert phase.regions == ()


def test_japan_in_the_implementation_phase() -> None:
    by_hand = {
        "m4-munich-biotech-cluster",
        "cfk-valley",
        "cluster-leistungselektronik",
        "sinn-i",
        "optonet",
        "organic-electronics-saxony",
    }
    named_on_page = {
        cid
        for cid, e in PAIRS
        if e.implementation is not None and re.search(r"\bJapan\b", e.implementation)
    }
    assert named_on_page == by_hand
    in_data = {
        c.id
        for c in gc.clusters()
        if "JP" in {x.alpha_2 for x in c.target_countries(phase="implementation")}
    }
    assert in_data == by_hand
    assert {c.id for c in gc.clusters().targeting("JP", phase="implementation")} == by_hand
