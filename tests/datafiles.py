"""Helpers for tests that edit a copy of the shipped data."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def reseal(directory: Path) -> None:
    """Recompute sizes and hashes in the manifest, as tools/build_data.py would.

    Tests about a record's content reseal after editing, so that the check under
    test, not the checksum, has to catch the problem.
    """
    manifest = json.loads((directory / "manifest.json").read_text())
    for res in manifest["resources"]:
        content = (directory / res["path"]).read_bytes()
        res["bytes"] = len(content)
        res["hash"] = "sha256:" + hashlib.sha256(content).hexdigest()
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=1))
