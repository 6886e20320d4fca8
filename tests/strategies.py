"""Hypothesis builders of valid model objects, for property tests.

Every builder draws only values the model accepts (slugs, E.164 numbers, ordered
dates, unique entries, real ISO countries), so a build never fails; the properties
then check what the library does with arbitrary valid data.
"""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from hypothesis import strategies as st

from germanclusters._states import STATES
from germanclusters.countries import REGIONS, all_countries
from germanclusters.errors import DataError
from germanclusters.model import (
    Cluster,
    Contact,
    Country,
    DataFile,
    Funding,
    Label,
    LabelLevel,
    Manifest,
    Participation,
    Phase,
    PhaseKind,
    Programme,
    ProgrammeRound,
    Source,
)
from germanclusters.query import Clusters, Programmes

T = TypeVar("T")

#: Real programme ids (so that ``in_programme`` finds them) and made-up ones.
PROGRAMME_IDS = (
    "leading-edge-cluster-competition",
    "internationalisation-of-leading-edge-clusters",
    "go-cluster",
)


def _model_accepts(text: str) -> bool:
    """Whether the model takes ``text`` for a text field (its rules may be stricter)."""
    try:
        Source(id="x", title=text, language="en")
    except DataError:
        return False
    return True


# No control characters (a line break separates the notes in a flat table), nor
# format, unassigned, private-use or line/paragraph-separator characters.
texts = (
    st.text(
        st.characters(exclude_categories=("Cc", "Cf", "Cn", "Co", "Cs", "Zl", "Zp")),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
    .filter(_model_accepts)
)
slugs = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)
urls = st.from_regex(
    r"https?://[a-z0-9]{1,10}\.[a-z]{2,3}(/[a-zA-Z0-9_%-]{0,8}){0,2}", fullmatch=True
)
emails = st.from_regex(r"[a-z0-9._]{1,10}@[a-z0-9]{1,10}\.[a-z]{2,4}", fullmatch=True)
phones = st.from_regex(r"\+[1-9][0-9]{6,14}", fullmatch=True)
years = st.integers(1800, 2100)
dates = st.dates(min_value=date(1800, 1, 1), max_value=date(2100, 12, 31))
counts = st.integers(0, 10**9)
source_ids = st.lists(slugs, min_size=1, max_size=3, unique=True).map(tuple)
#: Items of a list other than notes: never "; ", the separator of flat tables.
list_items = texts.filter(lambda text: "; " not in text)
text_lists = st.lists(list_items, max_size=3, unique=True).map(tuple)
#: Notes: free text, often with "; " (their flat-table separator is a line break).
note_lists = st.lists(
    texts | st.builds("{}; {}".format, texts, texts), max_size=3, unique=True
).map(tuple)
countries: st.SearchStrategy[Country] = st.sampled_from(all_countries())
states = st.sampled_from(sorted(STATES))


def opt(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


def _ordered(first: Any, second: Any) -> tuple[Any, Any]:
    if first is not None and second is not None and second < first:
        return second, first
    return first, second


@st.composite
def phases(draw: st.DrawFn, kind: PhaseKind | None = None) -> Phase:
    start, end = _ordered(draw(opt(dates)), draw(opt(dates)))
    return Phase(
        kind=kind if kind is not None else draw(st.sampled_from(PhaseKind)),
        countries=draw(st.lists(countries, max_size=4, unique_by=lambda c: c.alpha_2)),
        regions=draw(st.lists(st.sampled_from(REGIONS), max_size=2, unique=True)),
        start=start,
        end=end,
        source_text=draw(opt(texts)),
        note=draw(opt(texts)),
    )


@st.composite
def participations(draw: st.DrawFn, programme: str | None = None) -> Participation:
    kinds = draw(st.lists(st.sampled_from(PhaseKind), max_size=2, unique=True))
    return Participation(
        programme=programme if programme is not None else draw(slugs),
        round=draw(opt(st.integers(1, 4))),
        year=draw(opt(years)),
        project=draw(opt(texts)),
        phases=[draw(phases(kind)) for kind in kinds],
        note=draw(opt(texts)),
        sources=draw(source_ids),
    )


@st.composite
def labels(draw: st.DrawFn) -> Label:
    awarded, valid_until = _ordered(draw(opt(dates)), draw(opt(dates)))
    year = draw(opt(years)) if awarded is None else draw(st.sampled_from([None, awarded.year]))
    if year is not None and valid_until is not None and year > valid_until.year:
        year = valid_until.year  # a label cannot be awarded after it expired
    return Label(
        scheme=draw(st.sampled_from(["ECEI"]) | texts),
        level=draw(st.sampled_from(LabelLevel)),
        awarded=awarded,
        year=year,
        valid_until=valid_until,
        awarded_by=draw(opt(texts)),
        note=draw(opt(texts)),
        sources=draw(source_ids),
    )


@st.composite
def contacts(draw: st.DrawFn) -> Contact:
    return Contact(
        name=draw(opt(texts)),
        title=draw(opt(texts)),
        role=draw(opt(texts)),
        organisation=draw(opt(texts)),
        street=draw(opt(texts)),
        postcode=draw(opt(st.from_regex(r"[0-9]{5}", fullmatch=True))),
        city=draw(opt(texts)),
        phone=draw(opt(phones)),
        fax=draw(opt(phones)),
        mobile=draw(opt(phones)),
        email=draw(opt(emails)),
        as_of=draw(opt(dates)),
        note=draw(opt(texts)),
        sources=draw(source_ids),
    )


@st.composite
def clusters(draw: st.DrawFn, ident: str | None = None) -> Cluster:
    state = draw(opt(states))
    spans = draw(st.lists(states, max_size=3, unique=True))
    if state is not None and spans and state not in spans:
        spans.append(state)
    members = draw(opt(counts))
    programmes = draw(st.lists(st.sampled_from(PROGRAMME_IDS) | slugs, max_size=3, unique=True))
    return Cluster(
        id=ident if ident is not None else draw(slugs),
        name=draw(texts),
        short_name=draw(opt(texts)),
        name_de=draw(opt(texts)),
        aliases=draw(text_lists),
        organisation=draw(opt(texts)),
        state=state,
        states=spans,
        city=draw(opt(texts)),
        founded=draw(opt(years)),
        members=members,
        members_as_of=None if members is None else draw(opt(dates)),
        website=draw(opt(urls)),
        topic=draw(opt(texts)),
        summary=draw(opt(texts)),
        participations=[draw(participations(p)) for p in programmes],
        labels=draw(st.lists(labels(), max_size=3)),
        contacts=draw(st.lists(contacts(), max_size=2)),
        notes=draw(note_lists),
        sources=draw(source_ids),
    )


@st.composite
def programme_rounds(draw: st.DrawFn, number: int | None = None) -> ProgrammeRound:
    announced = draw(opt(dates))
    year = draw(opt(years)) if announced is None else draw(st.sampled_from([None, announced.year]))
    return ProgrammeRound(
        number=number if number is not None else draw(st.integers(1, 20)),
        year=year,
        announced=announced,
        note=draw(opt(texts)),
        sources=draw(source_ids),
    )


@st.composite
def fundings(draw: st.DrawFn) -> Funding:
    return Funding(
        funder=draw(texts),
        amount_eur=draw(opt(counts)),
        share_percent=draw(opt(st.integers(0, 100))),
        note=draw(opt(texts)),
        sources=draw(source_ids),
    )


@st.composite
def programmes(draw: st.DrawFn) -> Programme:
    launched, ended = _ordered(draw(opt(years)), draw(opt(years)))
    numbers = draw(st.lists(st.integers(1, 20), max_size=3, unique=True))
    return Programme(
        id=draw(slugs),
        name=draw(texts),
        name_de=draw(opt(texts)),
        aliases=draw(text_lists),
        funder=draw(opt(texts)),
        kind=draw(texts),
        launched=launched,
        ended=ended,
        summary=draw(opt(texts)),
        url=draw(opt(urls)),
        rounds=[draw(programme_rounds(n)) for n in numbers],
        funding=draw(st.lists(fundings(), max_size=2)),
        partners=draw(text_lists),
        notes=draw(note_lists),
        sources=draw(source_ids),
    )


@st.composite
def sources(draw: st.DrawFn, ident: str | None = None) -> Source:
    return Source(
        id=ident if ident is not None else draw(slugs),
        title=draw(texts),
        publisher=draw(opt(texts)),
        url=draw(opt(urls)),
        language=draw(st.from_regex(r"[a-z]{2}", fullmatch=True)),
        as_of=draw(opt(dates)),
        licence=draw(opt(texts)),
        document=draw(opt(texts)),
        note=draw(opt(texts)),
    )


data_files = st.builds(
    DataFile,
    path=texts,
    sha256=st.from_regex(r"[0-9a-f]{64}", fullmatch=True),
    bytes=counts,
)


@st.composite
def manifests(draw: st.DrawFn) -> Manifest:
    ids = draw(st.lists(slugs, max_size=3, unique=True))
    return Manifest(
        data_version=draw(dates).strftime("%Y.%m.%d"),  # CalVer: a real calendar date
        created=draw(dates),
        licence=draw(texts),
        files=draw(st.lists(data_files, max_size=3, unique_by=lambda f: f.path)),
        sources=[draw(sources(i)) for i in ids],
    )


def cluster_collections(max_size: int = 8) -> st.SearchStrategy[Clusters]:
    """Collections of clusters (ids may repeat: a collection is any sequence)."""
    return st.lists(clusters(), max_size=max_size).map(Clusters)


def programme_collections(max_size: int = 4) -> st.SearchStrategy[Programmes]:
    return st.lists(programmes(), max_size=max_size).map(Programmes)


#: One strategy per class that ``to_json`` / ``from_json`` support.
BY_CLASS: dict[Any, st.SearchStrategy[Any]] = {
    Cluster: clusters(),
    Participation: participations(),
    Phase: phases(),
    Label: labels(),
    Contact: contacts(),
    Country: countries,
    Programme: programmes(),
    ProgrammeRound: programme_rounds(),
    Funding: fundings(),
    Source: sources(),
    DataFile: data_files,
    Manifest: manifests(),
    PhaseKind: st.sampled_from(PhaseKind),
    LabelLevel: st.sampled_from(LabelLevel),
    Clusters: cluster_collections(4),
    Programmes: programme_collections(3),
    tuple[Source, ...]: st.lists(sources(), max_size=3).map(tuple),
}
