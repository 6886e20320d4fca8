"""One table of careless edits to a copy of the data: each is refused by gc.validate
(and `germanclusters validate DIR`) with a DataError naming file, record and field."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from common import DATA, assert_refused, copy_data, edit_records, reseal_manifest
from germanclusters._json import dump_records
from germanclusters.cli import main


def _cluster(records: list[Any], ident: str = "cool-silicon") -> dict[str, Any]:
    return next(r for r in records if r["id"] == ident)


def _set(path: str, value: Any) -> Callable[[list[Any]], None]:
    def change(records: list[Any]) -> None:
        target: Any = _cluster(records)
        *parents, last = path.split(".")
        for step in parents:
            target = target[int(step)] if step.isdigit() else target[step]
        target[int(last) if last.isdigit() else last] = value
    return change


EDITS: list[tuple[str, Callable[[list[Any]], None], str, str | None]] = [
    ("wrong type", _set("founded", 2008), "cool-silicon", "founded"),
    ("bad date", _set("founded", "2008-13"), "cool-silicon", "founded"),
    ("unknown state", _set("state", "DE-XX"), "cool-silicon", "state"),
    ("unknown key", _set("colour", "red"), "cool-silicon", "colour"),
    ("unknown country", _set("participations.1.phases.0.countries.0", "XZ"), "cool-silicon",
     "participations[1].phases[0].countries[0]"),
    ("unknown region", _set("participations.1.phases.0.regions", ["Narnia"]), "cool-silicon",
     "participations[1].phases[0].regions"),
    ("bad subdivision", _set("participations.1.phases.0.subdivisions", ["CN-XX"]),
     "cool-silicon", "participations[1].phases[0].subdivisions"),
    ("unknown programme", _set("participations.0.programme", "moonshot"), "cool-silicon",
     "participations[0].programme"),
    ("unknown source", _set("sources", ["no-such-source"]), "cool-silicon", "sources"),
    ("no source", _set("sources", []), "cool-silicon", "sources"),
    ("bad phone", _set("contacts.0.phone", "0351 123"), "cool-silicon", "contacts[0].phone"),
    ("missing name", lambda rs: _cluster(rs).pop("name"), "cool-silicon", "name"),
    ("control character", _set("summary", "a\x00b"), "cool-silicon", "summary"),
    ("duplicate id", lambda rs: rs.insert(0, dict(rs[0])), None, "id"),
    ("alias of another", _set("aliases", ["MERGE"]), None, "aliases"),
]


@pytest.mark.parametrize(("what", "change", "record", "field"), EDITS, ids=[e[0] for e in EDITS])
def test_edit_is_refused(tmp_path: Path, what: str, change: Callable[[list[Any]], None],
                         record: str | None, field: str | None) -> None:
    data = copy_data(tmp_path)
    edit_records(data, "clusters.json", change)
    assert_refused(data, file="clusters.json", record=record, field=field)
    assert main(["validate", str(data)]) == 1


def test_a_stale_name_index_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit_records(data, "clusters.json", _set("name", "Silicon Saxony Renamed"), reseal=False)
    reseal_manifest(data)  # checksums fine, but index.json still has the old name
    err = assert_refused(data, file="index.json")
    assert "name index" in err.reason and err.field == "clusters.json"
    assert main(["validate", str(data)]) == 1


def test_two_records_on_one_line_are_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    path = data / "clusters.json"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1:3] = [lines[1] + " " + lines[2]]
    path.write_text("\n".join(lines), encoding="utf-8")
    reseal_manifest(data)
    err = assert_refused(data, file="clusters.json")
    assert "lines" in err.reason


def test_changed_byte_fails_the_checksum(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    edit_records(data, "clusters.json", _set("city", "Leipzig"), reseal=False)
    err = assert_refused(data, file="clusters.json")
    assert "bytes" in err.reason or "SHA-256" in err.reason


@pytest.mark.parametrize("text", ["{", '{"a": 1, "a": 2}', '[NaN]', "\xff"])
def test_broken_json_is_refused(tmp_path: Path, text: str) -> None:
    data = copy_data(tmp_path)
    (data / "manifest.json").write_bytes(text.encode("latin-1"))
    assert_refused(data, file="manifest.json")


def test_missing_file_is_refused(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    (data / "sources.json").unlink()
    assert_refused(data, file="sources.json")


def test_manifest_must_list_the_files(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    man = json.loads((data / "manifest.json").read_text())
    man["files"] = man["files"][:2]
    (data / "manifest.json").write_text(json.dumps(man))
    assert_refused(data, file="manifest.json", field="files")


def test_the_shipped_data_passes_every_check() -> None:
    import germanclusters as gc

    assert gc.validate().data_version == gc.data_version()


# ------------------------------------------- the first answer, on a sealed copy

PROBE = """
import json, sys
import germanclusters as gc
try:
    found = gc.cluster(sys.argv[1])
except gc.DataError as exc:
    print(json.dumps({"error": [exc.file, exc.record, exc.field, exc.reason]}))
else:
    print(json.dumps({"id": found.id}))
"""


def _first_answer(tmp_path: Path, change: Callable[[Path], None],
                  query: str = "Cool Silicon") -> dict[str, Any]:
    """``gc.cluster(query)`` in a new process, on a copy of the package changed and resealed."""
    root = tmp_path / "site"
    shutil.copytree(DATA.parent, root / "germanclusters",
                    ignore=shutil.ignore_patterns("__pycache__"))
    data = root / "germanclusters" / "data"
    change(data)
    reseal_manifest(data)
    out = subprocess.run([sys.executable, "-c", PROBE, query], capture_output=True, text=True,
                         check=True, timeout=120, env={**os.environ, "PYTHONPATH": str(root)})
    result: dict[str, Any] = json.loads(out.stdout)
    return result


def _point(key: str, position: Any) -> Callable[[Path], None]:
    def change(data: Path) -> None:
        index = json.loads((data / "index.json").read_text())
        index["clusters.json"][key] = position
        (data / "index.json").write_text(json.dumps(index))
    return change


def _edit_line(change: Callable[[dict[str, Any]], None]) -> Callable[[Path], None]:
    def edit(data: Path) -> None:
        records = json.loads((data / "clusters.json").read_text(encoding="utf-8"))
        change(_cluster(records))
        (data / "clusters.json").write_text(dump_records(records), encoding="utf-8")
    return edit


@pytest.mark.parametrize(("position", "file"), [
    (0, "index.json"),          # another record: its names do not include the key
    (-1, "index.json"), (1.0, "index.json"), ("12", "index.json"),
    (10**6, "clusters.json"),   # past the last line
])
def test_a_wrong_index_entry_is_refused_not_followed(tmp_path: Path, position: Any,
                                                     file: str) -> None:
    found_file, _, _, reason = _first_answer(tmp_path, _point("coolsilicon", position))["error"]
    assert found_file.endswith(file), reason


def test_a_name_missing_from_the_index_is_still_found(tmp_path: Path) -> None:
    def drop(data: Path) -> None:
        index = json.loads((data / "index.json").read_text())
        del index["clusters.json"]["coolsilicon"]
        (data / "index.json").write_text(json.dumps(index))

    assert _first_answer(tmp_path, drop) == {"id": "cool-silicon"}


def test_validate_refuses_an_index_with_a_float_position(tmp_path: Path) -> None:
    data = copy_data(tmp_path)
    _point("coolsilicon", 1.0)(data)
    index = json.loads((data / "index.json").read_text())
    position = json.loads((DATA / "index.json").read_text())["clusters.json"]["coolsilicon"]
    index["clusters.json"]["coolsilicon"] = float(position)  # equal to the int in Python
    (data / "index.json").write_text(json.dumps(index))
    reseal_manifest(data)
    err = assert_refused(data, file="index.json")
    assert err.field == "clusters.json" and err.value == "coolsilicon"


@pytest.mark.parametrize(("what", "change", "field"), [
    ("unknown country", lambda c: c["participations"][1]["phases"][0].update(countries=["ZZ"]),
     None),
    ("unknown key", lambda c: c.update(colour="red"), None),
    ("bad state", lambda c: c.update(state="DE-XX"), "state"),
    ("text for a list", lambda c: c.update(aliases="abc"), None),
    ("missing name", lambda c: c.pop("name"), None),
])
def test_a_broken_record_is_refused_on_the_first_answer(
        tmp_path: Path, what: str, change: Callable[[dict[str, Any]], None],
        field: str | None) -> None:
    file, record, found_field, reason = _first_answer(tmp_path, _edit_line(change))["error"]
    assert file.endswith("clusters.json") and record == "cool-silicon", (what, reason)
    if field is not None:
        assert found_field == field
