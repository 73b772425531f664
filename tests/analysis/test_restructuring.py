"""Part 2's functions on tiny tables."""

from __future__ import annotations

import pandas as pd
import pytest

from msft_openai.analysis import restructuring


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
                "source": "a",
            },
            {
                "snapshot_id": "recap",
                "snapshot_date": "2025-10-28",
                "holder": "openai_foundation",
                "share_pct": 26,
                "stated_value_usd_bn": 130,
                "valuation_id": "s",
                "complete": True,
                "basis": "x",
                "source": "b",
            },
            {
                "snapshot_id": "recap",
                "snapshot_date": "2025-10-28",
                "holder": "microsoft",
                "share_pct": 27,
                "stated_value_usd_bn": 135,
                "valuation_id": "s",
                "complete": True,
                "basis": "x",
                "source": "b",
            },
            {
                "snapshot_id": "recap",
                "snapshot_date": "2025-10-28",
                "holder": "employees_and_investors",
                "share_pct": 47,
                "stated_value_usd_bn": None,
                "valuation_id": None,
                "complete": True,
                "basis": "x",
                "source": "b",
            },
            {
                "snapshot_id": "sb",
                "snapshot_date": "2026-02-27",
                "holder": "softbank",
                "share_pct": 13,
                "valuation_id": None,
                "complete": False,
                "basis": "SoftBank-stated prospective ownership",
                "source": "c",
            },
        ],
    )


@pytest.fixture
def valuations(make_table):
    return make_table(
        "openai_valuations",
        [{"valuation_id": "s", "date": "2025-10-02", "valuation_usd_bn": 500, "amount_raised_usd_bn": 6.6}],
    )


def test_the_cap_table_values_each_stake_at_the_price_it_rests_on(ownership, valuations):
    cap, reference = restructuring.cap_table(ownership, valuations)
    assert reference["valuation_id"] == "s"
    assert list(cap["implied_value_usd_bn"]) == [130, 135, 235]
    assert restructuring.largest_gap_pct(cap) == 0


def test_the_arithmetic_table_totals_to_100_percent(ownership, valuations):
    cap, _ = restructuring.cap_table(ownership, valuations)
    table = restructuring.arithmetic_table(cap, 500)
    assert table.iloc[-1]["Share"] == "100%" and table.iloc[2]["Stated value"] == "not stated"


def test_a_round_dilutes_a_holder_who_buys_nothing():
    final = pd.Series({"amount_raised_usd_bn": 122.0, "valuation_usd_bn": 852.0})
    dilution = restructuring.round_dilution(final)
    assert dilution["new_money_share_pct"] == pytest.approx(14.32, abs=0.01)
    assert 27 * dilution["keep_factor"] == pytest.approx(23.1, abs=0.05)


def test_an_upsized_round_keeps_its_first_close_pre_money():
    first = pd.Series({"valuation_usd_bn": 730.0})
    assert restructuring.first_close_keeps_pre_money(
        first, pd.Series({"valuation_usd_bn": 852.0, "amount_raised_usd_bn": 122.0})
    )
    assert not restructuring.first_close_keeps_pre_money(
        first, pd.Series({"valuation_usd_bn": 900.0, "amount_raised_usd_bn": 122.0})
    )


def test_stakes_say_what_kind_of_figure_they_are(ownership):
    kinds = restructuring.disclosed_stakes(ownership).set_index("holder_name")["disclosure"]
    assert kinds["SoftBank"] == "Prospective (after 2026 payments)"
    assert kinds["Microsoft"].iloc[0] == "Before recapitalization, excl. recent rounds"


def test_every_step_needs_a_label(make_table):
    events = make_table(
        "openai_structure_events",
        [
            {
                "event_id": "x",
                "date": "2025-01-01",
                "date_precision": "day",
                "category": "structure",
                "title": "t",
                "description": "d",
                "source": "s",
            }
        ],
    )
    timeline = make_table(
        "partnership_timeline",
        [
            {
                "event_id": "y",
                "date": "2025-01-01",
                "date_precision": "day",
                "title": "t",
                "description": "d",
                "source": "s",
            }
        ],
    )
    with pytest.raises(KeyError):
        restructuring.restructuring_steps(events, timeline, {})
    assert len(restructuring.restructuring_steps(events, timeline, {"x": "X"})) == 1


def test_the_valuation_points_give_a_post_money_equivalent(make_table):
    valuations = make_table(
        "openai_valuations",
        [
            {
                "valuation_id": "a",
                "date": "2026-02-27",
                "date_precision": "day",
                "event_type": "funding_round",
                "valuation_usd_bn": 730,
                "lead_investors": "x",
                "valuation_basis": "pre_money",
                "amount_raised_usd_bn": 110,
                "source": "s",
            }
        ],
    )
    assert restructuring.valuation_points(valuations)["post_money_equivalent_usd_bn"].iloc[0] == 840
