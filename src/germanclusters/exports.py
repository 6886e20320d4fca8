"""The whole dataset as files: :func:`export` (CSV, JSON, Parquet, data package).

Every format is made from the specs of :mod:`germanclusters.tables` (CSV and
Parquet files, the table schemas of the Frictionless ``datapackage.json``) or from
the canonical JSON of :func:`~germanclusters.to_json`; every export adds a
``README.md`` with the data version, licence, sources and a word on personal data.
An export never replaces a file it did not write: it checks every name first and
raises :class:`FileExistsError` unless ``overwrite=True``.

pyarrow is imported only for Parquet; without it :func:`export` raises
:class:`~germanclusters.MissingExtra` naming the pip extra.

Examples:
    >>> from germanclusters.exports import EXPORT_FORMATS, csv_cell
    >>> EXPORT_FORMATS
    ('csv', 'json', 'parquet', 'datapackage')
    >>> import datetime
    >>> [csv_cell(v) for v in ("Dresden", 2008, datetime.date(2020, 4, 16), None)]
    ['Dresden', '2008', '2020-04-16', '']
"""

from __future__ import annotations

import csv
import errno
import io
import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any, Final

import attrs

from germanclusters._version import __version__
from germanclusters.model import Manifest, Source
from germanclusters.query import Clusters, clusters, manifest, programmes, sources
from germanclusters.serialise import _dumps, _plain
from germanclusters.tables import _TABLE_LIST, LIST_SEPARATOR, _Column, _require, _Table

__all__ = ["EXPORT_FORMATS", "csv_cell", "export"]

EXPORT_FORMATS: Final = ("csv", "json", "parquet", "datapackage")
"""The formats of :func:`export`."""

_DATA_LICENCE: Final = "CC-BY-4.0"
_DATA_LICENCE_URL: Final = "https://creativecommons.org/licenses/by/4.0/"


def export(
    directory: str | os.PathLike[str],
    format: str = "datapackage",  # noqa: A002 - the documented argument name
    *,
    include_contacts: bool = True,
    overwrite: bool = False,
) -> list[Path]:
    """Write the whole dataset to ``directory`` (created if needed); return the paths.

    Formats: ``"csv"`` (one CSV file per table of
    :func:`~germanclusters.to_records`), ``"json"`` (``germanclusters.json``:
    canonical JSON of the clusters, programmes and sources), ``"parquet"`` (one
    Parquet file per table; needs the ``parquet`` extra) and ``"datapackage"`` (the
    CSV files and a Frictionless ``datapackage.json`` with table schemas, primary
    and foreign keys, licence and sources). Every export also writes a
    ``README.md`` with the data version, licence (CC BY 4.0) and sources. Contacts
    are personal data: the README (and the data package's description) say when an
    export holds them; ``include_contacts=False`` leaves them out.

    An export never replaces a file it did not write: if any file it would write
    (``README.md`` included) already exists in ``directory``, it raises
    :class:`FileExistsError` naming that file, and writes nothing. With
    ``overwrite=True`` it replaces files of those names; other files in the
    directory are left alone (so write an export without contacts to a fresh
    directory, not over one with a ``contacts.csv``). Raises ``OSError`` if a file
    cannot be written.

    Examples:
        >>> import germanclusters as gc, pathlib, tempfile
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     paths = gc.export(tmp, format="csv", include_contacts=False)
        ...     names = {p.name for p in paths}
        ...     try:
        ...         gc.export(tmp, format="csv")
        ...     except FileExistsError as exc:
        ...         refused = pathlib.Path(exc.filename).name
        ...     again = gc.export(tmp, format="csv", overwrite=True)
        >>> "clusters.csv" in names, "contacts.csv" in names, refused, len(again) > len(paths)
        (True, False, 'README.md', True)
    """
    if not isinstance(directory, (str, os.PathLike)):
        raise TypeError(f"directory must be a str or path, not {type(directory).__name__}")
    if format not in EXPORT_FORMATS:
        allowed = ", ".join(repr(f) for f in EXPORT_FORMATS)
        raise ValueError(f"format must be one of {allowed}; got {format!r}")
    if not isinstance(include_contacts, bool):
        raise TypeError(f"include_contacts must be a bool, not {type(include_contacts).__name__}")
    if not isinstance(overwrite, bool):
        raise TypeError(f"overwrite must be a bool, not {type(overwrite).__name__}")
    if format == "parquet":
        _require("pyarrow", "parquet")
    files = _contents(format, include_contacts)
    root = Path(directory)
    root.mkdir(parents=True, exist_ok=True)
    paths = [root / name for name in files]
    if not overwrite:
        for path in paths:
            if os.path.lexists(path):
                raise FileExistsError(
                    errno.EEXIST,
                    "export would replace a file it did not write; "
                    "pass overwrite=True (command line: --overwrite) to replace it",
                    str(path),
                )
    for path, content in zip(paths, files.values(), strict=True):
        # "x" (create, never replace) also covers a file that appeared since the check
        with path.open("wb" if overwrite else "xb") as handle:
            handle.write(content)
    return paths


def _contents(fmt: str, include_contacts: bool) -> dict[str, bytes]:
    """Every file of the export, by name, in the order they are written and returned."""
    man = manifest()
    data: dict[str, Any] = {
        "clusters": clusters(),
        "programmes": programmes(),
        "sources": sources(),
    }
    if not include_contacts:
        data["clusters"] = Clusters(attrs.evolve(c, contacts=()) for c in clusters())
    tables = [t for t in _TABLE_LIST if include_contacts or t.name != "contacts"]
    files = {"README.md": _readme(fmt, tables, man, include_contacts).encode("utf-8")}
    if fmt == "json":
        files["germanclusters.json"] = _dataset_json(data, man).encode("utf-8")
    elif fmt == "parquet":
        for table in tables:
            files[f"{table.name}.parquet"] = _parquet_bytes(table, data)
    else:
        for table in tables:
            files[f"{table.name}.csv"] = _csv_text(table, data).encode("utf-8")
        if fmt == "datapackage":
            descriptor = _descriptor(tables, files, man, include_contacts)
            files["datapackage.json"] = _dumps(descriptor).encode("utf-8")
    return files


def csv_cell(value: object) -> str:
    """A value of :func:`~germanclusters.to_records` as the text of a CSV cell.

    ``None`` is the empty cell, a date its ISO form, anything else ``str(value)``:
    the cells of the CSV files of :func:`export` (and of the command line's
    ``--format csv``).

    Examples:
        >>> import datetime
        >>> csv_cell(None), csv_cell(2008), csv_cell(datetime.date(2020, 4, 16))
        ('', '2008', '2020-04-16')
    """
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _csv_text(table: _Table, data: dict[str, Any]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows(data[table.kind]):
        writer.writerow([csv_cell(v) for v in row])
    return buffer.getvalue()


def _parquet_bytes(table: _Table, data: dict[str, Any]) -> bytes:
    pa = _require("pyarrow", "parquet")
    pq = _require("pyarrow.parquet", "parquet")
    types = {"string": pa.string(), "integer": pa.int64(), "date": pa.date32()}
    schema = pa.schema(
        [
            pa.field(c.name, types[c.type], nullable=not c.required).with_metadata(
                {"description": c.description}
            )
            for c in table.columns
        ],
        metadata={"description": table.description},
    )
    rows = list(table.rows(data[table.kind]))
    columns = [[row[i] for row in rows] for i in range(len(table.columns))]
    sink = pa.BufferOutputStream()
    pq.write_table(pa.Table.from_arrays(columns, schema=schema), sink)
    content: bytes = sink.getvalue().to_pybytes()
    return content


def _dataset_json(data: dict[str, Any], man: Manifest) -> str:
    return _dumps(
        {
            "data_version": man.data_version,
            "licence": man.licence,
            "clusters": _plain(data["clusters"]),
            "programmes": _plain(data["programmes"]),
            "sources": _plain(data["sources"]),
        }
    )


_TITLE: Final = "German innovation clusters and their internationalisation"
_PERSONAL: Final = (
    "The contacts table holds business contact data of named people (names, phone "
    "numbers, e-mail addresses) as the cited sources published them, on the date "
    "given in as_of; they may be out of date. This is personal data: use it only for "
    "purposes compatible with its publication, and leave it out of copies that do not "
    "need it (export with include_contacts=False)."
)
_NO_PERSONAL: Final = "Contact data (personal data) is left out of this export."


def _description(include_contacts: bool, man: Manifest) -> str:
    return (
        f"germanclusters dataset, data version {man.data_version}: German innovation "
        "clusters, the programmes they take part in, the target countries of their "
        "internationalisation projects, labels and sources. Every record cites its "
        "sources (sources table). Data licence: CC BY 4.0. "
        + (_PERSONAL if include_contacts else _NO_PERSONAL)
    )


def _field_descriptor(column: _Column) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": column.name,
        "type": column.type,
        "description": column.description,
    }
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        out["constraints"] = constraints
    return out


def _descriptor(
    tables: Sequence[_Table], files: dict[str, bytes], man: Manifest, include_contacts: bool
) -> dict[str, Any]:
    import hashlib

    names = {t.name for t in tables}
    resources = []
    for table in tables:
        path = f"{table.name}.csv"
        content = files[path]
        schema: dict[str, Any] = {
            "fields": [_field_descriptor(c) for c in table.columns],
            "missingValues": [""],
            "primaryKey": list(table.primary_key),
        }
        keys = [
            {
                "fields": list(fk.fields),
                "reference": {"resource": fk.resource, "fields": list(fk.reference)},
            }
            for fk in table.foreign_keys
            if fk.resource in names
        ]
        if keys:
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": table.name,
                "path": path,
                "profile": "tabular-data-resource",
                "title": table.name.replace("_", " ").capitalize(),
                "description": table.description,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(content),
                "hash": "sha256:" + hashlib.sha256(content).hexdigest(),
                "schema": schema,
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": "germanclusters",
        "title": _TITLE,
        "description": _description(include_contacts, man),
        "version": man.data_version,
        "created": f"{man.created.isoformat()}T00:00:00Z",
        "keywords": ["clusters", "innovation", "germany", "internationalisation"],
        "licenses": [
            {
                "name": _DATA_LICENCE,
                "path": _DATA_LICENCE_URL,
                "title": "Creative Commons Attribution 4.0 International",
            }
        ],
        "sources": [_source_descriptor(s) for s in man.sources],
        "resources": resources,
    }


def _source_descriptor(source: Source) -> dict[str, str]:
    out = {"title": source.title}
    if source.url is not None:
        out["path"] = source.url
    return out


def _readme(
    format: str,  # noqa: A002
    tables: Sequence[_Table],
    man: Manifest,
    include_contacts: bool,
) -> str:
    if format == "json":
        files = [
            "- `germanclusters.json`: the clusters, programmes and sources as canonical "
            "JSON (the format of `germanclusters.to_json`)."
        ]
    else:
        ext = "parquet" if format == "parquet" else "csv"
        files = [f"- `{t.name}.{ext}`: {t.description}" for t in tables]
        if format == "datapackage":
            files.append(
                "- `datapackage.json`: Frictionless data package descriptor (table "
                "schemas, keys, licence, sources); check it with "
                "`frictionless validate datapackage.json`."
            )
    if format != "json":
        files += [
            "",
            f"In the tables a list is one cell, its items separated by `{LIST_SEPARATOR}` "
            "(`aliases`, `states`, `sources`, ...), except `notes`, free text with one note "
            "per line; split a cell at its separator to get the items back.",
        ]
    lines = [
        f"# {_TITLE}",
        "",
        f"Exported by germanclusters {__version__}, data version {man.data_version}, "
        f"format `{format}`.",
        "",
        f"Licence: CC BY 4.0 ({_DATA_LICENCE_URL}). Cite as: germanclusters dataset, "
        f"data version {man.data_version}, and the sources below.",
        "",
        "## Personal data",
        "",
        _PERSONAL if include_contacts else _NO_PERSONAL,
        "",
        "## Files",
        "",
        *files,
        "",
        "## Sources",
        "",
    ]
    for s in man.sources:
        as_of = f", as of {s.as_of.isoformat()}" if s.as_of else ""
        where = f" <{s.url}>" if s.url else ""
        publisher = f" ({s.publisher})" if s.publisher else ""
        lines.append(f"- `{s.id}`: {s.title}{publisher}{as_of}{where}")
    return "\n".join(lines) + "\n"
