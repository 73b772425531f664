"""Part 2's charts: the cap table, disclosed stakes, the structure before and after, the steps
of the restructuring, and the valuations."""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from .. import fmt
from ..analysis.restructuring import BASIS_NAMES
from ..charts import MUTED
from ..vocabulary import colour_of_name, company_colour

HOLDER_ORDER = ["Microsoft", "OpenAI Foundation", "Employees and other investors", "SoftBank"]
# Where each entity sits in the structure diagram, on a 0–100 grid per panel (presentation only).
LAYOUT = {
    "before_2025_10": {
        "openai_nonprofit": (50, 67),
        "openai_forprofit": (50, 34),
        "microsoft": (18, 6.5),
        "employees_and_investors": (82, 6.5),
    },
    "after_2025_10": {
        "state_attorneys_general": (50, 93),
        "openai_foundation": (50, 67),
        "openai_group": (50, 34),
        "microsoft": (18, 6.5),
        "employees_and_investors": (82, 6.5),
    },
}
PANEL_TOP = {"before_2025_10": 80, "after_2025_10": 100}
PX_PER_UNIT = 3.4
LINE_UNITS = 13.5 / PX_PER_UNIT  # one line of 10.5-px text, in grid units
HALF_W, HALF_H = 16, 6.5
KIND_FILL = {
    "nonprofit": company_colour("openai_foundation"),
    "for_profit": company_colour("openai"),
    "investor": company_colour("microsoft"),
    "investor_group": company_colour("other"),
    "regulator": "#E6E6E6",
}
DARK_TEXT = {"investor_group", "regulator"}
STYLE_SCALE = alt.Scale(domain=["control", "economic", "oversight"], range=[[1, 0], [6, 4], [2, 3]])
LANE_ORDER = ["Structure and control", "Funding", "Regulators and courts", "Foundation", "Listing"]
LANE_COLOURS = ["#000000", "#E69F00", "#CC79A7", company_colour("openai_foundation"), "#56B4E9"]


def cap_table_chart(cap: pd.DataFrame, valuation: float, valuation_month: str, title: list[str]) -> alt.LayerChart:
    shown = cap[["holder_name", "share_pct", "stated_value_usd_bn", "implied_value_usd_bn"]].rename(
        columns={"holder_name": "holder"}
    )
    shown = shown.assign(
        label=[f"{fmt.pct(s)} · {fmt.usd_bn(v)}" for s, v in zip(shown["share_pct"], shown["implied_value_usd_bn"])]
    )
    holders = sorted(shown["holder"])
    pick = alt.selection_point(fields=["holder"], bind="legend")
    bars = (
        alt.Chart(shown)
        .mark_bar(height=70)
        .encode(
            x=alt.X(
                "share_pct:Q",
                stack="zero",
                scale=alt.Scale(domain=[0, 100]),
                title="Share of OpenAI Group PBC, % (as-converted diluted)",
            ),
            color=alt.Color(
                "holder:N",
                scale=alt.Scale(domain=holders, range=[colour_of_name(h) for h in holders]),
                legend=alt.Legend(title="Holder", labelLimit=260),
            ),
            order=alt.Order("holder:N", sort="ascending"),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
            tooltip=[
                alt.Tooltip("holder:N", title="Holder"),
                alt.Tooltip("share_pct:Q", title="Share, %"),
                alt.Tooltip("stated_value_usd_bn:Q", title="Stated value, $B"),
                alt.Tooltip("implied_value_usd_bn:Q", title=f"Share × {fmt.usd_bn(valuation)}, $B", format=".0f"),
            ],
        )
        .add_params(pick)
    )
    labels = (
        alt.Chart(shown)
        .transform_window(
            cumulative="sum(share_pct)",
            sort=[alt.SortField("holder", order="ascending")],
        )
        .transform_calculate(middle="datum.cumulative - datum.share_pct / 2")
        .mark_text(fontSize=13, fontWeight="bold")
        .encode(
            x="middle:Q",
            text="label:N",
            color=alt.condition(
                "datum.holder == 'Employees and other investors'", alt.value("black"), alt.value("white")
            ),
        )
    )
    return (bars + labels).properties(
        height=110,
        title=alt.Title(
            title,
            subtitle=(
                f"Shares at the recapitalization of 28 October 2025, valued at the {fmt.usd_bn(valuation)} "
                f"share-sale price of {valuation_month}"
            ),
        ),
    )


def stakes_chart(stakes: pd.DataFrame, round_date, round_label: str, title: list[str]) -> alt.LayerChart:
    shown = stakes.rename(columns={"holder_name": "holder"}).drop(columns="source")
    pick = alt.selection_point(fields=["holder"], bind="legend")
    x = alt.X("snapshot_date:T", title=None, axis=alt.Axis(format="%b %Y", tickCount=6))
    base = alt.Chart(shown).encode(
        x=x,
        y=alt.Y("share_pct:Q", title="Share of OpenAI's for-profit, %", scale=alt.Scale(domain=[0, 50])),
        color=alt.Color(
            "holder:N",
            scale=alt.Scale(domain=HOLDER_ORDER, range=[colour_of_name(h) for h in HOLDER_ORDER]),
            legend=alt.Legend(title="Holder", direction="vertical", labelLimit=260),
        ),
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.2)),
    )
    lines = base.transform_filter(
        "(datum.holder == 'Microsoft' || datum.holder == 'SoftBank') && datum.disclosure != "
        "'Before recapitalization, excl. recent rounds'"
    ).mark_line(strokeWidth=1.5)
    points = (
        base.mark_point(size=110, filled=True)
        .encode(
            shape=alt.Shape(
                "disclosure:N",
                legend=alt.Legend(title="Kind of figure", direction="vertical", labelLimit=300),
                scale=alt.Scale(
                    domain=[
                        "Reported stake",
                        "Before recapitalization, excl. recent rounds",
                        "Prospective (after 2026 payments)",
                    ],
                    range=["circle", "square", "triangle-up"],
                ),
            ),
            tooltip=[
                alt.Tooltip("snapshot_date:T", title="As of", format="%d %b %Y"),
                alt.Tooltip("holder:N", title="Holder"),
                alt.Tooltip("share_pct:Q", title="Share, %"),
                alt.Tooltip("disclosure:N", title="Kind"),
                alt.Tooltip("basis:N", title="Basis"),
            ],
        )
        .add_params(pick)
    )
    marker = alt.Chart(pd.DataFrame({"snapshot_date": [round_date], "note": [round_label]}))
    rule = marker.mark_rule(color=MUTED, strokeDash=[4, 3]).encode(x=x)
    text = marker.mark_text(align="left", dx=4, dy=-6, color="#555555", fontSize=11).encode(
        x=x, y=alt.value(12), text="note:N"
    )
    return (rule + text + lines + points).properties(
        height=300,
        title=alt.Title(
            title,
            subtitle="Every stake disclosed since the recapitalization; no full cap table has been published since",
        ),
    )


def _relation_label(row) -> str:
    return {
        "controls": "controls: appoints the board",
        "owns_pct": f"owns {fmt.pct(row.share_pct, 0 if float(row.share_pct).is_integer() else 1)}",
        "capped_return": f"capped returns ({fmt.multiple(row.return_cap_multiple, 0)})",
        "residual_return": "gets all returns above the caps",
        "warrant": "warrant: more equity at a valuation milestone",
        "safety_oversight": "approves safety decisions",
        "regulatory_oversight": "oversight of control and mission",
    }[row.relation]


def structure_layout(entities: pd.DataFrame, links: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Boxes, lines and the table of links the structure diagram draws."""
    nodes = entities.copy()
    nodes["x"] = [LAYOUT[p][e][0] for p, e in zip(nodes["period"], nodes["entity_id"])]
    nodes["y"] = [LAYOUT[p][e][1] for p, e in zip(nodes["period"], nodes["entity_id"])]
    nodes = nodes.assign(
        x0=nodes["x"] - HALF_W,
        x1=nodes["x"] + HALF_W,
        y0=nodes["y"] - HALF_H,
        y1=nodes["y"] + HALF_H,
        label=["\n".join(textwrap.wrap(name, 24)) for name in nodes["name"]],
        fill=nodes["kind"].map(KIND_FILL),
        ink=["black" if k in DARK_TEXT else "white" for k in nodes["kind"]],
    )
    labelled = links.assign(relation_label=[_relation_label(r) for r in links.itertuples()])
    edges = []
    for (period, source_id, target_id), group in labelled.groupby(["period", "from_entity", "to_entity"], sort=False):
        (fx, fy), (tx, ty) = LAYOUT[period][source_id], LAYOUT[period][target_id]
        y, y2 = (fy - HALF_H, ty + HALF_H) if fy > ty else (fy + HALF_H, ty - HALF_H)
        relations = set(group["relation"])
        style = (
            "control"
            if "controls" in relations
            else "oversight"
            if relations <= {"regulatory_oversight", "safety_oversight"}
            else "economic"
        )
        if fx == tx:  # vertical links: label right of the middle
            side, label_x, label_y = "left", fx + 2, (y + y2) / 2
        else:  # the investors' diagonal links: label just above the investor's box, away from the line
            side = "right" if tx > fx else "left"
            label_x, label_y = fx + 4 * (1 if tx > fx else -1), y + 4
        edges.append(
            {
                "period": period,
                "x": fx,
                "y": y,
                "x2": tx,
                "y2": y2,
                "style": style,
                "label": "\n".join(group["relation_label"]),
                "sources": ", ".join(sorted(set(group["source"]))),
                "label_x": label_x,
                "label_y": label_y + (len(group) - 1) / 2 * LINE_UNITS,
                "side": side,
            }
        )
    names = dict(zip(entities["entity_id"], entities["name"]))
    shown = labelled.assign(from_name=labelled["from_entity"].map(names), to_name=labelled["to_entity"].map(names))[
        ["period", "from_name", "to_name", "relation", "relation_label", "share_pct", "return_cap_multiple", "source"]
    ]
    return nodes, pd.DataFrame(edges), shown


def _panel(nodes: pd.DataFrame, edges: pd.DataFrame, period: str, title: str) -> alt.LayerChart:
    n, e = nodes[nodes["period"] == period], edges[edges["period"] == period]
    grid, horizontal = alt.Scale(domain=[0, PANEL_TOP[period]]), alt.Scale(domain=[0, 100])
    rules = (
        alt.Chart(e)
        .mark_rule(strokeWidth=2.5, color="#444444")
        .encode(
            x=alt.X("x:Q", scale=horizontal, axis=None),
            y=alt.Y("y:Q", scale=grid, axis=None),
            x2="x2:Q",
            y2="y2:Q",
            strokeDash=alt.StrokeDash("style:N", scale=STYLE_SCALE, legend=alt.Legend(title="Link", orient="bottom")),
            tooltip=[alt.Tooltip("label:N", title="Relation"), alt.Tooltip("sources:N", title="Source keys")],
        )
    )
    boxes = (
        alt.Chart(n)
        .mark_rect(cornerRadius=5, stroke="#333333")
        .encode(
            x=alt.X("x0:Q", scale=horizontal, axis=None),
            x2="x1:Q",
            y=alt.Y("y0:Q", scale=grid, axis=None),
            y2="y1:Q",
            color=alt.Color("fill:N", scale=None),
            tooltip=[alt.Tooltip("name:N", title="Entity"), alt.Tooltip("kind:N", title="Kind")],
        )
    )
    names = (
        alt.Chart(n)
        .mark_text(fontSize=12, fontWeight="bold", lineBreak="\n")
        .encode(
            x=alt.X("x:Q", scale=horizontal, axis=None),
            y=alt.Y("y:Q", scale=grid, axis=None),
            text="label:N",
            color=alt.Color("ink:N", scale=None),
        )
    )
    texts = [
        alt.Chart(e[e["side"] == side])
        .mark_text(fontSize=10.5, lineBreak="\n", align=side, color="#222222")
        .encode(
            x=alt.X("label_x:Q", scale=horizontal, axis=None),
            y=alt.Y("label_y:Q", scale=grid, axis=None),
            text="label:N",
        )
        for side in ("left", "right")
        if (e["side"] == side).any()
    ]
    return alt.layer(rules, boxes, names, *texts).properties(
        height=PANEL_TOP[period] * PX_PER_UNIT, title=alt.Title(title, fontSize=13)
    )


def structure_chart(nodes: pd.DataFrame, edges: pd.DataFrame, title: str) -> alt.VConcatChart:
    return alt.vconcat(
        _panel(nodes, edges, "before_2025_10", "Before: capped-profit structure, 2019 to 27 October 2025"),
        _panel(nodes, edges, "after_2025_10", "After: recapitalization of 28 October 2025"),
        spacing=24,
    ).properties(
        title=alt.Title(
            title, subtitle="Who controls and who owns OpenAI's for-profit, before and after the recapitalization"
        )
    )


def steps_chart(steps: pd.DataFrame, title: list[str]) -> alt.LayerChart:
    shown = steps[["date", "date_precision", "lane", "label", "title", "description"]]
    pick = alt.selection_point(fields=["lane"], bind="legend")
    base = (
        alt.Chart(shown)
        .transform_window(step="row_number()", sort=[alt.SortField("date")])
        .transform_calculate(late="year(datum.date) >= 2022")
    )
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount=12), scale=alt.Scale(padding=8))
    y = alt.Y("step:O", axis=None)
    points = (
        base.mark_point(size=90, filled=True)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "lane:N",
                scale=alt.Scale(domain=LANE_ORDER, range=LANE_COLOURS),
                legend=alt.Legend(title="Kind of step", columns=3, labelLimit=200, titleLimit=400),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%d %b %Y"),
                alt.Tooltip("title:N", title="Event"),
                alt.Tooltip("description:N", title="What happened"),
            ],
        )
        .add_params(pick)
    )
    texts = [
        base.transform_filter(f"datum.late == {str(late).lower()}")
        .mark_text(align="right" if late else "left", dx=-9 if late else 9, fontSize=11)
        .encode(x=x, y=y, text="label:N", opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)))
        for late in (False, True)
    ]
    return alt.layer(points, *texts).properties(
        height=22 * len(shown),
        title=alt.Title(
            title, subtitle="Dated steps in OpenAI's restructuring, the money tied to it, and what followed"
        ),
    )


def valuations_chart(points: pd.DataFrame, title: list[str]) -> alt.LayerChart:
    kinds = ["Funding round (new money)", "Sale of existing shares", "Reported talks (no deal)"]
    pick = alt.selection_point(fields=["kind"], bind="legend")
    base = alt.Chart(points.drop(columns="source"))
    x = alt.X("date:T", title=None, axis=alt.Axis(format="%Y", tickCount=5))
    y = alt.Y(
        "valuation_usd_bn:Q",
        title="Valuation, US$ billions (log scale)",
        scale=alt.Scale(type="log", domain=[20, 1200]),
        axis=alt.Axis(values=[25, 50, 100, 250, 500, 1000]),
    )
    line = (
        base.transform_filter("datum.kind != 'Reported talks (no deal)'")
        .mark_line(color=MUTED, strokeWidth=1.2)
        .encode(x=x, y=y)
    )
    dots = (
        base.mark_point(size=120, filled=True)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "kind:N",
                scale=alt.Scale(domain=kinds, range=["#000000", "#E69F00", "#AAAAAA"]),
                legend=alt.Legend(title="Kind of deal", direction="vertical", labelLimit=260),
            ),
            shape=alt.Shape(
                "basis:N",
                scale=alt.Scale(
                    domain=list(BASIS_NAMES.values()), range=["circle", "triangle-down", "square", "diamond"]
                ),
                legend=alt.Legend(title="Valuation basis", direction="vertical"),
            ),
            opacity=alt.condition(pick, alt.value(1.0), alt.value(0.15)),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%b %Y"),
                alt.Tooltip("kind:N", title="Kind"),
                alt.Tooltip("basis:N", title="Basis"),
                alt.Tooltip("valuation_usd_bn:Q", title="Valuation, $B"),
                alt.Tooltip("post_money_equivalent_usd_bn:Q", title="Post-money equivalent, $B"),
                alt.Tooltip("amount_raised_usd_bn:Q", title="Raised or sold, $B"),
                alt.Tooltip("lead_investors:N", title="Investors"),
            ],
        )
        .add_params(pick)
    )
    labels = [
        base.transform_filter(f"datum.kind == 'Funding round (new money)' && datum.basis {op} 'Pre-money'")
        .transform_calculate(
            text="'$' + format(datum.valuation_usd_bn, ',.0f') + 'B' + (datum.basis == 'Pre-money' ? ' pre' : '')"
        )
        .mark_text(dy=dy, fontSize=11, fontWeight="bold")
        .encode(x=x, y=y, text="text:N")
        for op, dy in (("!=", -14), ("==", 16))
    ]
    return alt.layer(line, dots, *labels).properties(
        height=340,
        title=alt.Title(title, subtitle="Funding rounds, sales of existing shares and reported talks, 2023–2026"),
    )
