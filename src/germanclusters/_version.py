"""The package version (PEP 440); the data has its own version, see data_version().

Examples:
    >>> import germanclusters as gc
    >>> gc.__version__ != gc.data_version()
    True
"""

__version__ = "0.3.0"
