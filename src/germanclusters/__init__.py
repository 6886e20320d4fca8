"""germanclusters: Germany's innovation clusters as a typed, versioned, citable dataset.

>>> import germanclusters as gc
>>> gc.cluster("Cool Silicon").state
'DE-SN'
>>> gc.cluster("Open Hybrid LabFactory").target_regions("concept")  # not countries
('Asia-Pacific',)
>>> "Asia-Pacific" in gc.REGIONS
True

Importing the package loads no data, no country tables and no pandas: the data is
read once, on first use.
"""

from types import ModuleType as _ModuleType

from germanclusters._version import __version__
from germanclusters.countries import (
    REGIONS,
    normalize_countries,
    normalize_country,
    normalize_state,
    normalize_subdivision,
)
from germanclusters.dataset import validate
from germanclusters.errors import (
    ClusterNotFound,
    DataError,
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


def _is_module(value: object) -> bool:
    return isinstance(value, _ModuleType)


# Every name imported above is public; the list is derived, so each is written once.
__all__ = [
    *sorted(n for n, v in globals().items() if not n.startswith("_") and not _is_module(v)),
    "__version__",
]
