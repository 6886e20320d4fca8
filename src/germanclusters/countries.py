"""Read country names, named regions, German states and ISO 3166-2 subdivisions.

[`normalize_country`][germanclusters.normalize_country] reads messy text (many languages, typos,
codes, HTML, wrong encodings) as a [`Country`][germanclusters.Country], or raises
``UnknownCountry`` with a reason and suggestions; it never guesses between candidates and never
answers a region, an adjective or an ordinary word. The page "Normalise country names" of the
documentation (docs/countries.md) explains the lookup order. Nothing is loaded at import: tables
are built once, on first use, from pycountry and the package's own tables of names. No answer
is cached.
"""

from __future__ import annotations

import functools
import pkgutil
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Final, Literal, NamedTuple, TypeVar

from germanclusters import _places, _text
from germanclusters._places import STATES
from germanclusters.errors import UnknownCountry, UnknownState
from germanclusters.model import Country

if TYPE_CHECKING:
    import gettext

__all__ = [
    "REGIONS", "all_countries", "from_alpha_2", "normalize_countries", "normalize_country",
    "normalize_region", "normalize_state", "normalize_subdivision", "state_name",
    "subdivision_name",
]

REGIONS: Final[tuple[str, ...]] = _places.REGIONS
"""The named world regions a phase may target besides countries, sorted.

Examples:
    >>> import germanclusters as gc
    >>> "Asia-Pacific" in gc.REGIONS
    True
"""

_MAX_LEN: Final = 200  # longer text is no country name


class _Refused(NamedTuple):
    """Why a text is not read as a country, and what it might have meant."""

    reason: str | None
    suggestions: tuple[str, ...] = ()  # display names, for the error message
    candidates: tuple[str, ...] = ()  # alpha-2 codes an ambiguous name may stand for
    close_to: str = ""  # suggest names close to this text, when an error is raised

    def error(self, query: str) -> UnknownCountry:
        suggestions = self.suggestions or (_suggest(self.close_to) if self.close_to else ())
        return UnknownCountry(query, suggestions, reason=self.reason)


_Answer = Country | _Refused
_V = TypeVar("_V")

# ------------------------------------------------------------------ public functions


def normalize_country(text: str) -> Country:
    """The ISO 3166-1 country ``text`` names: a code, or a name in any language pycountry
    translates, with typos tolerated in English and German.

    Examples:
        >>> [normalize_country(t).alpha_2 for t in ("Finnland", "Sinapore", "Espagne", "DEU")]
        ['FI', 'SG', 'ES', 'DE']

    Raises [`UnknownCountry`][germanclusters.UnknownCountry] (a ``LookupError``, with ``.reason``
    and ``.suggestions``) for regions, adjectives, ordinary words, ambiguous names and
    nonsense, and ``TypeError`` for non-``str`` input.
    """
    found = _read(_checked(text))
    if isinstance(found, Country):
        return found
    raise found.error(text)


def normalize_countries(
    texts: Iterable[str], *, errors: Literal["raise", "coerce"] = "raise"
) -> list[Country | None]:
    """[`normalize_country`][germanclusters.normalize_country] over a column, in order; each
    distinct text is read once.

    With ``errors="coerce"`` unreadable texts give ``None``; with ``"raise"`` the first
    one raises [`UnknownCountry`][germanclusters.UnknownCountry].

    Examples:
        >>> normalize_countries(["Finnland", "Asia-Pacific"], errors="coerce")[1] is None
        True
    """
    if errors not in ("raise", "coerce"):
        raise ValueError(f"errors must be 'raise' or 'coerce', not {errors!r}")
    if isinstance(texts, str):
        raise TypeError("texts must be an iterable of str, not a single str")
    read: dict[str, _Answer] = {}
    out: list[Country | None] = []
    for text in texts:
        found = read.get(_checked(text))
        if found is None:
            found = read[text] = _read(text)
        if isinstance(found, Country):
            out.append(found)
        elif errors == "coerce":
            out.append(None)
        else:
            raise found.error(text)
    return out


def from_alpha_2(code: str) -> Country:
    """The country with this exact upper-case ISO 3166-1 alpha-2 code (as stored data has it).

    Examples:
        >>> from_alpha_2("FI").name_de
        'Finnland'
    """
    if _checked(code) in _by_alpha_2():
        return _country(code)
    hint = code.strip().upper() if len(code) < 10 else ""
    raise UnknownCountry(code, (hint,) if hint in _by_alpha_2() else (),
                         reason="not an upper-case ISO 3166-1 alpha-2 code")


def all_countries() -> tuple[Country, ...]:
    """Every ISO 3166-1 country pycountry knows, sorted by alpha-2 code."""
    return tuple(sorted(_countries().values(), key=lambda c: c.alpha_2))


def normalize_region(text: str) -> str:
    """The canonical name (one of `REGIONS`) of the named region ``text``.

    Examples:
        >>> normalize_region("APAC"), normalize_region("Asien-Pazifik")
        ('Asia-Pacific', 'Asia-Pacific')
    """
    found, close = _small(*_regions(), _checked(text))
    if found is None:
        raise UnknownCountry(text, close, reason="not a known region")
    return found


def normalize_state(text: str) -> str:
    """The ISO 3166-2 code of the German state ``text`` names, in German or English.

    Examples:
        >>> normalize_state("Sachsen"), normalize_state("Saxony"), normalize_state("de-sn")
        ('DE-SN', 'DE-SN', 'DE-SN')
    """
    found, close = _small(*_states(), _checked(text))
    if found is None:
        raise UnknownState(text, tuple(STATES[code][0] for code in close))
    return found


def normalize_subdivision(text: str) -> str:
    """An ISO 3166-2 subdivision code in any case and spacing (checked against pycountry),
    or a German state's name.

    Examples:
        >>> normalize_subdivision(" cn-js "), normalize_subdivision("Sachsen")
        ('CN-JS', 'DE-SN')
    """
    code = _WHITESPACE.sub("", _checked(text)).upper()
    if code in STATES or (_SUBDIVISION.fullmatch(code) and _subdivision(code) is not None):
        return code
    try:
        return normalize_state(text)
    except UnknownState:
        raise UnknownState(text) from None


def state_name(state: str, language: str = "en") -> str:
    """The English (``"en"``) or German (``"de"``) name of a German state.

    ``state`` is anything [`normalize_state`][germanclusters.normalize_state] reads: a code, a
    German or English name.

    Examples:
        >>> state_name("DE-BY"), state_name("Bavaria", "de"), state_name("Sachsen")
        ('Bavaria', 'Bayern', 'Saxony')
    """
    if language not in ("en", "de"):
        raise ValueError(f"language must be 'en' or 'de'; got {language!r}")
    german, english = STATES[normalize_state(state)]
    return english if language == "en" else german


def subdivision_name(code: str) -> str:
    """The name of an ISO 3166-2 subdivision: pycountry's, and the German one for DE-*.

    Examples:
        >>> subdivision_name("US-OH"), subdivision_name("DE-TH")
        ('Ohio', 'Thüringen')
    """
    code = normalize_subdivision(code)
    if code in STATES:
        return STATES[code][0]
    return str(_subdivision(code))


# ------------------------------------------------------------------ the lookup order


def _read(text: str) -> _Answer:
    """Read a country, in this order; the first step with an answer wins."""
    cleaned = _clean(text)  # HTML, mojibake, invisible characters, spacing
    if isinstance(cleaned, _Refused):
        return cleaned
    text = _without_label(cleaned)  # "Target country: Japan"
    keys = _name_keys(text)
    return (
        _whole(text, keys)  # a code, or an exact name: curated, English, German, others
        or _ordinary_word(text)  # "hungry", "Pollen": never read as a country
        or _in_parts(text)  # "DE - Germany", "Austria [AT]", "Germany, Federal Republic of"
        or _past_form(text)  # "Republik Polen", "Fiji Islands"
        or _typo(keys)  # one edit from exactly one English or German name
        or _Refused(None, close_to=text)
    )


def _whole(text: str, keys: tuple[str, ...] | None = None) -> _Answer | None:
    code = _code(text)
    if code is not None:
        return code
    keys = _name_keys(text) if keys is None else keys
    found = _one_of(_names(), keys)
    if found is None and not _is_ordinary(text):
        found = _one_of(_foreign(), keys)
    return found


def _code(text: str) -> _Answer | None:
    """An ISO alpha-2 or alpha-3 code (any case) or a three-digit numeric code."""
    compact = text.replace(" ", "")
    if not compact.isascii() or len(compact) not in (2, 3):
        return None
    if compact.isdigit():
        return _codes().get(compact) or _Refused("not an ISO 3166-1 numeric code")
    return _codes().get(compact.upper()) if compact.isalpha() else None


def _ordinary_word(text: str) -> _Refused | None:
    ordinary = _is_ordinary(text)
    return _Refused("an ordinary word, not a country name", close_to=text) if ordinary else None


def _in_parts(text: str) -> _Answer | None:
    """Text in parts that all name one country: a code beside a name, two spellings, an
    inverted long form. Parts naming two countries refuse; anything else reads on."""
    head, comma, tail = text.partition(",")
    if comma and "," not in tail:  # "Germany, Federal Republic of"
        turned = _whole(f"{tail} {head}")
        if isinstance(turned, Country):
            return turned
    parts = [p for p in _PARTS.split(text) if p and not p.isspace()]
    if len(parts) < 2:
        beside = _CODE_BESIDE.fullmatch(text)  # "ITA Italy", "Italy ITA"
        parts = [p for p in beside.groups() if p] if beside else []
    named: set[Country] = set()
    allowed: set[str] | None = None
    for part in parts:
        if _text.fold(part) in _places.QUALIFIERS:
            continue
        found = _whole(part)
        if isinstance(found, Country):
            named.add(found)
        elif found is not None and found.candidates:  # "Korea (KR)"
            candidates = set(found.candidates)
            allowed = candidates if allowed is None else allowed & candidates
        else:
            return None
    if len(named) > 1:
        names = tuple(sorted(c.name for c in named))
        return _Refused("its parts name different countries", names)
    country = next(iter(named), None)
    if country is None or (allowed is not None and country.alpha_2 not in allowed):
        return None
    return country


def _past_form(text: str) -> _Answer | None:
    """A full name the tables lack, read by the name inside its form of government."""
    words = _name_words(text)
    core = list(words)
    while core and core[0] in _places.FORM_WORDS:
        del core[0]
    while core and core[-1] in _places.FORM_WORDS:
        del core[-1]
    if not core or len(core) == len(words) or "".join(core) in _places.FORM_MATTERS:
        return None
    return _whole(" ".join(core))


def _typo(keys: tuple[str, ...]) -> _Answer | None:
    """The one English or German name a typo away (see `_Near.typos`)."""
    near = {_names()[k] for k in _near_names().typos(keys)}
    if len(near) == 1:
        return near.pop()
    if near:
        return _Refused("ambiguous: close to several names", close_to=keys[0])
    return None


def _may_be_typo(key: str, name: str) -> bool:
    """Whether ``key``, one edit from ``name``, may be read as a typo of it: it starts with
    the same letter (places often differ only there: Siberia, Liberia) and ends with the
    same letter or swaps the last two (an edit at the end is how names turn into
    adjectives and demonyms: German, Latvian, Türke, Tunesier)."""
    return key[0] == name[0] and (key[-1] == name[-1] or key[-2:] == name[:-3:-1])


def _suggest(text: str) -> tuple[str, ...]:
    """Up to three countries whose English or German names are about two edits away."""
    names = _names()
    close = (names[k] for key in _name_keys(text)[:1] for k in _near_names().close(key))
    return tuple(dict.fromkeys(c.name for c in close if isinstance(c, Country)))[:3]


def _small(table: dict[str, _V], near: _Near, text: str) -> tuple[_V | None, tuple[_V, ...]]:
    """A region or state: an exact name, or the one name a typo away; else suggestions."""
    keys = _name_keys(text)
    found = _one_of(table, keys)
    if found is not None:
        return found, ()
    typo = {table[k] for k in near.typos(keys)}
    if len(typo) == 1:
        return typo.pop(), ()
    close = (table[k] for key in keys[:1] for k in near.close(key))
    return None, tuple(dict.fromkeys(close))[:3]


# ------------------------------------------------------------------ cleaning the text

_WHITESPACE: Final = re.compile(r"\s+")
_TAG: Final = re.compile(r"<[^<>]*>")
#: Invisible format characters left in scraped text: soft hyphen, zero-width space, BOM.
_INVISIBLE: Final = str.maketrans(dict.fromkeys(map(ord, "\xad\u200b\u200c\u200d\u200e\u200f"
                                                         "\u2060\ufeff")))
_PARTS: Final = re.compile(r"\s*(?:[()\[\]{}|/:;,]|\s[-\u2013\u2014]\s|\s(?:and|und)\s)\s*")
_CODE_BESIDE: Final = re.compile(r"([A-Z]{2,3})\s+(\S.*)|(.*\S)\s+([A-Z]{2,3})")
_SUBDIVISION: Final = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
_UMLAUT: Final = re.compile(r"[äöüÄÖÜ]")


def _checked(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(f"expected str, not {type(text).__name__}")
    return text


def _clean(text: str) -> str | _Refused:
    """Undo what the way in did to the text, or say why it cannot be read."""
    if len(text) > _MAX_LEN:
        return _Refused(f"longer than {_MAX_LEN} characters")
    if "&" in text:
        import html  # not at the top: see _names

        text = html.unescape(text)  # "T&uuml;rkei", "France&nbsp;"
    if not text.isascii():
        text = _unmangled(text)  # "TÃ¼rkei"
    if "<" in text:
        text = _TAG.sub(" ", text)  # "<td>Italy</td>"
    text = _WHITESPACE.sub(" ", text.translate(_INVISIBLE)).strip()
    if not text:
        return _Refused("empty text")
    if not text.isprintable():
        return _Refused("contains control characters")
    return text


def _unmangled(text: str) -> str:
    """Text whose UTF-8 was read as Windows-1252 or Latin-1 ("TÃ¼rkei"), repaired;
    twice, for text that went through the mistake twice. Other text comes back as it is:
    real names almost never re-encode to valid UTF-8."""
    for _ in range(2):
        try:
            raw = text.encode("cp1252")
        except UnicodeEncodeError:
            try:
                raw = text.encode("latin-1")
            except UnicodeEncodeError:
                return text
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return text
    return text


def _without_label(text: str) -> str:
    head, colon, tail = text.partition(":")
    if colon and tail.strip() and _text.fold(head) in _places.LABELS:
        return tail.strip()
    return text


def _name_words(text: str, *, german: bool = False) -> list[str]:
    """Folded words of a name, with "the", a leading German article and "&" settled."""
    words = _text.words(text.replace("&", " and ") if "&" in text else text, german=german)
    if len(words) > 1:
        words = [w for w in words if w not in _places.DROPPED_WORDS] or words
    if len(words) > 1 and words[0] in _places.ARTICLES and not (
        words[0] == "dem" and words[1] in ("rep", "republic", "people", "peoples")
    ):
        del words[0]
    return [_places.WORD_MAP.get(w, w) for w in words]


def _name_keys(text: str) -> tuple[str, ...]:
    """The keys of a name: plain, and with umlauts spelt out (when that differs)."""
    plain = "".join(_name_words(text))
    if not _UMLAUT.search(text):
        return (plain,) if plain else ()
    keys = (plain, "".join(_name_words(text, german=True)))
    return tuple(k for k in dict.fromkeys(keys) if k)


def _one_of(table: dict[str, _V], keys: Iterable[str]) -> _V | None:
    for key in keys:
        found = table.get(key)
        if found is not None:
            return found
    return None


# ------------------------------------------------------------------ the matcher


class _Near:
    """Keys one edit away (a letter left out, added or changed, or two neighbours swapped),
    found through the deletion neighbourhood of every key, built once; small tables keep
    two letters' deletions, for suggestions further away."""

    __slots__ = ("_by_deletion",)

    def __init__(self, keys: Iterable[str], depth: int = 1) -> None:
        self._by_deletion: dict[str, str] = {}  # a key less letters -> keys, space-separated
        for key in keys:
            variants = {key}
            for _ in range(depth):
                variants |= {d for v in variants for d in _deletions(v)}
            for variant in variants:
                held = self._by_deletion.get(variant)
                self._by_deletion[variant] = f"{held} {key}" if held else key

    def close(self, key: str) -> list[str]:
        """Keys that share ``key`` or a deletion from it (about two edits away or closer),
        closest first: the letters left out on either side count."""
        score: dict[str, int] = {}
        for variant, dropped in ((key, 0), *((v, 1) for v in _deletions(key))):
            for k in self._by_deletion.get(variant, "").split():
                score[k] = min(score.get(k, 9), dropped + len(k) - len(variant))
        return sorted(score, key=lambda k: (score[k], k))

    def typos(self, keys: Iterable[str]) -> set[str]:
        """Keys one edit from one of ``keys`` that may be read as a typo of it (see
        `_may_be_typo`); texts of fewer than five letters have none."""
        found = set()
        for key in (k for k in keys if len(k) >= 5):
            held = " ".join(self._by_deletion.get(v, "") for v in (key, *_deletions(key)))
            found |= {k for k in set(held.split()) if _one_edit(key, k) and _may_be_typo(key, k)}
        return found


def _deletions(key: str) -> Iterator[str]:
    return (key[:i] + key[i + 1 :] for i in range(len(key)))


def _one_edit(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with one letter left out, added or changed, or one pair of
    neighbours swapped (optimal string alignment distance 1)."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) != len(b):
        return len(b) == len(a) + 1 and a[i:] == b[i + 1 :]
    if i == len(a):
        return False  # the same key
    changed = a[i + 1 :] == b[i + 1 :]
    swapped = a[i + 1 : i + 2] == b[i] and b[i + 1 : i + 2] == a[i] and a[i + 2 :] == b[i + 2 :]
    return changed or swapped


# ------------------------------------------------------------------ tables, built once


@functools.cache
def _countries() -> dict[str, Country]:
    """One Country per alpha-2 code, with English and German names and UN M49 regions."""
    return {a2: _country(a2) for a2 in _by_alpha_2()}


@functools.cache
def _by_alpha_2() -> dict[str, dict[str, str]]:
    return {record["alpha_2"]: record for record in _pycountry()[0]}


@functools.cache
def _country(a2: str) -> Country:
    """The Country of one known alpha-2 code, built on first use (a first lookup needs few)."""
    record = _by_alpha_2()[a2]
    german, name = _pycountry()[1], record["name"]
    display = record.get("common_name") or name
    region, subregion = _m49().get(a2, (None, None))
    return Country(
        alpha_2=a2, alpha_3=record["alpha_3"], numeric=record["numeric"], name=display,
        name_de=_translated(german, display) or _translated(german, name) or display,
        region=region, subregion=subregion,
    )


@functools.cache
def _codes() -> dict[str, Country]:
    """Alpha-2, alpha-3 and numeric codes."""
    return {code: c for c in _countries().values() for code in (c.alpha_2, c.alpha_3, c.numeric)}


@functools.cache
def _names() -> dict[str, _Answer]:
    """English and German names, folded: pycountry's, then the curated ones, which win;
    last the curated names that refuse (regions, states, adjectives, ambiguous names)."""
    import html  # noqa: F401 - for _clean: 3 ms, paid with the tables, not by from_alpha_2

    countries = _countries()
    records, german = _pycountry()
    names: dict[str, _Answer] = {}

    def add(name: str, answer: _Answer) -> None:
        for key in _name_keys(name):
            names[key] = answer

    for record in records:
        for field in ("name", "official_name", "common_name"):
            if field in record:
                add(record[field], countries[record["alpha_2"]])
                add(_translated(german, record[field]) or record[field],
                    countries[record["alpha_2"]])
    for table in (_places.ALIASES, _places.ENDONYMS):
        for a2, aliases in table.items():
            for alias in aliases:
                add(alias, countries[a2])
    for canonical, variants in _places.REGION_NAMES.items():
        for variant in (canonical, *variants):
            add(variant, _Refused(f"{canonical!r} is a region, not a country"))
    for key, code in _states()[0].items():
        if len(key) > 3:  # not "by", "sn": codes are read first
            names[key] = _Refused(f"a German state ({code}), not a country")
    for name, reason in _places.NOT_COUNTRIES.items():
        add(name, _Refused(reason))
    for a2, demonyms in _places.DEMONYMS.items():
        for demonym in demonyms:
            add(demonym, _Refused("an adjective or demonym, not a country name",
                                  (countries[a2].name,)))
    for name, codes in _places.AMBIGUOUS.items():
        add(name, _Refused("ambiguous: it fits several countries",
                           tuple(countries[c].name for c in codes), codes))
    return names


@functools.cache
def _near_names() -> _Near:
    return _Near(k for k in _names() if len(k) >= 4)


@functools.cache
def _foreign() -> dict[str, Country]:
    """Names from pycountry's catalogues in other languages (``places/names.tsv``)."""
    countries = _countries()
    foreign: dict[str, Country] = {}
    for line in _data("names.tsv").splitlines():
        if line and not line.startswith("#"):
            a2, _, keys = line.partition("\t")
            foreign.update(dict.fromkeys(keys.split(), countries[a2]))
    return foreign


def _is_ordinary(text: str) -> bool:
    """Whether ``text`` is an ordinary English or German word, spelt as the word list spells
    it, case aside: "suede" is the word, "Suède" French for Sweden."""
    return "".join(text.casefold().split()) in _ordinary()


@functools.cache
def _ordinary() -> frozenset[str]:
    """Ordinary English and German words never read as a country (``places/words.txt``)."""
    words = (line.partition("#")[0].strip() for line in _data("words.txt").splitlines())
    return frozenset(word.casefold() for word in words if word)


@functools.cache
def _m49() -> dict[str, tuple[str, str]]:
    """alpha-2 -> (UN M49 region, sub-region), from ``places/m49.txt``."""
    regions = {}
    for line in _data("m49.txt").splitlines():
        if line and not line.startswith("#"):
            region, subregion, _, codes = (part.strip() for part in line.split("|"))
            regions.update(dict.fromkeys(codes.split(), (region, subregion)))
    return regions


@functools.cache
def _states() -> tuple[dict[str, str], _Near]:
    """Every name of a German state (code, suffix, German, English, aliases) -> code."""
    table = {k: code for code, names in STATES.items()
             for name in (code, code[3:], *names, *_places.STATE_ALIASES.get(code, ()))
             for k in _name_keys(name)}
    return table, _Near(table, depth=2)


@functools.cache
def _regions() -> tuple[dict[str, str], _Near]:
    table = {k: canonical for canonical, variants in _places.REGION_NAMES.items()
             for name in (canonical, *variants) for k in _name_keys(name)}
    return table, _Near(table, depth=2)


def _data(name: str) -> str:
    raw = pkgutil.get_data("germanclusters", f"places/{name}")
    if raw is None:  # pragma: no cover - only without a package loader
        raise FileNotFoundError(name)
    return raw.decode("utf-8")


# ------------------------------------------------------------------ pycountry

_Record = dict[str, str]


@functools.cache
def _pycountry() -> tuple[list[_Record], gettext.NullTranslations]:
    """pycountry's ISO 3166-1 records and its German catalogue ``iso3166-1``.

    Read from the files pycountry installs, found without running ``import pycountry``.
    Measured need (pycountry 26.2.16, CPython 3.11, 2 cores): that import takes 86 ms,
    68 ms of it in importlib.metadata for ``pycountry.__version__``, while reading the
    two files takes 5 ms; the first answer in a new process (``gc.cluster(...)``) loads
    every country through here. Should pycountry move its files, its public API is used.
    """
    import gettext
    import importlib.util
    import json
    import os.path

    spec = importlib.util.find_spec("pycountry")
    root = next(iter(spec.submodule_search_locations or ()), "") if spec else ""
    database = os.path.join(root, "databases", "iso3166-1.json")
    catalogue = os.path.join(root, "locales", "de", "LC_MESSAGES", "iso3166-1.mo")
    if os.path.isfile(database) and os.path.isfile(catalogue):
        with open(database, encoding="utf-8") as file:
            records: list[_Record] = json.load(file)["3166-1"]
        with open(catalogue, "rb") as binary:
            return records, gettext.GNUTranslations(binary)
    import pycountry  # pragma: no cover - only if pycountry changes its layout

    records = [dict(c._fields) for c in pycountry.countries]  # pragma: no cover
    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    return records, german  # pragma: no cover


def _translated(catalogue: gettext.NullTranslations, message: str) -> str | None:
    translated = catalogue.gettext(message)
    return translated if translated != message else None


def _subdivision(code: str) -> str | None:
    """pycountry's name of an ISO 3166-2 subdivision, or None."""
    import pycountry

    found = pycountry.subdivisions.get(code=code)  # type: ignore[no-untyped-call]
    return None if found is None else str(found.name)
