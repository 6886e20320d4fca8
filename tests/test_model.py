"""The model: each validator accepts good values and names the field of bad ones."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import attrs
import pytest

import germanclusters as gc
from germanclusters.model import (
    Cluster,
    Contact,
    Country,
    Label,
    LabelLevel,
    Participation,
    Phase,
    PhaseKind,
    Programme,
    Source,
)

SRC = ("bmbf-internationalisation-2020",)
FI = Country(alpha_2="FI", alpha_3="FIN", numeric="246", name="Finland", name_de="Finnland")
JP = Country(alpha_2="JP", alpha_3="JPN", numeric="392", name="Japan", name_de="Japan")


def cluster(**changes: Any) -> Cluster:
    base: dict[str, Any] = {"id": "example-cluster", "name": "Example", "sources": SRC}
    base.update(changes)
    return Cluster(**base)


def test_a_minimal_cluster_has_unknowns_not_guesses() -> None:
    c = cluster()
    assert c.state is None and c.founded is None and c.website is None
    assert c.aliases == () and c.participations == () and c.contacts == ()
    assert c.target_countries() == ()


def test_objects_are_frozen_and_hashable() -> None:
    c = cluster()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        c.name = "Other"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        c.extra = 1  # type: ignore[attr-defined]
    assert hash(c) == hash(cluster())
    assert c == cluster()


def test_lists_become_tuples() -> None:
    c = cluster(aliases=["A", "B"])
    assert c.aliases == ("A", "B")


def test_a_single_string_is_not_taken_as_a_list() -> None:
    with pytest.raises(TypeError):
        cluster(aliases="AB")


@pytest.mark.parametrize(
    ("changes", "field", "value"),
    [
        ({"id": "Not A Slug"}, "id", "Not A Slug"),
        ({"name": " padded"}, "name", " padded"),
        ({"name": ""}, "name", ""),
        ({"state": "DE-XX"}, "state", "DE-XX"),
        ({"state": "Sachsen"}, "state", "Sachsen"),
        ({"states": ("DE-SN", "DE-ZZ")}, "states[1]", "DE-ZZ"),
        ({"state": "DE-SN", "states": ("DE-ST",)}, "states", ("DE-ST",)),
        ({"founded": 1066}, "founded", 1066),
        ({"founded": "2001"}, "founded", "2001"),
        ({"founded": True}, "founded", True),
        ({"website": "www.example.org"}, "website", "www.example.org"),
        ({"sources": ()}, "sources", ()),
        ({"sources": ("Bad Id",)}, "sources[0]", "Bad Id"),
        ({"sources": ("a", "a")}, "sources", ("a", "a")),
        ({"aliases": ("X", "X")}, "aliases", ("X", "X")),
        ({"members": -1}, "members", -1),
        ({"members_as_of": date(2020, 1, 1)}, "members_as_of", date(2020, 1, 1)),
    ],
)
def test_cluster_validators_name_field_and_value(
    changes: dict[str, Any], field: str, value: object
) -> None:
    with pytest.raises(gc.DataError) as info:
        cluster(**changes)
    assert info.value.field == field
    assert info.value.value == value
    assert field in str(info.value)


def test_phase_dates_must_be_ordered() -> None:
    Phase(kind=PhaseKind.CONCEPT, start=date(2016, 1, 1), end=date(2017, 12, 31))
    with pytest.raises(gc.DataError) as info:
        Phase(kind=PhaseKind.CONCEPT, start=date(2017, 1, 1), end=date(2016, 1, 1))
    assert info.value.field == "end"


def test_phase_countries_unique_and_typed() -> None:
    with pytest.raises(gc.DataError) as info:
        Phase(kind=PhaseKind.CONCEPT, countries=(FI, FI))
    assert info.value.field == "countries[1].alpha_2"
    with pytest.raises(gc.DataError) as info:
        Phase(kind=PhaseKind.CONCEPT, countries=("FI",))  # type: ignore[arg-type]
    assert info.value.field == "countries[0]"


def test_phase_kind_must_be_the_enum() -> None:
    with pytest.raises(gc.DataError) as info:
        Phase(kind="concept")  # type: ignore[arg-type]
    assert info.value.field == "kind"


def test_participation_has_one_phase_per_kind() -> None:
    p = Phase(kind=PhaseKind.CONCEPT, countries=(FI,))
    with pytest.raises(gc.DataError) as info:
        Participation(programme="x", phases=(p, p), sources=SRC)
    assert info.value.field == "phases[1].kind"


def test_target_countries_dedupe_and_sort_by_alpha_2() -> None:
    part = Participation(
        programme="internationalisation-of-leading-edge-clusters",
        phases=(
            Phase(kind=PhaseKind.CONCEPT, countries=(JP, FI), regions=("Asia-Pacific",)),
            Phase(kind=PhaseKind.IMPLEMENTATION, countries=(JP,)),
        ),
        sources=SRC,
    )
    c = cluster(participations=(part,))
    assert c.target_countries() == (FI, JP)
    assert c.target_countries("implementation") == (JP,)
    assert c.target_countries(PhaseKind.CONCEPT) == (FI, JP)
    assert c.target_regions() == ("Asia-Pacific",)
    assert c.target_regions("implementation") == ()
    assert part.phase("implementation") is part.phases[1]
    with pytest.raises(ValueError, match="'concept', 'implementation'"):
        c.target_countries("design")


def test_label_levels_are_ordered_by_rank_not_alphabet() -> None:
    assert LabelLevel.BRONZE < LabelLevel.SILVER < LabelLevel.GOLD
    assert sorted([LabelLevel.GOLD, LabelLevel.BRONZE, LabelLevel.SILVER]) == [
        LabelLevel.BRONZE,
        LabelLevel.SILVER,
        LabelLevel.GOLD,
    ]
    assert LabelLevel.parse("Silver") is LabelLevel.SILVER
    with pytest.raises(ValueError, match="'bronze', 'silver', 'gold'"):
        LabelLevel.parse("platinum")
    with pytest.raises(TypeError):
        LabelLevel.parse(3)  # type: ignore[arg-type]


def test_label_validity_on_a_date() -> None:
    lab = Label(
        level=LabelLevel.SILVER,
        awarded=date(2021, 5, 1),
        valid_until=date(2023, 5, 31),
        sources=SRC,
    )
    assert lab.valid_on(date(2022, 1, 1))
    assert not lab.valid_on(date(2024, 1, 1))
    assert not lab.valid_on(date(2020, 1, 1))
    undated = Label(level=LabelLevel.BRONZE, sources=SRC)
    assert not undated.valid_on(date(2022, 1, 1))
    by_year = Label(level=LabelLevel.GOLD, year=2013, sources=SRC)
    assert by_year.since == 2013
    assert not by_year.valid_on(date(2014, 1, 1)), "no known expiry: not shown held"
    year_and_end = Label(
        level=LabelLevel.GOLD, year=2013, valid_until=date(2015, 6, 30), sources=SRC
    )
    assert not year_and_end.valid_on(date(2013, 6, 1)), "the award day in 2013 is unknown"
    assert year_and_end.valid_on(date(2013, 12, 31))
    assert year_and_end.valid_on(date(2015, 6, 30))
    assert not year_and_end.valid_on(date(2015, 7, 1))
    with pytest.raises(TypeError, match="datetime"):
        lab.valid_on(datetime(2022, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(gc.DataError) as info:
        Label(level=LabelLevel.GOLD, year=2020, valid_until=date(2019, 1, 1), sources=SRC)
    assert info.value.field == "year"
    with pytest.raises(gc.DataError) as info:
        Label(level=LabelLevel.GOLD, awarded=date(2013, 1, 1), year=2014, sources=SRC)
    assert info.value.field == "year"
    with pytest.raises(gc.DataError) as info:
        Label(
            level=LabelLevel.GOLD,
            awarded=date(2013, 1, 1),
            valid_until=date(2012, 1, 1),
            sources=SRC,
        )
    assert info.value.field == "valid_until"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"phone": "+49 351 8925800"}, "phone"),
        ({"phone": "03518925800"}, "phone"),
        ({"fax": "+0123456789"}, "fax"),
        ({"email": "post@deepsea-mining-alliance."}, "email"),
        ({"postcode": "1099"}, "postcode"),
    ],
)
def test_contact_checks(changes: dict[str, Any], field: str) -> None:
    Contact(phone="+493518925800", email="info@example.org", postcode="01099", sources=SRC)
    with pytest.raises(gc.DataError) as info:
        Contact(sources=SRC, **changes)
    assert info.value.field == field


def test_programme_years_ordered() -> None:
    Programme(id="p", name="P", kind="competition", launched=2007, ended=2017, sources=SRC)
    with pytest.raises(gc.DataError) as info:
        Programme(id="p", name="P", kind="competition", launched=2017, ended=2007, sources=SRC)
    assert info.value.field == "ended"


def test_source_language_is_an_iso_639_1_code() -> None:
    Source(id="s", title="T", language="de")
    with pytest.raises(gc.DataError) as info:
        Source(id="s", title="T", language="German")
    assert info.value.field == "language"


def test_phase_kind_parse() -> None:
    assert PhaseKind.parse(" CONCEPT ") is PhaseKind.CONCEPT
    assert PhaseKind.parse(PhaseKind.IMPLEMENTATION) is PhaseKind.IMPLEMENTATION
    with pytest.raises(TypeError):
        PhaseKind.parse(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": "Cool\nSilicon"}, "name"),
        ({"name": "Cool\x00Silicon"}, "name"),
        ({"name": "Cool \ud800"}, "name"),
        ({"notes": ("first line\nsecond line",)}, "notes[0]"),
        ({"aliases": ("CS; Cool Silicon",)}, "aliases[0]"),
    ],
)
def test_text_must_be_printable_and_list_items_separable(
    changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(gc.DataError) as info:
        cluster(**changes)
    assert info.value.field == field


def test_notes_may_contain_semicolons() -> None:
    assert cluster(notes=("one; two",)).notes == ("one; two",)


def test_regions_must_be_named_regions() -> None:
    assert Phase(kind=PhaseKind.CONCEPT, regions=("Asia-Pacific",)).regions == ("Asia-Pacific",)
    with pytest.raises(gc.DataError) as info:
        Phase(kind=PhaseKind.CONCEPT, regions=("Atlantis",))
    assert (info.value.field, info.value.value) == ("regions[0]", "Atlantis")


def test_manifest_version_is_a_calendar_date() -> None:
    with pytest.raises(gc.DataError) as info:
        gc.Manifest(
            data_version="2020.02.30", created=date(2020, 1, 1), licence="CC-BY-4.0", files=()
        )
    assert info.value.field == "data_version"


@pytest.mark.parametrize("text", ["2020-W01-1", "20200101", "2020-1-1", "2020-01-01T00:00"])
def test_dates_have_one_spelling(text: str) -> None:
    from germanclusters._convert import structure

    with pytest.raises(gc.DataError) as info:
        structure({"kind": "concept", "start": text}, Phase)
    assert (info.value.field, info.value.value) == ("start", text)
    assert structure({"kind": "concept", "start": "2020-01-01"}, Phase).start == date(2020, 1, 1)


def test_unprintable_is_exactly_unicode_categories_cc_and_cs() -> None:
    import unicodedata

    from germanclusters.model import _UNPRINTABLE

    differ = [
        hex(code)
        for code in range(0x110000)
        if (unicodedata.category(chr(code)) in {"Cc", "Cs"})
        != bool(_UNPRINTABLE.fullmatch(chr(code)))
    ]
    assert differ == []
