"""Immutable, chainable collections of clusters and programmes, and lookups by name.

``Clusters`` and ``Programmes`` wrap tuples, behave as read-only sequences and
compare by value; every filter returns a new collection in the original order.
User words (country and state names, phase and level values) are normalised once,
before any work on the records.

Each collection builds its indexes once, on the first filter that needs them
(country -> phase -> positions, state -> positions, programme and round ->
positions, label level -> positions and the days each label is held, and the name
index of :meth:`Clusters.get`), and keeps them in a private slot that takes no part
in equality, hashing, pickling or ``repr``. A filtered collection remembers the
indexes of the collection it came from and its positions there, so the next filter
looks those up instead of scanning or re-indexing. After the first build a filter
costs time in proportion to its result, not to the collection
(``benchmarks/bench_query.py`` shows it on 100,000 clusters).

Examples:
    >>> import germanclusters as gc
    >>> saxony = gc.clusters().in_state("Sachsen")
    >>> "cool-silicon" in saxony.targeting("CZ", phase="implementation").ids
    True
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from datetime import date, datetime
from enum import Enum
from typing import Any, ClassVar, Final, Generic, TypeVar, overload

from attrs import field, frozen

from germanclusters import _text
from germanclusters.dataset import load
from germanclusters.errors import ClusterNotFound, ProgrammeNotFound
from germanclusters.model import (
    Cluster,
    Country,
    LabelLevel,
    Manifest,
    PhaseKind,
    Programme,
    Source,
)

__all__ = [
    "GROUP_KEYS",
    "Clusters",
    "Programmes",
    "cluster",
    "clusters",
    "data_version",
    "manifest",
    "programme",
    "programmes",
    "sources",
]

T = TypeVar("T", Cluster, Programme)
_MAX_QUERY: Final = 200
_C = TypeVar("_C", bound="_Collection[Any]")

#: The named keys of :meth:`Clusters.group_by` and :meth:`Clusters.count_by`.
GROUP_KEYS: Final = ("country", "region", "phase", "state", "programme", "label", "founded", "city")

_index_lock = threading.Lock()


def _items(items: Iterable[Any]) -> tuple[Any, ...]:
    if isinstance(items, (str, bytes)):
        raise TypeError(f"items must be an iterable of records, not {type(items).__name__}")
    return tuple(items)


@frozen
class _Collection(Sequence[T], Generic[T]):
    _items: tuple[T, ...] = field(converter=_items)
    # Lazily built indexes; private, and no part of equality, hashing or repr.
    _index: Any = field(default=None, init=False, eq=False, hash=False, repr=False)

    _record: ClassVar[type] = object  # the record class; set by subclasses

    def __attrs_post_init__(self) -> None:
        for i, item in enumerate(self._items):
            if not isinstance(item, self._record):
                raise TypeError(
                    f"{type(self).__name__} holds {self._record.__name__} records; "
                    f"item {i} is a {type(item).__name__}"
                )

    @classmethod
    def _wrap(cls: type[_C], items: tuple[Any, ...]) -> _C:
        """A collection over ``items`` (already a checked tuple), without copying."""
        new = cls.__new__(cls)
        object.__setattr__(new, "_items", items)
        object.__setattr__(new, "_index", None)
        return new

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self: _C, index: slice) -> _C: ...

    def __getitem__(self: _C, index: int | slice) -> Any:
        if isinstance(index, slice):
            return type(self)._wrap(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    # Pickle the records only: indexes are rebuilt on first use after unpickling.
    def __getstate__(self) -> dict[str, Any]:
        return {"_items": self._items}

    def __setstate__(self, state: dict[str, Any]) -> None:
        object.__setattr__(self, "_items", state["_items"])
        object.__setattr__(self, "_index", None)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __contains__(self, item: object) -> bool:
        return item in self._items

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of the records, in order."""
        return tuple(item.id for item in self._items)

    def __repr__(self) -> str:
        shown = ", ".join(self.ids[:5])
        more = f", ... {len(self) - 5} more" if len(self) > 5 else ""
        return f"{type(self).__name__}({len(self)}: {shown}{more})"

    def _repr_html_(self) -> str:
        """An HTML table for Jupyter (every text escaped)."""
        from germanclusters._html import _html

        return _html(self)


# --------------------------------------------------------------------- indexes


class _ClusterIndex:
    """Positions of clusters by country and phase, state, programme, round and label."""

    __slots__ = (
        "countries",
        "country_objs",
        "label_spans",
        "labels",
        "names",
        "programmes",
        "rounds",
        "states",
    )

    def __init__(self, items: tuple[Cluster, ...]) -> None:
        countries: dict[str, dict[PhaseKind | None, list[int]]] = {}
        country_objs: dict[str, Country] = {}
        states: dict[str, list[int]] = {}
        programmes: dict[str, list[int]] = {}
        rounds: dict[tuple[str, int], list[int]] = {}
        labels: dict[LabelLevel, list[int]] = {level: [] for level in LabelLevel}
        spans: dict[LabelLevel, list[tuple[date, int, date]]] = {
            level: [] for level in LabelLevel
        }
        for pos, c in enumerate(items):
            seen: dict[str, set[PhaseKind | None]] = {}
            for part in c.participations:
                programmes.setdefault(part.programme, []).append(pos)
                if part.round is not None:
                    rounds.setdefault((part.programme, part.round), []).append(pos)
                for phase in part.phases:
                    for country in phase.countries:
                        kinds = seen.get(country.alpha_2)
                        if kinds is None:
                            kinds = seen[country.alpha_2] = set()
                            country_objs.setdefault(country.alpha_2, country)
                        for kind in (None, phase.kind):
                            if kind not in kinds:
                                kinds.add(kind)
                                countries.setdefault(country.alpha_2, {}).setdefault(
                                    kind, []
                                ).append(pos)
            for code in dict.fromkeys((c.state, *c.states)):
                if code is not None:
                    states.setdefault(code, []).append(pos)
            if c.labels:
                best = max(lab.level for lab in c.labels)
                for level in LabelLevel:
                    if level <= best:
                        labels[level].append(pos)
                for lab in c.labels:
                    span = lab.proven_span()
                    if span is None:  # the sources do not show on which days it was held
                        continue
                    for level in LabelLevel:
                        if level <= lab.level:
                            spans[level].append((span[0], pos, span[1]))
        self.countries: dict[str, dict[PhaseKind | None, tuple[int, ...]]] = {
            code: {kind: tuple(p) for kind, p in by_kind.items()}
            for code, by_kind in countries.items()
        }
        self.country_objs = country_objs
        self.states = {k: tuple(v) for k, v in states.items()}
        self.programmes = {k: tuple(v) for k, v in programmes.items()}
        self.rounds = {k: tuple(v) for k, v in rounds.items()}
        self.labels = {k: tuple(v) for k, v in labels.items()}
        self.names: _NameIndex[Cluster] | None = None
        # per level, every label of at least that level with a proven span, by start:
        # (starts, ends, positions) for a bisect on the day a label must be held
        self.label_spans: dict[LabelLevel, tuple[list[date], list[date], list[int]]] = {}
        for level, entries in spans.items():
            entries.sort(key=lambda e: (e[0], e[1]))
            self.label_spans[level] = (
                [e[0] for e in entries],
                [e[2] for e in entries],
                [e[1] for e in entries],
            )

    def held_on(self, level: LabelLevel, day: date) -> list[int]:
        """Positions of clusters holding a label of at least ``level`` on ``day``."""
        starts, ends, positions = self.label_spans[level]
        k = bisect.bisect_right(starts, day)
        held = {
            pos
            for end, pos in zip(ends[:k], positions[:k], strict=True)
            if end >= day
        }
        return sorted(held)


class _Derived:
    """What a filtered collection knows: the index of the collection it came from
    (``root``) and the positions of its own records there (ascending). Filters on it
    look up ``root`` and keep the hits that are its own, so a chain of filters never
    scans or re-indexes the records. ``own`` is a full index of its own records, built
    only when a summary (``by_country``, ``get``) needs one."""

    __slots__ = ("_where", "own", "positions", "root")

    def __init__(self, root: _ClusterIndex, positions: tuple[int, ...]) -> None:
        self.root = root
        self.positions = positions
        self.own: _ClusterIndex | None = None
        self._where: dict[int, int] | None = None

    def restrict(self, hits: Sequence[int]) -> tuple[list[int], list[int]]:
        """Of ``hits`` (root positions, ascending): the root and own positions of ours."""
        mine = self.positions
        if len(hits) * 4 < len(mine):
            where = self._where
            if where is None:
                where = self._where = {p: i for i, p in enumerate(mine)}
            own = [where[p] for p in hits if p in where]
            return [mine[i] for i in own], own
        wanted = set(hits)
        own = [i for i, p in enumerate(mine) if p in wanted]
        return [mine[i] for i in own], own


# ----------------------------------------------------------------- collections


@frozen(repr=False)
class Clusters(_Collection[Cluster]):
    """An immutable, ordered collection of :class:`Cluster` records.

    Filters return new collections, in the original order; they can be chained.

    Examples:
        >>> import germanclusters as gc
        >>> "cool-silicon" in gc.clusters().targeting("CZ", phase="implementation").ids
        True
        >>> gc.clusters().in_state("DE-SN").in_programme("Spitzencluster-Wettbewerb", round=1)[:1]
        Clusters(1: cool-silicon)
    """

    _record: ClassVar[type] = Cluster
    __getstate__ = _Collection.__getstate__
    __setstate__ = _Collection.__setstate__

    def _idx(self) -> _ClusterIndex:
        """The full index of this collection's own records (built once, on first use)."""
        state = self._index
        if isinstance(state, _ClusterIndex):
            return state
        with _index_lock:
            state = self._index
            if isinstance(state, _ClusterIndex):
                return state
            if isinstance(state, _Derived):
                if state.own is None:
                    state.own = _ClusterIndex(self._items)
                return state.own
            index = _ClusterIndex(self._items)
            object.__setattr__(self, "_index", index)
            return index

    def _select(
        self, lookup: Callable[[_ClusterIndex], Sequence[int]]
    ) -> tuple[_ClusterIndex, Sequence[int], Sequence[int]]:
        """Index positions ``lookup`` finds: (root index, root positions, own positions)."""
        state = self._index
        if isinstance(state, _Derived):
            root_positions, own = state.restrict(lookup(state.root))
            return state.root, root_positions, own
        index = self._idx()
        hits = lookup(index)
        return index, hits, hits

    def _subset(self, own: Sequence[int]) -> Clusters:
        """The records at these own positions (ascending), keeping what is known."""
        state = self._index
        if isinstance(state, _Derived):
            return self._take((state.root, [state.positions[i] for i in own], own))
        if isinstance(state, _ClusterIndex):
            return self._take((state, own, own))
        items = self._items
        return Clusters._wrap(tuple([items[i] for i in own]))

    def _take(self, selected: tuple[_ClusterIndex, Sequence[int], Sequence[int]]) -> Clusters:
        root, root_positions, own = selected
        items = self._items
        new = Clusters._wrap(tuple([items[i] for i in own]))
        object.__setattr__(new, "_index", _Derived(root, tuple(root_positions)))
        return new

    def where(self, keep: Callable[[Cluster], bool]) -> Clusters:
        """The clusters for which ``keep(cluster)`` is true (a scan; no index helps).

        Examples:
            >>> import germanclusters as gc
            >>> gc.clusters().where(lambda c: c.city == "Dresden" and c.id == "cool-silicon")
            Clusters(1: cool-silicon)
        """
        if not callable(keep):
            raise TypeError(f"keep must be callable, not {type(keep).__name__}")
        return Clusters._wrap(tuple([c for c in self._items if keep(c)]))

    def targeting(self, country: str | Country, phase: PhaseKind | str | None = None) -> Clusters:
        """Clusters whose internationalisation targets ``country`` (in ``phase``, if given).

        ``country`` is a :class:`Country` or anything
        :func:`germanclusters.normalize_country` accepts (a region such as
        ``"Asia-Pacific"`` raises :class:`~germanclusters.UnknownCountry`); ``phase``
        is ``"concept"``, ``"implementation"`` or a :class:`PhaseKind`.

        Examples:
            >>> import germanclusters as gc
            >>> "cool-silicon" in gc.clusters().targeting("Tschechien", phase="concept").ids
            True
        """
        code = _country_code(country)
        kind = None if phase is None else PhaseKind.parse(phase)
        return self._take(self._select(lambda ix: ix.countries.get(code, {}).get(kind, ())))

    def in_programme(self, programme: str, round: int | None = None) -> Clusters:  # noqa: A002
        """Clusters taking part in ``programme`` (id, name or alias), in ``round`` if given.

        Examples:
            >>> import germanclusters as gc
            >>> lec = gc.clusters().in_programme("leading-edge-cluster-competition", round=1)
            >>> "cool-silicon" in lec.ids
            True
        """
        if round is not None and (isinstance(round, bool) or not isinstance(round, int)):
            raise TypeError(f"round must be an int or None, not {type(round).__name__}")
        prog = _programme_by_name(programme)
        ident = prog.id
        if round is None:
            return self._take(self._select(lambda ix: ix.programmes.get(ident, ())))
        known = [r.number for r in prog.rounds]
        if round < 1 or (known and round not in known):
            allowed = f"one of {', '.join(map(str, known))}" if known else "a positive number"
            raise ValueError(f"round must be {allowed} for {ident}; got {round}")
        return self._take(self._select(lambda ix: ix.rounds.get((ident, round), ())))

    def in_state(self, state: str) -> Clusters:
        """Clusters seated in or spanning the German state (code, German or English name).

        Examples:
            >>> import germanclusters as gc
            >>> gc.clusters().in_state("Saxony") == gc.clusters().in_state("DE-SN")
            True
        """
        from germanclusters.countries import normalize_state

        code = normalize_state(state)
        return self._take(self._select(lambda ix: ix.states.get(code, ())))

    def with_label(
        self, min_level: LabelLevel | str = LabelLevel.BRONZE, on: date | None = None
    ) -> Clusters:
        """Clusters holding an ECEI label of at least ``min_level`` (valid ``on`` a date).

        ``min_level`` is a :class:`LabelLevel` or its value (``"bronze"``,
        ``"silver"``, ``"gold"``); without ``on``, any label ever held counts. With
        ``on``, a label counts only where the sources prove it held that day: both its
        award (date or year) and its expiry are known (:meth:`Label.proven_span`).
        Most sources date only one end, so ``on`` finds few clusters; that is the
        honest answer, not a gap to fill by assuming a validity period.

        Examples:
            >>> import germanclusters as gc
            >>> len(gc.clusters().with_label("gold")) <= len(gc.clusters().with_label("bronze"))
            True
        """
        level = LabelLevel.parse(min_level)
        if on is not None and (isinstance(on, datetime) or not isinstance(on, date)):
            raise TypeError(f"on must be a datetime.date or None, not {type(on).__name__}")
        if on is None:
            return self._take(self._select(lambda ix: ix.labels[level]))
        day = on
        return self._take(self._select(lambda ix: ix.held_on(level, day)))

    def get(self, query: str) -> Cluster:
        """The cluster with this id, name, short name or alias (see :func:`cluster`).

        Examples:
            >>> import germanclusters as gc
            >>> gc.clusters().in_state("DE-SN").get("Cool Silicon").city
            'Dresden'
        """
        index = self._idx()
        names = index.names
        if names is None:
            names = index.names = _NameIndex(self._items, _cluster_names, ClusterNotFound)
        return names.find(query)

    # ---------------------------------------------------------------- summaries

    def by_country(self, phase: PhaseKind | str | None = None) -> dict[Country, Clusters]:
        """Each country targeted (in ``phase``, if given) with the clusters targeting it.

        Ordered by the number of clusters, most first, then by alpha-2 code.

        Examples:
            >>> import germanclusters as gc
            >>> groups = gc.clusters().by_country("implementation")
            >>> "cool-silicon" in groups[gc.normalize_country("CZ")].ids
            True
        """
        kind = None if phase is None else PhaseKind.parse(phase)
        index = self._idx()
        found = [
            (code, by_kind[kind]) for code, by_kind in index.countries.items() if kind in by_kind
        ]
        found.sort(key=lambda item: (-len(item[1]), item[0]))
        return {index.country_objs[code]: self._take((index, pos, pos)) for code, pos in found}

    def group_by(
        self,
        key: str | Callable[[Cluster], Any],
        *,
        phase: PhaseKind | str | None = None,
    ) -> dict[Any, Clusters]:
        """The clusters grouped by ``key``: largest group first, ties in natural order.

        ``key`` is one of :data:`GROUP_KEYS` or a function of a cluster that returns
        one key, a tuple/list/set of keys (the cluster joins each group) or ``None``
        (the cluster joins none). The named keys: ``"country"`` (:class:`Country`
        targeted in any phase, or in ``phase``), ``"region"`` (named regions),
        ``"phase"`` (:class:`PhaseKind` of each phase it has), ``"state"`` (every
        state it is seated in or spans, as in :meth:`in_state`), ``"programme"``
        (programme ids), ``"label"`` (its best :class:`LabelLevel`), ``"founded"``
        and ``"city"``. A cluster may be in several groups.

        Examples:
            >>> import germanclusters as gc
            >>> "cool-silicon" in gc.clusters().group_by("city")["Dresden"].ids
            True
        """
        kind = None if phase is None else PhaseKind.parse(phase)
        getter = _key_getter(key)
        groups: dict[Any, list[int]] = {}
        for pos, c in enumerate(self._items):
            for value in _key_set(c, getter, kind):
                groups.setdefault(value, []).append(pos)
        ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), _natural(item[0])))
        return {value: self._subset(pos) for value, pos in ordered}

    def count_by(
        self, *keys: str | Callable[[Cluster], Any], phase: PhaseKind | str | None = None
    ) -> dict[Any, Any]:
        """How many clusters fall under each key, ranked, most first.

        With one key, a ``dict`` of key -> number of clusters, in the order of
        :meth:`group_by` (which explains the keys). With several keys, nested
        dicts, each level ranked by the number of distinct clusters under it;
        ``"country"`` and ``"region"`` under ``"phase"`` count the targets of that
        phase. So ``count_by("phase", "country")`` answers "which countries did most
        clusters target in each phase" in one call.

        Examples:
            >>> import germanclusters as gc
            >>> top = gc.clusters().count_by("phase", "country")
            >>> implementation = top[gc.PhaseKind.IMPLEMENTATION]
            >>> implementation[gc.normalize_country("CZ")] >= 1
            True
        """
        if not keys:
            raise TypeError("count_by needs at least one key, e.g. count_by('country')")
        kind = None if phase is None else PhaseKind.parse(phase)
        getters = [_key_getter(k) for k in keys]
        counts: list[Counter[tuple[Any, ...]]] = [Counter() for _ in keys]
        for c in self._items:
            rows = _rows(c, getters, kind)
            for depth in range(len(keys)):
                counts[depth].update({row[: depth + 1] for row in rows})
        return _nest(counts, ())


def _nest(counts: list[Counter[tuple[Any, ...]]], prefix: tuple[Any, ...]) -> dict[Any, Any]:
    depth = len(prefix)
    level = [(key[-1], n) for key, n in counts[depth].items() if key[:depth] == prefix]
    level.sort(key=lambda item: (-item[1], _natural(item[0])))
    if depth + 1 == len(counts):
        return dict(level)
    return {value: _nest(counts, (*prefix, value)) for value, _ in level}


# A key's values for one cluster, given the phase in scope (None: every phase).
_Getter = Callable[[Cluster, PhaseKind | None], Iterable[Any]]


def _phase_kinds(c: Cluster, scope: PhaseKind | None) -> Iterable[Any]:
    return (scope,)


_NAMED: Final[dict[str, _Getter]] = {
    "country": lambda c, scope: c.target_countries(scope),
    "region": lambda c, scope: c.target_regions(scope),
    "phase": _phase_kinds,
    "state": lambda c, _: dict.fromkeys(s for s in (c.state, *c.states) if s),
    "programme": lambda c, _: [p.programme for p in c.participations],
    "label": lambda c, _: [max(lab.level for lab in c.labels)] if c.labels else [],
    "founded": lambda c, _: [] if c.founded is None else [c.founded],
    "city": lambda c, _: [] if c.city is None else [c.city],
}


def _key_getter(key: str | Callable[[Cluster], Any]) -> _Getter:
    if isinstance(key, str):
        named = _NAMED.get(key)
        if named is None:
            allowed = ", ".join(repr(k) for k in GROUP_KEYS)
            raise ValueError(f"key must be one of {allowed} or a function; got {key!r}")
        return named
    if not callable(key):
        raise TypeError(f"key must be a str or callable, not {type(key).__name__}")

    def call(c: Cluster, _: PhaseKind | None) -> Iterable[Any]:
        value = key(c)
        if value is None:
            return ()
        if isinstance(value, (tuple, list, set, frozenset)):
            return value
        if not isinstance(value, Hashable):
            raise TypeError(f"key function returned an unhashable {type(value).__name__}")
        return (value,)

    return call


def _key_set(c: Cluster, getter: _Getter, kind: PhaseKind | None) -> dict[Any, None]:
    return dict.fromkeys(v for row in _rows(c, [getter], kind) for v in row)


def _rows(c: Cluster, getters: list[_Getter], kind: PhaseKind | None) -> set[tuple[Any, ...]]:
    """Every combination of key values of one cluster (country goes with its phase)."""
    if any(get is _phase_kinds for get in getters):
        present = dict.fromkeys(p.kind for p in c.phases())
        scopes: Iterable[PhaseKind | None] = [k for k in present if kind is None or k is kind]
    else:
        scopes = (kind,)
    rows: set[tuple[Any, ...]] = set()
    for scope in scopes:
        rows.update(itertools.product(*(list(get(c, scope)) for get in getters)))
    return rows


def _natural(value: object) -> tuple[Any, ...]:
    """A sort key that orders countries by code, enums by declaration, then text, numbers."""
    if isinstance(value, Country):
        return (0, value.alpha_2)
    if isinstance(value, Enum):
        return (1, type(value).__name__, list(type(value)).index(value))
    if isinstance(value, str):
        return (2, value.casefold(), value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (3, value)
    return (4, type(value).__name__, repr(value))


def _country_code(country: str | Country) -> str:
    if isinstance(country, Country):
        return country.alpha_2
    from germanclusters.countries import normalize_country

    return normalize_country(country).alpha_2


@frozen(repr=False)
class Programmes(_Collection[Programme]):
    """An immutable, ordered collection of :class:`Programme` records.

    Examples:
        >>> import germanclusters as gc
        >>> gc.programmes().where(lambda p: p.id == "leading-edge-cluster-competition")
        Programmes(1: leading-edge-cluster-competition)
    """

    _record: ClassVar[type] = Programme
    __getstate__ = _Collection.__getstate__
    __setstate__ = _Collection.__setstate__

    def where(self, keep: Callable[[Programme], bool]) -> Programmes:
        """The programmes for which ``keep(programme)`` is true."""
        if not callable(keep):
            raise TypeError(f"keep must be callable, not {type(keep).__name__}")
        return Programmes._wrap(tuple([p for p in self._items if keep(p)]))

    def get(self, query: str) -> Programme:
        """The programme with this id, English or German name, or alias.

        Examples:
            >>> import germanclusters as gc
            >>> gc.programmes().get("Spitzencluster-Wettbewerb").id
            'leading-edge-cluster-competition'
        """
        index = self._index
        if index is None:
            with _index_lock:
                index = self._index
                if index is None:
                    index = _NameIndex(self._items, _programme_names, ProgrammeNotFound)
                    object.__setattr__(self, "_index", index)
        found: Programme = index.find(query)
        return found


# ---------------------------------------------------------------- name lookups


class _NameIndex(Generic[T]):
    def __init__(
        self,
        records: Sequence[T],
        names: Callable[[T], Sequence[str | None]],
        error: type[ClusterNotFound] | type[ProgrammeNotFound],
    ) -> None:
        self._by_key: dict[str, T] = {}
        self._labels: dict[str, str] = {}
        self._error = error
        for rec in records:
            for name in names(rec):
                if name is None:
                    continue
                for key in _text.keys(name):
                    self._by_key.setdefault(key, rec)
                    self._labels.setdefault(key, name)

    def find(self, query: object) -> T:
        if not isinstance(query, str):
            raise TypeError(f"expected an id or name (str), not {type(query).__name__}")
        if len(query) > _MAX_QUERY:
            raise self._error(query)
        for key in sorted(_text.keys(query)):
            hit = self._by_key.get(key)
            if hit is not None:
                return hit
        raise self._error(query, self._suggest(query))

    def _suggest(self, query: str) -> tuple[str, ...]:
        key = _text.fold(query)
        if not key:
            return ()
        close = difflib.get_close_matches(key, self._by_key, n=10, cutoff=0.6)
        out: list[str] = []
        for k in close:
            ident = self._by_key[k].id
            if ident not in out:
                out.append(ident)
        return tuple(out[:3])


def _cluster_names(c: Cluster) -> Sequence[str | None]:
    return (c.id, c.name, c.short_name, c.name_de, *c.aliases)


def _programme_names(p: Programme) -> Sequence[str | None]:
    return (p.id, p.name, p.name_de, *p.aliases)


# ----------------------------------------------------------------- entry points

_shared_lock = threading.Lock()
_shared: dict[str, Any] = {}


def _shared_collection(name: str, items: tuple[Any, ...], cls: type[_C]) -> _C:
    """One collection object per loaded dataset, so its indexes are built once."""
    found = _shared.get(name)
    if found is None or found._items is not items:
        with _shared_lock:
            found = _shared.get(name)
            if found is None or found._items is not items:
                found = cls._wrap(items)
                _shared[name] = found
    result: _C = found
    return result


def clusters() -> Clusters:
    """Every cluster of the dataset, ordered by id (loaded once, on first use).

    Every call returns the same collection, so its indexes are built only once.

    Examples:
        >>> import germanclusters as gc
        >>> gc.clusters() is gc.clusters()
        True
    """
    return _shared_collection("clusters", load().clusters, Clusters)


def cluster(id_or_name: str) -> Cluster:
    """The cluster with this id, name, short name or alias.

    Case, accents, spacing and punctuation do not matter. An unknown name raises
    :class:`~germanclusters.ClusterNotFound` with up to three close matches.

    Examples:
        >>> import germanclusters as gc
        >>> gc.cluster("COOL  silicon").id
        'cool-silicon'
    """
    return clusters().get(id_or_name)


def programmes() -> Programmes:
    """Every programme of the dataset, ordered by id.

    Examples:
        >>> import germanclusters as gc
        >>> "leading-edge-cluster-competition" in gc.programmes().ids
        True
    """
    return _shared_collection("programmes", load().programmes, Programmes)


def programme(id_or_name: str) -> Programme:
    """The programme with this id, English or German name, or alias.

    Examples:
        >>> import germanclusters as gc
        >>> gc.programme("Spitzencluster-Wettbewerb").funder
        'BMBF'
    """
    return programmes().get(id_or_name)


_programme_by_name = programme


def data_version() -> str:
    """The dataset's version, CalVer ``YYYY.MM.DD``, separate from the package version.

    Examples:
        >>> import germanclusters as gc
        >>> len(gc.data_version().split("."))
        3
    """
    return load().manifest.data_version


def manifest() -> Manifest:
    """The dataset's manifest: data version, files with checksums, sources.

    Examples:
        >>> import germanclusters as gc
        >>> sorted(f.path for f in gc.manifest().files)
        ['clusters.json', 'programmes.json', 'sources.json']
    """
    return load().manifest


def sources() -> tuple[Source, ...]:
    """Every source the data cites, ordered by id.

    Examples:
        >>> import germanclusters as gc
        >>> all(s.id for s in gc.sources())
        True
    """
    return load().sources
