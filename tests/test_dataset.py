"""Loading: checksums, strict structuring, cross-references, one load for all threads.

Each corruption is applied to a copy of the shipped data, re-sealed (manifest
checksums updated) where the test is about the content rather than the checksum,
and must be refused with a DataError that names the file, record and field.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import germanclusters as gc
from datafiles import reseal
from germanclusters import dataset

Mutation = Callable[[Any], None]


def edit(directory: Path, name: str, mutate: Mutation) -> None:
    path = directory / name
    data = json.loads(path.read_text())
    mutate(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    reseal(directory)


def refused(directory: Path) -> gc.DataError:
    with pytest.raises(gc.DataError) as info:
        dataset.read_dataset(directory)
    return info.value


def first_cluster_with(
    data: list[dict[str, Any]], key: Callable[[dict[str, Any]], bool]
) -> dict[str, Any]:
    return next(c for c in data if key(c))


def has_phases(c: dict[str, Any]) -> bool:
    return any(p["phases"] for p in c["participations"])


def test_shipped_data_loads(data_copy: Path) -> None:
    loaded = dataset.read_dataset(data_copy)
    assert loaded.clusters and loaded.programmes and loaded.sources
    assert loaded == dataset.load()


def test_changed_byte_fails_the_checksum(data_copy: Path) -> None:
    path = data_copy / "clusters.json"
    raw = bytearray(path.read_bytes())
    i = raw.index(b'"name"')
    raw[i + 1] = ord("N")
    path.write_bytes(bytes(raw))
    err = refused(data_copy)
    assert err.file == str(data_copy / "clusters.json")
    assert err.field == "hash"
    assert "sha256" in str(err) and "manifest" in str(err)


def test_truncated_file_is_refused(data_copy: Path) -> None:
    path = data_copy / "programmes.json"
    path.write_bytes(path.read_bytes()[:-40])
    err = refused(data_copy)
    assert err.file == str(data_copy / "programmes.json")
    reseal(data_copy)
    err = refused(data_copy)
    assert err.file == str(data_copy / "programmes.json")
    assert "not valid JSON" in err.reason


def test_missing_file_is_refused(data_copy: Path) -> None:
    (data_copy / "sources.json").unlink()
    err = refused(data_copy)
    assert err.file == str(data_copy / "sources.json")
    assert "missing" in err.reason


def test_missing_field_names_record_and_field(data_copy: Path) -> None:
    victim: dict[str, Any] = {}

    def drop(data: list[dict[str, Any]]) -> None:
        victim.update(data[0])
        del data[0]["name"]

    edit(data_copy, "clusters.json", drop)
    err = refused(data_copy)
    assert (err.file, err.record, err.field) == (
        str(data_copy / "clusters.json"),
        victim["id"],
        "name",
    )
    assert "missing" in err.reason


def test_extra_field_is_refused(data_copy: Path) -> None:
    edit(
        data_copy,
        "clusters.json",
        lambda d: (
            d[0]["contacts"].append({"sources": ["x"], "nickname": "Bob"})
            if d[0]["contacts"]
            else d[0].update(nickname="Bob")
        ),
    )
    err = refused(data_copy)
    assert err.record is not None
    assert err.field is not None and err.field.endswith("nickname")


def test_unknown_programme_id_names_the_participation(data_copy: Path) -> None:
    target: dict[str, Any] = {}

    def change(data: list[dict[str, Any]]) -> None:
        c = first_cluster_with(data, lambda c: bool(c["participations"]))
        c["participations"][0]["programme"] = "no-such-programme"
        target.update(c)

    edit(data_copy, "clusters.json", change)
    err = refused(data_copy)
    assert err.record == target["id"]
    assert err.field == "participations[0].programme"
    assert err.value == "no-such-programme"


def test_bad_country_names_the_exact_place(data_copy: Path) -> None:
    target: dict[str, Any] = {}

    def change(data: list[dict[str, Any]]) -> None:
        c = first_cluster_with(data, has_phases)
        i = next(i for i, p in enumerate(c["participations"]) if p["phases"])
        c["participations"][i]["phases"][0]["countries"].append("XZ")
        target.update(id=c["id"], i=i, n=len(c["participations"][i]["phases"][0]["countries"]) - 1)

    edit(data_copy, "clusters.json", change)
    err = refused(data_copy)
    assert err.record == target["id"]
    assert err.field == f"participations[{target['i']}].phases[0].countries[{target['n']}]"
    assert err.value == "XZ"


def test_country_name_instead_of_code_is_refused(data_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        c = first_cluster_with(data, has_phases)
        part = next(p for p in c["participations"] if p["phases"])
        part["phases"][0]["countries"] = ["Finland"]

    edit(data_copy, "clusters.json", change)
    err = refused(data_copy)
    assert err.field is not None and err.field.endswith("countries[0]")
    assert err.value == "Finland"


def test_unknown_source_id_is_refused(data_copy: Path) -> None:
    edit(data_copy, "clusters.json", lambda d: d[0]["sources"].append("no-such-source"))
    err = refused(data_copy)
    assert err.field is not None and err.field.startswith("sources[")
    assert err.value == "no-such-source"


def test_duplicate_id_is_refused(data_copy: Path) -> None:
    edit(data_copy, "programmes.json", lambda d: d.insert(1, dict(d[0])))
    err = refused(data_copy)
    assert err.file == str(data_copy / "programmes.json")
    assert err.field == "id"


def test_wrong_type_is_not_coerced(data_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        data[0]["founded"] = "2001"

    edit(data_copy, "clusters.json", change)
    err = refused(data_copy)
    assert err.field == "founded"
    assert err.value == "2001"


def test_impossible_date_is_refused(data_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        c = first_cluster_with(data, lambda c: bool(c["contacts"]))
        c["contacts"][0]["as_of"] = "2020-02-30"

    edit(data_copy, "clusters.json", change)
    err = refused(data_copy)
    assert err.field == "contacts[0].as_of"
    assert err.value == "2020-02-30"


def test_invalid_phone_is_refused(data_copy: Path) -> None:
    def change(data: list[dict[str, Any]]) -> None:
        c = first_cluster_with(data, lambda c: bool(c["contacts"]))
        c["contacts"][0]["phone"] = "+49 (0) 351 8925800"

    edit(data_copy, "clusters.json", change)
    err = refused(data_copy)
    assert err.field == "contacts[0].phone"


def test_unknown_state_is_refused(data_copy: Path) -> None:
    edit(data_copy, "clusters.json", lambda d: d[0].update(state="DE-XX", states=[]))
    err = refused(data_copy)
    assert (err.field, err.value) == ("state", "DE-XX")


def test_duplicate_json_key_is_refused(data_copy: Path) -> None:
    path = data_copy / "sources.json"
    text = path.read_text()
    path.write_text(text.replace('"title":', '"title": "dup", "title":', 1))
    reseal(data_copy)
    err = refused(data_copy)
    assert err.field == "title"
    assert "twice" in err.reason


def test_manifest_listing_an_unknown_file_is_refused(data_copy: Path) -> None:
    manifest = json.loads((data_copy / "manifest.json").read_text())
    manifest["resources"].append(dict(manifest["resources"][0], path="extra.json"))
    (data_copy / "manifest.json").write_text(json.dumps(manifest))
    err = refused(data_copy)
    assert err.file == str(data_copy / "manifest.json")


def test_load_is_cached_and_shared() -> None:
    assert dataset.load() is dataset.load()
    assert gc.clusters()[0] is gc.clusters()[0]


def test_first_load_happens_once_under_32_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dataset, "_dataset", None)
    calls = []
    real = dataset.read_dataset

    def counting(directory: Any = None) -> dataset.Dataset:
        calls.append(1)
        return real(directory)

    monkeypatch.setattr(dataset, "read_dataset", counting)
    barrier = threading.Barrier(32)
    results: list[dataset.Dataset] = []

    def worker() -> None:
        barrier.wait()
        results.append(dataset.load())

    threads = [threading.Thread(target=worker) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 1
    assert len(results) == 32 and all(r is results[0] for r in results)
