"""The one error the data layer raises, and where the checkout lives.

A :class:`DataError` names the file, the line, the column and the offending value, so that a
broken CSV stops the book build with a message a reader can act on.
"""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    """The checkout this package was imported from (or MSFT_OPENAI_ROOT, used by tests)."""
    override = os.environ.get("MSFT_OPENAI_ROOT")
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[2]


def display_path(path) -> str:
    """data/x.csv rather than /long/absolute/checkout/data/x.csv."""
    path = Path(path)
    try:
        return path.resolve().relative_to(repo_root()).as_posix()
    except ValueError:
        return str(path)


class DataError(ValueError):
    """A table in data/ is broken or inconsistent; the message says exactly where."""

    def __init__(self, file, message, *, line=None, column=None, value=None):
        self.file, self.line, self.column, self.value = display_path(file), line, column, value
        where = [self.file]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column '{column}'")
        text = ", ".join(where) + f": {message}"
        if value is not None:
            value = value.item() if hasattr(value, "item") else value  # numpy scalars print plainly
            self.value = value
            text += f" (value: {value!r})"
        super().__init__(text)
