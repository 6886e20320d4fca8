"""Build src/germanclusters/data/ from the curation input in tools/curation/.

    python tools/build_data.py            # rebuild the JSON files, the manifest, the docs pages
    python tools/build_data.py --check    # build in memory, report problems, write nothing
    python tools/build_data.py --verify   # fail if the shipped files differ from a rebuild

Fragments with the same id merge (see tools/curation/README.md). Every record goes
through the library's own converter and model, and the built dataset is read back
and fully checked (``germanclusters.validate``) before anything is written. Phone
numbers are converted to E.164 here. The data version moves only when a data file
changes. Not shipped: for maintainers (Python 3.11+, for tomllib).
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
DATA = ROOT / "src" / "germanclusters" / "data"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from germanclusters import _convert, validate  # noqa: E402
from germanclusters._json import dump_records  # noqa: E402
from germanclusters.dataset import DATA_FILES, FILES, INDEX, MANIFEST, name_index  # noqa: E402
from germanclusters.errors import DataError  # noqa: E402
from germanclusters.model import Cluster, Programme, Source, version_date  # noqa: E402

LICENCE = "CC-BY-4.0"
_PHONE = re.compile(r"[0-9 +()/.\-]+")
#: Lists that are joined when fragments merge, and the key that identifies their items
#: (None: items are appended, identical items once).
_MERGE_LISTS = {"participations": "programme", "rounds": "number"}


class BuildError(Exception):
    """A curation file cannot be turned into data."""


def to_e164(raw: str, *, where: str) -> str:
    """A number as printed ("+49 (0) 711 / 892385 19") in E.164 ("+4971189238519")."""
    text = raw.strip()
    if not text.startswith("+") or not _PHONE.fullmatch(text):
        raise BuildError(f"{where}: cannot read phone number {raw!r} (expected '+<digits>')")
    digits = re.sub(r"[^0-9]", "", text.replace("(0)", ""))
    if digits.startswith("490"):
        digits = "49" + digits[3:]
    if not 7 <= len(digits) <= 15:
        raise BuildError(f"{where}: {raw!r} gives {len(digits)} digits; E.164 allows 7 to 15")
    return "+" + digits


def _plain(value: Any, where: str) -> Any:
    """TOML values as JSON values: a TOML date is a day."""
    if isinstance(value, dict):
        return {k: _plain(v, where) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, where) for v in value]
    if isinstance(value, dt.datetime):
        raise BuildError(f"{where}: a date-time {value!r} where a date belongs")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def merge(into: dict[str, Any], new: dict[str, Any], where: str) -> None:
    """Merge fragment ``new`` into ``into``: lists join, scalars must agree."""
    for key, value in new.items():
        if key not in into:
            into[key] = value
        elif isinstance(value, list):
            ident = _MERGE_LISTS.get(key)
            for item in value:
                same = [x for x in into[key] if ident and isinstance(x, dict)
                        and x.get(ident) == item.get(ident)]
                if same:
                    merge(same[0], item, f"{where}.{key}[{item.get(ident)}]")
                elif item not in into[key]:
                    into[key].append(item)
        elif key == "note" and into[key] != value:
            into[key] = f"{into[key]} {value}"  # notes of fragments are joined
        elif into[key] != value:
            raise BuildError(f"{where}: {key} is {into[key]!r} in one fragment and "
                             f"{value!r} in another")


def read_fragments(curation: Path, pattern: str, key: str) -> dict[str, dict[str, Any]]:
    merged: dict[str, dict[str, Any]] = {}
    for path in sorted(curation.glob(pattern)):
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise BuildError(f"{path.name}: {exc}") from None
        if set(data) - {key}:
            raise BuildError(f"{path.name}: unexpected top-level keys {sorted(set(data) - {key})}")
        for table in data.get(key, []):
            ident = table.get("id")
            where = f"{path.name}: {key} {ident!r}"
            if not isinstance(ident, str):
                raise BuildError(f"{where}: every {key} needs an id")
            record = _plain(table, where)
            if ident in merged:
                merge(merged[ident], record, where)
            else:
                merged[ident] = record
    return merged


def build_records(curation: Path) -> dict[str, list[Any]]:
    """Curation fragments -> canonical records per data file, sorted by id."""
    kinds = {"sources.json": ("sources*.toml", "source", Source),
             "programmes.json": ("programmes*.toml", "programme", Programme),
             "clusters.json": ("clusters*.toml", "cluster", Cluster)}
    out: dict[str, list[Any]] = {}
    for name, (pattern, key, cls) in kinds.items():
        records = []
        for ident, raw in sorted(read_fragments(curation, pattern, key).items()):
            for i, contact in enumerate(raw.get("contacts", [])):
                for fld in ("phone", "fax", "mobile"):
                    if fld in contact:
                        contact[fld] = to_e164(contact[fld], where=f"{ident} contacts[{i}]")
            for part in raw.get("participations", []):
                part["phases"] = _join_phases(part.get("phases", []))
            try:
                obj = _convert.structure(raw, cls, record=ident, file=f"curation {key}")
            except DataError as exc:
                raise BuildError(str(exc)) from None
            records.append(_convert.unstructure(obj))
        out[name] = records
    return out


def _join_phases(phases: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Phases of one kind written in parts (a programme's main phases one and two) become
    one phase: the first part's start, the last part's end (unknown if it has none),
    notes and lists joined."""
    parts: dict[str, list[dict[str, Any]]] = {}
    for phase in phases:
        parts.setdefault(phase.get("kind", "?"), []).append(phase)
    out = []
    for kind, group in parts.items():
        joined: dict[str, Any] = {"kind": kind}
        for key in ("countries", "regions", "subdivisions"):
            items = [v for p in group for v in p.get(key, [])]
            if items:
                joined[key] = list(dict.fromkeys(items))
        for key in ("source_text", "note"):
            texts = [p[key] for p in group if key in p]
            if texts:
                joined[key] = " ".join(dict.fromkeys(texts))
        if "start" in group[0]:
            joined["start"] = group[0]["start"]
        if "end" in group[-1]:
            joined["end"] = group[-1]["end"]
        out.append(joined)
    return out


def render(records: Any) -> bytes:
    return (json.dumps(records, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def next_version(current: str | None, today: dt.date) -> str:
    """Today's CalVer, with ``.N`` when a version of today was already released."""
    day = today.strftime("%Y.%m.%d")
    if current is None or not current.startswith(day):
        return day
    parts = current.split(".")
    return f"{day}.{int(parts[3]) + 1 if len(parts) == 4 else 1}"


def build(version: str | None, curation: Path) -> dict[str, bytes]:
    records = build_records(curation)
    contents = {name: dump_records(recs).encode() for name, recs in records.items()}
    contents[INDEX] = render(name_index(records))
    changed = any(not (DATA / n).exists() or (DATA / n).read_bytes() != contents[n]
                  for n in (*DATA_FILES, INDEX))
    if version is None:
        try:
            current = json.loads((DATA / MANIFEST).read_text())["data_version"]
        except (OSError, ValueError, KeyError):
            current = None
        version = next_version(current, dt.date.today()) if changed or not current else current
    contents[MANIFEST] = render({
        "data_version": version, "created": version_date(version).isoformat(), "licence": LICENCE,
        "files": [{"path": n, "bytes": len(contents[n]),
                   "sha256": hashlib.sha256(contents[n]).hexdigest()} for n in FILES],
    })
    with tempfile.TemporaryDirectory() as tmp:
        for name, content in contents.items():
            (Path(tmp) / name).write_bytes(content)
        try:
            validate(tmp)
        except DataError as exc:
            raise BuildError(f"the built dataset fails a check: {exc}") from None
    return contents


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true", help="build in memory only")
    mode.add_argument("--verify", action="store_true", help="fail if data/ is not up to date")
    parser.add_argument("--data-version", help="CalVer YYYY.MM.DD[.N] (default: today if changed)")
    parser.add_argument("--curation", type=Path, default=ROOT / "tools" / "curation")
    args = parser.parse_args(argv)
    try:
        version = args.data_version
        if args.verify:
            version = json.loads((DATA / MANIFEST).read_text())["data_version"]
        contents = build(version, args.curation)
    except BuildError as exc:
        print(f"build_data: {exc}", file=sys.stderr)
        return 1
    if args.check:
        print("build_data: ok, " + ", ".join(f"{n} {len(c)} bytes" for n, c in contents.items()))
        return 0
    if args.verify:
        stale = [n for n, c in contents.items() if (DATA / n).read_bytes() != c]
        if stale:
            print(f"build_data: out of date: {', '.join(stale)}", file=sys.stderr)
            return 1
        print("build_data: data/ is up to date")
        return 0
    for name, content in contents.items():
        (DATA / name).write_bytes(content)
    import build_docs

    build_docs.main([])
    print(f"build_data: wrote data version {json.loads(contents[MANIFEST])['data_version']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
