"""Thesis: signposts read their latest value from the table they name and compare it with the threshold."""

from __future__ import annotations

import pandas as pd

from msft_openai.analysis import thesis


def _signpost(**overrides):
    base = {
        "signpost_id": "s01",
        "indicator": "Azure growth",
        "table": "microsoft_quarterly",
        "where": "metric=azure_growth_cc_pct",
        "value_column": "value",
        "date_column": "period_end",
        "unit": "pct",
        "direction": "below",
        "threshold": 30.0,
        "threshold_text": "Below 30%",
        "next_disclosure": "Results",
        "why": "Demand",
    }
    return pd.Series({**base, **overrides})


def _quarterly(make_table):
    return make_table(
        "microsoft_quarterly",
        [
            {
                "row_id": "a",
                "fiscal_year": 2026,
                "fiscal_quarter": 2,
                "period_end": "2025-12-31",
                "metric": "azure_growth_cc_pct",
                "value": 38.0,
                "unit": "pct",
            },
            {
                "row_id": "b",
                "fiscal_year": 2026,
                "fiscal_quarter": 3,
                "period_end": "2026-03-31",
                "metric": "azure_growth_cc_pct",
                "value": 29.0,
                "unit": "pct",
            },
            {
                "row_id": "c",
                "fiscal_year": 2026,
                "fiscal_quarter": 3,
                "period_end": "2026-03-31",
                "metric": "revenue",
                "value": 70.0,
                "unit": "usd_bn",
            },
        ],
    )


def test_a_signpost_reads_the_latest_selected_row(make_table):
    quarterly = _quarterly(make_table)
    fact = thesis.reading(_signpost(), lambda name: quarterly)
    assert fact.value == 29.0 and fact.extra["date"] == pd.Timestamp("2026-03-31")


def test_status_says_which_side_of_the_threshold():
    assert thesis.status(29.0, "below", 30.0) == thesis.CROSSED
    assert thesis.status(31.0, "below", 30.0) == thesis.CLEAR
    assert thesis.status(55.0, "above", 50.0) == thesis.CROSSED
    assert thesis.status("draft S-1", None, float("nan")) == thesis.WATCH
    assert thesis.status(24.0, "below", 30.0, "2026-03-31", "2026-12-31") == thesis.NOT_DUE
    assert thesis.status(24.0, "below", 30.0, "2027-01-31", "2026-12-31") == thesis.CROSSED


def test_the_table_lists_crossed_signposts(make_table):
    quarterly = _quarterly(make_table)
    signposts = pd.DataFrame([_signpost(), _signpost(signpost_id="s02", indicator="Other", threshold=20.0)])
    readings = {row["signpost_id"]: thesis.reading(row, lambda name: quarterly) for _, row in signposts.iterrows()}
    table = thesis.signposts_table(signposts, readings)
    assert table["Latest"].iloc[0] == "29% (31 March 2026)"
    assert thesis.crossed(signposts, readings) == ["Azure growth"]


def test_the_zh_table_translates_status_and_keeps_numbers(make_table):
    quarterly = _quarterly(make_table)
    signposts = pd.DataFrame([_signpost(indicator_zh="Azure成長率", threshold_text_zh="低於30%", due=None)])
    readings = {"s01": thesis.reading(signposts.iloc[0], lambda name: quarterly)}
    table = thesis.signposts_table_zh(signposts, readings)
    assert table["目前狀態"].iloc[0] == thesis.ZH_STATUS[thesis.CROSSED]
    assert table["最新數值"].iloc[0].startswith("29%")
