"""germanclusters: Germany's innovation clusters as a typed, versioned, citable dataset.

>>> import germanclusters as gc
>>> gc.cluster("Cool Silicon").state
'DE-SN'
>>> gc.cluster("Open Hybrid LabFactory").target_regions("concept")  # not countries
('Asia-Pacific',)
>>> "Asia-Pacific" in gc.REGIONS
True

Importing the package loads no data, no country tables and no pandas: each is
loaded once, on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from germanclusters._version import __version__
from germanclusters.errors import (
    ClusterNotFound,
    DataError,
    GermanClustersError,
    MissingExtra,
    ProgrammeNotFound,
    UnknownCountry,
    UnknownState,
)

if TYPE_CHECKING:
    from germanclusters.countries import REGIONS, normalize_country, normalize_state
    from germanclusters.dataset import validate
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
        Participation,
        Phase,
        PhaseKind,
        Programme,
        ProgrammeRound,
        Source,
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

__all__ = [
    "REGIONS",
    "Cluster",
    "ClusterNotFound",
    "Clusters",
    "Contact",
    "Country",
    "DataError",
    "DataFile",
    "Funding",
    "GermanClustersError",
    "Label",
    "LabelLevel",
    "Manifest",
    "MissingExtra",
    "Participation",
    "Phase",
    "PhaseKind",
    "Programme",
    "ProgrammeNotFound",
    "ProgrammeRound",
    "Programmes",
    "Source",
    "UnknownCountry",
    "UnknownState",
    "__version__",
    "cluster",
    "clusters",
    "data_version",
    "export",
    "from_json",
    "json_schema",
    "manifest",
    "normalize_country",
    "normalize_state",
    "programme",
    "programmes",
    "sources",
    "to_dataframe",
    "to_json",
    "to_records",
    "validate",
]

# Public names that live in modules we import only when first used.
_LAZY = {
    **dict.fromkeys(
        (
            "Cluster",
            "Contact",
            "Country",
            "DataFile",
            "Funding",
            "Label",
            "LabelLevel",
            "Manifest",
            "Participation",
            "Phase",
            "PhaseKind",
            "Programme",
            "ProgrammeRound",
            "Source",
        ),
        "model",
    ),
    "Clusters": "query",
    "Programmes": "query",
    "cluster": "query",
    "clusters": "query",
    "data_version": "query",
    "manifest": "query",
    "programme": "query",
    "programmes": "query",
    "sources": "query",
    "export": "exports",
    "from_json": "serialise",
    "json_schema": "schemas",
    "to_dataframe": "tables",
    "to_json": "serialise",
    "to_records": "tables",
    "validate": "dataset",
    "REGIONS": "countries",
    "normalize_country": "countries",
    "normalize_state": "countries",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'germanclusters' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"germanclusters.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
