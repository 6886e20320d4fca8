"""The whole dataset as files: [`export`][germanclusters.export], with one writer per format.

Every writer makes its files from the table registry of `germanclusters.tables`
or from the canonical JSON, and every export adds a ``README.md`` with the data
version, licence and sources. Contacts (personal data) are left out unless asked
for. An export never replaces a file unless ``overwrite=True``. Optional libraries
(pyarrow, openpyxl, pandas) are imported by the writer that needs them; a missing
one raises [`MissingExtra`][germanclusters.MissingExtra] naming the pip extra.

Examples:
    >>> from germanclusters.exports import WRITERS
    >>> sorted(WRITERS)
    ['csv', 'datapackage', 'json', 'parquet', 'stata', 'xlsx']
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Final

import attrs

from germanclusters import _convert
from germanclusters._json import dumps
from germanclusters._version import __version__
from germanclusters.errors import ExportPathError, MissingExtra
from germanclusters.model import Manifest
from germanclusters.query import Clusters, clusters, manifest, programmes, sources
from germanclusters.tables import TABLE_LIST, Table, to_dataframe

__all__ = ["WRITERS", "export"]

_LICENCE_URL: Final = "https://creativecommons.org/licenses/by/4.0/"
_TITLE: Final = "German innovation clusters and their internationalisation"
_PERSONAL: Final = (
    "The contacts table holds business contact data of named people as the cited sources "
    "published them, on the date in as_of; they may be out of date. This is personal data: "
    "use it only for purposes compatible with its publication."
)
_NO_PERSONAL: Final = "Contact data (personal data) is left out of this export."

_Data = dict[str, Any]
_Writer = Callable[[Sequence[Table], _Data, Manifest], dict[str, bytes]]


def _require(module: str, extra: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise MissingExtra(module.split(".")[0], extra) from None


def _cell(value: object) -> str:
    return "" if value is None else str(value)


def _csv(tables: Sequence[Table], data: _Data, man: Manifest) -> dict[str, bytes]:
    out = {}
    for table in tables:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([c.name for c in table.columns])
        for row in table.rows(data[table.kind]):
            writer.writerow([_cell(v) for v in row.values()])
        out[f"{table.name}.csv"] = buffer.getvalue().encode("utf-8")
    return out


def _json(tables: Sequence[Table], data: _Data, man: Manifest) -> dict[str, bytes]:
    body = {"data_version": man.data_version, "licence": man.licence,
            **{k: _convert.unstructure(tuple(v)) for k, v in data.items()}}
    return {"germanclusters.json": dumps(body).encode("utf-8")}


def _parquet(tables: Sequence[Table], data: _Data, man: Manifest) -> dict[str, bytes]:
    pa = _require("pyarrow", "parquet")
    pq = _require("pyarrow.parquet", "parquet")
    out = {}
    for table in tables:
        schema = pa.schema(
            [pa.field(c.name, pa.int64() if c.type == "integer" else pa.string(),
                      nullable=not c.required).with_metadata({"description": c.description})
             for c in table.columns],
            metadata={"description": table.description},
        )
        rows = list(table.rows(data[table.kind]))
        sink = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pylist(rows, schema=schema), sink)
        out[f"{table.name}.parquet"] = sink.getvalue().to_pybytes()
    return out


def _datapackage(tables: Sequence[Table], data: _Data, man: Manifest) -> dict[str, bytes]:
    files = _csv(tables, data, man)
    names = {t.name for t in tables}
    resources = []
    for table in tables:
        path = f"{table.name}.csv"
        schema: dict[str, Any] = {
            "fields": [{"name": c.name, "type": c.type, "description": c.description,
                        **({"constraints": {k: v for k, v in (("required", c.required),
                                                               ("enum", list(c.enum))) if v}}
                           if c.required or c.enum else {})}
                       for c in table.columns],
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
        }
        if table.parent is not None and table.parent[0] in names:
            parent, reference = table.parent
            schema["foreignKeys"] = [{"fields": [c.name for c in table.keys][: len(reference)],
                                      "reference": {"resource": parent,
                                                    "fields": list(reference)}}]
        resources.append({
            "name": table.name, "path": path, "profile": "tabular-data-resource",
            "description": table.description, "format": "csv", "mediatype": "text/csv",
            "encoding": "utf-8", "bytes": len(files[path]),
            "hash": "sha256:" + hashlib.sha256(files[path]).hexdigest(), "schema": schema,
        })
    descriptor = {
        "profile": "tabular-data-package", "name": "germanclusters", "title": _TITLE,
        "description": _description(man, "contacts" in names),
        "version": man.data_version, "created": f"{man.created.isoformat()}T00:00:00Z",
        "licenses": [{"name": man.licence, "path": _LICENCE_URL,
                      "title": "Creative Commons Attribution 4.0 International"}],
        "sources": [{"title": s.title, **({"path": s.url} if s.url else {})}
                    for s in man.sources],
        "resources": resources,
    }
    files["datapackage.json"] = dumps(descriptor).encode("utf-8")
    return files


def _frames(tables: Sequence[Table], data: _Data) -> list[tuple[Table, Any]]:
    _require("pandas", "pandas")
    return [(t, to_dataframe(_of_kind(data, t), table=t.name)) for t in tables]


def _of_kind(data: _Data, table: Table) -> Any:
    return data[table.kind] if table.kind != "sources" else tuple(data["sources"])


def _xlsx(tables: Sequence[Table], data: _Data, man: Manifest) -> dict[str, bytes]:
    _require("openpyxl", "xlsx")
    import pandas as pd

    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for table, frame in _frames(tables, data):
            frame.to_excel(writer, sheet_name=table.name[:31], index=False)
    return {"germanclusters.xlsx": buffer.getvalue()}


def _stata(tables: Sequence[Table], data: _Data, man: Manifest) -> dict[str, bytes]:
    from pandas.io.stata import StataParser

    reserved = set(StataParser().RESERVED_WORDS)
    out = {}
    for table, frame in _frames(tables, data):
        frame = frame.astype({c.name: "object" for c in table.columns if c.type == "string"})
        frame = frame.fillna({c.name: "" for c in table.columns if c.type == "string"})
        frame = frame.rename(columns={c: f"{c}_" for c in frame.columns if c in reserved})
        buffer = io.BytesIO()
        labels = {c.name + ("_" if c.name in reserved else ""): c.description[:80]
                  for c in table.columns}
        frame.to_stata(buffer, write_index=False, version=118, variable_labels=labels,
                       data_label=table.description[:80])
        out[f"{table.name}.dta"] = buffer.getvalue()
    return out


#: The export formats and their writers.
WRITERS: Final[dict[str, _Writer]] = {
    "csv": _csv, "json": _json, "parquet": _parquet, "datapackage": _datapackage,
    "xlsx": _xlsx, "stata": _stata,
}


def _description(man: Manifest, with_contacts: bool) -> str:
    return (f"germanclusters dataset, data version {man.data_version}: German innovation "
            "clusters, their programmes, internationalisation targets and partners, labels "
            "and sources. Data licence: CC BY 4.0. "
            + (_PERSONAL if with_contacts else _NO_PERSONAL))


def _readme(fmt: str, names: Sequence[str], man: Manifest, with_contacts: bool) -> bytes:
    lines = [
        f"# {_TITLE}", "",
        f"Exported by germanclusters {__version__}, data version {man.data_version}, format "
        f"`{fmt}`.", "",
        f"Licence: CC BY 4.0 ({_LICENCE_URL}). Cite the data version and the sources below.",
        "", "## Personal data", "", _PERSONAL if with_contacts else _NO_PERSONAL, "",
        "## Files", "", *(f"- `{n}`" for n in names), "",
        "In the tables a list is one cell, its items separated by `; ` (`notes`: one per line).",
        "", "## Sources", "",
        *(f"- `{s.id}`: {s.title}" + (f", as of {s.as_of}" if s.as_of else "")
          + (f" <{s.url}>" if s.url else "") for s in man.sources),
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def export(directory: str | os.PathLike[str], format: str = "csv", *,  # noqa: A002
           include_contacts: bool = False, overwrite: bool = False) -> list[Path]:
    """Write the whole dataset to ``directory`` (created if needed); return the paths.

    Formats (`WRITERS`): ``"csv"`` (one file per table), ``"json"`` (canonical
    JSON), ``"parquet"`` (extra ``parquet``), ``"datapackage"`` (CSV files and a
    Frictionless ``datapackage.json`` with table schemas and keys), ``"xlsx"`` (one
    sheet per table; extra ``xlsx``) and ``"stata"`` (one ``.dta`` per table with
    variable labels from the data dictionary; a column named by a Stata reserved word,
    such as ``end``, gets a trailing underscore; extra ``stata``). Every export adds a
    ``README.md``. Contacts are personal data and are left out unless
    ``include_contacts=True``. If a file the export would write exists, it raises
    `FileExistsError` and writes nothing, unless ``overwrite=True``.

    Examples:
        >>> import germanclusters as gc, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     names = {p.name for p in gc.export(tmp, format="csv")}
        >>> "clusters.csv" in names, "contacts.csv" in names
        (True, False)
    """
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"directory must be a str or path, not {type(directory).__name__}")
    if not os.fspath(directory).strip():
        raise ValueError("directory must not be empty; name the directory to write to")
    if format not in WRITERS:
        raise ValueError(f"format must be one of {', '.join(WRITERS)}; got {format!r}")
    for name, flag in (("include_contacts", include_contacts), ("overwrite", overwrite)):
        if not isinstance(flag, bool):
            raise TypeError(f"{name} must be a bool, not {type(flag).__name__}")
    given = os.fspath(directory)
    root = Path(given)
    _check_directory(given, root)
    man = manifest()
    found = clusters() if include_contacts else Clusters(
        attrs.evolve(c, contacts=()) for c in clusters())
    data = {"clusters": found, "programmes": programmes(), "sources": sources()}
    tables = [t for t in TABLE_LIST if include_contacts or t.name != "contacts"]
    files = WRITERS[format](tables, data, man)
    files = {"README.md": _readme(format, list(files), man, include_contacts), **files}
    paths = [root / name for name in files]
    clash = [p for p in paths if os.path.lexists(p)]
    if clash and not overwrite:
        raise FileExistsError(17, "the export would replace this file; pass overwrite=True",
                              str(clash[0]))
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportPathError(
            given, f"does not exist and cannot be created{_inside(root)} ({exc.strerror or exc})",
            errno=exc.errno, strerror=exc.strerror) from exc
    for done, (path, content) in enumerate(zip(paths, files.values(), strict=True)):
        try:
            with path.open("wb" if overwrite else "xb") as handle:
                handle.write(content)
        except FileExistsError:
            raise
        except OSError as exc:
            problem = (f"is not writable: cannot create {path.name} in it" if not done else
                       f"took {done} files, then cannot write {path.name}")
            raise ExportPathError(given, f"{problem} ({exc.strerror or exc})",
                                  errno=exc.errno, strerror=exc.strerror) from exc
    return paths


def _nearest_existing(root: Path) -> Path | None:
    """The deepest of ``root``'s parents that exists (as a directory or not)."""
    for parent in root.absolute().parents:
        if os.path.lexists(parent):
            return parent
    return None


def _inside(root: Path) -> str:
    parent = _nearest_existing(root)
    return f" inside {str(parent)!r}" if parent is not None else ""


def _check_directory(given: str, root: Path) -> None:
    """Refuse a path that exists and is no directory, or lies under a non-directory."""
    if root.exists():
        if not root.is_dir():
            raise ExportPathError(given, "exists and is not a directory")
        return
    parent = _nearest_existing(root)
    if parent is not None and not parent.is_dir():
        raise ExportPathError(
            given, f"cannot be created: {str(parent)!r} exists and is not a directory")
