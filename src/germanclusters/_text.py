"""Folding of user text into lookup keys: case, accents, spacing and punctuation."""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_NOT_ALNUM: Final = re.compile(r"[^0-9a-z]+")
_GERMAN: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def strip_accents(text: str) -> str:
    """Drop combining marks after NFKD decomposition ("Ö" -> "O")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def fold(text: str) -> str:
    """A key that ignores case, accents, spacing and punctuation.

    >>> fold("COOL  silicon") == fold("Cool-Silicon") == "coolsilicon"
    True
    """
    return _NOT_ALNUM.sub("", strip_accents(text.casefold()).casefold())


def fold_german(text: str) -> str:
    """Like :func:`fold`, but spells umlauts out first ("Thüringen" -> "thueringen")."""
    return fold(text.casefold().translate(_GERMAN))


def keys(text: str) -> frozenset[str]:
    """Every key under which ``text`` is found (plain and umlauts-spelt-out folding)."""
    found = {fold(text), fold_german(text)}
    found.discard("")
    return frozenset(found)
