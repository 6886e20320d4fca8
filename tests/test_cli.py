"""The command line: answers, one-line errors with exit status 2, no tracebacks."""

from __future__ import annotations

import subprocess
import sys

import pytest

import germanclusters as gc
from germanclusters.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stats_prints_counts_and_versions(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "stats")
    assert code == 0
    assert gc.data_version() in out
    assert f"clusters:{' ' * 30}{len(gc.clusters())}" in out.replace("  ", "  ")
    for src in gc.sources():
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
    assert out.startswith("ok: data version " + gc.data_version())


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
