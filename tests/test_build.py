"""The shipped data is exactly what tools/build_data.py makes of tools/curation/."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TOOL = ROOT / "tools" / "build_data.py"

needs_tomllib = pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib needs 3.11+")


@needs_tomllib
def test_shipped_data_is_up_to_date() -> None:
    proc = subprocess.run([sys.executable, str(TOOL), "--verify"], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


@needs_tomllib
@pytest.mark.parametrize(
    ("raw", "e164"),
    [
        ("+49 3518925800", "+493518925800"),  # Cool Silicon, as printed
        ("+49 (0) 4141 40740 - 15", "+4941414074015"),  # extension after a dash
        ("+49 (0) 06441/992051", "+496441992051"),  # trunk zero printed twice
        ("+49 (0) 23 51.10 64-195", "+4923511064195"),  # dots and dash
        ("+ 49 (0) 40 / 22 70 19 479", "+4940227019479"),  # space after the plus
    ],
)
def test_phone_numbers_as_printed_become_e164(raw: str, e164: str) -> None:
    spec = importlib.util.spec_from_file_location("build_data", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.to_e164(raw, where="test") == e164
    with pytest.raises(module.BuildError):
        module.to_e164("0351 8925800", where="test")
    with pytest.raises(module.BuildError):
        module.to_e164("+49 351 CALL-NOW", where="test")
