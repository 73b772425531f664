"""The landing page: how fast OpenAI's valuation has risen, measured like for like."""

from __future__ import annotations

import pandas as pd

from ..publish import Fact
from ..vocabulary import label
from . import facts

SHOWN_EVENTS = ("funding_round", "secondary_sale", "tender_offer")


def valuation_growth(valuations: pd.DataFrame) -> Fact:
    """Latest over first post-money valuation of OpenAI's new-money rounds (share-sale prices and
    pre-money figures are not comparable, so they are left out of the multiple)."""
    rounds = facts.post_money_rounds(valuations)
    if len(rounds) < 2:
        raise LookupError("fewer than two post-money funding rounds")
    first, latest = rounds.iloc[0], rounds.iloc[-1]
    return Fact(
        float(latest["valuation_usd_bn"] / first["valuation_usd_bn"]),
        rows=rounds.iloc[[0, -1]],
        unit="x",
        extra={"first": first, "latest": latest},
    )


def valuation_points(valuations: pd.DataFrame) -> pd.DataFrame:
    """Every closed valuation event, labelled for the chart, oldest first."""
    shown = valuations[valuations["event_type"].isin(SHOWN_EVENTS)].sort_values("date", kind="stable")
    return shown.assign(kind=[label("valuation_event", code) for code in shown["event_type"]])[
        ["date", "valuation_usd_bn", "event_type", "kind", "valuation_basis", "lead_investors", "source"]
    ]
