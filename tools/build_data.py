"""Build src/germanclusters/data/ from the curation input in tools/curation/.

    python tools/build_data.py            # rebuild the JSON files and the manifest
    python tools/build_data.py --check    # build in memory, report problems, write nothing
    python tools/build_data.py --verify   # fail if the shipped files differ from a rebuild

Every record goes through the library's own model and converter, so a record that
builds here loads in the library; afterwards the whole dataset is read back through
``germanclusters.dataset.read_dataset`` (checksums and cross-references). Phone, fax
and mobile numbers are written in the curation files as the source prints them and
converted to E.164 here. The data version moves only when a data file changes.

Not shipped: this script is for maintainers (Python 3.11+, for tomllib).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

import tomllib

ROOT = Path(__file__).resolve().parent.parent
CURATION = ROOT / "tools" / "curation"
DATA = ROOT / "src" / "germanclusters" / "data"
sys.path.insert(0, str(ROOT / "src"))

from germanclusters import _convert  # noqa: E402
from germanclusters.dataset import DATA_FILES, MANIFEST, read_dataset  # noqa: E402
from germanclusters.errors import DataError  # noqa: E402
from germanclusters.model import Cluster, Programme, Source  # noqa: E402

LICENCE = "CC-BY-4.0"
_PHONE_CHARS = re.compile(r"[0-9 +()/.\-]+")


class BuildError(Exception):
    """A curation file cannot be turned into data."""


def to_e164(raw: str, *, where: str) -> str:
    """Turn a number as printed ("+49 (0) 711 / 892385 19") into E.164 ("+4971189238519")."""
    text = raw.strip()
    if not text.startswith("+") or not _PHONE_CHARS.fullmatch(text):
        raise BuildError(f"{where}: cannot read phone number {raw!r} (expected '+<digits>')")
    text = text.replace("(0)", "")
    digits = re.sub(r"[^0-9]", "", text)
    if digits.startswith("490"):  # a trunk zero printed after +49, as in "+49 (0) 06441"
        digits = "49" + digits[3:]
    if not 7 <= len(digits) <= 15:
        raise BuildError(f"{where}: {raw!r} gives {len(digits)} digits; E.164 allows 7 to 15")
    return "+" + digits


def _plain(value: Any) -> Any:
    """TOML values to JSON values: dates to ISO strings, recursively."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        raise BuildError(f"a date-time {value!r} where a date belongs")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _read_tables(pattern: str, key: str) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(CURATION.glob(pattern)):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise BuildError(f"{path.relative_to(ROOT)}: {exc}") from None
        unknown = set(data) - {key}
        if unknown:
            raise BuildError(
                f"{path.relative_to(ROOT)}: unexpected top-level keys {sorted(unknown)}"
            )
        for table in data.get(key, []):
            out.append((str(path.relative_to(ROOT)), table))
    return out


def _convert_phones(cluster: dict[str, Any], where: str) -> None:
    for i, contact in enumerate(cluster.get("contacts", [])):
        for fld in ("phone", "fax", "mobile"):
            if fld in contact:
                contact[fld] = to_e164(contact[fld], where=f"{where} contacts[{i}].{fld}")


def build_records() -> dict[str, list[Any]]:
    """Curation tables -> canonical JSON-ready records per data file, sorted by id."""
    kinds = {
        "sources.json": ("sources*.toml", "source", Source),
        "programmes.json": ("programmes*.toml", "programme", Programme),
        "clusters.json": ("clusters*.toml", "cluster", Cluster),
    }
    out: dict[str, list[Any]] = {}
    for name, (pattern, key, cls) in kinds.items():
        records: dict[str, Any] = {}
        for origin, table in _read_tables(pattern, key):
            ident = table.get("id", "?")
            where = f"{origin}: {key} {ident!r}"
            raw = _plain(table)
            if cls is Cluster:
                _convert_phones(raw, where)
            try:
                obj = _convert.structure(raw, cls, record=str(ident), file=origin)
            except DataError as exc:
                raise BuildError(str(exc)) from None
            if obj.id in records:
                raise BuildError(f"{where}: id defined twice")
            records[obj.id] = _convert.unstructure(obj)
        out[name] = [records[k] for k in sorted(records)]
    return out


def render(records: list[Any]) -> bytes:
    return (json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


SOURCES_PAGE = ROOT / "docs" / "sources.md"
MARKER = "<!-- Everything below is generated from sources.json by tools/build_data.py"


def render_sources_page(sources: list[dict[str, Any]]) -> bytes:
    """docs/sources.md: the hand-written introduction, then one section per source."""
    text = SOURCES_PAGE.read_text(encoding="utf-8")
    if MARKER not in text:
        raise BuildError(f"{SOURCES_PAGE.relative_to(ROOT)}: the marker line is missing")
    head = text[: text.index(MARKER)]
    marker_line = text[text.index(MARKER) :].splitlines()[0]
    seeds = [s for s in sources if (s.get("document") or "").startswith("seeds/")]
    others = [s for s in sources if s not in seeds]
    out = [head + marker_line, ""]
    for title, group in (("Seed documents", seeds), ("Other public sources", others)):
        out += [f"## {title}", ""]
        for src in group:
            where = src["url"] or "none (the copy does not print its address)"
            if src.get("document"):
                where += f"; project copy `{src['document']}`"
            out += [
                f"### `{src['id']}`",
                "",
                f"- **Title:** {src['title']}",
                f"- **Publisher:** {src['publisher'] or 'not stated'}",
                f"- **URL:** {where}",
                f"- **Language:** {src['language']}",
                f"- **As of:** {src['as_of'] or 'not dated to the day'}",
                f"- **Licence:** {src['licence'] or 'none stated'}",
            ]
            if src.get("note"):
                out.append(f"- **Note:** {src['note']}")
            out.append("")
    return "\n".join(out).encode("utf-8")


def render_manifest(contents: dict[str, bytes], version: str) -> bytes:
    manifest = {
        "name": "germanclusters",
        "data_version": version,
        "created": version.replace(".", "-"),
        "licenses": [{"name": LICENCE}],
        "resources": [
            {
                "name": name.removesuffix(".json"),
                "path": name,
                "bytes": len(contents[name]),
                "hash": "sha256:" + hashlib.sha256(contents[name]).hexdigest(),
            }
            for name in DATA_FILES
        ],
    }
    return (json.dumps(manifest, indent=1, sort_keys=True) + "\n").encode()


def _current_version() -> str | None:
    try:
        return str(json.loads((DATA / MANIFEST).read_text())["data_version"])
    except (OSError, ValueError, KeyError):
        return None


def build(version: str | None) -> tuple[dict[str, bytes], dict[Path, bytes]]:
    records = build_records()
    contents = {name: render(recs) for name, recs in records.items()}
    changed = any(
        not (DATA / name).exists() or (DATA / name).read_bytes() != contents[name]
        for name in DATA_FILES
    )
    current = _current_version()
    if version is None:
        version = dt.date.today().strftime("%Y.%m.%d") if changed or current is None else current
    contents[MANIFEST] = render_manifest(contents, version)
    pages = {SOURCES_PAGE: render_sources_page(records["sources.json"])}
    # read everything back through the library: checksums, model, cross-references
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in contents.items():
            (Path(tmp) / name).write_bytes(content)
        try:
            read_dataset(Path(tmp))
        except DataError as exc:
            raise BuildError(f"the built dataset does not load: {exc}") from None
    return contents, pages


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="build in memory only")
    mode.add_argument("--verify", action="store_true", help="fail if data/ is not up to date")
    parser.add_argument("--data-version", help="CalVer YYYY.MM.DD (default: today if data changed)")
    args = parser.parse_args(argv)
    try:
        contents, pages = build(args.data_version if not args.verify else _current_version())
    except BuildError as exc:
        print(f"build_data: {exc}", file=sys.stderr)
        return 1
    if args.check:
        print("build_data: ok, " + ", ".join(f"{n} {len(c)} bytes" for n, c in contents.items()))
        return 0
    if args.verify:
        stale = [n for n, c in contents.items() if (DATA / n).read_bytes() != c]
        stale += [str(p.relative_to(ROOT)) for p, c in pages.items() if p.read_bytes() != c]
        if stale:
            print(
                f"build_data: out of date: {', '.join(stale)}; run tools/build_data.py",
                file=sys.stderr,
            )
            return 1
        print("build_data: data/ is up to date")
        return 0
    for name, content in contents.items():
        (DATA / name).write_bytes(content)
    for page, content in pages.items():
        page.write_bytes(content)
    print(f"build_data: wrote data version {json.loads(contents[MANIFEST])['data_version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
