"""The domain model: frozen, slotted attrs classes and the enums they use.

The model knows nothing of files or JSON. Each class checks its own fields when it
is built and raises :class:`~germanclusters.DataError` naming the field and value;
the loader adds the file and record id. All instances are immutable and hashable,
so the shared, cached dataset cannot be changed by a caller.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime
from enum import Enum
from functools import total_ordering
from typing import TYPE_CHECKING, Any, Final, TypeVar

from attrs import field, frozen

from germanclusters._states import STATES
from germanclusters.errors import DataError, _shorten

if TYPE_CHECKING:
    from attrs import Attribute

__all__ = [
    "Cluster",
    "Contact",
    "Country",
    "DataFile",
    "Funding",
    "Label",
    "LabelLevel",
    "Manifest",
    "Participation",
    "Phase",
    "PhaseKind",
    "Programme",
    "ProgrammeRound",
    "Source",
]

_SLUG: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_E164: Final = re.compile(r"\+[1-9][0-9]{6,14}")
_EMAIL: Final = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
_URL: Final = re.compile(r"https?://[^\s]+")
_ALPHA2: Final = re.compile(r"[A-Z]{2}")
_ALPHA3: Final = re.compile(r"[A-Z]{3}")
_NUMERIC: Final = re.compile(r"[0-9]{3}")
_LANG: Final = re.compile(r"[a-z]{2}")
_CALVER: Final = re.compile(r"[0-9]{4}\.[0-9]{2}\.[0-9]{2}")
_SHA256: Final = re.compile(r"[0-9a-f]{64}")
_MIN_YEAR: Final = 1800
_MAX_YEAR: Final = 2100


# --------------------------------------------------------------------------- enums


class PhaseKind(Enum):
    """The two phases of an internationalisation project.

    Every ``phase=`` argument takes the enum or its value.

    Examples:
        >>> PhaseKind("implementation") is PhaseKind.IMPLEMENTATION
        True
    """

    CONCEPT = "concept"
    IMPLEMENTATION = "implementation"

    @classmethod
    def parse(cls, value: PhaseKind | str) -> PhaseKind:
        """Return the enum for ``value`` (the enum itself or its value, any case).

        Examples:
            >>> PhaseKind.parse("Implementation")
            <PhaseKind.IMPLEMENTATION: 'implementation'>
        """
        return _parse_enum(cls, value, "phase")


@total_ordering
class LabelLevel(Enum):
    """ECEI cluster management excellence label levels, ordered BRONZE < SILVER < GOLD.

    Examples:
        >>> LabelLevel.BRONZE < LabelLevel.GOLD
        True
        >>> max([LabelLevel.SILVER, LabelLevel.GOLD, LabelLevel.BRONZE]).value
        'gold'
    """

    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, LabelLevel):
            return NotImplemented
        order = tuple(LabelLevel)
        return order.index(self) < order.index(other)

    @classmethod
    def parse(cls, value: LabelLevel | str) -> LabelLevel:
        """Return the enum for ``value`` (the enum itself or its value, any case)."""
        return _parse_enum(cls, value, "level")


_E = TypeVar("_E", bound=Enum)


def _parse_enum(cls: type[_E], value: object, argument: str) -> _E:
    if isinstance(value, cls):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a {cls.__name__} or str, not {type(value).__name__}")
    try:
        return cls(value.strip().casefold())
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"{argument} must be one of {allowed}; got {_shorten(value)}") from None


# ---------------------------------------------------------------- field checkers


def _fail(attribute: Attribute[Any], value: object, reason: str) -> DataError:
    return DataError(field=attribute.name, value=value, reason=reason)


#: Unicode categories Cc (control characters, line breaks included) and Cs (lone
#: surrogates, which no UTF-8 file can hold).
_UNPRINTABLE: Final = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def _unprintable(text: str) -> str | None:
    """Why ``text`` cannot be stored, or None."""
    found = _UNPRINTABLE.search(text)
    if found is None:
        return None
    ch = found.group()
    if "\ud800" <= ch <= "\udfff":
        return "contains a lone surrogate (not valid Unicode text)"
    return f"contains the control character {ch!r}"


def _text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise _fail(attribute, value, f"must be text, not {type(value).__name__}")
    if not value.strip() or value != value.strip():
        raise _fail(attribute, value, "must be non-empty text without surrounding spaces")
    bad = _unprintable(value)
    if bad:
        raise _fail(attribute, value, bad)


def _opt_text(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None:
        _text(instance, attribute, value)


def _slug(instance: object, attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or not _SLUG.fullmatch(value):
        raise _fail(attribute, value, "must be a lower-case slug like 'cool-silicon'")


def _opt_url(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not _URL.fullmatch(value)):
        raise _fail(attribute, value, "must be an http(s) URL")


def _opt_year(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(attribute, value, "must be a year (int) or None")
    if not _MIN_YEAR <= value <= _MAX_YEAR:
        raise _fail(attribute, value, f"is not a plausible year ({_MIN_YEAR}-{_MAX_YEAR})")


def _opt_date(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None and not isinstance(value, date):
        raise _fail(attribute, value, "must be a datetime.date or None")


def _opt_positive(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(attribute, value, "must be a positive int or None")


def _opt_non_negative(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is None:
        return
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _fail(attribute, value, "must be a non-negative int or None")


def _opt_phone(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not _E164.fullmatch(value)):
        raise _fail(attribute, value, "must be an E.164 number like '+493514159000'")


def _opt_email(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None and (not isinstance(value, str) or not _EMAIL.fullmatch(value)):
        raise _fail(attribute, value, "must be an e-mail address")


def _opt_state(instance: object, attribute: Attribute[Any], value: object) -> None:
    if value is not None and value not in STATES:
        raise _fail(attribute, value, "must be an ISO 3166-2 code of a German state, e.g. 'DE-SN'")


def _states_check(instance: object, attribute: Attribute[Any], value: tuple[str, ...]) -> None:
    for i, code in enumerate(value):
        if code not in STATES:
            raise DataError(
                field=f"{attribute.name}[{i}]",
                value=code,
                reason="must be an ISO 3166-2 code of a German state, e.g. 'DE-SN'",
            )
    if len(set(value)) != len(value):
        raise _fail(attribute, value, "lists a state twice")


#: Joins the items of a list in one cell of a flat table; items may not contain it.
LIST_SEPARATOR: Final = "; "


def _texts_check(instance: object, attribute: Attribute[Any], value: tuple[object, ...]) -> None:
    """Items of a list of prose (notes): each non-empty, printable, stripped text."""
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip() or item != item.strip():
            raise DataError(
                field=f"{attribute.name}[{i}]",
                value=item,
                reason="must be non-empty text without surrounding spaces",
            )
        bad = _unprintable(item)
        if bad:
            raise DataError(field=f"{attribute.name}[{i}]", value=item, reason=bad)
    if len(set(value)) != len(value):
        raise _fail(attribute, value, "lists an entry twice")


def _names_check(instance: object, attribute: Attribute[Any], value: tuple[object, ...]) -> None:
    """Items of a list of names (aliases, regions, partners): as notes, and without the
    separator that joins them in a flat table, so a table cell splits back exactly."""
    _texts_check(instance, attribute, value)
    for i, item in enumerate(value):
        if LIST_SEPARATOR in str(item):
            raise DataError(
                field=f"{attribute.name}[{i}]",
                value=item,
                reason=f"may not contain {LIST_SEPARATOR!r}, which joins list items in tables",
            )


def _regions_check(instance: object, attribute: Attribute[Any], value: tuple[object, ...]) -> None:
    from germanclusters.countries import REGIONS

    _names_check(instance, attribute, value)
    for i, item in enumerate(value):
        if item not in REGIONS:
            raise DataError(
                field=f"{attribute.name}[{i}]",
                value=item,
                reason="is not one of germanclusters.REGIONS (regions that are not countries)",
            )


def _sources_check(instance: object, attribute: Attribute[Any], value: tuple[object, ...]) -> None:
    if not value:
        raise _fail(attribute, value, "every record cites at least one source id")
    for i, item in enumerate(value):
        if not isinstance(item, str) or not _SLUG.fullmatch(item):
            raise DataError(
                field=f"{attribute.name}[{i}]", value=item, reason="must be a source id (slug)"
            )
    if len(set(value)) != len(value):
        raise _fail(attribute, value, "cites a source twice")


def _ordered(attribute: Attribute[Any], first_name: str, first: Any, second: Any) -> None:
    if first is not None and second is not None and second < first:
        raise _fail(attribute, second, f"comes before {first_name} ({first})")


def _unique_by(attribute: Attribute[Any], items: tuple[Any, ...], key: str) -> None:
    seen: set[object] = set()
    for i, item in enumerate(items):
        k = getattr(item, key)
        if k in seen:
            raise DataError(
                field=f"{attribute.name}[{i}].{key}",
                value=k,
                reason=f"duplicate {key}",
            )
        seen.add(k)


def _kinds(items: Iterable[Any], attribute: Attribute[Any], cls: type) -> None:
    for i, item in enumerate(items):
        if not isinstance(item, cls):
            raise DataError(
                field=f"{attribute.name}[{i}]",
                value=item,
                reason=f"must be a {cls.__name__}, not {type(item).__name__}",
            )


# --------------------------------------------------------- typed tuple converters


def _strs(items: Iterable[str]) -> tuple[str, ...]:
    return _as_tuple(items)


def _as_tuple(items: Any) -> tuple[Any, ...]:
    if isinstance(items, (str, bytes)):
        raise TypeError(f"expected a sequence of items, not a single {type(items).__name__}")
    return tuple(items)


def _countries(items: Iterable[Country]) -> tuple[Country, ...]:
    return _as_tuple(items)


def _phases(items: Iterable[Phase]) -> tuple[Phase, ...]:
    return _as_tuple(items)


def _participations(items: Iterable[Participation]) -> tuple[Participation, ...]:
    return _as_tuple(items)


def _labels(items: Iterable[Label]) -> tuple[Label, ...]:
    return _as_tuple(items)


def _contacts(items: Iterable[Contact]) -> tuple[Contact, ...]:
    return _as_tuple(items)


def _rounds(items: Iterable[ProgrammeRound]) -> tuple[ProgrammeRound, ...]:
    return _as_tuple(items)


def _fundings(items: Iterable[Funding]) -> tuple[Funding, ...]:
    return _as_tuple(items)


def _files(items: Iterable[DataFile]) -> tuple[DataFile, ...]:
    return _as_tuple(items)


def _source_list(items: Iterable[Source]) -> tuple[Source, ...]:
    return _as_tuple(items)


# ---------------------------------------------------------------------- classes


@frozen(kw_only=True)
class Country:
    """An ISO 3166-1 country with its English and German names.

    Build one with :func:`germanclusters.normalize_country`; the data stores only
    the alpha-2 code.

    Examples:
        >>> import germanclusters as gc
        >>> fi = gc.normalize_country("Finnland")
        >>> (fi.alpha_2, fi.alpha_3, fi.numeric, fi.name, fi.name_de)
        ('FI', 'FIN', '246', 'Finland', 'Finnland')
    """

    alpha_2: str = field(validator=lambda i, a, v: _code(a, v, _ALPHA2, "two capital letters"))
    alpha_3: str = field(validator=lambda i, a, v: _code(a, v, _ALPHA3, "three capital letters"))
    numeric: str = field(validator=lambda i, a, v: _code(a, v, _NUMERIC, "three digits"))
    name: str = field(validator=_text)
    name_de: str = field(validator=_text)
    region: str | None = field(default=None, validator=_opt_text)
    subregion: str | None = field(default=None, validator=_opt_text)

    def __str__(self) -> str:
        return self.name


def _code(attribute: Attribute[Any], value: object, pattern: re.Pattern[str], what: str) -> None:
    if not isinstance(value, str) or not pattern.fullmatch(value):
        raise _fail(attribute, value, f"must be {what}")


def _country_list(instance: object, attribute: Attribute[Any], value: tuple[Country, ...]) -> None:
    _kinds(value, attribute, Country)
    _unique_by(attribute, value, "alpha_2")


@frozen(kw_only=True)
class Phase:
    """One phase (concept or implementation) of an internationalisation project.

    ``countries`` are the ISO countries the source names as targets, ``regions``
    the named regions that are not countries (see `germanclusters.REGIONS`).
    ``source_text`` keeps the source's own list as printed and ``note`` says how it
    was read where that was not obvious.

    Examples:
        >>> import germanclusters as gc
        >>> part = gc.cluster("Software-Cluster").participation(
        ...     "internationalisation-of-leading-edge-clusters")
        >>> phase = part.phase("concept")
        >>> phase.source_text, [c.alpha_2 for c in phase.countries]
        ('Brasil, Sinapore, USA', ['BR', 'SG', 'US'])
    """

    kind: PhaseKind = field(validator=lambda i, a, v: _kind_check(a, v))
    countries: tuple[Country, ...] = field(
        default=(), converter=_countries, validator=_country_list
    )
    regions: tuple[str, ...] = field(default=(), converter=_strs, validator=_regions_check)
    start: date | None = field(default=None, validator=_opt_date)
    end: date | None = field(default=None, validator=_opt_date)
    source_text: str | None = field(default=None, validator=_opt_text)
    note: str | None = field(default=None, validator=_opt_text)

    @end.validator
    def _check_end(self, attribute: Attribute[date | None], value: date | None) -> None:
        _ordered(attribute, "start", self.start, value)


def _kind_check(attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, PhaseKind):
        raise _fail(attribute, value, "must be a PhaseKind ('concept' or 'implementation')")


@frozen(kw_only=True)
class Participation:
    """A cluster's part in a programme: round, year, project name and its phases.

    Examples:
        >>> import germanclusters as gc
        >>> lec = gc.cluster("Cool Silicon").participation("leading-edge-cluster-competition")
        >>> lec.round, lec.year
        (1, 2008)
    """

    programme: str = field(validator=_slug)
    round: int | None = field(default=None, validator=_opt_positive)
    year: int | None = field(default=None, validator=_opt_year)
    project: str | None = field(default=None, validator=_opt_text)
    phases: tuple[Phase, ...] = field(default=(), converter=_phases)
    note: str | None = field(default=None, validator=_opt_text)
    sources: tuple[str, ...] = field(converter=_strs, validator=_sources_check)

    @phases.validator
    def _check_phases(
        self, attribute: Attribute[tuple[Phase, ...]], value: tuple[Phase, ...]
    ) -> None:
        _kinds(value, attribute, Phase)
        _unique_by(attribute, value, "kind")

    def phase(self, kind: PhaseKind | str) -> Phase | None:
        """The phase of this kind, or ``None`` where the source gives none."""
        wanted = PhaseKind.parse(kind)
        for p in self.phases:
            if p.kind is wanted:
                return p
        return None


@frozen(kw_only=True)
class Label:
    """A cluster management excellence label (ECEI Bronze, Silver or Gold).

    ``awarded`` and ``valid_until`` are dates where a source gives them; ``year`` is
    the award year where only the year is known.

    Examples:
        >>> import germanclusters as gc
        >>> [lab.level.value for lab in gc.cluster("Green Industry Cluster").labels]
        ['bronze']
    """

    scheme: str = field(default="ECEI", validator=_text)
    level: LabelLevel = field(validator=lambda i, a, v: _level_check(a, v))
    awarded: date | None = field(default=None, validator=_opt_date)
    year: int | None = field(default=None, validator=_opt_year)
    valid_until: date | None = field(default=None, validator=_opt_date)
    awarded_by: str | None = field(default=None, validator=_opt_text)
    note: str | None = field(default=None, validator=_opt_text)
    sources: tuple[str, ...] = field(converter=_strs, validator=_sources_check)

    @valid_until.validator
    def _check_until(self, attribute: Attribute[date | None], value: date | None) -> None:
        _ordered(attribute, "awarded", self.awarded, value)

    @year.validator
    def _check_year(self, attribute: Attribute[int | None], value: int | None) -> None:
        if value is not None and self.awarded is not None and self.awarded.year != value:
            raise _fail(attribute, value, f"differs from the award date ({self.awarded})")
        if value is not None and self.valid_until is not None and value > self.valid_until.year:
            raise _fail(attribute, value, f"is after valid_until ({self.valid_until})")

    @property
    def since(self) -> int | None:
        """The award year, from ``awarded`` or ``year``."""
        return self.awarded.year if self.awarded is not None else self.year

    def proven_span(self) -> tuple[date, date] | None:
        """The days on which the sources show this label held, or ``None``.

        From the award (its date, or the last day of the award year where only the
        year is known) to ``valid_until``. Where either end is unknown the sources do
        not show on which days the label was held, and nothing is guessed.

        Examples:
            >>> from datetime import date
            >>> lab = Label(level=LabelLevel.SILVER, year=2021,
            ...             valid_until=date(2023, 5, 31), sources=("src",))
            >>> lab.proven_span()
            (datetime.date(2021, 12, 31), datetime.date(2023, 5, 31))
            >>> Label(level=LabelLevel.GOLD, year=2013, sources=("src",)).proven_span() is None
            True
        """
        if self.valid_until is None:
            return None
        if self.awarded is not None:
            start = self.awarded
        elif self.year is not None:
            start = date(self.year, 12, 31)
        else:
            return None
        return (start, self.valid_until) if start <= self.valid_until else None

    def valid_on(self, day: date) -> bool:
        """True when the sources show this label held on ``day`` (see :meth:`proven_span`)."""
        if isinstance(day, datetime) or not isinstance(day, date):
            raise TypeError(f"day must be a datetime.date, not {type(day).__name__}")
        span = self.proven_span()
        return span is not None and span[0] <= day <= span[1]


def _level_check(attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, LabelLevel):
        raise _fail(attribute, value, "must be a LabelLevel ('bronze', 'silver' or 'gold')")


@frozen(kw_only=True)
class Contact:
    """A business contact as published by a source, with the date it was true.

    Phone, fax and mobile numbers are E.164 strings (``"+493518925800"``).

    Examples:
        >>> import germanclusters as gc
        >>> contact = gc.cluster("cool-silicon").contacts[0]
        >>> contact.phone, contact.as_of.isoformat()
        ('+493518925800', '2020-04-16')
    """

    name: str | None = field(default=None, validator=_opt_text)
    title: str | None = field(default=None, validator=_opt_text)
    role: str | None = field(default=None, validator=_opt_text)
    organisation: str | None = field(default=None, validator=_opt_text)
    street: str | None = field(default=None, validator=_opt_text)
    postcode: str | None = field(default=None, validator=_opt_text)
    city: str | None = field(default=None, validator=_opt_text)
    phone: str | None = field(default=None, validator=_opt_phone)
    fax: str | None = field(default=None, validator=_opt_phone)
    mobile: str | None = field(default=None, validator=_opt_phone)
    email: str | None = field(default=None, validator=_opt_email)
    as_of: date | None = field(default=None, validator=_opt_date)
    note: str | None = field(default=None, validator=_opt_text)
    sources: tuple[str, ...] = field(converter=_strs, validator=_sources_check)

    @postcode.validator
    def _check_postcode(self, attribute: Attribute[str | None], value: str | None) -> None:
        if value is not None and not re.fullmatch(r"[0-9]{5}", value):
            raise _fail(attribute, value, "must be a five-digit German postcode")


@frozen(kw_only=True)
class Cluster:
    """A German innovation cluster or network.

    ``state`` is the ISO 3166-2 code of its seat, ``states`` every state it spans
    (where a source says so). Unknown facts are ``None`` or ``()``.

    Examples:
        >>> import germanclusters as gc
        >>> c = gc.cluster("Cool Silicon")
        >>> c.id, c.state, c.city
        ('cool-silicon', 'DE-SN', 'Dresden')
        >>> [k.alpha_2 for k in c.target_countries("concept")]
        ['BE', 'CZ']
    """

    id: str = field(validator=_slug)
    name: str = field(validator=_text)
    short_name: str | None = field(default=None, validator=_opt_text)
    name_de: str | None = field(default=None, validator=_opt_text)
    aliases: tuple[str, ...] = field(default=(), converter=_strs, validator=_names_check)
    organisation: str | None = field(default=None, validator=_opt_text)
    state: str | None = field(default=None, validator=_opt_state)
    states: tuple[str, ...] = field(default=(), converter=_strs, validator=_states_check)
    city: str | None = field(default=None, validator=_opt_text)
    founded: int | None = field(default=None, validator=_opt_year)
    members: int | None = field(default=None, validator=_opt_non_negative)
    members_as_of: date | None = field(default=None, validator=_opt_date)
    website: str | None = field(default=None, validator=_opt_url)
    topic: str | None = field(default=None, validator=_opt_text)
    summary: str | None = field(default=None, validator=_opt_text)
    participations: tuple[Participation, ...] = field(default=(), converter=_participations)
    labels: tuple[Label, ...] = field(default=(), converter=_labels)
    contacts: tuple[Contact, ...] = field(default=(), converter=_contacts)
    notes: tuple[str, ...] = field(default=(), converter=_strs, validator=_texts_check)
    sources: tuple[str, ...] = field(converter=_strs, validator=_sources_check)

    @states.validator
    def _check_seat(self, attribute: Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
        if self.state is not None and value and self.state not in value:
            raise _fail(attribute, value, f"does not include the seat state {self.state!r}")

    @participations.validator
    def _check_participations(
        self, attribute: Attribute[tuple[Participation, ...]], value: tuple[Participation, ...]
    ) -> None:
        _kinds(value, attribute, Participation)
        _unique_by(attribute, value, "programme")

    @labels.validator
    def _check_labels(
        self, attribute: Attribute[tuple[Label, ...]], value: tuple[Label, ...]
    ) -> None:
        _kinds(value, attribute, Label)

    @contacts.validator
    def _check_contacts(
        self, attribute: Attribute[tuple[Contact, ...]], value: tuple[Contact, ...]
    ) -> None:
        _kinds(value, attribute, Contact)

    @members_as_of.validator
    def _check_members_as_of(self, attribute: Attribute[date | None], value: date | None) -> None:
        if value is not None and self.members is None:
            raise _fail(attribute, value, "is set but 'members' is not")

    def phases(self, phase: PhaseKind | str | None = None) -> tuple[Phase, ...]:
        """Every phase of every participation, or only those of one kind."""
        kind = None if phase is None else PhaseKind.parse(phase)
        return tuple(
            p for part in self.participations for p in part.phases if kind is None or p.kind is kind
        )

    def target_countries(self, phase: PhaseKind | str | None = None) -> tuple[Country, ...]:
        """Countries targeted in any phase, or in one phase; de-duplicated, sorted by alpha-2.

        ``phase`` is a :class:`PhaseKind` or its value (``"concept"``,
        ``"implementation"``).
        """
        found = {c.alpha_2: c for p in self.phases(phase) for c in p.countries}
        return tuple(found[k] for k in sorted(found))

    def target_regions(self, phase: PhaseKind | str | None = None) -> tuple[str, ...]:
        """Named regions (not countries) targeted in any phase or in one phase, sorted."""
        return tuple(sorted({r for p in self.phases(phase) for r in p.regions}))

    def _repr_html_(self) -> str:
        """A table for Jupyter (text is HTML-escaped)."""
        from germanclusters._html import _html

        return _html(self)

    def participation(self, programme: str) -> Participation | None:
        """This cluster's participation in the programme with that id, or ``None``."""
        for part in self.participations:
            if part.programme == programme:
                return part
        return None


@frozen(kw_only=True)
class ProgrammeRound:
    """One round of a programme or competition.

    Examples:
        >>> import germanclusters as gc
        >>> [r.year for r in gc.programme("Spitzencluster-Wettbewerb").rounds]
        [2008, 2010, 2012]
    """

    number: int = field(validator=lambda i, a, v: _positive(a, v))
    year: int | None = field(default=None, validator=_opt_year)
    announced: date | None = field(default=None, validator=_opt_date)
    note: str | None = field(default=None, validator=_opt_text)
    sources: tuple[str, ...] = field(converter=_strs, validator=_sources_check)

    @announced.validator
    def _check_announced(self, attribute: Attribute[date | None], value: date | None) -> None:
        if value is not None and self.year is not None and value.year != self.year:
            raise _fail(attribute, value, f"is not in the round's year ({self.year})")


def _positive(attribute: Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise _fail(attribute, value, "must be a positive int")


@frozen(kw_only=True)
class Funding:
    """Money put into a programme by one funder, as a source states it.

    Examples:
        >>> import germanclusters as gc
        >>> sorted(f.share_percent for f in gc.programme("lib-2015").funding)
        [15, 85]
    """

    funder: str = field(validator=_text)
    amount_eur: int | None = field(default=None, validator=_opt_non_negative)
    share_percent: int | None = field(default=None, validator=_opt_non_negative)
    note: str | None = field(default=None, validator=_opt_text)
    sources: tuple[str, ...] = field(converter=_strs, validator=_sources_check)

    @share_percent.validator
    def _check_share(self, attribute: Attribute[int | None], value: int | None) -> None:
        if value is not None and value > 100:
            raise _fail(attribute, value, "is more than 100 percent")


@frozen(kw_only=True)
class Programme:
    """A programme, competition, label scheme or portal of German cluster policy.

    Examples:
        >>> import germanclusters as gc
        >>> p = gc.programme("leading-edge-cluster-competition")
        >>> p.name_de, p.funder, p.launched
        ('Spitzencluster-Wettbewerb', 'BMBF', 2007)
    """

    id: str = field(validator=_slug)
    name: str = field(validator=_text)
    name_de: str | None = field(default=None, validator=_opt_text)
    aliases: tuple[str, ...] = field(default=(), converter=_strs, validator=_names_check)
    funder: str | None = field(default=None, validator=_opt_text)
    kind: str = field(validator=_text)
    launched: int | None = field(default=None, validator=_opt_year)
    ended: int | None = field(default=None, validator=_opt_year)
    summary: str | None = field(default=None, validator=_opt_text)
    url: str | None = field(default=None, validator=_opt_url)
    rounds: tuple[ProgrammeRound, ...] = field(default=(), converter=_rounds)
    funding: tuple[Funding, ...] = field(default=(), converter=_fundings)
    partners: tuple[str, ...] = field(default=(), converter=_strs, validator=_names_check)
    notes: tuple[str, ...] = field(default=(), converter=_strs, validator=_texts_check)
    sources: tuple[str, ...] = field(converter=_strs, validator=_sources_check)

    @ended.validator
    def _check_ended(self, attribute: Attribute[int | None], value: int | None) -> None:
        _ordered(attribute, "launched", self.launched, value)

    @rounds.validator
    def _check_rounds(
        self, attribute: Attribute[tuple[ProgrammeRound, ...]], value: tuple[ProgrammeRound, ...]
    ) -> None:
        _kinds(value, attribute, ProgrammeRound)
        _unique_by(attribute, value, "number")

    @funding.validator
    def _check_funding(
        self, attribute: Attribute[tuple[Funding, ...]], value: tuple[Funding, ...]
    ) -> None:
        _kinds(value, attribute, Funding)


@frozen(kw_only=True)
class Source:
    """A document the data cites: what it is, who published it, when it was true.

    ``document`` names the project's copy of the source (a file in the seeds the
    project was built from), where there is one.

    Examples:
        >>> import germanclusters as gc
        >>> src = {s.id: s for s in gc.sources()}["bmbf-internationalisation-2020"]
        >>> src.language, src.as_of.isoformat()
        ('en', '2020-04-16')
    """

    id: str = field(validator=_slug)
    title: str = field(validator=_text)
    publisher: str | None = field(default=None, validator=_opt_text)
    url: str | None = field(default=None, validator=_opt_url)
    language: str = field(
        validator=lambda i, a, v: _code(a, v, _LANG, "an ISO 639-1 code like 'en'")
    )
    as_of: date | None = field(default=None, validator=_opt_date)
    licence: str | None = field(default=None, validator=_opt_text)
    document: str | None = field(default=None, validator=_opt_text)
    note: str | None = field(default=None, validator=_opt_text)


@frozen(kw_only=True)
class DataFile:
    """One file of the shipped dataset with its size and SHA-256 checksum.

    Examples:
        >>> import germanclusters as gc
        >>> sorted(f.path for f in gc.manifest().files)
        ['clusters.json', 'programmes.json', 'sources.json']
    """

    path: str = field(validator=_text)
    sha256: str = field(validator=lambda i, a, v: _code(a, v, _SHA256, "64 lower-case hex digits"))
    bytes: int = field(validator=lambda i, a, v: _non_negative(a, v))


def _non_negative(attribute: Attribute[Any], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _fail(attribute, value, "must be a non-negative int")


@frozen(kw_only=True)
class Manifest:
    """What the shipped dataset is: its version, files with checksums, and sources.

    Examples:
        >>> import germanclusters as gc
        >>> gc.manifest().data_version == gc.data_version()
        True
        >>> gc.manifest().licence
        'CC-BY-4.0'
    """

    data_version: str = field(validator=lambda i, a, v: _calver(a, v))
    created: date = field(validator=lambda i, a, v: _date_check(a, v))
    licence: str = field(validator=_text)
    files: tuple[DataFile, ...] = field(converter=_files)
    sources: tuple[Source, ...] = field(default=(), converter=_source_list)

    @files.validator
    def _check_files(
        self, attribute: Attribute[tuple[DataFile, ...]], value: tuple[DataFile, ...]
    ) -> None:
        _kinds(value, attribute, DataFile)
        _unique_by(attribute, value, "path")

    @sources.validator
    def _check_sources(
        self, attribute: Attribute[tuple[Source, ...]], value: tuple[Source, ...]
    ) -> None:
        _kinds(value, attribute, Source)
        _unique_by(attribute, value, "id")


def _calver(attribute: Attribute[Any], value: object) -> None:
    _code(attribute, value, _CALVER, "a CalVer version 'YYYY.MM.DD'")
    try:
        date(*(int(part) for part in str(value).split(".")))
    except ValueError:
        raise _fail(attribute, value, "is not a calendar date") from None


def _date_check(attribute: Attribute[Any], value: object) -> None:
    if not isinstance(value, date):
        raise _fail(attribute, value, "must be a datetime.date")
