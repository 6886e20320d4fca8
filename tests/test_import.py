"""Importing the package is light: no data, no pycountry database, no pandas."""

from __future__ import annotations

import json
import subprocess
import sys

import germanclusters as gc

PROBE = """
import json, sys
import germanclusters
from germanclusters import dataset
heavy = {"pandas", "polars", "pyarrow", "pycountry"}
print(json.dumps({"modules": sorted(m for m in sys.modules if m.split(".")[0] in heavy),
                  "parts": sorted(map(str, dataset._cache))}))
"""


def test_import_loads_no_data_and_nothing_heavy() -> None:
    out = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout)
    assert result == {"modules": [], "parts": []}


FIRST_ANSWER = """
import json, sys
import germanclusters as gc
from germanclusters import dataset
found = gc.cluster("COOL silicon")
built = sorted(str(k) for k in dataset._cache if isinstance(k, tuple) and k[0] != "bytes")
print(json.dumps({"id": found.id, "cattrs": "cattrs" in sys.modules, "built": built,
                  "same": gc.clusters().get("cool-silicon") is found}))
"""


def test_the_first_answer_reads_one_record_without_cattrs() -> None:
    out = subprocess.run([sys.executable, "-c", FIRST_ANSWER], capture_output=True,
                         text=True, check=True)
    result = json.loads(out.stdout)
    position = gc.clusters().ids.index("cool-silicon")
    assert result == {"id": "cool-silicon", "cattrs": False, "same": True,
                      "built": [str(("clusters.json", position))]}


def test_public_names_are_listed_once_and_documented() -> None:
    assert len(gc.__all__) == len(set(gc.__all__))
    for name in gc.__all__:
        if name not in ("__version__", "REGIONS"):
            assert getattr(gc, name).__doc__, name
