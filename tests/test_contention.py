"""Many threads asking for the data at once in a new process get one shared dataset."""

from __future__ import annotations

import json
import subprocess
import sys

CODE = """
import json, threading
import germanclusters as gc
from germanclusters import dataset
barrier = threading.Barrier(8)
found = []
def work():
    barrier.wait()
    found.append((id(gc.clusters()), id(gc.cluster("cool-silicon")), len(gc.sources())))
threads = [threading.Thread(target=work) for _ in range(8)]
for t in threads: t.start()
for t in threads: t.join()
parts = sorted(k for k in dataset._cache if isinstance(k, str))
print(json.dumps({"distinct": len(set(found)), "parts": parts}))
"""


def test_threads_share_one_load() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True,
                         check=True, timeout=120)
    result = json.loads(out.stdout)
    assert result["distinct"] == 1
    assert result["parts"] == ["clusters.json", "manifest.json", "sources.json"]
