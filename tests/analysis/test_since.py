"""The "since" chapter's functions on tiny tables."""

from __future__ import annotations

import pandas as pd
import pytest

from msft_openai.analysis import since


@pytest.fixture
def events(make_table):
    return since.developments(
        make_table(
            "developments_since",
            [
                {
                    "event_id": "e2",
                    "date": "2025-11-03",
                    "category": "compute",
                    "title": "AWS",
                    "overtakes_claim_ids": "c35",
                    "source": "b",
                },
                {
                    "event_id": "e1",
                    "date": "2025-10-28",
                    "category": "partnership",
                    "title": "Deal",
                    "overtakes_claim_ids": None,
                    "source": "a",
                },
                {
                    "event_id": "e3",
                    "date": "2026-05-18",
                    "category": "regulatory",
                    "title": "Verdict",
                    "overtakes_claim_ids": "c35 c07",
                    "source": "c",
                },
            ],
        )
    )


def test_developments_run_in_date_order_with_one_kind_each(events):
    assert list(events["event_id"]) == ["e1", "e2", "e3"]
    counts = since.kind_counts(events)
    assert counts.sum() == len(events) and counts["Regulation and courts"] == 1


def test_a_development_of_unknown_kind_is_refused(make_table):
    with pytest.raises(KeyError):
        since.developments(
            make_table(
                "developments_since",
                [{"event_id": "x", "date": "2026-01-01", "category": "rumour", "overtakes_claim_ids": None}],
            )
        )


def test_a_claim_counts_as_overtaken_once_at_its_first_development(events):
    first = since.first_overtaken(events)
    assert first == {"c35": pd.Timestamp("2025-11-03"), "c07": pd.Timestamp("2026-05-18")}


def test_steps_add_only_newly_overtaken_claims_and_end_at_the_as_of_date(events):
    claims = pd.DataFrame({"claim_id": ["c35", "c07"], "translation_en": ["Amazon", "Total"]})
    steps = since.overtaken_steps(events, claims, "2026-11-30")
    assert list(steps["claims_overtaken"]) == [0, 1, 2, 2]
    assert steps["newly_overtaken"].iloc[2] == "c07: Total"


def test_months_between_counts_calendar_months():
    assert since.months_between("2025-10-28", "2026-07-29") == 9


def test_days_are_counted_to_the_first_development_that_overtook_a_claim(events):
    days = since.days_until_overtaken(events, "c35", "2025-10-28")
    assert days.value == 6 and list(days.rows["event_id"]) == ["e2"]
    with pytest.raises(LookupError):
        since.days_until_overtaken(events, "c99", "2025-10-28")


def test_the_last_overtake_is_a_development_not_the_as_of_date(events):
    claims = pd.DataFrame({"claim_id": ["c35", "c07"], "translation_en": ["Amazon", "Total"]})
    steps = since.overtaken_steps(events, claims, "2026-11-30")
    assert since.last_overtake(steps)["date"] == pd.Timestamp("2026-05-18")


def test_the_first_round_after_the_deal_adds_the_money_raised_to_its_pre_money_value(make_table):
    valuations = make_table(
        "openai_valuations",
        [
            {
                "valuation_id": "v0",
                "date": "2025-10-01",
                "event_type": "funding_round",
                "valuation_basis": "pre_money",
                "valuation_usd_bn": 400.0,
                "amount_raised_usd_bn": 10.0,
            },
            {
                "valuation_id": "v1",
                "date": "2026-02-27",
                "event_type": "funding_round",
                "valuation_basis": "pre_money",
                "valuation_usd_bn": 730.0,
                "amount_raised_usd_bn": 110.0,
            },
            {
                "valuation_id": "v2",
                "date": "2026-03-31",
                "event_type": "funding_round",
                "valuation_basis": "post_money",
                "valuation_usd_bn": 852.0,
                "amount_raised_usd_bn": 122.0,
            },
        ],
    )
    first = since.first_round_after(valuations, "2025-10-28")
    assert (first.value, first.extra["raised"], first.extra["post"]) == (730, 110, 840)
    with pytest.raises(LookupError):
        since.first_round_after(valuations, "2026-12-01")


def test_the_valuation_rise_rests_on_both_valuations(make_table):
    from msft_openai.publish import Fact

    final = Fact(852.0, rows=make_table("openai_valuations", [{"valuation_id": "v2"}]))
    recap = Fact(
        135.0, rows=make_table("openai_valuations", [{"valuation_id": "v9"}]), extra={"valuation_usd_bn": 500.0}
    )
    rise = since.valuation_rise(final, recap)
    assert rise.value == pytest.approx(1.704) and rise.row_ids == ["openai_valuations[v2]", "openai_valuations[v9]"]


def test_the_developments_table_has_one_row_per_development_with_its_kind_and_claims(events):
    claims = pd.DataFrame(
        {"claim_id": ["c35", "c07"], "translation_en": ["Amazon", "Total"], "excerpt_zh": ["亞馬遜", "累計"]}
    )
    events = events.assign(description=["d1", "d2", "d3"], date_precision=["day", "month", "day"])
    table = since.developments_table(events, claims)
    assert len(table) == 3 and list(table["Kind"]) == [
        "Microsoft–OpenAI terms",
        "Compute deals",
        "Regulation and courts",
    ]
    assert table["Date"].iloc[1] == "November 2025" and table["Article claims it overtook"].iloc[0] == "—"
    assert table["Article claims it overtook"].iloc[2] == "c35: Amazon (亞馬遜); c07: Total (累計)"
