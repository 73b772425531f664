"""Shared facts on tiny tables: the latest row wins, dates cut off, talks are not prices."""

from __future__ import annotations

import pytest

from msft_openai.analysis import facts


@pytest.fixture
def valuations(make_table):
    return make_table(
        "openai_valuations",
        [
            {
                "valuation_id": "r1",
                "date": "2024-10-02",
                "event_type": "funding_round",
                "valuation_usd_bn": 157,
                "valuation_basis": "post_money",
            },
            {
                "valuation_id": "s1",
                "date": "2025-10-02",
                "event_type": "secondary_sale",
                "valuation_usd_bn": 500,
                "valuation_basis": "secondary",
            },
            {
                "valuation_id": "t1",
                "date": "2025-12-01",
                "event_type": "reported_talks",
                "valuation_usd_bn": 750,
                "valuation_basis": "unspecified",
            },
            {
                "valuation_id": "r2",
                "date": "2026-03-31",
                "event_type": "funding_round",
                "valuation_usd_bn": 852,
                "valuation_basis": "post_money",
            },
        ],
    )


@pytest.fixture
def ownership(make_table):
    return make_table(
        "openai_ownership",
        [
            {
                "snapshot_id": "pre",
                "snapshot_date": "2025-10-27",
                "holder": "microsoft",
                "share_pct": 32.5,
                "valuation_id": None,
                "complete": False,
                "basis": "as-converted",
            },
            {
                "snapshot_id": "recap",
                "snapshot_date": "2025-10-28",
                "holder": "microsoft",
                "share_pct": 27,
                "valuation_id": "s1",
                "complete": True,
                "basis": "as-converted diluted",
            },
            {
                "snapshot_id": "recap",
                "snapshot_date": "2025-10-28",
                "holder": "openai_foundation",
                "share_pct": 26,
                "valuation_id": "s1",
                "complete": True,
                "basis": "as-converted diluted",
            },
            {
                "snapshot_id": "recap",
                "snapshot_date": "2025-10-28",
                "holder": "employees_and_investors",
                "share_pct": 47,
                "valuation_id": None,
                "complete": True,
                "basis": "remainder",
            },
            {
                "snapshot_id": "k10",
                "snapshot_date": "2026-06-30",
                "holder": "microsoft",
                "share_pct": 25,
                "valuation_id": None,
                "complete": False,
                "basis": "as-converted",
            },
        ],
    )


def test_the_latest_valuation_is_a_price_not_talks(valuations):
    assert facts.latest_valuation(valuations, on="2026-01-01").value == 500
    assert facts.latest_valuation(valuations).value == 852
    assert facts.latest_valuation(valuations).row_ids == ["openai_valuations[r2]"]


def test_the_latest_round_counts_post_money_rounds_only(valuations):
    assert facts.latest_round(valuations, on="2026-01-01").value == 157


def test_nothing_before_the_first_row_is_an_error_not_a_guess(valuations):
    with pytest.raises(LookupError):
        facts.latest_valuation(valuations, on="2020-01-01")


def test_the_recapitalisation_stake_is_share_times_its_valuation(ownership, valuations):
    stake = facts.stake_at_recapitalisation(ownership, valuations)
    assert stake.value == pytest.approx(135)
    assert stake.row_ids == ["openai_ownership[recap, microsoft]", "openai_valuations[s1]"]


def test_a_later_disclosure_supersedes_an_earlier_share(ownership):
    assert facts.share_at(ownership, on="2025-12-31").value == 27
    assert facts.share_at(ownership).value == 25  # a change of basis shows in the note
    assert facts.share_at(ownership).note == "as-converted"


def test_stake_value_pairs_the_latest_share_with_the_latest_price(ownership, valuations):
    stake = facts.stake_value(ownership, valuations, on="2026-06-30")
    assert stake.value == pytest.approx(0.25 * 852)


def test_funding_as_of_a_date_takes_the_last_balance_sheet_before_it(make_table):
    funding = make_table(
        "microsoft_openai_funding",
        [
            {"as_of_date": "2025-09-30", "measure": "funded", "value_usd_bn": 11.6, "source": "a"},
            {"as_of_date": "2025-09-30", "measure": "committed", "value_usd_bn": 13, "source": "a"},
            {"as_of_date": "2025-12-31", "measure": "funded", "value_usd_bn": 11.7, "source": "b"},
        ],
    )
    assert facts.funding_as_of(funding, "funded", on="2025-10-28").value == 11.6
    assert facts.funding_as_of(funding, "funded").value == 11.7
    assert facts.funding_as_of(funding, "committed").value == 13


def test_ties_on_a_date_keep_the_later_row(make_table):
    funding = make_table(
        "microsoft_openai_funding",
        [
            {"as_of_date": "2025-09-30", "measure": "funded", "value_usd_bn": 11.5, "source": "first"},
            {"as_of_date": "2025-09-30", "measure": "funded", "value_usd_bn": 11.6, "source": "restated"},
        ],
    )
    assert facts.funding_as_of(funding, "funded").value == 11.6


def test_quarterly_series_run_in_fiscal_order_whatever_the_table_order(make_table):
    quarterly = make_table(
        "microsoft_quarterly",
        [
            {
                "row_id": "b",
                "fiscal_year": 2026,
                "fiscal_quarter": 1,
                "period_end": "2025-09-30",
                "metric": "capex_cash",
                "value": 19.4,
                "unit": "usd_bn",
            },
            {
                "row_id": "a",
                "fiscal_year": 2025,
                "fiscal_quarter": 4,
                "period_end": "2025-06-30",
                "metric": "capex_cash",
                "value": 17.1,
                "unit": "usd_bn",
            },
            {
                "row_id": "c",
                "fiscal_year": 2026,
                "fiscal_quarter": 1,
                "period_end": "2025-09-30",
                "metric": "revenue",
                "value": 77.7,
                "unit": "usd_bn",
            },
        ],
    )
    series = facts.quarterly_series(quarterly, "capex_cash")
    assert list(series["quarter"]) == ["FY2025 Q4", "FY2026 Q1"]
    latest = facts.latest_quarter(quarterly, "capex_cash")
    assert (latest.value, latest.extra["quarter"]) == (19.4, "FY2026 Q1")


def test_the_azure_commitment_is_the_october_2025_term(make_table):
    terms = make_table(
        "deal_terms",
        [
            {"version_id": "v2025_oct", "term_id": "azure_purchase_commitment", "value_usd_bn": 250},
            {"version_id": "v2026_apr", "term_id": "azure_purchase_commitment", "value_usd_bn": None},
        ],
    )
    assert facts.azure_commitment(terms).value == 250


def test_a_financial_figure_is_read_by_its_row_and_a_missing_row_is_an_error():
    import pandas as pd

    financials = pd.DataFrame(
        {"fact_id": ["arr_a", "arr_b"], "value": [24.0, 50.0], "unit": ["usd_bn", "usd_bn"], "source": ["s", "t"]}
    )
    fact = facts.financial(financials, "arr_b")
    assert (fact.value, fact.unit, list(fact.rows["source"])) == (50.0, "usd_bn", ["t"])
    with pytest.raises(LookupError, match="arr_c"):
        facts.financial(financials, "arr_c")
