"""Compare country-name normalisers on one list of messy names, in one run.

Tools, each run in its own fresh interpreter so that "cold" includes importing the
tool and building its tables:

* ``gc``: :func:`germanclusters.countries.normalize_country`
* ``pycountry.lookup``: :meth:`pycountry.countries.lookup`
* ``pycountry.search_fuzzy``: the first result of :meth:`pycountry.countries.search_fuzzy`
* ``coco``: ``country_converter.convert(name, to="ISO2")`` (optional; skipped with a
  message when it is not importable; ``--coco-python`` runs it under another interpreter,
  e.g. a virtualenv with ``country_converter`` and ``pandas<3``)

The names are ``messy_countries.csv`` beside this script: ``name,expected,kind`` where
``expected`` is an ISO 3166-1 alpha-2 code, or ``REGION``/``NONE`` for text that names
no country. A tool is right when it returns the expected code, or when it returns no
country (raises, or answers "not found") for a ``REGION``/``NONE`` row; a region or
nonsense answered with a country is wrong and counted separately as a false country.

Run: ``python benchmarks/bench_countries.py [--repeat 5] [--coco-python PATH] [--misses]``
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
CSV = HERE / "messy_countries.csv"
SRC = HERE.parent / "src"
TOOLS = ("gc", "pycountry.lookup", "pycountry.search_fuzzy", "coco")
NOT_COUNTRY = frozenset({"REGION", "NONE"})


def load_rows() -> list[tuple[str, str, str]]:
    with CSV.open(encoding="utf-8", newline="") as f:
        return [(r["name"], r["expected"], r["kind"]) for r in csv.DictReader(f)]


# ------------------------------------------------------------------- tool adapters


def make_tool(tool: str) -> Callable[[str], str | None]:
    """Return ``name -> alpha-2 or None`` for one tool (imports happen here)."""
    if tool == "gc":
        try:
            from germanclusters.countries import normalize_country
        except ImportError:
            sys.path.insert(0, str(SRC))
            from germanclusters.countries import normalize_country
        from germanclusters.errors import UnknownCountry

        def run_gc(name: str) -> str | None:
            try:
                return normalize_country(name).alpha_2
            except UnknownCountry:
                return None

        return run_gc

    if tool.startswith("pycountry"):
        import pycountry  # type: ignore[import-untyped,unused-ignore]

        if tool == "pycountry.lookup":

            def run_lookup(name: str) -> str | None:
                try:
                    return str(pycountry.countries.lookup(name).alpha_2)
                except LookupError:
                    return None

            return run_lookup

        def run_fuzzy(name: str) -> str | None:
            try:
                found = pycountry.countries.search_fuzzy(name)
            except LookupError:
                return None
            return str(found[0].alpha_2) if found else None

        return run_fuzzy

    if tool == "coco":
        import country_converter as coco  # type: ignore[import-not-found,import-untyped,unused-ignore]

        logging.getLogger("country_converter").setLevel(logging.CRITICAL)
        converter = coco.CountryConverter()

        def run_coco(name: str) -> str | None:
            result = converter.convert(name, to="ISO2", not_found=None)
            if isinstance(result, str) and len(result) == 2:
                return result
            return None  # not found, or a list of several candidates

        return run_coco

    raise ValueError(f"unknown tool {tool!r}")


def worker(tool: str, repeat: int) -> dict[str, object]:
    """Measure one tool in this (fresh) interpreter and return the figures."""
    rows = load_rows()
    names = [r[0] for r in rows]
    start = time.perf_counter_ns()
    run = make_tool(tool)
    answers = [run(names[0])]
    first_ns = time.perf_counter_ns() - start
    answers += [run(n) for n in names[1:]]
    cold_ns = time.perf_counter_ns() - start
    passes = []
    for _ in range(repeat):
        t0 = time.perf_counter_ns()
        for n in names:
            run(n)
        passes.append(time.perf_counter_ns() - t0)
    return {
        "tool": tool,
        "answers": answers,
        "first_ms": first_ns / 1e6,
        "cold_us": cold_ns / len(names) / 1000,
        "warm_us": statistics.median(passes) / len(names) / 1000,
    }


# --------------------------------------------------------------------------- report


def score(rows: list[tuple[str, str, str]], answers: list[str | None]) -> dict[str, object]:
    right = false_country = 0
    misses: list[tuple[str, str, str | None]] = []
    for (name, expected, _kind), got in zip(rows, answers, strict=True):
        if expected in NOT_COUNTRY:
            ok = got is None
            if not ok:
                false_country += 1
        else:
            ok = got == expected
        right += ok
        if not ok:
            misses.append((name, expected, got))
    return {
        "accuracy": 100 * right / len(rows),
        "right": right,
        "false_country": false_country,
        "misses": misses,
    }


def run_worker(tool: str, repeat: int, python: str) -> dict[str, object] | str:
    cmd = [python, str(Path(__file__).resolve()), "--worker", tool, "--repeat", str(repeat)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["failed"])[-1]
        return f"skipped: {last}"
    result: dict[str, object] = json.loads(proc.stdout)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--worker", choices=TOOLS, help=argparse.SUPPRESS)
    parser.add_argument("--repeat", type=int, default=5, help="warm passes (median is shown)")
    parser.add_argument("--coco-python", default=sys.executable,
                        help="interpreter that has country_converter (default: this one)")
    parser.add_argument("--misses", action="store_true", help="list every wrong answer")
    args = parser.parse_args(argv)

    if args.worker:
        print(json.dumps(worker(args.worker, args.repeat)))
        return 0

    rows = load_rows()
    kinds = sorted({r[2] for r in rows})
    n_not = sum(r[1] in NOT_COUNTRY for r in rows)
    print(f"{len(rows)} names from {CSV.name} ({len(rows) - n_not} countries, "
          f"{n_not} regions or nonsense); kinds: {', '.join(kinds)}")
    print(f"python {sys.version.split()[0]}; warm = median of {args.repeat} passes\n")
    header = (f"{'tool':<24}{'accuracy':>9}{'right':>7}{'false':>7}"
              f"{'first call ms':>15}{'cold µs/name':>14}{'warm µs/name':>14}")
    print(header)
    print("-" * len(header))
    results: dict[str, dict[str, object]] = {}
    for tool in TOOLS:
        python = args.coco_python if tool == "coco" else sys.executable
        res = run_worker(tool, args.repeat, python)
        if isinstance(res, str):
            print(f"{tool:<24}{res}")
            continue
        answers = res["answers"]
        assert isinstance(answers, list)
        s = score(rows, answers)
        results[tool] = {**res, **s}
        print(f"{tool:<24}{s['accuracy']:>8.1f}%{s['right']:>7}{s['false_country']:>7}"
              f"{res['first_ms']:>15.1f}{res['cold_us']:>14.1f}{res['warm_us']:>14.2f}")
    print("\nfalse = regions or nonsense answered with a country (always counted wrong)")
    print("first call = import and first look-up in a fresh interpreter (tables are built);")
    print("cold = that plus one pass over every name, per name; warm = a later pass, per name")
    if "gc" in results:
        by_kind: dict[str, list[int]] = {}
        gc_answers = results["gc"]["answers"]
        assert isinstance(gc_answers, list)
        for (_name, expected, kind), got in zip(rows, gc_answers, strict=True):
            ok = (got is None) if expected in NOT_COUNTRY else (got == expected)
            by_kind.setdefault(kind, [0, 0])
            by_kind[kind][0] += ok
            by_kind[kind][1] += 1
        print("gc by kind: " + ", ".join(f"{k} {r}/{t}" for k, (r, t) in sorted(by_kind.items())))
    for tool, res in results.items():
        misses = res["misses"]
        assert isinstance(misses, list)
        if args.misses or tool == "gc":
            shown = misses if args.misses else misses[:20]
            if shown:
                print(f"\n{tool} wrong ({len(misses)}):")
                for name, expected, got in shown:
                    print(f"  {name!r}: expected {expected}, got {got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
