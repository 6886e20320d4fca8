"""Every way a careless edit can break the data is refused, by the API and the CLI.

Each case corrupts a copy of the shipped data. Content corruptions are re-sealed
(manifest sizes and hashes updated) so that the check under test, not the checksum,
must catch them. Every case must raise a DataError naming the file, the record (where
the problem is inside a record), the field and the value; `germanclusters validate DIR`
must print the same on one line and exit 1. Nothing is dropped or guessed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

import germanclusters as gc
from datafiles import reseal
from germanclusters.cli import main

Records = list[dict[str, Any]]


def _cluster(data: Records, ident: str) -> dict[str, Any]:
    return next(c for c in data if c["id"] == ident)


def _lec(c: dict[str, Any]) -> dict[str, Any]:
    return next(
        p for p in c["participations"] if p["programme"] == "leading-edge-cluster-competition"
    )


def _inter(c: dict[str, Any]) -> dict[str, Any]:
    return next(
        p
        for p in c["participations"]
        if p["programme"] == "internationalisation-of-leading-edge-clusters"
    )


# (file, mutation of the parsed JSON, expected record, expected field, expected value)
CONTENT_CASES: dict[str, tuple[str, Callable[[Any], None], str | None, str, object]] = {
    "duplicate id": (
        "clusters.json",
        lambda d: d.insert(
            d.index(_cluster(d, "cool-silicon")) + 1, dict(_cluster(d, "cool-silicon"))
        ),
        "cool-silicon",
        "id",
        "cool-silicon",
    ),
    "dangling programme": (
        "clusters.json",
        lambda d: _inter(_cluster(d, "cool-silicon")).update(programme="interspin-plus"),
        "cool-silicon",
        "participations[1].programme",
        "interspin-plus",
    ),
    "dangling source": (
        "clusters.json",
        lambda d: _cluster(d, "optonet")["sources"].insert(0, "a-page-nobody-saw"),
        "optonet",
        "sources[0]",
        "a-page-nobody-saw",
    ),
    "impossible date": (
        "clusters.json",
        lambda d: _cluster(d, "cool-silicon")["contacts"][0].update(as_of="2020-04-31"),
        "cool-silicon",
        "contacts[0].as_of",
        "2020-04-31",
    ),
    "date after the data version": (
        "clusters.json",
        lambda d: _cluster(d, "cool-silicon")["contacts"][0].update(as_of="2099-01-01"),
        "cool-silicon",
        "contacts[0].as_of",
        None,
    ),
    "dates out of order": (
        "clusters.json",
        lambda d: _inter(_cluster(d, "cool-silicon"))["phases"][0].update(
            start="2017-01-01", end="2016-01-01"
        ),
        "cool-silicon",
        "participations[1].phases[0].end",
        date(2016, 1, 1),
    ),
    "invalid phone": (
        "clusters.json",
        lambda d: _cluster(d, "cool-silicon")["contacts"][0].update(phone="0351 8925800"),
        "cool-silicon",
        "contacts[0].phone",
        "0351 8925800",
    ),
    "unknown country": (
        "clusters.json",
        lambda d: _inter(_cluster(d, "cool-silicon"))["phases"][1].update(countries=["CS"]),
        "cool-silicon",
        "participations[1].phases[1].countries[0]",
        "CS",
    ),
    "country as a name": (
        "clusters.json",
        lambda d: _inter(_cluster(d, "cool-silicon"))["phases"][1].update(countries=["Czechia"]),
        "cool-silicon",
        "participations[1].phases[1].countries[0]",
        "Czechia",
    ),
    "region as a country": (
        "clusters.json",
        lambda d: _inter(_cluster(d, "open-hybrid-labfactory"))["phases"][0].update(
            regions=["Atlantis"]
        ),
        "open-hybrid-labfactory",
        "participations[0].phases[0].regions[0]",
        "Atlantis",
    ),
    "unknown state": (
        "clusters.json",
        lambda d: _cluster(d, "cool-silicon").update(state="DE-SX", states=[]),
        "cool-silicon",
        "state",
        "DE-SX",
    ),
    "round that does not exist": (
        "clusters.json",
        lambda d: _lec(_cluster(d, "cool-silicon")).update(round=4),
        "cool-silicon",
        "participations[0].round",
        4,
    ),
    "extra field": (
        "clusters.json",
        lambda d: _cluster(d, "cool-silicon").update(ceo="somebody"),
        "cool-silicon",
        "ceo",
        "somebody",
    ),
    "missing field": (
        "programmes.json",
        lambda d: d[0].pop("kind"),
        None,
        "kind",
        None,
    ),
    "wrong type": (
        "clusters.json",
        lambda d: _cluster(d, "optence").update(founded="2001"),
        "optence",
        "founded",
        "2001",
    ),
    "single string for a list": (
        "clusters.json",
        lambda d: _cluster(d, "optence").update(aliases="OPTENCE"),
        "optence",
        "aliases",
        "OPTENCE",
    ),
    "ambiguous alias": (
        "clusters.json",
        lambda d: _cluster(d, "optonet")["aliases"].append("Cool Silicon"),
        "optonet",
        "aliases",
        "Cool Silicon",
    ),
    "source language": (
        "sources.json",
        lambda d: d[0].update(language="English"),
        None,
        "language",
        "English",
    ),
}


def corrupt(directory: Path, name: str, mutate: Callable[[Any], None]) -> None:
    path = directory / name
    data = json.loads(path.read_text())
    mutate(data)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1))
    reseal(directory)


def refused(directory: Path) -> gc.DataError:
    with pytest.raises(gc.DataError) as info:
        gc.validate(directory)
    return info.value


def cli_refuses(directory: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["validate", str(directory)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    return err


@pytest.mark.parametrize("case", sorted(CONTENT_CASES))
def test_content_corruption_is_refused(
    case: str, data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file, mutate, record, field, value = CONTENT_CASES[case]
    first = json.loads((data_copy / file).read_text())[0]["id"]
    corrupt(data_copy, file, mutate)
    err = refused(data_copy)
    assert err.file == str(data_copy / file)
    assert err.record == (record or first)
    assert err.field == field
    if value is not None:
        assert err.value == value
    line = cli_refuses(data_copy, capsys)
    assert f"data/{file}" in line and repr(err.record) in line and repr(field) in line


@pytest.mark.parametrize(
    ("case", "damage", "field"),
    [
        ("changed byte", lambda b: b.replace(b"Dresden", b"Dresdem", 1), "hash"),
        ("truncated file", lambda b: b[: len(b) // 2], "bytes"),
        ("appended garbage", lambda b: b + b"\n{}", "bytes"),
    ],
)
def test_file_damage_fails_the_checksum(
    case: str,
    damage: Callable[[bytes], bytes],
    field: str,
    data_copy: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = data_copy / "clusters.json"
    path.write_bytes(damage(path.read_bytes()))
    err = refused(data_copy)
    assert (err.file, err.field) == (str(data_copy / "clusters.json"), field)
    assert "manifest" in err.reason
    assert "data/clusters.json" in cli_refuses(data_copy, capsys)


def test_wrong_checksum_in_manifest(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest = json.loads((data_copy / "manifest.json").read_text())
    manifest["resources"][0]["hash"] = "sha256:" + "0" * 64
    (data_copy / "manifest.json").write_text(json.dumps(manifest))
    err = refused(data_copy)
    assert err.field == "hash"
    assert err.file == str(data_copy / manifest["resources"][0]["path"])
    cli_refuses(data_copy, capsys)


def test_truncated_json_after_reseal_names_the_position(data_copy: Path) -> None:
    path = data_copy / "sources.json"
    path.write_bytes(path.read_bytes()[:-30])
    reseal(data_copy)
    err = refused(data_copy)
    assert err.file == str(data_copy / "sources.json")
    assert "not valid JSON" in err.reason and "line" in err.reason


def test_validate_shipped_data_passes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    assert capsys.readouterr().out.startswith("ok: shipped data, data version ")


def test_validate_wrong_type() -> None:
    with pytest.raises(TypeError, match="int"):
        gc.validate(42)  # type: ignore[arg-type]


def test_validate_names_a_missing_directory(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(gc.DataError) as info:
        gc.validate(missing)
    assert info.value.file == str(missing)
    assert "not a directory" in str(info.value)
    assert str(missing) in cli_refuses(missing, capsys)
