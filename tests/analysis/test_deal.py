"""Part 1's functions on tiny tables."""

from __future__ import annotations

import pandas as pd
import pytest

from msft_openai.analysis import deal
from msft_openai.publish import Fact


@pytest.fixture
def compute(make_table):
    return make_table("compute_commitments", [
        {"deal_id": "ms", "date": "2025-10-28", "counterparty": "microsoft", "deal_type": "cloud_services",
         "instrument": "definitive_contract", "value_usd_bn": 250, "source": "a"},
        {"deal_id": "aws1", "date": "2025-11-03", "counterparty": "amazon", "deal_type": "cloud_services",
         "instrument": "definitive_contract", "value_usd_bn": 38, "source": "b"},
        {"deal_id": "aws2", "date": "2026-02-27", "counterparty": "amazon", "deal_type": "cloud_services",
         "instrument": "definitive_contract", "value_usd_bn": 100, "source": "c"},
        {"deal_id": "orc", "date": "2025-09-10", "counterparty": "oracle", "deal_type": "cloud_services",
         "instrument": "reported", "value_usd_bn": 300, "source": "d"},
        {"deal_id": "cb1", "date": "2026-01-14", "counterparty": "cerebras", "deal_type": "cloud_services",
         "instrument": "definitive_contract", "value_usd_bn": 10, "source": "e"},
        {"deal_id": "cb2", "date": "2026-04-01", "counterparty": "cerebras", "deal_type": "cloud_services",
         "instrument": "reported", "value_usd_bn": 20, "source": "f"},
    ])


def test_contracts_are_summed_and_a_reported_total_is_never_added_to_them(compute):
    suppliers = deal.cloud_contracts_by_supplier(compute).set_index("code")
    assert suppliers.loc["amazon", "value_usd_bn"] == 138
    assert suppliers.loc["cerebras", "value_usd_bn"] == 20  # the larger of 10 (contract) and 20 (report)
    assert suppliers.loc["cerebras", "basis"] == "Press-reported value"
    assert list(suppliers.index) == ["oracle", "microsoft", "amazon", "cerebras"]


def test_one_sided_terms_count_each_side_and_ignore_mixed_terms(make_table):
    terms = make_table("deal_terms", [
        {"version_id": "v", "term_id": "a", "favours": "openai"},
        {"version_id": "v", "term_id": "b", "favours": "openai"},
        {"version_id": "v", "term_id": "c", "favours": None},
        {"version_id": "w", "term_id": "a", "favours": "microsoft"},
    ])
    assert deal.one_sided_terms(terms, "v").value == {"microsoft": 0, "openai": 2}


@pytest.mark.parametrize("condition, replaced, expected_end, expected_label", [
    ("through 2032", None, "2032-12-31", "to 2032"),
    ("2030 or AGI, whichever first", None, "2030-12-31", "to 2030 (or AGI)"),
    ("until AGI", None, "2036-12-31", "until AGI →"),
    ("", pd.Timestamp("2026-04-27"), "2026-04-27", "replaced Apr 2026"),
    ("", None, "2036-12-31", "no end date →"),
])
def test_a_span_ends_at_its_year_on_agi_at_the_edge_or_when_replaced(condition, replaced, expected_end,
                                                                      expected_label):
    end, drawn = deal._span_end(condition, replaced, pd.Timestamp("2036-12-31"))
    assert (end, drawn) == (pd.Timestamp(expected_end), expected_label)


def test_the_horizon_is_two_years_past_the_latest_fixed_end(make_table):
    terms = make_table("deal_terms", [{"end_condition": "through 2032"}, {"end_condition": "2030 or AGI"},
                                      {"end_condition": None}])
    assert deal.horizon(terms) == pd.Timestamp("2034-12-31")


def test_a_ratio_rests_on_both_facts_rows(make_table):
    a = make_table("deal_terms", [{"version_id": "v2025_oct", "term_id": "azure_purchase_commitment"}])
    b = make_table("microsoft_ai_milestones", [{"milestone_id": "azure"}])
    result = deal.ratio(Fact(250.0, rows=a), Fact(75.0, rows=b))
    assert result.value == pytest.approx(10 / 3)
    assert result.row_ids == ["deal_terms[v2025_oct, azure_purchase_commitment]", "microsoft_ai_milestones[azure]"]


def test_stakes_in_the_money_chart_are_valued_at_the_default_valuation(make_table):
    funding = make_table("microsoft_openai_funding", [
        {"as_of_date": "2026-06-30", "filing": "10-K FY2026", "measure": "committed", "value_usd_bn": 13, "source": "k"},
        {"as_of_date": "2026-06-30", "filing": "10-K FY2026", "measure": "funded", "value_usd_bn": 11.9, "source": "k"}])
    shares = make_table("openai_ownership", [
        {"snapshot_id": "a", "snapshot_date": "2025-10-28", "holder": "microsoft", "share_pct": 27, "source": "m"},
        {"snapshot_id": "b", "snapshot_date": "2026-06-30", "holder": "microsoft", "share_pct": 25, "source": "k"}])
    committed = Fact(13.0, rows=funding.iloc[0])
    funded = Fact(11.9, rows=funding.iloc[1], extra={"date": funding.iloc[1]["as_of_date"]})
    items = deal.money_items(committed, funded, Fact(27.0, rows=shares.iloc[0]), Fact(25.0, rows=shares.iloc[1]), 852)
    assert list(items["value_at_default_usd_bn"].round(2)) == [13, 11.9, 230.04, 213]
