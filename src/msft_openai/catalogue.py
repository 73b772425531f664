"""The catalogue of the report's tables: the one way a notebook reads data.

``load(name)`` reads the CSV against its schema (:mod:`.schema`), checks every row's provenance
against the bibliography (:mod:`.sources`) and runs the report's rules (:mod:`.rules`). A table is
cached only after all of that has passed, so a broken table raises on every load, never just the
first. Rules that consult another table ask the catalogue for it; a table whose own load is under
way is handed over as read and schema-checked, which lets two tables' rules refer to each other
without recursing.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import rules, schema, sources
from .errors import DataError, repo_root


class Package:
    """The data package in ``root/data`` and the bibliography in ``root/book/references``."""

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root else repo_root()
        self.data_dir = self.root / "data"
        self.descriptor_path = self.data_dir / "datapackage.json"
        self.bibliography_dir = self.root / "book" / "references"
        self._validated: dict[str, pd.DataFrame] = {}
        self._in_progress: dict[str, pd.DataFrame] = {}
        # Every file a load has read, so that a build can tell which inputs a chapter depends on.
        self.files_read: set[Path] = set()

    # -- descriptor and bibliography -------------------------------------------------------
    @cached_property
    def descriptor(self) -> dict:
        self.files_read.add(self.descriptor_path)
        try:
            return json.loads(self.descriptor_path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise DataError(self.descriptor_path, f"cannot read the data package descriptor: {error}") from error

    @property
    def as_of(self) -> date:
        return date.fromisoformat(self.descriptor["as_of"])

    @property
    def table_names(self) -> list[str]:
        return [resource["name"] for resource in self.descriptor["resources"]]

    def resource(self, name: str) -> dict:
        for resource in self.descriptor["resources"]:
            if resource["name"] == name:
                return resource
        raise DataError(self.descriptor_path, f"no table named {name!r}; known tables: {', '.join(self.table_names)}")

    @property
    def refuses_secondary_sources(self) -> bool:
        """The sourcing policy (``x_source_policy``): rows may not rest on secondary sites alone.
        A test keeps it switched on; it exists so that the policy is stated in the data package."""
        return self.descriptor.get("x_source_policy", {}).get("secondary_alone") == "refuse"

    def awaiting_resourcing(self, name: str) -> set[str]:
        """Rows (primary keys joined with '/') that may still rest on a secondary source while
        they await a primary or outlet source: a visible, shrinking list, never a new entry."""
        listed = self.descriptor.get("x_source_policy", {}).get("awaiting_resourcing", {})
        return set(listed.get(name, []))

    def foreign_keys(self, name: str) -> list[dict]:
        return self.resource(name)["schema"].get("foreignKeys", [])

    def primary_key(self, name: str) -> list[str]:
        return schema.primary_key(self.resource(name)["schema"])

    @property
    def bibliography_paths(self) -> list[Path]:
        return sorted(self.bibliography_dir.glob("*.bib"))

    @cached_property
    def sources(self) -> dict[str, sources.Source]:
        paths = self.bibliography_paths
        self.files_read.update(paths)
        return sources.read_bibliography(paths)

    @property
    def bibliography(self) -> dict[str, sources.Source]:
        """Bibliography key -> :class:`~msft_openai.sources.Source` (kept for older callers)."""
        return self.sources

    # -- tables ----------------------------------------------------------------------------
    def load(self, name: str) -> pd.DataFrame:
        """The validated table ``name`` (a fresh copy; the cached original stays untouched)."""
        if name in self._validated:
            return self._validated[name].copy()
        if name in self._in_progress:  # a rule of this table's own load asked for it
            return self._in_progress[name].copy()
        frame = self._read(name)
        self._in_progress[name] = frame
        try:
            rules.check_table(_RuleView(self), name, frame)
        finally:
            del self._in_progress[name]
        self._validated[name] = frame
        return frame.copy()

    get = load

    def load_all(self) -> dict[str, pd.DataFrame]:
        return {name: self.load(name) for name in self.table_names}

    def _read(self, name: str) -> pd.DataFrame:
        resource = self.resource(name)
        path = self.data_dir / resource["path"]
        self.files_read.add(path)
        frame = schema.read_table(path, resource["schema"])
        frame.attrs["table"] = name
        frame.attrs["primary_key"] = schema.primary_key(resource["schema"])
        if all(column in frame.columns for column in sources.PROVENANCE_FIELDS):
            sources.check_provenance(
                path,
                frame,
                self.sources,
                resource.get("x_unsourced_allowed_when", {}),
                refuse_secondary=self.refuses_secondary_sources,
                awaiting=self.awaiting_resourcing(name),
            )
        return frame


class _RuleView:
    """What a rule may see of the catalogue: other tables, resources and the descriptor."""

    def __init__(self, package: Package):
        self._package = package

    def get(self, name: str) -> pd.DataFrame:
        return self._package.load(name)

    @property
    def sources(self) -> dict:
        return self._package.sources

    def resource(self, name: str) -> dict:
        resource = dict(self._package.resource(name))
        resource["path"] = str(self._package.data_dir / resource["path"])
        return resource

    @property
    def descriptor(self) -> dict:
        return self._package.descriptor
