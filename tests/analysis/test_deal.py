"""Part 1's functions on tiny tables."""

from __future__ import annotations

import pandas as pd
import pytest

from msft_openai.analysis import deal
from msft_openai.publish import Fact


@pytest.fixture
def compute(make_table):
    def deal(deal_id, counterparty, value, basis, status="company_disclosure"):
        return {
            "deal_id": deal_id,
            "date": "2026-01-01",
            "counterparty": counterparty,
            "deal_type": "cloud_services",
            "value_usd_bn": value,
            "value_basis": basis,
            "status": status,
            "source": deal_id,
        }

    return make_table(
        "compute_commitments",
        [
            deal("ms", "microsoft", 250, "incremental"),
            deal("aws1", "amazon", 38, "incremental"),
            deal("aws2", "amazon", 100, "incremental"),
            deal("orc_wsj", "oracle", 300, "relationship_total", "press_report"),
            deal("orc_openai", "oracle", 300, "relationship_total"),
            deal("cb1", "cerebras", 10, "incremental", "press_report"),
            deal("cb2", "cerebras", 20, "relationship_total"),
        ],
    )


def test_contracts_are_summed_and_a_relationship_total_is_never_added_to_them(compute):
    suppliers = deal.cloud_contracts_by_supplier(compute).set_index("code")
    assert suppliers.loc["amazon", "value_usd_bn"] == 138
    assert suppliers.loc["cerebras", "value_usd_bn"] == 20  # the larger of 10 (contract) and 20 (total)
    assert suppliers.loc["oracle", "value_usd_bn"] == 300  # two rows restating one total count once
    assert list(suppliers.index) == ["oracle", "microsoft", "amazon", "cerebras"]


def test_a_company_figure_outranks_a_press_report_of_the_same_total(compute):
    suppliers = deal.cloud_contracts_by_supplier(compute).set_index("code")
    assert suppliers.loc["oracle", "basis"] == "Stated by a company"
    assert deal.oracle_words(compute, suppliers.reset_index()).startswith("OpenAI itself put it")
    press_only = compute[compute["deal_id"] != "orc_openai"]
    assert "not confirmed" in deal.oracle_words(press_only, deal.cloud_contracts_by_supplier(press_only))


def test_a_fiscal_year_is_named_by_the_july_after_it_ends():
    assert deal.fiscal_year_label("2025-07-30") == "fiscal 2025"
    assert deal.fiscal_year_label("2026-01-28") == "fiscal 2025"


def test_one_sided_terms_count_each_side_and_ignore_mixed_terms(make_table):
    terms = make_table(
        "deal_terms",
        [
            {"version_id": "v", "term_id": "a", "favours": "openai"},
            {"version_id": "v", "term_id": "b", "favours": "openai"},
            {"version_id": "v", "term_id": "c", "favours": None},
            {"version_id": "w", "term_id": "a", "favours": "microsoft"},
        ],
    )
    assert deal.one_sided_terms(terms, "v").value == {"microsoft": 0, "openai": 2}


@pytest.mark.parametrize(
    "condition, replaced, expected_end, expected_label",
    [
        ("through 2032", None, "2032-12-31", "to 2032"),
        ("2030 or AGI, whichever first", None, "2030-12-31", "to 2030 (or AGI)"),
        ("until AGI", None, "2036-12-31", "until AGI →"),
        ("", pd.Timestamp("2026-04-27"), "2026-04-27", "replaced Apr 2026"),
        ("", None, "2036-12-31", "no end date →"),
    ],
)
def test_a_span_ends_at_its_year_on_agi_at_the_edge_or_when_replaced(condition, replaced, expected_end, expected_label):
    end, drawn = deal._span_end(condition, replaced, pd.Timestamp("2036-12-31"))
    assert (end, drawn) == (pd.Timestamp(expected_end), expected_label)


def test_the_horizon_is_two_years_past_the_latest_fixed_end(make_table):
    terms = make_table(
        "deal_terms", [{"end_condition": "through 2032"}, {"end_condition": "2030 or AGI"}, {"end_condition": None}]
    )
    assert deal.horizon(terms) == pd.Timestamp("2034-12-31")


def test_a_ratio_rests_on_both_facts_rows(make_table):
    a = make_table("deal_terms", [{"version_id": "v2025_oct", "term_id": "azure_purchase_commitment"}])
    b = make_table("microsoft_ai_milestones", [{"milestone_id": "azure"}])
    result = deal.ratio(Fact(250.0, rows=a), Fact(75.0, rows=b))
    assert result.value == pytest.approx(10 / 3)
    assert result.row_ids == ["deal_terms[v2025_oct, azure_purchase_commitment]", "microsoft_ai_milestones[azure]"]


def test_stakes_in_the_money_chart_are_valued_at_the_default_valuation(make_table):
    funding = make_table(
        "microsoft_openai_funding",
        [
            {
                "as_of_date": "2026-06-30",
                "filing": "10-K FY2026",
                "measure": "committed",
                "value_usd_bn": 13,
                "source": "k",
            },
            {
                "as_of_date": "2026-06-30",
                "filing": "10-K FY2026",
                "measure": "funded",
                "value_usd_bn": 11.9,
                "source": "k",
            },
        ],
    )
    shares = make_table(
        "openai_ownership",
        [
            {"snapshot_id": "a", "snapshot_date": "2025-10-28", "holder": "microsoft", "share_pct": 27, "source": "m"},
            {"snapshot_id": "b", "snapshot_date": "2026-06-30", "holder": "microsoft", "share_pct": 25, "source": "k"},
        ],
    )
    committed = Fact(13.0, rows=funding.iloc[0])
    funded = Fact(11.9, rows=funding.iloc[1], extra={"date": funding.iloc[1]["as_of_date"]})
    items = deal.money_items(committed, funded, Fact(27.0, rows=shares.iloc[0]), Fact(25.0, rows=shares.iloc[1]), 852)
    assert list(items["value_at_default_usd_bn"].round(2)) == [13, 11.9, 230.04, 213]
