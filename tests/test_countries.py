"""Tests of germanclusters.countries: countries, regions, German states, subdivisions.

In the shape of python-holidays' tests: a small harness of domain assertions
(``assert_normalises``, ``assert_refused``) and tables of cases. Expected values are
ISO 3166 facts (as pycountry and its catalogues publish them), UN M49 facts, or the
conventions written in docs/countries.md; never output copied from the code.
"""

from __future__ import annotations

import contextlib
import gettext
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pycountry
import pytest
from hypothesis import given
from hypothesis import strategies as st

from germanclusters import _places
from germanclusters.countries import (
    REGIONS,
    all_countries,
    from_alpha_2,
    normalize_countries,
    normalize_country,
    normalize_region,
    normalize_state,
    normalize_subdivision,
    subdivision_name,
)
from germanclusters.errors import UnknownCountry, UnknownState
from germanclusters.model import Country

ROOT = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------- the harness


def assert_normalises(text: str, alpha_2: str) -> None:
    """``text`` is read as the country with this alpha-2 code."""
    got = normalize_country(text)
    assert got.alpha_2 == alpha_2, f"{text!r} read as {got.alpha_2}, expected {alpha_2}"


def assert_refused(
    text: str, *, reason: str | None = None, suggests: str | None = None
) -> UnknownCountry:
    """``text`` is read as no country; the reason and suggestions say so if given."""
    try:
        got = normalize_country(text)
    except UnknownCountry as exc:
        if reason is not None:
            assert reason in (exc.reason or ""), f"{text!r}: reason {exc.reason!r}"
        if suggests is not None:
            assert suggests in exc.suggestions, f"{text!r}: suggestions {exc.suggestions}"
        assert exc.query == text
        return exc
    raise AssertionError(f"{text!r} was read as {got.alpha_2}; expected no country")


def build_places() -> ModuleType:
    """tools/build_places.py, which writes the generated tables (imported by path)."""
    path = ROOT / "tools" / "build_places.py"
    spec = importlib.util.spec_from_file_location("build_places", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GERMAN = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
AMBIGUOUS_KEYS = {k for name in _places.AMBIGUOUS for k in (name.casefold(),)}

# ---------------------------------------------------------------------- ISO facts


@pytest.mark.parametrize("iso", list(pycountry.countries), ids=lambda c: c.alpha_2)
def test_codes_in_any_case(iso: pycountry.db.Country) -> None:
    for code in (iso.alpha_2, iso.alpha_3, iso.numeric, iso.alpha_2.lower(),
                 f" {iso.alpha_3.lower()} "):
        assert_normalises(code, iso.alpha_2)


@pytest.mark.parametrize("iso", list(pycountry.countries), ids=lambda c: c.alpha_2)
def test_english_and_german_iso_names(iso: pycountry.db.Country) -> None:
    for field in ("name", "official_name", "common_name"):
        name = getattr(iso, field, None)
        if name is None:
            continue
        for text in (name, GERMAN.gettext(name)):
            if text.casefold() in AMBIGUOUS_KEYS:  # ISO's "Congo" for CG: see docs
                assert_refused(text, reason="ambiguous")
            else:
                assert_normalises(text, iso.alpha_2)


def test_country_record() -> None:
    fi = from_alpha_2("FI")
    assert (fi.alpha_2, fi.alpha_3, fi.numeric, fi.name, fi.name_de) == (
        "FI", "FIN", "246", "Finland", "Finnland")
    assert from_alpha_2("FI") is normalize_country("Finnland")
    assert len(all_countries()) == len(pycountry.countries)
    assert [c.alpha_2 for c in all_countries()] == sorted(c.alpha_2 for c in pycountry.countries)


@pytest.mark.parametrize(("a2", "region", "subregion"), [
    ("JP", "Asia", "Eastern Asia"), ("US", "Americas", "Northern America"),
    ("BR", "Americas", "Latin America and the Caribbean"), ("KE", "Africa", "Sub-Saharan Africa"),
    ("DE", "Europe", "Western Europe"), ("FI", "Europe", "Northern Europe"),
    ("AU", "Oceania", "Australia and New Zealand"), ("TR", "Asia", "Western Asia"),
    ("AQ", None, None), ("TW", None, None),  # M49 places neither
])
def test_un_m49_regions(a2: str, region: str | None, subregion: str | None) -> None:
    country = from_alpha_2(a2)
    assert (country.region, country.subregion) == (region, subregion)


def test_m49_places_every_country_but_antarctica_and_taiwan() -> None:
    unplaced = {c.alpha_2 for c in all_countries() if c.region is None}
    assert unplaced == {"AQ", "TW"}


_COCO_TABLE = """
import json, country_converter as coco
data = coco.CountryConverter().data
print(json.dumps({r.ISO3: [r.continent, r.UNregion] for r in data.itertuples()}))
"""


def _country_converter_table() -> dict[str, tuple[str, str]]:
    """country_converter's continent and UN region per alpha-3 code.

    country_converter does not work with pandas 3, so CI installs it (with pandas<3) in a
    virtual environment of its own and names its Python in COCO_PYTHON.
    """
    python = os.environ.get("COCO_PYTHON")
    if python is None:
        pytest.importorskip("country_converter", reason="country_converter is not installed "
                            "here and COCO_PYTHON names no Python that has it")
        python = sys.executable
    out = subprocess.run([python, "-c", _COCO_TABLE], capture_output=True, text=True,
                         check=True, timeout=300)
    return {k: (v[0], v[1]) for k, v in json.loads(out.stdout).items()}


def test_m49_agrees_with_country_converter() -> None:
    theirs = _country_converter_table()
    lines = (ROOT / "src" / "germanclusters" / "places" / "m49.txt").read_text("utf-8")
    ours = {}
    for line in lines.splitlines():
        if line and not line.startswith("#"):
            region, subregion, intermediate, codes = (p.strip() for p in line.split("|"))
            ours.update(dict.fromkeys(codes.split(), (region, intermediate or subregion)))
    # country_converter's "continent" is its own scheme, not M49's region: it puts
    # Bouvet Island, South Georgia and Heard Island in Antarctica and Christmas and Cocos
    # Islands in Asia. It lists Nauru in Polynesia where M49 has Micronesia, and leaves
    # out M49's intermediate region "Channel Islands" (Guernsey, Jersey).
    known = {"BV", "GS", "HM", "CX", "CC", "NR", "GG", "JE"}
    for a2, (region, sub) in ours.items():
        if a2 in known:
            continue
        continent, unregion = theirs[from_alpha_2(a2).alpha_3]
        assert (region, sub) == ({"America": "Americas"}.get(continent, continent), unregion), a2


# ---------------------------------------------------------------------- what is read


@pytest.mark.parametrize(("text", "a2"), [
    # conventions (docs/countries.md)
    ("England", "GB"), ("Scotland", "GB"), ("Wales", "GB"), ("Great Britain", "GB"),
    ("UK", "GB"), ("Holland", "NL"), ("USA", "US"), ("Vereinigtes Königreich", "GB"),
    # German, with and without umlauts, articles
    ("Finnland", "FI"), ("Österreich", "AT"), ("Oesterreich", "AT"), ("Osterreich", "AT"),
    ("die Schweiz", "CH"), ("der Türkei", "TR"),
    # other languages pycountry translates
    ("Espagne", "ES"), ("Alemania", "DE"), ("Duitsland", "DE"), ("Niemcy", "DE"),
    ("Suède", "SE"), ("Países Bajos", "NL"), ("Giappone", "JP"), ("Германия", "DE"),
    ("日本", "JP"), ("Ελλάδα", "GR"),
    # typos, in English and German
    ("Sinapore", "SG"), ("Brasil", "BR"), ("Germny", "DE"), ("Swtizerland", "CH"),
    ("Untied States", "US"), ("Deutchland", "DE"), ("Frankriech", "FR"), ("Japna", "JP"),
    # HTML, mojibake, invisible characters and spacing
    ("<td>Italy</td>", "IT"), ("France&nbsp;", "FR"), ("Trinidad &amp; Tobago", "TT"),
    ("T&uuml;rkei", "TR"), ("&lt;b&gt;Norway&lt;/b&gt;", "NO"), ("  united\tkingdom ", "GB"),
    ("Ger\u00admany", "DE"), ("\ufeffJapan", "JP"),
    # a code beside the name, two spellings, inverted and long forms
    ("DE - Germany", "DE"), ("Austria [AT]", "AT"), ("ITA Italy", "IT"), ("Japan (JP)", "JP"),
    ("Deutschland / Germany", "DE"), ("Korea (KR)", "KR"), ("Congo (CD)", "CD"),
    ("Germany, Federal Republic of", "DE"), ("Korea, Republic of", "KR"), ("Bahamas, The", "BS"),
    ("Republik Polen", "PL"), ("Oriental Republic of Uruguay", "UY"), ("Fiji Islands", "FJ"),
    ("Economic area: Japan", "JP"), ("Georgia (country)", "GE"),
])
def test_reads(text: str, a2: str) -> None:
    assert_normalises(text, a2)


@pytest.mark.parametrize("name", ["Österreich", "Türkei", "Côte d'Ivoire", "São Tomé and Príncipe",
                                  "Włochy", "Großbritannien", "Curaçao"])
def test_reads_utf_8_read_as_windows_1252_or_latin_1(name: str) -> None:
    expected = normalize_country(name).alpha_2
    once = name.encode("utf-8").decode("cp1252", errors="ignore")
    assert_normalises(once, expected)
    assert_normalises(once.encode("utf-8").decode("cp1252", errors="ignore"), expected)
    if "ł" not in name:
        assert_normalises(name.encode("utf-8").decode("latin-1"), expected)


@pytest.mark.parametrize(("a2", "aliases"), list(_places.ALIASES.items()))
def test_every_alias(a2: str, aliases: tuple[str, ...]) -> None:
    for alias in aliases:
        assert_normalises(alias, a2)


@pytest.mark.parametrize(("a2", "names"), list(_places.ENDONYMS.items()))
def test_every_endonym(a2: str, names: tuple[str, ...]) -> None:
    for name in names:
        assert_normalises(name, a2)


# ---------------------------------------------------------------------- what is refused


@pytest.mark.parametrize(("text", "reason", "suggests"), [
    ("Asia-Pacific", "region", None), ("APAC", "region", None), ("Eurpoe", "region", None),
    ("Korea", "ambiguous", "South Korea"), ("Congo", "ambiguous", None),
    ("Kongo", "ambiguous", None), ("Virgin Islands", "ambiguous", None),
    ("German", "adjective", "Germany"), ("Swiss", "adjective", "Switzerland"),
    ("Germans", "adjective", "Germany"), ("Türke", "adjective", None),
    ("hungry", "ordinary word", "Hungary"), ("Pollen", "ordinary word", "Poland"),
    ("Inland", "ordinary word", None), ("Ausland", None, None), ("Festland", None, None),
    ("Sachsen", "German state", None), ("Bavaria", "German state", None),
    ("Kosovo", "ISO 3166-1", None), ("Soviet Union", "former", None),
    ("Germany and France", "different countries", "France"),
    ("DE - France", "different countries", None), ("Germany, France", "different countries", None),
    ("Austraia", "several", None),  # one edit from Austria and from Australia
    ("", "empty", None), ("   ", "empty", None), ("\x00DE", "control", None),
    ("x" * 201, "longer than", None), ("999", "numeric", None),
])
def test_refuses_with_a_reason(text: str, reason: str, suggests: str | None) -> None:
    assert_refused(text, reason=reason, suggests=suggests)


@pytest.mark.parametrize("text", [
    "Atlantis", "N/A", "-", "TBD", "unknown", "the States", "Latvian", "Cuban", "Tunesier",
    "chili", "basil", "whales", "Samba", "Roman", "Chili", "Italiener", "Norweger", "man",
    "pain", "Suede", "Berlin", "Lagos",
])
def test_refuses(text: str) -> None:
    assert_refused(text)


@pytest.mark.parametrize(("a2", "words"), list(_places.DEMONYMS.items()))
def test_every_demonym_is_refused(a2: str, words: tuple[str, ...]) -> None:
    for word in words:
        assert_refused(word, reason="adjective", suggests=from_alpha_2(a2).name)


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_is_refused_as_a_country(region: str) -> None:
    assert_refused(region, reason="region")
    for variant in _places.REGION_NAMES[region]:
        assert normalize_region(variant) == region


def test_ambiguous_names_name_the_candidates() -> None:
    for name, codes in _places.AMBIGUOUS.items():
        exc = assert_refused(name, reason="ambiguous")
        assert set(exc.suggestions) == {from_alpha_2(c).name for c in codes}


def test_ordinary_words_list_is_refused() -> None:
    lines = (ROOT / "src" / "germanclusters" / "places" / "words.txt").read_text("utf-8")
    for line in lines.splitlines():
        word = line.partition("#")[0].strip()
        if word and len(word) > 3:  # shorter ones are codes ("is" is Iceland)
            assert_refused(word)


# ---------------------------------------------------------------------- columns


def test_normalize_countries_keeps_order_and_coerces() -> None:
    got = normalize_countries(["Finnland", "Asia-Pacific", "Finnland", "de"], errors="coerce")
    assert [c.alpha_2 if c else None for c in got] == ["FI", None, "FI", "DE"]
    assert normalize_countries([]) == []


def test_normalize_countries_raises_on_the_first_unreadable_text() -> None:
    with pytest.raises(UnknownCountry) as exc:
        normalize_countries(["Finnland", "Asia-Pacific", "Atlantis"])
    assert exc.value.query == "Asia-Pacific"


@pytest.mark.parametrize("texts", ["Finnland", ["Finnland", 42], [None]])
def test_normalize_countries_wants_strings(texts: object) -> None:
    with pytest.raises(TypeError):
        normalize_countries(texts)  # type: ignore[arg-type]


def test_normalize_countries_errors_argument() -> None:
    with pytest.raises(ValueError, match="errors"):
        normalize_countries(["FI"], errors="ignore")  # type: ignore[arg-type]


# ---------------------------------------------------------------------- alpha-2 lookups


def test_from_alpha_2_is_strict() -> None:
    assert from_alpha_2("DE").name == "Germany"
    for bad in ("de", "DEU", "Germany", " DE", "XK"):
        with pytest.raises(UnknownCountry):
            from_alpha_2(bad)
    with pytest.raises(UnknownCountry) as exc:
        from_alpha_2("fi")
    assert exc.value.suggestions == ("FI",)


@pytest.mark.parametrize("function", [normalize_country, from_alpha_2, normalize_state,
                                      normalize_region, normalize_subdivision, subdivision_name])
@pytest.mark.parametrize("value", [42, None, b"DE", ["DE"]])
def test_wrong_types(function: object, value: object) -> None:
    with pytest.raises(TypeError):
        function(value)  # type: ignore[operator]


# ---------------------------------------------------------------------- states, subdivisions


@pytest.mark.parametrize(("code", "names"), list(_places.STATES.items()))
def test_every_state(code: str, names: tuple[str, str]) -> None:
    for text in (code, code.lower(), code[3:], *names, *_places.STATE_ALIASES.get(code, ())):
        assert normalize_state(text) == code
        assert normalize_subdivision(text) == code
    assert subdivision_name(code) == names[0]


@pytest.mark.parametrize(("text", "code"), [
    ("Thueringen", "DE-TH"), ("Thuringen", "DE-TH"), ("Nordrhein Westfalen", "DE-NW"),
    ("Sachsn-Anhalt", "DE-ST"), ("Bayren", "DE-BY"),
])
def test_states_with_umlauts_spelt_out_and_typos(text: str, code: str) -> None:
    assert normalize_state(text) == code


def test_unknown_state_suggests() -> None:
    with pytest.raises(UnknownState) as exc:
        normalize_state("Sachsn-Anhlt")
    assert "Sachsen-Anhalt" in exc.value.suggestions
    with pytest.raises(UnknownState):
        normalize_state("Narnia")


@pytest.mark.parametrize(("text", "code", "name"), [
    (" cn-js ", "CN-JS", pycountry.subdivisions.get(code="CN-JS").name),
    ("US-OH", "US-OH", "Ohio"),
    ("fr-idf", "FR-IDF", pycountry.subdivisions.get(code="FR-IDF").name),
])
def test_subdivisions(text: str, code: str, name: str) -> None:
    assert normalize_subdivision(text) == code
    assert subdivision_name(text) == name


@pytest.mark.parametrize("text", ["XX-YY", "CN-ZZ", "DE-XX", "Narnia", "", "CN"])
def test_unknown_subdivisions(text: str) -> None:
    with pytest.raises(UnknownState):
        normalize_subdivision(text)


# ---------------------------------------------------------------------- the tables


def test_regions_are_sorted_and_unique() -> None:
    assert list(REGIONS) == sorted(set(REGIONS), key=str.casefold)


def test_curated_tables_name_real_countries() -> None:
    codes = {c.alpha_2 for c in pycountry.countries}
    for table in (_places.ALIASES, _places.ENDONYMS, _places.DEMONYMS):
        assert set(table) <= codes
    assert {c for codes_ in _places.AMBIGUOUS.values() for c in codes_} <= codes


def test_no_curated_name_means_two_things() -> None:
    from germanclusters.countries import _name_keys

    meaning: dict[str, str] = {}
    tables = {
        "alias": [(n, a2) for a2, ns in {**_places.ALIASES}.items() for n in ns],
        "endonym": [(n, a2) for a2, ns in _places.ENDONYMS.items() for n in ns],
        "demonym": [(n, "demonym") for ns in _places.DEMONYMS.values() for n in ns],
        "ambiguous": [(n, "ambiguous") for n in _places.AMBIGUOUS],
        "region": [(n, r) for r, ns in _places.REGION_NAMES.items() for n in (r, *ns)],
        "not a country": [(n, "not") for n in _places.NOT_COUNTRIES],
    }
    for kind, pairs in tables.items():
        for name, target in pairs:
            for key in _name_keys(name):
                seen = meaning.setdefault(key, f"{kind}:{target}")
                assert seen == f"{kind}:{target}", f"{name!r} is {seen} and {kind}:{target}"


def test_names_table_is_current() -> None:
    tool = build_places()
    shipped = (ROOT / "src" / "germanclusters" / "places" / "names.tsv").read_text("utf-8")
    built_from = shipped.splitlines()[1]
    if f"pycountry {tool.pycountry_version()}." not in built_from:
        pytest.skip(f"names.tsv was {built_from.strip('# ')}; run tools/build_places.py names")
    assert tool.names_tsv() == shipped, "run: python tools/build_places.py names"


def test_words_list_is_current() -> None:
    pytest.importorskip("wordfreq")
    tool = build_places()
    shipped = (ROOT / "src" / "germanclusters" / "places" / "words.txt").read_text("utf-8")
    assert tool.words_txt() == shipped, "run: python tools/build_places.py words"


def test_docs_tables_are_current() -> None:
    tool = build_places()
    doc = (ROOT / "docs" / "countries.md").read_text("utf-8")
    assert tool.BEGIN in doc and tool.END in doc
    assert tool.doc_with_tables(doc) == doc, "run: python tools/build_places.py docs"


def test_nothing_is_loaded_at_import() -> None:
    import subprocess

    code = ("import sys, germanclusters.countries; "
            "print(sorted(m for m in ('pycountry', 'gettext') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert out.stdout.strip() == "[]"


# ---------------------------------------------------------------------- properties


@given(st.sampled_from(list(pycountry.countries)))
def test_round_trip_through_codes_and_names(iso: pycountry.db.Country) -> None:
    country = from_alpha_2(iso.alpha_2)
    assert isinstance(country, Country)
    for text in (country.alpha_2, country.alpha_3, country.numeric, country.name,
                 country.name_de):
        if text.casefold() in AMBIGUOUS_KEYS:
            continue
        assert normalize_country(text) is country


_NAMEISH = st.one_of(
    st.text(max_size=40),
    st.builds(lambda a, b, sep: f"{a}{sep}{b}",
              st.sampled_from([c.name for c in pycountry.countries] + list(REGIONS)),
              st.text(max_size=6),
              st.sampled_from(["", " ", ", ", " - ", " (", "/", "&amp;", "<b>"])),
)


@given(_NAMEISH)
def test_any_text_gives_a_country_or_our_error(text: str) -> None:
    try:
        assert isinstance(normalize_country(text), Country)
    except UnknownCountry as exc:
        assert exc.query == text
    got = normalize_countries([text, text], errors="coerce")
    assert got[0] is got[1]
    for function in (normalize_state, normalize_subdivision):
        with contextlib.suppress(UnknownState):
            assert isinstance(function(text), str)
    with contextlib.suppress(UnknownCountry):
        assert normalize_region(text) in REGIONS
