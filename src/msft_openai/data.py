"""Read the report's data: ``load_table(name)`` for a validated table, ``as_of()`` for its date.

The data layer is split by job: :mod:`.errors` (the error and its message), :mod:`.schema`
(types and constraints of one CSV), :mod:`.sources` (the bibliography and provenance),
:mod:`.rules` (the report's cross-row and cross-table rules) and :mod:`.catalogue` (the package
that loads, checks and caches tables). This module is the short door notebooks use.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from .catalogue import Package
from .errors import DataError, repo_root
from .sources import MAX_QUOTE_WORDS, PROVENANCE_FIELDS, STATUSES

__all__ = [
    "DataError",
    "Package",
    "as_of",
    "load_table",
    "package",
    "repo_root",
    "MAX_QUOTE_WORDS",
    "PROVENANCE_FIELDS",
    "STATUSES",
]

_default_package: Package | None = None


def package() -> Package:
    """The package of this checkout, created once per process."""
    global _default_package
    if _default_package is None or _default_package.root != repo_root():
        _default_package = Package()
    return _default_package


def load_table(name: str) -> pd.DataFrame:
    """A validated table from data/, e.g. ``load_table("openai_valuations")``."""
    return package().load(name)


def as_of() -> date:
    """The date the report's data were last checked, from data/datapackage.json."""
    return package().as_of
