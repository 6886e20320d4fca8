"""The public API as users call it: model, dates, queries, summaries, JSON, tables, exports."""

from __future__ import annotations

import json
import os
import pickle
import sys
from datetime import date
from pathlib import Path

import attrs
import pytest

import germanclusters as gc

MEASURE = "internationalisation-of-leading-edge-clusters"


# ------------------------------------------------------------------------ model

def test_records_are_immutable() -> None:
    c = gc.cluster("cool-silicon")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.name = "x"  # type: ignore[misc]
    assert isinstance(c.participations, tuple)


def test_construction_checks_fields() -> None:
    with pytest.raises(gc.DataError) as info:
        gc.Cluster(id="Bad Id", name="x", sources=("s",))
    assert info.value.field == "id"
    with pytest.raises(gc.DataError):
        gc.Partner(name="x", country=gc.normalize_country("FI"), subdivision="CN-JS",
                   sources=("s",))


def test_partial_dates() -> None:
    month = gc.PartialDate.parse("2023-03")
    assert (str(month), month.year, month.precision) == ("2023-03", 2023, "month")
    assert month.earliest() == date(2023, 3, 1) and month.latest() == date(2023, 3, 31)
    assert month.certainly_on_or_before(date(2023, 3, 31))
    assert not month.certainly_on_or_before(date(2023, 3, 30))
    assert gc.PartialDate.parse("2024-02").latest() == date(2024, 2, 29)
    assert gc.PartialDate.parse("2023-03-15") == date(2023, 3, 15)
    assert gc.PartialDate.parse("2012") < 2013 and gc.PartialDate.parse("2012") == 2012
    for bad in ("2023-3", "2023-02-30", "23", "2023-00"):
        with pytest.raises(gc.DataError):
            gc.PartialDate.parse(bad)


def test_label_counts_only_where_the_sources_prove_it() -> None:
    lab = gc.Label(level=gc.LabelLevel.SILVER, awarded=gc.PartialDate(2021),
                   valid_until=gc.PartialDate(2023, 5, 31), sources=("s",))
    assert not lab.valid_on(date(2021, 6, 1))  # the award may come later in 2021
    assert lab.valid_on(date(2022, 6, 1))
    assert not gc.Label(level=gc.LabelLevel.GOLD, awarded=gc.PartialDate(2013),
                        sources=("s",)).valid_on(date(2014, 1, 1))


def test_levels_order_by_rank() -> None:
    assert max([gc.LabelLevel.SILVER, gc.LabelLevel.GOLD]) is gc.LabelLevel.GOLD
    assert gc.LabelLevel.BRONZE < gc.LabelLevel.SILVER < gc.LabelLevel.GOLD


# ---------------------------------------------------------------------- queries

def test_lookup_by_name_and_suggestions() -> None:
    assert gc.cluster("COOL  silicon").id == "cool-silicon"
    with pytest.raises(gc.ClusterNotFound) as info:
        gc.cluster("Cool Silikon")
    assert "cool-silicon" in info.value.suggestions
    with pytest.raises(TypeError):
        gc.cluster(42)  # type: ignore[arg-type]


def test_filters() -> None:
    japan = gc.clusters().targeting("Japan", phase="implementation")
    assert "cfk-valley" in japan.ids
    assert gc.clusters().targeting("CN-JS").ids == ("bio-nrw",)
    assert "its-owl" in gc.clusters().partnering("FI").ids
    assert gc.clusters().in_state("Saxony") == gc.clusters().in_state("DE-SN")
    seat = gc.clusters().in_state("DE-ST", seat_only=True)
    assert all(c.state == "DE-ST" for c in seat)
    assert len(gc.clusters().with_label("gold")) <= len(gc.clusters().with_label("bronze"))
    with pytest.raises(ValueError, match="round"):
        gc.clusters().in_programme(MEASURE, round=9)
    with pytest.raises(gc.UnknownCountry):
        gc.clusters().targeting("Asia-Pacific")


def test_results_take_plain_keys() -> None:
    counts = gc.clusters().count_by("phase", "country")
    assert counts["concept"] == counts[gc.PhaseKind.CONCEPT]
    assert counts["implementation"]["CZ"] >= 1
    ranked = gc.clusters().by_country(phase="implementation")
    assert "cool-silicon" in ranked["CZ"].ids
    assert sum(gc.clusters().count_by("state").values()) <= len(gc.clusters())
    assert sum(gc.clusters().count_by("states").values()) >= sum(
        gc.clusters().count_by("state").values())


def test_data_frames_of_results_are_labelled_by_plain_values() -> None:
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(gc.clusters().count_by("phase", "country"))
    assert [type(c) for c in frame.columns] == [str, str]
    assert sorted(frame.columns) == ["concept", "implementation"]
    assert frame.loc["CZ", "implementation"] >= 1  # rows are countries, found by code
    assert "cool-silicon" in pd.Series(gc.clusters().by_country(phase="concept"))["CZ"].ids


def test_target_changes() -> None:
    c = gc.cluster("arena2036")
    changes = c.target_changes()
    assert {k.alpha_2 for k in changes.kept} == {"AU"}
    assert {k.alpha_2 for k in changes.dropped} == {"CA"}
    assert changes.added == ()


def test_the_shared_dataset_is_one_object() -> None:
    assert gc.clusters() is gc.clusters()
    assert gc.cluster("cool-silicon") is gc.clusters().get("Cool Silicon")


# ------------------------------------------------------------------ JSON, tables

@pytest.mark.parametrize("obj", [gc.clusters, gc.programmes])
def test_json_round_trip_is_exact(obj: object) -> None:
    value = obj()  # type: ignore[operator]
    text = gc.to_json(value)
    back = gc.from_json(text, type(value))
    assert back == value and gc.to_json(back) == text


def test_from_json_refuses_what_the_model_refuses() -> None:
    with pytest.raises(gc.DataError) as info:
        gc.from_json('{"kind": "concept", "countries": ["XZ"]}', gc.Phase)
    assert info.value.field == "countries[0]"
    with pytest.raises(gc.DataError):
        gc.from_json('{"kind": "concept", "countries": "FI"}', gc.Phase)


def test_tables_cover_every_table_and_join() -> None:
    from germanclusters.tables import TABLES

    for name, table in TABLES.items():
        source = {"clusters": gc.clusters(), "programmes": gc.programmes(),
                  "sources": gc.sources()}[table.kind]
        rows = gc.to_records(source, table=name)
        assert rows, name
        keys = [tuple(r[k] for k in table.primary_key) for r in rows]
        assert len(set(keys)) == len(keys), f"{name}: primary key not unique"
    phases = gc.to_records(gc.clusters(), table="phases")
    targets = gc.to_records(gc.clusters(), table="target_countries")
    assert {(r["cluster_id"], r["phase"]) for r in targets} <= {
        (r["cluster_id"], r["phase"]) for r in phases}
    japan = next(r for r in targets if r["country"] == "JP")
    assert (japan["region"], japan["subregion"]) in {("Asia", "Eastern Asia"), (None, None)}


def test_dataframes() -> None:
    pd = pytest.importorskip("pandas")
    df = gc.to_dataframe(gc.clusters(), table="partners")
    assert isinstance(df, pd.DataFrame) and "country" in df.columns
    pl = pytest.importorskip("polars")
    assert isinstance(gc.to_dataframe(gc.programmes(), library="polars"), pl.DataFrame)


def test_json_schema_accepts_the_shipped_files() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    data = Path(gc.__file__).parent / "data"
    for name in ("clusters.json", "programmes.json", "sources.json", "manifest.json"):
        jsonschema.validate(json.loads((data / name).read_text()), gc.json_schema(name))


# ---------------------------------------------------------------------- exports

@pytest.mark.parametrize("fmt", ["csv", "json", "parquet", "datapackage", "stata", "xlsx"])
def test_every_export_format(tmp_path: Path, fmt: str) -> None:
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    if fmt == "xlsx":
        pytest.importorskip("openpyxl")
    if fmt == "stata":
        pytest.importorskip("pandas")
    paths = gc.export(tmp_path / "out", format=fmt)
    names = {p.name for p in paths}
    assert "README.md" in names and not any("contacts" in n for n in names)
    with pytest.raises(FileExistsError):
        gc.export(tmp_path / "out", format=fmt)
    assert gc.export(tmp_path / "out", format=fmt, overwrite=True)


def test_datapackage_is_valid(tmp_path: Path) -> None:
    frictionless = pytest.importorskip("frictionless")
    gc.export(tmp_path, format="datapackage", include_contacts=True)
    report = frictionless.validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_export_refuses_an_empty_path() -> None:
    with pytest.raises(ValueError, match="empty"):
        gc.export("")


def test_export_says_a_path_is_not_a_directory(tmp_path: Path) -> None:
    file = tmp_path / "notes.txt"
    file.write_text("mine", encoding="utf-8")
    with pytest.raises(gc.ExportPathError, match=r"exists and is not a directory$") as caught:
        gc.export(file)
    assert str(caught.value) == f"directory {str(file)!r} exists and is not a directory"
    assert isinstance(caught.value, OSError) and caught.value.path == str(file)
    with pytest.raises(gc.ExportPathError, match=r"cannot be created: .*notes\.txt' exists and"):
        gc.export(file / "out" / "csv")
    assert file.read_text(encoding="utf-8") == "mine"
    assert pickle.loads(pickle.dumps(caught.value)).args == caught.value.args


@pytest.mark.skipif(not os.path.exists("/dev/null"), reason="no /dev/null")
def test_export_refuses_dev_null() -> None:
    with pytest.raises(gc.ExportPathError) as caught:
        gc.export("/dev/null")
    assert str(caught.value) == "directory '/dev/null' exists and is not a directory"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="needs POSIX permissions that apply (not root)")
def test_export_says_a_directory_is_not_writable(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        with pytest.raises(gc.ExportPathError, match=r"is not writable: cannot create README\.md"):
            gc.export(locked)
        with pytest.raises(gc.ExportPathError, match="does not exist and cannot be created"):
            gc.export(locked / "new")
    finally:
        locked.chmod(0o755)
    assert list(locked.iterdir()) == []


def test_export_reports_a_refused_write(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same refusals as for an unprivileged user in a read-only directory, simulated so
    # that the test also runs as root (who may write anywhere).
    def refuse(self: Path, *args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "mkdir", refuse)
    with pytest.raises(gc.ExportPathError) as caught:
        gc.export(tmp_path / "new")
    assert str(caught.value) == (
        f"directory {str(tmp_path / 'new')!r} does not exist and cannot be created inside "
        f"{str(tmp_path)!r} (Permission denied)"
    )
    assert caught.value.errno == 13 and isinstance(caught.value.__cause__, PermissionError)
    monkeypatch.undo()
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(gc.ExportPathError, match="is not writable: cannot create README.md in it "
                       r"\(Permission denied\)$"):
        gc.export(tmp_path)
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc is Linux's")
def test_export_into_proc() -> None:
    with pytest.raises(gc.ExportPathError, match=r"^directory '/proc' is not writable"):
        gc.export("/proc")
    with pytest.raises(gc.ExportPathError, match="'/proc/gc-none/out' does not exist and cannot "
                       "be created inside '/proc'"):
        gc.export("/proc/gc-none/out")


def test_state_names_in_english_and_german() -> None:
    from germanclusters._places import STATES

    assert len(STATES) == 16
    for code in STATES:
        assert gc.normalize_state(gc.state_name(code)) == code
        assert gc.normalize_state(gc.state_name(code, "de")) == code
    assert gc.state_name("DE-NW") == "North Rhine-Westphalia"
    with pytest.raises(ValueError, match="language"):
        gc.state_name("DE-NW", "fr")
    with pytest.raises(gc.UnknownState):
        gc.state_name("Narnia")
