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

import germanclusters as gc
from germanclusters import serialise

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
    assert set(serialise.EXPORT_FORMATS) == {"csv", "json", "parquet", "datapackage"}


# ----------------------------------------------------------------------- HTML


def test_cluster_html_escapes_everything() -> None:
    evil = gc.Cluster(
        id="x",
        name='<img src=x onerror="alert(1)">',
        summary="a < b & c",
        website='https://example.org/"><script>',
        sources=["s"],
    )
    markup = serialise._html(evil)
    assert "<img" not in markup and "<script>" not in markup
    assert "&lt;img" in markup and "a &lt; b &amp; c" in markup
    assert "&quot;&gt;&lt;script&gt;" in markup
    real = serialise._html(gc.cluster("cool-silicon"))
    assert "Cool Silicon" in real and "Czechia (CZ)" in real


@pytest.mark.skipif(
    not hasattr(gc.Cluster, "_repr_html_"),
    reason="Cluster._repr_html_ is added in model.py (owned elsewhere)",
)
def test_cluster_has_a_jupyter_view() -> None:
    assert gc.cluster("cool-silicon")._repr_html_() == serialise._html(gc.cluster("cool-silicon"))
