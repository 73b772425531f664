"""Exposure: concentration, money loops, alliances, returns on the build-out, the market."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from msft_openai.analysis import exposure


def _quarter(year, quarter, metric, value):
    return {
        "row_id": f"fy{year % 100}q{quarter}_{metric}",
        "fiscal_year": year,
        "fiscal_quarter": quarter,
        "period_end": "2026-06-30",
        "metric": metric,
        "value": value,
        "unit": "usd_bn",
    }


def test_openai_share_of_revenue_divides_the_related_party_revenue_by_the_fiscal_year(make_table):
    quarterly = make_table("microsoft_quarterly", [_quarter(2026, q, "revenue", 75.0) for q in (1, 2, 3, 4)])
    alliances = make_table(
        "peer_alliances",
        [{"row_id": exposure.OPENAI_REVENUE_ROW, "alliance": "microsoft_openai", "dimension": "other", "value": 30.0}],
    )
    share = exposure.openai_share_of_revenue(quarterly, alliances)
    assert share.value == pytest.approx(10.0)
    assert share.extra["total"] == 300.0


def test_a_fiscal_year_with_a_quarter_missing_is_not_a_year(make_table):
    quarterly = make_table("microsoft_quarterly", [_quarter(2026, q, "revenue", 75.0) for q in (1, 2, 3)])
    with pytest.raises(LookupError, match="not all four"):
        exposure.fiscal_year_total(quarterly, "revenue", 2026)


def _flow(edge, payer, payee, kind, amount):
    return {"edge_id": edge, "from_party": payer, "to_party": payee, "kind": kind, "amount_usd_bn": amount}


def test_round_trips_pair_equity_in_with_purchases_back_and_skip_booked_revenue(make_table):
    flows = make_table(
        "money_flows",
        [
            _flow("f01", "Microsoft", "OpenAI", "equity_investment", 13.0),
            _flow("f02", "OpenAI", "Microsoft", "compute_purchase", 250.0),
            _flow("f03", "OpenAI", "Microsoft", "compute_purchase", 24.1),  # a year's revenue, not a commitment
            _flow("f09", "Nvidia", "OpenAI", "equity_investment", 30.0),
            _flow("f10", "OpenAI", "Nvidia", "chip_purchase", None),
            _flow("f13", "OpenAI", "Oracle", "compute_purchase", 300.0),  # no money in: no round trip
        ],
    )
    trips = exposure.round_trips(flows).set_index("investor")
    assert trips.loc["Microsoft", "money_back"] == 250.0
    assert trips.loc["Microsoft", "back_per_dollar_in"] == pytest.approx(250 / 13)
    assert math.isnan(trips.loc["Nvidia", "money_back"]) and trips.loc["Nvidia", "unpriced_flows"] == 1
    assert "Oracle" not in trips.index


def test_the_flow_matrix_draws_a_shared_flow_in_each_partys_cell(make_table):
    flows = make_table(
        "money_flows",
        [
            _flow("f22", "OpenAI; SoftBank", "SB Energy", "equity_investment", 1.0),
            _flow("f07", "OpenAI", "Amazon", "compute_purchase", 38.0),
            _flow("f08", "OpenAI", "Amazon", "compute_purchase", 100.0),
        ],
    )
    matrix = exposure.flow_matrix(flows).set_index(["payer", "payee"])
    assert matrix.loc[("OpenAI", "Amazon"), "amount"] == 138.0
    assert matrix.loc[("OpenAI", "Amazon"), "flows"] == 2
    assert ("SoftBank", "SB Energy") in matrix.index and ("OpenAI", "SB Energy") in matrix.index


def test_alliance_headlines_fail_loudly_when_a_named_row_is_gone(make_table):
    alliances = make_table(
        "peer_alliances", [{"row_id": "msft_openai_equity_2026_06", "alliance": "microsoft_openai", "value": 13.0}]
    )
    with pytest.raises(LookupError, match="lacks rows"):
        exposure.alliance_headlines(alliances)


def _capex(quarter, value, company="alphabet"):
    return {"company": company, "calendar_quarter": quarter, "capex_usd_bn": value, "definition": "purchases"}


def _fin(quarter, metric, value, company="alphabet", label=None):
    return {
        "company": company,
        "calendar_quarter": quarter,
        "fiscal_label": label or quarter,
        "metric": metric,
        "value": value,
        "period_end": pd.Period(quarter.replace("-", ""), freq="Q").end_time.normalize(),
    }


def test_capex_cover_uses_four_whole_quarters_or_the_trailing_figure(make_table):
    quarters = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    cash = make_table("hyperscaler_capex", [_capex(q, 10.0) for q in quarters])
    ocf = make_table("hyperscaler_financials", [_fin(q, "operating_cash_flow", 20.0) for q in quarters])
    assert exposure.capex_to_cash_flow(cash, ocf, "alphabet", "2026-Q2")["ratio"] == pytest.approx(0.5)
    assert exposure.capex_to_cash_flow(cash, ocf.iloc[1:], "alphabet", "2026-Q2") is None
    ttm = make_table("hyperscaler_financials", [_fin("2026-Q2", "operating_cash_flow_ttm", 80.0)])
    assert exposure.capex_to_cash_flow(cash, ttm, "alphabet", "2026-Q2")["ratio"] == pytest.approx(0.5)


def test_the_latest_window_steps_back_to_the_last_complete_year(make_table):
    quarters = ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]
    cash = make_table("hyperscaler_capex", [_capex(q, 10.0) for q in [*quarters, "2026-Q2"]])
    ocf = make_table("hyperscaler_financials", [_fin(q, "operating_cash_flow", 40.0) for q in quarters])
    assert exposure.latest_capex_to_cash_flow(cash, ocf, "alphabet", "2026-Q2")["last"] == "2026-Q1"


def test_incremental_revenue_is_annualised_and_set_against_the_year_before(make_table):
    capex = make_table("hyperscaler_capex", [_capex(q, 5.0) for q in ["2024-Q3", "2024-Q4", "2025-Q1", "2025-Q2"]])
    revenue = make_table(
        "hyperscaler_financials", [_fin("2025-Q2", "cloud_revenue", 10.0), _fin("2026-Q2", "cloud_revenue", 15.0)]
    )
    found = exposure.incremental_revenue_per_capex(revenue, capex, "2026-Q2")
    assert found["added_annualised"] == 20.0 and found["capex_year_before"] == 20.0
    assert found["per_dollar"] == pytest.approx(1.0)


def test_prices_index_to_the_base_day_and_compare_at_the_last_common_close(make_table):
    prices = make_table(
        "market_prices",
        [
            {"price_id": "m01", "date": "2025-10-28", "ticker": "MSFT", "close_usd": 500.0},
            {"price_id": "m02", "date": "2025-10-28", "ticker": "^GSPC", "close_usd": 6000.0},
            {"price_id": "m03", "date": "2026-01-29", "ticker": "MSFT", "close_usd": 450.0},
            {"price_id": "m04", "date": "2026-01-29", "ticker": "^GSPC", "close_usd": 6600.0},
            {"price_id": "m05", "date": "2026-02-02", "ticker": "MSFT", "close_usd": 440.0},
        ],
    )
    indexed = exposure.indexed_closes(prices, "2025-10-28")
    move = exposure.relative_move(indexed, "MSFT", "^GSPC")
    assert move.value == pytest.approx(90.0 - 110.0)
    assert move.extra["date"] == pd.Timestamp("2026-01-29")


def test_cloud_margin_prefers_the_latest_quarter_and_the_stated_figure(make_table):
    financials = make_table(
        "hyperscaler_financials",
        [
            _fin("2025-Q2", "cloud_operating_income", 3.0),
            _fin("2025-Q2", "cloud_revenue", 12.0),
            _fin("2026-Q2", "cloud_operating_margin_pct", 35.6),
        ],
    )
    margin = exposure.cloud_margin(financials, "alphabet")
    assert margin["pct"] == 35.6 and margin["quarter"] == "2026-Q2" and margin["basis"] == "operating"
    older = exposure.cloud_margin(financials.iloc[:2], "alphabet")
    assert older["pct"] == pytest.approx(25.0) and older["quarter"] == "2025-Q2"
    assert exposure.cloud_margin(financials, "meta") is None


def test_a_fiscal_years_cash_flow_stands_in_for_missing_quarters_and_is_never_added_to_them(make_table):
    quarters = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]
    cash = make_table("hyperscaler_capex", [_capex(q, 10.0, "microsoft") for q in quarters])
    ocf = make_table(
        "hyperscaler_financials",
        [
            _fin("2026-Q2", "operating_cash_flow", 50.0, "microsoft", label="FY2026 Q4"),
            _fin("2026-Q2", "operating_cash_flow", 160.0, "microsoft", label="FY2026"),
        ],
    )
    found = exposure.capex_to_cash_flow(cash, ocf, "microsoft", "2026-Q2")
    assert found["ocf"] == 160.0 and found["ratio"] == pytest.approx(0.25)


def test_the_base_day_is_the_first_with_both_closes_and_news_days_carry_their_move(make_table):
    prices = make_table(
        "market_prices",
        [
            {"price_id": "m01", "date": "2025-10-28", "ticker": "MSFT", "close_usd": 542.0, "change_pct": 2.0},
            {"price_id": "m02", "date": "2025-10-29", "ticker": "MSFT", "close_usd": 540.0, "change_pct": None},
            {"price_id": "m03", "date": "2025-10-29", "ticker": "^GSPC", "close_usd": 6800.0, "change_pct": None},
            {"price_id": "m04", "date": "2026-01-29", "ticker": "MSFT", "close_usd": None, "change_pct": -10.0},
        ],
    )
    assert exposure.first_common_close(prices, ["MSFT", "^GSPC"], "2025-10-28") == pd.Timestamp("2025-10-29")
    days = exposure.news_days(prices, "MSFT", "2025-10-28")
    assert days["label"].tolist() == ["October 2025: +2%", "January 2026: -10%"]


def test_market_value_change_sets_the_company_beside_the_benchmark_over_the_same_days(make_table):
    prices = make_table(
        "market_prices",
        [
            {
                "price_id": "m01",
                "date": "2025-10-28",
                "ticker": "MSFT",
                "close_usd": 542.0,
                "change_pct": 2.0,
                "market_cap_usd_trn": 4.0,
                "event": "deal",
                "source": "a",
            },
            {
                "price_id": "m02",
                "date": "2025-10-28",
                "ticker": "^GSPC",
                "close_usd": 6000.0,
                "change_pct": 0.2,
                "market_cap_usd_trn": None,
                "event": "bench",
                "source": "b",
            },
            {
                "price_id": "m03",
                "date": "2026-01-29",
                "ticker": "MSFT",
                "close_usd": None,
                "change_pct": -10.0,
                "market_cap_usd_trn": 3.0,
                "event": "results",
                "source": "c",
            },
            {
                "price_id": "m04",
                "date": "2026-01-29",
                "ticker": "^GSPC",
                "close_usd": 6060.0,
                "change_pct": -0.1,
                "market_cap_usd_trn": None,
                "event": "bench",
                "source": "d",
            },
        ],
    )
    change = exposure.market_value_change(prices, "MSFT", "^GSPC", "2025-10-28")
    assert change.value == pytest.approx(-25.0) and change.extra["benchmark_change"] == pytest.approx(1.0)
    table = exposure.market_table(prices, "MSFT", "^GSPC", {"MSFT": "Microsoft", "^GSPC": "S&P 500"})
    assert table["Market value"].tolist() == ["$4.00 trillion", "$3.00 trillion"]
    assert table["Sources"].iloc[1] == "c,d"


def test_four_quarters_sums_quarters_or_takes_the_trailing_or_fiscal_year_figure(make_table):
    rows = [_fin(q, "free_cash_flow", 5.0) for q in ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2"]]
    rows += [_fin("2026-Q2", "free_cash_flow_ttm", -7.6, "amazon")]
    rows += [_fin("2026-Q2", "free_cash_flow", 67.0, "microsoft", label="FY2026")]
    rows += [_fin("2026-Q2", "free_cash_flow", 19.6, "microsoft", label="FY2026 Q4")]
    financials = make_table("hyperscaler_financials", rows)
    assert exposure.four_quarters(financials, "alphabet", "free_cash_flow", "2026-Q3")["value"] == 20.0
    assert exposure.four_quarters(financials, "amazon", "free_cash_flow", "2026-Q2")["value"] == -7.6
    assert exposure.four_quarters(financials, "microsoft", "free_cash_flow", "2026-Q2")["value"] == 67.0
    assert exposure.four_quarters(financials, "meta", "free_cash_flow", "2026-Q2") is None
