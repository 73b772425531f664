"""The corrections log, as the corrections page and each corrected page show it."""

from __future__ import annotations

import pandas as pd

from .. import fmt


def log_table(log: pd.DataFrame) -> pd.DataFrame:
    ordered = log.sort_values(["date", "correction_id"], ascending=[False, True], kind="stable")
    return pd.DataFrame(
        {
            "Date": [fmt.long_date(day) for day in ordered["date"]],
            "Page": ordered["page"].tolist(),
            "Finding": ordered["finding"].tolist(),
            "We said": ordered["was"].tolist(),
            "We now say": ordered["now"].tolist(),
            "Why": ordered["why"].tolist(),
        }
    )


def for_page(log: pd.DataFrame, page: str) -> pd.DataFrame:
    """The corrections of one page, oldest first."""
    return log[log["page"] == page].sort_values(["date", "correction_id"], kind="stable")
