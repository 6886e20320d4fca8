"""Immutable, chainable collections of clusters and programmes, and lookups by name.

``Clusters`` and ``Programmes`` wrap tuples, behave as read-only sequences and
compare by value; every filter returns a new collection. User words (country and
state names, phase and level values) are normalised once, before any loop.
"""

from __future__ import annotations

import difflib
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from typing import Any, Final, Generic, TypeVar, overload

from attrs import field, frozen

from germanclusters import _text
from germanclusters.dataset import load
from germanclusters.errors import ClusterNotFound, ProgrammeNotFound
from germanclusters.model import (
    Cluster,
    LabelLevel,
    Manifest,
    PhaseKind,
    Programme,
    Source,
)

__all__ = [
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


def _items(items: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(items)


@frozen
class _Collection(Sequence[T], Generic[T]):
    _items: tuple[T, ...] = field(converter=_items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> _Collection[T]: ...

    def __getitem__(self, index: int | slice) -> T | _Collection[T]:
        if isinstance(index, slice):
            return type(self)(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

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


@frozen(repr=False)
class Clusters(_Collection[Cluster]):
    """An immutable, ordered collection of :class:`Cluster` records.

    >>> import germanclusters as gc
    >>> "cool-silicon" in gc.clusters().targeting("CZ", phase="implementation").ids
    True
    """

    def where(self, keep: Callable[[Cluster], bool]) -> Clusters:
        """The clusters for which ``keep(cluster)`` is true."""
        if not callable(keep):
            raise TypeError(f"keep must be callable, not {type(keep).__name__}")
        return Clusters(tuple(c for c in self._items if keep(c)))

    def targeting(self, country: str, phase: PhaseKind | str | None = None) -> Clusters:
        """Clusters whose internationalisation targets ``country`` (in ``phase``, if given).

        ``country`` is anything :func:`germanclusters.normalize_country` accepts;
        ``phase`` is ``"concept"``, ``"implementation"`` or a :class:`PhaseKind`.
        """
        from germanclusters.countries import normalize_country

        wanted = normalize_country(country)
        kind = None if phase is None else PhaseKind.parse(phase)
        return self.where(lambda c: wanted in c.target_countries(kind))

    def in_programme(self, programme: str, round: int | None = None) -> Clusters:  # noqa: A002
        """Clusters taking part in ``programme`` (id or name), in ``round`` if given."""
        prog = globals()["programme"](programme)
        if round is not None and (isinstance(round, bool) or not isinstance(round, int)):
            raise TypeError(f"round must be an int or None, not {type(round).__name__}")

        def keep(c: Cluster) -> bool:
            part = c.participation(prog.id)
            return part is not None and (round is None or part.round == round)

        return self.where(keep)

    def in_state(self, state: str) -> Clusters:
        """Clusters seated in or spanning the German state (code, German or English name)."""
        from germanclusters.countries import normalize_state

        code = normalize_state(state)
        return self.where(lambda c: c.state == code or code in c.states)

    def with_label(
        self, min_level: LabelLevel | str = LabelLevel.BRONZE, on: date | None = None
    ) -> Clusters:
        """Clusters holding an ECEI label of at least ``min_level`` (valid ``on`` a date)."""
        level = LabelLevel.parse(min_level)
        if on is not None and not isinstance(on, date):
            raise TypeError(f"on must be a datetime.date or None, not {type(on).__name__}")
        return self.where(
            lambda c: any(
                lab.level >= level and (on is None or lab.valid_on(on)) for lab in c.labels
            )
        )

    def get(self, query: str) -> Cluster:
        """The cluster with this id, name, short name or alias (see :func:`cluster`)."""
        return _cluster_index(self._items).find(query)


@frozen(repr=False)
class Programmes(_Collection[Programme]):
    """An immutable, ordered collection of :class:`Programme` records."""

    def where(self, keep: Callable[[Programme], bool]) -> Programmes:
        """The programmes for which ``keep(programme)`` is true."""
        if not callable(keep):
            raise TypeError(f"keep must be callable, not {type(keep).__name__}")
        return Programmes(tuple(p for p in self._items if keep(p)))


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


_index_lock = threading.Lock()
_indexes: dict[str, Any] = {}


def _cluster_names(c: Cluster) -> Sequence[str | None]:
    return (c.id, c.name, c.short_name, c.name_de, *c.aliases)


def _programme_names(p: Programme) -> Sequence[str | None]:
    return (p.id, p.name, p.name_de, *p.aliases)


def _cluster_index(items: tuple[Cluster, ...]) -> _NameIndex[Cluster]:
    if items is load().clusters:
        return _shared_index("clusters", items, _cluster_names, ClusterNotFound)
    return _NameIndex(items, _cluster_names, ClusterNotFound)


def _shared_index(
    name: str,
    items: Sequence[T],
    names: Callable[[T], Sequence[str | None]],
    error: type[ClusterNotFound] | type[ProgrammeNotFound],
) -> _NameIndex[T]:
    index = _indexes.get(name)
    if index is None:
        with _index_lock:
            index = _indexes.get(name)
            if index is None:
                index = _NameIndex(items, names, error)
                _indexes[name] = index
    return index


# ----------------------------------------------------------------- entry points


def clusters() -> Clusters:
    """Every cluster of the dataset, ordered by id (loaded once, on first use)."""
    return Clusters(load().clusters)


def cluster(id_or_name: str) -> Cluster:
    """The cluster with this id, name, short name or alias.

    Case, accents, spacing and punctuation do not matter. An unknown name raises
    :class:`~germanclusters.ClusterNotFound` with up to three close matches.

    >>> import germanclusters as gc
    >>> gc.cluster("COOL  silicon").id
    'cool-silicon'
    """
    return _cluster_index(load().clusters).find(id_or_name)


def programmes() -> Programmes:
    """Every programme of the dataset, ordered by id."""
    return Programmes(load().programmes)


def programme(id_or_name: str) -> Programme:
    """The programme with this id, English or German name, or alias."""
    items = load().programmes
    return _shared_index("programmes", items, _programme_names, ProgrammeNotFound).find(id_or_name)


def data_version() -> str:
    """The dataset's version, CalVer ``YYYY.MM.DD``, separate from the package version."""
    return load().manifest.data_version


def manifest() -> Manifest:
    """The dataset's manifest: data version, files with checksums, sources."""
    return load().manifest


def sources() -> tuple[Source, ...]:
    """Every source the data cites, ordered by id."""
    return load().sources
