"""One table of careless edits to a copy of the data: each is refused by gc.validate
(and `germanclusters validate DIR`) with a DataError naming file, record and field."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from common import assert_refused, copy_data, edit_records, reseal_manifest
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
