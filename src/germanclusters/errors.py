"""The exceptions germanclusters raises on purpose.

Every exception the library raises deliberately derives from
[`GermanClustersError`][germanclusters.GermanClustersError]; lookup failures are also `LookupError`
and invalid data is also `ValueError`, so callers can catch them the way they
catch the standard library's errors.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "ClusterNotFound",
    "DataError",
    "ExportPathError",
    "GermanClustersError",
    "MissingExtra",
    "ProgrammeNotFound",
    "UnknownCountry",
    "UnknownState",
]


def _did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return "; did you mean " + ", ".join(repr(s) for s in suggestions) + "?"


def _shorten(value: object, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 5] + "...'"


class GermanClustersError(Exception):
    """Base class of every exception germanclusters raises on purpose.

    Examples:
        >>> import germanclusters as gc
        >>> try:
        ...     gc.cluster("Atlantis Valley")
        ... except gc.GermanClustersError as exc:
        ...     print(type(exc).__name__)
        ClusterNotFound
    """


class _NotFound(GermanClustersError, LookupError):
    """A name or id that matches no record; keeps the query and close matches."""

    what = "record"

    def __init__(self, query: object, suggestions: Sequence[str] = ()) -> None:
        self.query = query
        self.suggestions: tuple[str, ...] = tuple(suggestions)
        super().__init__(
            f"no {self.what} matches {_shorten(query)}{_did_you_mean(self.suggestions)}"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.query, self.suggestions))


class ClusterNotFound(_NotFound):
    """No cluster has this id, name, short name or alias.

    ``.query`` is the input, ``.suggestions`` up to three close matches.

    Examples:
        >>> import germanclusters as gc
        >>> try:
        ...     gc.cluster("Cool Silikon")
        ... except gc.ClusterNotFound as exc:
        ...     print(exc.suggestions[0])
        cool-silicon
    """

    what = "cluster"


class ProgrammeNotFound(_NotFound):
    """No programme has this id or English or German name.

    Examples:
        >>> import germanclusters as gc
        >>> try:
        ...     gc.programme("Moonshot")
        ... except LookupError as exc:
        ...     print(exc)
        no programme matches 'Moonshot'
    """

    what = "programme"


class UnknownCountry(_NotFound):
    """The text names no ISO 3166-1 country (regions such as "Asia-Pacific" land here).

    Examples:
        >>> import germanclusters as gc
        >>> try:
        ...     gc.normalize_country("Asia-Pacific")
        ... except gc.UnknownCountry as exc:
        ...     print(exc.query)
        Asia-Pacific
    """

    what = "country"

    def __init__(
        self, query: object, suggestions: Sequence[str] = (), reason: str | None = None
    ) -> None:
        super().__init__(query, suggestions)
        self.reason = reason
        if reason:
            self.args = (f"{self.args[0]} ({reason})",)

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.query, self.suggestions, self.reason))


class UnknownState(_NotFound):
    """The text names no German state (ISO 3166-2:DE) or ISO 3166-2 subdivision.

    Examples:
        >>> import germanclusters as gc
        >>> try:
        ...     gc.normalize_state("Narnia")
        ... except gc.UnknownState as exc:
        ...     print(exc.query)
        Narnia
    """

    what = "German state or subdivision"


class DataError(GermanClustersError, ValueError):
    """Shipped or user-given data is invalid.

    The attributes say where: ``file`` (e.g. ``"data/clusters.json"``), ``record``
    (the record's id), ``field`` (a dotted path inside the record), ``value`` (the
    offending value) and ``reason``.

    Examples:
        >>> err = DataError(reason="not a country", field="countries[0]", value="XZ",
        ...                 record="cool-silicon", file="data/clusters.json")
        >>> print(err)
        data/clusters.json: record 'cool-silicon': field 'countries[0]' = 'XZ': not a country
    """

    def __init__(
        self,
        *,
        reason: str,
        field: str | None = None,
        value: object = None,
        record: str | None = None,
        file: str | None = None,
    ) -> None:
        self.reason = reason
        self.field = field
        self.value = value
        self.record = record
        self.file = file
        super().__init__(self._message())

    def _message(self) -> str:
        where = []
        if self.file:
            where.append(self.file)
        if self.record:
            where.append(f"record {self.record!r}")
        prefix = ": ".join(where)
        if self.field is not None and self.value is None:
            body = f"field {self.field!r}: {self.reason}"
        elif self.field is not None:
            body = f"field {self.field!r} = {_shorten(self.value)}: {self.reason}"
        else:
            body = self.reason
        return f"{prefix}: {body}" if prefix else body

    def located(
        self, *, file: str | None = None, record: str | None = None, field_prefix: str | None = None
    ) -> DataError:
        """Return a copy that also names the file, record or enclosing field."""
        field = self.field
        if field_prefix:
            field = field_prefix if field is None else f"{field_prefix}.{field}"
        return DataError(
            reason=self.reason,
            field=field,
            value=self.value,
            record=self.record or record,
            file=self.file or file,
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild_data_error, (self.reason, self.field, self.value, self.record, self.file))


def _rebuild_data_error(
    reason: str, field: str | None, value: object, record: str | None, file: str | None
) -> DataError:
    return DataError(reason=reason, field=field, value=value, record=record, file=file)


class ExportPathError(GermanClustersError, OSError):
    """An export cannot write to the directory it was given.

    The attributes say why: ``path`` (the directory as given), ``argument`` (the name
    the caller gave it: ``"directory"`` for `export`, ``"DIR"`` on the command line)
    and ``problem`` (what is wrong with the path, in words). Where the operating
    system refused, its error is the ``__cause__``, and its ``errno`` and ``strerror``
    are kept. It is an `OSError`, as the failure to write used to be.

    Examples:
        >>> err = ExportPathError("/dev/null", "exists and is not a directory")
        >>> print(err)
        directory '/dev/null' exists and is not a directory
        >>> print(err.for_argument("DIR"))
        DIR '/dev/null' exists and is not a directory
    """

    def __init__(
        self,
        path: str,
        problem: str,
        argument: str = "directory",
        errno: int | None = None,
        strerror: str | None = None,
    ) -> None:
        super().__init__(f"{argument} {path!r} {problem}")
        self.path = path
        self.problem = problem
        self.argument = argument
        self.errno = errno
        self.strerror = strerror

    def __str__(self) -> str:
        return str(self.args[0])

    def for_argument(self, argument: str) -> ExportPathError:
        """Return the same error, naming the path as ``argument`` (e.g. ``"DIR"``)."""
        return ExportPathError(self.path, self.problem, argument, self.errno, self.strerror)

    def __reduce__(self) -> tuple[object, ...]:
        return (
            type(self),
            (self.path, self.problem, self.argument, self.errno, self.strerror),
        )


class MissingExtra(GermanClustersError, ImportError):
    """An optional dependency is not installed; the message names the pip extra.

    Examples:
        >>> err = MissingExtra("pyarrow", "parquet")
        >>> str(err).split("; ")[0], err.extra
        ('pyarrow is not installed', 'parquet')
        >>> "pip install '.[parquet]'" in str(err)
        True
    """

    def __init__(self, package: str, extra: str) -> None:
        self.package = package
        self.extra = extra
        super().__init__(
            f"{package} is not installed; install the {extra!r} extra "
            f"(in a clone of germanclusters: pip install '.[{extra}]')"
        )

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.package, self.extra))
