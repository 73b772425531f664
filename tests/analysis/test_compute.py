"""Part 4's functions on tiny tables: each relationship counted once, breaks respected, capex
figures on one definition."""

from __future__ import annotations

import pytest

from msft_openai.analysis import compute


def deal(
    deal_id,
    counterparty,
    value,
    basis="incremental",
    status="company_disclosure",
    kind="cloud_rent",
    deal_type="cloud_services",
    instrument="definitive_contract",
):
    return {
        "deal_id": deal_id,
        "date": "2026-01-01",
        "counterparty": counterparty,
        "deal_type": deal_type,
        "instrument": instrument,
        "value_usd_bn": value,
        "value_basis": basis,
        "kind": kind,
        "status": status,
        "source": deal_id,
    }


def test_cloud_totals_split_company_stated_from_press_only(make_table):
    deals = make_table(
        "compute_commitments",
        [
            deal("ms", "microsoft", 250),
            deal("cw1", "coreweave", 11.9),
            deal("cw2", "coreweave", 6.5, status="press_report"),
            deal("eq", "amazon", 50, kind="equity", deal_type="other"),
        ],
    )
    totals = compute.cloud_totals(deals)
    assert (totals["company_stated"], totals["press_only"]) == (250, pytest.approx(18.4))
    assert compute.equity_in_openai(deals).value == 50


def test_money_out_of_openai_is_not_equity_in_it(make_table):
    deals = make_table(
        "compute_commitments", [deal("sb", "softbank", 1.0, kind="equity", deal_type="data_center_capacity")]
    )
    assert compute.equity_in_openai(deals).value == 0


def test_shares_are_compared_only_after_the_latest_break(make_table):
    rows = []
    for quarter, microsoft, flag in [("2024-Q2", 23, False), ("2024-Q3", 20, True), ("2024-Q4", 21, False)]:
        rows.append(
            {
                "quarter": quarter,
                "research_firm": "synergy",
                "provider": "microsoft",
                "share_pct": microsoft,
                "break_before": flag,
            }
        )
        rows.append(
            {
                "quarter": quarter,
                "research_firm": "synergy",
                "provider": "total_market",
                "market_size_usd_bn": 80.0,
                "break_before": flag,
            }
        )
    table, size, break_quarter = compute.share_series(make_table("cloud_market_share", rows))
    assert break_quarter == "2024-Q3"
    assert list(compute.comparable_window(table, break_quarter).index) == ["2024-Q3", "2024-Q4"]


@pytest.mark.parametrize(
    "definition, basis",
    [
        ("purchases of property and equipment (cash flow statement)", compute.CASH_BASIS),
        ("capital expenditures including finance leases", "headline, incl. finance leases"),
        ("cash capex net of proceeds and incentives", "net of proceeds and incentives"),
    ],
)
def test_capex_figures_are_sorted_by_definition(definition, basis):
    assert compute.capex_basis(definition) == basis


def test_two_cash_figures_for_one_quarter_are_refused(make_table):
    capex = make_table(
        "hyperscaler_capex",
        [
            {
                "company": "meta",
                "calendar_quarter": "2026-Q1",
                "capex_usd_bn": 19.0,
                "definition": "purchases of property",
            },
            {
                "company": "meta",
                "calendar_quarter": "2026-Q1",
                "capex_usd_bn": 19.5,
                "definition": "additions to property",
            },
        ],
    )
    with pytest.raises(ValueError):
        compute.capex_cash(capex)


def share(quarter, provider, value=None, firm="synergy", size=None, flag=False, source="s"):
    return {
        "quarter": quarter,
        "research_firm": firm,
        "provider": provider,
        "share_pct": value,
        "market_size_usd_bn": size,
        "break_before": flag,
        "source": source,
    }


@pytest.fixture
def shares(make_table):
    return make_table(
        "cloud_market_share",
        [
            share("2024-Q2", "amazon", 31),
            share("2024-Q2", "total_market", size=80.0),
            share("2024-Q3", "amazon", 30, flag=True),
            share("2024-Q3", "total_market", size=84.0, flag=True),
            share("2024-Q4", "amazon", 29),
            share("2024-Q4", "total_market", size=126.0),
        ],
    )


def test_a_tracker_measures_change_from_its_break_only(shares):
    synergy = compute.tracker(shares, "synergy")
    assert (synergy["break"], synergy["first"], synergy["last"]) == ("2024-Q3", "2024-Q3", "2024-Q4")
    growth = compute.market_growth(shares, "synergy", synergy["first"], synergy["last"])
    assert growth.value == pytest.approx(1.5) and len(growth.row_ids) == 2
    assert compute.share_at(shares, "synergy", "2024-Q4", "amazon").value == 29


def test_a_share_nobody_reported_is_refused_not_guessed(shares):
    with pytest.raises(LookupError):
        compute.share_at(shares, "synergy", "2025-Q1", "amazon")


def test_chart_data_puts_each_quarter_on_one_side_of_the_break(shares):
    data = compute.share_chart_data(shares, "2024-Q3")
    assert list(data["segment"]) == ["before-0", "after-0", "after-0"]
    assert set(data["firm"]) == {"Synergy Research Group"}


def test_chart_data_starts_a_new_line_after_a_quarter_that_could_not_be_sourced(shares):
    gap = shares[shares["quarter"] != "2024-Q3"].assign(break_before=False)
    data = compute.share_chart_data(gap, None)
    assert list(data["segment"]) == ["after-0", "after-1"]


def test_trackers_are_compared_in_their_latest_common_quarter():
    import pandas as pd

    a = pd.DataFrame(index=["2025-Q2", "2025-Q3", "2026-Q1"])
    b = pd.DataFrame(index=["2025-Q2", "2025-Q3", "2025-Q4"])
    assert compute.latest_common_quarter(a, b) == "2025-Q3"
    with pytest.raises(LookupError):
        compute.latest_common_quarter(a, pd.DataFrame(index=["2020-Q1"]))


def test_stated_commitments_are_a_share_of_the_target_and_rest_on_both(make_table):
    targets = make_table(
        "openai_compute_targets",
        [{"target_id": "t1", "value_usd_bn": 1400.0}, {"target_id": "t2", "value_usd_bn": 600.0}],
    )
    deals = make_table("compute_commitments", [deal("ms", "microsoft", 250), deal("aws", "amazon", 38)])
    totals = compute.cloud_totals(deals)
    fact = compute.share_of_target(totals, compute.target(targets, "t2"))
    assert fact.value == pytest.approx(48) and "openai_compute_targets[t2]" in fact.row_ids
    with pytest.raises(LookupError):
        compute.target(targets, "t3")


@pytest.mark.parametrize(
    "status, words",
    [("company_disclosure", "OpenAI itself put it"), ("press_report", "not confirmed by either company")],
)
def test_oracles_figure_is_described_by_whose_figure_it_is(make_table, status, words):
    deals = make_table(
        "compute_commitments",
        [deal("or", "oracle", 300, basis="relationship_total", status=status), deal("aws", "amazon", 38)],
    )
    assert words in compute.oracle_words(deals, compute.cloud_totals(deals)).value


def test_a_supplier_total_rests_on_its_contracts(make_table):
    deals = make_table(
        "compute_commitments", [deal("a1", "amazon", 38), deal("a2", "amazon", 100), deal("c", "coreweave", 5)]
    )
    amazon = compute.supplier_total(deals, compute.cloud_totals(deals), "amazon")
    assert amazon.value == 138 and len(amazon.rows) == 2


def test_capex_summary_sets_own_use_spending_apart(make_table):
    rows = [
        {"company": code, "calendar_quarter": q, "capex_usd_bn": v, "definition": "purchases of property"}
        for q, values in [("2025-Q1", (10, 10, 10, 10)), ("2025-Q2", (20, 12, 14, 19))]
        for code, v in zip(["amazon", "alphabet", "microsoft", "meta"], values)
    ]
    cash = compute.capex_cash(make_table("hyperscaler_capex", rows))
    spend = compute.capex_summary(compute.four_spenders(cash), cash)
    assert (spend["first"].value, spend["latest"].value, spend["multiple"].value) == (40, 65, pytest.approx(1.625))
    assert (spend["leader"], spend["leader_value"].value) == ("Amazon", 20)
    assert (spend["cloud_sellers"].value, spend["own_use"].value) == (46, 19)


def test_chip_programmes_count_each_counterpartys_largest_figure_once(make_table):
    deals = make_table(
        "compute_commitments",
        [
            {**deal("n1", "nvidia", None, kind="chips", deal_type="chips"), "gigawatts_gw": 10.0},
            {**deal("a1", "amd", None, kind="chips", deal_type="chips"), "gigawatts_gw": 1.0},
            {**deal("a2", "amd", None, kind="chips", deal_type="chips"), "gigawatts_gw": 6.0},
        ],
    )
    chips = compute.chip_programmes(deals)
    assert compute.chip_gigawatts(chips).value == 16 and len(chips) == 2


def test_the_step_at_a_break_and_the_change_after_it_are_measured_apart(make_table):
    rows = []
    for quarter, value, flag in [("2024-Q2", 23, False), ("2024-Q3", 20, True), ("2024-Q4", 21, False)]:
        rows.append(share(quarter, "microsoft", value, flag=flag))
    table = make_table("cloud_market_share", rows)
    step = compute.step_at_break(table, "synergy", "microsoft")
    assert step.value == -3 and len(step.row_ids) == 2
    assert compute.share_change(table, "synergy", "microsoft", "2024-Q3", "2024-Q4").value == 1


def test_a_series_without_a_break_has_no_step(shares):
    unbroken = shares.assign(break_before=False)
    with pytest.raises(LookupError):
        compute.step_at_break(unbroken, "synergy", "amazon")
