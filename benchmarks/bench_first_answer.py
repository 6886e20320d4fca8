"""The first answer in a new process, against pycountry's first lookup, in one run.

    python benchmarks/bench_first_answer.py [--runs 15] [--scale 10]

Times whole processes (``python -c ...``), alternating the commands: pycountry's
first ``countries.lookup``, ``gc.cluster("Cool Silicon")`` with the shipped data, and
the same with a synthetic copy of the package whose clusters.json holds ``--scale``
times the shipped clusters (each copy under a new id and name; the name index is
rebuilt and the manifest resealed). Prints each command's median and the median of
its run-by-run ratios to pycountry.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import germanclusters
from germanclusters._json import dump_records
from germanclusters.dataset import DATA_FILES, INDEX, name_index

PACKAGE = Path(germanclusters.__file__).resolve().parent


def synthetic_copy(scale: int, root: Path) -> Path:
    """A copy of the package with ``scale`` times the clusters; returns its sys.path root."""
    target = root / "germanclusters"
    shutil.copytree(PACKAGE, target, ignore=shutil.ignore_patterns("__pycache__"))
    data = target / "data"
    records = json.loads((data / "clusters.json").read_text(encoding="utf-8"))
    grown = list(records)
    for n in range(1, scale):
        for rec in records:
            copy = json.loads(json.dumps(rec))
            copy["id"] = f"{rec['id']}-copy-{n}"
            copy["name"] = f"{rec['name']} copy {n}"
            copy["short_name"] = None
            copy["name_de"] = None
            copy["aliases"] = []
            grown.append(copy)
    grown.sort(key=lambda r: r["id"])
    (data / "clusters.json").write_text(dump_records(grown), encoding="utf-8")
    files = {n: json.loads((data / n).read_text(encoding="utf-8")) for n in DATA_FILES}
    (data / INDEX).write_text(json.dumps(name_index(files)), encoding="utf-8")
    man = json.loads((data / "manifest.json").read_text())
    for entry in man["files"]:
        content = (data / entry["path"]).read_bytes()
        entry["bytes"], entry["sha256"] = len(content), hashlib.sha256(content).hexdigest()
    (data / "manifest.json").write_text(json.dumps(man, indent=1, sort_keys=True) + "\n")
    return root


def run(code: str, path: str | None = None) -> float:
    # Installed packages have their bytecode cached (pip compiles at install); so do
    # the processes here, whatever PYTHONDONTWRITEBYTECODE says in this shell.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    if path:
        env["PYTHONPATH"] = path
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=env)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--scale", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = str(synthetic_copy(args.scale, Path(tmp)))
        answer = "import germanclusters as gc; gc.cluster('Cool Silicon')"
        commands = {
            "import pycountry": ("import pycountry", None),
            "import germanclusters": ("import germanclusters", None),
            "pycountry first lookup('Japan')": (
                "import pycountry; pycountry.countries.lookup('Japan')", None),
            "gc.cluster('Cool Silicon')": (answer, None),
            f"gc.cluster('Cool Silicon'), {args.scale}x data": (answer, big),
        }
        times: dict[str, list[float]] = {name: [] for name in commands}
        for code, path in commands.values():  # warm-up: writes the bytecode caches
            run(code, path)
        for _ in range(args.runs):
            for name, (code, path) in commands.items():
                times[name].append(run(code, path))
    # Ratios are taken run by run against the pycountry command of the same round, so that
    # a machine whose speed drifts still gives a fair ratio; the median of those is shown.
    print(f"{'command':<42} {'median':>9}  {'ratio (median of runs)':>22}")
    for name, values in times.items():
        base = times["import pycountry" if name.startswith("import")
                     else "pycountry first lookup('Japan')"]
        ratio = statistics.median(v / b for v, b in zip(values, base, strict=True))
        print(f"{name:<42} {statistics.median(values) * 1000:6.1f} ms  "
              f"{ratio:5.2f}x pycountry")


if __name__ == "__main__":
    main()
