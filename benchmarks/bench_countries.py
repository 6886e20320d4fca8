"""Compare country-name readers on one list of texts, in one run.

    python benchmarks/bench_countries.py [--names FILE] [--runs 5] [--misses]

Tools, each measured in fresh interpreters (``--runs`` of them, medians shown):

* ``germanclusters``: ``germanclusters.countries.normalize_country``
* ``pycountry``: ``pycountry.countries.lookup``
* ``country_converter``: ``country_converter.convert(text, to="ISO2", not_found=None)``
  (skipped with a message when it is not installed: ``pip install 'pandas<3' country_converter``)

The list (default ``country_names.csv`` beside this script, written before the
normaliser it measures) has columns ``text, expected, kind``: ``expected`` is an ISO
3166-1 alpha-2 code, or empty (or ``REGION``/``NONE``, as in ``messy_countries.csv``)
for a text that names no country. Figures:

* read: real country names answered with the expected country, as a share of them;
* wrong: real country names answered with another country;
* non-countries answered: texts that name no country but got one;
* first call: importing the tool and one look-up of a text not in the list, which
  builds whatever tables the tool builds;
* new name: the mean time per text of one pass over the list after that first call,
  so every text is new to the process (germanclusters caches no answers);
* column: ``normalize_countries`` over the list repeated 20 times (germanclusters only).
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
TOOLS = ("germanclusters", "pycountry", "country_converter")
WARM_UP = "Atlantis"


def load(path: Path) -> list[tuple[str, str | None, str]]:
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    out = []
    for row in rows:
        expected = row["expected"].strip()
        text = row.get("text", row.get("name", ""))
        out.append((text, None if expected in ("", "REGION", "NONE") else expected, row["kind"]))
    return out


def make_tool(tool: str) -> Callable[[str], str | None]:
    """``text -> alpha-2 or None`` for one tool; imports happen here."""
    if tool == "germanclusters":
        sys.path.insert(0, str(SRC))
        from germanclusters.countries import normalize_country
        from germanclusters.errors import UnknownCountry

        def run_gc(text: str) -> str | None:
            try:
                return normalize_country(text).alpha_2
            except UnknownCountry:
                return None

        return run_gc
    if tool == "pycountry":
        import pycountry

        def run_pycountry(text: str) -> str | None:
            try:
                return str(pycountry.countries.lookup(text).alpha_2)
            except LookupError:
                return None

        return run_pycountry
    import logging

    import country_converter as coco  # type: ignore[import-not-found,import-untyped,unused-ignore]

    logging.getLogger("country_converter").setLevel(logging.CRITICAL)
    converter = coco.CountryConverter()

    def run_coco(text: str) -> str | None:
        found = converter.convert(text, to="ISO2", not_found=None)
        return found if isinstance(found, str) and len(found) == 2 else None

    return run_coco


def worker(tool: str, names: Path) -> dict[str, object]:
    texts = [row[0] for row in load(names)]
    start = time.perf_counter()
    run = make_tool(tool)
    run(WARM_UP)
    first = time.perf_counter() - start
    answers, times = [], []
    for text in texts:
        t0 = time.perf_counter_ns()
        answers.append(run(text))
        times.append(time.perf_counter_ns() - t0)
    result: dict[str, object] = {
        "answers": answers, "first_ms": first * 1e3, "new_us": statistics.mean(times) / 1e3,
    }
    if tool == "germanclusters":
        from germanclusters.countries import normalize_countries

        column = texts * 20
        t0 = time.perf_counter()
        normalize_countries(column, errors="coerce")
        result["column_us"] = (time.perf_counter() - t0) / len(column) * 1e6
    return result


def score(rows: list[tuple[str, str | None, str]], answers: list[str | None]) -> dict[str, int]:
    real = [(exp, got) for (_, exp, _), got in zip(rows, answers, strict=True) if exp]
    none = [got for (_, exp, _), got in zip(rows, answers, strict=True) if not exp]
    return {
        "real": len(real),
        "read": sum(got == exp for exp, got in real),
        "wrong": sum(got is not None and got != exp for exp, got in real),
        "not": len(none),
        "answered": sum(got is not None for got in none),
    }


def measure(tool: str, names: Path, runs: int) -> list[dict[str, object]] | str:
    results = []
    for _ in range(runs):
        cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", tool,
               "--names", str(names)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            return "skipped: " + (proc.stderr.strip().splitlines() or ["failed"])[-1]
        results.append(json.loads(proc.stdout))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--names", type=Path, default=HERE / "country_names.csv")
    parser.add_argument("--runs", type=int, default=5, help="fresh interpreters per tool")
    parser.add_argument("--misses", action="store_true", help="list every miss of each tool")
    parser.add_argument("--worker", choices=TOOLS, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.names)))
        return 0

    rows = load(args.names)
    n_real = sum(1 for r in rows if r[1])
    print(f"{args.names.name}: {len(rows)} texts, {n_real} naming a country, "
          f"{len(rows) - n_real} naming none; python {sys.version.split()[0]}; "
          f"medians of {args.runs} fresh interpreters\n")
    header = (f"{'tool':<19}{'read':>14}{'wrong':>7}{'non-countries answered':>24}"
              f"{'first call ms':>15}{'new name µs':>13}")
    print(header)
    print("-" * len(header))
    answers_of: dict[str, list[str | None]] = {}
    column = None
    for tool in TOOLS:
        results = measure(tool, args.names, args.runs)
        if isinstance(results, str):
            print(f"{tool:<19}{results}")
            continue
        answers = results[0]["answers"]
        assert isinstance(answers, list)
        answers_of[tool] = answers
        s = score(rows, answers)
        first = statistics.median(float(str(r["first_ms"])) for r in results)
        new = statistics.median(float(str(r["new_us"])) for r in results)
        if tool == "germanclusters":
            column = statistics.median(float(str(r["column_us"])) for r in results)
        read = f"{100 * s['read'] / s['real']:.1f}% ({s['read']})"
        answered = f"{100 * s['answered'] / s['not']:.1f}% ({s['answered']})"
        print(f"{tool:<19}{read:>14}{s['wrong']:>7}{answered:>24}{first:>15.1f}{new:>13.1f}")
    if column is not None:
        print(f"\ngermanclusters normalize_countries over the list x 20: {column:.2f} µs per text")
    if "germanclusters" in answers_of:
        by_kind: dict[str, list[int]] = {}
        for (_, exp, kind), got in zip(rows, answers_of["germanclusters"], strict=True):
            tally = by_kind.setdefault(kind, [0, 0])
            tally[0] += got == exp
            tally[1] += 1
        print("germanclusters by kind: "
              + ", ".join(f"{k} {r}/{t}" for k, (r, t) in by_kind.items()))
    for tool, answers in answers_of.items():
        misses = [(t, e, g) for (t, e, _), g in zip(rows, answers, strict=True) if g != e]
        if misses and (args.misses or tool == "germanclusters"):
            print(f"\n{tool} misses ({len(misses)}):")
            for text, exp, got in misses:
                print(f"  {text!r}: expected {exp or 'no country'}, got {got or 'no country'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
