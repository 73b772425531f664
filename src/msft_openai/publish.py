"""Glue a computed value into the prose, and record it in the report's published numbers table.

``glue("p1_recap_stake", stake, fmt.usd_bn)`` does three things: it glues the printed text for a
``{glue:text}`` role (the page never types a figure), it stores the raw value, its unit and the
data rows it rests on beside the printed text in the notebook's output (from which
``msft_openai.numbers`` builds published/numbers.csv), and it remembers the value so that the
cell can end with ``glued()``, a small table of what it produced, visible when the notebook is
run in Jupyter.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

NUMBER_MIME = "application/vnd.msft-openai.number+json"


def row_ids(rows) -> list[str]:
    """Stable names of data rows, ``table[key]``, from a frame or a row of a loaded table."""
    if rows is None:
        return []
    if isinstance(rows, (list, tuple)):
        return [name for part in rows for name in row_ids(part)]
    table = rows.attrs.get("table")
    key = rows.attrs.get("primary_key") or []
    if not table or not key:
        raise ValueError("row_ids needs rows of a table loaded with load_table (they carry its name and key)")
    frame = rows.to_frame().T if isinstance(rows, pd.Series) else rows
    names = []
    for index_value, row in frame.iterrows():
        index_parts = index_value if isinstance(index_value, tuple) else (index_value,)
        index_names = [name for name in frame.index.names if name]
        values = []
        for column in key:
            if column in row.index:
                values.append(row[column])
            elif column in index_names:
                values.append(index_parts[index_names.index(column)])
            else:
                raise ValueError(f"rows of {table} lost their key column {column!r}")
        names.append(f"{table}[{', '.join(_key_text(value) for value in values)}]")
    return names


def _key_text(value) -> str:
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@dataclass
class Fact:
    """A value together with the data rows it rests on (and its unit)."""

    value: Any
    rows: Any = None
    unit: str = ""
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def row_ids(self) -> list[str]:
        return row_ids(self.rows)

    def __repr__(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"Fact({self.value!r}{unit}, rows={self.row_ids})"

    def _repr_html_(self) -> str:
        rows = "".join(f"<li><code>{name}</code></li>" for name in self.row_ids)
        unit = f" {self.unit}" if self.unit else ""
        return f"<p><strong>{self.value!r}</strong>{unit}</p><ul>{rows}</ul>"


def _jsonable(value):
    if value is None:
        return None
    if isinstance(value, (pd.Timestamp,)):
        return value.date().isoformat()
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            raise ValueError("cannot publish a missing number")
        return round(value, 10)
    if isinstance(value, (int, str, bool)):
        return value
    return str(value)


class GluedText:
    """A string glued for ``{glue:text}``, shown exactly as given, with its number record.

    myst-nb passes the glued text/plain through ``ast.literal_eval`` (to strip the quotes of a
    string's repr), so "8,707" glued raw would print as the tuple "(8, 707)": the repr keeps it
    a string."""

    def __init__(self, text: str, record: dict | None = None):
        self.text = str(text)
        self.record = record

    def _repr_mimebundle_(self, include=None, exclude=None):
        bundle = {"text/plain": repr(self.text)}
        if self.record is not None:
            bundle[NUMBER_MIME] = self.record
        return bundle


_glued_in_cell: list[dict] = []


def glue(key: str, value, formatter: Callable[[Any], str] | None = None, *, unit: str | None = None, rows=None) -> str:
    """Glue ``formatter(value)`` under ``key`` and record it; returns the printed text.

    ``value`` may be a :class:`Fact` (its rows and unit are used) or a plain value."""
    from myst_nb import glue as myst_glue

    if isinstance(value, Fact):
        rows = value.rows if rows is None else rows
        unit = value.unit if unit is None else unit
        raw = value.value
    else:
        raw = value
    printed = formatter(raw) if formatter else str(raw)
    record = {"key": key, "printed": printed, "raw": _jsonable(raw), "unit": unit or "", "rows": row_ids(rows)}
    myst_glue(key, GluedText(printed, record), display=False)
    _glued_in_cell.append(record)
    return printed


def glued() -> pd.DataFrame:
    """What the cell glued since the last call: end a cell with it to show its results."""
    frame = pd.DataFrame(_glued_in_cell, columns=["key", "printed", "raw", "unit", "rows"])
    _glued_in_cell.clear()
    frame["rows"] = frame["rows"].map(lambda names: "; ".join(names))
    return frame.set_index("key")


def glue_text(name: str, text) -> str:
    """Glue a string already formatted for prose (kept for pages not yet on ``glue``)."""
    return glue(name, text)


def loaded(*frames: pd.DataFrame) -> pd.DataFrame:
    """The tables a chapter loaded and their sizes: the first cell of a chapter ends with it."""
    return pd.DataFrame(
        [{"table": frame.attrs.get("table", "?"), "rows": len(frame), "columns": frame.shape[1]} for frame in frames]
    ).set_index("table")
