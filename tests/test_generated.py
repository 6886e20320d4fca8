"""The shipped data and the generated pages are what the build makes from their inputs."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest

import germanclusters as gc
from germanclusters.model import version_date

ROOT = Path(__file__).resolve().parent.parent


def test_data_is_rebuilt_exactly_from_the_curation_files() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "build_data.py"), "--verify"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr


def test_generated_pages_are_up_to_date() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "build_docs.py"), "--check"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize(("current", "today", "expected"), [
    (None, "2026-12-03", "2026.12.03"),
    ("2026.12.02", "2026-12-03", "2026.12.03"),
    ("2026.12.02", "2026-12-02", "2026.12.02.1"),
    ("2026.12.02.1", "2026-12-02", "2026.12.02.2"),
    ("2026.12.02.9", "2026-12-02", "2026.12.02.10"),
])
def test_a_second_release_on_one_day_gets_a_serial(current: str | None, today: str,
                                                   expected: str) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import build_data
    finally:
        sys.path.remove(str(ROOT / "tools"))
    assert build_data.next_version(current, date.fromisoformat(today)) == expected


@pytest.mark.parametrize("version", ["2026.12.02", "2026.12.02.1", "2026.12.02.12"])
def test_data_versions_are_calver_with_an_optional_serial(version: str) -> None:
    man = attrs.evolve(gc.manifest(), data_version=version)
    assert man.data_version == version
    assert version_date(version) == date(2026, 12, 2)


@pytest.mark.parametrize("version", ["2026.12.2", "2026.12.02.0", "2026.13.02", "2026.12.02."])
def test_other_data_versions_are_refused(version: str) -> None:
    with pytest.raises(gc.DataError) as info:
        attrs.evolve(gc.manifest(), data_version=version)
    assert info.value.field == "data_version"
