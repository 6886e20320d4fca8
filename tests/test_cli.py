"""The command line, as a user runs it."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from germanclusters.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_targeting(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--targeting", "Japan", "--phase", "implementation")
    assert code == 0 and "cfk-valley" in out and out.splitlines()[0].split() == [
        "id", "state", "name"]


def test_list_table_and_formats(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--table", "partners", "--format", "csv")
    assert code == 0 and out.startswith("cluster_id,programme,number,name")
    code, out, _ = run(capsys, "list", "--state", "Sachsen", "--format", "json")
    assert code == 0 and "cool-silicon" in {c["id"] for c in json.loads(out)}


def test_show_resolves_names_and_keeps_targets(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "Cool Silicon")
    assert code == 0 and "cool-silicon" in out and "CZ" in out
    code, out, _ = run(capsys, "show", "sinn-i", "--format", "csv")
    assert code == 0 and "implementation" in out
    code, _, err = run(capsys, "show", "Cool Silikon")
    assert code == 2 and "cool-silicon" in err


def test_country_reads_every_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "country", "Finnland", "Atlantis", "Sinapore")
    lines = out.splitlines()
    assert code == 2 and lines[0].startswith("input")
    assert "FI" in lines[1] and "SG" in lines[3] and "Atlantis" in lines[2]
    assert "Atlantis" in err


@pytest.mark.parametrize("command", ["programmes", "sources", "countries", "stats"])
def test_discovery_commands(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command)
    assert code == 0 and out.strip()


def test_export_and_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", str(tmp_path), "--format", "csv")
    assert code == 0 and "clusters.csv" in out and "contacts" not in out
    code, _, err = run(capsys, "export", str(tmp_path))
    assert code == 2 and "--overwrite" in err and "overwrite=True" not in err
    code, _, _ = run(capsys, "export", str(tmp_path), "--overwrite", "--contacts")
    assert code == 0 and (tmp_path / "contacts.csv").exists()
    code, _, err = run(capsys, "export", "")
    assert code == 2 and "DIR" in err
    code, out, _ = run(capsys, "validate")
    assert code == 0 and out.startswith("ok")


def test_export_names_the_problem_with_dir(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    file = tmp_path / "file"
    file.write_text("x", encoding="utf-8")
    code, out, err = run(capsys, "export", str(file))
    assert (code, out) == (1, "")
    assert err == f"germanclusters: DIR {str(file)!r} exists and is not a directory\n"
    code, _, err = run(capsys, "export", str(file / "sub"))
    assert code == 1 and f"DIR {str(file / 'sub')!r} cannot be created: " in err
    if os.path.exists("/dev/null"):
        code, _, err = run(capsys, "export", "/dev/null")
        assert err == "germanclusters: DIR '/dev/null' exists and is not a directory\n"
    if sys.platform.startswith("linux"):
        code, _, err = run(capsys, "export", "/proc")
        assert code == 1 and err.startswith("germanclusters: DIR '/proc' is not writable: ")
        code, _, err = run(capsys, "export", "/proc/gc-none/out")
        assert code == 1 and "DIR '/proc/gc-none/out' does not exist and cannot be created" in err


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "list", "--phase", "draft")[0] == 2
    assert run(capsys)[0] == 2
    assert run(capsys, "--version")[0] == 0
