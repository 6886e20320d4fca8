"""Flat tables, data frames and exports (CSV, JSON, Parquet, Frictionless data package).

Expected rows are computed here with plain loops over the objects, never taken from
the code under test.
"""

from __future__ import annotations

import csv
import json
import sys
import warnings
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import germanclusters as gc
from germanclusters import _html, exports, tables
from strategies import cluster_collections, programme_collections

CLUSTER_TABLES = (
    "clusters",
    "participations",
    "phases",
    "target_countries",
    "labels",
    "contacts",
    "countries",
)
PROGRAMME_TABLES = ("programmes", "programme_rounds", "funding")
ALL_TABLES = (*CLUSTER_TABLES, *PROGRAMME_TABLES, "sources")


def records(table: str) -> list[dict[str, Any]]:
    if table in CLUSTER_TABLES:
        return gc.to_records(gc.clusters(), table=table)
    if table in PROGRAMME_TABLES:
        return gc.to_records(gc.programmes(), table=table)
    return gc.to_records(gc.sources(), table=table)


def expected_target_rows() -> set[tuple[str, str, str, str]]:
    out = set()
    for c in gc.clusters():
        for part in c.participations:
            for ph in part.phases:
                for k in ph.countries:
                    out.add((c.id, part.programme, ph.kind.value, k.alpha_2))
    return out


# ------------------------------------------------------------------ to_records


@pytest.mark.parametrize("table", ALL_TABLES)
def test_rows_are_flat_with_the_same_keys(table: str) -> None:
    rows = records(table)
    assert rows, f"the shipped data has rows in {table}"
    keys = list(rows[0])
    for row in rows:
        assert list(row) == keys
        for value in row.values():
            assert value is None or isinstance(value, (str, int, date)), (table, value)
    if table in ("clusters", "programmes", "sources", "countries"):
        key = "alpha_2" if table == "countries" else "id"
        assert keys[0] == key
    else:
        assert keys[0] in ("cluster_id", "programme_id")


def test_row_counts_match_the_objects() -> None:
    everything = list(gc.clusters())
    assert [r["id"] for r in records("clusters")] == [c.id for c in everything]
    assert len(records("participations")) == sum(len(c.participations) for c in everything)
    assert len(records("phases")) == sum(
        len(p.phases) for c in everything for p in c.participations
    )
    assert len(records("labels")) == sum(len(c.labels) for c in everything)
    assert len(records("contacts")) == sum(len(c.contacts) for c in everything)
    assert len(records("programmes")) == len(gc.programmes())
    assert len(records("programme_rounds")) == sum(len(p.rounds) for p in gc.programmes())
    assert len(records("funding")) == sum(len(p.funding) for p in gc.programmes())
    assert [r["id"] for r in records("sources")] == [s.id for s in gc.sources()]


def test_target_countries_has_one_row_per_cluster_phase_and_country() -> None:
    rows = records("target_countries")
    keys = [(r["cluster_id"], r["programme"], r["phase"], r["country"]) for r in rows]
    assert len(keys) == len(set(keys))
    assert set(keys) == expected_target_rows()
    countries = {r["alpha_2"] for r in records("countries")}
    assert countries == {k[3] for k in keys}


def test_cool_silicon_rows() -> None:
    c = gc.cluster("cool-silicon")
    (row,) = gc.to_records(c)
    assert (row["id"], row["state"], row["city"]) == ("cool-silicon", "DE-SN", "Dresden")
    targets = {(r["phase"], r["country"]) for r in gc.to_records(c, table="target_countries")}
    assert targets == {("concept", "BE"), ("concept", "CZ"), ("implementation", "CZ")}
    lec = [
        r
        for r in gc.to_records(c, table="participations")
        if r["programme"] == "leading-edge-cluster-competition"
    ]
    assert [(r["round"], r["year"]) for r in lec] == [(1, 2008)]


def test_lists_are_joined_and_empty_is_none() -> None:
    c = gc.Cluster(id="x", name="X", aliases=["A", "B"], sources=["s1", "s2"])
    (row,) = gc.to_records(c)
    assert row["aliases"] == "A; B"
    assert row["sources"] == "s1; s2"
    assert row["notes"] is None and row["states"] is None and row["founded"] is None
    assert gc.to_records(c, table="phases") == []


def test_notes_are_joined_with_a_line_break() -> None:
    c = gc.Cluster(id="x", name="X", notes=["Founded 2001; association 2011.", "B"], sources=["s"])
    (row,) = gc.to_records(c)
    assert row["notes"] == "Founded 2001; association 2011.\nB"
    p = gc.Programme(id="p", name="P", kind="competition", notes=["a; b"], sources=["s"])
    (row,) = gc.to_records(gc.Programmes([p]))
    assert row["notes"] == "a; b"


# The decision: notes are joined with a line break, every other list with "; ".
SEPARATOR = {"notes": "\n"}


def list_items(
    table: str, clusters: list[gc.Cluster], programmes: list[gc.Programme]
) -> list[dict[str, tuple[str, ...]]]:
    """The items of each list column of each row of ``table``, from the objects."""
    if table == "clusters":
        return [
            {"aliases": c.aliases, "states": c.states, "notes": c.notes, "sources": c.sources}
            for c in clusters
        ]
    if table == "participations":
        return [{"sources": p.sources} for c in clusters for p in c.participations]
    if table == "phases":
        return [
            {"countries": tuple(k.alpha_2 for k in ph.countries), "regions": ph.regions}
            for c in clusters
            for p in c.participations
            for ph in p.phases
        ]
    if table == "labels":
        return [{"sources": lab.sources} for c in clusters for lab in c.labels]
    if table == "contacts":
        return [{"sources": k.sources} for c in clusters for k in c.contacts]
    if table == "programmes":
        return [
            {"aliases": p.aliases, "partners": p.partners, "notes": p.notes, "sources": p.sources}
            for p in programmes
        ]
    if table == "programme_rounds":
        return [{"sources": r.sources} for p in programmes for r in p.rounds]
    if table == "funding":
        return [{"sources": f.sources} for p in programmes for f in p.funding]
    return []  # target_countries, countries, sources: no list columns


def split_cells(table: str, rows: list[dict[str, Any]]) -> list[dict[str, tuple[str, ...]]]:
    columns = [c.name for c in tables._TABLES[table].columns if c.separator]
    return [
        {
            name: () if row[name] is None else tuple(row[name].split(SEPARATOR.get(name, "; ")))
            for name in columns
        }
        for row in rows
    ]


def check_lists_split_back(clusters: list[gc.Cluster], programmes: list[gc.Programme]) -> None:
    for table in ALL_TABLES:
        if table == "sources":
            continue
        obj: Any = gc.Clusters(clusters) if table in CLUSTER_TABLES else gc.Programmes(programmes)
        rows = gc.to_records(obj, table=table)
        expected = list_items(table, clusters, programmes)
        if expected or not rows:
            assert split_cells(table, rows) == expected, table
        else:
            assert split_cells(table, rows) == [{} for _ in rows], table


def test_every_list_cell_of_the_shipped_data_splits_back_into_its_items() -> None:
    everything = list(gc.clusters())
    assert any("; " in n for c in everything for n in c.notes), "notes with '; ' are shipped"
    check_lists_split_back(everything, list(gc.programmes()))


@settings(max_examples=25)  # each example is several clusters and programmes
@given(clusters=cluster_collections(4), programmes=programme_collections(3))
def test_every_list_cell_splits_back_into_its_items(
    clusters: gc.Clusters, programmes: gc.Programmes
) -> None:
    check_lists_split_back(list(clusters), list(programmes))


def test_the_list_columns_and_their_separators() -> None:
    found = {
        (t.name, c.name): c.separator for t in tables._TABLE_LIST for c in t.columns if c.separator
    }
    everything = (list(gc.clusters()), list(gc.programmes()))
    wanted = {
        (table, name): SEPARATOR.get(name, "; ")
        for table in ALL_TABLES
        for row in list_items(table, *everything)[:1]  # every table has rows
        for name in row
    }
    assert found == wanted
    assert tables.LIST_SEPARATOR == "; " and tables.NOTES_SEPARATOR == "\n"


def test_default_tables() -> None:
    assert gc.to_records(gc.programmes()) == records("programmes")
    assert gc.to_records(gc.sources()) == records("sources")
    assert gc.to_records(gc.clusters()) == records("clusters")
    assert gc.to_records((), table="labels") == []


@pytest.mark.parametrize(
    ("obj", "table", "error", "needle"),
    [
        ("clusters", "programmes", ValueError, "'clusters'"),
        ("clusters", "tables", ValueError, "'tables'"),
        ("programmes", "phases", ValueError, "'programme_rounds'"),
        ("clusters", 3, TypeError, "table"),
        ("dict", None, TypeError, "dict"),
        ("mixed", None, TypeError, "Cluster, all Programme"),
        ("empty", None, ValueError, "table"),
    ],
)
def test_to_records_errors(obj: str, table: Any, error: type[Exception], needle: str) -> None:
    value: Any = {
        "clusters": gc.clusters(),
        "programmes": gc.programmes(),
        "dict": {"id": "x"},
        "mixed": (gc.cluster("cool-silicon"), gc.programmes()[0]),
        "empty": (),
    }[obj]
    with pytest.raises(error, match=needle):
        gc.to_records(value, table=table)


# ---------------------------------------------------------------- data frames


def test_pandas_frame_has_the_rows_and_types() -> None:
    pd = pytest.importorskip("pandas")
    frame = gc.to_dataframe(gc.clusters(), table="target_countries")
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == len(expected_target_rows())
    assert set(zip(frame.cluster_id, frame.programme, frame.phase, frame.country, strict=True)) == (
        expected_target_rows()
    )
    clusters = gc.to_dataframe(gc.clusters())
    assert str(clusters["founded"].dtype) == "Int64"
    assert list(clusters["id"]) == [c.id for c in gc.clusters()]
    contacts = gc.to_dataframe(gc.clusters(), table="contacts")
    assert str(contacts["as_of"].dtype).startswith("datetime64")
    empty = gc.to_dataframe(gc.clusters().where(lambda c: False), table="labels")
    assert len(empty) == 0 and "level" in empty.columns


def test_polars_frame() -> None:
    pl = pytest.importorskip("polars")
    frame = gc.to_dataframe(gc.clusters(), table="target_countries", library="polars")
    assert isinstance(frame, pl.DataFrame)
    assert set(frame.select(["cluster_id", "programme", "phase", "country"]).iter_rows()) == (
        expected_target_rows()
    )
    assert frame.schema["cluster_id"] == pl.String
    assert gc.to_dataframe(gc.clusters(), library="polars").schema["founded"] == pl.Int64


@pytest.mark.parametrize(
    ("module", "library", "extra"), [("pandas", "pandas", "pandas"), ("polars", "polars", "polars")]
)
def test_missing_extra(
    monkeypatch: pytest.MonkeyPatch, module: str, library: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # makes `import module` fail
    with pytest.raises(gc.MissingExtra, match=rf"germanclusters\[{extra}\]") as info:
        gc.to_dataframe(gc.clusters(), library=library)
    assert isinstance(info.value, ImportError)


def test_unknown_library() -> None:
    with pytest.raises(ValueError, match="library"):
        gc.to_dataframe(gc.clusters(), library="spark")


# --------------------------------------------------------------------- export


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def as_csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def test_csv_export_writes_every_table(tmp_path: Path) -> None:
    paths = gc.export(tmp_path / "out", format="csv")
    names = {p.name for p in paths}
    assert names == {f"{t}.csv" for t in ALL_TABLES} | {"README.md"}
    assert all(p.exists() and p.parent == tmp_path / "out" for p in paths)
    for table in ALL_TABLES:
        rows = read_csv(tmp_path / "out" / f"{table}.csv")
        expected = [{k: as_csv_cell(v) for k, v in r.items()} for r in records(table)]
        assert rows == expected, table
    readme = (tmp_path / "out" / "README.md").read_text(encoding="utf-8")
    assert "personal data" in readme.casefold() and "contacts" in readme
    assert gc.data_version() in readme and "CC BY 4.0" in readme


def test_csv_export_without_contacts(tmp_path: Path) -> None:
    paths = gc.export(tmp_path, format="csv", include_contacts=False)
    assert "contacts.csv" not in {p.name for p in paths}
    assert not (tmp_path / "contacts.csv").exists()
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "left out" in readme
    names = {k.name for c in gc.clusters() for k in c.contacts if k.name}
    assert names, "the shipped data has named contacts"
    everything = "".join(p.read_text(encoding="utf-8") for p in paths)
    assert not any(name in everything for name in names)


def test_json_export_is_the_canonical_dataset(tmp_path: Path) -> None:
    (readme, path) = gc.export(tmp_path, format="json")
    assert readme.name == "README.md" and path.name == "germanclusters.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["data_version"] == gc.data_version()
    assert gc.from_json(json.dumps(data["clusters"]), gc.Clusters) == gc.clusters()
    assert gc.from_json(json.dumps(data["programmes"]), gc.Programmes) == gc.programmes()
    assert gc.from_json(json.dumps(data["sources"]), tuple[gc.Source, ...]) == gc.sources()
    text = path.read_text(encoding="utf-8")
    assert text == json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def test_json_export_without_contacts(tmp_path: Path) -> None:
    (_, path) = gc.export(tmp_path, format="json", include_contacts=False)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert all(c["contacts"] == [] for c in data["clusters"])
    assert [c["id"] for c in data["clusters"]] == list(gc.clusters().ids)
    assert sum(len(c.contacts) for c in gc.clusters()) > 0, "the cached data is unchanged"


def test_parquet_export(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    paths = gc.export(tmp_path, format="parquet")
    assert {p.name for p in paths} == {f"{t}.parquet" for t in ALL_TABLES} | {"README.md"}
    for table in ALL_TABLES:
        read = pq.read_table(tmp_path / f"{table}.parquet").to_pylist()
        assert read == records(table), table


def test_parquet_needs_its_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(gc.MissingExtra, match=r"germanclusters\[parquet\]"):
        gc.export(tmp_path, format="parquet")
    assert list(tmp_path.iterdir()) == []


def datapackage(tmp_path: Path, **kwargs: Any) -> tuple[list[Path], dict[str, Any]]:
    paths = gc.export(tmp_path, format="datapackage", **kwargs)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text(encoding="utf-8"))
    return paths, descriptor


def test_datapackage_descriptor(tmp_path: Path) -> None:
    paths, descriptor = datapackage(tmp_path)
    assert {p.name for p in paths} == {f"{t}.csv" for t in ALL_TABLES} | {
        "README.md",
        "datapackage.json",
    }
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["version"] == gc.data_version()
    assert len(descriptor["sources"]) == len(gc.sources())
    assert "personal data" in descriptor["description"]
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert set(resources) == set(ALL_TABLES)
    assert resources["clusters"]["schema"]["primaryKey"] == ["id"]
    keys = resources["phases"]["schema"]["foreignKeys"]
    assert {
        "fields": ["cluster_id", "programme"],
        "reference": {"resource": "participations", "fields": ["cluster_id", "programme"]},
    } in keys
    participation_keys = resources["participations"]["schema"]["foreignKeys"]
    assert {"fields": ["cluster_id"], "reference": {"resource": "clusters", "fields": ["id"]}} in (
        participation_keys
    )
    for name, resource in resources.items():
        fields = [f["name"] for f in resource["schema"]["fields"]]
        with (tmp_path / resource["path"]).open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == fields, name


def test_datapackage_describes_the_list_separators(tmp_path: Path) -> None:
    _, descriptor = datapackage(tmp_path)
    fields = {
        (r["name"], f["name"]): f["description"]
        for r in descriptor["resources"]
        for f in r["schema"]["fields"]
    }
    assert "line break" in fields[("clusters", "notes")]
    assert "line break" in fields[("programmes", "notes")]
    for key in [("clusters", "aliases"), ("phases", "countries"), ("programmes", "partners")]:
        assert "separated by '; '" in fields[key], key
    readme = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert "`; `" in readme and "one note per line" in readme


def test_notes_with_line_breaks_survive_the_csv_file(tmp_path: Path) -> None:
    gc.export(tmp_path, format="csv")
    rows = read_csv(tmp_path / "clusters.csv")
    by_id = {c.id: c for c in gc.clusters()}
    several = [r for r in rows if len(by_id[r["id"]].notes) > 1]
    assert several, "the shipped data has clusters with several notes"
    for row in rows:
        notes = tuple(row["notes"].split("\n")) if row["notes"] else ()
        assert notes == by_id[row["id"]].notes


def test_datapackage_without_contacts(tmp_path: Path) -> None:
    paths, descriptor = datapackage(tmp_path, include_contacts=False)
    assert "contacts" not in {r["name"] for r in descriptor["resources"]}
    assert "contacts.csv" not in {p.name for p in paths}
    assert "left out" in descriptor["description"]


def frictionless_report(path: Path) -> Any:
    frictionless = pytest.importorskip("frictionless")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # frictionless' own deprecation notices
        return frictionless.validate(str(path))


@pytest.mark.parametrize("include_contacts", [True, False])
def test_datapackage_is_valid_under_frictionless(tmp_path: Path, include_contacts: bool) -> None:
    datapackage(tmp_path, include_contacts=include_contacts)
    report = frictionless_report(tmp_path / "datapackage.json")
    errors = [(e.type, e.message) for task in report.tasks for e in task.errors]
    assert report.valid, errors


def test_frictionless_catches_a_broken_foreign_key(tmp_path: Path) -> None:
    datapackage(tmp_path)
    path = tmp_path / "phases.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[1] = "no-such-cluster" + lines[1][lines[1].index(",") :]
    path.write_text("".join(lines), encoding="utf-8")
    report = frictionless_report(tmp_path / "datapackage.json")
    types = {e.type for task in report.tasks for e in task.errors}
    assert not report.valid
    assert "foreign-key" in types and "hash-count" in types


def test_export_argument_errors(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'xlsx'"):
        gc.export(tmp_path, format="xlsx")
    with pytest.raises(TypeError, match="include_contacts"):
        gc.export(tmp_path, format="csv", include_contacts="no")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="directory"):
        gc.export(42, format="csv")  # type: ignore[arg-type]
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(FileExistsError):
        gc.export(blocker, format="csv")


def test_export_is_deterministic(tmp_path: Path) -> None:
    first = gc.export(tmp_path / "a", format="datapackage")
    second = gc.export(tmp_path / "b", format="datapackage")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_formats_constant() -> None:
    assert set(exports.EXPORT_FORMATS) == {"csv", "json", "parquet", "datapackage"}


# ---------------------------------------------------------- never overwrite


def written_names(fmt: str) -> list[str]:
    """The files an export writes, in order (README first), computed here."""
    if fmt == "json":
        return ["README.md", "germanclusters.json"]
    ext = "parquet" if fmt == "parquet" else "csv"
    names = ["README.md", *(f"{t}.{ext}" for t in ALL_TABLES)]
    return [*names, "datapackage.json"] if fmt == "datapackage" else names


@pytest.mark.parametrize("fmt", ["csv", "json", "datapackage"])
def test_export_refuses_to_replace_any_file_it_would_write(tmp_path: Path, fmt: str) -> None:
    for name in written_names(fmt):
        target = tmp_path / name
        target.write_text("someone else's file\n", encoding="utf-8")
        with pytest.raises(FileExistsError) as info:
            gc.export(tmp_path, format=fmt)
        assert info.value.filename == str(target)
        assert "overwrite=True" in str(info.value)
        assert [p.name for p in tmp_path.iterdir()] == [name], "nothing else is written"
        assert target.read_text(encoding="utf-8") == "someone else's file\n"
        target.unlink()


def test_export_refuses_to_write_over_an_earlier_export(tmp_path: Path) -> None:
    paths = gc.export(tmp_path, format="datapackage")
    assert [p.name for p in paths] == written_names("datapackage")
    before = {p: p.read_bytes() for p in paths}
    with pytest.raises(FileExistsError, match=r"README\.md"):
        gc.export(tmp_path, format="datapackage", include_contacts=False)
    assert {p: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_export_to_the_empty_path_keeps_the_readme_of_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    readme = tmp_path / "README.md"
    readme.write_text("# My project\n", encoding="utf-8")
    with pytest.raises(FileExistsError) as info:
        gc.export("")
    assert Path(info.value.filename).resolve() == readme
    assert readme.read_text(encoding="utf-8") == "# My project\n"
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_overwrite_replaces_those_files_and_leaves_others_alone(tmp_path: Path) -> None:
    mine = tmp_path / "my-notes.txt"
    mine.write_text("keep me\n", encoding="utf-8")
    (tmp_path / "README.md").write_text("old\n", encoding="utf-8")
    (tmp_path / "clusters.csv").write_text("old\n", encoding="utf-8")
    paths = gc.export(tmp_path, format="csv", overwrite=True)
    assert [p.name for p in paths] == written_names("csv")
    assert mine.read_text(encoding="utf-8") == "keep me\n"
    assert gc.data_version() in (tmp_path / "README.md").read_text(encoding="utf-8")
    assert read_csv(tmp_path / "clusters.csv")[0]["id"] == gc.clusters()[0].id
    fresh = gc.export(tmp_path / "fresh", format="csv")
    for a, b in zip(paths, fresh, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_overwrite_must_be_a_bool(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="overwrite"):
        gc.export(tmp_path, format="csv", overwrite="yes")  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


# ----------------------------------------------------------------------- HTML


def test_cluster_html_escapes_everything() -> None:
    evil = gc.Cluster(
        id="x",
        name='<img src=x onerror="alert(1)">',
        summary="a < b & c",
        website='https://example.org/"><script>',
        sources=["s"],
    )
    markup = _html._html(evil)
    assert "<img" not in markup and "<script>" not in markup
    assert "&lt;img" in markup and "a &lt; b &amp; c" in markup
    assert "&quot;&gt;&lt;script&gt;" in markup
    real = _html._html(gc.cluster("cool-silicon"))
    assert "Cool Silicon" in real and "Czechia (CZ)" in real


def test_cluster_and_collections_have_a_jupyter_view() -> None:
    assert gc.cluster("cool-silicon")._repr_html_() == _html._html(gc.cluster("cool-silicon"))
    assert gc.clusters()._repr_html_() == _html._html(gc.clusters())
    assert gc.programmes()._repr_html_() == _html._html(gc.programmes())
