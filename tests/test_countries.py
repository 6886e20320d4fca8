"""Tests of germanclusters.countries: countries, regions and German states.

Expected values are ISO 3166 facts (codes, names as pycountry and its German
catalogue publish them) or the conventions documented in docs/countries.md, never
output copied from the code.
"""

from __future__ import annotations

import contextlib
import gettext
import subprocess
import sys
import threading
import time
from typing import Any

import pycountry  # type: ignore[import-untyped,unused-ignore]
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import germanclusters.countries as countries_module
from germanclusters.countries import (
    REGIONS,
    all_countries,
    from_alpha_2,
    is_region,
    normalize_country,
    normalize_region,
    normalize_state,
)
from germanclusters.errors import GermanClustersError, UnknownCountry, UnknownState
from germanclusters.model import Country

# ------------------------------------------------------------------- ground truth

_GERMAN = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])


def _iso_names() -> list[tuple[str, str]]:
    """(text, alpha-2) for every name and code pycountry publishes, English and German."""
    out: list[tuple[str, str]] = []
    for c in pycountry.countries:
        a2 = c.alpha_2
        out += [(a2, a2), (c.alpha_3, a2), (c.numeric, a2), (c.name, a2)]
        for field in ("official_name", "common_name"):
            value = getattr(c, field, None)
            if value:
                out.append((value, a2))
        for field in ("name", "official_name", "common_name"):
            value = getattr(c, field, None)
            if value:
                out.append((_GERMAN.gettext(value), a2))
    return out


ISO_NAMES = _iso_names()
STATE_NAMES: dict[str, tuple[str, str]] = {
    # ISO 3166-2:DE code -> (German name as in ISO 3166-2, English exonym)
    "DE-BW": ("Baden-Württemberg", "Baden-Württemberg"),
    "DE-BY": ("Bayern", "Bavaria"),
    "DE-BE": ("Berlin", "Berlin"),
    "DE-BB": ("Brandenburg", "Brandenburg"),
    "DE-HB": ("Bremen", "Bremen"),
    "DE-HH": ("Hamburg", "Hamburg"),
    "DE-HE": ("Hessen", "Hesse"),
    "DE-MV": ("Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania"),
    "DE-NI": ("Niedersachsen", "Lower Saxony"),
    "DE-NW": ("Nordrhein-Westfalen", "North Rhine-Westphalia"),
    "DE-RP": ("Rheinland-Pfalz", "Rhineland-Palatinate"),
    "DE-SL": ("Saarland", "Saarland"),
    "DE-SN": ("Sachsen", "Saxony"),
    "DE-ST": ("Sachsen-Anhalt", "Saxony-Anhalt"),
    "DE-SH": ("Schleswig-Holstein", "Schleswig-Holstein"),
    "DE-TH": ("Thüringen", "Thuringia"),
}


def _a2(text: str) -> str:
    return normalize_country(text).alpha_2


# ------------------------------------------------------------------------ examples


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Germany", "DE"),
        ("Finland", "FI"),
        ("Japan", "JP"),
        ("United States", "US"),
        ("United Kingdom", "GB"),
        ("Switzerland", "CH"),
        ("Austria", "AT"),
        ("Australia", "AU"),
        ("Niger", "NE"),
        ("Nigeria", "NG"),
        ("Guinea", "GN"),
        ("Guyana", "GY"),
        ("Guinea-Bissau", "GW"),
        ("Equatorial Guinea", "GQ"),
        ("Papua New Guinea", "PG"),
        ("Dominica", "DM"),
        ("Dominican Republic", "DO"),
        ("Sudan", "SD"),
        ("South Sudan", "SS"),
        ("Iceland", "IS"),
        ("Ireland", "IE"),
        ("Congo", "CG"),
        ("Czechia", "CZ"),
        ("Singapore", "SG"),
        ("South Africa", "ZA"),
    ],
)
def test_english_names(text: str, expected: str) -> None:
    assert _a2(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Deutschland", "DE"),
        ("Finnland", "FI"),
        ("Österreich", "AT"),
        ("Oesterreich", "AT"),
        ("Osterreich", "AT"),
        ("ÖSTERREICH", "AT"),
        ("Vereinigtes Königreich", "GB"),
        ("Vereinigtes Koenigreich", "GB"),
        ("Großbritannien", "GB"),
        ("Grossbritannien", "GB"),
        ("Vereinigte Staaten", "US"),
        ("Vereinigte Staaten von Amerika", "US"),
        ("Amerika", "US"),
        ("Niederlande", "NL"),
        ("Südkorea", "KR"),
        ("Suedkorea", "KR"),
        ("Nordkorea", "KP"),
        ("Russland", "RU"),
        ("Tschechien", "CZ"),
        ("Türkei", "TR"),
        ("Tuerkei", "TR"),
        ("Schweiz", "CH"),
        ("Weißrussland", "BY"),
        ("Weissrussland", "BY"),
        ("Dänemark", "DK"),
        ("Daenemark", "DK"),
        ("Ägypten", "EG"),
        ("Aegypten", "EG"),
        ("Elfenbeinküste", "CI"),
        ("Island", "IS"),  # German for Iceland
        ("Irland", "IE"),
        ("Kongo", "CG"),
        ("Singapur", "SG"),
        ("die Schweiz", "CH"),
    ],
)
def test_german_names(text: str, expected: str) -> None:
    assert _a2(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("DE", "DE"),
        ("de", "DE"),
        (" de ", "DE"),
        ("DEU", "DE"),
        ("deu", "DE"),
        ("276", "DE"),
        ("040", "AT"),
        ("076", "BR"),
        ("FI", "FI"),
        ("FIN", "FI"),
        ("246", "FI"),
        ("KOR", "KR"),
        ("410", "KR"),
        ("PRK", "KP"),
        ("GBR", "GB"),
        ("826", "GB"),
        ("USA", "US"),  # also the alpha-3 code
        ("840", "US"),
    ],
)
def test_codes(text: str, expected: str) -> None:
    assert _a2(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the conventions of docs/countries.md
        ("England", "GB"),
        ("Scotland", "GB"),
        ("Wales", "GB"),
        ("Northern Ireland", "GB"),
        ("Great Britain", "GB"),
        ("Britain", "GB"),
        ("UK", "GB"),
        ("U.K.", "GB"),
        ("Holland", "NL"),
        ("Korea", "KR"),
        ("South Korea", "KR"),
        ("Republic of Korea", "KR"),
        ("North Korea", "KP"),
        ("America", "US"),
        ("USA", "US"),
        ("U.S.A.", "US"),
        ("U.S.", "US"),
        ("Russia", "RU"),
        ("Czech Republic", "CZ"),
        ("Vietnam", "VN"),
        ("Viet Nam", "VN"),
        ("Iran", "IR"),
        ("Persia", "IR"),
        ("Taiwan", "TW"),
        ("Bolivia", "BO"),
        ("Venezuela", "VE"),
        ("Syria", "SY"),
        ("Laos", "LA"),
        ("Moldova", "MD"),
        ("Tanzania", "TZ"),
        ("Turkey", "TR"),
        ("Turkiye", "TR"),
        ("Türkiye", "TR"),
        ("Ivory Coast", "CI"),
        ("Côte d'Ivoire", "CI"),
        ("Cote d'Ivoire", "CI"),
        ("Côte d\u2019Ivoire", "CI"),
        ("Macedonia", "MK"),
        ("North Macedonia", "MK"),
        ("Brasil", "BR"),
        ("Burma", "MM"),
        ("Myanmar", "MM"),
        ("Swaziland", "SZ"),
        ("Eswatini", "SZ"),
        ("Cape Verde", "CV"),
        ("Cabo Verde", "CV"),
        ("East Timor", "TL"),
        ("Timor-Leste", "TL"),
        ("Vatican", "VA"),
        ("Holy See", "VA"),
        ("Palestine", "PS"),
        ("Hong Kong", "HK"),
        ("Macau", "MO"),
        ("Macao", "MO"),
        ("DR Congo", "CD"),
        ("Republic of the Congo", "CG"),
    ],
)
def test_conventions_and_colloquial_names(text: str, expected: str) -> None:
    assert _a2(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  united   states ", "US"),
        ("UNITED KINGDOM", "GB"),
        ("Korea, Republic of", "KR"),
        ("Korea (Republic of)", "KR"),
        ("Iran (Islamic Republic of)", "IR"),
        ("Bolivia (Plurinational State of)", "BO"),
        ("the Netherlands", "NL"),
        ("The Netherlands", "NL"),
        ("Netherlands (the)", "NL"),
        ("Bahamas (the)", "BS"),
        ("Congo (the Democratic Republic of the)", "CD"),
        ("Bosnia & Herzegovina", "BA"),
        ("Bosnia-Herzegovina", "BA"),
        ("St. Lucia", "LC"),
        ("Saint Lucia", "LC"),
        ("Trinidad & Tobago", "TT"),
        ("New-Zealand", "NZ"),
        ("sri-lanka", "LK"),
        ("Japan (JP)", "JP"),
        ("Deutschland / Germany", "DE"),
        ("\tFrance\n", "FR"),
        ("Economic area: Japan", "JP"),
        ("Oriental Republic of Uruguay", "UY"),
        ("Republik Polen", "PL"),
        ("Fiji Islands", "FJ"),
    ],
)
def test_case_spacing_and_punctuation(text: str, expected: str) -> None:
    assert _a2(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Untied States", "US"),
        ("Sinapore", "SG"),
        ("Singapor", "SG"),
        ("Germny", "DE"),
        ("Swizerland", "CH"),
        ("Phillipines", "PH"),
        ("Nigerai", "NG"),
        ("Argentinia", "AR"),
        ("Kazakstan", "KZ"),
        ("Isreal", "IL"),
        ("Equador", "EC"),
        ("Columbia", "CO"),
        ("Jappan", "JP"),
        ("Grece", "GR"),
        ("Oesterrreich", "AT"),
        ("Austraila", "AU"),
        ("United Kingdon", "GB"),
    ],
)
def test_typos_with_one_clear_match(text: str, expected: str) -> None:
    assert _a2(text) == expected


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("Nigera", {"Niger", "Nigeria"}),  # one edit from both
        ("Austraia", {"Austria", "Australia"}),  # one edit from both
        ("Virgin Islands", {"Virgin Islands, British", "Virgin Islands, U.S."}),
    ],
)
def test_near_ties_raise_with_both_candidates(text: str, candidates: set[str]) -> None:
    with pytest.raises(UnknownCountry) as info:
        normalize_country(text)
    assert info.value.query == text
    assert candidates <= set(info.value.suggestions)
    assert len(info.value.suggestions) <= 3


@pytest.mark.parametrize("text", ["Chna", "Jap", "Ger", "GER", "Xy", "Iarn", "Nile", "Mail"])
def test_short_inputs_are_not_fuzzy_matched(text: str) -> None:
    # GER is not an ISO alpha-3 code (Germany is DEU); no fuzzy step below five letters
    with pytest.raises(UnknownCountry):
        normalize_country(text)


@pytest.mark.parametrize(
    "text",
    [
        "Asia-Pacific",
        "asia pacific",
        "APAC",
        "Asien-Pazifik",
        "Economic area: Asia-Pacific",
        "EU",
        "European Union",
        "Europäische Union",
        "Europe",
        "Europa",
        "Scandinavia",
        "Skandinavien",
        "Latin America",
        "Africa",
        "Afrika",
        "Asia",
        "Middle East",
        "worldwide",
        "weltweit",
        "Eurpoe",  # a typo of a region is still a region
        "Scandanavia",
    ],
)
def test_regions_are_not_countries(text: str) -> None:
    with pytest.raises(UnknownCountry) as info:
        normalize_country(text)
    assert info.value.reason is not None
    assert "region" in info.value.reason


@pytest.mark.parametrize(
    "text",
    ["Atlantis", "Narnia", "Wakanda", "asdf", "N/A", "n.a.", "-", "?", "12345", "999", "XX",
     "Germany, France", "Lagos", "Siberia", "Neverland"],
)
def test_nonsense_raises(text: str) -> None:
    with pytest.raises(UnknownCountry) as info:
        normalize_country(text)
    assert info.value.query == text
    assert len(info.value.suggestions) <= 3
    assert repr(text) in str(info.value)


def test_nonsense_gets_suggestions() -> None:
    with pytest.raises(UnknownCountry) as info:
        normalize_country("Germanyland")
    assert "Germany" in info.value.suggestions


@pytest.mark.parametrize(
    ("text", "reason_word"),
    [
        ("Kosovo", "ISO 3166-1"),
        ("Yugoslavia", "former"),
        ("Soviet Union", "former"),
        ("DDR", "former"),
        ("Bavaria", "German state"),
        ("Sachsen", "German state"),
    ],
)
def test_not_countries_with_reasons(text: str, reason_word: str) -> None:
    with pytest.raises(UnknownCountry) as info:
        normalize_country(text)
    assert info.value.reason is not None
    assert reason_word in info.value.reason


def test_unknown_country_is_a_lookup_error_and_ours() -> None:
    with pytest.raises(LookupError):
        normalize_country("Atlantis")
    with pytest.raises(GermanClustersError):
        normalize_country("Atlantis")


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "Ger\x00many", "\x07", "Japan\x1b[0m"])
def test_empty_and_control_characters_raise(text: str) -> None:
    with pytest.raises(UnknownCountry):
        normalize_country(text)


def test_very_long_text_raises_fast() -> None:
    text = "Germany " * 10_000
    start = time.perf_counter()
    with pytest.raises(UnknownCountry) as info:
        normalize_country(text)
    assert time.perf_counter() - start < 0.5
    assert info.value.reason is not None
    assert "200" in info.value.reason
    assert len(str(info.value)) < 300  # the message shortens the query


@pytest.mark.parametrize(
    "func", [normalize_country, normalize_state, normalize_region, is_region, from_alpha_2]
)
@pytest.mark.parametrize("value", [42, None, b"DE", ["DE"], 2.5])
def test_non_str_raises_type_error(func: Any, value: object) -> None:
    with pytest.raises(TypeError) as info:
        func(value)
    assert type(value).__name__ in str(info.value)
    assert "must be str" in str(info.value)


# ---------------------------------------------------------------- Country records


def test_country_record_fields() -> None:
    de = normalize_country("Germany")
    assert isinstance(de, Country)
    assert (de.alpha_2, de.alpha_3, de.numeric) == ("DE", "DEU", "276")
    assert de.name == "Germany"
    assert de.name_de == "Deutschland"
    fi = normalize_country("FI")
    assert (fi.alpha_3, fi.numeric, fi.name_de) == ("FIN", "246", "Finnland")


def test_display_names_use_common_names() -> None:
    # pycountry's common_name where it has one (docs/countries.md)
    kr = normalize_country("KR")
    assert (kr.alpha_3, kr.numeric) == ("KOR", "410")
    assert kr.name == "South Korea"
    assert kr.name_de == "Südkorea"
    assert normalize_country("TW").name == "Taiwan"


def test_same_country_same_object() -> None:
    assert normalize_country("Finnland") is normalize_country("FI")
    assert normalize_country("Finnland") == from_alpha_2("FI")


def test_all_countries() -> None:
    countries = all_countries()
    codes = [c.alpha_2 for c in countries]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes) == len(pycountry.countries)
    assert len(codes) == 249  # ISO 3166-1 officially assigned codes
    assert all(c.name and c.name_de for c in countries)
    assert {"DE", "FI", "KR", "KP", "GB", "US"} <= set(codes)
    assert "XK" not in codes  # Kosovo has no ISO 3166-1 code


def test_german_names_come_from_the_catalogue() -> None:
    for c in all_countries():
        record = pycountry.countries.get(alpha_2=c.alpha_2)
        assert record is not None
        english = getattr(record, "common_name", None) or record.name
        assert c.name == english
        assert c.name_de == _GERMAN.gettext(english)


def test_from_alpha_2() -> None:
    assert from_alpha_2("DE").alpha_3 == "DEU"
    with pytest.raises(UnknownCountry) as info:
        from_alpha_2("de")
    assert info.value.suggestions == ("DE",)
    for bad in ("DEU", "XK", "UK", "", "Germany"):
        with pytest.raises(UnknownCountry):
            from_alpha_2(bad)


# ------------------------------------------------------------------------ regions


def test_regions_constant() -> None:
    required = {
        "Asia-Pacific", "EU", "Europe", "Scandinavia", "Latin America", "North America",
        "South America", "Africa", "Asia", "Middle East", "Eastern Europe",
        "Southeast Asia", "Nordic countries", "Benelux", "DACH", "Worldwide",
    }
    assert required <= set(REGIONS)
    assert isinstance(REGIONS, tuple)
    assert len(set(REGIONS)) == len(REGIONS)
    for region in REGIONS:
        assert normalize_region(region) == region
        assert is_region(region)
        with pytest.raises(UnknownCountry):
            normalize_country(region)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("asia pacific", "Asia-Pacific"),
        ("Asia-Pacific", "Asia-Pacific"),
        ("APAC", "Asia-Pacific"),
        ("Asien-Pazifik", "Asia-Pacific"),
        ("Economic area: Asia-Pacific", "Asia-Pacific"),
        ("European Union", "EU"),
        ("Europäische Union", "EU"),
        ("Skandinavien", "Scandinavia"),
        ("Scandanavia", "Scandinavia"),
        ("LATAM", "Latin America"),
        ("Naher Osten", "Middle East"),
        ("weltweit", "Worldwide"),
        ("Nordics", "Nordic countries"),
    ],
)
def test_normalize_region(text: str, expected: str) -> None:
    assert normalize_region(text) == expected
    assert is_region(text)


@pytest.mark.parametrize("text", ["Japan", "Germany", "Atlantis", "", "EUR0PE-ish text"])
def test_not_a_region(text: str) -> None:
    with pytest.raises(UnknownCountry) as info:
        normalize_region(text)
    assert info.value.reason is not None
    assert "not a known region" in info.value.reason
    assert not is_region(text)


# ------------------------------------------------------------------------- states


@pytest.mark.parametrize(("code", "names"), sorted(STATE_NAMES.items()))
def test_every_state_by_code_and_names(code: str, names: tuple[str, str]) -> None:
    german, english = names
    for text in (code, code.lower(), code[3:], code[3:].lower(), german, english,
                 german.upper(), english.lower(), f"  {german} "):
        assert normalize_state(text) == code, text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sachsen", "DE-SN"),
        ("Saxony", "DE-SN"),
        ("DE-SN", "DE-SN"),
        ("de-sn", "DE-SN"),
        ("SN", "DE-SN"),
        ("Thüringen", "DE-TH"),
        ("Thueringen", "DE-TH"),
        ("Thuringia", "DE-TH"),
        ("Baden-Württemberg", "DE-BW"),
        ("Baden-Wuerttemberg", "DE-BW"),
        ("Baden Wurttemberg", "DE-BW"),
        ("NRW", "DE-NW"),
        ("Nordrhein Westfalen", "DE-NW"),
        ("Freistaat Bayern", "DE-BY"),
        ("Sachen", "DE-SN"),  # typo: one letter missing
        ("Niedersachen", "DE-NI"),
    ],
)
def test_normalize_state(text: str, expected: str) -> None:
    assert normalize_state(text) == expected


@pytest.mark.parametrize("text", ["Texas", "XX", "DE-XX", "Saxonia Superior", "", "Germany"])
def test_unknown_state(text: str) -> None:
    with pytest.raises(UnknownState) as info:
        normalize_state(text)
    assert info.value.query == text
    assert len(info.value.suggestions) <= 3
    assert isinstance(info.value, LookupError)


def test_unknown_state_suggests_close_names() -> None:
    with pytest.raises(UnknownState) as info:
        normalize_state("Sachsn-Anhlt")
    assert "Sachsen-Anhalt" in info.value.suggestions


# --------------------------------------------------------------------- properties


def _random_case(draw: st.DrawFn, text: str) -> str:
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(ch.upper() if flip else ch.lower() for ch, flip in zip(text, flips, strict=True))


@st.composite
def _messy(draw: st.DrawFn, text: str) -> str:
    """``text`` in random case with random extra spacing where spacing is harmless."""
    cased = _random_case(draw, text)
    words = cased.split(" ")
    gaps = [" " * draw(st.integers(1, 3)) for _ in words[1:]]
    body = words[0] + "".join(g + w for g, w in zip(gaps, words[1:], strict=True))
    pad = st.text(alphabet=" \t", max_size=3)
    return draw(pad) + body + draw(pad)


@given(data=st.data(), item=st.sampled_from(ISO_NAMES))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_every_iso_name_and_code_maps_to_itself(data: st.DataObject, item: tuple[str, str]) -> None:
    text, a2 = item
    messy = text if text.isdigit() else data.draw(_messy(text))
    assert normalize_country(messy).alpha_2 == a2


def test_every_iso_name_and_code_exactly() -> None:
    wrong = [(t, a2) for t, a2 in ISO_NAMES if _a2(t) != a2]
    assert wrong == []


@given(st.text(max_size=60))
def test_random_text_raises_only_unknown_country(text: str) -> None:
    try:
        result = normalize_country(text)
    except UnknownCountry as exc:
        assert exc.query == text
        assert len(exc.suggestions) <= 3
    else:
        assert isinstance(result, Country)


@given(st.text(max_size=60))
def test_random_text_for_regions(text: str) -> None:
    try:
        result = normalize_region(text)
    except UnknownCountry:
        assert not is_region(text)
    else:
        assert result in REGIONS
        assert is_region(text)


@given(st.text(max_size=60))
def test_random_text_for_states(text: str) -> None:
    try:
        result = normalize_state(text)
    except UnknownState as exc:
        assert len(exc.suggestions) <= 3
    else:
        assert result in STATE_NAMES


@given(code=st.sampled_from(sorted(STATE_NAMES)), data=st.data())
def test_state_names_in_random_case(code: str, data: st.DataObject) -> None:
    german, english = STATE_NAMES[code]
    text = data.draw(st.sampled_from([code, german, english]))
    assert normalize_state(data.draw(_messy(text))) == code


@given(region=st.sampled_from(REGIONS), data=st.data())
def test_regions_in_random_case(region: str, data: st.DataObject) -> None:
    assert normalize_region(data.draw(_messy(region))) == region


@given(
    st.one_of(
        st.integers(), st.floats(), st.binary(), st.none(), st.lists(st.text(max_size=3)),
    )
)
def test_non_str_is_always_type_error(value: object) -> None:
    assume(not isinstance(value, str))
    for func in (normalize_country, normalize_region, normalize_state):
        with pytest.raises(TypeError):
            func(value)  # type: ignore[arg-type]


# ------------------------------------------------------------ laziness and speed


def test_import_loads_no_pycountry() -> None:
    code = (
        "import sys\n"
        "import germanclusters.countries as c\n"
        "assert 'pycountry' not in sys.modules, 'import'\n"
        "assert c.REGIONS\n"
        "assert c.normalize_region('APAC') == 'Asia-Pacific'\n"
        "assert c.is_region('EU')\n"
        "assert c.normalize_state('Sachsen') == 'DE-SN'\n"
        "assert 'pycountry' not in sys.modules, 'regions and states'\n"
        "assert c.normalize_country('Finnland').alpha_2 == 'FI'\n"
        "assert 'pycountry' not in sys.modules, 'its data files are read directly'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_country_table_matches_pycountry_public_api() -> None:
    pycountry = pytest.importorskip("pycountry")
    table = countries_module._table()
    assert sorted(table.countries) == sorted(c.alpha_2 for c in pycountry.countries)
    for record in pycountry.countries:
        country = table.countries[record.alpha_2]
        assert (country.alpha_3, country.numeric) == (record.alpha_3, record.numeric)
        assert country.name == getattr(record, "common_name", record.name)
    import gettext

    german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    assert table.countries["DE"].name_de == german.gettext("Germany") == "Deutschland"
    assert table.countries["FI"].name_de == "Finnland"


def test_index_is_built_once_under_contention(monkeypatch: pytest.MonkeyPatch) -> None:
    countries_module._INDEX.reset()
    monkeypatch.setattr(countries_module, "_country_cache", {})
    before = countries_module._INDEX.builds
    barrier = threading.Barrier(32)
    results: list[Country] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def work() -> None:
        try:
            barrier.wait()
            found = normalize_country("Finnland")
            with lock:
                results.append(found)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(32)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(results) == 32
    assert all(r == results[0] for r in results)
    assert results[0].alpha_2 == "FI"
    assert countries_module._INDEX.builds == before + 1


def test_warm_lookups_are_fast() -> None:
    names = ["Finnland", "Sinapore", "U.S.A.", "Atlantis", "Asia-Pacific"]
    for name in names:  # warm up
        with contextlib.suppress(UnknownCountry):
            normalize_country(name)
    rounds = 2000
    start = time.perf_counter()
    for _ in range(rounds):
        for name in names:
            with contextlib.suppress(UnknownCountry):
                normalize_country(name)
    per_call = (time.perf_counter() - start) / (rounds * len(names))
    assert per_call < 50e-6  # generous: a warm call is a dictionary look-up


def test_docs_list_every_region() -> None:
    from pathlib import Path

    page = Path(__file__).resolve().parent.parent / "docs" / "countries.md"
    text = page.read_text(encoding="utf-8")
    table = text.split("| region | also read from |", 1)[1].split("\n\n", 1)[0]
    documented = [
        line.split("|")[1].strip() for line in table.splitlines()[2:] if line.startswith("|")
    ]
    assert documented == list(REGIONS)
    for line in table.splitlines()[2:]:
        region, variants = (cell.strip() for cell in line.split("|")[1:3])
        for variant in variants.split("; "):
            assert normalize_region(variant) == region, variant


@pytest.mark.parametrize(
    ("text", "alpha_2"),
    [
        ("Dem. Rep. Congo", "CD"),
        ("Dem. Republic of Congo", "CD"),
        ("Demokratische Republik Kongo", "CD"),
        ("Dem. People's Rep. Korea", "KP"),
        ("Korea, Dem. People's Rep.", "KP"),
        ("Rep. Congo", "CG"),
    ],
)
def test_dem_abbreviates_democratic_not_the_german_article(text: str, alpha_2: str) -> None:
    assert normalize_country(text).alpha_2 == alpha_2


@pytest.mark.parametrize(
    ("text", "right"),
    [("Dem. Rep. Korea", "KP"), ("Dem Rep of Korea", "KP"), ("Dem. Rep. Kongo", "CD")],
)
def test_dem_abbreviations_never_give_the_other_country(text: str, right: str) -> None:
    try:
        found = normalize_country(text).alpha_2
    except UnknownCountry:
        return  # not answering is allowed; answering the other Korea or Congo is not
    assert found == right
