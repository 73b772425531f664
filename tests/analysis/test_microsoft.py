"""Part 3's functions on tiny tables: fiscal order, year-to-date, revenue per earlier capex."""

from __future__ import annotations

import pytest

from msft_openai.analysis import microsoft


def quarter(fiscal_year, q, metric, value, row_id=None):
    end = {1: "09-30", 2: "12-31", 3: "03-31", 4: "06-30"}[q]
    year = fiscal_year - 1 if q in (1, 2) else fiscal_year
    return {
        "row_id": row_id or f"{fiscal_year}{q}{metric}",
        "fiscal_year": fiscal_year,
        "fiscal_quarter": q,
        "period_end": f"{year}-{end}",
        "metric": metric,
        "value": value,
        "unit": "usd_bn",
        "source": "s",
        "quote": "q",
    }


@pytest.fixture
def quarterly(make_table):
    rows = []
    for index, (year, q) in enumerate(
        [(2024, 1), (2024, 2), (2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3), (2025, 4), (2026, 1)]
    ):
        rows.append(quarter(year, q, "capex_cash", 10.0))
        rows.append(quarter(year, q, "microsoft_cloud_revenue", 30.0 + index))
        rows.append(quarter(year, q, "revenue", 60.0))
    return make_table("microsoft_quarterly", rows[::-1])  # stored out of order on purpose


def test_the_panel_runs_in_fiscal_order(quarterly):
    data = microsoft.panel(quarterly)
    assert data.quarters[0] == "FY2024 Q1" and data.quarters[-1] == "FY2026 Q1"
    assert data.months["FY2024 Q1"] == "Jul–Sep 2023"
    assert data.fact("capex_cash").extra["quarter"] == "FY2026 Q1"


def test_year_to_date_compares_the_same_quarters_a_year_earlier(quarterly):
    ytd = microsoft.year_to_date(quarterly, "capex_cash", 2026)
    assert (ytd["quarters"], ytd["total"], ytd["prior"]) == (1, 10.0, 10.0)


def test_revenue_added_per_dollar_of_capex_a_year_earlier(quarterly):
    frame = microsoft.incremental_revenue_per_capex(microsoft.panel(quarterly))
    # Quarterly revenue rises by 1 each quarter: four quarters add 16 over the four before;
    # capex in the four quarters a year earlier is 40.
    assert list(frame["fiscal_quarter"]) == ["FY2025 Q4", "FY2026 Q1"]
    assert frame["revenue_per_capex_dollar"].iloc[-1] == pytest.approx(16 / 40)


def test_a_missing_quarter_leaves_no_ratio_rather_than_a_wrong_one(quarterly):
    gappy = quarterly[
        ~(
            (quarterly["fiscal_year"] == 2024)
            & (quarterly["fiscal_quarter"] == 2)
            & (quarterly["metric"] == "capex_cash")
        )
    ]
    assert microsoft.incremental_revenue_per_capex(microsoft.panel(gappy)).empty


def test_intensity_is_a_share_of_same_quarter_revenue(quarterly):
    assert microsoft.intensity(microsoft.panel(quarterly), "capex_cash").iloc[0] == pytest.approx(100 / 6)


def test_the_nine_month_gain_is_read_from_the_filing_quote(make_table):
    rows = make_table("microsoft_quarterly", [quarter(2026, 3, "openai_equity_method_loss", 0.5, "x")])
    rows.loc[0, "quote"] = "we recorded $7.6 billion of net gains on OpenAI"
    assert microsoft.nine_month_openai_gain(rows, "x").value == 7.6
