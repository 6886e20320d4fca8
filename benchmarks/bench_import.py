"""Import cost and cold start of germanclusters against pycountry, in one run.

    python benchmarks/bench_import.py [--runs 15]

Each figure is a fresh interpreter (``python -c ...``), timed from outside as a whole
process, alternating the commands so that drift of a noisy machine hits both
alike. Reports the median wall time of each command, the ratio to ``import pycountry``,
the memory the loaded dataset and the country index take (tracemalloc, and the
process's peak RSS), and which heavy modules ``import germanclusters`` pulled in
(from ``-X importtime``).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time

COMMANDS = {
    "python -c pass": "pass",
    "import pycountry": "import pycountry",
    "import germanclusters": "import germanclusters",
    "pycountry lookup('Germany')": "import pycountry; pycountry.countries.lookup('Germany')",
    "gc.cluster('Cool Silicon')": "import germanclusters as gc; gc.cluster('Cool Silicon')",
    "gc.normalize_country('Finnland')": (
        "import germanclusters as gc; gc.normalize_country('Finnland')"
    ),
}
MEMORY = """
import json, resource, sys, tracemalloc
tracemalloc.start()
import germanclusters as gc
before = tracemalloc.get_traced_memory()[0]
gc.cluster("Cool Silicon")
loaded = tracemalloc.get_traced_memory()
gc.normalize_country("Finnland")
names = tracemalloc.get_traced_memory()
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"import": before, "dataset": loaded[0] - before, "peak": loaded[1],
                  "country_index": names[0] - loaded[0], "maxrss_kib": rss}))
"""
HEAVY = ("pycountry", "pandas", "polars", "pyarrow", "cattrs", "json")


def wall(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def imported_modules(code: str) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True
    )
    names = [line.rsplit("|", 1)[-1].strip() for line in proc.stderr.splitlines()[1:]]
    return [n for n in names if n.split(".")[0] in HEAVY]


def compile_package() -> None:
    """Byte-compile germanclusters as ``pip install`` does, so that neither side of the
    comparison compiles source at import (PYTHONDONTWRITEBYTECODE would stop that)."""
    import compileall
    import importlib.util

    spec = importlib.util.find_spec("germanclusters")
    assert spec is not None
    assert spec.submodule_search_locations
    compileall.compile_dir(spec.submodule_search_locations[0], quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compile_package()
    times: dict[str, list[float]] = {name: [] for name in COMMANDS}
    for code in COMMANDS.values():
        wall(code)  # warm the file cache
    for _ in range(args.runs):
        for name, code in COMMANDS.items():
            times[name].append(wall(code))
    base = statistics.median(times["import pycountry"])
    print(f"{'command':<36}{'median ms':>10}{'vs import pycountry':>22}")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<36}{med * 1000:>10.1f}{med / base:>21.2f}x")
    cold = statistics.median(times["gc.cluster('Cool Silicon')"])
    peer = statistics.median(times["pycountry lookup('Germany')"])
    print(f"\ncold start gc.cluster / pycountry lookup: {cold / peer:.2f}x")
    mem = json.loads(subprocess.run([sys.executable, "-c", MEMORY], capture_output=True,
                                    text=True, check=True).stdout)
    print(f"\nmemory (tracemalloc): import {mem['import'] / 1e6:.1f} MB, loaded dataset "
          f"+{mem['dataset'] / 1e6:.1f} MB (peak during load {mem['peak'] / 1e6:.1f} MB), "
          f"country name index +{mem['country_index'] / 1e6:.1f} MB; "
          f"process peak RSS {mem['maxrss_kib'] / 1024:.1f} MiB")
    heavy = imported_modules("import germanclusters")
    print("heavy modules loaded by 'import germanclusters':", ", ".join(heavy) or "none")


if __name__ == "__main__":
    main()
