"""JSON text in and out: the strict reader, the canonical writer, one record per line.

`read_json` refuses duplicate keys, NaN and Infinity, text that is not UTF-8
and files above a size bound; nothing is ever evaluated or unpickled. The data files
are written one record per line (`dump_records`), so that the first lookup
reads one record without parsing the others (`record_lines`).
"""

from __future__ import annotations

import json
from typing import Any, Final

from germanclusters.errors import DataError

MAX_JSON_BYTES: Final = 50 * 1024 * 1024


def _refuse_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r}")
        out[key] = value
    return out


def read_json(content: bytes | str, *, file: str | None = None) -> Any:
    """Parse JSON strictly: UTF-8, no duplicate keys, no NaN or Infinity, bounded size."""
    if len(content) > MAX_JSON_BYTES:
        raise DataError(reason=f"is larger than {MAX_JSON_BYTES} bytes", file=file)
    try:
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        return json.loads(text, object_pairs_hook=_no_duplicates,
                          parse_constant=_refuse_constant)
    except UnicodeDecodeError as exc:
        raise DataError(reason=f"is not UTF-8 text ({exc.reason} at byte {exc.start})",
                        file=file) from None
    except RecursionError:
        raise DataError(reason="is nested too deeply", file=file) from None
    except ValueError as exc:
        raise DataError(reason=f"is not valid JSON: {exc}", file=file) from None


def dump_records(records: list[Any]) -> str:
    """A data file: a JSON list with one record per line, keys sorted.

    It is plain JSON for any tool, and one record can be read from its line without
    parsing the others (`record_lines`).
    """
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True, allow_nan=False)
             for r in records]
    return "[\n" + ",\n".join(lines) + ("\n" if lines else "") + "]\n"


def record_lines(content: bytes, *, file: str | None = None) -> list[bytes]:
    """The lines of a data file written by `dump_records`: one record's JSON each.

    A line keeps its trailing comma; `read_record` reads one.
    """
    lines = content.split(b"\n")
    if len(lines) < 3 or lines[0] != b"[" or lines[-2:] != [b"]", b""]:
        raise DataError(reason="is not a JSON list with one record per line", file=file)
    return lines[1:-2]


def record_line(content: bytes, position: int) -> bytes:
    """Line ``position`` of `record_lines`, found without splitting the file."""
    start = content.index(b"\n") + 1
    for _ in range(position):
        start = content.index(b"\n", start) + 1
    return content[start:content.index(b"\n", start)]


def read_record(line: bytes) -> Any:
    """The record on one line of a data file (trusted content: plain parsing)."""
    return json.loads(line.removesuffix(b","))


def dumps(data: Any) -> str:
    """Canonical JSON: sorted keys, UTF-8 text, two-space indent, final newline."""
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, allow_nan=False) + "\n"
