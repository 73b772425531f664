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
