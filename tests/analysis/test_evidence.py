"""The evidence summary: shares by tier add up and ignore unsourced rows."""

from __future__ import annotations

import pandas as pd
import pytest

from msft_openai.analysis import evidence


def test_tier_totals_count_sourced_rows_only():
    by_table = pd.DataFrame(
        [
            {"table": "a", "rows": 4, "unsourced": 1, "primary": 2, "outlet": 1, "secondary": 0, "untiered": 0},
            {"table": "b", "rows": 2, "unsourced": 0, "primary": 0, "outlet": 1, "secondary": 1, "untiered": 0},
        ]
    )
    totals = evidence.tier_totals(by_table)
    assert (totals["sourced"], totals["primary"], totals["secondary"]) == (5, 2, 1)
    assert totals["primary_or_outlet_pct"] == pytest.approx(80)
