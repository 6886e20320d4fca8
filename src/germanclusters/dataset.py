"""Find, check and load the shipped dataset, once, on first use, thread-safely.

Reading goes through :mod:`importlib.resources`, so it works from a wheel or a zip.
Each file's SHA-256 and size are checked against ``data/manifest.json`` before it
is parsed; the records are built through the model (which checks every field) and
then every cross-reference is checked. Any problem raises
:class:`~germanclusters.DataError` naming the file, record, field and value. No
pickle, no eval: the files are JSON.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final, TypeVar

from attrs import frozen

from germanclusters import _text
from germanclusters.errors import DataError
from germanclusters.model import Cluster, DataFile, Manifest, Programme, Source

if TYPE_CHECKING:
    import sys

    if sys.version_info >= (3, 11):
        from importlib.resources.abc import Traversable
    else:
        from importlib.abc import Traversable

__all__ = ["DATA_FILES", "Dataset", "load", "read_dataset", "validate"]

T = TypeVar("T")

#: The files of the dataset, in the order they are read; the manifest lists each.
DATA_FILES: Final = ("sources.json", "programmes.json", "clusters.json")
MANIFEST: Final = "manifest.json"
#: Largest data file accepted (a guard against a runaway or hostile file).
MAX_FILE_BYTES: Final = 20 * 1024 * 1024
_MANIFEST_KEYS: Final = frozenset({"name", "data_version", "created", "licenses", "resources"})
_RESOURCE_KEYS: Final = frozenset({"name", "path", "bytes", "hash"})
_HASH: Final = re.compile(r"sha256:([0-9a-f]{64})")


@frozen(kw_only=True)
class Dataset:
    """The loaded, checked dataset: immutable tuples ordered by id."""

    manifest: Manifest
    sources: tuple[Source, ...]
    programmes: tuple[Programme, ...]
    clusters: tuple[Cluster, ...]


_lock = threading.Lock()
_dataset: Dataset | None = None
_loads = 0  # how many times the shipped data was read (for tests and benchmarks)


def load() -> Dataset:
    """The shipped dataset, read and checked on the first call, then cached.

    Every caller and every thread gets the same :class:`Dataset` object.
    """
    global _dataset, _loads
    if _dataset is None:
        with _lock:
            if _dataset is None:  # another thread may have loaded it meanwhile
                _loads += 1
                _dataset = read_dataset()
    return _dataset


def data_directory() -> Traversable:
    """The package's ``data/`` directory (a Traversable, not necessarily on disk)."""
    from importlib.resources import files

    return files("germanclusters") / "data"


_Reader = Callable[[str], bytes]


def _shipped(name: str) -> bytes:
    """A file of the shipped data, read through the package's loader.

    ``pkgutil.get_data`` asks the loader that imported germanclusters, so this works
    from a wheel, an editable install or a zip file alike; it costs a fraction of
    importing ``importlib.resources`` on the cold path.
    """
    import pkgutil

    try:
        content = pkgutil.get_data("germanclusters", f"data/{name}")
    except OSError:
        content = None
    if content is None:
        raise DataError(reason="file is missing", file=_where(name))
    if len(content) > MAX_FILE_BYTES:
        raise DataError(reason=f"is larger than {MAX_FILE_BYTES} bytes", file=_where(name))
    return content


def _from_directory(directory: str | os.PathLike[str] | Traversable) -> _Reader:
    def read(name: str) -> bytes:
        if isinstance(directory, (str, os.PathLike)):
            return _read_bytes(os.path.join(os.fspath(directory), name), name)
        return _read_bytes(directory / name, name)  # a Traversable (importlib.resources)

    return read


def read_dataset(directory: str | os.PathLike[str] | Traversable | None = None) -> Dataset:
    """Read and check a dataset directory (default: the shipped one); no caching.

    Use it to check a modified copy of the data: it raises :class:`DataError` for
    the first problem it finds.
    """
    if directory is None:
        return _read(_shipped)
    if isinstance(directory, (str, os.PathLike)) and not os.path.isdir(directory):
        raise DataError(reason="is not a directory", file=os.fspath(directory))
    try:
        return _read(_from_directory(directory))
    except DataError as exc:  # name the user's file, not the shipped one
        if exc.file and exc.file.startswith("data/"):
            exc.file = os.path.join(str(directory), exc.file.removeprefix("data/"))
            exc.args = (exc._message(),)
        raise


def _read(read: _Reader) -> Dataset:
    manifest_raw = read(MANIFEST)
    manifest_data = _parse_json(manifest_raw, MANIFEST)
    expected = _parse_manifest(manifest_data)
    listed = {f.path for f in expected}
    for name in DATA_FILES:
        if name not in listed:
            raise DataError(
                reason=f"does not list {name}",
                field="resources",
                value=sorted(listed),
                file=_where(MANIFEST),
            )
    for extra in sorted(listed - set(DATA_FILES)):
        raise DataError(
            reason="lists a file the dataset does not have",
            field="resources",
            value=extra,
            file=_where(MANIFEST),
        )

    raw: dict[str, Any] = {}
    by_path = {f.path: f for f in expected}
    for name in DATA_FILES:
        content = read(name)
        _check_file(name, content, by_path[name])
        raw[name] = _parse_json(content, name)

    sources = _records(raw["sources.json"], "sources.json", Source)
    programmes = _records(raw["programmes.json"], "programmes.json", Programme)
    clusters = _records(raw["clusters.json"], "clusters.json", Cluster)
    manifest = Manifest(
        data_version=manifest_data["data_version"],
        created=_manifest_date(manifest_data["created"]),
        licence=_manifest_licence(manifest_data["licenses"]),
        files=expected,
        sources=sources,
    )
    dataset = Dataset(manifest=manifest, sources=sources, programmes=programmes, clusters=clusters)
    check_references(dataset)
    return dataset


def validate(directory: str | os.PathLike[str] | None = None) -> Manifest:
    """Read the data again from disk and check all of it; return its manifest.

    Checks every file's size and SHA-256 against the manifest, every field of every
    record and every reference between records, without using the cached dataset.
    ``directory`` checks a copy of the data (for example one you edited) instead of
    the shipped files. Raises :class:`~germanclusters.DataError` naming the file,
    record, field and value of the first problem.

    Examples:
        >>> import germanclusters as gc
        >>> gc.validate().data_version == gc.data_version()
        True
    """
    if directory is not None and not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"directory must be a path or None, not {type(directory).__name__}")
    return read_dataset(directory).manifest


# ------------------------------------------------------------------ file reading


def _where(name: str) -> str:
    return f"data/{name}"


def _read_bytes(entry: Any, name: str) -> bytes:
    try:
        with open(entry, "rb") if isinstance(entry, str) else entry.open("rb") as handle:
            content: bytes = handle.read(MAX_FILE_BYTES + 1)
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        raise DataError(reason="file is missing", file=_where(name)) from None
    except OSError as exc:
        raise DataError(
            reason=f"cannot be read: {exc.strerror or exc}", file=_where(name)
        ) from None
    if len(content) > MAX_FILE_BYTES:
        raise DataError(reason=f"is larger than {MAX_FILE_BYTES} bytes", file=_where(name))
    return content


def _check_file(name: str, content: bytes, expected: DataFile) -> None:
    actual = hashlib.sha256(content).hexdigest()
    if len(content) != expected.bytes:
        raise DataError(
            reason=f"has {len(content)} bytes, the manifest says {expected.bytes}",
            field="bytes",
            value=len(content),
            file=_where(name),
        )
    if actual != expected.sha256:
        raise DataError(
            reason=f"sha256 is {actual}, the manifest says {expected.sha256}",
            field="hash",
            value=actual,
            file=_where(name),
        )


def _no_duplicate_keys(name: str) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in pairs:
            if key in out:
                record = out.get("id") if isinstance(out.get("id"), str) else None
                raise DataError(
                    reason="key appears twice in one object",
                    field=key,
                    value=value,
                    record=record,
                    file=_where(name),
                )
            out[key] = value
        return out

    return hook


def _reject_constant(text: str) -> float:
    raise ValueError(f"{text} is not valid JSON")


def _parse_json(content: bytes, name: str) -> Any:
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(reason=f"is not UTF-8 (byte {exc.start})", file=_where(name)) from None
    try:
        return json.loads(
            text, object_pairs_hook=_no_duplicate_keys(name), parse_constant=_reject_constant
        )
    except DataError:
        raise
    except json.JSONDecodeError as exc:
        raise DataError(
            reason=f"is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})",
            file=_where(name),
        ) from None
    except ValueError as exc:
        raise DataError(reason=f"is not valid JSON: {exc}", file=_where(name)) from None


def _parse_manifest(data: Any) -> tuple[DataFile, ...]:
    where = _where(MANIFEST)
    if not isinstance(data, dict):
        raise DataError(reason="must be a JSON object", file=where)
    for key in sorted(_MANIFEST_KEYS - data.keys()):
        raise DataError(reason="required field is missing", field=key, file=where)
    for key in sorted(data.keys() - _MANIFEST_KEYS):
        raise DataError(reason="is not a manifest field", field=key, value=data[key], file=where)
    resources = data["resources"]
    if not isinstance(resources, list):
        raise DataError(reason="must be a list", field="resources", value=resources, file=where)
    out = []
    for i, res in enumerate(resources):
        field = f"resources[{i}]"
        if not isinstance(res, dict):
            raise DataError(reason="must be an object", field=field, value=res, file=where)
        for key in sorted(_RESOURCE_KEYS - res.keys()):
            raise DataError(reason="required field is missing", field=f"{field}.{key}", file=where)
        for key in sorted(res.keys() - _RESOURCE_KEYS):
            raise DataError(
                reason="is not a resource field", field=f"{field}.{key}", value=res[key], file=where
            )
        match = _HASH.fullmatch(res["hash"]) if isinstance(res["hash"], str) else None
        if match is None:
            raise DataError(
                reason="must be 'sha256:' and 64 hex digits",
                field=f"{field}.hash",
                value=res["hash"],
                file=where,
            )
        try:
            out.append(DataFile(path=res["path"], sha256=match.group(1), bytes=res["bytes"]))
        except DataError as exc:
            raise exc.located(file=where, field_prefix=field) from None
    try:
        Manifest(
            data_version=data["data_version"],
            created=_manifest_date(data["created"]),
            licence=_manifest_licence(data["licenses"]),
            files=out,
        )
    except DataError as exc:
        raise exc.located(file=where) from None
    return tuple(out)


def _manifest_date(value: Any) -> date:
    from germanclusters._convert import parse_date

    try:
        return parse_date(value)
    except ValueError:
        raise DataError(
            reason="must be an ISO date 'YYYY-MM-DD'",
            field="created",
            value=value,
            file=_where(MANIFEST),
        ) from None


def _manifest_licence(value: Any) -> str:
    if (
        not isinstance(value, list)
        or len(value) != 1
        or not isinstance(value[0], dict)
        or not isinstance(value[0].get("name"), str)
    ):
        raise DataError(
            reason="must be a list of one {'name': ...} object",
            field="licenses",
            value=value,
            file=_where(MANIFEST),
        )
    name: str = value[0]["name"]
    return name


def _records(data: Any, name: str, cls: type[T]) -> tuple[T, ...]:
    from germanclusters._convert import structure

    if not isinstance(data, list):
        raise DataError(reason="must be a JSON list of records", file=_where(name))
    out: list[T] = []
    seen: set[str] = set()
    previous = ""
    for i, item in enumerate(data):
        record_id = item.get("id") if isinstance(item, dict) else None
        label = record_id if isinstance(record_id, str) else f"#{i}"
        obj = structure(item, cls, record=label, file=_where(name))
        ident: str = getattr(obj, "id")  # noqa: B009 - every record class has an id
        if ident in seen:
            raise DataError(
                reason="duplicate id", field="id", value=ident, record=ident, file=_where(name)
            )
        if ident < previous:
            raise DataError(
                reason=f"records must be sorted by id; comes after {previous!r}",
                field="id",
                value=ident,
                record=ident,
                file=_where(name),
            )
        seen.add(ident)
        previous = ident
        out.append(obj)
    return tuple(out)


# ------------------------------------------------------------ cross-references


def check_references(dataset: Dataset) -> None:
    """Check that every id a record names exists and that names are unambiguous."""
    from germanclusters.countries import REGIONS

    source_ids = {s.id for s in dataset.sources}
    programmes = {p.id: p for p in dataset.programmes}
    frozen_on = _version_date(dataset.manifest.data_version)
    regions = set(REGIONS)

    def sources_exist(ids: Iterable[str], file: str, record: str, field: str) -> None:
        for i, sid in enumerate(ids):
            if sid not in source_ids:
                raise DataError(
                    reason="names no source in sources.json",
                    field=f"{field}[{i}]",
                    value=sid,
                    record=record,
                    file=_where(file),
                )

    for src in dataset.sources:
        if src.as_of is not None and src.as_of > frozen_on:
            raise DataError(
                reason="is after the data version",
                field="as_of",
                value=src.as_of,
                record=src.id,
                file=_where("sources.json"),
            )

    for prog in dataset.programmes:
        sources_exist(prog.sources, "programmes.json", prog.id, "sources")
        for i, rnd in enumerate(prog.rounds):
            sources_exist(rnd.sources, "programmes.json", prog.id, f"rounds[{i}].sources")
        for i, fund in enumerate(prog.funding):
            sources_exist(fund.sources, "programmes.json", prog.id, f"funding[{i}].sources")
    _check_unique_names(
        dataset.programmes, "programmes.json", lambda p: (p.id, p.name, p.name_de, *p.aliases)
    )

    for cl in dataset.clusters:
        file = "clusters.json"
        sources_exist(cl.sources, file, cl.id, "sources")
        for i, part in enumerate(cl.participations):
            where = f"participations[{i}]"
            target = programmes.get(part.programme)
            if target is None:
                raise DataError(
                    reason="names no programme in programmes.json",
                    field=f"{where}.programme",
                    value=part.programme,
                    record=cl.id,
                    file=_where(file),
                )
            if (
                part.round is not None
                and target.rounds
                and part.round not in {r.number for r in target.rounds}
            ):
                raise DataError(
                    reason=f"is not a round of {target.id}",
                    field=f"{where}.round",
                    value=part.round,
                    record=cl.id,
                    file=_where(file),
                )
            sources_exist(part.sources, file, cl.id, f"{where}.sources")
            for j, phase in enumerate(part.phases):
                for k, region in enumerate(phase.regions):
                    if region not in regions:
                        raise DataError(
                            reason="is not one of germanclusters.REGIONS",
                            field=f"{where}.phases[{j}].regions[{k}]",
                            value=region,
                            record=cl.id,
                            file=_where(file),
                        )
        for i, label in enumerate(cl.labels):
            sources_exist(label.sources, file, cl.id, f"labels[{i}].sources")
        for i, contact in enumerate(cl.contacts):
            sources_exist(contact.sources, file, cl.id, f"contacts[{i}].sources")
            if contact.as_of is not None and contact.as_of > frozen_on:
                raise DataError(
                    reason="is after the data version",
                    field=f"contacts[{i}].as_of",
                    value=contact.as_of,
                    record=cl.id,
                    file=_where(file),
                )
    _check_unique_names(
        dataset.clusters,
        "clusters.json",
        lambda c: (c.id, c.name, c.short_name, c.name_de, *c.aliases),
    )


def _version_date(version: str) -> date:
    try:
        return date(*(int(part) for part in version.split(".")))
    except (TypeError, ValueError):
        raise DataError(
            reason="is not a valid CalVer date",
            field="data_version",
            value=version,
            file=_where(MANIFEST),
        ) from None


def _check_unique_names(
    records: Sequence[Any], file: str, names: Callable[[Any], Iterable[str | None]]
) -> None:
    owner: dict[str, str] = {}
    for rec in records:
        for name in names(rec):
            if name is None:
                continue
            for key in _text.keys(name):
                other = owner.setdefault(key, rec.id)
                if other != rec.id:
                    raise DataError(
                        reason=f"is also a name of {other!r}; names must be unambiguous",
                        field="aliases",
                        value=name,
                        record=rec.id,
                        file=_where(file),
                    )
