"""The summary's helpers on tiny tables."""

from __future__ import annotations

import pytest

from msft_openai.analysis import summary


def test_capex_growth_is_last_over_first_in_fiscal_order(make_table):
    quarterly = make_table(
        "microsoft_quarterly",
        [
            {
                "row_id": "b",
                "fiscal_year": 2026,
                "fiscal_quarter": 2,
                "period_end": "2025-12-31",
                "metric": "capex_incl_finance_leases",
                "value": 37.5,
                "unit": "usd_bn",
            },
            {
                "row_id": "a",
                "fiscal_year": 2023,
                "fiscal_quarter": 3,
                "period_end": "2023-03-31",
                "metric": "capex_incl_finance_leases",
                "value": 7.5,
                "unit": "usd_bn",
            },
        ],
    )
    growth = summary.capex_growth(quarterly)
    assert growth.value == pytest.approx(5.0) and growth.extra["first"]["quarter"] == "FY2023 Q3"


def test_amazon_total_adds_its_incremental_contracts_and_names_the_first(make_table):
    compute = make_table(
        "compute_commitments",
        [
            {
                "deal_id": "aws2",
                "date": "2026-02-27",
                "counterparty": "amazon",
                "deal_type": "cloud_services",
                "value_usd_bn": 100,
                "value_basis": "incremental",
                "status": "company_disclosure",
                "source": "x",
            },
            {
                "deal_id": "aws1",
                "date": "2025-11-03",
                "counterparty": "amazon",
                "deal_type": "cloud_services",
                "value_usd_bn": 38,
                "value_basis": "incremental",
                "status": "company_disclosure",
                "source": "y",
            },
        ],
    )
    total, first = summary.amazon_cloud(compute)
    assert (total.value, first.value) == (138, 38)
