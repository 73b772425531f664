"""Charts of the OpenAI economics chapter: coverage and funding need by year, payments to
Microsoft under the revenue-share cap, and which assumption moves the funding need most.

The interactive charts carry a precomputed grid (every growth, phasing, rate and discount a reader
can pick, computed by tested functions in analysis.economics); Vega-Lite parameters only filter
it, so the web edition redraws offline. Their default state draws the three named scenarios only,
which is what the PDF's static image shows.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..charts import MUTED

SCENARIO_NAMES = {"bear": "Bear", "base": "Base", "bull": "Bull", "custom": "Your path"}
SCENARIO_COLOURS = {"Bear": "#D55E00", "Base": "#0072B2", "Bull": "#009E73", "Your path": "#000000"}
VIEWS = ["The three named scenarios", "Add your own path"]
PHASING_LABELS = {0.0: "High (even, earliest terms)", 0.5: "Midway", 1.0: "Low (back-loaded, latest terms)"}


def _colour() -> alt.Color:
    names = list(SCENARIO_COLOURS)
    return alt.Color(
        "path:N",
        title="Path",
        scale=alt.Scale(domain=names, range=[SCENARIO_COLOURS[n] for n in names]),
        legend=alt.Legend(orient="bottom"),
    )


def _view_param() -> alt.Parameter:
    return alt.param(name="view", value=VIEWS[0], bind=alt.binding_radio(options=VIEWS, name="Show "))


def _growth_param(default: float, growths) -> alt.Parameter:
    return alt.param(
        name="growth",
        value=default,
        bind=alt.binding_range(
            min=min(growths),
            max=max(growths),
            step=growths[1] - growths[0],
            name="Revenue growth a year, 2025-2030 (%) ",
        ),
    )


def named_frame(runs: dict[str, dict], column: str) -> pd.DataFrame:
    """One row per named scenario and year: ``column`` of its cash flows or funding need."""
    rows = []
    for name, run in runs.items():
        series = run["need_by_year"] if column == "need" else run["flows"][column]
        rows += [{"path": SCENARIO_NAMES[name], "year": int(y), column: float(v)} for y, v in series.items()]
    return pd.DataFrame(rows)


def explorer_chart(
    coverage: pd.DataFrame, need: pd.DataFrame, grid: pd.DataFrame, default_growth: float, title: str
) -> alt.VConcatChart:
    """Coverage (obligations over revenue) and the money still to raise, by year."""
    growths = sorted(grid["growth_pct"].unique())
    view, growth = _view_param(), _growth_param(default_growth, growths)
    phasing = alt.param(
        name="phasing",
        value=0.5,
        bind=alt.binding_select(
            options=list(PHASING_LABELS), labels=list(PHASING_LABELS.values()), name="Phasing of the contracts "
        ),
    )
    custom = (
        alt.Chart(grid)
        .transform_filter("view == 'Add your own path' && datum.growth_pct == growth && datum.phasing == phasing")
        .transform_calculate(path="'Your path'")
    )
    x = alt.X("year:O", title=None)

    def panel(frame: pd.DataFrame, column: str, axis_title: str, fmt_: str, rule: float | None):
        lines = (
            alt.Chart(frame)
            .mark_line(point=True)
            .encode(
                x=x,
                y=alt.Y(f"{column}:Q", title=axis_title),
                color=_colour(),
                tooltip=[alt.Tooltip("path:N"), alt.Tooltip("year:O"), alt.Tooltip(f"{column}:Q", format=fmt_)],
            )
        )
        mine = custom.mark_line(point=True, strokeDash=[5, 3]).encode(
            x=x,
            y=f"{column}:Q",
            color=_colour(),
            tooltip=[alt.Tooltip("year:O"), alt.Tooltip(f"{column}:Q", format=fmt_)],
        )
        layers = [lines, mine]
        if rule is not None:
            layers.append(
                alt.Chart(pd.DataFrame({"y": [rule]})).mark_rule(color=MUTED, strokeDash=[2, 2]).encode(y="y:Q")
            )
        return alt.layer(*layers).properties(height=190)

    top = panel(coverage, "coverage", "Obligations ÷ revenue", ".2f", 1.0).add_params(view, growth, phasing)
    bottom = panel(need, "need", "Still to raise, US$ bn", ",.0f", None)
    return alt.vconcat(top, bottom, spacing=14).properties(
        title=alt.Title(
            title,
            subtitle=[
                "Top: contracted cloud obligations as a multiple of revenue (above the dotted line, they exceed it).",
                "Bottom: cumulative shortfall not covered by cash and committed funding. Named scenarios as in the table.",
            ],
        )
    )


def share_chart(
    named: pd.DataFrame,
    grid: pd.DataFrame,
    cap: float,
    rate_pct: float,
    default_growth: float,
    rates,
    discounts,
    title: str,
) -> alt.LayerChart:
    """Cumulative revenue-share payments to Microsoft by year, against the reported cap."""
    growths = sorted(grid["growth_pct"].unique())
    view, growth = _view_param(), _growth_param(default_growth, growths)
    rate = alt.param(
        name="rate",
        value=rate_pct,
        bind=alt.binding_select(options=list(rates), labels=[f"{r:g}%" for r in rates], name="Revenue share "),
    )
    discount = alt.param(
        name="discount",
        value=sorted(discounts)[len(discounts) // 2],
        bind=alt.binding_select(options=list(discounts), labels=[f"{d:g}%" for d in discounts], name="Discount rate "),
    )
    x = alt.X("year:O", title=None)
    lines = (
        alt.Chart(named)
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y("cumulative:Q", title="Paid to Microsoft since 2026, US$ bn"),
            color=_colour(),
            tooltip=[alt.Tooltip("path:N"), alt.Tooltip("year:O"), alt.Tooltip("cumulative:Q", format=",.1f")],
        )
    )
    mine = (
        alt.Chart(grid)
        .transform_filter(
            "view == 'Add your own path' && datum.growth_pct == growth && datum.rate_pct == rate && datum.discount_pct == discount"
        )
        .transform_calculate(path="'Your path'")
    )
    custom = mine.mark_line(point=True, strokeDash=[5, 3]).encode(x=x, y="cumulative:Q", color=_colour())
    pv = (
        mine.transform_filter("datum.year == 2030")
        .transform_calculate(label="'Present value: $' + format(datum.pv, ',.1f') + 'B'")
        .mark_text(align="right", dx=-6, dy=14, fontSize=11)
        .encode(x=x, y="cumulative:Q", text="label:N")
    )
    cap_frame = pd.DataFrame({"y": [cap], "label": [f"Reported cap ${cap:g}B"]})
    rule = alt.Chart(cap_frame).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(y="y:Q")
    note = (
        alt.Chart(cap_frame)
        .mark_text(align="left", dy=-6, color="#555555", fontSize=10)
        .encode(y="y:Q", x=alt.value(4), text="label:N")
    )
    return (
        alt.layer(lines, custom, pv, rule, note)
        .add_params(view, growth, rate, discount)
        .properties(
            height=280,
            title=alt.Title(
                title,
                subtitle=[
                    f"Cumulative payments at the reported {rate_pct:g}% of revenue under the reported ${cap:g}B cap; named scenarios."
                ],
            ),
        )
    )


def sensitivity_chart(table: pd.DataFrame, base_need: float, title: str) -> alt.LayerChart:
    """A tornado: each assumption moved alone to its bull and bear values."""
    order = table["label"].tolist()
    bars = (
        alt.Chart(table)
        .mark_bar(height=18, color="#0072B2")
        .encode(
            y=alt.Y("label:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("need_at_low:Q", title="Money to raise by 2030 beyond cash and committed funding, US$ bn"),
            x2="need_at_high:Q",
            tooltip=[
                alt.Tooltip("label:N", title="Assumption"),
                alt.Tooltip("range:N", title="Bull to bear value"),
                alt.Tooltip("need_at_low:Q", title="At bull value", format=",.0f"),
                alt.Tooltip("need_at_high:Q", title="At bear value", format=",.0f"),
            ],
        )
    )
    ranges = (
        alt.Chart(table)
        .mark_text(align="left", dx=4, fontSize=10, color="#555555")
        .encode(y=alt.Y("label:N", sort=order), x="need_at_high:Q", text="range:N")
    )
    base = alt.Chart(pd.DataFrame({"x": [base_need]})).mark_rule(color="#000000").encode(x="x:Q")
    return (bars + ranges + base).properties(
        height=alt.Step(34),
        title=alt.Title(
            title,
            subtitle=[
                "Base scenario with one assumption at a time moved to its bull and its bear value (labels).",
                "Black line: the base case. Below zero, cash and committed funding exceed the shortfall.",
            ],
        ),
    )


def named_payments(runs: dict[str, dict]) -> pd.DataFrame:
    """Cumulative payments to Microsoft by named scenario and year."""
    rows = []
    for name, run in runs.items():
        rows += [
            {"path": SCENARIO_NAMES[name], "year": int(y), "cumulative": float(v)}
            for y, v in run["payments"]["cumulative"].items()
        ]
    return pd.DataFrame(rows)
