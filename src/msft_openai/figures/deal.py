"""Part 1's charts: the terms matrix, how long each right lasts, the stake against the money,
and OpenAI's cloud contracts by supplier."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .. import fmt
from ..analysis.deal import LANES, MIXED, TERM_LABELS
from ..charts import MUTED
from ..vocabulary import colour_of_name, company_colour

FAVOURS_COLOURS = {
    "Microsoft": colour_of_name("Microsoft"),
    "OpenAI": colour_of_name("OpenAI"),
    MIXED: "#CFCFCF",
    "Neutral": "#A6A6A6",
    "Not applicable": "#EDEDED",
}
AS_OF_COLOUR = "#D55E00"


def terms_matrix_chart(matrix: pd.DataFrame, title: str) -> alt.LayerChart:
    columns = list(dict.fromkeys(matrix.sort_values("version_date")["version_label"]))
    present = [name for name in FAVOURS_COLOURS if name in set(matrix["favours_label"])]
    base = alt.Chart(matrix.drop(columns=["version_date", "source"])).encode(
        x=alt.X(
            "version_label:O",
            sort=columns,
            title=None,
            axis=alt.Axis(orient="top", labelAngle=0, labelExpr="split(datum.label, ' ')"),
        ),
        y=alt.Y("term:N", sort=list(TERM_LABELS.values()), title=None),
        tooltip=[
            alt.Tooltip("version:N", title="Version"),
            alt.Tooltip("term:N", title="Term"),
            alt.Tooltip("state:N", title="State"),
            alt.Tooltip("favours_label:N", title="Favours"),
            alt.Tooltip("end_condition:N", title="Lasts"),
            alt.Tooltip("status_label:N", title="Basis"),
            alt.Tooltip("source_name:N", title="Source"),
        ],
    )
    cells = base.mark_rect(stroke="white", strokeWidth=1.5).encode(
        color=alt.Color(
            "favours_label:N",
            title="Favours",
            scale=alt.Scale(domain=present, range=[FAVOURS_COLOURS[p] for p in present]),
        )
    )
    letters = base.mark_text(fontSize=11, fontWeight="bold").encode(
        text="letter:N",
        color=alt.condition(
            alt.FieldOneOfPredicate(field="favours_label", oneOf=["Microsoft", "OpenAI"]),
            alt.value("white"),
            alt.value("#333333"),
        ),
    )
    return (cells + letters).properties(
        width=alt.Step(54),
        height=alt.Step(24),
        title=alt.Title(
            title,
            subtitle=[
                "Each cell: the state of a term under one version. C = the companies' own wording,",
                "P = press report. Blank = the version did not address the term.",
            ],
        ),
    )


def rights_timeline_chart(spans: pd.DataFrame, as_of, edge: pd.Timestamp, title: str) -> alt.FacetChart:
    as_of = pd.Timestamp(as_of)
    shown = spans.drop(columns=["version_date", "source"])  # one data set: facets need it at the top
    base = alt.Chart(shown).encode(
        y=alt.Y("version:N", sort=alt.EncodingSortField("start"), title=None),
        tooltip=[
            alt.Tooltip("right:N", title="Right"),
            alt.Tooltip("version:N", title="Version"),
            alt.Tooltip("state:N", title="State"),
            alt.Tooltip("start:T", title="From", format="%d %b %Y"),
            alt.Tooltip("end_condition:N", title="Lasts"),
            alt.Tooltip("label:N", title="Drawn as"),
            alt.Tooltip("standing:N", title="Standing"),
            alt.Tooltip("basis:N", title="Basis"),
            alt.Tooltip("source_name:N", title="Source"),
        ],
    )
    bars = base.mark_bar(height=12, color=colour_of_name("Microsoft")).encode(
        x=alt.X(
            "start:T",
            title=None,
            axis=alt.Axis(format="%Y", tickCount=10),
            scale=alt.Scale(
                domain=[alt.DateTime(year=2019, month=1, date=1), alt.DateTime(year=edge.year + 3, month=1, date=1)]
            ),
        ),
        x2="end:T",
        opacity=alt.condition("datum.in_force", alt.value(1.0), alt.value(0.35)),
    )
    labels = base.mark_text(align="left", dx=4, fontSize=10, color="#333333").encode(x="end:T", text="label:N")
    rule = (
        alt.Chart(shown)
        .mark_rule(color=AS_OF_COLOUR, strokeDash=[4, 3])
        .encode(x=alt.datum(alt.DateTime(year=as_of.year, month=as_of.month, date=as_of.day)))
    )
    return (
        alt.layer(bars, labels, rule)
        .properties(width=470, height=alt.Step(16))
        .facet(
            row=alt.Row(
                "right:N",
                sort=list(LANES),
                title=None,
                header=alt.Header(
                    labelAngle=0, labelOrient="top", labelAnchor="start", labelFontWeight="bold", labelFontSize=12
                ),
            ),
            spacing=6,
        )
        .resolve_scale(y="independent")
        .properties(
            title=alt.Title(
                title,
                subtitle=[
                    f"Span promised by each version; faded = later replaced. Dashed line: {fmt.long_date(as_of)} (as of). "
                    f"Open-ended rights drawn to {edge:%Y}."
                ],
            )
        )
    )


def stake_whatif_chart(items: pd.DataFrame, funded: float, default_valuation: float, title: str) -> alt.LayerChart:
    valuation = alt.param(
        name="valuation",
        value=default_valuation,
        bind=alt.binding_range(min=250, max=1500, step=10, name="OpenAI valuation ($B) "),
    )
    base = (
        alt.Chart(items.drop(columns="source"))
        .transform_calculate(
            shown="datum.kind == 'stake' ? valuation * datum.share_pct / 100 : datum.value_usd_bn",
        )
        .transform_calculate(
            text="'$' + format(datum.shown, datum.shown < 100 ? ',.1f' : ',.0f') + 'B'"
            f" + (datum.kind == 'stake' ? ' (' + format(datum.shown / {funded}, '.1f') + '× funded)' : '')",
        )
        .encode(
            y=alt.Y("item:N", sort=list(items["item"]), title=None),
            tooltip=[alt.Tooltip("item:N", title="Item"), alt.Tooltip("text:N", title="Value")],
        )
    )
    bars = base.mark_bar(height=22).encode(
        x=alt.X("shown:Q", title="US$ billions", scale=alt.Scale(domain=[0, 1500 * 0.3]), axis=alt.Axis(tickCount=8)),
        color=alt.Color(
            "kind:N",
            legend=None,
            scale=alt.Scale(domain=["capital", "stake"], range=[MUTED, colour_of_name("Microsoft")]),
        ),
    )
    text = base.mark_text(align="left", dx=4, fontSize=11).encode(x="shown:Q", text="text:N")
    return (
        (bars + text)
        .add_params(valuation)
        .properties(
            height=alt.Step(34),
            title=alt.Title(
                title,
                subtitle=[
                    "Stake bars valued at OpenAI's latest round; in the web edition the reader sets the valuation."
                ],
            ),
        )
    )


def suppliers_chart(suppliers: pd.DataFrame, azure_revenue: float, azure_label: str, title: str) -> alt.LayerChart:
    shown = suppliers.drop(columns=["code", "deal_ids"]).assign(value_label=suppliers["value_usd_bn"].map(fmt.usd_bn))
    base = alt.Chart(shown).encode(
        y=alt.Y("supplier:N", sort=list(shown["supplier"]), title=None),
        tooltip=[
            alt.Tooltip("supplier:N", title="Supplier"),
            alt.Tooltip("value_usd_bn:Q", title="US$ billions", format=",.1f"),
            alt.Tooltip("basis:N", title="Basis"),
            alt.Tooltip("deals:N", title="Deals"),
        ],
    )
    bars = base.mark_bar(height=20).encode(
        x=alt.X(
            "value_usd_bn:Q",
            title="Stated value of cloud-computing purchases, US$ billions",
            scale=alt.Scale(domain=[0, float(shown["value_usd_bn"].max()) * 1.2]),
        ),
        color=alt.Color(
            "supplier:N",
            legend=None,
            scale=alt.Scale(domain=list(shown["supplier"]), range=[company_colour(code) for code in suppliers["code"]]),
        ),
        opacity=alt.Opacity(
            "basis:N",
            title=None,
            scale=alt.Scale(domain=["Stated by a company", "Press-reported value"], range=[1, 0.45]),
        ),
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(x="value_usd_bn:Q", text="value_label:N")
    azure = alt.Chart(pd.DataFrame({"x": [azure_revenue], "text": [f"{azure_label}: {fmt.usd_bn(azure_revenue)}+"]}))
    line = azure.mark_rule(color=AS_OF_COLOUR, strokeDash=[4, 3]).encode(x="x:Q")
    note = azure.mark_text(align="left", dx=4, dy=-8, color=AS_OF_COLOUR, fontSize=10, baseline="bottom").encode(
        x="x:Q", y=alt.value(0), text="text:N"
    )
    return (bars + labels + line + note).properties(
        height=alt.Step(32),
        title=alt.Title(
            title,
            subtitle=[
                "OpenAI's cloud-purchase commitments by supplier; faded = value reported by the press only.",
                "Dashed line: Azure's annual revenue in the latest fiscal year Microsoft gave it.",
            ],
        ),
    )
