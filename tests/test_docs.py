"""The documentation: the site builds, the notebook runs, the citation matches the package.

The `>>>` examples of the pages themselves run as doctests (pytest's
``--doctest-glob=*.md`` over ``docs/`` and ``README.md``); this module checks the rest.
Tests that need an optional tool (mkdocs, nbclient, cffconvert) are skipped, with the
reason, where the tool is not installed.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import germanclusters as gc

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
SRC = ROOT / "src" / "germanclusters"
NOTEBOOK = DOCS / "analysis.ipynb"
CITATION = ROOT / "CITATION.cff"

# The notebook draws ten charts: ranked countries per phase, the world map of both
# phases, kept/dropped/added per cluster, targets by state, targets by round of the
# measure, the cluster x country grid, the cluster-to-country network, the partner
# network, clusters per state and programme, and the time line of ECEI labels.
MIN_FIGURES = 10


# ------------------------------------------------------------------------ the site


def test_mkdocs_build_strict(tmp_path: Path) -> None:
    pytest.importorskip("mkdocs", reason="mkdocs is not installed (the 'docs' extra)")
    pytest.importorskip("material", reason="mkdocs-material is not installed (the 'docs' extra)")
    pytest.importorskip(
        "mkdocstrings_handlers.python",
        reason="mkdocstrings-python is not installed (the 'docs' extra)",
    )
    site = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (site / "index.html").is_file()
    assert (site / "reference" / "index.html").is_file()
    # The notebook is not rendered; it is copied as a file and linked from the pages.
    assert (site / "analysis.ipynb").is_file()


def _nav_pages() -> list[str]:
    """The .md files named in the nav of mkdocs.yml (plain text: no YAML parser needed)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text.split("\nnav:\n", 1)[1]
    nav = re.split(r"\n\S", nav, maxsplit=1)[0]  # up to the next top-level key
    return re.findall(r"^\s*-\s*(?:[^\n]*?:\s*)?([\w./-]+\.md)\s*$", nav, flags=re.MULTILINE)


def test_every_page_is_in_the_nav() -> None:
    in_nav = _nav_pages()
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    assert len(in_nav) == len(set(in_nav)), "a page is in the nav twice"
    assert sorted(pages - set(in_nav)) == [], "pages missing from the nav in mkdocs.yml"
    assert sorted(set(in_nav) - pages) == [], "nav entries whose page does not exist"


def test_notebook_is_linked_from_the_pages() -> None:
    linked = [p.name for p in DOCS.glob("*.md") if "(analysis.ipynb)" in p.read_text("utf-8")]
    assert linked, "no page links to analysis.ipynb"


def test_changelog_page_includes_the_changelog() -> None:
    assert '--8<-- "CHANGELOG.md"' in (DOCS / "changelog.md").read_text(encoding="utf-8")


# -------------------------------------------------------------------- the notebook


def test_notebook_is_stored_without_outputs() -> None:
    notebook = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    assert code
    assert [c["execution_count"] for c in code] == [None] * len(code)
    assert [c["outputs"] for c in code] == [[]] * len(code)


def _kernel_spec(directory: Path) -> str:
    """A kernel spec that runs this interpreter, so the notebook sees this installation."""
    name = "germanclusters-docs-test"
    spec = directory / "kernels" / name
    spec.mkdir(parents=True)
    argv = [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
    kernel = {"argv": argv, "display_name": "germanclusters test", "language": "python"}
    (spec / "kernel.json").write_text(json.dumps(kernel), encoding="utf-8")
    return name


def _png_outputs(notebook: Any) -> int:
    return sum(
        "image/png" in output.get("data", {})
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )


def test_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # before jupyter_core is imported
    nbformat = pytest.importorskip("nbformat", reason="the 'notebook' extra is not installed")
    nbclient = pytest.importorskip("nbclient", reason="the 'notebook' extra is not installed")
    for module in ("ipykernel", "matplotlib", "pandas"):
        pytest.importorskip(module, reason="the 'notebook' extra is not installed")

    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    monkeypatch.setenv("MPLCONFIGDIR", str(tmp_path / "mpl"))
    kernel = _kernel_spec(tmp_path)

    before = NOTEBOOK.read_bytes()
    notebook = nbformat.reads(before.decode("utf-8"), as_version=4)
    client = nbclient.NotebookClient(
        notebook,
        timeout=120,
        kernel_name=kernel,
        resources={"metadata": {"path": str(work)}},
    )
    client.execute()  # raises CellExecutionError, with the cell, if any cell fails

    assert _png_outputs(notebook) >= MIN_FIGURES
    errors = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert errors == []
    assert NOTEBOOK.read_bytes() == before, "the executed notebook must not be written back"
    assert sorted(p.name for p in work.iterdir()) == [], "the notebook must save no files"


# ---------------------------------------------------------------------- the citation


def _citation_parts() -> tuple[str, str]:
    """CITATION.cff split into its top level (the software) and its references."""
    text = CITATION.read_text(encoding="utf-8")
    head, sep, references = text.partition("\nreferences:\n")
    assert sep, "CITATION.cff has no references (the dataset)"
    return head, references


def _field(block: str, key: str, indent: str = "") -> str:
    match = re.search(
        rf"^{indent}{re.escape(key)}:\s*\"?([^\"\n]+?)\"?\s*$", block, flags=re.MULTILINE
    )
    assert match, f"CITATION.cff: no {key!r}"
    return match.group(1)


def test_citation_names_the_package_and_data_versions() -> None:
    head, references = _citation_parts()
    assert _field(head, "cff-version") == "1.2.0"
    assert _field(head, "type") == "software"
    assert _field(head, "version") == gc.__version__
    assert _field(head, "license") == "MIT"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", _field(head, "date-released"))
    words = " ".join(head.split())
    assert f"version is {gc.__version__};" in words
    assert f"data version {gc.data_version()}" in words

    data = references.split("\n  - ")[0]
    assert _field(data, "type", r"\s+-?\s*") == "data"
    assert _field(data, "version", r"\s+") == gc.data_version()
    assert _field(data, "date-released", r"\s+") == gc.data_version().replace(".", "-")
    assert _field(data, "license", r"\s+") == gc.manifest().licence == "CC-BY-4.0"


def test_citation_cff_is_valid() -> None:
    cffconvert = os.environ.get("CFFCONVERT")
    if not cffconvert:
        pytest.skip(
            "CFFCONVERT is not set: point it at a cffconvert binary installed in its own "
            "virtual environment (cffconvert pins jsonschema<4) to validate CITATION.cff"
        )
    result = subprocess.run(
        [cffconvert, "--validate", "-i", str(CITATION)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------ examples in the docstrings

# Public names whose docstrings have no `>>>` example yet. Each is an expected failure
# (strict): once its example is added, the test passes unexpectedly and fails, and the
# name must be taken off this list.
LACKING_EXAMPLES: frozenset[str] = frozenset()


def _module_examples(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    return [line for line in (module.__doc__ or "").splitlines() if ">>>" in line]


def _defining_module(name: str) -> str:
    """The module whose top level assigns ``name`` (for constants such as REGIONS)."""
    for path in sorted(SRC.glob("*.py")):
        if path.name == "__init__.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            targets = (
                node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            )
            if any(isinstance(t, ast.Name) and t.id == name for t in targets):
                return f"germanclusters.{path.stem}"
    raise AssertionError(f"no module of germanclusters assigns {name}")


def _has_example(name: str) -> bool:
    obj = getattr(gc, name)
    if inspect.isclass(obj):
        return ">>>" in (obj.__dict__.get("__doc__") or "")  # its own, not inherited
    if callable(obj):
        return ">>>" in (obj.__doc__ or "")
    # A constant cannot carry a docstring: its example is in the module docstring of the
    # module that defines it, or of the package, and uses the name.
    lines = _module_examples(_defining_module(name)) + _module_examples("germanclusters")
    return any(name in line for line in lines)


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(
            name,
            marks=pytest.mark.xfail(reason="no >>> example yet", strict=True)
            if name in LACKING_EXAMPLES
            else (),
        )
        for name in gc.__all__
    ],
)
def test_public_name_has_an_example(name: str) -> None:
    assert _has_example(name), f"gc.{name}: its docstring has no >>> example"
