"""The domain model: frozen, slotted attrs classes, the enums they use, and their checks.

The model knows nothing of files, JSON, country lookup or HTML. Each class checks its
own fields when it is built and raises [`DataError`][germanclusters.DataError] naming the
field and value (the loader adds the file and record). The checks are a few named
factories (`text`, `matches`,
`integer`, ...) in the manner of ``attrs.validators``; each also
states its JSON Schema keywords, so [`germanclusters.json_schema`][germanclusters.json_schema]
walks the fields instead of keeping a second copy. Every field carries a description in its
metadata, from which the data dictionary is generated. All instances are immutable and hashable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from enum import Enum
from functools import total_ordering
from typing import Any, Final

import attrs
from attrs import NOTHING, frozen

from germanclusters import _views
from germanclusters._places import REGIONS, STATES
from germanclusters.errors import DataError, _shorten

#: Joins the items of a list in one cell of a flat table; items may not contain it.
LIST_SEPARATOR: Final = "; "

# --------------------------------------------------------------------- checks


@frozen
class Check:
    """A field check that can state its JSON Schema keywords.

    ``test(value)`` returns why the value is refused, or ``None``.
    """

    test: Callable[[Any], str | None]
    schema: Mapping[str, Any]

    def __call__(self, instance: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        self.check(attribute.name, value)

    def check(self, name: str, value: Any) -> None:
        reason = self.test(value)
        if reason is not None:
            raise DataError(field=name, value=value, reason=reason)


# Patterns are compiled on first use (re caches them), not when the model is imported.
_UNPRINTABLE: Final = "[\x00-\x1f\x7f-\x9f\ud800-\udfff]"
_TEXT_PATTERN: Final = r"^\S(.*\S)?$"


def _text_reason(value: object) -> str | None:
    if not isinstance(value, str):
        return f"must be text, not {type(value).__name__}"
    if not value.strip() or value != value.strip():
        return "must be non-empty text without surrounding spaces"
    found = re.search(_UNPRINTABLE, value)
    if found is not None:
        ch = found.group()
        if "\ud800" <= ch <= "\udfff":
            return "contains a lone surrogate (not valid Unicode text)"
        return f"contains the control character {ch!r}"
    return None


def text() -> Check:
    """Non-empty printable text without surrounding spaces."""
    return Check(_text_reason, {"type": "string", "minLength": 1, "pattern": _TEXT_PATTERN})


def matches(pattern: str, what: str) -> Check:
    """Text that matches ``pattern`` in full; ``what`` says what it should look like."""
    compiled: list[re.Pattern[str]] = []  # on first use, not when the model is imported

    def test(value: object) -> str | None:
        if not compiled:
            compiled.append(re.compile(pattern))
        if not isinstance(value, str) or not compiled[0].fullmatch(value):
            return f"must be {what}"
        return None

    return Check(test, {"type": "string", "pattern": f"^(?:{pattern})$"})


def integer(minimum: int | None = None, maximum: int | None = None) -> Check:
    """An int (not a bool) within the bounds."""

    def test(value: object) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return f"must be an integer, not {type(value).__name__}"
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            return f"must be between {minimum} and {maximum}"
        return None

    schema: dict[str, Any] = {"type": "integer"}
    if minimum is not None:
        schema["minimum"] = minimum
    if maximum is not None:
        schema["maximum"] = maximum
    return Check(test, schema)


def one_of(values: Iterable[str], what: str) -> Check:
    """One of a fixed set of strings (the codes of German states, the named regions)."""
    allowed = frozenset(values)
    return Check(
        lambda v: None if v in allowed else f"must be {what}", {"enum": sorted(allowed)}
    )


def instance_of(cls: type, schema: Mapping[str, Any]) -> Check:
    """An instance of ``cls``; ``schema`` is how it looks in JSON."""
    return Check(
        lambda v: None if isinstance(v, cls) else f"must be a {cls.__name__}", schema
    )


def optional(check: Check) -> Check:
    """``None`` or what ``check`` accepts."""
    return Check(
        lambda v: None if v is None else check.test(v),
        {"anyOf": [dict(check.schema), {"type": "null"}]},
    )


def each(check: Check, *, unique: bool = True) -> Check:
    """A tuple whose every item passes ``check``; with ``unique``, no item twice."""

    def test(value: object) -> str | None:
        if not isinstance(value, tuple):
            return f"must be a tuple, not {type(value).__name__}"
        for i, item in enumerate(value):
            reason = check.test(item)
            if reason is not None:
                return f"item {i} ({_shorten(item)}) {reason}"
            if unique and item in value[:i]:
                return f"lists {_shorten(item)} twice"
        return None

    return Check(test, {"type": "array", "items": dict(check.schema), "uniqueItems": unique})


def _record_ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


def records(name: str, *, unique_by: str | None = None) -> Check:
    """A tuple of model records of the class called ``name``, unique by one field."""

    def test(value: object) -> str | None:
        if not isinstance(value, tuple):
            return f"must be a tuple, not {type(value).__name__}"
        seen: set[Any] = set()
        for i, item in enumerate(value):
            if type(item).__name__ != name:
                return f"item {i} must be a {name}, not {type(item).__name__}"
            if unique_by is not None:
                key = getattr(item, unique_by)
                if key in seen:
                    return f"has two items with {unique_by} {_shorten(key)}"
                seen.add(key)
        return None

    return Check(test, {"type": "array", "items": _record_ref(name)})


def field(check: Check, doc: str, default: Any = NOTHING, *, tuple_: bool = False) -> Any:
    """An attrs field with ``check`` as validator and ``doc`` as its description."""
    return attrs.field(
        default=default,
        validator=check,
        converter=_to_tuple if tuple_ else None,
        metadata={"doc": doc},
    )


def _to_tuple(items: Any) -> Any:
    return tuple(items) if isinstance(items, (list, tuple)) else items


def _after(earlier: object, later: object, names: tuple[str, str]) -> None:
    if earlier is not None and later is not None and later < earlier:  # type: ignore[operator]
        raise DataError(field=names[1], value=later, reason=f"is before {names[0]} ({earlier})")


_SLUG: Final = r"[a-z0-9]+(?:-[a-z0-9]+)*"
SLUG = matches(_SLUG, "a lower-case slug like 'cool-silicon'")
TEXT = text()
OPT_TEXT = optional(TEXT)
OPT_URL = optional(matches(r"https?://\S+", "an http(s) URL"))
OPT_YEAR = optional(integer(1800, 2100))
OPT_COUNT = optional(integer(0))
STATE_CODES: Final = one_of(STATES, "an ISO 3166-2 code of a German state, e.g. 'DE-SN'")
SUBDIVISION = matches(r"[A-Z]{2}-[A-Z0-9]{1,3}", "an ISO 3166-2 code like 'CN-JS'")
_NO_SEPARATOR = Check(
    lambda v: _text_reason(v) or (f"must not contain {LIST_SEPARATOR!r}" if LIST_SEPARATOR in v
                                  else None),
    {"type": "string", "minLength": 1, "pattern": r"^\S(.*\S)?$", "not": {"pattern": "; "}},
)
NAMES = each(_NO_SEPARATOR)
NOTES = each(TEXT, unique=False)
SOURCES = each(matches(_SLUG, "a source id (a slug)"))
_NON_EMPTY_SOURCES = Check(
    lambda v: SOURCES.test(v) or (None if v else "must name at least one source"),
    {**SOURCES.schema, "minItems": 1},
)

# ----------------------------------------------------------------------- enums


class PhaseKind(str, Enum):
    """The two phases of an internationalisation project; each equals its value.

    Examples:
        >>> PhaseKind("implementation") is PhaseKind.IMPLEMENTATION
        True
        >>> PhaseKind.CONCEPT == "concept"
        True
    """

    CONCEPT = "concept"
    IMPLEMENTATION = "implementation"

    def __str__(self) -> str:
        return self.value

    @classmethod
    def parse(cls, value: PhaseKind | str) -> PhaseKind:
        """The member for ``value`` (a member or its value, any case)."""
        found: PhaseKind = _parse_enum(cls, value, "phase")
        return found


class LabelLevel(str, Enum):
    """ECEI label levels, ordered BRONZE < SILVER < GOLD; each equals its value.

    Examples:
        >>> LabelLevel.BRONZE < LabelLevel.GOLD
        True
        >>> max([LabelLevel.SILVER, LabelLevel.GOLD]) == "gold"
        True
    """

    BRONZE = "bronze"
    SILVER = "silver"
    GOLD = "gold"

    def __str__(self) -> str:
        return self.value

    def _rank(self, other: object) -> tuple[int, int]:
        if not isinstance(other, LabelLevel):
            raise TypeError(f"cannot order a LabelLevel and a {type(other).__name__}")
        order = list(LabelLevel)
        return order.index(self), order.index(other)

    # str would order by spelling; levels order by rank
    def __lt__(self, other: object) -> bool:
        a, b = self._rank(other)
        return a < b

    def __le__(self, other: object) -> bool:
        a, b = self._rank(other)
        return a <= b

    def __gt__(self, other: object) -> bool:
        a, b = self._rank(other)
        return a > b

    def __ge__(self, other: object) -> bool:
        a, b = self._rank(other)
        return a >= b

    @classmethod
    def parse(cls, value: LabelLevel | str) -> LabelLevel:
        """The member for ``value`` (a member or its value, any case)."""
        found: LabelLevel = _parse_enum(cls, value, "level")
        return found


class PartnerKind(str, Enum):
    """What kind of organisation a foreign partner is, as its source says.

    Examples:
        >>> PartnerKind("research institute") is PartnerKind.RESEARCH_INSTITUTE
        True
    """

    CLUSTER = "cluster"
    UNIVERSITY = "university"
    RESEARCH_INSTITUTE = "research institute"
    COMPANY = "company"
    PUBLIC_BODY = "public body"

    def __str__(self) -> str:
        return self.value


def _parse_enum(cls: type[Any], value: object, argument: str) -> Any:
    if isinstance(value, cls):
        return value
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a {cls.__name__} or str, not {type(value).__name__}")
    try:
        return cls(value.strip().casefold())
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in cls)
        raise ValueError(f"{argument} must be one of {allowed}; got {_shorten(value)}") from None


def _enum(cls: type[Enum]) -> Check:
    return instance_of(cls, {"enum": [m.value for m in cls]})


# ----------------------------------------------------------------------- dates

_PARTIAL: Final = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@total_ordering
@frozen(eq=False, order=False)
class PartialDate:
    """A date known to the year, the month or the day, as its source gives it.

    It prints as ISO 8601 at its precision and sorts by its first possible day (a
    year before its months, a month before its days). Comparisons that need
    certainty ask
    [`certainly_on_or_before`][germanclusters.model.PartialDate.certainly_on_or_before] and
    [`certainly_on_or_after`][germanclusters.model.PartialDate.certainly_on_or_after]. A full date
    equals the `datetime.date` of that day; a year equals the int.

    Examples:
        >>> d = PartialDate.parse("2023-03")
        >>> str(d), d.year, d.precision
        ('2023-03', 2023, 'month')
        >>> d.certainly_on_or_before(date(2023, 3, 31)), d.certainly_on_or_before(date(2023, 3, 1))
        (True, False)
        >>> PartialDate.parse("2023-03-15") == date(2023, 3, 15)
        True
        >>> sorted(PartialDate.parse(t) for t in ("2023-03-15", "2023", "2023-03"))
        [PartialDate('2023'), PartialDate('2023-03'), PartialDate('2023-03-15')]
    """

    year: int = attrs.field(validator=integer(1000, 2999).__call__)
    month: int | None = attrs.field(default=None, validator=optional(integer(1, 12)).__call__)
    day: int | None = attrs.field(default=None)

    @day.validator
    def _check_day(self, attribute: attrs.Attribute[Any], value: int | None) -> None:
        if value is None:
            return
        if self.month is None:
            raise DataError(field="day", value=value, reason="is given without a month")
        try:
            date(self.year, self.month, value)
        except (TypeError, ValueError):
            raise DataError(field="day", value=value, reason="is not a day of that month") from None

    @classmethod
    def parse(cls, value: str | date | PartialDate) -> PartialDate:
        """Read ``"2023"``, ``"2023-03"`` or ``"2023-03-15"`` (or a ``date``)."""
        if isinstance(value, PartialDate):
            return value
        if isinstance(value, datetime):
            raise TypeError("a datetime is not a date; pass its .date()")
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        if not isinstance(value, str):
            raise TypeError(f"expected an ISO 8601 date text, not {type(value).__name__}")
        found = _PARTIAL.fullmatch(value)
        if found is None:
            raise DataError(value=value, field="date",
                            reason="must be an ISO 8601 date 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'")
        year, month, day = (None if g is None else int(g) for g in found.groups())
        return cls(year, month, day)  # type: ignore[arg-type]

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        return "year" if self.month is None else "month" if self.day is None else "day"

    def earliest(self) -> date:
        """The first day this date can be."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """The last day this date can be."""
        if self.day is not None:
            return self.earliest()
        if self.month is None or self.month == 12:
            return date(self.year, 12, 31)
        return date(self.year, self.month + 1, 1) - timedelta(days=1)

    def certainly_on_or_before(self, day: date) -> bool:
        """True when every day this date can be is on or before ``day``."""
        return self.latest() <= _day(day)

    def certainly_on_or_after(self, day: date) -> bool:
        """True when every day this date can be is on or after ``day``."""
        return self.earliest() >= _day(day)

    def isoformat(self) -> str:
        """ISO 8601 at this date's precision."""
        parts = [f"{self.year:04d}", self.month, self.day]
        return "-".join(p if isinstance(p, str) else f"{p:02d}" for p in parts if p is not None)

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self.month or 0, self.day or 0)

    def _coerce(self, other: object) -> PartialDate | None:
        if isinstance(other, PartialDate):
            return other
        if isinstance(other, date) and not isinstance(other, datetime):
            return PartialDate(other.year, other.month, other.day)
        if isinstance(other, int) and not isinstance(other, bool):
            return PartialDate(other)
        return None

    def __eq__(self, other: object) -> bool:
        found = self._coerce(other)
        return NotImplemented if found is None else self._key() == found._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __lt__(self, other: object) -> bool:
        found = self._coerce(other)
        return NotImplemented if found is None else self._key() < found._key()

    def __str__(self) -> str:
        return self.isoformat()

    def __repr__(self) -> str:
        return f"PartialDate({self.isoformat()!r})"


def _day(day: object) -> date:
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError(f"day must be a datetime.date, not {type(day).__name__}")
    return day


_DATE_SCHEMA: Final = {"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}
OPT_DATE = optional(instance_of(PartialDate, _DATE_SCHEMA))

# -------------------------------------------------------------------- classes


@frozen(kw_only=True, eq=False)
class Country:
    """An ISO 3166-1 country, with English and German names and its UN M49 region.

    Build one with [`germanclusters.normalize_country`][germanclusters.normalize_country]; the data
    stores only the alpha-2 code. A country equals (and hashes as) its alpha-2 code, so ``"JP"``
    finds it in any result keyed by countries.

    Examples:
        >>> import germanclusters as gc
        >>> fi = gc.normalize_country("Finnland")
        >>> (fi.alpha_2, fi.alpha_3, fi.numeric, fi.name, fi.name_de)
        ('FI', 'FIN', '246', 'Finland', 'Finnland')
        >>> fi == "FI"
        True
    """

    alpha_2: str = field(matches("[A-Z]{2}", "two capital letters"), "ISO 3166-1 alpha-2 code")
    alpha_3: str = field(matches("[A-Z]{3}", "three capital letters"), "ISO 3166-1 alpha-3 code")
    numeric: str = field(matches("[0-9]{3}", "three digits"), "ISO 3166-1 numeric code")
    name: str = field(TEXT, "English name (ISO 3166-1)")
    name_de: str = field(TEXT, "German name (ISO 3166-1, German translation)")
    region: str | None = field(OPT_TEXT, "UN M49 region, e.g. 'Asia'", None)
    subregion: str | None = field(OPT_TEXT, "UN M49 sub-region, e.g. 'Eastern Asia'", None)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Country):
            return self.alpha_2 == other.alpha_2
        if isinstance(other, str):
            return self.alpha_2 == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.alpha_2)

    def __lt__(self, other: Country) -> bool:
        return self.alpha_2 < other.alpha_2

    def __str__(self) -> str:
        return self.alpha_2

    def __repr__(self) -> str:
        return f"Country(alpha_2={self.alpha_2!r}, name={self.name!r})"


_COUNTRY_CODE: Final = {"type": "string", "pattern": "^[A-Z]{2}$"}
COUNTRY = instance_of(Country, _COUNTRY_CODE)


@frozen(kw_only=True)
class Phase:
    """One phase (concept or implementation) of an internationalisation project.

    Examples:
        >>> import germanclusters as gc
        >>> part = gc.cluster("Software-Cluster").participation(
        ...     "internationalisation-of-leading-edge-clusters")
        >>> phase = part.phase("concept")
        >>> phase.source_text, [c.alpha_2 for c in phase.countries]
        ('Brasil, Sinapore, USA', ['BR', 'SG', 'US'])
    """

    kind: PhaseKind = field(_enum(PhaseKind), "phase: 'concept' or 'implementation'")
    countries: tuple[Country, ...] = field(
        each(COUNTRY), "target countries (ISO 3166-1 alpha-2)", (), tuple_=True
    )
    regions: tuple[str, ...] = field(
        each(one_of(REGIONS, "one of germanclusters.REGIONS")),
        "named target regions that are not countries, e.g. 'Asia-Pacific'", (), tuple_=True,
    )
    subdivisions: tuple[str, ...] = field(
        each(SUBDIVISION), "sub-national target places (ISO 3166-2), e.g. 'US-OH'", (),
        tuple_=True,
    )
    start: PartialDate | None = field(OPT_DATE, "start of the phase", None)
    end: PartialDate | None = field(OPT_DATE, "end of the phase", None)
    source_text: str | None = field(OPT_TEXT, "the source's list of targets as printed", None)
    note: str | None = field(OPT_TEXT, "how the source was read, where that was not obvious", None)

    def __attrs_post_init__(self) -> None:
        _after(self.start, self.end, ("start", "end"))


@frozen(kw_only=True)
class Partner:
    """A foreign partner organisation of an internationalisation project.

    Examples:
        >>> import germanclusters as gc
        >>> [p.name for p in gc.cluster("it's OWL").partners()]
        ['DIMECC']
    """

    name: str = field(TEXT, "name of the partner organisation")
    country: Country = field(COUNTRY, "country of the partner (ISO 3166-1 alpha-2)")
    subdivision: str | None = field(optional(SUBDIVISION), "its region (ISO 3166-2)", None)
    city: str | None = field(OPT_TEXT, "its city", None)
    kind: PartnerKind | None = field(
        optional(_enum(PartnerKind)),
        "cluster, university, research institute, company or public body", None,
    )
    note: str | None = field(OPT_TEXT, "what the source says of the partnership", None)
    sources: tuple[str, ...] = field(_NON_EMPTY_SOURCES, "ids of the sources", tuple_=True)

    def __attrs_post_init__(self) -> None:
        if self.subdivision is not None and self.subdivision[:2] != self.country.alpha_2:
            raise DataError(field="subdivision", value=self.subdivision,
                            reason=f"is not in the partner's country {self.country.alpha_2}")


@frozen(kw_only=True)
class Funding:
    """Money for a programme or project from one funder, as a source states it.

    Examples:
        >>> import germanclusters as gc
        >>> sorted(f.share_percent for f in gc.programme("lib-2015").funding)
        [15, 85]
    """

    funder: str = field(TEXT, "who funds")
    amount_eur: int | None = field(OPT_COUNT, "amount in euros (a ceiling where the note says)",
                                   None)
    share_percent: int | None = field(optional(integer(0, 100)), "share of the total, percent",
                                      None)
    note: str | None = field(OPT_TEXT, "what the amount covers", None)
    sources: tuple[str, ...] = field(_NON_EMPTY_SOURCES, "ids of the sources", tuple_=True)


@frozen(kw_only=True)
class TargetChanges:
    """How the target countries changed from the concept to the implementation phase.

    Examples:
        >>> import germanclusters as gc
        >>> [k.alpha_2 for k in gc.cluster("arena2036").target_changes().dropped]
        ['CA']
    """

    kept: tuple[Country, ...]
    dropped: tuple[Country, ...]
    added: tuple[Country, ...]


def _changes(phases: Iterable[Phase]) -> TargetChanges:
    before = {c for p in phases if p.kind is PhaseKind.CONCEPT for c in p.countries}
    after = {c for p in phases if p.kind is PhaseKind.IMPLEMENTATION for c in p.countries}
    return TargetChanges(kept=tuple(sorted(before & after)), dropped=tuple(sorted(before - after)),
                         added=tuple(sorted(after - before)))


@frozen(kw_only=True)
class Participation:
    """A cluster's part in a programme: round, year, project, phases and partners.

    Examples:
        >>> import germanclusters as gc
        >>> lec = gc.cluster("Cool Silicon").participation("leading-edge-cluster-competition")
        >>> lec.round, lec.year
        (1, 2008)
    """

    programme: str = field(SLUG, "id of the programme (programmes.id)")
    round: int | None = field(optional(integer(1)), "round of the programme", None)
    year: int | None = field(OPT_YEAR, "year the programme selected it", None)
    project: str | None = field(OPT_TEXT, "name of the funded project", None)
    start: PartialDate | None = field(OPT_DATE, "start of membership or funding", None)
    end: PartialDate | None = field(OPT_DATE, "end of membership or funding", None)
    phases: tuple[Phase, ...] = field(records("Phase", unique_by="kind"), "project phases", (),
                                      tuple_=True)
    partners: tuple[Partner, ...] = field(records("Partner"), "foreign partners", (), tuple_=True)
    funding: tuple[Funding, ...] = field(records("Funding"), "funding a source states", (),
                                         tuple_=True)
    note: str | None = field(OPT_TEXT, "what the sources say beyond the fields", None)
    sources: tuple[str, ...] = field(_NON_EMPTY_SOURCES, "ids of the sources", tuple_=True)

    def __attrs_post_init__(self) -> None:
        _after(self.start, self.end, ("start", "end"))

    def phase(self, kind: PhaseKind | str) -> Phase | None:
        """The phase of this kind, or ``None`` where the sources give none."""
        wanted = PhaseKind.parse(kind)
        return next((p for p in self.phases if p.kind is wanted), None)

    def target_changes(self) -> TargetChanges:
        """Countries kept, dropped and added from the concept to the implementation phase."""
        return _changes(self.phases)


@frozen(kw_only=True)
class Label:
    """A cluster management excellence label (ECEI Bronze, Silver or Gold).

    Examples:
        >>> import germanclusters as gc
        >>> [lab.level.value for lab in gc.cluster("Green Industry Cluster").labels]
        ['bronze']
    """

    scheme: str = field(TEXT, "label scheme", "ECEI")
    level: LabelLevel = field(_enum(LabelLevel), "bronze, silver or gold")
    awarded: PartialDate | None = field(OPT_DATE, "when it was awarded", None)
    valid_until: PartialDate | None = field(OPT_DATE, "when it expires", None)
    awarded_by: str | None = field(OPT_TEXT, "who awarded it", None)
    note: str | None = field(OPT_TEXT, "first award or renewal, and what else the source says",
                             None)
    sources: tuple[str, ...] = field(_NON_EMPTY_SOURCES, "ids of the sources", tuple_=True)

    def __attrs_post_init__(self) -> None:
        _after(self.awarded, self.valid_until, ("awarded", "valid_until"))

    @property
    def since(self) -> int | None:
        """The award year, or ``None``."""
        return None if self.awarded is None else self.awarded.year

    def proven_span(self) -> tuple[date, date] | None:
        """The days on which the sources prove the label held, or ``None``.

        From the last day the award can be to the first day the expiry can be; where
        either is unknown the sources prove no day, and nothing is assumed.

        Examples:
            >>> lab = Label(level=LabelLevel.SILVER, awarded=PartialDate(2021),
            ...             valid_until=PartialDate(2023, 5, 31), sources=("src",))
            >>> lab.proven_span()
            (datetime.date(2021, 12, 31), datetime.date(2023, 5, 31))
        """
        if self.awarded is None or self.valid_until is None:
            return None
        start, end = self.awarded.latest(), self.valid_until.earliest()
        return (start, end) if start <= end else None

    def valid_on(self, day: date) -> bool:
        """True when the sources prove the label held on ``day``
        ([`proven_span`][germanclusters.model.Label.proven_span])."""
        day = _day(day)
        span = self.proven_span()
        return span is not None and span[0] <= day <= span[1]


@frozen(kw_only=True)
class Contact:
    """A business contact as a source published it, with the date it was true.

    Examples:
        >>> import germanclusters as gc
        >>> contact = gc.cluster("cool-silicon").contacts[0]
        >>> contact.phone, str(contact.as_of)
        ('+493518925800', '2020-04-16')
    """

    name: str | None = field(OPT_TEXT, "name", None)
    title: str | None = field(OPT_TEXT, "academic title", None)
    role: str | None = field(OPT_TEXT, "role", None)
    organisation: str | None = field(OPT_TEXT, "organisation", None)
    street: str | None = field(OPT_TEXT, "street address", None)
    postcode: str | None = field(optional(matches("[0-9]{5}", "a five-digit German postcode")),
                                 "postcode", None)
    city: str | None = field(OPT_TEXT, "city", None)
    phone: str | None = field(optional(matches(r"\+[1-9][0-9]{6,14}", "an E.164 number")),
                              "phone (E.164)", None)
    fax: str | None = field(optional(matches(r"\+[1-9][0-9]{6,14}", "an E.164 number")),
                            "fax (E.164)", None)
    mobile: str | None = field(optional(matches(r"\+[1-9][0-9]{6,14}", "an E.164 number")),
                               "mobile (E.164)", None)
    email: str | None = field(optional(matches(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}", "an e-mail")),
                              "e-mail", None)
    as_of: PartialDate | None = field(OPT_DATE, "date the source was true", None)
    note: str | None = field(OPT_TEXT, "note", None)
    sources: tuple[str, ...] = field(_NON_EMPTY_SOURCES, "ids of the sources", tuple_=True)


@frozen(kw_only=True)
class Cluster:
    """A German innovation cluster or network.

    Examples:
        >>> import germanclusters as gc
        >>> c = gc.cluster("Cool Silicon")
        >>> c.id, c.state, c.city
        ('cool-silicon', 'DE-SN', 'Dresden')
        >>> [k.alpha_2 for k in c.target_countries("concept")]
        ['BE', 'CZ']
    """

    id: str = field(SLUG, "stable id (a slug)")
    name: str = field(TEXT, "usual name")
    short_name: str | None = field(optional(_NO_SEPARATOR), "short name", None)
    name_de: str | None = field(optional(_NO_SEPARATOR), "German name", None)
    aliases: tuple[str, ...] = field(NAMES, "other and former names", (), tuple_=True)
    organisation: str | None = field(OPT_TEXT, "the organisation that runs it", None)
    state: str | None = field(optional(STATE_CODES), "German state of its seat (ISO 3166-2)",
                              None)
    states: tuple[str, ...] = field(each(STATE_CODES), "every state it spans (ISO 3166-2)", (),
                                    tuple_=True)
    city: str | None = field(OPT_TEXT, "city of its seat", None)
    founded: PartialDate | None = field(OPT_DATE, "when it was founded", None)
    members: int | None = field(OPT_COUNT, "number of members", None)
    members_as_of: PartialDate | None = field(OPT_DATE, "date of the member count", None)
    website: str | None = field(OPT_URL, "website", None)
    topic: str | None = field(OPT_TEXT, "field of activity", None)
    summary: str | None = field(OPT_TEXT, "summary in our own words", None)
    participations: tuple[Participation, ...] = field(
        records("Participation", unique_by="programme"), "programmes it takes part in", (),
        tuple_=True,
    )
    labels: tuple[Label, ...] = field(records("Label"), "ECEI labels, one per award", (),
                                      tuple_=True)
    contacts: tuple[Contact, ...] = field(records("Contact"), "business contacts", (),
                                          tuple_=True)
    notes: tuple[str, ...] = field(NOTES, "what the sources say beyond the fields", (),
                                   tuple_=True)
    sources: tuple[str, ...] = field(_NON_EMPTY_SOURCES, "ids of the sources", tuple_=True)

    def __attrs_post_init__(self) -> None:
        if self.state is not None and self.states and self.state not in self.states:
            raise DataError(field="states", value=self.states,
                            reason=f"does not include the seat state {self.state!r}")
        if self.members_as_of is not None and self.members is None:
            raise DataError(field="members_as_of", value=self.members_as_of,
                            reason="is set but 'members' is not")

    _repr_html_ = _views.html

    def phases(self, phase: PhaseKind | str | None = None) -> tuple[Phase, ...]:
        """Every phase of every participation, or those of one kind."""
        kind = None if phase is None else PhaseKind.parse(phase)
        return tuple(p for part in self.participations for p in part.phases
                     if kind is None or p.kind is kind)

    def target_countries(self, phase: PhaseKind | str | None = None) -> tuple[Country, ...]:
        """Countries targeted in any phase, or in one; de-duplicated, sorted by alpha-2."""
        return tuple(sorted({c for p in self.phases(phase) for c in p.countries}))

    def target_regions(self, phase: PhaseKind | str | None = None) -> tuple[str, ...]:
        """Named regions (not countries) targeted in any phase or in one, sorted."""
        return tuple(sorted({r for p in self.phases(phase) for r in p.regions}))

    def target_subdivisions(self, phase: PhaseKind | str | None = None) -> tuple[str, ...]:
        """Sub-national places (ISO 3166-2) targeted in any phase or in one, sorted."""
        return tuple(sorted({s for p in self.phases(phase) for s in p.subdivisions}))

    def partners(self) -> tuple[Partner, ...]:
        """The foreign partners of every participation."""
        return tuple(p for part in self.participations for p in part.partners)

    def target_changes(self) -> TargetChanges:
        """Countries kept, dropped and added from the concept to the implementation phase."""
        return _changes(self.phases())

    def participation(self, programme: str) -> Participation | None:
        """This cluster's participation in the programme with that id, or ``None``."""
        return next((p for p in self.participations if p.programme == programme), None)


@frozen(kw_only=True)
class ProgrammeRound:
    """One round of a programme or competition.

    Examples:
        >>> import germanclusters as gc
        >>> [r.year for r in gc.programme("Spitzencluster-Wettbewerb").rounds]
        [2008, 2010, 2012]
    """

    number: int = field(integer(1), "round number")
    year: int | None = field(OPT_YEAR, "year of the round (see the note)", None)
    announced: PartialDate | None = field(OPT_DATE, "when its winners were announced", None)
    note: str | None = field(OPT_TEXT, "note", None)
    sources: tuple[str, ...] = field(_NON_EMPTY_SOURCES, "ids of the sources", tuple_=True)


@frozen(kw_only=True)
class MemberCount:
    """How many members a programme had on a date, as a source states it.

    Examples:
        >>> import germanclusters as gc
        >>> min(n.count for n in gc.programme("go-cluster").counts) > 50
        True
    """

    count: int = field(integer(0), "number of members")
    as_of: PartialDate | None = field(OPT_DATE, "date of the count", None)
    note: str | None = field(OPT_TEXT, "note", None)
    sources: tuple[str, ...] = field(_NON_EMPTY_SOURCES, "ids of the sources", tuple_=True)


@frozen(kw_only=True)
class Programme:
    """A programme, competition, label scheme or portal of German cluster policy.

    Examples:
        >>> import germanclusters as gc
        >>> p = gc.programme("leading-edge-cluster-competition")
        >>> p.name_de, p.funder, p.launched.year
        ('Spitzencluster-Wettbewerb', 'BMBF', 2007)
    """

    id: str = field(SLUG, "stable id (a slug)")
    name: str = field(TEXT, "English name")
    name_de: str | None = field(optional(_NO_SEPARATOR), "German name", None)
    aliases: tuple[str, ...] = field(NAMES, "other names", (), tuple_=True)
    funder: str | None = field(OPT_TEXT, "who funds or runs it", None)
    kind: str = field(TEXT, "competition, funding measure, programme, label scheme, ...")
    launched: PartialDate | None = field(OPT_DATE, "when it started", None)
    ended: PartialDate | None = field(OPT_DATE, "when it ended", None)
    summary: str | None = field(OPT_TEXT, "summary in our own words", None)
    url: str | None = field(OPT_URL, "website", None)
    rounds: tuple[ProgrammeRound, ...] = field(records("ProgrammeRound", unique_by="number"),
                                               "rounds", (), tuple_=True)
    funding: tuple[Funding, ...] = field(records("Funding"), "funding", (), tuple_=True)
    counts: tuple[MemberCount, ...] = field(records("MemberCount"), "member counts over time",
                                            (), tuple_=True)
    partners: tuple[str, ...] = field(NAMES, "partner organisations", (), tuple_=True)
    notes: tuple[str, ...] = field(NOTES, "notes", (), tuple_=True)
    sources: tuple[str, ...] = field(_NON_EMPTY_SOURCES, "ids of the sources", tuple_=True)

    def __attrs_post_init__(self) -> None:
        _after(self.launched, self.ended, ("launched", "ended"))


@frozen(kw_only=True)
class Source:
    """A document the data cites: what it is, who published it, when it was true.

    Examples:
        >>> import germanclusters as gc
        >>> src = {s.id: s for s in gc.sources()}["bmbf-internationalisation-2020"]
        >>> src.language, str(src.as_of)
        ('en', '2020-04-16')
    """

    id: str = field(SLUG, "stable id (a slug)")
    title: str = field(TEXT, "title")
    publisher: str | None = field(OPT_TEXT, "publisher", None)
    url: str | None = field(OPT_URL, "public URL", None)
    language: str = field(matches("[a-z]{2}", "an ISO 639-1 code like 'en'"), "language")
    as_of: PartialDate | None = field(OPT_DATE, "date the page shows", None)
    licence: str | None = field(OPT_TEXT, "licence of the page", None)
    note: str | None = field(OPT_TEXT, "what the data takes from it, in our words", None)


@frozen(kw_only=True)
class DataFile:
    """One file of the shipped dataset with its size and SHA-256 checksum.

    Examples:
        >>> import germanclusters as gc
        >>> all(len(f.sha256) == 64 for f in gc.manifest().files)
        True
    """

    path: str = field(TEXT, "file name")
    sha256: str = field(matches("[0-9a-f]{64}", "64 lower-case hex digits"), "SHA-256")
    bytes: int = field(integer(0), "size in bytes")


#: A data version: the day it was built, and ``.N`` for a later release on the same day.
CALVER: Final = r"[0-9]{4}\.[0-9]{2}\.[0-9]{2}(?:\.[1-9][0-9]*)?"


@frozen(kw_only=True)
class Manifest:
    """What the shipped dataset is: its version, files with checksums, and sources.

    Examples:
        >>> import germanclusters as gc
        >>> gc.manifest().data_version == gc.data_version()
        True
        >>> sorted(f.path for f in gc.manifest().files)
        ['clusters.json', 'index.json', 'programmes.json', 'sources.json']
    """

    data_version: str = field(matches(CALVER, "CalVer 'YYYY.MM.DD' (or 'YYYY.MM.DD.N')"),
                              "dataset version")
    created: date = field(instance_of(date, {"type": "string", "format": "date"}),
                          "when the files were built")
    licence: str = field(TEXT, "licence of the data")
    files: tuple[DataFile, ...] = field(records("DataFile", unique_by="path"), "files",
                                        tuple_=True)
    sources: tuple[Source, ...] = field(records("Source", unique_by="id"), "sources", (),
                                        tuple_=True)

    def __attrs_post_init__(self) -> None:
        try:
            version_date(self.data_version)
        except ValueError:
            raise DataError(field="data_version", value=self.data_version,
                            reason="is not a calendar date") from None


def version_date(version: str) -> date:
    """The day of a data version: ``"2026.12.02"`` and ``"2026.12.02.1"`` are 2 Dec 2026."""
    return date(*map(int, version.split(".")[:3]))


#: The record classes in the order their JSON Schema definitions are listed.
RECORD_CLASSES: Final = (
    Cluster, Participation, Phase, Partner, Funding, Label, Contact, Programme,
    ProgrammeRound, MemberCount, Source, DataFile, Manifest,
)
