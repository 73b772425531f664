"""The OpenAI economics model on hand-checked numbers."""

from __future__ import annotations

import pandas as pd
import pytest

from msft_openai.analysis import economics as model


def test_even_phasing_spreads_a_contract_equally_over_its_term():
    assert list(model.phase_contract(300, 2027, 2031, "even")) == [60.0] * 5


def test_back_loaded_phasing_rises_with_weights_1_to_n_and_keeps_the_total():
    spread = model.phase_contract(100, 2026, 2029, "back_loaded")
    assert list(spread) == pytest.approx([10, 20, 30, 40])


def test_a_contract_cannot_end_before_it_starts():
    with pytest.raises(ValueError):
        model.phase_contract(10, 2030, 2029, "even")


def test_obligations_outside_the_window_are_left_out():
    contracts = pd.DataFrame(
        [{"contract_id": "a", "counterparty": "oracle", "value_usd_bn": 300, "start_year": 2027, "end_year": 2031}]
    )
    frame = model.obligations_by_year(contracts, "even", range(2025, 2031))
    assert frame["obligation_usd_bn"].sum() == pytest.approx(240)  # 2031 is past the window


def test_a_revenue_path_reaches_its_target_at_a_constant_rate():
    path = model.revenue_path(2025, 13, 2030, 200, range(2025, 2031))
    assert path[2025] == 13 and path[2030] == pytest.approx(200)
    assert path[2027] / path[2026] == pytest.approx(path[2030] / path[2029])


def test_funding_need_is_the_deepest_cumulative_shortfall_less_cash():
    revenue = pd.Series([10.0, 20.0, 60.0], index=[2025, 2026, 2027])
    obligations = pd.Series([30.0, 40.0, 20.0], index=[2025, 2026, 2027])
    flows = model.cash_flows(revenue, obligations, other_cost_share=0.0)
    assert list(flows["cumulative"]) == [-20, -40, 0]
    assert model.funding_need(flows, 2027) == 40
    assert model.funding_need(flows, 2027, cash_on_hand=15) == 25
    assert model.funding_need(flows, 2027, cash_on_hand=50) == 0


def test_coverage_is_obligations_over_revenue():
    flows = model.cash_flows(pd.Series([20.0], index=[2026]), pd.Series([50.0], index=[2026]), 0.2)
    assert flows.loc[2026, "coverage"] == 2.5 and flows.loc[2026, "other_costs"] == 4


def test_the_revenue_share_stops_at_the_cap_and_after_the_last_year():
    revenue = pd.Series([100.0, 100.0, 100.0, 100.0], index=[2027, 2028, 2029, 2031])
    payments = model.revenue_share(revenue, rate_pct=20, cap=50, last_year=2030)
    assert list(payments["payment"]) == [20, 20, 10, 0]
    assert model.year_cap_binds(payments) == 2029


def test_a_cap_that_never_binds_says_so():
    payments = model.revenue_share(pd.Series([10.0, 10.0], index=[2026, 2027]), 20, 38, 2030)
    assert model.year_cap_binds(payments) is None


def test_present_value_discounts_mid_year():
    value = model.present_value(pd.Series([110.0], index=[2026]), rate_pct=10, base_year=2026)
    assert value == pytest.approx(110 / 1.1**0.5)


def test_sensitivity_ranks_assumptions_by_swing():
    need = lambda a: a["x"] * 10 + a["y"]  # noqa: E731
    table = model.sensitivity({"x": 1, "y": 1}, {"x": (0, 2), "y": (0, 5)}, need)
    assert list(table["assumption"]) == ["x", "y"] and table["swing"].iloc[0] == 20
