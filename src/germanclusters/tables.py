"""Flat tables of the data: :func:`to_records` and :func:`to_dataframe`.

Each table is one spec: its columns with types and descriptions,
its primary and foreign keys, and a builder of its rows. :func:`to_records`,
:func:`to_dataframe` and every file of :func:`~germanclusters.export` (CSV, Parquet,
the Frictionless data package) are made from the same specs, so they agree.

Values are scalars: ``str``, ``int``, :class:`datetime.date` or ``None``. A list is
one string: its items joined with :data:`LIST_SEPARATOR` (``"; "``), except the
``notes`` columns, whose items are free text and are joined with
:data:`NOTES_SEPARATOR` (a line break). The model forbids control characters in
every text and ``"; "`` inside the items of the other lists, so splitting a cell at
its separator gives the items back.

pandas and polars are imported only inside :func:`to_dataframe`; a missing one
raises :class:`~germanclusters.MissingExtra` naming the pip extra.

Examples:
    >>> import germanclusters as gc
    >>> from germanclusters.tables import LIST_SEPARATOR, NOTES_SEPARATOR, TABLES
    >>> TABLES["programmes"]
    ('programmes', 'programme_rounds', 'funding')
    >>> (row,) = gc.to_records(gc.cluster("cool-silicon"))
    >>> row["sources"].split(LIST_SEPARATOR) == list(gc.cluster("cool-silicon").sources)
    True
    >>> NOTES_SEPARATOR
    '\\n'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final

import attrs

from germanclusters import model
from germanclusters.errors import MissingExtra
from germanclusters.model import Cluster, LabelLevel, PhaseKind, Programme, Source
from germanclusters.query import Clusters, Programmes

__all__ = ["LIST_SEPARATOR", "NOTES_SEPARATOR", "TABLES", "to_dataframe", "to_records"]

LIST_SEPARATOR: Final = model.LIST_SEPARATOR
"""Separator of the items of a list in a flat table (``aliases``, ``states``,
``sources``, a phase's ``countries`` and ``regions``, ``partners``, ...): ``"; "``.
The model refuses it inside the items of these lists."""
NOTES_SEPARATOR: Final = "\n"
"""Separator of the items of the ``notes`` columns: a line break (notes are free text
and may hold ``"; "``)."""


@attrs.frozen
class _Column:
    name: str
    type: str  # "string" | "integer" | "date"
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()
    #: For a list column: the text its items are joined with (the row builder gives
    #: the items; :meth:`_Table.rows` joins them).
    separator: str | None = None


@attrs.frozen
class _ForeignKey:
    fields: tuple[str, ...]
    resource: str
    reference: tuple[str, ...]


@attrs.frozen
class _Table:
    name: str
    kind: str  # "clusters" | "programmes" | "sources"
    description: str
    columns: tuple[_Column, ...]
    primary_key: tuple[str, ...]
    build: Callable[[Sequence[Any]], Iterator[tuple[Any, ...]]]
    foreign_keys: tuple[_ForeignKey, ...] = ()

    def rows(self, items: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        """The rows of ``items``, each list cell joined with its column's separator."""
        joins = [(i, c.separator) for i, c in enumerate(self.columns) if c.separator]
        for row in self.build(items):
            cells = list(row)
            for i, separator in joins:
                cells[i] = _joined(cells[i], separator)
            yield tuple(cells)


def _joined(values: Iterable[object], separator: str) -> str | None:
    if isinstance(values, str):  # a scalar in a list column: a bug in a row builder
        raise TypeError(f"expected the items of a list, not the text {values!r}")
    text = separator.join(str(v) for v in values)
    return text or None


def _s(name: str, description: str, *, required: bool = False) -> _Column:
    return _Column(name, "string", description, required)


def _i(name: str, description: str, *, required: bool = False) -> _Column:
    return _Column(name, "integer", description, required)


def _d(name: str, description: str) -> _Column:
    return _Column(name, "date", description)


def _list(name: str, description: str) -> _Column:
    """A list column: items joined with :data:`LIST_SEPARATOR`."""
    return _Column(
        name, "string", f"{description}, separated by {LIST_SEPARATOR!r}", separator=LIST_SEPARATOR
    )


def _notes(description: str) -> _Column:
    """The ``notes`` column: free text, so items joined with :data:`NOTES_SEPARATOR`."""
    return _Column(
        "notes",
        "string",
        f"{description}, one per line (separated by a line break)",
        separator=NOTES_SEPARATOR,
    )


_CLUSTER_ID = _s("cluster_id", "id of the cluster (clusters.id)", required=True)
_SOURCES = _list("sources", "ids of the sources (sources.id)")
_NOTE = _s("note", "how the source was read, where that was not obvious")
_PHASE = _Column(
    "phase",
    "string",
    "phase of the internationalisation project",
    required=True,
    enum=tuple(k.value for k in PhaseKind),
)


def _cluster_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        yield (
            c.id, c.name, c.short_name, c.name_de, c.aliases, c.organisation,
            c.state, c.states, c.city, c.founded, c.members, c.members_as_of,
            c.website, c.topic, c.summary, c.notes, c.sources,
        )  # fmt: skip


def _participation_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for p in c.participations:
            yield (c.id, p.programme, p.round, p.year, p.project, p.note, p.sources)


def _phase_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for p in c.participations:
            for ph in p.phases:
                yield (
                    c.id, p.programme, ph.kind.value,
                    tuple(k.alpha_2 for k in ph.countries), ph.regions,
                    ph.start, ph.end, ph.source_text, ph.note,
                )  # fmt: skip


def _target_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for p in c.participations:
            for ph in p.phases:
                for k in ph.countries:
                    yield (
                        c.id, p.programme, ph.kind.value,
                        k.alpha_2, k.alpha_3, k.name, k.name_de,
                    )  # fmt: skip


def _label_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for n, lab in enumerate(c.labels, 1):
            yield (
                c.id, n, lab.scheme, lab.level.value, lab.awarded, lab.year,
                lab.valid_until, lab.awarded_by, lab.note, lab.sources,
            )  # fmt: skip


def _contact_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    for c in items:
        for n, k in enumerate(c.contacts, 1):
            yield (
                c.id, n, k.name, k.title, k.role, k.organisation, k.street, k.postcode,
                k.city, k.phone, k.fax, k.mobile, k.email, k.as_of, k.note, k.sources,
            )  # fmt: skip


def _country_rows(items: Sequence[Cluster]) -> Iterator[tuple[Any, ...]]:
    found = {k.alpha_2: k for c in items for k in c.target_countries()}
    for code in sorted(found):
        k = found[code]
        yield (k.alpha_2, k.alpha_3, k.numeric, k.name, k.name_de)


def _programme_rows(items: Sequence[Programme]) -> Iterator[tuple[Any, ...]]:
    for p in items:
        yield (
            p.id, p.name, p.name_de, p.aliases, p.funder, p.kind, p.launched,
            p.ended, p.summary, p.url, p.partners, p.notes, p.sources,
        )  # fmt: skip


def _round_rows(items: Sequence[Programme]) -> Iterator[tuple[Any, ...]]:
    for p in items:
        for r in p.rounds:
            yield (p.id, r.number, r.year, r.announced, r.note, r.sources)


def _funding_rows(items: Sequence[Programme]) -> Iterator[tuple[Any, ...]]:
    for p in items:
        for n, f in enumerate(p.funding, 1):
            yield (p.id, n, f.funder, f.amount_eur, f.share_percent, f.note, f.sources)


def _source_rows(items: Sequence[Source]) -> Iterator[tuple[Any, ...]]:
    for s in items:
        yield (
            s.id, s.title, s.publisher, s.url, s.language, s.as_of, s.licence, s.document,
            s.note,
        )  # fmt: skip


_TO_CLUSTER = _ForeignKey(("cluster_id",), "clusters", ("id",))
_TO_PARTICIPATION = _ForeignKey(
    ("cluster_id", "programme"), "participations", ("cluster_id", "programme")
)

_TABLE_LIST: Final[tuple[_Table, ...]] = (
    _Table(
        "clusters",
        "clusters",
        "One row per cluster.",
        (
            _s("id", "stable id (a slug)", required=True),
            _s("name", "name", required=True),
            _s("short_name", "short name"),
            _s("name_de", "German name"),
            _list("aliases", "other names"),
            _s("organisation", "the organisation that runs the cluster"),
            _s("state", "ISO 3166-2 code of the German state of its seat"),
            _list("states", "ISO 3166-2 codes of every state it spans"),
            _s("city", "city of its seat"),
            _i("founded", "year founded"),
            _i("members", "number of members"),
            _d("members_as_of", "date of the number of members"),
            _s("website", "website"),
            _s("topic", "field of technology or industry"),
            _s("summary", "summary in the project's own words"),
            _notes("notes"),
            _SOURCES,
        ),
        ("id",),
        _cluster_rows,
    ),
    _Table(
        "participations",
        "clusters",
        "One row per cluster and programme it took part in.",
        (
            _CLUSTER_ID,
            _s("programme", "id of the programme (programmes.id)", required=True),
            _i("round", "round of the programme"),
            _i("year", "year of the participation"),
            _s("project", "name of the project"),
            _NOTE,
            _SOURCES,
        ),
        ("cluster_id", "programme"),
        _participation_rows,
        (_TO_CLUSTER, _ForeignKey(("programme",), "programmes", ("id",))),
    ),
    _Table(
        "phases",
        "clusters",
        "One row per phase (concept, implementation) of an internationalisation project.",
        (
            _CLUSTER_ID,
            _s("programme", "id of the programme (programmes.id)", required=True),
            _Column("kind", _PHASE.type, _PHASE.description, required=True, enum=_PHASE.enum),
            _list("countries", "alpha-2 codes of the target countries"),
            _list("regions", "named target regions that are not countries"),
            _d("start", "start of the phase"),
            _d("end", "end of the phase"),
            _s("source_text", "the source's own list of targets, as printed"),
            _NOTE,
        ),
        ("cluster_id", "programme", "kind"),
        _phase_rows,
        (_TO_PARTICIPATION,),
    ),
    _Table(
        "target_countries",
        "clusters",
        "One row per cluster, phase and target country.",
        (
            _CLUSTER_ID,
            _s("programme", "id of the programme (programmes.id)", required=True),
            _PHASE,
            _s("country", "ISO 3166-1 alpha-2 code (countries.alpha_2)", required=True),
            _s("country_alpha_3", "ISO 3166-1 alpha-3 code"),
            _s("country_name", "English name"),
            _s("country_name_de", "German name"),
        ),
        ("cluster_id", "programme", "phase", "country"),
        _target_rows,
        (
            _ForeignKey(
                ("cluster_id", "programme", "phase"),
                "phases",
                ("cluster_id", "programme", "kind"),
            ),
            _ForeignKey(("country",), "countries", ("alpha_2",)),
        ),
    ),
    _Table(
        "labels",
        "clusters",
        "One row per cluster management excellence label.",
        (
            _CLUSTER_ID,
            _i(
                "position", "position of the label in the cluster's list (1, 2, ...)", required=True
            ),
            _s("scheme", "label scheme, e.g. ECEI"),
            _Column(
                "level",
                "string",
                "label level",
                required=True,
                enum=tuple(lv.value for lv in LabelLevel),
            ),
            _d("awarded", "date awarded"),
            _i("year", "year awarded, where only the year is known"),
            _d("valid_until", "end of validity"),
            _s("awarded_by", "who awarded it"),
            _NOTE,
            _SOURCES,
        ),
        ("cluster_id", "position"),
        _label_rows,
        (_TO_CLUSTER,),
    ),
    _Table(
        "contacts",
        "clusters",
        "One row per business contact as a source published it (personal data).",
        (
            _CLUSTER_ID,
            _i(
                "position",
                "position of the contact in the cluster's list (1, 2, ...)",
                required=True,
            ),
            _s("name", "name of the person"),
            _s("title", "academic title"),
            _s("role", "role"),
            _s("organisation", "organisation"),
            _s("street", "street address"),
            _s("postcode", "German postcode"),
            _s("city", "city"),
            _s("phone", "phone number, E.164"),
            _s("fax", "fax number, E.164"),
            _s("mobile", "mobile number, E.164"),
            _s("email", "e-mail address"),
            _d("as_of", "date the source was true"),
            _NOTE,
            _SOURCES,
        ),
        ("cluster_id", "position"),
        _contact_rows,
        (_TO_CLUSTER,),
    ),
    _Table(
        "countries",
        "clusters",
        "One row per country targeted by at least one of the clusters.",
        (
            _s("alpha_2", "ISO 3166-1 alpha-2 code", required=True),
            _s("alpha_3", "ISO 3166-1 alpha-3 code", required=True),
            _s("numeric", "ISO 3166-1 numeric code", required=True),
            _s("name", "English name", required=True),
            _s("name_de", "German name", required=True),
        ),
        ("alpha_2",),
        _country_rows,
    ),
    _Table(
        "programmes",
        "programmes",
        "One row per programme, competition, label scheme or portal.",
        (
            _s("id", "stable id (a slug)", required=True),
            _s("name", "English name", required=True),
            _s("name_de", "German name"),
            _list("aliases", "other names"),
            _s("funder", "funding ministry or body"),
            _s("kind", "kind of programme", required=True),
            _i("launched", "year launched"),
            _i("ended", "year ended"),
            _s("summary", "summary in the project's own words"),
            _s("url", "web page"),
            _list("partners", "partners"),
            _notes("notes"),
            _SOURCES,
        ),
        ("id",),
        _programme_rows,
    ),
    _Table(
        "programme_rounds",
        "programmes",
        "One row per round of a programme.",
        (
            _s("programme_id", "id of the programme (programmes.id)", required=True),
            _i("number", "number of the round", required=True),
            _i("year", "year of the round"),
            _d("announced", "date the results were announced"),
            _NOTE,
            _SOURCES,
        ),
        ("programme_id", "number"),
        _round_rows,
        (_ForeignKey(("programme_id",), "programmes", ("id",)),),
    ),
    _Table(
        "funding",
        "programmes",
        "One row per funder of a programme.",
        (
            _s("programme_id", "id of the programme (programmes.id)", required=True),
            _i("position", "position in the programme's list (1, 2, ...)", required=True),
            _s("funder", "funder", required=True),
            _i("amount_eur", "amount in euros"),
            _i("share_percent", "share of the funding in percent"),
            _NOTE,
            _SOURCES,
        ),
        ("programme_id", "position"),
        _funding_rows,
        (_ForeignKey(("programme_id",), "programmes", ("id",)),),
    ),
    _Table(
        "sources",
        "sources",
        "One row per source the data cites.",
        (
            _s("id", "stable id (a slug)", required=True),
            _s("title", "title", required=True),
            _s("publisher", "publisher"),
            _s("url", "web address"),
            _s("language", "ISO 639-1 language code", required=True),
            _d("as_of", "date the source was true"),
            _s("licence", "licence of the source"),
            _s("document", "the project's copy of the source"),
            _NOTE,
        ),
        ("id",),
        _source_rows,
    ),
)
_TABLES: Final[dict[str, _Table]] = {t.name: t for t in _TABLE_LIST}
TABLES: Final[dict[str, tuple[str, ...]]] = {
    kind: tuple(t.name for t in _TABLE_LIST if t.kind == kind)
    for kind in ("clusters", "programmes", "sources")
}
"""The tables of :func:`to_records`, by the kind of record they are made from."""
_KIND_OF: Final[dict[type, str]] = {Cluster: "clusters", Programme: "programmes", Source: "sources"}


def _resolve(obj: object, table: str | None) -> tuple[_Table, Sequence[Any]]:
    if table is not None and not isinstance(table, str):
        raise TypeError(f"table must be a str or None, not {type(table).__name__}")
    if isinstance(obj, (Cluster, Programme, Source)):
        items: Sequence[Any] = (obj,)
    elif isinstance(obj, (Clusters, Programmes, tuple, list)):
        items = obj
    else:
        raise TypeError(
            "expected clusters, programmes or sources (a collection, a tuple or one record), "
            f"not {type(obj).__name__}"
        )
    kinds = {_KIND_OF.get(type(item)) for item in items}
    if isinstance(obj, Clusters):
        kinds = {"clusters"}
    elif isinstance(obj, Programmes):
        kinds = {"programmes"}
    if None in kinds or len(kinds) > 1:
        raise TypeError("the items must all be Cluster, all Programme or all Source records")
    if not kinds:  # an empty tuple or list: the table says what it is
        if table is None:
            raise ValueError("table is needed for an empty sequence, e.g. table='clusters'")
        kinds = {_TABLES[table].kind} if table in _TABLES else {"clusters"}
    (kind,) = kinds
    name = str(kind) if table is None else table  # the main table is named like its kind
    found = _TABLES.get(name)
    if found is None or found.kind != kind:
        allowed = ", ".join(repr(t) for t in TABLES[str(kind)])
        raise ValueError(f"table for {kind} must be one of {allowed}; got {name!r}")
    return found, items


def to_records(obj: object, table: str | None = None) -> list[dict[str, Any]]:
    """Flat rows of a table: one dict per row, scalar values, same keys in every row.

    ``obj`` is a :class:`Clusters` collection (or a tuple of clusters, or one), a
    :class:`Programmes` collection or the tuple from
    :func:`~germanclusters.sources`. Tables of clusters: ``"clusters"`` (the
    default), ``"participations"``, ``"phases"``, ``"target_countries"`` (one row
    per cluster x phase x country), ``"labels"``, ``"contacts"`` and
    ``"countries"`` (every country targeted); of programmes: ``"programmes"``
    (the default), ``"programme_rounds"``, ``"funding"``; of sources:
    ``"sources"``. The key column is ``id`` in the main tables and ``cluster_id``
    or ``programme_id`` elsewhere. Lists are joined with ``"; "``
    (:data:`LIST_SEPARATOR`), except ``notes``, free text, one per line (joined with
    ``"\\n"``, :data:`NOTES_SEPARATOR`); so ``cell.split(separator)`` gives the items
    back. Unknowns and empty lists are ``None``, dates stay :class:`datetime.date`.

    Examples:
        >>> import germanclusters as gc
        >>> rows = gc.to_records(gc.cluster("cool-silicon"), table="target_countries")
        >>> sorted((r["phase"], r["country"]) for r in rows)
        [('concept', 'BE'), ('concept', 'CZ'), ('implementation', 'CZ')]
        >>> (row,) = gc.to_records(gc.cluster("cool-silicon"))
        >>> row["id"], row["state"], row["city"]
        ('cool-silicon', 'DE-SN', 'Dresden')
        >>> x = gc.Cluster(id="x", name="X", aliases=["A", "B"], notes=["a; b", "c"], sources=["s"])
        >>> (row,) = gc.to_records(x)
        >>> row["aliases"], row["notes"], row["notes"].split("\\n")
        ('A; B', 'a; b\\nc', ['a; b', 'c'])
    """
    spec, items = _resolve(obj, table)
    names = [c.name for c in spec.columns]
    return [dict(zip(names, row, strict=True)) for row in spec.rows(items)]


def _require(module: str, extra: str) -> Any:
    from importlib import import_module

    try:
        return import_module(module)
    except ImportError:
        raise MissingExtra(module, extra) from None


def to_dataframe(obj: object, table: str | None = None, *, library: str = "pandas") -> Any:
    """The table of :func:`to_records` as a pandas (default) or polars data frame.

    Columns keep their types: nullable integers (pandas ``Int64``), strings and
    dates (pandas ``datetime64[s]``, polars ``Date``). Needs the ``pandas`` or
    ``polars`` extra (``pip install 'germanclusters[pandas]'``); without it raises
    :class:`~germanclusters.MissingExtra`.

    Examples:
        >>> import germanclusters as gc
        >>> frame = gc.to_dataframe(gc.cluster("cool-silicon"), table="target_countries")
        >>> frame[["phase", "country"]].values.tolist()
        [['concept', 'BE'], ['concept', 'CZ'], ['implementation', 'CZ']]
        >>> str(gc.to_dataframe(gc.clusters())["founded"].dtype)
        'Int64'
    """
    if library not in ("pandas", "polars"):
        raise ValueError(f"library must be 'pandas' or 'polars'; got {library!r}")
    spec, items = _resolve(obj, table)
    rows = list(spec.rows(items))
    columns = {c.name: [row[i] for row in rows] for i, c in enumerate(spec.columns)}
    if library == "pandas":
        pd = _require("pandas", "pandas")
        dtypes = {"string": "string", "integer": "Int64", "date": "datetime64[s]"}
        return pd.DataFrame(
            {
                c.name: pd.Series(columns[c.name], dtype=dtypes[c.type], name=c.name)
                for c in spec.columns
            }
        )
    pl = _require("polars", "polars")
    types = {"string": pl.String, "integer": pl.Int64, "date": pl.Date}
    return pl.DataFrame(columns, schema={c.name: types[c.type] for c in spec.columns})


# =================================================================== export
