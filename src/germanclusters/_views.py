"""One view of a record, for ``_repr_html_`` in Jupyter and ``germanclusters show``.

It walks the attrs fields of any model record (it imports no model class), so the
HTML and the text of a cluster always show the same facts: every field that is set,
nested records indented under their field, lists joined with commas.
"""

from __future__ import annotations

import html as _html
from collections.abc import Iterator
from typing import Any

import attrs


def lines(obj: Any, depth: int = 0) -> Iterator[tuple[int, str, str]]:
    """(depth, field name, text) for every field of ``obj`` that is set."""
    for f in attrs.fields(type(obj)):
        value = getattr(obj, f.name)
        if value is None or value == ():
            continue
        if isinstance(value, tuple) and attrs.has(type(value[0])) and not _is_code(value[0]):
            for i, item in enumerate(value, 1):
                yield depth, f"{f.name} {i}" if len(value) > 1 else f.name, ""
                yield from lines(item, depth + 1)
        elif isinstance(value, tuple):
            yield depth, f.name, ", ".join(str(v) for v in value)
        else:
            yield depth, f.name, str(value)


def _is_code(value: object) -> bool:
    return type(value).__name__ == "Country"


def text(obj: Any) -> str:
    """The record as indented plain text, one field a line."""
    return "\n".join(f"{'  ' * d}{name}: {value}".rstrip() for d, name, value in lines(obj))


def html(obj: Any) -> str:
    """The record as an HTML table (every text escaped)."""
    rows = "".join(
        f"<tr><th style='text-align:left;padding-left:{1 + 1.5 * d}em'>{_html.escape(name)}</th>"
        f"<td style='text-align:left'>{_html.escape(value)}</td></tr>"
        for d, name, value in lines(obj)
    )
    title = _html.escape(f"{type(obj).__name__} {getattr(obj, 'id', '')}".strip())
    return f"<table><caption>{title}</caption>{rows}</table>"
