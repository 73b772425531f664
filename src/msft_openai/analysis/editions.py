"""Editions of the report and what changed in the numbers between them."""

from __future__ import annotations

import pandas as pd

from .. import numbers
from ..errors import repo_root


def latest(editions: pd.DataFrame) -> pd.Series:
    return editions.sort_values("edition").iloc[-1]


def edition_numbers(edition: pd.Series, root=None) -> pd.DataFrame:
    """The numbers an edition printed (page, key, printed; later editions add raw, unit and rows)."""
    from ..data import package

    path = (root or repo_root()) / edition["numbers"]
    package().files_read.add(path)  # the build re-runs the changelog when a numbers table changes
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    # The changelog's own counts are numbers too; leaving its page out keeps them a fixed point.
    table = table[table["page"] != "changelog"]
    for column in numbers.COLUMNS:
        if column not in table.columns:
            table[column] = ""
    return table[numbers.COLUMNS]


def changed_numbers(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Numbers whose printed text changed between two editions, with the rows behind the new
    value; numbers that appear or disappear are counted, not listed (pages were rewritten)."""
    merged = old[["page", "key", "printed"]].merge(
        new[["page", "key", "printed", "rows"]], on=["page", "key"], how="inner", suffixes=("_old", "_new")
    )
    moved = merged[merged["printed_old"] != merged["printed_new"]]
    return (
        moved.rename(columns={"printed_old": "old", "printed_new": "new"})[["page", "key", "old", "new", "rows"]]
        .sort_values(["page", "key"])
        .reset_index(drop=True)
    )


def added_and_removed(old: pd.DataFrame, new: pd.DataFrame) -> tuple[int, int, int]:
    """(kept, added, removed) counts of number keys between two editions."""
    old_keys, new_keys = set(zip(old["page"], old["key"])), set(zip(new["page"], new["key"]))
    return len(old_keys & new_keys), len(new_keys - old_keys), len(old_keys - new_keys)
