"""Where a series runs without a gap: a line is drawn through consecutive periods only."""

from __future__ import annotations

import pandas as pd


def quarter_position(quarters: pd.Series) -> pd.Series:
    """Calendar quarters written "2025-Q3" as consecutive integers (year × 4 + quarter)."""
    parts = quarters.str.extract(r"^(\d{4})-Q([1-4])$")
    if parts.isna().any().any():
        bad = quarters[parts.isna().any(axis=1)].iloc[0]
        raise ValueError(f"not a calendar quarter like 2025-Q3: {bad!r}")
    return parts[0].astype(int) * 4 + parts[1].astype(int)


def contiguous_runs(frame: pd.DataFrame, by: list[str], position: pd.Series) -> pd.Series:
    """A run number per row, within each group of ``by``, that starts again wherever the group's
    periods skip one: drawn as a line's detail, it keeps a line from bridging a missing period."""
    runs = pd.Series(0, index=frame.index, dtype=int)
    for _, group in frame.groupby(by, sort=True):
        ordered = position.loc[group.index].sort_values(kind="stable")
        runs.loc[ordered.index] = (ordered.diff().fillna(1) != 1).cumsum().astype(int)
    return runs
