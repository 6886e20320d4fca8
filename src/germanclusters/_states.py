"""The sixteen German states: moved to :mod:`germanclusters._places`.

Kept only until the modules that import ``STATES`` from here import it from
``_places``; then this module is deleted.
"""

from germanclusters._places import STATES

__all__ = ["STATES"]
