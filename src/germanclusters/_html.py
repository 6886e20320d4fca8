"""HTML views for Jupyter (``_repr_html_``) of a cluster and of the collections.

Every text is HTML-escaped; collections show their first :data:`_HTML_ROWS` rows.
Imported only inside the ``_repr_html_`` methods, so the model and the queries do
not import it when the package is imported.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Final

from germanclusters.model import Cluster
from germanclusters.query import Clusters, Programmes

__all__: list[str] = []

_HTML_ROWS: Final = 50


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _html(obj: object) -> str:
    """HTML for Jupyter: a cluster, programme or collection; every text escaped."""
    if isinstance(obj, Cluster):
        return _cluster_html(obj)
    if isinstance(obj, Clusters):
        return _table_html(
            f"Clusters: {len(obj)}",
            ("id", "name", "state", "city", "target countries"),
            [
                (c.id, c.name, c.state, c.city, ", ".join(k.alpha_2 for k in c.target_countries()))
                for c in obj[:_HTML_ROWS]
            ],
            len(obj),
        )
    if isinstance(obj, Programmes):
        return _table_html(
            f"Programmes: {len(obj)}",
            ("id", "name", "funder", "kind", "launched"),
            [(p.id, p.name, p.funder, p.kind, p.launched) for p in obj[:_HTML_ROWS]],
            len(obj),
        )
    raise TypeError(f"no HTML view of {type(obj).__name__}")


def _table_html(
    caption: str, header: Sequence[str], rows: Sequence[Sequence[object]], total: int
) -> str:
    parts = [f"<table><caption>{_e(caption)}</caption><thead><tr>"]
    parts += [f"<th>{_e(h)}</th>" for h in header]
    parts.append("</tr></thead><tbody>")
    for row in rows:
        cells = "".join(f"<td>{'' if v is None else _e(v)}</td>" for v in row)
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    if total > len(rows):
        parts.append(f"<p>... and {total - len(rows)} more</p>")
    return "".join(parts)


def _cluster_html(c: Cluster) -> str:
    rows: list[tuple[str, str]] = []

    def add(key: str, value: object) -> None:
        if value is not None and value != "":
            rows.append((key, _e(value)))

    add("organisation", c.organisation)
    add("seat", ", ".join(x for x in (c.city, c.state) if x))
    add("states", ", ".join(c.states))
    add("founded", c.founded)
    add("topic", c.topic)
    if c.website:
        rows.append(("website", f'<a href="{_e(c.website)}">{_e(c.website)}</a>'))
    add("summary", c.summary)
    for part in c.participations:
        detail = ", ".join(
            x
            for x in (
                f"round {part.round}" if part.round else "",
                str(part.year) if part.year else "",
                f"project {part.project}" if part.project else "",
            )
            if x
        )
        lines = [_e(part.programme + (f" ({detail})" if detail else ""))]
        for phase in part.phases:
            targets = [f"{k.name} ({k.alpha_2})" for k in phase.countries] + list(phase.regions)
            lines.append(f"{_e(phase.kind.value)}: {_e(', '.join(targets) or '-')}")
        rows.append(("programme", "<br>".join(lines)))
    for label in c.labels:
        when = label.awarded.isoformat() if label.awarded else (label.year or "")
        add("label", f"{label.scheme} {label.level.value} {when}".strip())
    add("contacts", len(c.contacts))
    add("sources", ", ".join(c.sources))
    body = "".join(f"<tr><th>{_e(k)}</th><td>{v}</td></tr>" for k, v in rows)
    return f"<div><strong>{_e(c.name)}</strong> <code>{_e(c.id)}</code><table>{body}</table></div>"
