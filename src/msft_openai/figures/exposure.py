"""The exposure chapter's charts: money in and back per alliance, who pays whom, OpenAI's part of
Microsoft's backlog, capex against cash flow, and the share price against the market."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..vocabulary import company_colour

MONEY_KINDS = ["Equity put in by the investor", "Compute committed back to the investor"]
# Light fills so that the amount printed in each cell stays readable in black, on screen and on paper.
FLOW_KINDS = ["equity investment", "warrant", "compute purchase", "chip purchase", "revenue share", "loan or lease"]
FLOW_COLOURS = ["#A6DBA0", "#C2A5CF", "#92C5DE", "#FDB863", "#F4A582", "#D9D9D9"]
MONEY_COLOURS = ["#999999", "#0072B2"]


def round_trip_chart(headlines: pd.DataFrame, title: str) -> alt.LayerChart:
    """Two bars per alliance: the investor's equity and the compute the lab committed back."""
    long = headlines.melt(id_vars=["alliance"], value_vars=["equity", "compute"], var_name="what", value_name="usd_bn")
    long = long.dropna(subset=["usd_bn"]).assign(
        what=lambda frame: frame["what"].map({"equity": MONEY_KINDS[0], "compute": MONEY_KINDS[1]})
    )
    order = headlines.sort_values("compute", ascending=False, na_position="last")["alliance"].tolist()
    base = alt.Chart(long).encode(
        y=alt.Y("alliance:N", sort=order, title=None, axis=alt.Axis(labelLimit=220)),
        yOffset=alt.YOffset("what:N", sort=MONEY_KINDS),
    )
    bars = base.mark_bar().encode(
        x=alt.X("usd_bn:Q", title="Stated value, US$ billions"),
        color=alt.Color(
            "what:N",
            title=None,
            scale=alt.Scale(domain=MONEY_KINDS, range=MONEY_COLOURS),
            legend=alt.Legend(orient="bottom", direction="vertical", labelLimit=400),
        ),
        tooltip=[
            alt.Tooltip("alliance:N", title="Alliance"),
            alt.Tooltip("what:N", title="Flow"),
            alt.Tooltip("usd_bn:Q", title="US$ bn", format=",.1f"),
        ],
    )
    labels = base.mark_text(align="left", dx=3, fontSize=10, color="#333333").encode(
        x="usd_bn:Q", text=alt.Text("usd_bn:Q", format=",.0f")
    )
    return alt.layer(bars, labels).properties(
        height=alt.Step(14),
        width=420,
        title=alt.Title(
            title,
            subtitle=[
                "Equity in and compute committed back, as stated; commitments are multi-year and 'up to'",
                "figures, equity partly conditional. A bar is missing where no value is public.",
            ],
        ),
    )


def flow_matrix_chart(matrix: pd.DataFrame, title: str) -> alt.LayerChart:
    """Payers down the side, payees across the top; each cell states the amount or 'n.s.'."""
    shown = matrix.assign(
        label=[f"{amount:,.0f}" if pd.notna(amount) else "n.s." for amount in matrix["amount"]],
        kind=[kinds.split(",")[0].replace("_", " ") for kinds in matrix["kinds"]],
    )
    order = sorted(set(shown["payer"]) | set(shown["payee"]))
    base = alt.Chart(shown).encode(
        x=alt.X("payee:N", sort=order, title="Receives the money", axis=alt.Axis(orient="top", labelAngle=-40)),
        y=alt.Y("payer:N", sort=order, title="Pays"),
    )
    cells = base.mark_rect(stroke="#ffffff").encode(
        color=alt.Color(
            "kind:N",
            title="Kind of money (first named, where a cell holds several)",
            scale=alt.Scale(domain=FLOW_KINDS, range=FLOW_COLOURS),
            legend=alt.Legend(orient="bottom", columns=3),
        ),
        tooltip=[
            alt.Tooltip("payer:N", title="Pays"),
            alt.Tooltip("payee:N", title="Receives"),
            alt.Tooltip("kinds:N", title="Kind"),
            alt.Tooltip("label:N", title="US$ bn"),
        ],
    )
    text = base.mark_text(fontSize=11, color="#000000").encode(text="label:N")
    return alt.layer(cells, text).properties(
        width=alt.Step(46),
        height=alt.Step(26),
        title=alt.Title(
            title,
            subtitle="Stated amounts, US$ billions, summed per pair; n.s. = no amount stated. Equity, warrants, "
            "purchases, leases and revenue share are different kinds of money: read a cell, do not add across.",
        ),
    )


def rpo_growth_chart(growth: pd.DataFrame, title: str) -> alt.LayerChart:
    """Commercial RPO growth with and without OpenAI, by fiscal quarter."""
    order = list(dict.fromkeys(growth.sort_values(["fiscal_year", "fiscal_quarter"])["quarter"]))
    base = alt.Chart(growth.drop(columns="source")).encode(
        x=alt.X("quarter:N", sort=order, title=None, axis=alt.Axis(labelAngle=-40)),
        y=alt.Y("value:Q", title="Growth on a year earlier, %"),
        color=alt.Color(
            "series:N",
            title=None,
            scale=alt.Scale(domain=["All customers", "Excluding OpenAI"], range=["#000000", "#0072B2"]),
            legend=alt.Legend(orient="bottom"),
        ),
    )
    lines = base.mark_line(point=True).encode(
        tooltip=[alt.Tooltip("quarter:N"), alt.Tooltip("series:N"), alt.Tooltip("value:Q", title="%")]
    )
    labels = base.mark_text(dy=-9, fontSize=10).encode(text=alt.Text("value:Q", format=".0f"))
    return alt.layer(lines, labels).properties(
        width=420,
        height=220,
        title=alt.Title(
            title,
            subtitle="Microsoft's commercial remaining performance obligation (contracted revenue not yet recognised)",
        ),
    )


def capex_cover_chart(covered: pd.DataFrame, title: str) -> alt.LayerChart:
    """Cash capex as a share of operating cash flow, four quarters, per company."""
    base = alt.Chart(covered).encode(y=alt.Y("company:N", sort="-x", title=None))
    bars = base.mark_bar().encode(
        x=alt.X("ratio_pct:Q", title="Cash capex ÷ operating cash flow, %"),
        color=alt.Color(
            "company:N",
            scale=alt.Scale(domain=covered["company"].tolist(), range=covered["colour"].tolist()),
            legend=None,
        ),
        tooltip=[
            alt.Tooltip("company:N"),
            alt.Tooltip("window:N", title="Four quarters to"),
            alt.Tooltip("ratio_pct:Q", title="%", format=".0f"),
        ],
    )
    line = alt.Chart(pd.DataFrame({"x": [100]})).mark_rule(color="#000000", strokeDash=[4, 3]).encode(x="x:Q")
    text = base.mark_text(align="left", dx=3, fontSize=10).encode(x="ratio_pct:Q", text="window:N")
    return alt.layer(bars, line, text).properties(
        width=380,
        height=alt.Step(26),
        title=alt.Title(title, subtitle="Above the dashed line, capital spending exceeds the cash operations bring in"),
    )


def price_chart(indexed: pd.DataFrame, events: pd.DataFrame, names: dict[str, str], title: str) -> alt.LayerChart:
    """Share price and benchmark indexed to 100 on the deal day, with the deal's news days marked."""
    shown = indexed.assign(series=indexed["ticker"].map(names))
    lines = (
        alt.Chart(shown)
        .mark_line(point=True)
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y")),
            y=alt.Y("index:Q", title="Index, deal day = 100", scale=alt.Scale(zero=False)),
            color=alt.Color(
                "series:N",
                title=None,
                scale=alt.Scale(domain=list(names.values()), range=[company_colour("microsoft"), "#8C8C8C"]),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("date:T", format="%d %b %Y"),
                alt.Tooltip("series:N"),
                alt.Tooltip("index:Q", format=".1f"),
            ],
        )
    )
    rules = (
        alt.Chart(events)
        .mark_rule(color="#999999", strokeDash=[2, 2])
        .encode(x="date:T", tooltip=[alt.Tooltip("date:T", format="%d %b %Y"), alt.Tooltip("event:N")])
    )
    marks = (
        alt.Chart(events)
        .mark_text(angle=270, align="left", dx=4, dy=-4, fontSize=9, color="#555555")
        .encode(x="date:T", y=alt.value(4), text="label:N")
    )
    return alt.layer(rules, marks, lines).properties(
        width=520, height=260, title=alt.Title(title, subtitle="Closing levels on the days the sources give")
    )
