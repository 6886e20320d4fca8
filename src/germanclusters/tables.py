"""Flat tables of the data: one registry, [`to_records`][germanclusters.to_records] and
[`to_dataframe`][germanclusters.to_dataframe].

Each table is a [`Table`][germanclusters.tables.Table]: the key columns that tie a row to its
parent, then one column per field of a model record (its description comes from the field's
metadata), so the tables, the exports and the data dictionary cannot drift from the
model. Cells are ``str``, ``int`` or ``None``: dates are ISO 8601 at their precision,
countries alpha-2 codes, enums their values, and a list is one string of its items
joined with ``"; "`` (``notes`` with a line break, as notes are free text).

pandas and polars are imported only inside [`to_dataframe`][germanclusters.to_dataframe]; a missing
one raises [`MissingExtra`][germanclusters.MissingExtra] naming the pip extra.

Examples:
    >>> import germanclusters as gc
    >>> (row,) = gc.to_records(gc.cluster("cool-silicon"))
    >>> row["sources"].split("; ") == list(gc.cluster("cool-silicon").sources)
    True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import Enum
from typing import Any, Final

import attrs
from attrs import frozen

from germanclusters.errors import MissingExtra
from germanclusters.model import (
    LIST_SEPARATOR,
    Cluster,
    Contact,
    Country,
    Funding,
    Label,
    MemberCount,
    Participation,
    Partner,
    Phase,
    Programme,
    ProgrammeRound,
    Source,
)
from germanclusters.query import Clusters, Programmes

__all__ = ["TABLES", "Column", "Table", "to_dataframe", "to_records"]

NOTES_SEPARATOR: Final = "\n"


@frozen
class Column:
    """One column: name, type (``"string"`` or ``"integer"``), description, constraints."""

    name: str
    type: str
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    separator: str | None = None


@frozen
class _Place:
    subdivision: str = attrs.field(metadata={"doc": "sub-national target place (ISO 3166-2)"})
    country: str = attrs.field(metadata={"doc": "its country (ISO 3166-1 alpha-2)"})


@frozen
class _Change:
    country: str = attrs.field(metadata={"doc": "target country (ISO 3166-1 alpha-2)"})
    change: str = attrs.field(metadata={
        "doc": "kept (in both phases), dropped (concept only) or added (implementation only)"})


_Rows = Callable[[Sequence[Any]], Iterator[tuple[tuple[Any, ...], Any]]]


@frozen
class Table:
    """A flat table: key columns, the columns of one record class, how rows are found."""

    name: str
    kind: str  # the collection it is made from: "clusters", "programmes" or "sources"
    description: str
    keys: tuple[Column, ...]
    record: type
    find: _Rows
    primary_key: tuple[str, ...]
    parent: tuple[str, tuple[str, ...]] | None = None  # (table, its key columns)
    rename: tuple[tuple[str, str], ...] = ()

    @property
    def fields(self) -> tuple[attrs.Attribute[Any], ...]:
        return tuple(f for f in attrs.fields(self.record) if not _nested(f))

    @property
    def columns(self) -> tuple[Column, ...]:
        names = dict(self.rename)
        return self.keys + tuple(_column(f, names.get(f.name, f.name)) for f in self.fields)

    def rows(self, items: Sequence[Any]) -> Iterator[dict[str, Any]]:
        names = [c.name for c in self.columns]
        fields = self.fields
        for key, rec in self.find(items):
            yield dict(zip(names, (*key, *(_cell(f, getattr(rec, f.name)) for f in fields)),
                           strict=True))


def _nested(f: attrs.Attribute[Any]) -> bool:
    schema = getattr(f.validator, "schema", {})
    return "$ref" in schema.get("items", {})


def _column(f: attrs.Attribute[Any], name: str) -> Column:
    schema = dict(getattr(f.validator, "schema", {}))
    doc = f.metadata.get("doc", f.name)
    if "anyOf" in schema:
        schema = schema["anyOf"][0]
    required = f.default is attrs.NOTHING and schema.get("type") != "array"
    if schema.get("type") == "array":
        sep = NOTES_SEPARATOR if f.name == "notes" else LIST_SEPARATOR
        return Column(name, "string", f"{doc}; items separated by {sep!r}", separator=sep)
    enum = tuple(schema.get("enum", ())) if len(schema.get("enum", ())) < 10 else ()
    kind = "integer" if schema.get("type") == "integer" else "string"
    return Column(name, kind, doc, required=required, enum=enum)


def _cell(f: attrs.Attribute[Any], value: Any) -> Any:
    if isinstance(value, tuple):
        sep = NOTES_SEPARATOR if f.name == "notes" else LIST_SEPARATOR
        return sep.join(_scalar(v) for v in value) or None
    return None if value is None else _scalar(value) if not isinstance(value, int) else value


def _scalar(value: Any) -> str:
    if isinstance(value, Country):
        return value.alpha_2
    if isinstance(value, Enum):
        return str(value.value)
    return str(value)


def _key(name: str, description: str, enum: tuple[str, ...] = ()) -> Column:
    return Column(name, "integer" if name == "number" else "string", description, True, enum)


_CLUSTER_ID = _key("cluster_id", "id of the cluster (clusters.id)")
_PROGRAMME = _key("programme", "id of the programme (programmes.id)")
_PHASE = _key("phase", "phase: concept or implementation", ("concept", "implementation"))
_NUMBER = _key("number", "position within its parent, from 1")
_PROGRAMME_ID = _key("programme_id", "id of the programme (programmes.id)")


def _own(items: Sequence[Any]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    return (((), r) for r in items)


def _each(children: Callable[[Any], Iterable[Any]], numbered: bool = False) -> _Rows:
    def find(items: Sequence[Any]) -> Iterator[tuple[tuple[Any, ...], Any]]:
        for r in items:
            for n, child in enumerate(children(r), 1):
                yield ((r.id, n) if numbered else (r.id,)), child
    return find


def _in_parts(children: Callable[[Participation], Iterable[Any]]) -> _Rows:
    def find(items: Sequence[Cluster]) -> Iterator[tuple[tuple[Any, ...], Any]]:
        for c in items:
            for p in c.participations:
                for child in children(p):
                    yield (c.id, p.programme), child
    return find


def _in_phases(children: Callable[[Phase], Iterable[Any]]) -> _Rows:
    def find(items: Sequence[Cluster]) -> Iterator[tuple[tuple[Any, ...], Any]]:
        for c in items:
            for p in c.participations:
                for ph in p.phases:
                    for child in children(ph):
                        yield (c.id, p.programme, ph.kind.value), child
    return find


def _numbered_in_parts(children: Callable[[Participation], Iterable[Any]]) -> _Rows:
    def find(items: Sequence[Cluster]) -> Iterator[tuple[tuple[Any, ...], Any]]:
        for c in items:
            for p in c.participations:
                for n, child in enumerate(children(p), 1):
                    yield (c.id, p.programme, n), child
    return find


def _changes(p: Participation) -> Iterator[_Change]:
    found = p.target_changes()
    for change in ("kept", "dropped", "added"):
        for k in getattr(found, change):
            yield _Change(k.alpha_2, change)


def _countries(items: Sequence[Cluster]) -> Iterator[tuple[tuple[Any, ...], Any]]:
    found = {k for c in items for k in c.target_countries()}
    return (((), k) for k in sorted(found))


_PART_KEY = ("participations", ("cluster_id", "programme"))
_PHASE_KEY = ("phases", ("cluster_id", "programme", "phase"))
_COUNTRY_RENAME = (("alpha_2", "country"), ("name", "country_name"),
                   ("name_de", "country_name_de"))

TABLE_LIST: Final[tuple[Table, ...]] = (
    Table("clusters", "clusters", "One row per cluster.", (), Cluster, _own, ("id",)),
    Table("participations", "clusters", "A cluster's part in a programme.", (_CLUSTER_ID,),
          Participation, _each(lambda c: c.participations), ("cluster_id", "programme"),
          ("clusters", ("id",))),
    Table("phases", "clusters", "A phase of an internationalisation project.",
          (_CLUSTER_ID, _PROGRAMME), Phase, _in_parts(lambda p: p.phases),
          ("cluster_id", "programme", "phase"), _PART_KEY, (("kind", "phase"),)),
    Table("target_countries", "clusters", "One row per cluster, phase and target country.",
          (_CLUSTER_ID, _PROGRAMME, _PHASE), Country, _in_phases(lambda ph: ph.countries),
          ("cluster_id", "programme", "phase", "country"), _PHASE_KEY, _COUNTRY_RENAME),
    Table("target_subdivisions", "clusters", "One row per phase and sub-national target place.",
          (_CLUSTER_ID, _PROGRAMME, _PHASE), _Place,
          _in_phases(lambda ph: (_Place(s, s[:2]) for s in ph.subdivisions)),
          ("cluster_id", "programme", "phase", "subdivision"), _PHASE_KEY),
    Table("changes", "clusters", "Target countries kept, dropped or added between phases.",
          (_CLUSTER_ID, _PROGRAMME), _Change, _in_parts(_changes),
          ("cluster_id", "programme", "country"), _PART_KEY),
    Table("partners", "clusters", "Foreign partners of a participation.",
          (_CLUSTER_ID, _PROGRAMME, _NUMBER), Partner, _numbered_in_parts(lambda p: p.partners),
          ("cluster_id", "programme", "number"), _PART_KEY),
    Table("project_funding", "clusters", "Funding of a participation, as a source states it.",
          (_CLUSTER_ID, _PROGRAMME, _NUMBER), Funding, _numbered_in_parts(lambda p: p.funding),
          ("cluster_id", "programme", "number"), _PART_KEY),
    Table("labels", "clusters", "One row per label award.", (_CLUSTER_ID, _NUMBER), Label,
          _each(lambda c: c.labels, numbered=True), ("cluster_id", "number"),
          ("clusters", ("id",))),
    Table("contacts", "clusters", "Business contacts (personal data).", (_CLUSTER_ID, _NUMBER),
          Contact, _each(lambda c: c.contacts, numbered=True), ("cluster_id", "number"),
          ("clusters", ("id",))),
    Table("countries", "clusters", "Every country targeted, with its UN M49 region.", (),
          Country, _countries, ("alpha_2",)),
    Table("programmes", "programmes", "One row per programme.", (), Programme, _own, ("id",)),
    Table("programme_rounds", "programmes", "Rounds of a programme.", (_PROGRAMME_ID,),
          ProgrammeRound, _each(lambda p: p.rounds), ("programme_id", "number"),
          ("programmes", ("id",))),
    Table("funding", "programmes", "Funding of a programme.", (_PROGRAMME_ID, _NUMBER), Funding,
          _each(lambda p: p.funding, numbered=True), ("programme_id", "number"),
          ("programmes", ("id",))),
    Table("programme_counts", "programmes", "Member counts of a programme over time.",
          (_PROGRAMME_ID, _NUMBER), MemberCount, _each(lambda p: p.counts, numbered=True),
          ("programme_id", "number"), ("programmes", ("id",))),
    Table("sources", "sources", "One row per source.", (), Source, _own, ("id",)),
)
TABLES: Final[dict[str, Table]] = {t.name: t for t in TABLE_LIST}


def _resolve(obj: object, table: str | None) -> tuple[Table, Sequence[Any]]:
    items: tuple[Any, ...]
    if isinstance(obj, Cluster):
        kind, items = "clusters", (obj,)
    elif isinstance(obj, Programme):
        kind, items = "programmes", (obj,)
    elif isinstance(obj, Source):
        kind, items = "sources", (obj,)
    elif isinstance(obj, Clusters):
        kind, items = "clusters", tuple(obj)
    elif isinstance(obj, Programmes):
        kind, items = "programmes", tuple(obj)
    elif isinstance(obj, (tuple, list)) and all(isinstance(s, Source) for s in obj):
        kind, items = "sources", tuple(obj)
    else:
        raise TypeError(f"no tables for {type(obj).__name__}; pass clusters, programmes or "
                        "sources")
    name = kind if table is None else table
    if not isinstance(name, str):
        raise TypeError(f"table must be a str, not {type(name).__name__}")
    found = TABLES.get(name)
    if found is None or found.kind != kind:
        names = ", ".join(t.name for t in TABLE_LIST if t.kind == kind)
        raise ValueError(f"no table {name!r} for {kind}; use one of {names}")
    return found, items


def to_records(obj: object, table: str | None = None) -> list[dict[str, Any]]:
    """The rows of one flat table as dicts (column -> cell), in a stable order.

    ``obj`` is a cluster, programme or source, a [`Clusters`][germanclusters.Clusters] or
    [`Programmes`][germanclusters.Programmes] collection, or [`sources`][germanclusters.sources].
    Tables of clusters: ``clusters`` (default), ``participations``, ``phases``,
    ``target_countries``, ``target_subdivisions``, ``changes``, ``partners``,
    ``project_funding``, ``labels``, ``contacts``, ``countries``; of programmes:
    ``programmes``, ``programme_rounds``, ``funding``, ``programme_counts``; and
    ``sources``.

    Examples:
        >>> import germanclusters as gc
        >>> rows = gc.to_records(gc.clusters().targeting("CN-JS"), table="target_subdivisions")
        >>> sorted({r["subdivision"] for r in rows}) >= ["CN-JS"]
        True
    """
    spec, items = _resolve(obj, table)
    return list(spec.rows(items))


def to_dataframe(obj: object, table: str | None = None, *, library: str = "pandas") -> Any:
    """One flat table as a pandas (default) or polars DataFrame, typed by column.

    Examples:
        >>> import germanclusters as gc
        >>> df = gc.to_dataframe(gc.clusters(), table="target_countries")
        >>> list(df.columns[:4])
        ['cluster_id', 'programme', 'phase', 'country']
    """
    spec, items = _resolve(obj, table)
    rows = list(spec.rows(items))
    names = [c.name for c in spec.columns]
    if library == "pandas":
        try:
            import pandas as pd
        except ImportError:
            raise MissingExtra("pandas", "pandas") from None
        frame = pd.DataFrame(rows, columns=names)
        types = {c.name: "Int64" if c.type == "integer" else "string" for c in spec.columns}
        return frame.astype(types)
    if library == "polars":
        try:
            import polars as pl
        except ImportError:
            raise MissingExtra("polars", "polars") from None
        schema = {c.name: pl.Int64 if c.type == "integer" else pl.String for c in spec.columns}
        return pl.DataFrame(rows, schema=schema)
    raise ValueError(f"library must be 'pandas' or 'polars'; got {library!r}")
