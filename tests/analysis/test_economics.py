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


# -- Contracts counted once, scenarios, the revenue share and the calibration --------------------

from msft_openai import load_table  # noqa: E402


def _deal(deal_id, counterparty, value, basis, start, end, expansion_of=None, kind="cloud_rent"):
    return {
        "deal_id": deal_id,
        "counterparty": counterparty,
        "value_usd_bn": value,
        "value_basis": basis,
        "start_year": start,
        "end_year": end,
        "expansion_of": expansion_of,
        "kind": kind,
    }


@pytest.fixture
def deals(make_table):
    return make_table(
        "compute_commitments",
        [
            _deal("o_first", "oracle", 300, "relationship_total", 2027, 2032),
            _deal("o_restated", "oracle", 300, "relationship_total", 2025, 2030),
            _deal("c_first", "coreweave", 10, "incremental", 2025, 2030),
            _deal("c_addon", "coreweave", 5, "incremental", 2025, None, expansion_of="c_first"),
            _deal(model.AZURE_DEAL, "microsoft", 250, "incremental", 2025, None),
            _deal("chips", "amd", None, None, 2026, None, kind="chips"),
        ],
    )


def test_a_deal_restated_by_several_rows_is_counted_once_with_both_terms(deals):
    counted = economics_counted(deals)
    oracle = counted[counted["counterparty"] == "oracle"].iloc[0]
    assert oracle["value_usd_bn"] == 300 and (oracle["early_start"], oracle["early_end"]) == (2025, 2030)
    assert (oracle["late_start"], oracle["late_end"]) == (2027, 2032)
    assert counted["value_usd_bn"].sum() == 565  # 300 + 10 + 5 + 250; chips carry no value


def test_an_add_on_takes_the_term_of_the_contract_it_expands(deals):
    addon = economics_counted(deals).query("deal_ids == 'c_addon'").iloc[0]
    assert addon["early_end"] == 2030


def test_a_contract_without_a_term_needs_one_assumed(deals):
    with pytest.raises(ValueError, match=model.AZURE_DEAL):
        model.counted_contracts(deals)


def economics_counted(deals):
    return model.counted_contracts(deals, {model.AZURE_DEAL: (2026, 2030)})


def test_phasing_blends_the_high_and_the_low_schedule():
    counted = pd.DataFrame(
        [
            {
                "counterparty": "x",
                "deal_ids": "a",
                "value_usd_bn": 100.0,
                "early_start": 2026,
                "early_end": 2027,
                "late_start": 2027,
                "late_end": 2028,
            }
        ]
    )
    years = range(2026, 2029)
    high = model.obligations_series(model.scheduled_obligations(counted, 0, years), years)
    low = model.obligations_series(model.scheduled_obligations(counted, 1, years), years)
    mid = model.obligations_series(model.scheduled_obligations(counted, 0.5, years), years)
    assert list(high) == [50, 50, 0] and list(low) == pytest.approx([0, 100 / 3, 200 / 3])
    assert list(mid) == pytest.approx(list((high + low) / 2))
    with pytest.raises(ValueError):
        model.scheduled_obligations(counted, 1.5, years)


def test_funding_need_by_year_is_the_running_deepest_shortfall_less_funds():
    flows = model.cash_flows(pd.Series([10.0, 10.0, 40.0]), pd.Series([30.0, 20.0, 0.0]), 0.0)
    assert list(model.funding_need_by_year(flows, funds=5)) == [15, 25, 25]


def test_other_costs_implied_by_a_plan():
    assert model.implied_other_cost_share(100, 60, -10) == pytest.approx(0.5)
    with pytest.raises(ValueError):
        model.implied_other_cost_share(0, 1, 1)


def _params(**changes):
    params = {
        "model_first_year": 2026,
        "model_last_year": 2028,
        "start_year": 2025,
        "start_revenue_usd_bn": 10,
        "target_year": 2028,
        "target_revenue_usd_bn": 80,
        "other_cost_share_pct": 0,
        "phasing": 0,
        "azure_start_year": 2026,
        "azure_end_year": 2030,
        "cash_on_hand_usd_bn": 10,
        "committed_funding_usd_bn": 0,
        "revenue_share_pct": 20,
        "revenue_share_cap_usd_bn": 10,
        "revenue_share_first_year": 2026,
        "revenue_share_last_year": 2030,
        "discount_rate_pct": 0,
        "discount_base_year": 2026,
    }
    return {**params, **changes}


def test_a_scenario_run_adds_up(deals):
    run = model.run_scenario(_params(), deals)
    assert list(run["revenue"]) == pytest.approx([20, 40, 80])  # doubling from 10
    # Obligations 2026-28 at high phasing: Oracle 50 a year, CoreWeave 2.5, Azure 50.
    assert list(run["flows"]["obligations"]) == pytest.approx([102.5] * 3)
    assert run["shortfall"] == pytest.approx(82.5 + 62.5 + 22.5) and run["need"] == pytest.approx(157.5)
    assert list(run["payments"]["payment"]) == pytest.approx([4, 6, 0]) and run["cap_year"] == 2027
    assert run["pv"] == pytest.approx(10)  # at a zero discount rate


def test_a_published_bill_replaces_the_contracts(deals):
    params = _params(compute_cost_usd_bn=90, compute_start_year=2026, compute_end_year=2028)
    assert model.run_scenario(params, deals)["obligations_total"] == pytest.approx(90)


def test_required_growth_is_the_lowest_that_pays(deals):
    params = _params(azure_end_year=2040, cash_on_hand_usd_bn=100)
    growth = model.required_revenue_growth(params, deals, step=1)
    assert model.scenario_need(model.with_growth(params, growth), deals) == 0
    assert model.scenario_need(model.with_growth(params, growth - 1), deals) > 0
    with pytest.raises(ValueError):
        model.required_revenue_growth(_params(cash_on_hand_usd_bn=0), deals, most=10)


def test_growth_and_target_agree():
    params = _params()
    assert model.growth_pct(params) == pytest.approx(100)
    assert model.with_growth(params, 100)["target_revenue_usd_bn"] == pytest.approx(80)


def test_sensitivity_from_the_bull_and_bear_rows(deals):
    params = {"base": _params(), "bull": _params(phasing=1), "bear": _params(phasing=0, other_cost_share_pct=10)}
    table = model.base_sensitivity(params, deals)
    assert set(table["assumption"]) == set(model.SENSITIVITY_LABELS)
    assert table["swing"].iloc[0] == table["swing"].max() and table["base_need"].iloc[0] == model.net_need(
        params["base"], deals
    )


def test_supplier_exposure_sorts_by_what_surely_falls_due(deals):
    exposure = model.supplier_exposure(economics_counted(deals), range(2026, 2031))
    assert exposure["counterparty"].iloc[0] in ("oracle", "microsoft")
    assert exposure["share_of_due_low_pct"].sum() == pytest.approx(100)


def test_scenario_parameters_refuse_a_parameter_stated_twice(make_table):
    rows = [{"scenario": "base", "parameter": "x", "value": 1}, {"scenario": "base", "parameter": "x", "value": 2}]
    with pytest.raises(ValueError):
        model.scenario_parameters(make_table("scenario_assumptions", rows))


def test_azure_per_year_and_the_revenue_shape():
    assert model.azure_per_year(250, {"azure_start_year": 2026, "azure_end_year": 2030}) == 50
    assert model.linear_revenue_gain(_params()) > 0  # a straight line front-loads revenue


def test_the_grids_hold_every_choice(deals):
    grid = model.explorer_grid(_params(), deals, [50, 100], [0.0, 1.0])
    assert len(grid) == 2 * 2 * 3
    shares = model.share_grid(_params(), [50, 100], [10, 20], [0, 10])
    assert len(shares) == 2 * 2 * 2 * 3 and shares["cumulative"].max() <= 10


def test_calibration_on_hsbcs_published_inputs():
    """HSBC's published inputs (its $792B bill, back-loaded; its revenue; no other costs, none
    being published; only the funding committed at its date) must give a funding gap within
    CALIBRATION_TOLERANCE (30%) of HSBC's published ~$207B. HSBC's starting cash (about $25B,
    second-hand) and the front-loading of its S-curve of users are not published, and both lower
    its gap against ours; 30% allows for them and nothing else. With our own other costs added,
    the run misses the band, so the check discriminates."""
    params = model.scenario_parameters(load_table("scenario_assumptions"))
    compute = load_table("compute_commitments")
    published = float(model.published_value(load_table("third_party_models"), *model.HSBC_GAP)["value"].iloc[0])
    result = model.calibration(params["hsbc"], compute, published)
    assert result["within"], result
    costly = model.calibration(
        {**params["hsbc"], "other_cost_share_pct": params["base"]["other_cost_share_pct"]}, compute, published
    )
    assert not costly["within"]
