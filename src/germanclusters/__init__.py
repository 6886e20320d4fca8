"""germanclusters: Germany's innovation clusters as a typed, versioned, citable dataset.

Importing the package loads no data, no country tables and no pandas: the data is
read once, on first use.

Examples:
    >>> import germanclusters as gc
    >>> gc.cluster("Cool Silicon").state
    'DE-SN'
    >>> gc.cluster("Open Hybrid LabFactory").target_regions("concept")  # not countries
    ('Asia-Pacific',)
    >>> "Asia-Pacific" in gc.REGIONS
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from germanclusters._version import __version__

# Each public name with the module it lives in. A module is imported on first use of
# one of its names, so `import germanclusters` loads neither attrs nor cattrs nor any
# data; the block below gives type checkers the same names.
_PUBLIC: dict[str, tuple[str, ...]] = {
    "countries": (
        "REGIONS",
        "normalize_countries",
        "normalize_country",
        "normalize_state",
        "normalize_subdivision",
        "state_name",
    ),
    "errors": (
        "ClusterNotFound",
        "DataError",
        "ExportPathError",
        "GermanClustersError",
        "MissingExtra",
        "ProgrammeNotFound",
        "UnknownCountry",
        "UnknownState",
    ),
    "model": (
        "Cluster",
        "Contact",
        "Country",
        "DataFile",
        "Funding",
        "Label",
        "LabelLevel",
        "Manifest",
        "MemberCount",
        "PartialDate",
        "Participation",
        "Partner",
        "PartnerKind",
        "Phase",
        "PhaseKind",
        "Programme",
        "ProgrammeRound",
        "Source",
        "TargetChanges",
    ),
    "query": (
        "Clusters",
        "Programmes",
        "cluster",
        "clusters",
        "data_version",
        "manifest",
        "programme",
        "programmes",
        "sources",
    ),
    "validation": ("validate",),
    "exports": ("export",),
    "schemas": ("json_schema",),
    "serialise": ("from_json", "to_json"),
    "tables": ("to_dataframe", "to_records"),
}
__all__ = [*sorted(n for names in _PUBLIC.values() for n in names), "__version__"]
_MODULE_OF = {n: m for m, names in _PUBLIC.items() for n in names}

if TYPE_CHECKING:
    from germanclusters.countries import (
        REGIONS,
        normalize_countries,
        normalize_country,
        normalize_state,
        normalize_subdivision,
        state_name,
    )
    from germanclusters.errors import (
        ClusterNotFound,
        DataError,
        ExportPathError,
        GermanClustersError,
        MissingExtra,
        ProgrammeNotFound,
        UnknownCountry,
        UnknownState,
    )
    from germanclusters.exports import export
    from germanclusters.model import (
        Cluster,
        Contact,
        Country,
        DataFile,
        Funding,
        Label,
        LabelLevel,
        Manifest,
        MemberCount,
        PartialDate,
        Participation,
        Partner,
        PartnerKind,
        Phase,
        PhaseKind,
        Programme,
        ProgrammeRound,
        Source,
        TargetChanges,
    )
    from germanclusters.query import (
        Clusters,
        Programmes,
        cluster,
        clusters,
        data_version,
        manifest,
        programme,
        programmes,
        sources,
    )
    from germanclusters.schemas import json_schema
    from germanclusters.serialise import from_json, to_json
    from germanclusters.tables import to_dataframe, to_records
    from germanclusters.validation import validate


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module 'germanclusters' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"germanclusters.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
