"""The documentation: the site builds, the notebook runs, the citation matches the package.

The `>>>` examples of the pages themselves run as doctests (pytest's
``--doctest-glob=*.md`` over ``docs/`` and ``README.md``); this module checks the rest.
Tests that need an optional tool (mkdocs, nbclient, cffconvert) are skipped, with the
reason, where the tool is not installed. The site is built once per run, and the build
runs the analysis notebook (mkdocs-jupyter); the tests of the site read what it built.
"""

from __future__ import annotations

import ast
import base64
import importlib
import importlib.util
import inspect
import json
import os
import re
import struct
import subprocess
import sys
import time
from dataclasses import dataclass
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

# What the site build needs: the 'docs' extra, and the 'notebook' extra for the analysis
# notebook, which mkdocs-jupyter runs once per build (it is stored without outputs).
SITE_NEEDS = {
    "mkdocs": "docs", "material": "docs", "mkdocstrings_handlers.python": "docs",
    "mkdocs_jupyter": "docs", "nbconvert": "docs", "ipykernel": "notebook",
    "matplotlib": "notebook", "pandas": "notebook", "shapefile": "notebook",
    "pyogrio": "notebook",
}

# A Sphinx role left in a docstring, as the site would show it: ":class:`X`" or, after
# Markdown, ":class:<code>X</code>".
SPHINX_ROLE = re.compile(
    r":(?:py:)?(?:class|func|meth|attr|mod|exc|data|obj|const|ref|term):(?:`|<code)"
)
# A private name (`_Records`, `_NotFound`, `germanclusters._convert`) as visible text.
PRIVATE_NAME = re.compile(r"(?<![\w.])_[A-Za-z]\w*|germanclusters\._(?!_)\w+")


def _missing_for_site() -> str | None:
    for module, extra in SITE_NEEDS.items():
        if importlib.util.find_spec(module.split(".")[0]) is None or (
            "." in module and importlib.util.find_spec(module) is None
        ):
            return f"{module} is not installed (the {extra!r} extra)"
    return None


@dataclass(frozen=True)
class Site:
    root: Path
    returncode: int
    output: str
    seconds: float
    notebook_unchanged: bool
    docs_unchanged: bool


def _tree(directory: Path) -> list[str]:
    return sorted(p.relative_to(directory).as_posix() for p in directory.rglob("*"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    """The site, built once with ``mkdocs build --strict`` (which runs the notebook)."""
    missing = _missing_for_site()
    if missing:
        pytest.skip(missing)
    tmp = tmp_path_factory.mktemp("site")
    # A kernel spec named as in the notebook's metadata (python3) that runs this
    # interpreter, ahead of any python3 kernel of the user or the system.
    _kernel_spec(tmp / "jupyter", name="python3")
    before, docs_before = NOTEBOOK.read_bytes(), _tree(DOCS)
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "JUPYTER_PLATFORM_DIRS": "1",
            "JUPYTER_PATH": str(tmp / "jupyter"),
            "MPLCONFIGDIR": str(tmp / "mpl"),
        },
        check=False,
    )
    return Site(
        root=tmp / "site",
        returncode=result.returncode,
        output=result.stdout + result.stderr,
        seconds=time.perf_counter() - start,
        notebook_unchanged=NOTEBOOK.read_bytes() == before,
        docs_unchanged=_tree(DOCS) == docs_before,
    )


def _page(site: Site, name: str) -> str:
    assert site.returncode == 0, site.output
    return (site.root / name / "index.html").read_text(encoding="utf-8")


def _text(html: str) -> str:
    """The visible text of a page: no <script>, <style> or tags."""
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.DOTALL | re.IGNORECASE)
    return re.sub(r"<[^>]+>", " ", html)


def test_mkdocs_build_strict(site: Site) -> None:
    assert site.returncode == 0, site.output
    assert (site.root / "index.html").is_file()
    assert (site.root / "reference" / "index.html").is_file()
    # Running the notebook neither writes it back nor leaves files in docs/ (its cwd),
    # and the build keeps no cache in the repository.
    assert site.notebook_unchanged, "the executed notebook must not be written back"
    assert site.docs_unchanged, "the notebook must save no files"
    assert not (ROOT / ".cache" / "mkdocs-jupyter").exists()


def _png_widths(html: str) -> list[int]:
    """The pixel widths of the PNG images embedded in ``html`` as data: URLs."""
    widths = []
    for data in re.findall(r'<img\b[^>]*\bsrc="data:image/png;base64,([A-Za-z0-9+/=]{32})', html):
        header = base64.b64decode(data)  # PNG signature, IHDR length and type, then width
        assert header[:8] == b"\x89PNG\r\n\x1a\n"
        widths.append(struct.unpack(">I", header[16:20])[0])
    return widths


def test_notebook_page_shows_its_figures(site: Site) -> None:
    html = _page(site, "analysis")
    assert len(_png_widths(html)) >= MIN_FIGURES
    # No error or warning printed by a cell (allow_errors: false fails the build on an error).
    assert not re.search(r'<div\b[^>]*data-mime-type="application/vnd\.jupyter\.stderr"', html)
    # The world map: the cell that reads the Natural Earth shapes shows one image, drawn
    # at 150 dpi or more (13 inches wide).
    cells = re.split(r'<div\b[^>]*class="jp-Cell(?=[\s"])', html)
    drawing = [c for c in cells if "naturalearth_lowres" in c]
    assert len(drawing) == 1, "no cell (or several) reads the Natural Earth shapes"
    assert [w >= 13 * 150 for w in _png_widths(drawing[0])] == [True]
    assert "Natural Earth" in _text(drawing[0])
    # The page offers the notebook itself for download, next to the page.
    assert 'href="analysis.ipynb"' in html
    assert (site.root / "analysis" / "analysis.ipynb").read_bytes() == NOTEBOOK.read_bytes()


def test_pages_link_the_rendered_notebook(site: Site) -> None:
    for page in ("getting-started", "tutorial", ""):
        html = (site.root / page / "index.html").read_text(encoding="utf-8")
        assert re.search(r'href="(\.\./)?analysis/"', html), page
        assert 'href="analysis.ipynb"' not in html and 'href="../analysis.ipynb"' not in html


def test_no_sphinx_role_in_the_site(site: Site) -> None:
    assert site.returncode == 0, site.output
    found = {
        page.relative_to(site.root).as_posix(): SPHINX_ROLE.findall(page.read_text("utf-8"))
        for page in site.root.rglob("*.html")
    }
    assert {page: roles for page, roles in found.items() if roles} == {}


def test_reference_hides_private_names(site: Site) -> None:
    text = _text(_page(site, "reference"))
    assert "Clusters" in text and "ClusterNotFound" in text
    assert sorted(set(PRIVATE_NAME.findall(text))) == []


def test_reference_documents_the_public_names_and_no_internals(site: Site) -> None:
    found = re.findall(r'\bid="germanclusters\.(\w+)\.(\w+)"', _page(site, "reference"))
    public = set(gc.__all__) - {"__version__"}
    assert sorted(public - {name for _, name in found}) == [], "public names left out"
    # Beyond gc's names the reference may show what a module exports for those who
    # import it (the Summary that count_by returns, say), but no module's internals.
    internal = sorted(f"{module}.{name}" for module, name in found if name not in public
                      and name not in getattr(importlib.import_module(
                          f"germanclusters.{module}"), "__all__", ()))
    assert internal == [], "names the reference shows that no __all__ lists"


def test_reference_cross_references_resolve(site: Site) -> None:
    html = _page(site, "reference")
    links = set(re.findall(r'<a\b[^>]*\bhref="#(germanclusters\.[\w.]+)"', html))
    anchors = set(re.findall(r'\bid="(germanclusters\.[\w.]+)"', html))
    assert {"germanclusters.model.Cluster", "germanclusters.query.Clusters"} <= links
    assert links - anchors == set(), "links to objects the page does not document"
    # A cross-reference that autorefs could not resolve stays as text in brackets.
    assert not re.search(r"\]\[germanclusters\.", _text(html))


def test_reference_renders_the_examples(site: Site) -> None:
    html = _page(site, "reference")
    examples = re.findall(r'<div class="[^"]*\bhighlight\b[^"]*"><pre>.*?&gt;&gt;&gt;', html,
                          flags=re.DOTALL)
    assert len(examples) >= len(gc.__all__) // 2
    assert "<details" not in html  # examples are shown, not collapsed
    # A `>>>` outside an Examples section is Markdown's nested quote, not code.
    assert "<blockquote>" not in html
    assert "&gt;&gt;&gt;" not in _text(re.sub(r"<pre\b.*?</pre>", " ", html, flags=re.DOTALL))


def _nav_pages() -> list[str]:
    """The pages (.md, .ipynb) named in the nav of mkdocs.yml (plain text, no YAML parser)."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    nav = text.split("\nnav:\n", 1)[1]
    nav = re.split(r"\n\S", nav, maxsplit=1)[0]  # up to the next top-level key
    return re.findall(
        r"^\s*-\s*(?:[^\n]*?:\s*)?([\w./-]+\.(?:md|ipynb))\s*$", nav, flags=re.MULTILINE
    )


def test_install_instructions_work_today() -> None:
    """The package is not on PyPI: the pages install from a clone (`pip install .`)."""
    for page in (ROOT / "README.md", DOCS / "getting-started.md"):
        commands = [line for line in page.read_text(encoding="utf-8").splitlines()
                    if "pip install" in line and not line.lstrip().startswith(">")]
        assert any("pip install ." in c for c in commands), page.name
        assert not [c for c in commands if re.search(r"pip install ['\"]?germanclusters", c)]


def test_every_page_is_in_the_nav() -> None:
    in_nav = _nav_pages()
    pages = {p.relative_to(DOCS).as_posix() for p in [*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")]}
    assert "analysis.ipynb" in in_nav
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


def _kernel_spec(directory: Path, name: str = "germanclusters-docs-test") -> str:
    """A kernel spec that runs this interpreter, so the notebook sees this installation."""
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
    # Where the site can be built, the build runs the notebook and the tests above check
    # its page; the notebook is run here only where it cannot (no 'docs' extra).
    if _missing_for_site() is None:
        pytest.skip("the site build runs the notebook (test_notebook_page_shows_its_figures)")
    monkeypatch.setenv("JUPYTER_PLATFORM_DIRS", "1")  # before jupyter_core is imported
    nbformat = pytest.importorskip("nbformat", reason="the 'notebook' extra is not installed")
    nbclient = pytest.importorskip("nbclient", reason="the 'notebook' extra is not installed")
    for module in ("ipykernel", "matplotlib", "pandas", "shapefile", "pyogrio"):
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
    drawing = [c for c in notebook.cells if "naturalearth_lowres" in c.source]
    assert len(drawing) == 1
    assert [o for o in drawing[0].outputs if "image/png" in o.get("data", {})]
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
    assert _field(data, "date-released", r"\s+") == gc.manifest().created.isoformat()
    assert _field(data, "license", r"\s+") == gc.manifest().licence == "CC-BY-4.0"


def test_citation_page_cites_the_versions_shipped() -> None:
    page = (DOCS / "citation.md").read_text(encoding="utf-8")
    assert f"data version {gc.data_version()}\n" in page
    assert f"version = {{{gc.data_version()}}}" in page
    assert f"version {gc.__version__} [software]" in page
    assert f"version = {{{gc.__version__}}}" in page


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
