"""The package version (PEP 440); the data has its own version, see data_version()."""

__version__ = "0.1.0"
