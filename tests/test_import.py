"""Importing the package is light: no data file, no pycountry database, no pandas."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import germanclusters as gc

PROBE = """
import json, sys
HEAVY = {"pycountry", "pandas", "polars", "pyarrow", "cattrs", "gettext",
         "importlib.resources", "pathlib"}
import germanclusters
import germanclusters.dataset as ds
print(json.dumps({
    "modules": sorted(m for m in sys.modules if m in HEAVY or m.split(".")[0] in HEAVY),
    "loads": ds._loads,
    "loaded": ds._dataset is not None,
}))
"""


def probe(code: str) -> dict[str, object]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_import_loads_nothing_heavy() -> None:
    result = probe(PROBE)
    assert result["loaded"] is False
    assert result["loads"] == 0
    assert result["modules"] == [], f"imported at import time: {result['modules']}"


def test_first_use_loads_once() -> None:
    code = PROBE.replace(
        "print(json.dumps({",
        'germanclusters.cluster("cool-silicon"); germanclusters.clusters()\n'
        "germanclusters.data_version()\nprint(json.dumps({",
    )
    result = probe(code)
    assert result["loaded"] is True
    assert result["loads"] == 1


def test_public_names_are_listed_and_documented() -> None:
    for name in gc.__all__:
        obj = getattr(gc, name)
        if name.startswith("__") or name == "REGIONS":
            continue
        assert obj.__doc__, f"{name} has no docstring"
    assert set(dir(gc)) >= set(gc.__all__)


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        gc.no_such_name  # noqa: B018
