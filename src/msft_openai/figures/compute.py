"""Part 4's charts: agreements by counterparty and over time, cloud market shares with series
breaks marked, and the hyperscalers' capital spending."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..analysis.series import contiguous_runs, quarter_position
from ..vocabulary import colour_of_name, label

CATEGORIES = ["Cloud contract, stated by a company", "Cloud deal, press reports only", "Equity investment in OpenAI"]
CATEGORY_COLOURS = ["#0072B2", "#56B4E9", "#999999"]


def counterparty_chart(bars: pd.DataFrame, title: str) -> alt.LayerChart:
    order = bars.groupby("counterparty")["value_usd_bn"].sum().sort_values(ascending=False).index.tolist()
    pick = alt.selection_point(fields=["category"], bind="legend")
    base = alt.Chart(bars).encode(y=alt.Y("counterparty:N", sort=order, title=None))
    segments = (
        base.mark_bar()
        .encode(
            x=alt.X("sum(value_usd_bn):Q", title="Stated value, US$ billions"),
            color=alt.Color(
                "category:N",
                title="Kind",
                scale=alt.Scale(domain=CATEGORIES, range=CATEGORY_COLOURS),
                legend=alt.Legend(columns=1, labelLimit=300),
            ),
            order=alt.Order("rank:Q"),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("counterparty:N", title="Counterparty"),
                alt.Tooltip("category:N", title="Kind"),
                alt.Tooltip("sum(value_usd_bn):Q", title="US$ billions", format=",.1f"),
            ],
        )
        .transform_calculate(rank=f"indexof({CATEGORIES!r}, datum.category)")
        .add_params(pick)
    )
    return segments.properties(
        height=alt.Step(28),
        title=alt.Title(
            title,
            subtitle=[
                "Stated values by counterparty; a relationship's total is counted once. Values are disclosures,",
                "not a measure of how much OpenAI depends on each supplier; chip deals without a price are left out.",
            ],
        ),
    )


def timeline_chart(points: pd.DataFrame, cutoff, title: str) -> alt.LayerChart:
    first_seen = points.groupby("who")["date"].min().sort_values().index.tolist()
    common = dict(
        x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y"), scale=alt.Scale(padding=24)),
        y=alt.Y("who:N", sort=first_seen, title=None),
        shape=alt.Shape(
            "instrument_label:N", title="Instrument", legend=alt.Legend(direction="vertical", orient="bottom")
        ),
        color=alt.Color("kind:N", title="Kind", legend=alt.Legend(direction="vertical", orient="bottom")),
        tooltip=[
            alt.Tooltip("date:T", title="Date"),
            alt.Tooltip("who:N", title="Counterparty"),
            alt.Tooltip("type_label:N", title="Type"),
            alt.Tooltip("instrument_label:N", title="Instrument"),
            alt.Tooltip("value_usd_bn:Q", title="Value, US$ bn", format=",.1f"),
            alt.Tooltip("gigawatts_gw:Q", title="GW"),
            alt.Tooltip("description:N", title="What"),
        ],
    )
    shown = points[
        ["date", "who", "kind", "type_label", "instrument_label", "value_usd_bn", "gigawatts_gw", "description"]
    ]
    valued = (
        alt.Chart(shown)
        .transform_filter("isValid(datum.value_usd_bn)")
        .mark_point(filled=True, opacity=0.75)
        .encode(size=alt.Size("value_usd_bn:Q", scale=alt.Scale(range=[40, 1600]), legend=None), **common)
    )
    unvalued = (
        alt.Chart(shown)
        .transform_filter("!isValid(datum.value_usd_bn)")
        .mark_point(filled=False, size=70, strokeWidth=1.5)
        .encode(**common)
    )
    rule = (
        alt.Chart(pd.DataFrame({"date": [pd.Timestamp(cutoff)]}))
        .mark_rule(strokeDash=[4, 3], color="#555555")
        .encode(x="date:T")
    )
    return alt.layer(rule, valued, unvalued).properties(
        width=470,
        height=alt.Step(22),
        title=alt.Title(
            title,
            subtitle=[
                "Each point is an agreement, expansion or walk-back; size = stated value, hollow = no value stated;",
                "dashed line = 28 October 2025",
            ],
        ),
    )


def cloud_share_chart(
    shares: pd.DataFrame, sizes: pd.DataFrame, break_quarter: str | None, title: str
) -> alt.VConcatChart:
    quarters = sorted(set(shares["quarter"]) | set(sizes["quarter"]))
    providers = list(dict.fromkeys(shares.sort_values("provider_name")["provider_name"]))
    pick = alt.selection_point(fields=["provider_name"], bind="legend")
    x = alt.X("quarter:O", title=None, scale=alt.Scale(domain=quarters), axis=alt.Axis(labelAngle=0))
    lines = (
        alt.Chart(shares)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("share_pct:Q", title="Worldwide share, %"),
            color=alt.Color(
                "provider_name:N",
                title="Provider",
                scale=alt.Scale(domain=providers, range=[colour_of_name(p) for p in providers]),
            ),
            strokeDash=alt.StrokeDash(
                "firm:N",
                title="Research firm",
                scale=alt.Scale(
                    domain=[label("research_firm", "synergy"), label("research_firm", "canalys")],
                    range=[[1, 0], [4, 2]],
                ),
            ),
            detail="segment:N",
            opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
            tooltip=[
                alt.Tooltip("quarter:O", title="Quarter"),
                alt.Tooltip("firm:N", title="Firm"),
                alt.Tooltip("provider_name:N", title="Provider"),
                alt.Tooltip("share_pct:Q", title="Share, %"),
            ],
        )
        .add_params(pick)
        .properties(width=580, height=260)
    )
    layers = [lines]
    if break_quarter:
        marker = alt.Chart(pd.DataFrame({"quarter": [break_quarter], "note": ["Series break (Synergy)"]}))
        layers += [
            marker.mark_rule(color="#555555", strokeDash=[3, 3]).encode(x=x),
            marker.mark_text(align="left", dx=4, dy=8, fontSize=10, color="#555555").encode(
                x=x, y=alt.value(0), text="note:N"
            ),
        ]
    bars = (
        alt.Chart(sizes)
        .mark_bar(opacity=0.8)
        .encode(
            x=x,
            xOffset=alt.XOffset("firm:N"),
            y=alt.Y("market_size_usd_bn:Q", title="Market, US$ bn"),
            color=alt.Color("firm:N", title="Market size estimated by", scale=alt.Scale(range=["#555555", "#BBBBBB"])),
            tooltip=[
                alt.Tooltip("quarter:O", title="Quarter"),
                alt.Tooltip("firm:N", title="Firm"),
                alt.Tooltip("market_size_usd_bn:Q", title="Market size, US$ bn", format=",.1f"),
            ],
        )
        .properties(width=580, height=130)
    )
    return (
        alt.vconcat(alt.layer(*layers), bars)
        .resolve_scale(color="independent")
        .properties(
            title=alt.Title(
                title,
                subtitle=[
                    "Cloud infrastructure services shares by quarter (solid: Synergy; dashed: Canalys/Omdia) and "
                    "quarterly market size.",
                    "Synergy's lines break where its series steps without explanation.",
                ],
            )
        )
    )


def capex_chart(capex: pd.DataFrame, title: str) -> alt.LayerChart:
    quarters = sorted(capex["calendar_quarter"].unique())
    names = ["Amazon", "Alphabet", "Microsoft", "Meta", "Oracle"]
    pick = alt.selection_point(fields=["company"], bind="legend")
    encoding = dict(
        x=alt.X("calendar_quarter:O", title=None, scale=alt.Scale(domain=quarters), axis=alt.Axis(labelAngle=0)),
        y=alt.Y("capex_usd_bn:Q", title="Capital expenditure, US$ billions"),
        color=alt.Color(
            "company:N", title="Company", scale=alt.Scale(domain=names, range=[colour_of_name(n) for n in names])
        ),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
        tooltip=[
            alt.Tooltip("company:N", title="Company"),
            alt.Tooltip("calendar_quarter:O", title="Calendar quarter"),
            alt.Tooltip("fiscal_label:N", title="Company's label"),
            alt.Tooltip("capex_usd_bn:Q", title="US$ billions", format=",.2f"),
        ],
    )
    shown = capex[["company", "calendar_quarter", "fiscal_label", "capex_usd_bn"]]
    # A company's line stops where a quarter could not be sourced, rather than bridging it.
    shown = shown.assign(run=contiguous_runs(shown, ["company"], quarter_position(shown["calendar_quarter"])))
    four = (
        alt.Chart(shown)
        .transform_filter("datum.company !== 'Oracle'")
        .mark_line(point=True)
        .encode(**encoding, detail="run:N")
        .add_params(pick)
    )
    oracle = (
        alt.Chart(shown)
        .transform_filter("datum.company === 'Oracle'")
        .mark_point(filled=True, size=70, shape="diamond")
        .encode(**encoding)
    )
    return alt.layer(four, oracle).properties(
        width=580,
        title=alt.Title(
            title,
            subtitle=[
                "Cash purchases of property and equipment by calendar quarter; Oracle (diamonds) only where a quarter "
                "could be sourced"
            ],
        ),
    )
