"""Row selections written in data: ``metric=revenue_run_rate;kind=run_rate`` or ``title~S-1``.

Tables that point into other tables (the signposts) name their rows this way, so the choice of
rows lives in data/ beside its reason, and a rule can check that each selection finds rows."""

from __future__ import annotations

import pandas as pd


def parse(where: str) -> list[tuple[str, str, str]]:
    """``"a=1;b~x"`` -> ``[("a", "=", "1"), ("b", "~", "x")]``."""
    conditions = []
    for part in str(where).split(";"):
        for operator in ("=", "~"):
            if operator in part:
                column, value = part.split(operator, 1)
                conditions.append((column.strip(), operator, value.strip()))
                break
        else:
            raise ValueError(f"condition {part!r} is neither column=value nor column~text")
    return conditions


def select(frame: pd.DataFrame, where: str) -> pd.DataFrame:
    """The rows of ``frame`` meeting every condition (``=`` equal as text, ``~`` contains)."""
    mask = pd.Series(True, index=frame.index)
    for column, operator, value in parse(where):
        if column not in frame.columns:
            raise KeyError(f"no column {column!r}")
        text = frame[column].astype(str)
        mask &= text == value if operator == "=" else text.str.contains(value, regex=False)
    return frame[mask]
