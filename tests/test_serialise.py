"""JSON: exact round trips, canonical text, strict reading of untrusted input, JSON Schema."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import germanclusters as gc
from germanclusters import model, schemas, serialise
from strategies import BY_CLASS, clusters

DATA = Path(__file__).resolve().parent.parent / "src" / "germanclusters" / "data"
SCHEMA_DIR = DATA.parent / "schema"


def data_file(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def cool_silicon_record() -> dict[str, Any]:
    (record,) = [r for r in data_file("clusters.json") if r["id"] == "cool-silicon"]
    return record


# ------------------------------------------------------------------ round trips


COLLECTIONS = (gc.Clusters, gc.Programmes, tuple[gc.Source, ...])
SINGLE = [cls for cls in BY_CLASS if cls not in COLLECTIONS]


def name_of(cls: Any) -> str:
    return getattr(cls, "__name__", str(cls))


def check_round_trip(cls: Any, obj: Any) -> None:
    """``from_json(to_json(x)) == x``, and the text is canonical."""
    text = gc.to_json(obj)
    back = gc.from_json(text, cls)
    assert back == obj
    assert type(back) is type(obj)
    assert gc.to_json(back) == text

    assert text.endswith("\n") and not text.endswith("\n\n")
    key_orders: list[list[str]] = []

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        key_orders.append([k for k, _ in pairs])
        return dict(pairs)

    value = json.loads(text, object_pairs_hook=hook)
    assert all(keys == sorted(keys) for keys in key_orders)
    # fixed two-space indent: re-indenting the parsed value gives the same text
    assert json.dumps(value, indent=2, sort_keys=True, ensure_ascii=False) + "\n" == text


@pytest.mark.parametrize("cls", SINGLE, ids=name_of)
@given(data=st.data())
def test_exact_canonical_round_trip_for_every_class(cls: Any, data: st.DataObject) -> None:
    check_round_trip(cls, data.draw(BY_CLASS[cls]))


@pytest.mark.parametrize("cls", COLLECTIONS, ids=name_of)
@settings(max_examples=30)  # each example is several clusters: keep CI fast
@given(data=st.data())
def test_exact_canonical_round_trip_for_collections(cls: Any, data: st.DataObject) -> None:
    check_round_trip(cls, data.draw(BY_CLASS[cls]))


def test_non_ascii_text_is_written_as_is() -> None:
    source = gc.Source(id="x", title="Straße über Köln", language="de")
    text = gc.to_json(source)
    assert "Straße über Köln" in text
    assert "\\u" not in text


def test_shipped_data_is_written_in_the_data_file_format() -> None:
    assert json.loads(gc.to_json(gc.clusters())) == data_file("clusters.json")
    assert json.loads(gc.to_json(gc.programmes())) == data_file("programmes.json")
    assert json.loads(gc.to_json(gc.sources())) == data_file("sources.json")


def test_whole_dataset_round_trips() -> None:
    assert gc.from_json(gc.to_json(gc.clusters()), gc.Clusters) == gc.clusters()
    assert gc.from_json(gc.to_json(gc.programmes()), gc.Programmes) == gc.programmes()
    assert gc.from_json(gc.to_json(gc.manifest()), gc.Manifest) == gc.manifest()
    assert gc.from_json(gc.to_json(gc.sources()), tuple[gc.Source, ...]) == gc.sources()


def test_cool_silicon_facts_survive_the_round_trip() -> None:
    c = gc.from_json(json.dumps(cool_silicon_record()), gc.Cluster)
    assert c.state == "DE-SN" and c.city == "Dresden"
    assert [k.alpha_2 for k in c.target_countries("concept")] == ["BE", "CZ"]
    assert [k.alpha_2 for k in c.target_countries("implementation")] == ["CZ"]
    lec = c.participation("leading-edge-cluster-competition")
    assert lec is not None and (lec.round, lec.year) == (1, 2008)


def test_a_country_alone_is_an_object_with_all_codes() -> None:
    assert json.loads(gc.to_json(gc.normalize_country("Finnland"))) == {
        "alpha_2": "FI",
        "alpha_3": "FIN",
        "numeric": "246",
        "name": "Finland",
        "name_de": "Finnland",
    }


def test_bytes_input_is_read_as_utf8() -> None:
    text = gc.to_json(gc.cluster("cool-silicon"))
    assert gc.from_json(text.encode("utf-8"), gc.Cluster) == gc.cluster("cool-silicon")


# ------------------------------------------------------------- strict reading


def mutated(change: Any) -> str:
    record = cool_silicon_record()
    change(record)
    return json.dumps(record)


def set_path(path: tuple[Any, ...], value: Any) -> Any:
    def change(record: Any) -> None:
        target = record
        for step in path[:-1]:
            target = target[step]
        target[path[-1]] = value

    return change


@pytest.mark.parametrize(
    ("change", "field", "reason"),
    [
        (set_path(("colour",), "red"), "colour", "not a field of Cluster"),
        (set_path(("founded",), "2001"), "founded", "integer"),
        (set_path(("founded",), True), "founded", "integer"),
        (set_path(("state",), "DE-XX"), "state", "ISO 3166-2"),
        (set_path(("aliases",), "Cool Silicon e.V."), "aliases", "list"),
        (set_path(("participations", 1, "phases", 0, "countries", 0), "XX"), None, "XX"),
        (set_path(("participations", 1, "phases", 0, "kind"), "planning"), "kind", "concept"),
        (set_path(("participations", 1, "phases", 0, "start"), "16.04.2020"), "start", "date"),
        (set_path(("participations", 0, "extra"), 1), "extra", "not a field of Participation"),
        (set_path(("contacts", 0, "phone"), "0351 123"), "phone", "E.164"),
    ],
)
def test_bad_records_name_the_record_and_field(change: Any, field: str | None, reason: str) -> None:
    with pytest.raises(gc.DataError) as info:
        gc.from_json(mutated(change), gc.Cluster)
    error = info.value
    assert error.record == "cool-silicon"
    if field is not None:
        assert error.field is not None and error.field.endswith(field)
    assert reason in str(error)


def test_missing_required_field() -> None:
    with pytest.raises(gc.DataError, match="name") as info:
        gc.from_json(mutated(lambda r: r.pop("name")), gc.Cluster)
    assert info.value.field == "name"


def test_errors_in_a_collection_name_the_record() -> None:
    records = data_file("clusters.json")
    records[-1]["founded"] = "long ago"
    with pytest.raises(gc.DataError) as info:
        gc.from_json(json.dumps(records), gc.Clusters)
    assert info.value.record == records[-1]["id"]
    assert info.value.field == "founded"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('{"id": "a", "id": "b"}', "twice"),
        ('{"kind": "concept", "countries": [], "start": NaN}', "NaN"),
        ("[1, 2", "not valid JSON"),
        ("", "not valid JSON"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("1" * 5000, "JSON"),
    ],
)
def test_malformed_json_is_a_data_error(text: str, needle: str) -> None:
    with pytest.raises(gc.DataError, match=needle):
        gc.from_json(text, gc.Phase)


def test_size_limit() -> None:
    too_big = " " * (serialise.MAX_JSON_BYTES + 1)
    with pytest.raises(gc.DataError, match="limit"):
        gc.from_json(too_big, gc.Cluster)
    with pytest.raises(gc.DataError, match="limit"):
        gc.from_json(too_big.encode(), gc.Cluster)
    # multi-byte characters count as bytes
    wide = "ü" * (serialise.MAX_JSON_BYTES // 2 + 1)
    with pytest.raises(gc.DataError, match="limit"):
        gc.from_json(wide, gc.Cluster)


def test_invalid_utf8_bytes() -> None:
    with pytest.raises(gc.DataError, match="UTF-8"):
        gc.from_json(b'{"id": "\xff"}', gc.Cluster)


@pytest.mark.parametrize("cls", [dict, int, str, object, list[gc.Cluster], tuple[int, ...]])
def test_unsupported_classes_are_type_errors(cls: Any) -> None:
    with pytest.raises(TypeError, match="cls"):
        gc.from_json("{}", cls)


@pytest.mark.parametrize("text", [42, None, ["[]"]])
def test_text_must_be_str_or_bytes(text: Any) -> None:
    with pytest.raises(TypeError, match="text"):
        gc.from_json(text, gc.Cluster)


def test_to_json_rejects_other_objects() -> None:
    with pytest.raises(TypeError, match="dict"):
        gc.to_json({"id": "x"})


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "Atlantis"}, "name"),
        ({"alpha_2": "XX"}, "alpha_2"),
        ({"alpha_2": "fi"}, "alpha_2"),
        ({"extra": 1}, "extra"),
        ({"numeric": 246}, "numeric"),
    ],
)
def test_a_country_must_be_the_iso_one(change: dict[str, Any], field: str) -> None:
    data = json.loads(gc.to_json(gc.normalize_country("FI")))
    data.update(change)
    with pytest.raises(gc.DataError) as info:
        gc.from_json(json.dumps(data), gc.Country)
    assert info.value.field == field


def test_collections_need_arrays() -> None:
    with pytest.raises(gc.DataError, match="array"):
        gc.from_json("{}", gc.Clusters)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
json_like_clusters = clusters().map(lambda c: json.loads(gc.to_json(c)))


def _poke(record: Any, value: Any, path: list[int]) -> Any:
    """Replace one nested value of a JSON record (chosen by ``path``) with ``value``."""
    if not path or not isinstance(record, (dict, list)) or not record:
        return value
    keys = sorted(record) if isinstance(record, dict) else list(range(len(record)))
    key = keys[path[0] % len(keys)]
    record[key] = _poke(record[key], value, path[1:])
    return record


@pytest.mark.parametrize("cls", list(BY_CLASS), ids=name_of)
@given(value=json_values)
def test_any_json_gives_an_object_or_a_data_error(cls: Any, value: Any) -> None:
    try:
        result = gc.from_json(json.dumps(value), cls)
    except gc.DataError:
        return
    assert gc.from_json(gc.to_json(result), cls) == result


@given(record=json_like_clusters, value=json_values, path=st.lists(st.integers(0, 50), max_size=6))
def test_damaged_records_give_a_cluster_or_a_data_error(
    record: Any, value: Any, path: list[int]
) -> None:
    text = json.dumps(_poke(record, value, path))
    try:
        result = gc.from_json(text, gc.Cluster)
    except gc.DataError as exc:
        assert str(exc)
        return
    assert isinstance(result, gc.Cluster)


# ----------------------------------------------------------------- JSON Schema


@pytest.mark.parametrize("name", schemas.DATA_FILE_SCHEMAS)
def test_shipped_schema_equals_the_generated_one(name: str) -> None:
    shipped = (SCHEMA_DIR / name.replace(".json", ".schema.json")).read_text(encoding="utf-8")
    generated = (
        json.dumps(gc.json_schema(name), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    )
    assert shipped == generated, (
        f"src/germanclusters/schema/ is out of date; regenerate it with: germanclusters "
        f"schema {name} > src/germanclusters/schema/{name.replace('.json', '.schema.json')}"
    )
    # importlib.resources finds the file in the package (as from a wheel)
    packaged = files("germanclusters") / "schema" / name.replace(".json", ".schema.json")
    assert packaged.read_text(encoding="utf-8") == shipped


@pytest.mark.parametrize("name", schemas.DATA_FILE_SCHEMAS)
def test_shipped_data_files_validate_against_their_schema(name: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((SCHEMA_DIR / name.replace(".json", ".schema.json")).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = [
        f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data_file(name))
    ]
    assert errors == []


@pytest.mark.parametrize(
    "change",
    [
        set_path(("colour",), "red"),
        set_path(("state",), "DE-XX"),
        set_path(("states",), ["DE-SN", "DE-SN"]),
        set_path(("founded",), "2001"),
        set_path(("founded",), 1066),
        set_path(("id",), "Cool Silicon"),
        set_path(("name",), " Cool Silicon"),
        set_path(("sources",), []),
        set_path(("participations", 1, "phases", 0, "countries", 0), "cz"),
        set_path(("participations", 1, "phases", 0, "kind"), "planning"),
        set_path(("contacts", 0, "phone"), "0351 123"),
        set_path(("contacts", 0, "as_of"), "16.04.2020"),
        set_path(("summary",), "two\nlines"),
        set_path(("notes",), ["a note\twith a tab"]),
        set_path(("aliases",), ["Cool; Silicon", "Cool Silicon; Dresden"]),
        set_path(("participations", 1, "phases", 0, "regions"), ["Atlantis"]),
    ],
)
def test_the_schema_rejects_what_the_model_rejects(change: Any) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = mutated(change)
    with pytest.raises(gc.DataError):
        gc.from_json(text, gc.Cluster)
    schema = gc.json_schema(gc.Cluster)
    assert not jsonschema.Draft202012Validator(schema).is_valid(json.loads(text))


def test_the_schema_wants_every_key_while_from_json_fills_in_defaults() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    text = mutated(lambda r: r.pop("summary"))
    assert gc.from_json(text, gc.Cluster).summary is None
    assert not jsonschema.Draft202012Validator(gc.json_schema(gc.Cluster)).is_valid(
        json.loads(text)
    )


@given(obj=clusters())
def test_every_valid_cluster_validates_against_the_schema(obj: gc.Cluster) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(gc.json_schema(gc.Cluster))
    assert list(validator.iter_errors(json.loads(gc.to_json(obj)))) == []


@pytest.mark.parametrize("cls", list(BY_CLASS), ids=name_of)
def test_every_class_has_a_valid_schema(cls: Any) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = gc.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_json_schema_argument_errors() -> None:
    with pytest.raises(ValueError, match=r"clusters\.json"):
        gc.json_schema("clusters.csv")
    with pytest.raises(TypeError, match="cls"):
        gc.json_schema(dict)


def _containers(value: Any) -> Iterator[Any]:
    """Every dict and list inside a JSON value, the value included."""
    if isinstance(value, (dict, list)):
        yield value
        for item in value.values() if isinstance(value, dict) else value:
            yield from _containers(item)


def _vandalise(value: Any) -> None:
    """Change every dict and list inside a JSON value, in place."""
    for container in list(_containers(value)):
        if isinstance(container, dict):
            container["vandalised"] = True
            for key in list(container):
                if isinstance(container[key], list) and container[key]:
                    container[key].pop()
        else:
            container.append("vandalised")


@pytest.mark.parametrize("cls", [*BY_CLASS, *schemas.DATA_FILE_SCHEMAS], ids=name_of)
def test_json_schema_gives_a_fresh_object_each_call(cls: Any) -> None:
    first = gc.json_schema(cls)
    pristine = json.loads(json.dumps(first))
    # no part is shared within one schema either, so a change stays where it is made
    parts = list(_containers(first))
    assert len({id(part) for part in parts}) == len(parts)
    _vandalise(first)
    assert first != pristine
    assert gc.json_schema(cls) == pristine
    assert gc.json_schema(cls) is not gc.json_schema(cls)


def _model_validators() -> Iterator[tuple[type, str, Any]]:
    """(class, field, validator) for every validator of every attrs class in the model."""
    for name in model.__all__:
        cls = getattr(model, name)
        if attrs.has(cls):
            for a in attrs.fields(cls):
                for validator in schemas._validators(a.validator):
                    yield cls, a.name, validator


def test_every_model_validator_is_in_the_schema_or_listed_as_model_only() -> None:
    unmapped = []
    for cls, field, validator in _model_validators():
        if schemas._is_inline(validator):  # a lambda: known by its class and field
            where = (cls, field)
            known = where in schemas._FIELD_KEYWORDS or where in schemas._MODEL_ONLY_FIELDS
        else:
            known = validator in schemas._VALIDATOR_KEYWORDS or validator in schemas._MODEL_ONLY
        if not known:
            unmapped.append(f"{cls.__name__}.{field}: {validator.__qualname__}")
    assert unmapped == [], (
        "model validators the JSON Schema does not know: map each to keywords in "
        "schemas._VALIDATOR_KEYWORDS (or _FIELD_KEYWORDS for a lambda), or list it in "
        "schemas._MODEL_ONLY (or _MODEL_ONLY_FIELDS) with the reason"
    )


def test_the_validator_tables_name_only_validators_the_model_uses() -> None:
    used = list(_model_validators())
    functions = {id(v) for _, _, v in used}
    inline = {(cls, field) for cls, field, v in used if schemas._is_inline(v)}
    assert all(id(v) in functions for v in schemas._VALIDATOR_KEYWORDS)
    assert all(id(v) in functions for v in schemas._MODEL_ONLY)
    assert set(schemas._FIELD_KEYWORDS) <= inline
    assert set(schemas._MODEL_ONLY_FIELDS) <= inline
    assert not set(schemas._VALIDATOR_KEYWORDS) & set(schemas._MODEL_ONLY)
    assert not set(schemas._FIELD_KEYWORDS) & set(schemas._MODEL_ONLY_FIELDS)


# ------------------------------------------------------------------ module layout


@pytest.mark.parametrize(
    ("name", "module"),
    [
        ("to_json", "serialise"),
        ("from_json", "serialise"),
        ("json_schema", "schemas"),
        ("to_records", "tables"),
        ("to_dataframe", "tables"),
        ("export", "exports"),
    ],
)
def test_public_functions_come_from_their_modules(name: str, module: str) -> None:
    assert getattr(gc, name) is getattr(importlib.import_module(f"germanclusters.{module}"), name)


@pytest.mark.parametrize(
    "name",
    [
        "json_schema",
        "DATA_FILE_SCHEMAS",
        "to_records",
        "to_dataframe",
        "TABLES",
        "LIST_SEPARATOR",
        "NOTES_SEPARATOR",
        "export",
        "EXPORT_FORMATS",
    ],
)
def test_names_that_moved_out_of_serialise_are_still_found_there(name: str) -> None:
    moved = getattr(serialise, name)
    module = importlib.import_module(f"germanclusters.{serialise._MOVED[name]}")
    assert moved is getattr(module, name)
    assert name not in serialise.__all__


def test_serialise_has_no_other_names() -> None:
    with pytest.raises(AttributeError, match="no_such_name"):
        serialise.no_such_name  # noqa: B018
