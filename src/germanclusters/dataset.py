"""Find, check and load the dataset: once, on first use, under one lock.

The shipped files are fully checked when they are built (``tools/build_data.py``) and
in CI, so `load` checks each file's size and SHA-256 against
``data/manifest.json`` and then trusts the content. [`validate`][germanclusters.validate] runs
every check (checksums, fields, references, names, ISO 3166-2 codes) on the shipped data or on
any directory laid out the same way. Problems raise
[`DataError`][germanclusters.DataError] naming the file, record, field and value.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import pkgutil
import threading
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, Final, TypeVar

import attrs
from attrs import evolve, frozen

from germanclusters import _text
from germanclusters._convert import read_json, structure
from germanclusters.countries import normalize_subdivision
from germanclusters.errors import DataError, GermanClustersError
from germanclusters.model import Cluster, Manifest, PartialDate, Programme, Source

__all__ = ["DATA_FILES", "MANIFEST", "Dataset", "check", "load", "read", "shipped", "validate"]

T = TypeVar("T")

#: The files of the dataset, in the order they are read; the manifest lists each.
DATA_FILES: Final = ("sources.json", "programmes.json", "clusters.json")
MANIFEST: Final = "manifest.json"
#: Dates that may lie after the data version: expiries and planned ends.
_PLANNED: Final = frozenset({"valid_until", "end", "ended"})


@frozen(kw_only=True)
class Dataset:
    """The loaded dataset: immutable tuples ordered by id."""

    manifest: Manifest
    sources: tuple[Source, ...]
    programmes: tuple[Programme, ...]
    clusters: tuple[Cluster, ...]


_lock = threading.Lock()
_shipped_parts: dict[str, Any] = {}
_CLASSES: Final = {"sources.json": Source, "programmes.json": Programme,
                   "clusters.json": Cluster}


def shipped(name: str) -> Any:
    """One part of the shipped dataset, read and checksummed on first use, then shared.

    ``name`` is ``"manifest.json"`` (a [`Manifest`][germanclusters.Manifest] without sources) or a
    data file (a tuple of records). The shipped content is trusted once its checksum
    matches: it was fully checked when it was built, so the model's field checks are
    not run again here ([`validate`][germanclusters.validate] runs them all).
    """
    if name not in _shipped_parts:
        man = None if name == MANIFEST else shipped(MANIFEST)
        with _lock:
            if name not in _shipped_parts:
                reader = _Reader(None)
                _shipped_parts[name] = (_manifest(reader) if man is None
                                        else _part(reader, name, man, trusted=True))
    return _shipped_parts[name]


def load() -> Dataset:
    """The whole shipped dataset (every part read once and shared)."""
    man = shipped(MANIFEST)
    sources = shipped("sources.json")
    return Dataset(manifest=evolve(man, sources=sources), sources=sources,
                   programmes=shipped("programmes.json"), clusters=shipped("clusters.json"))


class _Reader:
    """Reads the files of the shipped data or of a directory; names them in errors."""

    def __init__(self, directory: str | os.PathLike[str] | None) -> None:
        self.shipped = directory is None
        self.where = "data" if directory is None else os.fspath(directory)
        if not self.shipped and not os.path.isdir(self.where):
            raise DataError(reason="is not a directory", file=self.where)

    def path(self, name: str) -> str:
        return os.path.join(self.where, name)

    def bytes(self, name: str) -> bytes:
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


def _manifest(reader: _Reader) -> Manifest:
    file = reader.path(MANIFEST)
    man = structure(read_json(reader.bytes(MANIFEST), file=file), Manifest, file=file)
    listed = sorted(f.path for f in man.files)
    if listed != sorted(DATA_FILES):
        raise DataError(reason=f"must list exactly {', '.join(DATA_FILES)}", field="files",
                        value=listed, file=file)
    return man


def _part(reader: _Reader, name: str, man: Manifest, *, trusted: bool = False) -> Any:
    expected = next(f for f in man.files if f.path == name)
    data, path = reader.bytes(name), reader.path(name)
    if len(data) != expected.bytes:
        raise DataError(reason=f"has {len(data)} bytes; the manifest says {expected.bytes}",
                        file=path)
    if hashlib.sha256(data).hexdigest() != expected.sha256:
        raise DataError(reason="SHA-256 differs from the manifest (the file was changed)",
                        file=path)
    content = read_json(data, file=path)
    if not trusted:
        return _records(content, _CLASSES[name], path)
    with attrs.validators.disabled():  # checked at build time and in CI; see validate()
        return _records(content, _CLASSES[name], path)


def read(directory: str | os.PathLike[str] | None = None) -> Dataset:
    """Read and fully check a dataset directory (default: the shipped data); no caching."""
    reader = _Reader(directory)
    man = _manifest(reader)
    parts = {name: _part(reader, name, man) for name in DATA_FILES}
    dataset = Dataset(manifest=evolve(man, sources=parts["sources.json"]),
                      sources=parts["sources.json"], programmes=parts["programmes.json"],
                      clusters=parts["clusters.json"])
    check(dataset, reader.where)
    return dataset


def _records(data: Any, cls: type[T], file: str) -> tuple[T, ...]:
    if not isinstance(data, list):
        raise DataError(reason="must be a JSON list of records", file=file)
    out = []
    for i, item in enumerate(data):
        ident = item.get("id") if isinstance(item, dict) else None
        out.append(structure(item, cls, file=file, record=ident if isinstance(ident, str)
                             else f"#{i}"))
    return tuple(out)


def validate(directory: str | os.PathLike[str] | None = None) -> Manifest:
    """Run every check on the shipped data, or on a directory laid out like it.

    Returns the manifest; raises [`DataError`][germanclusters.DataError] for the first
    problem, naming the file, record, field and value.

    Examples:
        >>> import germanclusters as gc
        >>> gc.validate().data_version == gc.data_version()
        True
    """
    if directory is not None and not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"directory must be a path, not {type(directory).__name__}")
    return read(directory).manifest


def check(dataset: Dataset, where: str = "data") -> None:
    """Check order, ids, references, names and places across the files."""
    version = dataset.manifest.data_version
    frozen_on = date(*map(int, version.split(".")))
    source_ids = {s.id for s in dataset.sources}
    rounds = {p.id: {r.number for r in p.rounds} for p in dataset.programmes}

    def fail(file: str, record: str, field: str, value: object, reason: str) -> DataError:
        return DataError(reason=reason, field=field, value=value, record=record,
                         file=os.path.join(where, file))

    def walk(obj: Any, path: str) -> Iterable[tuple[str, str, Any]]:
        """(path, field, value) of every field of a record and its nested records."""
        for name in getattr(type(obj), "__attrs_attrs__", ()):
            value = getattr(obj, name.name)
            here = f"{path}.{name.name}" if path else name.name
            yield here, name.name, value
            if isinstance(value, tuple):
                for i, item in enumerate(value):
                    if hasattr(type(item), "__attrs_attrs__") and name.name != "countries":
                        yield from walk(item, f"{here}[{i}]")

    files: list[tuple[str, tuple[Any, ...], Callable[[Any], Iterable[str | None]]]] = [
        ("sources.json", dataset.sources, lambda s: (s.id,)),
        ("programmes.json", dataset.programmes, lambda p: (p.id, p.name, p.name_de, *p.aliases)),
        ("clusters.json", dataset.clusters,
         lambda c: (c.id, c.name, c.short_name, c.name_de, *c.aliases)),
    ]
    for file, items, names in files:
        ids = [r.id for r in items]
        for before, after in itertools.pairwise(ids):
            if after <= before:
                raise fail(file, after, "id", after,
                           "duplicate id" if after == before else "records must be sorted by id")
        owner: dict[str, str] = {}
        for rec in items:
            for name in names(rec):
                for key in () if name is None else _text.keys(name):
                    if owner.setdefault(key, rec.id) != rec.id:
                        raise fail(file, rec.id, "aliases", name,
                                   f"is also a name of {owner[key]!r}; names must be unambiguous")
            for path, field, value in walk(rec, ""):
                if field == "sources" and file != "sources.json":
                    for i, sid in enumerate(value):
                        if sid not in source_ids:
                            raise fail(file, rec.id, f"{path}[{i}]", sid,
                                       "names no source in sources.json")
                elif (isinstance(value, PartialDate) and field not in _PLANNED
                      and value.earliest() > frozen_on):
                    raise fail(file, rec.id, path, str(value),
                               f"is after the data version {version}")
                elif field in ("subdivisions", "subdivision"):
                    codes = value if isinstance(value, tuple) else (value,)
                    for i, code in enumerate(codes):
                        reason = _subdivision_problem(code)
                        if reason is not None:
                            where = f"{path}[{i}]" if isinstance(value, tuple) else path
                            raise fail(file, rec.id, where, code, reason)
    for c in dataset.clusters:
        for i, part in enumerate(c.participations):
            known = rounds.get(part.programme)
            if known is None:
                raise fail("clusters.json", c.id, f"participations[{i}].programme",
                           part.programme, "names no programme in programmes.json")
            if part.round is not None and known and part.round not in known:
                raise fail("clusters.json", c.id, f"participations[{i}].round", part.round,
                           f"is not a round of {part.programme}")


def _subdivision_problem(code: str | None) -> str | None:
    """Why ``code`` is not an ISO 3166-2 code as pycountry writes it, or None."""
    if code is None:
        return None
    try:
        found = normalize_subdivision(code)
    except GermanClustersError:
        return "is not an ISO 3166-2 subdivision known to pycountry"
    return None if found == code else f"must be written {found!r}"
