"""The audit's and the landing page's functions on tiny tables."""

from __future__ import annotations

import pytest

from msft_openai.analysis import audit, landing


@pytest.fixture
def claims(make_table):
    return make_table(
        "article_claims",
        [
            {
                "claim_id": "c02",
                "section": "01",
                "verdict": "confirmed",
                "claimed_value": 250,
                "claimed_unit": "usd_bn",
                "found_value": 250,
                "found_unit": "usd_bn",
                "translation_en": "a",
                "source": "k",
            },
            {
                "claim_id": "c43",
                "section": "intro",
                "verdict": "imprecise",
                "claimed_value": 135,
                "claimed_unit": "usd_bn",
                "found_value": 13,
                "found_unit": "usd_bn",
                "translation_en": "b",
                "source": "k",
            },
            {
                "claim_id": "c19",
                "section": "02",
                "verdict": "outdated",
                "claimed_value": 2032,
                "claimed_unit": "year",
                "found_value": 2032,
                "found_unit": "year",
                "translation_en": "c",
                "source": None,
            },
        ],
    )


def test_added_claims_sit_where_they_are_in_the_article(claims):
    assert list(audit.in_article_order(claims)["claim_id"]) == ["c02", "c19", "c43"]


def test_verdicts_are_counted_in_the_fixed_order(claims):
    counts = audit.verdict_counts(claims)
    assert list(counts.index) == audit.VERDICTS and counts.sum() == 3 and counts["contradicted"] == 0


def test_paired_figures_put_the_widest_gap_first_and_leave_out_years(claims):
    pairs = audit.paired_figures(audit.in_article_order(claims))
    assert list(pairs["claim_id"]) == ["c43", "c02"]
    assert pairs["in_article"].iloc[0] == "$135B"


def test_reasoning_keeps_its_citations_and_escapes_everything_else():
    text = audit.with_citations("See microsoft2025tenq | not <b>bold</b>", {"microsoft2025tenq"})
    assert "{cite:t}`microsoft2025tenq`" in text and "\\|" in text and "\\<b\\>" in text


def test_chinese_figures_count_in_hundred_millions():
    assert audit.zh_figure(135, "usd_bn") == "1,350億美元"
    assert audit.zh_figure(4, "usd_trillion") == "4兆美元"


def test_valuation_growth_uses_post_money_rounds_only(make_table):
    valuations = make_table(
        "openai_valuations",
        [
            {
                "valuation_id": "r1",
                "date": "2024-10-02",
                "event_type": "funding_round",
                "valuation_basis": "post_money",
                "valuation_usd_bn": 157,
            },
            {
                "valuation_id": "s1",
                "date": "2025-10-02",
                "event_type": "secondary_sale",
                "valuation_basis": "secondary",
                "valuation_usd_bn": 500,
            },
            {
                "valuation_id": "p1",
                "date": "2026-02-27",
                "event_type": "funding_round",
                "valuation_basis": "pre_money",
                "valuation_usd_bn": 730,
            },
            {
                "valuation_id": "r2",
                "date": "2026-03-31",
                "event_type": "funding_round",
                "valuation_basis": "post_money",
                "valuation_usd_bn": 852,
            },
        ],
    )
    growth = landing.valuation_growth(valuations)
    assert growth.value == pytest.approx(852 / 157)
    assert growth.row_ids == ["openai_valuations[r1]", "openai_valuations[r2]"]
