"""Load the shipped dataset: each part once, on first use, under one lock.

The shipped files are fully checked when they are built (``tools/build_data.py``) and
in CI (`germanclusters.validate`), so loading checks each file's size and SHA-256
against ``data/manifest.json`` and then trusts the JSON's shape: records are built
from it without cattrs, which the first answer in a new process would otherwise wait
for (the model's field checks still run, as for any object). A data file holds one record per
line, and ``index.json`` maps every name key of a cluster or programme to its line,
so `gc.cluster("Cool Silicon")` reads one record, not all of them.
"""

from __future__ import annotations

import hashlib
import json
import os
import pkgutil
import threading
import types
import typing
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Final, TypeVar

import attrs
from attrs import evolve, frozen

from germanclusters import _text
from germanclusters._json import read_json, read_record, record_line, record_lines
from germanclusters.countries import from_alpha_2
from germanclusters.errors import DataError, GermanClustersError
from germanclusters.model import (
    Cluster,
    Country,
    LabelLevel,
    Manifest,
    PartialDate,
    PartnerKind,
    PhaseKind,
    Programme,
    Source,
)

__all__ = [
    "CLASSES", "DATA_FILES", "FILES", "INDEX", "LEAVES", "MANIFEST", "MAX_QUERY", "Dataset",
    "Reader", "load", "name_index", "name_keys", "record_names", "shipped", "shipped_named",
]

T = TypeVar("T")

#: The files of the dataset, in the order they are read; the manifest lists each.
DATA_FILES: Final = ("sources.json", "programmes.json", "clusters.json")
MANIFEST: Final = "manifest.json"
#: The name index: each name key of a cluster or programme and its record's position.
INDEX: Final = "index.json"
#: Every file the manifest lists.
FILES: Final = (*DATA_FILES, INDEX)
#: The record class of each data file.
CLASSES: Final = {"sources.json": Source, "programmes.json": Programme,
                  "clusters.json": Cluster}
#: Longer queries are not names: they are refused without being folded.
MAX_QUERY: Final = 200


@frozen(kw_only=True)
class Dataset:
    """The loaded dataset: immutable tuples ordered by id."""

    manifest: Manifest
    sources: tuple[Source, ...]
    programmes: tuple[Programme, ...]
    clusters: tuple[Cluster, ...]


class Reader:
    """Reads the files of the shipped data or of a directory; names them in errors."""

    def __init__(self, directory: str | os.PathLike[str] | None = None) -> None:
        self.shipped = directory is None
        self.where = "data" if directory is None else os.fspath(directory)
        if not self.shipped and not os.path.isdir(self.where):
            raise DataError(reason="is not a directory", file=self.where)

    def path(self, name: str) -> str:
        return os.path.join(self.where, name)

    def content(self, name: str) -> bytes:
        try:
            if self.shipped:
                content = pkgutil.get_data("germanclusters", f"data/{name}")
                if content is None:  # pragma: no cover - loaders that cannot read data
                    raise FileNotFoundError(name)
                return content
            with open(self.path(name), "rb") as handle:
                return handle.read()
        except FileNotFoundError:
            raise DataError(reason="file is missing", file=self.path(name)) from None
        except OSError as exc:
            raise DataError(reason=f"cannot be read ({exc.strerror})",
                            file=self.path(name)) from None

    def checked(self, name: str, man: Manifest) -> bytes:
        """The file's bytes, once their size and SHA-256 match the manifest."""
        expected = next(f for f in man.files if f.path == name)
        data, path = self.content(name), self.path(name)
        if len(data) != expected.bytes:
            raise DataError(reason=f"has {len(data)} bytes; the manifest says {expected.bytes}",
                            file=path)
        if hashlib.sha256(data).hexdigest() != expected.sha256:
            raise DataError(reason="SHA-256 differs from the manifest (the file was changed)",
                            file=path)
        return data


# ------------------------------------------------------------ the shared parts

_lock = threading.RLock()
_cache: dict[Any, Any] = {}


def _cached(key: Any, make: Callable[[], T]) -> T:
    """``make()`` once per process under the one lock, then the shared result."""
    if key not in _cache:
        with _lock:
            if key not in _cache:
                _cache[key] = make()
    found: T = _cache[key]
    return found


def shipped(name: str) -> Any:
    """One part of the shipped dataset, read and checksummed on first use, then shared.

    ``name`` is ``"manifest.json"`` (a `Manifest` without sources), ``"index.json"``
    (the name index) or a data file (a tuple of its records, ordered by id).
    """
    if name in CLASSES:
        return _cached(name, lambda: _all_records(name))
    if name == MANIFEST:
        return _cached(name, _manifest)
    return _cached(name, lambda: json.loads(_content(name)))


def shipped_named(name: str, query: object) -> Any:
    """The record of a shipped data file with this id, name or alias, built alone.

    ``None`` where no name matches (or ``query`` is not a name): the caller then asks
    the whole collection, which says what is wrong and suggests names.
    """
    if not isinstance(query, str) or len(query) > MAX_QUERY:
        return None
    index = shipped(INDEX)
    table = index.get(name) if isinstance(index, dict) else None
    if not isinstance(table, dict):
        raise DataError(reason="has no name index of this file", field=name,
                        file=Reader().path(INDEX))
    for key in sorted(_text.keys(query)):
        position = table.get(key)
        if position is None:
            continue
        found = None
        if type(position) is int and position >= 0:
            found = _record(name, position, None)
        if found is None or key not in {k for n in record_names(found) for k in _text.keys(n)}:
            raise DataError(reason=f"points {key!r} at {position!r}, which is not a record "
                            "with that name (rebuild the index)", field=name, value=key,
                            file=Reader().path(INDEX))
        return found
    return None


def _all_records(name: str) -> tuple[Any, ...]:
    lines = record_lines(_content(name), file=Reader().path(name))
    records = tuple(_record(name, i, line) for i, line in enumerate(lines))
    _cache.pop(("bytes", name), None)  # every record is built: the file is not needed again
    return records


def _record(name: str, position: int, line: bytes | None) -> Any:
    def make() -> Any:
        path = Reader().path(name)
        try:
            text = record_line(_content(name), position) if line is None else line
            data = read_record(text)
        except ValueError:
            raise DataError(reason=f"has no record on line {position + 2}", file=path) from None
        return _build(data, CLASSES[name], path, f"#{position}")

    return _cached((name, position), make)


def _content(name: str) -> bytes:
    return _cached(("bytes", name), lambda: Reader().checked(name, shipped(MANIFEST)))


def _manifest() -> Manifest:
    """The shipped manifest (the root of trust: it is not checksummed)."""
    reader = Reader()
    file = reader.path(MANIFEST)
    man: Manifest = _build(read_json(reader.content(MANIFEST), file=file), Manifest, file, None)
    if sorted(f.path for f in man.files) != sorted(FILES):
        raise DataError(reason=f"must list exactly {', '.join(FILES)}", field="files",
                        value=sorted(f.path for f in man.files), file=file)
    return man


def load() -> Dataset:
    """The whole shipped dataset (every part read once and shared)."""
    man = shipped(MANIFEST)
    sources = shipped("sources.json")
    return Dataset(manifest=evolve(man, sources=sources), sources=sources,
                   programmes=shipped("programmes.json"), clusters=shipped("clusters.json"))


# ------------------------------------------------ records from trusted JSON

def _day(text: str) -> date:
    found = PartialDate.parse(text)
    if found.day is None:
        raise DataError(value=text, reason="expected a full date 'YYYY-MM-DD'")
    return date(found.year, found.month or 1, found.day)


#: How the JSON text of each non-JSON type of the model becomes its value: the one
#: table of it. Shipped records are read with it as it is; `_convert`'s strict cattrs
#: hooks read with it too, after checking that the value is text.
LEAVES: Final[dict[Any, Callable[[str], Any]]] = {
    PartialDate: PartialDate.parse, date: _day, Country: from_alpha_2,
    PhaseKind: PhaseKind, LabelLevel: LabelLevel, PartnerKind: PartnerKind,
}
_PLANS: dict[type, dict[str, Callable[[Any], Any] | None]] = {}


def _trusted(data: dict[str, Any], cls: type[T]) -> T:
    """``cls`` from JSON written by the build (checksummed), without cattrs.

    It reads the JSON shape that `_convert`'s strict hooks read (dates as ISO text,
    enums as values, countries as alpha-2 codes) and runs the model's field checks, as
    for any object; a test builds every shipped record both ways and compares.
    """
    plan = _PLANS.get(cls) or _PLANS.setdefault(cls, _plan(cls))
    return cls(**{k: v if v is None or plan[k] is None else plan[k](v)  # type: ignore[misc]
                  for k, v in data.items()})


def _build(data: Any, cls: type[T], file: str, record: str | None) -> T:
    """`_trusted`, with any failure as a `DataError` naming the file and record."""
    ident = data.get("id") if isinstance(data, dict) else None
    where = ident if isinstance(ident, str) else record
    try:
        return _trusted(data, cls)
    except DataError as exc:
        raise exc.located(file=file, record=where) from None
    except GermanClustersError as exc:  # an unknown country code, say
        raise DataError(reason=str(exc), file=file, record=where) from None
    except (AttributeError, LookupError, TypeError, ValueError) as exc:
        raise DataError(reason=f"is not a {cls.__name__} as the build writes it ({exc})",
                        file=file, record=where) from None


def _plan(cls: type) -> dict[str, Callable[[Any], Any] | None]:
    hints = typing.get_type_hints(cls)
    return {f.name: _reader_for(hints[f.name]) for f in attrs.fields(cls)}


def _reader_for(tp: Any) -> Callable[[Any], Any] | None:
    """How to turn the JSON value of a field of type ``tp`` into the field's value."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (typing.Union, types.UnionType):
        (tp,) = (a for a in args if a is not type(None))
        return _reader_for(tp)
    if origin is tuple:
        return _items(_reader_for(args[0]))
    if tp in LEAVES:
        return LEAVES[tp]
    return (lambda v: _trusted(v, tp)) if attrs.has(tp) else None


def _items(item: Callable[[Any], Any] | None) -> Callable[[Any], tuple[Any, ...]]:
    def read(value: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        return tuple(value) if item is None else tuple(map(item, value))

    return read


# -------------------------------------------------------------- the name index


def record_names(record: Any) -> list[str]:
    """The id, names and aliases under which a record (or its JSON object) is found."""
    get: Callable[[str], Any] = (record.get if isinstance(record, dict)
                                 else lambda f: getattr(record, f, None))
    found = [get(f) for f in ("id", "name", "short_name", "name_de")]
    return [n for n in (*found, *(get("aliases") or ())) if n is not None]


def name_index(files: Dataset | dict[str, Iterable[Any]]) -> dict[str, dict[str, int]]:
    """``index.json``: for clusters and programmes, each name key and its record's position.

    ``files`` is a dataset or the JSON records of each data file; the build writes the
    result and `germanclusters.validate` compares it with the shipped index.
    """
    return {name: name_keys(files[name] if isinstance(files, dict)
                            else getattr(files, name.removesuffix(".json")))
            for name in ("clusters.json", "programmes.json")}


def name_keys(records: Iterable[Any]) -> dict[str, int]:
    """Each name key of the records and the position of the first record that has it."""
    keys: dict[str, int] = {}
    for i, rec in enumerate(records):
        for text in record_names(rec):
            for key in _text.keys(text):
                keys.setdefault(key, i)
    return keys
