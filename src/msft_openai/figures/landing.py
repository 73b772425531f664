"""The landing page's chart: OpenAI's valuation at every closed deal."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import fmt
from ..vocabulary import LABELS

KIND_COLOURS = ["#0072B2", "#E69F00", "#999999"]


def valuation_chart(points: pd.DataFrame, rounds: pd.DataFrame, growth: float) -> alt.LayerChart:
    kinds = [LABELS["valuation_event"][code] for code in ("funding_round", "secondary_sale", "tender_offer")]
    pick = alt.selection_point(fields=["kind"], bind="legend")
    shown = points.assign(label=points["valuation_usd_bn"].map(fmt.usd_bn))
    dots = (
        alt.Chart(shown)
        .mark_point(filled=True, size=90)
        .encode(
            x=alt.X("date:T", title=None),
            y=alt.Y("valuation_usd_bn:Q", scale=alt.Scale(type="log"), title="Valuation, US$ billions (log scale)"),
            color=alt.Color("kind:N", title="Kind of deal", scale=alt.Scale(domain=kinds, range=KIND_COLOURS)),
            shape=alt.Shape("kind:N", title="Kind of deal", scale=alt.Scale(domain=kinds)),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("date:T", title="Date"),
                alt.Tooltip("label:N", title="Valuation"),
                alt.Tooltip("kind:N", title="Kind of deal"),
                alt.Tooltip("valuation_basis:N", title="Basis"),
                alt.Tooltip("lead_investors:N", title="Investors"),
            ],
        )
        .add_params(pick)
    )
    line = (
        alt.Chart(rounds[["date", "valuation_usd_bn"]])
        .mark_line(color="#0072B2", strokeDash=[4, 3])
        .encode(x="date:T", y="valuation_usd_bn:Q")
    )
    first, latest = rounds.iloc[0], rounds.iloc[-1]
    title = (
        f"OpenAI's post-money valuation rose {fmt.multiple(growth, 1)} "
        f"from {fmt.month(first['date'])} to {fmt.month(latest['date'])}"
    )
    return alt.layer(line, dots).properties(
        title=alt.Title(
            title,
            subtitle="Closed funding rounds, share sales and tender offers; dashed line joins the new-money "
            "rounds. In the web edition, the legend picks a kind.",
        )
    )
