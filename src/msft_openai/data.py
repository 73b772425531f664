"""Load the report's tables from data/ and refuse to hand over anything inconsistent.

Every notebook reads its data through :func:`load_table`. The table's Frictionless Table Schema
(data/datapackage.json) gives the types and constraints; the book's bibliography gives the
source keys a row may cite; :mod:`msft_openai.invariants` adds the rules that span rows or
tables. The first problem found raises :class:`DataError`, whose message names the file, the
line, the column and the offending value, so a broken CSV stops the book build at the cell that
loads it instead of publishing a wrong chart.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

PROVENANCE_FIELDS = ("source", "quote", "status")
STATUSES = ("company_disclosure", "press_report", "derived")
MAX_QUOTE_WORDS = 30
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
BIB_ENTRY = re.compile(r"^@(\w+)\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
# A source names what it is, where it lives and when we read it; its publication date is a full
# `date` where the page gives one, otherwise at least its `year`.
BIB_REQUIRED_FIELDS = ("title", "url", "urldate", ("date", "year"))


class DataError(ValueError):
    """A table in data/ is broken or inconsistent; the message says exactly where."""

    def __init__(self, file, message, *, line=None, column=None, value=None):
        self.file, self.line, self.column, self.value = _display_path(file), line, column, value
        where = [self.file]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        text = ", ".join(where) + f": {message}"
        if value is not None:
            text += f" (value: {value!r})"
        super().__init__(text)


def _display_path(path) -> str:
    """data/x.csv rather than /long/absolute/checkout/data/x.csv."""
    path = Path(path)
    try:
        return path.resolve().relative_to(repo_root()).as_posix()
    except ValueError:
        return str(path)


def repo_root() -> Path:
    """The checkout this package was imported from (or MSFT_OPENAI_ROOT, used by tests)."""
    override = os.environ.get("MSFT_OPENAI_ROOT")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    required: bool
    constraints: dict

    @classmethod
    def from_schema(cls, spec: dict) -> "Field":
        constraints = dict(spec.get("constraints", {}))
        return cls(spec["name"], spec.get("type", "string"), bool(constraints.pop("required", False)), constraints)


class Package:
    """The data package in ``root/data`` and the bibliography in ``root/book``."""

    def __init__(self, root: Path | str | None = None):
        self.root = Path(root) if root else repo_root()
        self.data_dir = self.root / "data"
        self.descriptor_path = self.data_dir / "datapackage.json"
        self.bibliography_dir = self.root / "book" / "references"
        self._tables: dict[str, pd.DataFrame] = {}

    # -- descriptor and bibliography -------------------------------------------------------
    @cached_property
    def descriptor(self) -> dict:
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
    def bibliography_paths(self) -> list[Path]:
        return sorted(self.bibliography_dir.glob("*.bib"))

    @cached_property
    def bibliography(self) -> dict[str, str]:
        """Bibliography key -> entry text, from every book/references/*.bib, each entry checked
        for the fields every source must carry, each key defined once across all files."""
        entries: dict[str, str] = {}
        defined_in: dict[str, Path] = {}
        for path in self.bibliography_paths:
            text = path.read_text(encoding="utf-8")
            starts = [(match.start(), match.group(2)) for match in BIB_ENTRY.finditer(text)]
            for index, (start, key) in enumerate(starts):
                end = starts[index + 1][0] if index + 1 < len(starts) else len(text)
                body = text[start:end]
                line = text.count("\n", 0, start) + 1
                if key in entries:
                    raise DataError(path, f"bibliography key already defined in {_display_path(defined_in[key])}",
                                    line=line, value=key)
                for required in BIB_REQUIRED_FIELDS:
                    alternatives = required if isinstance(required, tuple) else (required,)
                    if not any(re.search(rf"(?:^|,)\s*{name}\s*=", body, re.MULTILINE | re.IGNORECASE)
                               for name in alternatives):
                        raise DataError(path, f"entry lacks the '{' or '.join(alternatives)}' field", line=line, value=key)
                entries[key] = body
                defined_in[key] = path
        if not entries:
            raise DataError(self.bibliography_dir, "no bibliography entries found")
        return entries

    # -- tables ----------------------------------------------------------------------------
    def load(self, name: str) -> pd.DataFrame:
        """The validated table ``name`` (a fresh copy; the cached original stays untouched)."""
        if name not in self._tables:
            self._tables[name] = self._read_and_validate(name)
            from .invariants import check_table  # imported late: invariants load other tables

            check_table(self, name, self._tables[name])
        return self._tables[name].copy()

    def load_all(self) -> dict[str, pd.DataFrame]:
        return {name: self.load(name) for name in self.table_names}

    def _read_and_validate(self, name: str) -> pd.DataFrame:
        resource = self.resource(name)
        path = self.data_dir / resource["path"]
        fields = [Field.from_schema(spec) for spec in resource["schema"]["fields"]]
        rows = self._read_rows(path, fields)
        columns = {}
        for column_index, field in enumerate(fields):
            values = []
            for line, row in rows:
                values.append(_parse_cell(path, line, field, row[column_index]))
            columns[field.name] = _as_series(field, values)
        frame = pd.DataFrame(columns)
        frame.attrs["lines"] = [line for line, _ in rows]
        frame.attrs["path"] = str(path)
        self._check_keys(path, resource, frame)
        if all(name in frame.columns for name in PROVENANCE_FIELDS):
            self._check_provenance(path, frame, resource.get("x_unsourced_allowed_when", {}))
        return frame

    @staticmethod
    def _read_rows(path: Path, fields: list[Field]) -> list[tuple[int, list[str]]]:
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise DataError(path, f"cannot read the table: {error}") from error
        if not raw.strip():
            raise DataError(path, "the file is empty")
        if raw.startswith(b"\xef\xbb\xbf"):
            raise DataError(path, "the file starts with a byte-order mark (save it as UTF-8 without BOM)", line=1)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise DataError(path, "the file is not valid UTF-8", line=line, value=raw[error.start : error.start + 8]) from error
        reader = csv.reader(io.StringIO(text, newline=""), strict=True)
        try:
            header = next(reader)
        except (StopIteration, csv.Error) as error:
            raise DataError(path, f"cannot read the header row: {error}", line=1) from error
        expected = [field.name for field in fields]
        missing = [name for name in expected if name not in header]
        if missing:
            raise DataError(path, "a column the schema requires is missing", line=1, column=missing[0])
        unexpected = [name for name in header if name not in expected]
        if unexpected:
            raise DataError(path, "a column is not in the schema (add it to datapackage.json or remove it)", line=1, column=unexpected[0])
        if header != expected:
            raise DataError(path, f"columns are out of the schema's order; expected {expected}", line=1)
        rows = []
        try:
            for record in reader:
                line = reader.line_num
                if not record or all(not cell.strip() for cell in record):
                    raise DataError(path, "blank row", line=line)
                if len(record) != len(header):
                    raise DataError(path, f"row has {len(record)} cells, the header has {len(header)}", line=line)
                rows.append((line, record))
        except csv.Error as error:
            raise DataError(path, f"malformed CSV: {error}", line=reader.line_num) from error
        if not rows:
            raise DataError(path, "the table has a header but no rows")
        return rows

    @staticmethod
    def _check_keys(path: Path, resource: dict, frame: pd.DataFrame) -> None:
        primary_key = resource["schema"].get("primaryKey", [])
        if isinstance(primary_key, str):
            primary_key = [primary_key]
        if primary_key:
            duplicated = frame.duplicated(subset=primary_key, keep="first")
            if duplicated.any():
                position = int(duplicated.to_numpy().nonzero()[0][0])
                value = tuple(frame.iloc[position][primary_key].astype(str))
                raise DataError(path, f"duplicate primary key {primary_key}", line=frame.attrs["lines"][position],
                                column=primary_key[0], value=value if len(value) > 1 else value[0])

    def _check_provenance(self, path: Path, frame: pd.DataFrame, unsourced_allowed_when: dict) -> None:
        """Every row cites a known source with a quote, except rows the table explicitly lets go
        unsourced (the claims audit's "unverifiable" verdict is the honest absence of a source)."""
        known = self.bibliography
        for position, line in enumerate(frame.attrs["lines"]):
            status = frame["status"].iloc[position]
            source = frame["source"].iloc[position]
            may_be_unsourced = bool(unsourced_allowed_when) and all(
                frame[column].iloc[position] == value for column, value in unsourced_allowed_when.items())
            if pd.notna(source) and source not in known:
                raise DataError(path, "source key is not in the bibliography (book/references/*.bib)", line=line, column="source", value=source)
            if pd.isna(source) and not may_be_unsourced:
                raise DataError(path, "every row needs a source key", line=line, column="source")
            if pd.isna(status) and not may_be_unsourced:
                raise DataError(path, "every row needs a status", line=line, column="status")
            quote = frame["quote"].iloc[position]
            if pd.notna(source) and (pd.isna(quote) or not str(quote).strip()):
                raise DataError(path, "a sourced row needs a supporting quote", line=line, column="quote")
            if pd.notna(quote) and len(str(quote).split()) > MAX_QUOTE_WORDS:
                raise DataError(path, f"quote is longer than {MAX_QUOTE_WORDS} words", line=line, column="quote",
                                value=str(quote)[:60] + "…")

    def foreign_keys(self, name: str) -> list[dict]:
        return self.resource(name)["schema"].get("foreignKeys", [])


def _parse_cell(path: Path, line: int, field: Field, text: str):
    cell = text.strip()
    if cell != text:
        raise DataError(path, "leading or trailing whitespace", line=line, column=field.name, value=text)
    if cell == "":
        if field.required:
            raise DataError(path, "a required value is missing", line=line, column=field.name)
        return None
    try:
        if field.type == "number":
            value = float(cell)
        elif field.type == "integer":
            value = int(cell)
        elif field.type == "date":
            if not ISO_DATE.match(cell):
                raise ValueError("not an ISO date (YYYY-MM-DD)")
            value = date.fromisoformat(cell)
        elif field.type == "boolean":
            if cell not in ("true", "false"):
                raise ValueError("not true/false")
            value = cell == "true"
        else:
            value = cell
    except ValueError as error:
        raise DataError(path, f"not a valid {field.type}: {error}", line=line, column=field.name, value=text) from error
    constraints = field.constraints
    if "enum" in constraints and value not in constraints["enum"]:
        raise DataError(path, f"not one of the allowed values {constraints['enum']}", line=line, column=field.name, value=text)
    if "minimum" in constraints and value < _bound(field, constraints["minimum"]):
        raise DataError(path, f"below the minimum {constraints['minimum']}", line=line, column=field.name, value=text)
    if "maximum" in constraints and value > _bound(field, constraints["maximum"]):
        raise DataError(path, f"above the maximum {constraints['maximum']}", line=line, column=field.name, value=text)
    if "maxLength" in constraints and len(cell) > constraints["maxLength"]:
        raise DataError(path, f"longer than {constraints['maxLength']} characters", line=line, column=field.name, value=cell[:60] + "…")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], cell):
        raise DataError(path, f"does not match the pattern {constraints['pattern']}", line=line, column=field.name, value=text)
    return value


def _bound(field: Field, bound):
    return date.fromisoformat(bound) if field.type == "date" else bound


def _as_series(field: Field, values: list) -> pd.Series:
    if field.type == "number":
        return pd.Series([float("nan") if v is None else v for v in values], dtype="float64")
    if field.type == "integer":
        return pd.Series(values, dtype="Int64")
    if field.type == "date":
        return pd.Series(pd.to_datetime(values), dtype="datetime64[ns]")
    if field.type == "boolean":
        return pd.Series(values, dtype="boolean")
    return pd.Series(values, dtype="object")


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
