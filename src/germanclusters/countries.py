"""Normalise country names, named regions and German states.

Source pages name countries messily: in English and German, with typos ("Sinapore"),
colloquial names ("England", "Holland"), codes ("DEU", "de"), odd case, spacing and
punctuation ("U.S.A.", "Korea, Republic of"). :func:`normalize_country` turns such text
into an ISO 3166-1 :class:`~germanclusters.model.Country` or raises
:class:`~germanclusters.errors.UnknownCountry` with up to three suggestions. It never
guesses between two close candidates and never answers a named region ("Asia-Pacific")
with a country.

The order of the steps:

1. Check the input (``TypeError`` for non-``str``; empty, over-long or control-character
   text is an :class:`UnknownCountry`). A known label prefix such as
   ``"Economic area:"`` is dropped.
2. ISO codes: alpha-2 (any case), alpha-3 (any case), numeric (exactly three digits).
3. Folded names: English ``name``, ``official_name`` and ``common_name`` from pycountry,
   their German translations from pycountry's gettext catalogue ``iso3166-1`` and a
   curated table of colloquial names, exonyms and conventions (:data:`_ALIASES`).
   Folding casefolds, strips accents (German umlauts are indexed both as ``a`` and
   ``ae``), drops punctuation and spaces, the word "the" and a leading German article.
   Then "Name (other name)" and "Name / other name" where both parts agree, and full
   names read by their short name ("Oriental Republic of Uruguay", "Fiji Islands").
4. Named regions, German states and former or non-ISO countries raise with a reason.
5. A typo step (Damerau-Levenshtein distance, optimal string alignment): keys of
   five or six characters may have two neighbouring letters swapped or one letter
   missing or doubled; keys of 7-12 characters one edit of any kind; longer keys two.
   The candidate must start with the same letter, and it must be strictly closer than
   every other candidate, or the lookup raises with the tied candidates as suggestions.
   Keys shorter than five characters are never fuzzy-matched.

Nothing is loaded at import: pycountry and its catalogue are read on the first call,
once, under a lock. Results (and failures) are cached by input text, so warm lookups
cost one dictionary access.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Callable, Iterable
from typing import Any, Final, Generic, TypeVar

from germanclusters._states import STATES
from germanclusters.errors import UnknownCountry, UnknownState
from germanclusters.model import Country

__all__ = [
    "REGIONS",
    "all_countries",
    "from_alpha_2",
    "is_region",
    "normalize_country",
    "normalize_region",
    "normalize_state",
]

#: Longest input that is looked at; longer text is no country name.
_MAX_LEN: Final = 200
#: Cached results kept before the cache is emptied (bounds memory on random input).
_CACHE_MAX: Final = 20_000

# --------------------------------------------------------------------------- regions

#: Named regions that are not countries, by canonical name. Each maps to the variants
#: (English, German, abbreviations) that :func:`normalize_region` accepts besides the
#: canonical name itself.
_REGION_VARIANTS: Final[dict[str, tuple[str, ...]]] = {
    "Africa": ("Afrika", "African countries", "afrikanische Länder"),
    "Americas": ("the Americas", "Amerikas", "North and South America", "Nord- und Südamerika"),
    "ASEAN": ("ASEAN countries", "ASEAN states", "ASEAN-Staaten", "ASEAN-Länder",
              "Association of Southeast Asian Nations"),
    "Asia": ("Asien", "Asian countries", "asiatische Länder"),
    "Asia-Pacific": ("Asia Pacific", "APAC", "AsPac", "Asia-Pacific region",
                     "Asia Pacific region", "Asien-Pazifik", "Asien/Pazifik",
                     "Asien-Pazifik-Raum", "asiatisch-pazifischer Raum", "Pacific Asia",
                     "Asia/Pacific"),
    "Balkans": ("Balkan", "the Balkans", "Balkan states", "Balkanstaaten", "Balkanländer"),
    "Baltic states": ("Baltics", "Baltic countries", "Baltic region", "Baltikum",
                      "baltische Staaten", "baltische Länder"),
    "Benelux": ("Benelux countries", "Benelux states", "Benelux-Länder", "Beneluxländer",
                "Benelux-Staaten", "Beneluxstaaten"),
    "Caribbean": ("the Caribbean", "Caribbean region", "Karibik", "Caribbean islands"),
    "Central America": ("Mittelamerika", "Zentralamerika"),
    "Central and Eastern Europe": ("CEE", "Central Eastern Europe", "Central & Eastern Europe",
                                   "Mittel- und Osteuropa", "Mittelosteuropa", "MOE",
                                   "Mittel-Osteuropa"),
    "Central Asia": ("Zentralasien", "Mittelasien"),
    "Central Europe": ("Mitteleuropa", "Zentraleuropa"),
    "DACH": ("D-A-CH", "DACH region", "DACH-Region", "DACH-Raum", "DACH countries"),
    "East Asia": ("Ostasien", "Far East", "Fernost", "Ferner Osten"),
    "East Africa": ("Ostafrika", "Eastern Africa"),
    "Eastern Europe": ("Osteuropa", "East Europe"),
    "EMEA": ("Europe, Middle East and Africa", "Europa, Naher Osten und Afrika"),
    "Eurasia": ("Eurasien",),
    "CIS": ("Commonwealth of Independent States", "GUS",
            "Gemeinschaft Unabhängiger Staaten", "CIS countries", "GUS-Staaten"),
    "Mercosur": ("Mercosul", "Mercosur countries", "Mercosur-Staaten"),
    "EU": ("European Union", "Europäische Union", "EU countries", "EU member states",
           "EU Member States", "EU-Mitgliedstaaten", "EU-Staaten", "EU-Länder", "EU-27",
           "EU27", "EU 27", "EU-28", "EU28", "Europäische Gemeinschaft"),
    "Europe": ("Europa", "European countries", "europäische Länder", "Europe-wide",
               "europaweit", "ganz Europa"),
    "Gulf states": ("Gulf region", "Persian Gulf", "GCC", "GCC countries", "GCC states",
                    "Gulf Cooperation Council", "Golfstaaten", "Golfregion", "Arabian Gulf",
                    "Golf-Kooperationsrat"),
    "Latin America": ("LatAm", "LATAM", "Lateinamerika", "Latin American countries",
                      "Latin America and the Caribbean", "LAC", "Lateinamerika und Karibik"),
    "MENA": ("Middle East and North Africa", "MENA region", "MENA-Region",
             "Naher Osten und Nordafrika", "Nahost und Nordafrika"),
    "Middle East": ("Near East", "Mideast", "Naher Osten", "Mittlerer Osten", "Nahost",
                    "Vorderasien"),
    "Nordic countries": ("Nordics", "Nordic", "Nordic region", "Nordic states", "the Nordics",
                         "nordische Länder", "Nordische Staaten", "Norden"),
    "North Africa": ("Northern Africa", "Nordafrika"),
    "North America": ("Nordamerika", "NAFTA", "NAFTA region", "USMCA"),
    "Northern Europe": ("Nordeuropa",),
    "Oceania": ("Ozeanien", "Australasia", "Australasien", "Pacific Islands", "Pazifikinseln"),
    "Scandinavia": ("Skandinavien", "Scandinavian countries", "Scandinavian region",
                    "skandinavische Länder"),
    "South America": ("Südamerika",),
    "Southern Africa": ("südliches Afrika", "Southern African countries"),
    "South Asia": ("Südasien", "Indian subcontinent", "indischer Subkontinent"),
    "Southeast Asia": ("South-East Asia", "South East Asia", "SE Asia", "S.E. Asia",
                       "Südostasien"),
    "Southern Europe": ("Südeuropa",),
    "Sub-Saharan Africa": ("Subsaharan Africa", "Sub Saharan Africa", "SSA",
                           "Subsahara-Afrika", "Afrika südlich der Sahara"),
    "Western Balkans": ("Westbalkan", "Western Balkan", "West Balkans", "westlicher Balkan"),
    "West Africa": ("Westafrika", "Western Africa"),
    "Western Europe": ("Westeuropa", "West Europe"),
    "Worldwide": ("global", "globally", "world", "the world", "world-wide", "international",
                  "internationally", "all countries", "weltweit", "Welt", "global market",
                  "Weltmarkt", "alle Länder", "international markets"),
}

#: Canonical names of the named regions that are not countries, sorted. Phases keep them
#: in :attr:`~germanclusters.model.Phase.regions`; :func:`normalize_region` maps variants
#: ("APAC", "Asien-Pazifik") to these names.
REGIONS: Final[tuple[str, ...]] = tuple(sorted(_REGION_VARIANTS, key=str.casefold))

# --------------------------------------------------------------- curated country names

#: Colloquial names, exonyms, German forms, historic short forms and known typos that the
#: ISO and catalogue names do not cover, by alpha-2 code. These entries win over names
#: generated from pycountry. Each convention is documented in docs/countries.md.
_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "AE": ("UAE", "U.A.E.", "Emirates", "the Emirates", "VAE", "V.A.E.", "Arab Emirates"),
    "AG": ("Antigua",),
    "AT": ("Oesterreich", "Republik Oesterreich"),
    "AU": ("Commonwealth of Australia", "Australischer Bund"),
    "BA": ("Bosnia", "Bosnia-Herzegovina", "Bosnia Herzegovina", "Bosnien",
           "Bosnien-Herzegowina", "BiH"),
    "BN": ("Brunei",),
    "BO": ("Bolivia", "Bolivien"),
    "BR": ("Brasil", "Brazilia", "Brasilia"),
    "BY": ("Belarus", "Weißrussland", "Weissrussland", "Byelorussia", "Belorussia",
           "White Russia", "Belarussia", "Belorussland"),
    "CD": ("DR Congo", "D.R. Congo", "DRC", "D.R.C.", "Democratic Republic of the Congo",
           "Democratic Republic of Congo", "DR Kongo", "Demokratische Republik Kongo",
           "Congo-Kinshasa", "Congo Kinshasa", "Kongo-Kinshasa", "Zaire", "Congo, DR",
           "Congo, Democratic Republic", "Congo, Dem. Rep."),
    "CF": ("CAR", "Central African Rep."),
    "CG": ("Republic of the Congo", "Republic of Congo", "Congo-Brazzaville",
           "Congo Brazzaville", "Kongo-Brazzaville", "Republik Kongo", "Congo, Rep.",
           "Congo, Republic"),
    "CH": ("Suisse", "Schweizerische Eidgenossenschaft", "Swiss", "Svizzera",
           "Confoederatio Helvetica"),
    "CI": ("Ivory Coast", "Elfenbeinküste", "Cote d Ivoire"),
    "CN": ("PRC", "P.R. China", "PR China", "VR China", "Volksrepublik China", "Mainland China",
           "Festlandchina", "China, People's Republic of", "China (PRC)"),
    "CV": ("Cape Verde", "Kapverden", "Kap Verde", "Cape Verde Islands", "Kapverdische Inseln"),
    "CZ": ("Czech Republic", "Czech", "Tschechische Republik", "Tschechei",
           "Czech Rep."),
    "DE": ("BRD", "FRG", "Federal Republic of Germany", "Bundesrepublik", "Deutschland",
           "Germany", "Allemagne", "Bundesrepublik Deutschland"),
    "DO": ("Dominican Rep.", "Dom. Rep.", "Dom Rep"),
    "EG": ("Ägypten", "Aegypten", "Egypt, Arab Rep."),
    "FO": ("Färöer", "Färöer-Inseln", "Faroes", "Faeroe Islands", "Faroe"),
    "FK": ("Falklands", "Falkland Islands", "Falklandinseln", "Malvinas"),
    "FM": ("Micronesia", "Mikronesien", "Federated States of Micronesia", "Micronesia, Fed. Sts.",
           "Micronesia (Fed. States of)"),
    "GB": ("UK", "U.K.", "United Kingdom", "Great Britain", "Britain", "England",
           "Scotland", "Wales", "Northern Ireland", "Großbritannien", "Grossbritannien",
           "Britannien", "Schottland", "Nordirland", "Vereinigtes Koenigreich",
           "UK of Great Britain and Northern Ireland", "Great Britain and Northern Ireland",
           "Großbritannien und Nordirland", "United Kingdom (UK)"),
    "GM": ("The Gambia", "Gambia, The"),
    "GR": ("Hellas", "EL"),
    "HK": ("Hong Kong SAR, China", "China, Hong Kong SAR",
           "China, Hong Kong Special Administrative Region", "Hong Kong SAR", "Hongkong SAR",
           "Hong Kong, China", "Hong Kong (China)", "HKSAR",
           "Hong Kong S.A.R."),
    "IE": ("Eire", "Éire", "Republic of Ireland", "Irish Republic"),
    "IR": ("Iran, Islamic Rep.", "Iran", "Persia", "Persien", "Islamic Republic of Iran",
           "Iran (Islamic Republic)"),
    "KG": ("Kirgisien", "Kirgisistan", "Kirghizia", "Kirgizstan", "Kirgistan", "Kyrgyz Republic"),
    "KN": ("St Kitts", "Saint Kitts", "St. Kitts and Nevis", "Saint Kitts & Nevis"),
    "KP": ("North Korea", "Nordkorea", "N. Korea", "Nord-Korea", "Korea (Nord)", "Korea, Nord",
           "Korea, Dem. People's Rep.", "DPRK", "D.P.R.K.", "DPR Korea", "Korea DPR",
           "Korea (North)", "Korea, North", "North-Korea", "Korea, Dem. Rep.",
           "Korea, Democratic People's Republic"),
    "KR": ("Korea", "South Korea", "Süd-Korea", "Korea (Süd)", "Korea, Süd", "South-Korea",
           "S. Korea", "Republic of Korea", "ROK",
           "Korea (South)", "Korea, South", "Korea South", "Südkorea", "Republik Korea",
           "Korea, Rep.", "Korea Rep.", "Korea, Republic", "Korea (Republic)"),
    "LA": ("Laos", "Lao PDR", "Lao", "Laos PDR", "Lao People's Democratic Rep."),
    "LC": ("St Lucia",),
    "LY": ("Libyen", "Lybia", "Lybien", "State of Libya"),
    "MA": ("Morroco", "Morrocco", "Kingdom of Morocco", "Königreich Marokko"),
    "MD": ("Moldavia", "Moldova", "Moldawien", "Moldau", "Republik Moldau", "Republic of Moldova"),
    "MK": ("Macedonia", "FYROM", "F.Y.R.O.M.", "Mazedonien", "Nord-Mazedonien",
           "Former Yugoslav Republic of Macedonia", "the former Yugoslav Republic of Macedonia",
           "Macedonia, the former Yugoslav Republic of", "North-Macedonia", "Republic of Macedonia",
           "Ehemalige jugoslawische Republik Mazedonien"),
    "MM": ("Burma", "Birma", "Myanmar (Burma)"),
    "MO": ("Macao SAR, China", "China, Macao SAR", "China, Macao Special Administrative Region",
           "Macau", "Macau SAR", "Macao SAR", "Macau, China", "Macao, China"),
    "NL": ("Netherlands (Kingdom of the)", "Holland", "The Netherlands", "Nederland",
           "Netherland", "the Netherlands",
           "Netherlands, The", "Netherlands (the)"),
    "PH": ("Phillipines", "Phillippines", "Philippenes"),
    "PS": ("Palestinian Territory", "Palestinian Territory, Occupied", "West Bank and Gaza",
           "Palestine", "Palästina", "Palestinian Territories",
           "Palestinian territories",
           "Occupied Palestinian Territory", "Palästinensische Gebiete",
           "Palestinian Authority", "State of Palestine", "Staat Palästina"),
    "RU": ("Russia", "Russland", "Russian Fed.", "Rußland"),
    "SA": ("KSA", "Saudi-Arabia", "Saudi", "Kingdom of Saudi Arabia", "Saudiarabien"),
    "SG": ("Sinapore", "Singapur"),
    "SH": ("St Helena", "St. Helena", "Saint Helena"),
    "SK": ("Slovak Republic", "Slowakische Republik"),
    "SY": ("Syria", "Syrien"),
    "SZ": ("Swaziland", "Swasiland", "Ngwane"),
    "TM": ("Turkmenien",),
    "TL": ("East Timor", "Osttimor", "Ost-Timor", "Timor Leste"),
    "TR": ("Turkey", "Türkei", "Turkiye", "Tuerkei", "Türkiye", "Turkei", "Republic of Turkey"),
    "TT": ("Trinidad", "Trinidad & Tobago"),
    "TW": ("Taiwan", "Republic of China", "Republic of China (Taiwan)", "Taiwan (ROC)",
           "Taiwan, ROC", "Chinese Taipei", "Taiwan, China", "ROC"),
    "TZ": ("Tanzania", "Tansania", "United Republic of Tanzania"),
    "US": ("USA", "U.S.A.", "US", "U.S.", "America", "United States of America", "Amerika",
           "Vereinigte Staaten", "Vereinigte Staaten von Amerika",
           "United States (USA)", "US of A", "U.S. of A.", "Unites States", "United Sates",
           "US America", "US-Amerika"),
    "VA": ("Vatican", "Vatican City", "Vatican City State", "Holy See", "Vatikan",
           "Vatikanstadt", "Heiliger Stuhl", "Staat Vatikanstadt"),
    "VC": ("St Vincent", "Saint Vincent", "St. Vincent and the Grenadines"),
    "VE": ("Venezuela", "Venezuela, RB"),
    "WF": ("Wallis and Futuna Islands", "Wallis-et-Futuna"),
    "YE": ("Yemen, Rep.", "Republic of Yemen"),
    "SJ": ("Svalbard and Jan Mayen Islands", "Svalbard"),
    "VG": ("British Virgin Islands", "BVI", "Britische Jungferninseln"),
    "VI": ("Virgin Islands (U.S.)", "US Virgin Islands", "U.S. Virgin Islands",
           "Amerikanische Jungferninseln",
           "United States Virgin Islands"),
    "VN": ("Vietnam", "Viet Nam", "Socialist Republic of Vietnam"),
}

#: A few names countries give themselves (endonyms) that sources quote untranslated.
_ENDONYMS: Final[dict[str, tuple[str, ...]]] = {
    "BE": ("Belgique", "België"),
    "CN": ("Zhongguo",),
    "CZ": ("Česko", "Česká republika"),
    "DK": ("Danmark",),
    "EE": ("Eesti",),
    "ES": ("España",),
    "FI": ("Suomi",),
    "GR": ("Ellada", "Elláda"),
    "HR": ("Hrvatska",),
    "HU": ("Magyarország",),
    "IS": ("Ísland",),
    "IT": ("Italia",),
    "JP": ("Nippon", "Nihon"),
    "LT": ("Lietuva",),
    "LV": ("Latvija",),
    "NO": ("Norge", "Noreg"),
    "PL": ("Polska",),
    "RO": ("România",),
    "RU": ("Rossiya", "Rossija"),
    "SE": ("Sverige",),
    "SI": ("Slovenija",),
    "SK": ("Slovensko",),
}

#: Names that are not ISO 3166-1 countries today, and places near a country name, with
#: the reason given in the error.
_NOT_ISO: Final[dict[str, str]] = {
    "Kosovo": "Kosovo has no ISO 3166-1 code (XK is a user-assigned code outside the standard)",
    "Republic of Kosovo": "Kosovo has no ISO 3166-1 code (XK is a user-assigned code outside "
    "the standard)",
    "Somaliland": "Somaliland has no ISO 3166-1 code",
    "Northern Cyprus": "Northern Cyprus has no ISO 3166-1 code",
    "Nordzypern": "Northern Cyprus has no ISO 3166-1 code",
    "Transnistria": "Transnistria has no ISO 3166-1 code",
    "Soviet Union": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "USSR": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "UdSSR": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Sowjetunion": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Yugoslavia": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Jugoslawien": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Czechoslovakia": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Tschechoslowakei": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Serbia and Montenegro": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Serbien und Montenegro": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Netherlands Antilles": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Niederländische Antillen": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "East Germany": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "GDR": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "DDR": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "German Democratic Republic": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    "Deutsche Demokratische Republik": "a former country (ISO 3166-3), not in ISO 3166-1 today",
    # Places within typo reach of a country name, answered plainly instead of by a typo.
    "Lagos": "a city in Nigeria, not a country",
    "Kurdistan": "a region, not an ISO 3166-1 country",
    "Siberia": "a region of Russia, not a country",
    "Sibirien": "a region of Russia, not a country",
    "Islands": "not a country name",
    "Inseln": "not a country name",
    "Neverland": "a fictional place",
    "Latveria": "a fictional place",
}

#: Names that fit several countries equally; they raise with the candidates as suggestions.
_AMBIGUOUS: Final[dict[str, tuple[str, ...]]] = {
    "Virgin Islands": ("VG", "VI"),
    "Jungferninseln": ("VG", "VI"),
    "Dominican": ("DO", "DM"),
    "Congolese": ("CG", "CD"),
    "Guinean": ("GN", "GW", "GQ"),
    "Samoan": ("WS", "AS"),
}

#: Extra names of German states, besides the ISO code, its bare suffix and the German and
#: English names in :data:`germanclusters._states.STATES`.
_STATE_ALIASES: Final[dict[str, tuple[str, ...]]] = {
    "DE-BW": ("Baden-Wurttemberg", "Baden Wuerttemberg", "Baden-Wuerttemberg", "BaWue", "Ba-Wü"),
    "DE-BY": ("Freistaat Bayern", "Free State of Bavaria"),
    "DE-BE": ("Land Berlin",),
    "DE-BB": ("Land Brandenburg",),
    "DE-HB": ("Freie Hansestadt Bremen", "Free Hanseatic City of Bremen", "Land Bremen"),
    "DE-HH": ("Freie und Hansestadt Hamburg", "Free and Hanseatic City of Hamburg"),
    "DE-HE": ("Hesse", "Hessia", "Land Hessen"),
    "DE-MV": ("Mecklenburg-West Pomerania", "Mecklenburg-Vorpommern", "Mecklenburg Vorpommern",
              "Mecklenburg-Western Pomerania", "Mecklenburg", "Meck-Pomm", "M-V"),
    "DE-NI": ("Lower Saxony", "Land Niedersachsen"),
    "DE-NW": ("NRW", "North Rhine Westphalia", "North-Rhine Westphalia",
              "North-Rhine-Westphalia", "Nordrhein Westfalen", "Land Nordrhein-Westfalen"),
    "DE-RP": ("Rhineland Palatinate", "Rheinland Pfalz", "RLP"),
    "DE-SL": ("Saarland",),
    "DE-SN": ("Freistaat Sachsen", "Free State of Saxony"),
    "DE-ST": ("Saxony Anhalt", "Sachsen Anhalt", "Saxony-Anhalt"),
    "DE-SH": ("Schleswig Holstein",),
    "DE-TH": ("Thueringen", "Thuringen", "Freistaat Thüringen", "Free State of Thuringia",
              "Thuringia"),
}

#: Label prefixes dropped before "label: value" text is read ("Economic area: Asia-Pacific"),
#: as folded keys ("Zielländer" folds to "ziellander").
_LABELS: Final[frozenset[str]] = frozenset(
    {
        "economicarea", "economicregion", "region", "area", "country", "countries",
        "targetcountry", "targetcountries", "targetregion", "targetmarket", "market",
        "wirtschaftsraum", "zielland", "ziellander", "zielregion", "zielmarkt", "land",
        "lander", "markt", "raum",
    }
)

# ------------------------------------------------------------------------------ keys

_TOKEN_SPLIT: Final = re.compile(r"[\W_]+")
#: German articles dropped at the start of a name ("die Schweiz", "den Niederlanden").
_ARTICLES: Final[frozenset[str]] = frozenset({"die", "der", "das", "den", "dem", "des"})
_TOKEN_MAP: Final[dict[str, str]] = {
    "und": "and",
    "saint": "st",
    "sankt": "st",
    "ste": "st",
    "rep": "republic",
    "dem": "democratic",
    "fed": "federal",
    "sth": "south",
}
#: Letters that NFKD does not decompose, mapped to ASCII.
_EXTRA_FOLD: Final = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "\u0131": "i"}
)
_GERMAN_FOLD: Final = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})
#: Invisible format characters often left in scraped text; they are dropped.
_INVISIBLE: Final = str.maketrans(
    dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"))
)
_WHITESPACE: Final = re.compile(r"\s+")


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


#: Words after which a leading "dem" is "Dem." (Democratic), not the German article.
_AFTER_DEM: Final[frozenset[str]] = frozenset({"rep", "republic", "people", "peoples"})


def _abbreviates_democratic(words: list[str]) -> bool:
    """ "Dem. Rep. Congo" -> True; "dem Kongo" (German "the Congo", dative) -> False."""
    return words[0] == "dem" and words[1] in _AFTER_DEM


def _tokens(folded: str) -> list[str]:
    """Words of folded text; "the" is dropped wherever it stands, as ISO writes it in
    several places ("Bahamas (the)", "Congo (the Democratic Republic of the)")."""
    words = [w for w in _TOKEN_SPLIT.split(folded.replace("&", " and ")) if w]
    if len(words) > 1:
        words = [w for w in words if w != "the"] or words
    if len(words) > 1 and words[0] in _ARTICLES and not _abbreviates_democratic(words):
        words = words[1:]
    return [_TOKEN_MAP.get(w, w) for w in words]


def _key(text: str, *, german: bool = False) -> str:
    """Fold text to a lookup key: casefold, strip accents, drop punctuation and spaces.

    With ``german=True`` the umlauts become ``ae``, ``oe``, ``ue`` first, as German
    writes them without umlauts.
    """
    folded = text.casefold()
    if german:
        folded = folded.translate(_GERMAN_FOLD)
    folded = _strip_marks(folded).translate(_EXTRA_FOLD)
    return "".join(_tokens(folded))


def _keys(text: str) -> set[str]:
    """Both foldings of a name (``ä`` as ``a`` and as ``ae``), without empty keys."""
    return {k for k in (_key(text), _key(text, german=True)) if k}


# -------------------------------------------------------------------- input checking


def _check_text(text: object, argument: str) -> None:
    if not isinstance(text, str):
        raise TypeError(f"{argument} must be str, not {type(text).__name__}")


def _clean(text: str) -> str | None:
    """Return the text trimmed and with whitespace collapsed, or None if unusable.

    Unusable: empty, longer than :data:`_MAX_LEN`, or holding control, private-use,
    surrogate or unassigned characters.
    """
    if len(text) > _MAX_LEN:
        return None
    text = _WHITESPACE.sub(" ", text.translate(_INVISIBLE)).strip()
    if not text:
        return None
    for ch in text:
        if not ch.isprintable() and ch != " ":
            return None
    return text


def _without_label(text: str) -> str:
    """Drop a known label prefix: ``"Economic area: Asia-Pacific"`` -> ``"Asia-Pacific"``."""
    head, sep, tail = text.partition(":")
    if sep and tail.strip() and _key(head) in _LABELS:
        return tail.strip()
    return text


def _unusable_reason(text: str) -> str:
    if len(text) > _MAX_LEN:
        return f"longer than {_MAX_LEN} characters"
    if not text.strip():
        return "empty text"
    return "contains control characters"


# -------------------------------------------------------------- edit distance (OSA)


def _distance(a: str, b: str, bound: int) -> int:
    """Optimal-string-alignment (Damerau-Levenshtein) distance, capped at ``bound + 1``."""
    la, lb = len(a), len(b)
    if abs(la - lb) > bound:
        return bound + 1
    prev2: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ai = a[i - 1]
        row_min = i
        for j in range(1, lb + 1):
            cost = 0 if ai == b[j - 1] else 1
            value = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and ai == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, prev2[j - 2] + 1)
            cur[j] = value
            if value < row_min:
                row_min = value
        if row_min > bound:
            return bound + 1
        prev2, prev = prev, cur
    return min(prev[lb], bound + 1)


def _swapped(a: str, b: str) -> bool:
    """Whether ``b`` is ``a`` with exactly one pair of neighbouring letters swapped."""
    if len(a) != len(b) or a == b:
        return False
    diffs = [i for i in range(len(a)) if a[i] != b[i]]
    return (
        len(diffs) == 2
        and diffs[1] == diffs[0] + 1
        and a[diffs[0]] == b[diffs[1]]
        and a[diffs[1]] == b[diffs[0]]
    )


def _typo_ok(key: str, candidate: str, d: int) -> bool:
    """Whether a name ``d`` edits from ``key`` may be taken as a typo of it.

    Five or six letters: two neighbouring letters swapped, or one letter left out or
    doubled ("Grece", "Jappan"), but not one letter replaced: that is how real words
    differ from short names ("begin", "Benin"; "walls", "Wales"). Longer keys: any
    edits up to :func:`_max_edits`.
    """
    if len(key) <= 6:
        return _swapped(key, candidate) or _dropped(key, candidate) or _dropped(candidate, key)
    return d <= _max_edits(len(key))


def _dropped(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with exactly one letter left out."""
    if len(b) != len(a) + 1:
        return False
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


def _max_edits(length: int) -> int:
    """Edits a typo may make: none below five characters, one up to twelve, then two."""
    if length < 5:
        return 0
    if length <= 12:
        return 1
    return 2


# ----------------------------------------------------------------- the lazy indexes

_Target = tuple[str, str]  # (kind, value): ("C", "DE"), ("R", "EU"), ("S", "DE-SN"), ...


class _Fuzzy:
    """Keys grouped by length, for the bounded edit-distance search."""

    __slots__ = ("by_length",)

    def __init__(self, entries: Iterable[tuple[str, _Target]]) -> None:
        self.by_length: dict[int, list[tuple[str, _Target]]] = {}
        seen: set[tuple[str, _Target]] = set()
        for key, target in entries:
            if (key, target) in seen:
                continue
            seen.add((key, target))
            self.by_length.setdefault(len(key), []).append((key, target))

    def ranked(self, key: str, bound: int, *, strict: bool = True) -> list[tuple[int, _Target]]:
        """Targets within ``bound`` edits of ``key``, closest first (one entry per target).

        Only names with the same first letter count (typos rarely hit the first
        letter, while different places often differ only there: Siberia, Liberia),
        and only edits :func:`_typo_ok` accepts for the key's length. With
        ``strict=False`` (for suggestions) any name within ``bound`` edits counts.
        """
        best: dict[_Target, int] = {}
        first = key[:1]
        for length in range(len(key) - bound, len(key) + bound + 1):
            for candidate, target in self.by_length.get(length, ()):
                if strict and candidate[:1] != first:
                    continue
                d = _distance(key, candidate, bound)
                if d > bound or d >= best.get(target, bound + 1):
                    continue
                if not strict or _typo_ok(key, candidate, d):
                    best[target] = d
        return sorted(((d, t) for t, d in best.items()), key=lambda x: (x[0], x[1]))


def _closest(fuzzy: _Fuzzy, key: str) -> tuple[_Target | None, list[_Target]]:
    """The one clear typo match for ``key``, or None and up to three close targets."""
    bound = _max_edits(len(key))
    ranked = fuzzy.ranked(key, bound) if bound else []
    picked = _pick(ranked, key)
    if picked is not None:
        return picked, []
    close = [t for _, t in ranked]
    if 3 <= len(key) <= 60:
        loose = max(2, min(4, len(key) // 3))
        close += [t for _, t in fuzzy.ranked(key, loose, strict=False)]
    return None, list(dict.fromkeys(close))[:3]


def _pick(ranked: list[tuple[int, _Target]], key: str) -> _Target | None:
    """The single clearly closest target, or None when there is none or a tie."""
    if not ranked:
        return None
    d0, t0 = ranked[0]
    if d0 > _max_edits(len(key)):
        return None
    if len(ranked) > 1 and ranked[1][0] <= d0:
        return None
    return t0


class _RegionIndex:
    """Region and state keys: built from constants, never loads pycountry."""

    __slots__ = ("fuzzy", "regions", "state_fuzzy", "states")

    def __init__(self) -> None:
        self.regions: dict[str, str] = {}
        for name, variants in _REGION_VARIANTS.items():
            for variant in (name, *variants):
                for k in _keys(variant):
                    self.regions[k] = name
        self.fuzzy = _Fuzzy((k, ("R", v)) for k, v in self.regions.items())
        self.states: dict[str, str] = {}
        for code, (name_de, name_en) in STATES.items():
            names = (code, code[3:], name_de, name_en, *_STATE_ALIASES.get(code, ()))
            for variant in names:
                for k in _keys(variant):
                    self.states[k] = code
        self.state_fuzzy = _Fuzzy((k, ("S", v)) for k, v in self.states.items() if len(k) > 3)


class _Index:
    """Every country name and code, folded; built once from pycountry on first use."""

    __slots__ = (
        "alpha_2",
        "alpha_3",
        "ambiguous",
        "countries",
        "exact",
        "fuzzy",
        "not_iso",
        "numeric",
        "suggestable",
    )

    def __init__(self, regions: _RegionIndex, table: _Table) -> None:
        german = table.german
        self.countries: dict[str, Country] = table.countries
        self.alpha_3: dict[str, str] = {}
        self.numeric: dict[str, str] = {}
        generated: dict[str, set[str]] = {}
        reordered: dict[str, set[str]] = {}
        for record in table.records:
            a2 = str(record["alpha_2"])
            self.alpha_3[str(record["alpha_3"])] = a2
            self.numeric[str(record["numeric"])] = a2
            names: list[str] = []
            for field in ("name", "official_name", "common_name"):
                value = record.get(field)
                if value:
                    names.append(str(value))
                    translated = german(str(value))
                    if translated:
                        names.append(translated)
            for value in names:
                for k in _keys(value):
                    generated.setdefault(k, set()).add(a2)
                for derived in _reorderings(value):
                    for k in _keys(derived):
                        reordered.setdefault(k, set()).add(a2)
        self.alpha_2: dict[str, str] = {a2.casefold(): a2 for a2 in self.countries}
        # Names from pycountry win over names derived from them; a derived key naming
        # two countries ("Korea" from both Koreas) is dropped. Curated aliases below
        # settle the conventions and win over both.
        exact: dict[str, str] = {}
        for k, v in reordered.items():
            if len(v) == 1:
                exact[k] = next(iter(v))
        for k, v in generated.items():
            if len(v) == 1:
                exact[k] = next(iter(v))
            else:  # pragma: no cover - no two ISO names fold alike in pycountry 26.2.16
                exact.pop(k, None)
        for curated in (_ENDONYMS, _ALIASES):
            for a2, aliases in curated.items():
                if a2 not in self.countries:  # pragma: no cover - guards a pycountry change
                    continue
                for alias in aliases:
                    for k in _keys(alias):
                        exact[k] = a2
        self.exact = exact
        self.not_iso: dict[str, str] = {}
        for name, reason in _NOT_ISO.items():
            for k in _keys(name):
                self.not_iso[k] = reason
        self.ambiguous: dict[str, tuple[str, ...]] = {}
        for name, codes in _AMBIGUOUS.items():
            for k in _keys(name):
                self.ambiguous[k] = codes
        entries: list[tuple[str, _Target]] = [
            (k, ("C", v)) for k, v in exact.items() if len(k) > 3
        ]
        entries += [(k, ("R", v)) for k, v in regions.regions.items() if len(k) > 3]
        entries += [(k, ("S", v)) for k, v in regions.states.items() if len(k) > 3]
        entries += [(k, ("X", k)) for k in self.not_iso if len(k) > 3]
        entries += [(k, ("A", k)) for k in self.ambiguous if len(k) > 3]
        self.fuzzy = _Fuzzy(entries)
        # Suggestions are made from display names only (English and German).
        self.suggestable: dict[str, str] = {}
        for a2, country in self.countries.items():
            for value in (country.name, country.name_de):
                for k in _keys(value):
                    self.suggestable.setdefault(k, a2)


def _reorderings(name: str) -> list[str]:
    """ISO-style inverted names read naturally: "Korea, Republic of" -> "Republic of Korea".

    Also the part before the comma alone ("Bolivia, Plurinational State of" ->
    "Bolivia"); it is kept only where it names one country.
    """
    head, sep, tail = name.partition(",")
    if not sep or not tail.strip():
        return []
    return [f"{tail.strip()} {head.strip()}", head.strip()]


class _Table:
    """pycountry's country records, the German catalogue and one Country per code.

    Cheap next to the name index: this is all that loading the dataset needs.
    """

    __slots__ = ("countries", "german", "records")

    def __init__(self) -> None:
        self.records, self.german = _load_pycountry()
        self.countries: dict[str, Country] = {}
        for record in self.records:
            a2 = str(record["alpha_2"])
            name = str(record["name"])
            display = str(record.get("common_name") or name)
            self.countries[a2] = Country(
                alpha_2=a2,
                alpha_3=str(record["alpha_3"]),
                numeric=str(record["numeric"]),
                name=display,
                name_de=self.german(display) or self.german(name) or display,
            )


_DATABASE: Final = ("databases", "iso3166-1.json")
_CATALOGUE: Final = ("locales", "de", "LC_MESSAGES", "iso3166-1.mo")


def _load_pycountry() -> tuple[list[dict[str, Any]], Callable[[str], str | None]]:
    """Read pycountry's countries and a German translator (``str -> str | None``).

    pycountry's data files (the ISO 3166-1 JSON database and the German gettext
    catalogue, both from Debian's iso-codes) are read where pycountry installed
    them, without running ``import pycountry``: its import spends most of its time
    in importlib.metadata. Should pycountry ever move its files, the records and
    the catalogue come through its public API instead.
    """
    import gettext
    import importlib.util
    import json
    import os.path

    spec = importlib.util.find_spec("pycountry")
    root = next(iter(spec.submodule_search_locations or ()), None) if spec else None
    database = os.path.join(root, *_DATABASE) if root else None
    records: list[dict[str, Any]]
    if database is not None and os.path.isfile(database):
        with open(database, encoding="utf-8") as text:
            records = [dict(entry) for entry in json.load(text)["3166-1"]]
        catalogue_path = os.path.join(str(root), *_CATALOGUE)
    else:  # pragma: no cover - only if pycountry changes its layout
        import pycountry  # type: ignore[import-untyped,unused-ignore]

        records = [dict(c._fields) for c in pycountry.countries]
        catalogue_path = os.path.join(pycountry.LOCALES_DIR, *_CATALOGUE[1:])
    missing = "\x00missing\x00"

    class Missing(gettext.NullTranslations):
        """Fallback that marks messages the German catalogue lacks."""

        def gettext(self, message: str) -> str:
            return missing + message

    try:
        with open(catalogue_path, "rb") as binary:
            catalogue: gettext.NullTranslations = gettext.GNUTranslations(binary)
    except OSError:  # pragma: no cover - pycountry always ships the German catalogue
        catalogue = gettext.NullTranslations()
    catalogue.add_fallback(Missing())

    def german(text: str) -> str | None:
        translated = catalogue.gettext(text)
        return None if translated.startswith(missing) else translated

    return records, german


_V = TypeVar("_V")


class _Once(Generic[_V]):
    """A value made on first use, exactly once, under a lock of its own.

    Each lazily built table has its own lock, so building one that needs another
    (the name index needs the country table) cannot deadlock.
    """

    __slots__ = ("_lock", "_make", "_value", "builds")

    def __init__(self, make: Callable[[], _V]) -> None:
        self._lock = threading.Lock()
        self._make = make
        self._value: _V | None = None
        self.builds = 0  # tests check that contention still builds once

    def get(self) -> _V:
        value = self._value
        if value is None:
            with self._lock:
                value = self._value
                if value is None:  # another thread may have built it meanwhile
                    value = self._value = self._make()
                    self.builds += 1
        return value

    def reset(self) -> None:
        """Forget the value (for tests)."""
        with self._lock:
            self._value = None


_REGION_INDEX: Final = _Once(lambda: _RegionIndex())
_TABLE: Final = _Once(lambda: _Table())
_INDEX: Final = _Once(lambda: _Index(_REGION_INDEX.get(), _TABLE.get()))
_regions = _REGION_INDEX.get
_table = _TABLE.get
_countries_index = _INDEX.get
_country_cache: dict[str, Country | tuple[str, tuple[str, ...], str | None]] = {}
_state_cache: dict[str, str | tuple[str, ...]] = {}
_region_cache: dict[str, str | tuple[str, tuple[str, ...], str | None]] = {}


def _remember(cache: dict[str, Any], text: str, value: Any) -> None:
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    cache[text] = value


_R = TypeVar("_R")


def _lookup(cache: dict[str, _R], text: str, resolve: Callable[[str], _R]) -> _R:
    """Check the argument, then answer from the cache or resolve once and remember.

    The answer is the result or the reasons for failing; callers raise from those."""
    _check_text(text, "text")
    found = cache.get(text)
    if found is None:
        found = resolve(text)
        _remember(cache, text, found)
    return found


# ------------------------------------------------------------------------ countries


def from_alpha_2(code: str) -> Country:
    """The country with this exact, upper-case ISO 3166-1 alpha-2 code.

    The strict lookup used for stored data: ``"DE"`` works, ``"de"`` and ``"GER"`` do
    not. Raises :class:`UnknownCountry` otherwise and ``TypeError`` for non-``str``.

    >>> from_alpha_2("FI").name_de
    'Finnland'

    """
    _check_text(code, "code")
    countries = _table().countries
    country = countries.get(code)
    if country is None:
        suggestion = countries.get(code.strip().upper()) if len(code) < 10 else None
        raise UnknownCountry(
            code,
            (suggestion.alpha_2,) if suggestion else (),
            reason="not an upper-case ISO 3166-1 alpha-2 code",
        )
    return country


def all_countries() -> tuple[Country, ...]:
    """Every ISO 3166-1 country pycountry knows, sorted by alpha-2 code."""
    countries = _table().countries
    return tuple(countries[k] for k in sorted(countries))


def normalize_country(text: str) -> Country:
    """The ISO 3166-1 country that ``text`` names, in English, German or as a code.

    >>> normalize_country("Finnland").alpha_2
    'FI'
    >>> normalize_country("U.S.A.").alpha_2
    'US'
    >>> normalize_country("Sinapore").name
    'Singapore'

    Raises :class:`UnknownCountry` (a ``LookupError``) for regions such as
    ``"Asia-Pacific"``, for nonsense and for near ties (then ``.suggestions`` lists the
    close candidates); raises ``TypeError`` for non-``str`` input.
    """
    found = _lookup(_country_cache, text, _resolve_country)
    if isinstance(found, Country):
        return found
    raise UnknownCountry(text, found[1], reason=found[2])


def _resolve_country(raw: str) -> Country | tuple[str, tuple[str, ...], str | None]:
    cleaned = _clean(raw)
    if cleaned is None:
        return (raw, (), _unusable_reason(raw))
    text = _without_label(cleaned)
    index = _countries_index()
    regions = _regions()

    coded = _code(index, text)
    if coded is not None:
        return index.countries[coded[1]]
    if len(text) == 3 and text.isdigit():
        return (raw, (), "not an ISO 3166-1 numeric code")

    key = _key(text)
    if not key:
        return (raw, (), "no letters or digits")
    found = _exact_country(index, regions, key)
    if found is not None:
        return _answer(index, raw, found)
    german_key = _key(text, german=True)
    if german_key != key:
        found = _exact_country(index, regions, german_key)
        if found is not None:
            return _answer(index, raw, found)

    found = _alternatives(index, regions, text) or _forms(index, text)
    if found is not None:
        return _answer(index, raw, found)

    bound = _max_edits(len(key))
    if bound:
        ranked = index.fuzzy.ranked(key, bound)
        picked = _pick(ranked, key)
        if picked is not None:
            return _answer(index, raw, picked)
        if len(ranked) > 1 and ranked[0][0] <= bound:
            close = tuple(_label(index, t) for d, t in ranked if d == ranked[0][0])[:3]
            return (raw, close, "ambiguous: several names are equally close")
    return (raw, _suggest(index, key), None)


#: Words of a state's form of government ("Oriental Republic of", "Republik"), English
#: and German, as folded tokens.
_FORM_WORDS: Final[frozenset[str]] = frozenset(
    {
        "republic", "kingdom", "state", "states", "principality", "grand", "duchy", "federal",
        "federation", "federative", "commonwealth", "sultanate", "emirate", "union",
        "democratic", "people", "peoples", "s", "socialist", "islamic", "arab", "united",
        "oriental", "independent", "plurinational", "bolivarian", "hashemite", "cooperative",
        "co", "operative", "of", "von", "republik", "konigreich", "koenigreich",
        "bundesrepublik", "staat", "furstentum", "fuerstentum", "grossherzogtum", "foderation",
        "foederation", "sozialistische", "demokratische", "islamische", "vereinigte",
        "volksrepublik", "sultanat", "emirat", "bund",
    }
)
#: Names whose form of government tells two countries apart: never read past the form.
_FORM_MATTERS: Final[frozenset[str]] = frozenset({"korea", "congo", "kongo", "china"})
_ISLAND_WORDS: Final[frozenset[str]] = frozenset({"islands", "island", "isles", "inseln"})


def _forms(index: _Index, text: str) -> _Target | None:
    """Read a full name the tables lack by its short name.

    "Oriental Republic of Uruguay" and "Republik Polen" name the country after the form
    of government, "Fiji Islands" the country before "Islands". Korea, Congo and China
    are excepted: there the form is what tells two countries apart.
    """
    words = _tokens(_strip_marks(text.casefold()).translate(_EXTRA_FOLD))
    rest = words
    while rest and rest[0] in _FORM_WORDS:
        rest = rest[1:]
    if rest is words and len(words) > 1 and words[-1] in _ISLAND_WORDS:
        rest = words[:-1]
    if rest is words or not rest:
        return None
    key = "".join(rest)
    if key in _FORM_MATTERS:
        return None
    a2 = index.exact.get(key)
    return None if a2 is None else ("C", a2)


#: Words that may stand in brackets after a country name without changing it.
_QUALIFIERS: Final[frozenset[str]] = frozenset(
    {"country", "land", "state", "staat", "nation", "partner", "partnerland", "partnercountry"}
)


def _alternatives(index: _Index, regions: _RegionIndex, text: str) -> _Target | None:
    """Read "Name (other name)" and "Name / other name" when every part agrees.

    "Japan (JP)", "Türkiye (Turkey)" and "Deutschland / Germany" name one country; the
    bracketed part may also be a plain qualifier ("Georgia (country)"). "Korea (Nord)"
    does not count: its bracket names nothing, so the name is not read as "Korea".
    """
    if "(" in text:
        inner = re.findall(r"\(([^()]*)\)", text)
        outer = re.sub(r"\([^()]*\)", " ", text)
        parts = [outer]
        for part in inner:
            if _key(part) not in _QUALIFIERS:
                parts.append(part)
    elif "/" in text:
        parts = text.split("/")
    else:
        return None
    found: set[str] = set()
    for part in parts:
        key = _key(part)
        target = _exact_country(index, regions, key) if key else None
        if target is None and key and len(part.strip()) <= 3:
            target = _code(index, part.strip())
        if target is None or target[0] != "C":
            return None
        found.add(target[1])
    return ("C", found.pop()) if len(found) == 1 else None


def _code(index: _Index, text: str) -> _Target | None:
    """An ISO alpha-2 (any case), alpha-3 (any case) or three-digit numeric code."""
    compact = text.replace(" ", "")
    if not compact.isascii():
        return None
    a2: str | None = None
    if len(compact) == 2 and compact.isalpha():
        a2 = index.alpha_2.get(compact.casefold())
    elif len(compact) == 3 and compact.isdigit():
        a2 = index.numeric.get(compact)
    elif len(compact) == 3 and compact.isalpha():
        a2 = index.alpha_3.get(compact.upper())
    return None if a2 is None else ("C", a2)


def _exact_country(index: _Index, regions: _RegionIndex, key: str) -> _Target | None:
    a2 = index.exact.get(key)
    if a2 is not None:
        return ("C", a2)
    region = regions.regions.get(key)
    if region is not None:
        return ("R", region)
    if key in index.not_iso:
        return ("X", key)
    if key in index.ambiguous:
        return ("A", key)
    state = regions.states.get(key)
    if state is not None and len(key) > 3:
        return ("S", state)
    return None


def _answer(
    index: _Index, raw: str, target: _Target
) -> Country | tuple[str, tuple[str, ...], str | None]:
    kind, value = target
    if kind == "C":
        return index.countries[value]
    if kind == "R":
        return (raw, (), f"{value!r} is a region, not a country")
    if kind == "S":
        return (raw, (), f"a German state ({value}), not a country")
    if kind == "A":
        names = tuple(index.countries[a2].name for a2 in index.ambiguous[value])
        return (raw, names[:3], "ambiguous: it fits several countries")
    return (raw, (), index.not_iso[value])


def _label(index: _Index, target: _Target) -> str:
    kind, value = target
    if kind == "C":
        return index.countries[value].name
    if kind == "A":
        return index.countries[index.ambiguous[value][0]].name
    return value


def _suggest(index: _Index, key: str) -> tuple[str, ...]:
    """Up to three display names close to ``key`` (for the error message only)."""
    import difflib

    if len(key) > 60:
        return ()
    matches = difflib.get_close_matches(key, list(index.suggestable), n=12, cutoff=0.6)
    out: list[str] = []
    for match in matches:
        name = index.countries[index.suggestable[match]].name
        if name not in out:
            out.append(name)
        if len(out) == 3:
            break
    return tuple(out)


# -------------------------------------------------------------------------- regions


def normalize_region(text: str) -> str:
    """The canonical name (one of :data:`REGIONS`) of the named region ``text``.

    Accepts English and German variants and abbreviations ("APAC", "Asien-Pazifik"),
    a known label prefix ("Economic area: Asia-Pacific") and small typos. Raises
    :class:`UnknownCountry` with reason "not a known region" otherwise, and
    ``TypeError`` for non-``str``. Never loads pycountry.

    >>> normalize_region("asia pacific")
    'Asia-Pacific'

    """
    found = _lookup(_region_cache, text, _resolve_region)
    if isinstance(found, str):
        return found
    raise UnknownCountry(text, found[1], reason=found[2])


def _resolve_region(raw: str) -> str | tuple[str, tuple[str, ...], str | None]:
    cleaned = _clean(raw)
    if cleaned is None:
        return (raw, (), f"not a known region: {_unusable_reason(raw)}")
    text = _without_label(cleaned)
    index = _regions()
    for key in dict.fromkeys((_key(text), _key(text, german=True))):
        found = index.regions.get(key)
        if found is not None:
            return found
    picked, close = _closest(index.fuzzy, _key(text))
    if picked is not None:
        return picked[1]
    return (raw, tuple(t[1] for t in close)[:3], "not a known region")


def is_region(text: str) -> bool:
    """Whether ``text`` names one of :data:`REGIONS` (as :func:`normalize_region` reads it)."""
    try:
        normalize_region(text)
    except UnknownCountry:
        return False
    return True


# --------------------------------------------------------------------------- states


def normalize_state(text: str) -> str:
    """The ISO 3166-2 code (``"DE-SN"``) of the German state ``text`` names.

    Accepts the code in any case, its bare suffix (``"SN"``, unique among the 16
    states), the German and English names with or without umlauts ("Thüringen",
    "Thueringen", "Thuringia"), common short forms ("NRW") and small typos. Raises
    :class:`UnknownState` with up to three suggestions otherwise, ``TypeError`` for
    non-``str``. Never loads pycountry.

    >>> normalize_state("Sachsen"), normalize_state("Saxony"), normalize_state("de-sn")
    ('DE-SN', 'DE-SN', 'DE-SN')

    """
    found = _lookup(_state_cache, text, _resolve_state)
    if isinstance(found, str):
        return found
    raise UnknownState(text, found)


def _resolve_state(raw: str) -> str | tuple[str, ...]:
    cleaned = _clean(raw)
    if cleaned is None:
        return ()
    text = _without_label(cleaned)
    index = _regions()
    for key in dict.fromkeys((_key(text), _key(text, german=True))):
        found = index.states.get(key)
        if found is not None:
            return found
    picked, close = _closest(index.state_fuzzy, _key(text))
    if picked is not None:
        return picked[1]
    return tuple(STATES[t[1]][0] for t in close)[:3]


# --- temporary shim (replaced by the countries rewrite) ---
def normalize_countries(texts: Iterable[str], *, errors: str = "raise") -> list[Country | None]:
    out: list[Country | None] = []
    for t in texts:
        try:
            out.append(normalize_country(t))
        except UnknownCountry:
            if errors != "coerce":
                raise
            out.append(None)
    return out


def normalize_subdivision(text: str) -> str:
    import pycountry  # type: ignore[import-untyped,unused-ignore]

    code = text.strip().upper()
    if pycountry.subdivisions.get(code=code) is None:
        raise UnknownState(text)
    return code
