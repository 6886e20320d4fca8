"""Supply chain: the wheel holds exactly the package and its data, the sdist builds the
same wheel, and the manifest's checksums match the files inside the wheel."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "germanclusters"

pytest.importorskip("build", reason="the 'build' package (dev extra) builds the wheel")
pytest.importorskip("hatchling", reason="hatchling (dev extra) is the build backend")


def _build(args: list[str], outdir: Path, source: Path = ROOT) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--no-isolation",
            *args,
            "--outdir",
            str(outdir),
            str(source),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    (found,) = outdir.glob("*.whl" if "--wheel" in args else "*.tar.gz")
    return found


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(["--wheel"], tmp_path_factory.mktemp("wheel"))


def _package_files() -> set[str]:
    """What the wheel must hold: every tracked file under src/germanclusters."""
    listing = subprocess.run(
        ["git", "ls-files", "src/germanclusters"],
        cwd=ROOT,
        check=False,
        capture_output=True,
        text=True,
    )
    tracked = listing.stdout.split() if listing.returncode == 0 else []
    if not tracked:  # not a git checkout (e.g. an unpacked sdist): fall back to the tree
        tracked = [
            str(p.relative_to(ROOT))
            for p in PACKAGE.rglob("*")
            if p.is_file() and "__pycache__" not in p.parts
        ]
    return {t.removeprefix("src/") for t in tracked}


def test_wheel_holds_exactly_the_package_and_its_data(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    dist_info = {n for n in names if n.split("/")[0].endswith(".dist-info")}
    assert names - dist_info == _package_files()
    assert "germanclusters/py.typed" in names
    assert not any(n.startswith(("tests/", "tools/", "docs/", "benchmarks/")) for n in names)
    licences = {n.rsplit("/", 1)[-1] for n in dist_info if "/licenses/" in n}
    assert licences == {"LICENSE", "LICENSE-DATA"}


def test_manifest_checksums_match_the_wheel(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as zf:
        manifest = json.loads(zf.read("germanclusters/data/manifest.json"))
        for res in manifest["files"]:
            content = zf.read(f"germanclusters/data/{res['path']}")
            assert len(content) == res["bytes"], res["path"]
            assert hashlib.sha256(content).hexdigest() == res["sha256"], res["path"]


def test_sdist_builds_the_same_wheel(wheel: Path, tmp_path: Path) -> None:
    sdist = _build(["--sdist"], tmp_path / "sdist")
    with tarfile.open(sdist) as tf:
        if hasattr(tarfile, "data_filter"):  # Python 3.10.12+, 3.11.4+
            tf.extractall(tmp_path / "unpacked", filter="data")
        else:  # pragma: no cover - our own freshly built sdist
            tf.extractall(tmp_path / "unpacked")
    (source,) = (tmp_path / "unpacked").iterdir()
    again = _build(["--wheel"], tmp_path / "wheel2", source=source)

    def contents(path: Path) -> dict[str, bytes]:
        with zipfile.ZipFile(path) as zf:
            return {n: zf.read(n) for n in zf.namelist() if not n.endswith("/RECORD")}

    assert contents(again) == contents(wheel)
