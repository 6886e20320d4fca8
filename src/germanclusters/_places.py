"""Curated place tables (data only): German states and named world regions.

(Placeholder until the countries module lands its full tables.)
"""

from __future__ import annotations

from typing import Final

from germanclusters._states import STATES

REGIONS: Final[tuple[str, ...]] = ('Africa', 'Americas', 'ASEAN', 'Asia', 'Asia-Pacific', 'Balkans', 'Baltic states', 'Benelux', 'Caribbean', 'Central America', 'Central and Eastern Europe', 'Central Asia', 'Central Europe', 'CIS', 'DACH', 'East Africa', 'East Asia', 'Eastern Europe', 'EMEA', 'EU', 'Eurasia', 'Europe', 'Gulf states', 'Latin America', 'MENA', 'Mercosur', 'Middle East', 'Nordic countries', 'North Africa', 'North America', 'Northern Europe', 'Oceania', 'Scandinavia', 'South America', 'South Asia', 'Southeast Asia', 'Southern Africa', 'Southern Europe', 'Sub-Saharan Africa', 'West Africa', 'Western Balkans', 'Western Europe', 'Worldwide')
__all__ = ["REGIONS", "STATES"]
