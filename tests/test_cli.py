"""The command line: answers, one-line errors with exit status 2, no tracebacks."""

from __future__ import annotations

import argparse
import ast
import csv
import io
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

import germanclusters as gc
from germanclusters import cli
from germanclusters.cli import main
from germanclusters.exports import EXPORT_FORMATS
from germanclusters.schemas import DATA_FILE_SCHEMAS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_prints_counts_and_versions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert gc.data_version() in out
    assert f"clusters:{' ' * 30}{len(gc.clusters())}\n" in out
    assert f"sources:{' ' * 31}{len(gc.sources())} " in out
    for src in gc.sources():
        if src.document and src.document.startswith("seeds/"):
            assert src.id in out


def test_show_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "show", "COOL silicon")
    assert code == 0
    assert out.startswith("Cool Silicon [cool-silicon]")
    assert "Czechia (CZ)" in out


def test_list_filters(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--targeting", "Czech Republic", "--phase", "implementation")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()]
    assert ids == list(gc.clusters().targeting("CZ", phase="implementation").ids)


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["show", "Cool Silikon"], "did you mean 'cool-silicon'"),
        (["list", "--targeting", "Atlantis"], "Atlantis"),
        (["list", "--state", "Narnia"], "Narnia"),
        (["list", "--phase", "concept"], "--phase needs --targeting"),
        (["list", "--programme", "nothing"], "nothing"),
        (["list", "--phase", "planning"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_errors_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "list", "--help")
    assert code == 0
    assert "--targeting" in out


def test_usage_errors_exit_2_with_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "germanclusters", "list", "--phase", "planning"],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1
    assert "invalid choice" in proc.stderr


def test_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "validate")
    assert code == 0
    assert out.startswith("ok: shipped data, data version " + gc.data_version())


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert gc.__version__ in out and gc.data_version() in out


def test_module_entry_point_runs() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "germanclusters", "show", "cool-silicon"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "cool-silicon" in proc.stdout


# ------------------------------------------------------------- the full CLI

DATA = Path(__file__).resolve().parent.parent / "src" / "germanclusters" / "data"
SCHEMA = DATA.parent / "schema"


def shipped(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def loop_target_counts(kind: str | None) -> Counter[str]:
    counts: Counter[str] = Counter()
    for record in shipped("clusters.json"):
        codes = {
            code
            for part in record["participations"]
            for phase in part["phases"]
            if kind is None or phase["kind"] == kind
            for code in phase["countries"]
        }
        counts.update(codes)
    return counts


def test_list_targeting_japan_in_the_implementation_phase(
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = [
        r["id"]
        for r in shipped("clusters.json")
        if any(
            ph["kind"] == "implementation" and "JP" in ph["countries"]
            for p in r["participations"]
            for ph in p["phases"]
        )
    ]
    code, out, _ = run(capsys, "list", "--targeting", "Japan", "--phase", "implementation")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == expected


@pytest.mark.parametrize("phase", [None, "concept", "implementation"])
def test_countries_are_ranked_by_number_of_clusters(
    capsys: pytest.CaptureFixture[str], phase: str | None
) -> None:
    argv = ["countries"] + ([] if phase is None else ["--phase", phase])
    code, out, _ = run(capsys, *argv)
    assert code == 0
    rows = [line.split() for line in out.splitlines()]
    got = {row[1]: int(row[-1]) for row in rows}
    assert got == dict(loop_target_counts(phase))
    numbers = [int(row[-1]) for row in rows]
    assert numbers == sorted(numbers, reverse=True)
    ranks = [int(row[0]) for row in rows]
    assert ranks[0] == 1
    for i in range(1, len(rows)):  # ties share a rank; after a tie the rank jumps
        assert ranks[i] == (ranks[i - 1] if numbers[i] == numbers[i - 1] else i + 1)


def test_countries_json_and_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "countries", "--phase", "concept", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert {d["alpha_2"]: d["clusters"] for d in data} == dict(loop_target_counts("concept"))
    cz = next(d for d in data if d["alpha_2"] == "CZ")
    assert "cool-silicon" in cz["cluster_ids"] and cz["name_de"] == "Tschechien"
    code, out, _ = run(capsys, "countries", "--format", "csv", "--top", "1")
    rows = list(csv.DictReader(io.StringIO(out)))
    top = max(loop_target_counts(None).values())
    assert rows and all(int(r["clusters"]) == top and r["rank"] == "1" for r in rows)


def test_list_json_prints_clusters_as_the_data_files_hold_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(capsys, "list", "--state", "DE-SN", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, list)
    expected = [r for r in shipped("clusters.json") if "DE-SN" in (r["state"], *r["states"])]
    assert data == expected


def test_list_csv(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys,
        "list",
        "--programme",
        "Spitzencluster-Wettbewerb",
        "--round",
        "1",
        "--format",
        "csv",
    )
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    expected = [
        r["id"]
        for r in shipped("clusters.json")
        if any(
            p["programme"] == "leading-edge-cluster-competition" and p["round"] == 1
            for p in r["participations"]
        )
    ]
    assert [r["id"] for r in rows] == expected
    assert "cool-silicon" in expected
    code, out, _ = run(capsys, "list", "--targeting", "Antarctica", "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("id,name,")


def test_show_formats(capsys: pytest.CaptureFixture[str]) -> None:
    (record,) = [r for r in shipped("clusters.json") if r["id"] == "cool-silicon"]
    code, out, _ = run(capsys, "show", "Cool Silicon", "--format", "json")
    assert code == 0 and json.loads(out) == record
    code, out, _ = run(capsys, "show", "cool-silicon", "--format", "csv")
    (row,) = list(csv.DictReader(io.StringIO(out)))
    assert (row["id"], row["state"], row["city"]) == ("cool-silicon", "DE-SN", "Dresden")


def test_country(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "country", "Finnland", "U.K.", "Sinapore")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == ["FI", "GB", "SG"]
    code, out, _ = run(capsys, "country", "Tschechien", "--format", "json")
    assert json.loads(out) == [
        {
            "alpha_2": "CZ",
            "alpha_3": "CZE",
            "numeric": "203",
            "name": "Czechia",
            "name_de": "Tschechien",
        }
    ]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["country", "Atlantis"], "Atlantis"),
        (["country", "Asia-Pacific"], "region"),
        (["countries", "--top", "0"], "--top"),
        (["countries", "--phase", "planning"], "invalid choice"),
        (["list", "--round", "1"], "--round needs --programme"),
        (["list", "--label", "platinum"], "invalid choice"),
        (["export", "out", "--format", "xlsx"], "invalid choice"),
        (["schema", "clusters.csv"], "invalid choice"),
        (["show"], "required"),
    ],
)
def test_more_errors_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], argv: list[str], needle: str
) -> None:
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "command",
    [
        [],
        ["list"],
        ["show"],
        ["countries"],
        ["country"],
        ["export"],
        ["stats"],
        ["validate"],
        ["schema"],
    ],
)
def test_help_on_everything(capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    code, out, _ = run(capsys, *command, "--help")
    assert code == 0
    assert out.startswith("usage: germanclusters")


def test_export_command(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "export", str(tmp_path / "pkg"))
    assert code == 0
    written = [Path(line) for line in out.splitlines()]
    assert tmp_path / "pkg" / "datapackage.json" in written
    assert all(p.exists() for p in written)
    code, out, _ = run(capsys, "export", str(tmp_path / "csv"), "--format", "csv", "--no-contacts")
    assert code == 0
    assert not (tmp_path / "csv" / "contacts.csv").exists()
    assert (tmp_path / "csv" / "clusters.csv").exists()


def test_export_errors_exit_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    code, _, err = run(capsys, "export", str(tmp_path / "pq"), "--format", "parquet")
    assert code == 1 and "germanclusters[parquet]" in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_export_into_a_file_exits_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _, err = run(capsys, "export", str(blocker))
    assert code == 2 and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert str(blocker) in err
    assert blocker.read_text(encoding="utf-8") == "x"


def test_export_does_not_replace_files_without_overwrite(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "export", str(tmp_path), "--format", "csv")
    assert code == 0
    first = {Path(line): Path(line).read_bytes() for line in out.splitlines()}
    (tmp_path / "README.md").write_text("my own notes\n", encoding="utf-8")
    code, out, err = run(capsys, "export", str(tmp_path), "--format", "csv")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert "--overwrite" in err and str(tmp_path / "README.md") in err
    assert (tmp_path / "README.md").read_text(encoding="utf-8") == "my own notes\n"
    code, out, _ = run(capsys, "export", str(tmp_path), "--format", "csv", "--overwrite")
    assert code == 0
    assert {Path(line): Path(line).read_bytes() for line in out.splitlines()} == first


def test_ctrl_c_exits_130_without_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_run", interrupted)
    code, out, err = run(capsys, "stats")
    assert code == 130 and out == ""
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_json_output_refuses_nan() -> None:
    with pytest.raises(ValueError, match="JSON"):
        cli._write_json(io.StringIO(), {"share": float("nan")})


def test_choices_are_the_library_constants() -> None:
    parser = cli._parser()
    (commands,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    export = commands.choices["export"]
    schema = commands.choices["schema"]
    (fmt,) = [a for a in export._actions if a.dest == "format"]
    (file,) = [a for a in schema._actions if a.dest == "file"]
    assert tuple(fmt.choices) == EXPORT_FORMATS and fmt.default == "datapackage"
    assert tuple(file.choices) == DATA_FILE_SCHEMAS


def test_the_cli_imports_only_public_modules() -> None:
    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    modules = [
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("germanclusters")
    ]
    modules += [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
        if alias.name.startswith("germanclusters")
    ]
    assert modules, "the CLI imports germanclusters"
    private = [m for m in modules if any(part.startswith("_") for part in m.split("."))]
    assert private == []
    names = [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("germanclusters")
        for alias in node.names
    ]
    assert not [n for n in names if n.startswith("_")]


def test_stats_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["clusters"] == len(shipped("clusters.json"))
    assert data["programmes"] == len(shipped("programmes.json"))
    assert data["sources"] == [s["id"] for s in shipped("sources.json")]
    assert data["data_version"] == shipped("manifest.json")["data_version"]


def test_schema_command_prints_the_shipped_schema(capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("clusters.json", "programmes.json", "sources.json", "manifest.json"):
        code, out, _ = run(capsys, "schema", name)
        assert code == 0
        stem = name.removesuffix(".json")
        assert out == (SCHEMA / f"{stem}.schema.json").read_text(encoding="utf-8")


def test_version_names_both_versions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out == (
        f"germanclusters {gc.__version__} (data {shipped('manifest.json')['data_version']})\n"
    )


class ClosedPipe(io.StringIO):
    """A stdout whose reader has gone away (as in ``germanclusters list | head -1``)."""

    def __init__(self, fd: int) -> None:
        super().__init__()
        self.fd = fd

    def write(self, text: str) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def fileno(self) -> int:
        return self.fd


def test_a_closed_pipe_is_not_a_traceback(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target = tmp_path / "stdout"
    with target.open("w") as handle:
        monkeypatch.setattr(sys, "stdout", ClosedPipe(handle.fileno()))
        code = main(["list"])
    _, err = capsys.readouterr()
    assert code == 1
    assert err == ""
