"""The shipped data and the generated pages are what the build makes from their inputs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_data_is_rebuilt_exactly_from_the_curation_files() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "build_data.py"), "--verify"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr


def test_generated_pages_are_up_to_date() -> None:
    out = subprocess.run([sys.executable, str(ROOT / "tools" / "build_docs.py"), "--check"],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
