"""Generate docs/data-dictionary.md and docs/sources.md from the model and the data.

    python tools/build_docs.py           # rewrite the two pages
    python tools/build_docs.py --check   # fail if either page is out of date

The data dictionary comes from the table registry (columns from attrs fields and
their descriptions), the sources page from the shipped sources; a test runs --check.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

import germanclusters as gc  # noqa: E402
from germanclusters.tables import TABLE_LIST  # noqa: E402

INTRO = """# Data dictionary

Every table of `gc.to_records(obj, table=...)`, `gc.to_dataframe(...)` and
`gc.export(...)`. Each table is a few key columns that tie a row to its parent, then
one column per field of a model class, described by that field's own metadata: this
page is generated from the code by `tools/build_docs.py`, so it cannot drift.

Unknown facts are empty cells (`None`). Dates are ISO 8601 at the precision the
source gives (`2023`, `2023-03` or `2023-03-15`); countries are ISO 3166-1 alpha-2
codes, German states and foreign subdivisions ISO 3166-2 codes. A list is one cell,
its items separated by `; ` (`notes`: one note per line).
"""

SOURCES_INTRO = """# Sources

Every record lists the ids of the pages it was taken from (`sources`);
`gc.sources()` returns them with title, publisher, URL, language and the date the
page shows (`as_of`, at the precision the page gives). The dataset carries over facts
and figures, never a page's sentences: summaries, topics and notes are our own words.
Country lists as printed (`source_text`) and business contacts as published are kept
because the wording is the datum. This page is generated from the data by
`tools/build_docs.py`.
"""


def data_dictionary() -> str:
    out = [INTRO, "| table | one row per | key | parent |", "|---|---|---|---|"]
    for t in TABLE_LIST:
        parent = f"{t.parent[0]} (`{'`, `'.join(t.parent[1])}`)" if t.parent else "—"
        out.append(f"| [{t.name}](#{t.name}) | {t.description} | "
                   f"`{'`, `'.join(t.primary_key)}` | {parent} |")
    for t in TABLE_LIST:
        out += ["", f"## {t.name}", "", t.description, "",
                "| column | type | description |", "|---|---|---|"]
        for c in t.columns:
            extra = " (required)" if c.required else ""
            extra += f"; one of {', '.join(c.enum)}" if c.enum else ""
            out.append(f"| `{c.name}` | {c.type} | {c.description.replace('|', '/')}{extra} |")
    return "\n".join(out) + "\n"


def sources_page() -> str:
    out = [SOURCES_INTRO]
    for s in gc.sources():
        out += [f"## `{s.id}`", "", f"- **Title:** {s.title}",
                f"- **Publisher:** {s.publisher or 'not stated'}",
                f"- **URL:** {s.url or 'none'}",
                f"- **Language:** {s.language}",
                f"- **As of:** {s.as_of or 'the page shows no date'}"]
        if s.note:
            out.append(f"- **Note:** {s.note}")
        out.append("")
    return "\n".join(out)


def _schema(name: str) -> str:
    import json

    return json.dumps(gc.json_schema(name), indent=2, ensure_ascii=False) + "\n"


PAGES = {ROOT / "docs" / "data-dictionary.md": data_dictionary,
         ROOT / "docs" / "sources.md": sources_page,
         **{ROOT / "src" / "germanclusters" / "schema" / name.replace(".json", ".schema.json"):
            (lambda n=name: _schema(n)) for name in ("clusters.json", "programmes.json",
                                                     "sources.json", "manifest.json")}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for path, make in PAGES.items():
        text = make()
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(path.name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"build_docs: out of date: {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
