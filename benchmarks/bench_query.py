"""Indexed queries of germanclusters against plain list comprehensions, in one run.

    python benchmarks/bench_query.py [--clusters 100000] [--seed 7] [--check]

Builds a synthetic dataset of ``--clusters`` clusters through the library's own
classes (``Cluster``, ``Participation``, ``Phase``, ``Label``; real ISO countries,
German states and programme ids), then times each query two ways over the same
objects: the ``Clusters`` method (warm: after its index is built) and the plain list
comprehension a user would write. The index build is timed on its own, as is the
first (cold) query on a fresh collection. Each figure is the best of several
repeats, per call. ``--check`` exits with status 1 if an indexed filter is less
than 10 times as fast as its list comprehension.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import timeit
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import germanclusters as gc
from germanclusters import query
from germanclusters._states import STATES
from germanclusters.countries import all_countries

LEC = "leading-edge-cluster-competition"
INTER = "internationalisation-of-leading-edge-clusters"
GO = "go-cluster"
MIN_RATIO = 10.0


def synthetic(n: int, seed: int) -> list[gc.Cluster]:
    """``n`` clusters with a skewed spread of target countries, states and labels."""
    rng = random.Random(seed)
    # a few popular targets (as in the real data), then a long tail of the others
    popular = ["US", "JP", "CN", "FR", "NL", "GB", "CA", "KR", "IN", "BR"]
    rest = [c for c in all_countries() if c.alpha_2 not in popular]
    rng.shuffle(rest)
    countries = [gc.normalize_country(code) for code in popular] + rest
    weights = [1.0 / (rank + 1) for rank in range(len(countries))]
    states = sorted(STATES)
    state_weights = [rng.uniform(0.5, 3.0) for _ in states]
    sources = ("benchmark",)
    out = []
    for i in range(n):
        parts = []
        if rng.random() < 0.7:
            concept = rng.choices(countries, weights, k=rng.randint(1, 5))
            implementation = rng.choices(concept + countries[:10], k=rng.randint(0, 3))
            phases = [
                gc.Phase(kind=gc.PhaseKind.CONCEPT, countries=_unique(concept)),
                gc.Phase(kind=gc.PhaseKind.IMPLEMENTATION, countries=_unique(implementation)),
            ]
            parts.append(gc.Participation(programme=INTER, phases=phases, sources=sources))
        if rng.random() < 0.3:
            rnd = rng.randint(1, 3)
            parts.append(
                gc.Participation(programme=LEC, round=rnd, year=2006 + 2 * rnd, sources=sources)
            )
        if rng.random() < 0.2:
            parts.append(gc.Participation(programme=GO, sources=sources))
        labels = []
        if rng.random() < 0.1:
            awarded = date(2012, 1, 1) + timedelta(days=rng.randint(0, 12 * 365))
            labels.append(
                gc.Label(
                    level=rng.choice(list(gc.LabelLevel)),
                    awarded=awarded,
                    valid_until=awarded + timedelta(days=2 * 365),
                    sources=sources,
                )
            )
        state = rng.choices(states, state_weights)[0]
        spans = [state, *rng.sample(states, rng.choice([0, 0, 0, 1, 2]))]
        out.append(
            gc.Cluster(
                id=f"cluster-{i:06d}",
                name=f"Cluster {i}",
                state=state,
                states=list(dict.fromkeys(spans)),
                city=f"City {i % 500}",
                founded=rng.randint(1990, 2020),
                participations=parts,
                labels=labels,
                sources=sources,
            )
        )
    return out


def _unique(items: list[gc.Country]) -> list[gc.Country]:
    return list({c.alpha_2: c for c in items}.values())


def best(fn: Callable[[], Any], repeat: int) -> float:
    """Best time of one call, in seconds (``repeat`` rounds, enough calls per round)."""
    timer = timeit.Timer(fn)
    number, _ = timer.autorange()
    return min(timer.repeat(repeat=repeat, number=number)) / number


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clusters", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--check", action="store_true", help=f"fail below {MIN_RATIO:g}x")
    args = parser.parse_args()

    gc.programme(LEC)  # load the shipped programmes (for the programme lookups) up front
    start = time.perf_counter()
    items = synthetic(args.clusters, args.seed)
    print(
        f"built {len(items):,} clusters through the model classes in "
        f"{time.perf_counter() - start:.1f} s (Python {sys.version.split()[0]}, "
        f"germanclusters {gc.__version__})"
    )

    build = min(
        timeit.repeat(lambda: query._ClusterIndex(tuple(items)), number=1, repeat=args.repeat)
    )
    fresh = gc.Clusters(items)
    start = time.perf_counter()
    fresh.targeting("Japan")
    cold = time.perf_counter() - start
    print(
        f"index build: {build * 1000:.1f} ms; first query on a fresh collection: "
        f"{cold * 1000:.1f} ms (index build included)\n"
    )

    everything = gc.Clusters(items)
    everything.in_state("DE-SN")  # builds the index: the timings below are warm
    impl, silver, gold = gc.PhaseKind.IMPLEMENTATION, gc.LabelLevel.SILVER, gc.LabelLevel.GOLD
    day = date(2020, 1, 1)

    def targets(c: gc.Cluster, code: str, kind: gc.PhaseKind | None = None) -> bool:
        return any(
            k.alpha_2 == code
            for p in c.participations
            for ph in p.phases
            if kind is None or ph.kind is kind
            for k in ph.countries
        )

    cases: list[tuple[str, Callable[[], Any], Callable[[], Any], bool]] = [
        (
            'targeting("Japan")',
            lambda: everything.targeting("Japan"),
            lambda: [c for c in items if targets(c, "JP")],
            True,
        ),
        (
            'targeting("JP", phase="implementation")',
            lambda: everything.targeting("JP", phase="implementation"),
            lambda: [c for c in items if targets(c, "JP", impl)],
            True,
        ),
        (
            'in_state("Sachsen")',
            lambda: everything.in_state("Sachsen"),
            lambda: [c for c in items if c.state == "DE-SN" or "DE-SN" in c.states],
            True,
        ),
        (
            f'in_programme("{LEC}")',
            lambda: everything.in_programme(LEC),
            lambda: [c for c in items if any(p.programme == LEC for p in c.participations)],
            True,
        ),
        (
            'in_programme("Spitzencluster-Wettbewerb", round=2)',
            lambda: everything.in_programme("Spitzencluster-Wettbewerb", round=2),
            lambda: [
                c
                for c in items
                if any(p.programme == LEC and p.round == 2 for p in c.participations)
            ],
            True,
        ),
        (
            'with_label("gold")',
            lambda: everything.with_label("gold"),
            lambda: [c for c in items if any(lab.level is gold for lab in c.labels)],
            True,
        ),
        (
            'with_label("silver", on=2020-01-01)',
            lambda: everything.with_label("silver", on=day),
            lambda: [
                c
                for c in items
                if any(lab.level >= silver and lab.valid_on(day) for lab in c.labels)
            ],
            True,
        ),
        (
            'in_state("Bayern").targeting("US", phase="concept")',
            lambda: everything.in_state("Bayern").targeting("US", phase="concept"),
            lambda: [
                c
                for c in items
                if (c.state == "DE-BY" or "DE-BY" in c.states)
                and targets(c, "US", gc.PhaseKind.CONCEPT)
            ],
            True,
        ),
        (
            'by_country("implementation") (summary)',
            lambda: everything.by_country("implementation"),
            lambda: _groups_by_loop(items, impl),
            False,
        ),
    ]

    rows = []
    failed = []
    for name, indexed, plain, is_filter in cases:
        got, want = indexed(), plain()
        same = (
            [c.id for c in got] == [c.id for c in want]
            if is_filter
            else {k.alpha_2: v.ids for k, v in got.items()}
            == {k: tuple(c.id for c in v) for k, v in want.items()}
        )
        if not same:
            raise SystemExit(f"{name}: the indexed query and the comprehension disagree")
        t_index = best(indexed, args.repeat)
        t_plain = best(plain, args.repeat)
        ratio = t_plain / t_index
        size = len(got) if is_filter else sum(len(v) for v in got.values())
        rows.append((name, size, t_index, t_plain, ratio))
        if is_filter and ratio < MIN_RATIO:
            failed.append(name)

    width = max(len(r[0]) for r in rows)
    print(f"{'query':<{width}}  {'rows':>7}  {'indexed':>10}  {'list comp.':>10}  {'ratio':>7}")
    for name, size, t_index, t_plain, ratio in rows:
        print(
            f"{name:<{width}}  {size:>7,}  {t_index * 1000:>7.3f} ms  "
            f"{t_plain * 1000:>7.2f} ms  {ratio:>6.0f}x"
        )
    print()
    if failed:
        print(f"below {MIN_RATIO:g}x: {', '.join(failed)}")
    else:
        print(f"every indexed filter is at least {MIN_RATIO:g}x as fast as its list comprehension")
    return 1 if failed and args.check else 0


def _groups_by_loop(items: list[gc.Cluster], kind: gc.PhaseKind) -> dict[str, list[gc.Cluster]]:
    groups: dict[str, list[gc.Cluster]] = {}
    for c in items:
        codes = {
            k.alpha_2
            for p in c.participations
            for ph in p.phases
            if ph.kind is kind
            for k in ph.countries
        }
        for code in codes:
            groups.setdefault(code, []).append(c)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return dict(ordered)


if __name__ == "__main__":
    raise SystemExit(main())
