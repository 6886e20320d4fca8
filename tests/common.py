"""A small harness of domain assertions, in the manner of python-holidays' tests/common.py."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import germanclusters as gc
from germanclusters._json import dump_records
from germanclusters.dataset import DATA_FILES, INDEX, name_index

DATA = Path(__file__).resolve().parent.parent / "src" / "germanclusters" / "data"


def assert_targets(cluster: str, phase: str, expected: set[str]) -> None:
    """The cluster's target countries in ``phase`` are exactly ``expected`` (alpha-2)."""
    found = {c.alpha_2 for c in gc.cluster(cluster).target_countries(phase)}
    assert found == expected, f"{cluster} {phase}: {sorted(found)} != {sorted(expected)}"


def assert_normalises(text: str, alpha_2: str) -> None:
    assert gc.normalize_country(text).alpha_2 == alpha_2, text


def assert_not_a_country(text: str) -> None:
    with pytest.raises(gc.UnknownCountry):
        gc.normalize_country(text)


def copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def edit_records(directory: Path, file: str, change: Callable[[list[Any]], None],
                 *, reseal: bool = True) -> None:
    """Change the records of one data file and (by default) reseal the manifest."""
    path = directory / file
    records = json.loads(path.read_text(encoding="utf-8"))
    change(records)
    path.write_text(dump_records(records), encoding="utf-8")
    if reseal:
        reindex(directory)
        reseal_manifest(directory)


def reindex(directory: Path) -> None:
    """Rebuild ``index.json`` from the data files, as the build does."""
    files = {n: json.loads((directory / n).read_text(encoding="utf-8")) for n in DATA_FILES}
    (directory / INDEX).write_text(json.dumps(name_index(files), indent=1, sort_keys=True) + "\n",
                                   encoding="utf-8")


def reseal_manifest(directory: Path) -> None:
    import hashlib

    man = json.loads((directory / "manifest.json").read_text())
    for entry in man["files"]:
        content = (directory / entry["path"]).read_bytes()
        entry["bytes"] = len(content)
        entry["sha256"] = hashlib.sha256(content).hexdigest()
    (directory / "manifest.json").write_text(json.dumps(man, indent=1, sort_keys=True) + "\n")


def assert_refused(directory: Path, *, file: str, record: str | None = None,
                   field: str | None = None) -> gc.DataError:
    """``gc.validate(directory)`` refuses the data, naming file, record and field."""
    with pytest.raises(gc.DataError) as info:
        gc.validate(directory)
    err = info.value
    assert err.file is not None and err.file.endswith(file), err
    if record is not None:
        assert err.record == record, err
    if field is not None:
        assert err.field is not None and err.field.startswith(field), err
    return err


__all__ = ["DATA_FILES"]
