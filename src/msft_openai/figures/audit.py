"""The audit's charts: verdicts by section, and the article's figures against the sources'."""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..analysis.audit import SECTION_SHORT, SECTIONS, VERDICTS

VERDICT_COLOURS = ["#009E73", "#E69F00", "#56B4E9", "#D55E00", "#999999"]
VERDICT_SCALE = alt.Scale(domain=VERDICTS, range=VERDICT_COLOURS)


def verdicts_chart(by_section: pd.DataFrame, title: str) -> alt.Chart:
    pick = alt.selection_point(fields=["verdict"], bind="legend")
    return (
        alt.Chart(by_section)
        .transform_calculate(verdict_rank=f"indexof({VERDICTS!r}, datum.verdict)")
        .mark_bar()
        .encode(
            y=alt.Y(
                "article_section:N",
                sort=[SECTION_SHORT[s] for s in SECTIONS],
                title=None,
                axis=alt.Axis(labelLimit=260),
            ),
            x=alt.X("claims:Q", title="Number of claims", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("verdict:N", scale=VERDICT_SCALE, title="Verdict"),
            order=alt.Order("verdict_rank:Q"),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.2)),
            tooltip=[
                alt.Tooltip("article_section:N", title="Section"),
                alt.Tooltip("verdict:N", title="Verdict"),
                alt.Tooltip("claims:Q", title="Claims"),
                alt.Tooltip("claim_ids:N", title="Claim IDs"),
            ],
        )
        .add_params(pick)
        .properties(height=230, title=alt.Title(title, subtitle="Claims in the article by section and verdict"))
    )


def claimed_found_chart(pairs: pd.DataFrame, title: str) -> alt.LayerChart:
    pick = alt.selection_point(fields=["verdict"], bind="legend")
    base = alt.Chart(pairs.drop(columns="source")).encode(
        y=alt.Y("claim:N", sort=list(pairs["claim"]), title=None, axis=alt.Axis(labelLimit=300))
    )
    tooltip = [
        alt.Tooltip("claim_id:N", title="Claim"),
        alt.Tooltip("translation_en:N", title="Article says"),
        alt.Tooltip("in_article:N", title="In the article"),
        alt.Tooltip("in_sources:N", title="In the sources"),
        alt.Tooltip("verdict:N", title="Verdict"),
    ]
    links = base.mark_rule(strokeWidth=2).encode(
        x=alt.X("claimed_value:Q", scale=alt.Scale(type="log"), title="Value, in each claim's own unit (log scale)"),
        x2="found_value:Q",
        color=alt.Color("verdict:N", scale=VERDICT_SCALE, title="Verdict"),
        opacity=alt.condition(pick, alt.value(0.9), alt.value(0.15)),
        tooltip=tooltip,
    )
    dots = (
        base.transform_fold(["claimed_value", "found_value"], as_=["which", "value"])
        .transform_calculate(value_from="datum.which == 'claimed_value' ? 'In the article' : 'In the sources'")
        .mark_point(size=90, filled=True)
        .encode(
            x=alt.X("value:Q", scale=alt.Scale(type="log")),
            color=alt.Color("verdict:N", scale=VERDICT_SCALE),
            shape=alt.Shape(
                "value_from:N",
                title="Value",
                scale=alt.Scale(domain=["In the article", "In the sources"], range=["circle", "diamond"]),
            ),
            opacity=alt.condition(pick, alt.value(1), alt.value(0.15)),
            tooltip=tooltip,
        )
    )
    return (
        (links + dots)
        .add_params(pick)
        .properties(
            height=28 * len(pairs),
            title=alt.Title(
                title,
                subtitle="Each line joins the article's figure (circle) to the sourced figure (diamond); "
                "units differ by row",
            ),
        )
    )
