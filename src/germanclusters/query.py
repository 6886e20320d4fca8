"""Immutable, chainable collections of clusters and programmes, and lookups by name.

``Clusters`` and ``Programmes`` wrap tuples, behave as read-only sequences and compare
by value; every filter returns a new collection in the original order. User words
(countries, places, states, phases, levels) are normalised once, before the scan.
Filters scan the records: a few thousand clusters take well under a millisecond.

Examples:
    >>> import germanclusters as gc
    >>> saxony = gc.clusters().in_state("Sachsen")
    >>> "cool-silicon" in saxony.targeting("CZ", phase="implementation").ids
    True
"""

from __future__ import annotations

import difflib
import html
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import date
from enum import Enum
from typing import Any, ClassVar, Final, Generic, TypeVar, overload

from attrs import field, frozen

from germanclusters import _text
from germanclusters.countries import normalize_country, normalize_state, normalize_subdivision
from germanclusters.dataset import MAX_QUERY, load, name_keys, shipped, shipped_named
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
    "Summary",
    "Programmes",
    "cluster",
    "clusters",
    "data_version",
    "manifest",
    "programme",
    "programmes",
    "sources",
]

R = TypeVar("R", Cluster, Programme)
# Named without an underscore: the API reference shows it as the return type of `where`.
Self = TypeVar("Self", bound="_Records[Any]")


def _phase(phase: PhaseKind | str | None) -> PhaseKind | None:
    return None if phase is None else PhaseKind.parse(phase)


@frozen(repr=False)
class _Records(Sequence[R], Generic[R]):
    """A read-only sequence of records with a name index built on first lookup."""

    _items: tuple[R, ...] = field(converter=tuple)
    _names: dict[str, R] = field(factory=dict, eq=False, hash=False)
    _error: ClassVar[type[LookupError]] = LookupError

    @overload
    def __getitem__(self, index: int) -> R: ...
    @overload
    def __getitem__(self: Self, index: slice) -> Self: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return type(self)(self._items[index])
        return self._items[index]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[R]:
        return iter(self._items)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids, in order."""
        return tuple(r.id for r in self._items)

    def __repr__(self) -> str:
        shown = ", ".join(self.ids[:5]) + (", ..." if len(self) > 5 else "")
        return f"{type(self).__name__}({len(self)}: {shown})"

    def where(self: Self, keep: Callable[[R], bool]) -> Self:
        """The records for which ``keep(record)`` is true."""
        if not callable(keep):
            raise TypeError(f"keep must be callable, not {type(keep).__name__}")
        return type(self)(r for r in self._items if keep(r))

    def get(self, query: str) -> R:
        """The record with this id, name or alias: case, accents, spacing ignored."""
        if not isinstance(query, str):
            raise TypeError(f"expected an id or name (str), not {type(query).__name__}")
        if not self._names:  # built once; a race only builds the same dict twice
            self._names.update(
                {key: self._items[i] for key, i in name_keys(self._items).items()})
        if len(query) <= MAX_QUERY:
            for key in sorted(_text.keys(query)):
                if key in self._names:
                    return self._names[key]
        raise self._error(query, self._suggest(query))

    def _suggest(self, query: str) -> tuple[str, ...]:
        key = _text.fold(query[:MAX_QUERY])
        close = difflib.get_close_matches(key, self._names, n=10, cutoff=0.6) if key else []
        return tuple(dict.fromkeys(self._names[k].id for k in close))[:3]


class Summary(dict[Any, Any]):
    """A dict of results that also accepts plain keys: ``"concept"``, ``"JP"``, ``"DE-BY"``."""

    def __missing__(self, key: object) -> Any:
        if isinstance(key, str) and not isinstance(key, Enum):
            for k in self:
                if _plain(k) == key:
                    return self[k]
        raise KeyError(key)


def _plain(value: object) -> object:
    if isinstance(value, Country):
        return value.alpha_2
    if isinstance(value, Enum):
        return value.value
    return value


GROUP_KEYS: Final = ("country", "region", "subregion", "subdivision", "phase", "state",
                     "states", "programme", "label", "founded", "city")
"""The named keys of [`Clusters.group_by`][germanclusters.query.Clusters.group_by] and
[`Clusters.count_by`][germanclusters.query.Clusters.count_by]."""


class Clusters(_Records[Cluster]):
    """An immutable, ordered collection of [`Cluster`][germanclusters.Cluster] records.

    Examples:
        >>> import germanclusters as gc
        >>> gc.clusters().in_state("DE-SN").in_programme("Spitzencluster-Wettbewerb", round=1)[:1]
        Clusters(1: cool-silicon)
    """

    _error = ClusterNotFound

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{html.escape(c.id)}</td><td>{html.escape(c.name)}</td>"
            f"<td>{c.state or ''}</td><td>{', '.join(map(str, c.target_countries()))}</td></tr>"
            for c in self._items[:50]
        )
        return (f"<table><caption>Clusters: {len(self)}</caption><tr><th>id</th><th>name</th>"
                f"<th>state</th><th>target countries</th></tr>{rows}</table>")

    def targeting(self, place: str | Country, phase: PhaseKind | str | None = None) -> Clusters:
        """Clusters whose internationalisation targets a country or ISO 3166-2 place.

        ``place`` is a [`Country`][germanclusters.Country], anything
        [`germanclusters.normalize_country`][germanclusters.normalize_country] accepts, or a
        subdivision code such as ``"CN-JS"`` (then only phases that name that place count);
        ``phase`` is ``"concept"``, ``"implementation"`` or a
        [`PhaseKind`][germanclusters.PhaseKind].

        Examples:
            >>> import germanclusters as gc
            >>> "cool-silicon" in gc.clusters().targeting("Tschechien", phase="concept").ids
            True
        """
        kind = _phase(phase)
        subdivision = _subdivision(place)
        if subdivision is not None:
            return self.where(lambda c: subdivision in c.target_subdivisions(kind))
        code = _country(place)
        return self.where(lambda c: code in c.target_countries(kind))

    def partnering(self, place: str | Country) -> Clusters:
        """Clusters with a foreign partner in a country or ISO 3166-2 subdivision.

        Examples:
            >>> import germanclusters as gc
            >>> "its-owl" in gc.clusters().partnering("Finland").ids
            True
        """
        subdivision = _subdivision(place)
        if subdivision is not None:
            return self.where(lambda c: any(p.subdivision == subdivision for p in c.partners()))
        code = _country(place)
        return self.where(lambda c: any(p.country == code for p in c.partners()))

    def in_programme(self, programme: str, round: int | None = None) -> Clusters:  # noqa: A002
        """Clusters taking part in ``programme`` (id, name or alias), in ``round`` if given.

        Examples:
            >>> import germanclusters as gc
            >>> "cool-silicon" in gc.clusters().in_programme("Spitzencluster-Wettbewerb", 1).ids
            True
        """
        if round is not None and (isinstance(round, bool) or not isinstance(round, int)):
            raise TypeError(f"round must be an int or None, not {type(round).__name__}")
        prog = programmes().get(programme)
        known = [r.number for r in prog.rounds]
        if round is not None and (round < 1 or (known and round not in known)):
            allowed = f"one of {', '.join(map(str, known))}" if known else "a positive number"
            raise ValueError(f"round must be {allowed} for {prog.id}; got {round}")
        return self.where(lambda c: any(
            p.programme == prog.id and (round is None or p.round == round)
            for p in c.participations))

    def in_state(self, state: str, *, seat_only: bool = False) -> Clusters:
        """Clusters seated in or spanning a German state (code, German or English name).

        With ``seat_only`` only the seat state counts.

        Examples:
            >>> import germanclusters as gc
            >>> gc.clusters().in_state("Saxony") == gc.clusters().in_state("DE-SN")
            True
        """
        code = normalize_state(state)
        return self.where(lambda c: c.state == code or (not seat_only and code in c.states))

    def with_label(self, min_level: LabelLevel | str = LabelLevel.BRONZE,
                   on: date | None = None) -> Clusters:
        """Clusters holding an ECEI label of at least ``min_level``, valid ``on`` a day.

        Without ``on`` any label ever held counts. With ``on`` a label counts only where
        the sources prove it held that day
        ([`Label.valid_on`][germanclusters.model.Label.valid_on]): its award and its expiry are
        both known. Nothing is assumed.

        Examples:
            >>> import germanclusters as gc
            >>> len(gc.clusters().with_label("gold")) <= len(gc.clusters().with_label("bronze"))
            True
        """
        level = LabelLevel.parse(min_level)
        if on is not None:
            day = on
            return self.where(lambda c: any(
                lab.level >= level and lab.valid_on(day) for lab in c.labels))
        return self.where(lambda c: any(lab.level >= level for lab in c.labels))

    # -------------------------------------------------------------- summaries

    def by_country(self, phase: PhaseKind | str | None = None) -> Summary:
        """Each country targeted (in ``phase``) with the clusters targeting it.

        Ordered by the number of clusters, most first, then by alpha-2 code; keys are
        [`Country`][germanclusters.Country] objects, which also answer to their code
        (``result["JP"]``).

        Examples:
            >>> import germanclusters as gc
            >>> "cool-silicon" in gc.clusters().by_country("implementation")["CZ"].ids
            True
        """
        return Summary(self.group_by("country", phase=phase))

    def group_by(self, key: str | Callable[[Cluster], Any], *,
                 phase: PhaseKind | str | None = None) -> Summary:
        """The clusters grouped by ``key``: largest group first, ties in natural order.

        ``key`` is one of `GROUP_KEYS` or a function of a cluster returning one
        key, a collection of keys (the cluster joins each group) or ``None``. Named
        keys: ``"country"``, ``"region"``, ``"subregion"`` (UN M49, of the countries
        targeted), ``"subdivision"`` (ISO 3166-2 places targeted), ``"phase"``,
        ``"state"`` (the seat state), ``"states"`` (every state spanned), ``"programme"``,
        ``"label"`` (best level held), ``"founded"`` (year) and ``"city"``.

        Examples:
            >>> import germanclusters as gc
            >>> "cool-silicon" in gc.clusters().group_by("city")["Dresden"].ids
            True
        """
        getter = _getter(key)
        kind = _phase(phase)
        groups: dict[Any, list[Cluster]] = {}
        for c in self._items:
            for value in dict.fromkeys(v for row in getter(c, kind) for v in row[-1:]):
                groups.setdefault(value, []).append(c)
        ordered = sorted(groups.items(), key=lambda kv: (-len(kv[1]), _natural(kv[0])))
        return Summary((k, Clusters(v)) for k, v in ordered)

    def count_by(self, *keys: str | Callable[[Cluster], Any],
                 phase: PhaseKind | str | None = None) -> Summary:
        """How many clusters fall under each key, ranked, most first.

        With several keys, nested summaries; ``"country"`` under ``"phase"`` counts the
        targets of that phase, so ``count_by("phase", "country")`` answers which
        countries most clusters targeted in each phase.

        Examples:
            >>> import germanclusters as gc
            >>> gc.clusters().count_by("phase", "country")["implementation"]["CZ"] >= 1
            True
        """
        if not keys:
            raise TypeError("count_by needs at least one key, e.g. count_by('country')")
        kind = _phase(phase)
        getters = [_getter(k) for k in keys]
        counts: list[Counter[tuple[Any, ...]]] = [Counter() for _ in keys]
        for c in self._items:
            rows = _combine(c, getters, kind)
            for depth in range(len(keys)):
                counts[depth].update({row[: depth + 1] for row in rows})
        return _nest(counts, ())


def _nest(counts: list[Counter[tuple[Any, ...]]], prefix: tuple[Any, ...]) -> Summary:
    depth = len(prefix)
    level = sorted(((k[-1], n) for k, n in counts[depth].items() if k[:depth] == prefix),
                   key=lambda kv: (-kv[1], _natural(kv[0])))
    if depth + 1 == len(counts):
        return Summary(level)
    return Summary((v, _nest(counts, (*prefix, v))) for v, _ in level)


# A getter gives, for a cluster and a phase scope, rows (phase kind or None, value).
_Getter = Callable[[Cluster, PhaseKind | None], list[tuple[Any, ...]]]


def _per_phase(values: Callable[[Any], Iterable[Any]]) -> _Getter:
    return lambda c, kind: [(p.kind, v) for p in c.phases(kind) for v in values(p)]


def _per_cluster(values: Callable[[Cluster], Iterable[Any]]) -> _Getter:
    return lambda c, kind: [(None, v) for v in values(c)]


_GETTERS: Final[dict[str, _Getter]] = {
    "country": _per_phase(lambda p: p.countries),
    "region": _per_phase(lambda p: [k.region for k in p.countries if k.region]),
    "subregion": _per_phase(lambda p: [k.subregion for k in p.countries if k.subregion]),
    "subdivision": _per_phase(lambda p: p.subdivisions),
    "phase": lambda c, kind: [(p.kind, p.kind) for p in c.phases(kind)],
    "state": _per_cluster(lambda c: [c.state] if c.state else []),
    "states": _per_cluster(lambda c: c.states or ([c.state] if c.state else [])),
    "programme": _per_cluster(lambda c: [p.programme for p in c.participations]),
    "label": _per_cluster(lambda c: [max(lab.level for lab in c.labels)] if c.labels else []),
    "founded": _per_cluster(lambda c: [c.founded.year] if c.founded else []),
    "city": _per_cluster(lambda c: [c.city] if c.city else []),
}


def _getter(key: str | Callable[[Cluster], Any]) -> _Getter:
    if callable(key):
        def call(c: Cluster, _: PhaseKind | None) -> list[tuple[Any, ...]]:
            found = key(c)
            if found is None:
                return []
            if isinstance(found, (list, tuple, set, frozenset)):
                return [(None, v) for v in found]
            return [(None, found)]
        return call
    if key not in _GETTERS:
        raise ValueError(f"unknown key {key!r}; use one of {', '.join(GROUP_KEYS)} or a function")
    return _GETTERS[key]


def _combine(c: Cluster, getters: list[_Getter], kind: PhaseKind | None) -> set[tuple[Any, ...]]:
    """Rows of values, one per key; values of one phase stay together with that phase."""
    rows: set[tuple[Any, ...]] = {()}
    phase_of: dict[tuple[Any, ...], Any] = {(): None}
    for get in getters:
        found = get(c, kind)
        new: set[tuple[Any, ...]] = set()
        for row in rows:
            ph = phase_of[row]
            for p, v in found:
                if p is None or ph is None or p == ph:
                    grown = (*row, v)
                    new.add(grown)
                    phase_of[grown] = p if p is not None else ph
        rows = new
    return rows


def _natural(value: object) -> tuple[Any, ...]:
    if isinstance(value, Enum):
        return (0, list(type(value)).index(value), "")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return (1, value, "")
    return (2, 0, str(value).casefold())


def _subdivision(place: object) -> str | None:
    """The ISO 3166-2 code where ``place`` is one (``"CN-JS"``), else None."""
    if isinstance(place, str) and "-" in place.strip()[:3] and len(place.strip()) <= 6:
        try:
            return normalize_subdivision(place)
        except LookupError:
            return None
    return None


def _country(place: str | Country) -> Country:
    if isinstance(place, Country):
        return place
    if not isinstance(place, str):
        raise TypeError(f"expected a country name or code, not {type(place).__name__}")
    return normalize_country(place)


class Programmes(_Records[Programme]):
    """An immutable, ordered collection of [`Programme`][germanclusters.Programme] records.

    Examples:
        >>> import germanclusters as gc
        >>> gc.programmes().get("Spitzencluster-Wettbewerb").id
        'leading-edge-cluster-competition'
    """

    _error = ProgrammeNotFound


# ------------------------------------------------------------------ entry points

_shared: dict[str, Any] = {}
_COLLECTIONS: Final = {"clusters.json": Clusters, "programmes.json": Programmes}


def _collection(name: str) -> Any:
    if name not in _shared:
        _shared.setdefault(name, _COLLECTIONS[name](shipped(name)))
    return _shared[name]


def _lookup(name: str, query: str) -> Any:
    if name not in _shared:  # the first answer builds its one record, not all of them
        found = shipped_named(name, query)
        if found is not None:
            return found
    return _collection(name).get(query)


def clusters() -> Clusters:
    """Every cluster, ordered by id; every call returns the same collection.

    Examples:
        >>> import germanclusters as gc
        >>> gc.clusters() is gc.clusters()
        True
    """
    found: Clusters = _collection("clusters.json")
    return found


def cluster(id_or_name: str) -> Cluster:
    """The cluster with this id, name, short name or alias.

    Case, accents, spacing and punctuation do not matter; an unknown name raises
    [`ClusterNotFound`][germanclusters.ClusterNotFound] with up to three close matches.

    Examples:
        >>> import germanclusters as gc
        >>> gc.cluster("COOL  silicon").id
        'cool-silicon'
    """
    found: Cluster = _lookup("clusters.json", id_or_name)
    return found


def programmes() -> Programmes:
    """Every programme, ordered by id.

    Examples:
        >>> import germanclusters as gc
        >>> "leading-edge-cluster-competition" in gc.programmes().ids
        True
    """
    found: Programmes = _collection("programmes.json")
    return found


def programme(id_or_name: str) -> Programme:
    """The programme with this id, English or German name, or alias.

    Examples:
        >>> import germanclusters as gc
        >>> gc.programme("Spitzencluster-Wettbewerb").funder
        'BMBF'
    """
    found: Programme = _lookup("programmes.json", id_or_name)
    return found


def data_version() -> str:
    """The dataset's version, separate from the package version.

    CalVer ``YYYY.MM.DD``: the day the data was built, with ``.N`` added for a later
    release on the same day (``2026.12.02.1``).

    Examples:
        >>> import re
        >>> import germanclusters as gc
        >>> bool(re.fullmatch("[0-9]{4}[.][0-9]{2}[.][0-9]{2}([.][0-9]+)?", gc.data_version()))
        True
    """
    return str(shipped("manifest.json").data_version)


def manifest() -> Manifest:
    """The dataset's manifest: data version, files with checksums, sources.

    Examples:
        >>> import germanclusters as gc
        >>> gc.manifest().licence
        'CC-BY-4.0'
    """
    return load().manifest


def sources() -> tuple[Source, ...]:
    """Every source the data cites, ordered by id.

    Examples:
        >>> import germanclusters as gc
        >>> all(s.url for s in gc.sources())
        True
    """
    return tuple(shipped("sources.json"))

