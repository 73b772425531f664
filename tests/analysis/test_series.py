import pandas as pd
import pytest

from msft_openai.analysis.series import contiguous_runs, quarter_position


def test_quarters_become_consecutive_integers_across_a_year_end():
    positions = quarter_position(pd.Series(["2024-Q4", "2025-Q1", "2025-Q3"]))
    assert list(positions.diff().dropna()) == [1, 2]


def test_a_malformed_quarter_is_named():
    with pytest.raises(ValueError, match="FY2025 Q1"):
        quarter_position(pd.Series(["2025-Q1", "FY2025 Q1"]))


def test_a_missing_quarter_starts_a_new_run_in_its_own_group_only():
    frame = pd.DataFrame(
        {
            "company": ["meta", "meta", "meta", "amazon", "amazon", "amazon"],
            "quarter": ["2025-Q1", "2025-Q2", "2026-Q1", "2025-Q1", "2025-Q2", "2025-Q3"],
        }
    )
    runs = contiguous_runs(frame, ["company"], quarter_position(frame["quarter"]))
    assert list(runs) == [0, 0, 1, 0, 0, 0]


def test_rows_out_of_order_are_numbered_by_period():
    frame = pd.DataFrame({"series": ["a", "a", "a"], "position": [5, 1, 2]})
    assert list(contiguous_runs(frame, ["series"], frame["position"])) == [1, 0, 0]
