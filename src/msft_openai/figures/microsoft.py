"""Part 3's charts: capex, Azure growth (with Microsoft's FY2025 redefinition marked), revenue
added per dollar of earlier capex, the two halves of Microsoft, and OpenAI in its results."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..analysis.series import contiguous_runs
from ..charts import ACCENT, MUTED
from ..vocabulary import company_colour

AXIS_TITLE = "Fiscal quarter (FY ends 30 June)"
SECOND = "#D55E00"  # Okabe–Ito vermilion: the second series of a two-series chart
TOOLTIP_QUARTER = [
    alt.Tooltip("fiscal_quarter:N", title="Fiscal quarter"),
    alt.Tooltip("calendar_months:N", title="Calendar months"),
]


def capex_chart(frame: pd.DataFrame, quarters: list[str], title: str, subtitle: str) -> alt.VConcatChart:
    measures = list(dict.fromkeys(frame["measure"]))
    pick = alt.selection_point(fields=["measure"], bind="legend")
    base = alt.Chart(frame.drop(columns="source")).encode(
        color=alt.Color(
            "measure:N",
            title=None,
            scale=alt.Scale(domain=measures, range=[ACCENT, SECOND]),
            legend=alt.Legend(labelLimit=400),
        ),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
        tooltip=TOOLTIP_QUARTER
        + [
            alt.Tooltip("measure:N", title="Measure"),
            alt.Tooltip("capex_usd_bn:Q", title="Capex (US$ bn)", format=".1f"),
            alt.Tooltip("capex_pct_of_revenue:Q", title="Capex, % of revenue", format=".1f"),
            alt.Tooltip("revenue_usd_bn:Q", title="Revenue (US$ bn)", format=".1f"),
        ],
    )
    top = (
        base.mark_line(point=True)
        .encode(
            x=alt.X("fiscal_quarter:O", sort=quarters, title=None, axis=alt.Axis(labels=False, ticks=False)),
            y=alt.Y("capex_usd_bn:Q", title="Capex per quarter, US$ bn"),
        )
        .add_params(pick)
        .properties(width=600, height=240)
    )
    bottom = (
        base.mark_line(point=True, strokeDash=[4, 2])
        .encode(
            x=alt.X("fiscal_quarter:O", sort=quarters, title=AXIS_TITLE, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("capex_pct_of_revenue:Q", title="Capex, % of revenue"),
        )
        .properties(width=600, height=140)
    )
    return alt.vconcat(top, bottom, spacing=8).properties(title=alt.Title(title, subtitle=[subtitle]))


def azure_chart(frame: pd.DataFrame, quarters: list[str], break_quarter: str, title: str) -> alt.LayerChart:
    series = list(dict.fromkeys(frame["series"]))
    pick = alt.selection_point(fields=["series"], bind="legend")
    x = alt.X("fiscal_quarter:O", sort=quarters, title=AXIS_TITLE, axis=alt.Axis(labelAngle=-45))
    common = dict(
        x=x,
        color=alt.Color(
            "series:N",
            title=None,
            scale=alt.Scale(domain=series, range=[ACCENT, SECOND, MUTED]),
            legend=alt.Legend(columns=3, labelLimit=300),
        ),
        opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
        tooltip=TOOLTIP_QUARTER
        + [alt.Tooltip("series:N", title="Series"), alt.Tooltip("value:Q", title="% (or points)")],
    )
    base = alt.Chart(frame.drop(columns="source")).encode(**common)
    bars = base.transform_filter(alt.datum.series == series[2]).mark_bar(size=14).encode(y=alt.Y("value:Q"))
    # Growth before and after Microsoft's FY2025 redefinition of Azure is drawn as separate lines,
    # and a line stops where a quarter could not be sourced rather than bridging it.
    position = frame["fiscal_quarter"].map(quarters.index)
    segments = frame.assign(
        segment=(position >= quarters.index(break_quarter)).map({True: "new", False: "old"})
        + "-"
        + contiguous_runs(frame, ["series"], position).astype(str)
    )
    lines = (
        alt.Chart(segments.drop(columns="source"))
        .transform_filter(alt.datum.series != series[2])
        .mark_line(point=True)
        .encode(
            **common, y=alt.Y("value:Q", title="Year-on-year growth, %; bars: percentage points"), detail="segment:N"
        )
    )
    marker = alt.Chart(pd.DataFrame({"fiscal_quarter": [break_quarter], "note": ["Azure redefined (FY2025)"]}))
    rule = marker.mark_rule(color="#555555", strokeDash=[3, 3]).encode(x=x)
    note = marker.mark_text(align="left", dx=4, dy=8, fontSize=10, color="#555555").encode(
        x=x, y=alt.value(0), text="note:N"
    )
    return (
        alt.layer(bars, lines, rule, note)
        .add_params(pick)
        .properties(
            width=600,
            title=alt.Title(
                title,
                subtitle=[
                    "Azure and other cloud services revenue growth by fiscal quarter; AI points as disclosed.",
                    "Microsoft redefined Azure from FY2025: the line breaks there, and growth across the break is not comparable.",
                ],
            ),
        )
    )


def revenue_per_capex_chart(frame: pd.DataFrame, title: str) -> alt.Chart:
    return (
        alt.Chart(frame)
        .mark_bar(color=ACCENT)
        .encode(
            x=alt.X(
                "fiscal_quarter:O", sort=list(frame["fiscal_quarter"]), title=AXIS_TITLE, axis=alt.Axis(labelAngle=-45)
            ),
            y=alt.Y("revenue_per_capex_dollar:Q", title="Cloud revenue added per $ of earlier capex"),
            tooltip=TOOLTIP_QUARTER
            + [
                alt.Tooltip("added_revenue_usd_bn:Q", title="Revenue added, last 4 quarters (US$ bn)", format=".1f"),
                alt.Tooltip(
                    "earlier_capex_usd_bn:Q", title="Cash capex, the 4 quarters a year earlier (US$ bn)", format=".1f"
                ),
                alt.Tooltip("revenue_per_capex_dollar:Q", title="Per dollar", format=".2f"),
            ],
        )
        .properties(
            width=600,
            height=220,
            title=alt.Title(
                title,
                subtitle=[
                    "Growth of Microsoft Cloud revenue over four quarters, per dollar of cash capex in the four quarters a year",
                    "earlier. Capex also serves businesses outside the Microsoft Cloud; the lag of a year is an assumption.",
                ],
            ),
        )
    )


def segments_chart(frame: pd.DataFrame, quarters: list[str], title: str) -> alt.Chart:
    names = list(dict.fromkeys(frame["business"]))
    pick = alt.selection_point(fields=["business"], bind="legend")
    return (
        alt.Chart(frame.drop(columns="source"))
        .mark_line(point=True)
        .encode(
            x=alt.X("fiscal_quarter:O", sort=quarters, title=AXIS_TITLE, axis=alt.Axis(labelAngle=-45)),
            y=alt.Y("revenue_usd_bn:Q", title="Revenue per quarter, US$ bn"),
            color=alt.Color("business:N", title=None, scale=alt.Scale(domain=names, range=[ACCENT, SECOND])),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
            tooltip=TOOLTIP_QUARTER
            + [
                alt.Tooltip("business:N", title="Business"),
                alt.Tooltip("revenue_usd_bn:Q", title="Revenue (US$ bn)", format=".1f"),
                alt.Tooltip("share_of_revenue_pct:Q", title="% of Microsoft revenue"),
            ],
        )
        .add_params(pick)
        .properties(
            width=600,
            title=alt.Title(
                title,
                subtitle=[
                    "Quarterly revenue by Microsoft fiscal quarter. Segment figures before FY2025 use the pre-recast definitions;",
                    "gaps are quarters not sourced.",
                ],
            ),
        )
    )


def openai_chart(frame: pd.DataFrame, title: str) -> alt.LayerChart:
    measures = list(dict.fromkeys(frame["measure"]))
    window = list(dict.fromkeys(frame["fiscal_quarter"]))
    pick = alt.selection_point(fields=["measure"], bind="legend")
    bars = (
        alt.Chart(frame.drop(columns="source"))
        .mark_bar()
        .encode(
            x=alt.X("fiscal_quarter:O", sort=window, title=AXIS_TITLE, axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("measure:N", sort=measures),
            y=alt.Y("effect_usd_bn:Q", title="Effect on Microsoft's results, US$ bn"),
            color=alt.Color(
                "measure:N",
                title=None,
                scale=alt.Scale(domain=measures, range=[MUTED, company_colour("openai")]),
                legend=alt.Legend(columns=1, labelLimit=400),
            ),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
            tooltip=TOOLTIP_QUARTER
            + [alt.Tooltip("measure:N", title="Measure"), alt.Tooltip("effect_usd_bn:Q", title="US$ bn", format=".3f")],
        )
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#555555").encode(y="y:Q")
    return (
        alt.layer(bars, zero)
        .add_params(pick)
        .properties(
            width=520,
            title=alt.Title(
                title,
                subtitle=[
                    "Microsoft's share of OpenAI's results under the equity method, by fiscal quarter; "
                    "missing bars were not disclosed in sources found"
                ],
            ),
        )
    )
