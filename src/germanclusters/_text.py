"""The one folding of names into lookup keys: case, accents, umlauts, spacing, punctuation.

Cluster names and country names are compared through these keys alone, so that
"COOL  silicon" finds "Cool Silicon" and "Österreich", "Oesterreich" and "Osterreich"
find one country.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

#: What separates words: anything that is not a letter or digit (of any script).
_NOT_WORD: Final = re.compile(r"[\W_]+")
#: Letters that NFKD does not decompose, spelt in ASCII.
_LETTERS: Final = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i"}
)
#: German umlauts as German writes them without the dots.
_UMLAUTS: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def words(text: str, *, german: bool = False) -> list[str]:
    """The folded words of ``text``: case-folded, accents stripped, split at punctuation.

    With ``german=True`` the umlauts are spelt out first ("Thüringen" -> "thueringen").

    Examples:
        >>> words("Côte d'Ivoire"), words("Thüringen", german=True)
        (['cote', 'd', 'ivoire'], ['thueringen'])
    """
    folded = text.casefold()
    if german:
        folded = folded.translate(_UMLAUTS)
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded.translate(_LETTERS))
        folded = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    return [word for word in _NOT_WORD.split(folded) if word]


def fold(text: str) -> str:
    """A key that ignores case, accents, spacing and punctuation.

    Examples:
        >>> fold("COOL  silicon") == fold("Cool-Silicon") == "coolsilicon"
        True
        >>> fold("Øresund"), fold("Straße")
        ('oresund', 'strasse')
    """
    return "".join(words(text))


def keys(text: str) -> frozenset[str]:
    """Every key under which ``text`` is found: `fold`, and with umlauts spelt out.

    Examples:
        >>> sorted(keys("Österreich"))
        ['oesterreich', 'osterreich']
    """
    found = {fold(text), "".join(words(text, german=True))}
    found.discard("")
    return frozenset(found)
