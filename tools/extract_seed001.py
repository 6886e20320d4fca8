"""Read the target-country lines out of seed 001, independently of the dataset.

Seed 001 is the BMBF list (as of 16 April 2020) of the 32 clusters funded by the
measure for the internationalisation of leading-edge clusters. Every entry has a
line ``Target countries concept phase: ...``; most also have the line
``Target countries implementation phase: ...`` directly below it. This script
finds those lines in page order and nothing else: it does not know cluster ids,
country codes or the package's data, so the test that compares it with the
shipped data (``tests/test_seed_agreement.py``) checks the data against the page,
not against itself.

Usage::

    python tools/extract_seed001.py [PATH]     # default: ../shared/seeds/001_...txt

prints one tab-separated line per entry: number, line number, concept text,
implementation text (``-`` where the entry has none).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

SEED_NAME = "001_f274a48bf349ce0a.txt"
DEFAULT_PATH = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / SEED_NAME

_TARGET_LINE = re.compile(r"Target countries (concept|implementation) phase:(.*)")


class Entry(NamedTuple):
    """One entry of the page: its target-country lines as printed."""

    number: int  # 1-based position on the page
    line: int  # 1-based line number of the concept line
    concept: str  # text after "Target countries concept phase:", stripped
    implementation: str | None  # likewise, or None where the entry has no such line
    text: str  # the raw lines around the entry (neighbours' headings included), for humans


def entries(path: Path | str = DEFAULT_PATH) -> Iterator[Entry]:
    """Yield the page's entries in page order.

    An implementation line must follow its concept line directly; anything else
    means the page is not what this script expects, and it raises ``ValueError``.
    """
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    # (index of the concept line, concept text, implementation text or None)
    found: list[tuple[int, str, str | None]] = []
    for i, raw in enumerate(lines):
        match = _TARGET_LINE.fullmatch(raw.strip())
        if match is None:
            continue
        kind, text = match.group(1), match.group(2).strip()
        if kind == "concept":
            found.append((i, text, None))
            continue
        if not found or found[-1][0] != i - 1 or found[-1][2] is not None:
            raise ValueError(f"{path}:{i + 1}: implementation line without a concept line above it")
        start, concept, _ = found[-1]
        found[-1] = (start, concept, text)

    for n, (start, concept, implementation) in enumerate(found):
        # Context: from after the previous entry's target lines up to the next concept line.
        begin = 0 if n == 0 else found[n - 1][0] + (1 if found[n - 1][2] is None else 2)
        end = found[n + 1][0] if n + 1 < len(found) else len(lines)
        yield Entry(
            number=n + 1,
            line=start + 1,
            concept=concept,
            implementation=implementation,
            text="\n".join(lines[begin:end]),
        )


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT_PATH
    for e in entries(path):
        print(f"{e.number}\t{e.line}\t{e.concept}\t{e.implementation or '-'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
