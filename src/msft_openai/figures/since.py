"""The "since" chapter's charts: the developments by kind, and the claims they overtook."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import fmt
from ..analysis.since import KIND_COLOURS, KINDS


def timeline_chart(timeline: pd.DataFrame, start, as_of, last_date, title: str) -> alt.LayerChart:
    kinds = list(dict.fromkeys(KINDS.values()))
    pick = alt.selection_point(fields=["kind"], bind="legend")
    gap = pd.DataFrame(
        {
            "start": [last_date],
            "end": [pd.Timestamp(as_of)],
            "label": [f"No sourced\ndevelopments found\nafter {fmt.month(last_date)}"],
        }
    )
    shade = alt.Chart(gap).mark_rect(color="#eeeeee").encode(x="start:T", x2="end:T")
    note = (
        alt.Chart(gap)
        .mark_text(align="left", baseline="top", dx=6, dy=6, fontSize=11, color="#555555", lineBreak="\n")
        .encode(x="start:T", y=alt.value(0), text="label:N")
    )
    dots = (
        alt.Chart(timeline.drop(columns="source"))
        .mark_point(size=140, filled=True, strokeWidth=1.5)
        .encode(
            x=alt.X(
                "date:T",
                title=None,
                axis=alt.Axis(format="%b %Y", tickCount="month", labelAngle=-40),
                scale=alt.Scale(domain=[pd.Timestamp(start) - pd.Timedelta(days=10), pd.Timestamp(as_of)]),
            ),
            y=alt.Y("kind:N", sort=kinds, title=None, axis=alt.Axis(labelLimit=200)),
            color=alt.Color("kind:N", scale=alt.Scale(domain=kinds, range=KIND_COLOURS), title="Kind"),
            shape=alt.Shape(
                "overtook:N",
                scale=alt.Scale(domain=["Overtook an article claim", "Did not"], range=["diamond", "circle"]),
                title=None,
            ),
            opacity=alt.condition(pick, alt.value(0.95), alt.value(0.12)),
            tooltip=[
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("title:N", title="Development"),
                alt.Tooltip("description:N", title="What happened"),
                alt.Tooltip("overtook_claims:N", title="Article claims overtaken"),
            ],
        )
        .add_params(pick)
    )
    layers = [dots] if pd.Timestamp(last_date) >= pd.Timestamp(as_of) - pd.Timedelta(days=31) else [shade, note, dots]
    return alt.layer(*layers).properties(
        height=260,
        title=alt.Title(
            title, subtitle="Microsoft–OpenAI developments by kind; diamonds overtook a claim in the article"
        ),
    )


def overtaken_chart(steps: pd.DataFrame, total_claims: int, title: str) -> alt.LayerChart:
    shown = steps.drop(columns="source")
    line = (
        alt.Chart(shown)
        .mark_line(interpolate="step-after", color="#D55E00")
        .encode(
            x=alt.X("date:T", title=None, axis=alt.Axis(format="%b %Y", tickCount="month", labelAngle=-40)),
            y=alt.Y(
                "claims_overtaken:Q",
                title="Article claims overtaken (cumulative)",
                scale=alt.Scale(domain=[0, int(steps["claims_overtaken"].max()) + 1]),
                axis=alt.Axis(tickMinStep=1),
            ),
        )
    )
    points = (
        alt.Chart(shown)
        .mark_point(filled=True, size=80, color="#D55E00")
        .encode(
            x="date:T",
            y="claims_overtaken:Q",
            tooltip=[
                alt.Tooltip("when:N", title="Date"),
                alt.Tooltip("event:N", title="Development"),
                alt.Tooltip("newly_overtaken:N", title="Claims overtaken"),
                alt.Tooltip("claims_overtaken:Q", title="Total so far"),
            ],
        )
    )
    return (line + points).properties(
        height=240,
        title=alt.Title(
            title, subtitle=f"Cumulative count of the article's {total_claims} claims superseded by later developments"
        ),
    )
