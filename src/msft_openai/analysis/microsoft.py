"""Part 3, Microsoft's AI strategy, from its quarterly disclosures: capex, Azure, the Microsoft
Cloud, AI milestones, and OpenAI in Microsoft's results."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from .. import fmt
from ..publish import Fact

CAPEX_MEASURES = {
    "capex_incl_finance_leases": "Including finance leases",
    "capex_cash": "Cash paid for property and equipment",
}
AZURE_SERIES = {
    "azure_growth_reported_pct": "Azure growth, reported",
    "azure_growth_cc_pct": "Azure growth, constant currency",
    "azure_ai_contribution_pts": "Points of growth from AI services",
}
SEGMENTS = {"microsoft_cloud_revenue": "Microsoft Cloud", "more_personal_computing_revenue": "More Personal Computing"}
OPENAI_MEASURES = {
    "openai_equity_method_loss": ("Pre-tax, in other income (loss shown negative)", -1),
    "openai_net_income_impact": ("After tax, effect on net income", 1),
}
ADOPTION_LABELS = {
    "ai_run_rate_usd_bn": "AI business, annual revenue run-rate",
    "copilot_apps_mau_m": "Copilot apps, monthly active users",
    "ai_features_mau_m": "AI features across products, monthly active users",
    "m365_copilot_paid_seats_m": "Microsoft 365 Copilot, paid seats",
    "github_copilot_paid_subscribers_m": "GitHub Copilot, paid subscribers",
    "github_copilot_users_m": "GitHub Copilot, all users",
    "tokens_processed_trillion": "Tokens processed",
}
QUALIFIERS = {
    "ai_run_rate_10bn_forecast_2024_10": " (forecast for the next quarter)",
    "tokens_100t_quarter_2025_04": " in the quarter",
    "tokens_50t_month_2025_04": " in one month",
    "tokens_foundry_500t_fy25": " by Foundry APIs in fiscal 2025",
}


@dataclass
class Panel:
    """Microsoft's quarterly metrics side by side, in fiscal order (FY ends 30 June)."""

    rows: pd.DataFrame
    wide: pd.DataFrame
    sources: pd.DataFrame
    quarters: list[str]
    months: dict[str, str]

    def series(self, metric: str) -> pd.Series:
        return self.wide[metric].dropna() if metric in self.wide else pd.Series(dtype=float)

    def fact(self, metric: str, quarter: str | None = None) -> Fact:
        """One quarter's value (the latest by default) with its row."""
        series = self.series(metric)
        quarter = quarter or series.index[-1]
        row = self.rows[(self.rows["metric"] == metric) & (self.rows["quarter"] == quarter)]
        return Fact(float(series[quarter]), rows=row, unit=str(row["unit"].iloc[0]), extra={"quarter": quarter})

    def metric_rows(self, metric: str) -> pd.DataFrame:
        return self.rows[self.rows["metric"] == metric]

    def year_before(self, quarter: str) -> str:
        return self.quarters[self.quarters.index(quarter) - 4]


def panel(quarterly: pd.DataFrame) -> Panel:
    rows = quarterly.assign(
        order=quarterly["fiscal_year"] * 4 + quarterly["fiscal_quarter"],
        quarter=[fmt.fiscal_quarter(y, q) for y, q in zip(quarterly["fiscal_year"], quarterly["fiscal_quarter"])],
        months=[
            fmt.calendar_span_of_fiscal_quarter(y, q)
            for y, q in zip(quarterly["fiscal_year"], quarterly["fiscal_quarter"])
        ],
    )
    calendar = rows[["order", "quarter", "months"]].drop_duplicates().sort_values("order")
    quarters = calendar["quarter"].tolist()
    wide = rows.pivot_table(index="quarter", columns="metric", values="value").reindex(quarters)
    sources = rows.pivot(index="quarter", columns="metric", values="source").reindex(quarters)
    return Panel(rows, wide, sources, quarters, dict(zip(calendar["quarter"], calendar["months"])))


def growth_pct(new: float, old: float) -> float:
    return 100 * (new / old - 1)


def fiscal_year_totals(quarterly: pd.DataFrame, metric: str) -> pd.DataFrame:
    """Per fiscal year: the sum of the quarters recorded and how many there are."""
    rows = quarterly[quarterly["metric"] == metric]
    return rows.groupby("fiscal_year")["value"].agg(total="sum", quarters="count")


def year_to_date(quarterly: pd.DataFrame, metric: str, fiscal_year: int) -> dict:
    """The year-to-date total of a fiscal year and the same quarters a year earlier."""
    rows = quarterly[quarterly["metric"] == metric]
    current = rows[rows["fiscal_year"] == fiscal_year]
    quarters = int(current["fiscal_quarter"].max())
    prior = rows[(rows["fiscal_year"] == fiscal_year - 1) & (rows["fiscal_quarter"] <= quarters)]
    return {"quarters": quarters, "total": float(current["value"].sum()), "prior": float(prior["value"].sum())}


def intensity(data: Panel, metric: str) -> pd.Series:
    """A metric as a percentage of revenue in the same quarter."""
    return (data.series(metric) / data.series("revenue")).dropna() * 100


def milestone(milestones: pd.DataFrame, milestone_id: str) -> Fact:
    rows = milestones[milestones["milestone_id"] == milestone_id]
    if len(rows) != 1:
        raise LookupError(f"microsoft_ai_milestones has no {milestone_id!r} row")
    return Fact(
        float(rows["value"].iloc[0]), rows=rows, unit=str(rows["unit"].iloc[0]), extra={"date": rows["date"].iloc[0]}
    )


def nine_month_openai_gain(quarterly: pd.DataFrame, row_id: str = "fy26q3_openai_equity_method_loss") -> Fact:
    """The nine-month net gain on OpenAI that Microsoft's FY2026 Q3 10-Q states in words."""
    rows = quarterly[quarterly["row_id"] == row_id]
    match = re.search(r"\$([\d.]+) billion of net gains", str(rows["quote"].iloc[0]))
    if not match:
        raise LookupError(f"the quote of {row_id} no longer states the nine-month net gain")
    return Fact(float(match.group(1)), rows=rows, unit="usd_bn")


def incremental_revenue_per_capex(
    data: Panel, revenue: str = "microsoft_cloud_revenue", capex: str = "capex_cash", lag: int = 4
) -> pd.DataFrame:
    """For each quarter: the growth of the last four quarters' revenue over the four before, per
    dollar of capex spent in the four quarters before those (the spending had a year to come into
    service). Only quarters with every input present are returned."""
    revenue_series = data.wide[revenue].reindex(data.quarters)
    capex_series = data.wide[capex].reindex(data.quarters)
    trailing_revenue = revenue_series.rolling(4).sum()
    added = trailing_revenue - trailing_revenue.shift(4)
    earlier_capex = capex_series.rolling(4).sum().shift(lag)
    frame = pd.DataFrame(
        {
            "fiscal_quarter": data.quarters,
            "added_revenue_usd_bn": added.to_numpy(),
            "earlier_capex_usd_bn": earlier_capex.to_numpy(),
        }
    )
    frame["revenue_per_capex_dollar"] = frame["added_revenue_usd_bn"] / frame["earlier_capex_usd_bn"]
    frame["calendar_months"] = frame["fiscal_quarter"].map(data.months)
    return frame.dropna().reset_index(drop=True)


def long_frame(data: Panel, labels: dict, quarters: list[str] | None = None, skip_missing=()) -> pd.DataFrame:
    """Metrics in long form for a chart: one row per quarter and series, with its source key."""
    rows = []
    for quarter in quarters or data.quarters:
        for metric, label in labels.items():
            value = data.wide.loc[quarter, metric] if metric in data.wide else float("nan")
            if metric in skip_missing and pd.isna(value):
                continue
            rows.append(
                {
                    "fiscal_quarter": quarter,
                    "calendar_months": data.months[quarter],
                    "series": label,
                    "value": value,
                    "source": data.sources.loc[quarter, metric] if pd.notna(value) else None,
                }
            )
    return pd.DataFrame(rows)


def capex_frame(data: Panel) -> pd.DataFrame:
    frame = long_frame(data, CAPEX_MEASURES).rename(columns={"series": "measure", "value": "capex_usd_bn"})
    revenue = frame["fiscal_quarter"].map(data.wide["revenue"])
    return frame.assign(revenue_usd_bn=revenue, capex_pct_of_revenue=(100 * frame["capex_usd_bn"] / revenue).round(1))


def segment_frame(data: Panel) -> pd.DataFrame:
    frame = long_frame(data, SEGMENTS).rename(columns={"series": "business", "value": "revenue_usd_bn"})
    revenue = frame["fiscal_quarter"].map(data.wide["revenue"])
    return frame.assign(share_of_revenue_pct=(100 * frame["revenue_usd_bn"] / revenue).round(1))


def openai_frame(data: Panel, first_quarter: str) -> pd.DataFrame:
    window = data.quarters[data.quarters.index(first_quarter) :]
    frame = long_frame(data, {key: label for key, (label, _) in OPENAI_MEASURES.items()}, window)
    sign = frame["series"].map({label: s for label, s in OPENAI_MEASURES.values()})
    return frame.rename(columns={"series": "measure"}).assign(effect_usd_bn=frame["value"] * sign).drop(columns="value")


def adoption_table(milestones: pd.DataFrame) -> pd.DataFrame:
    """The AI milestones Microsoft chose to disclose, in date order, as the page's table."""
    adoption = milestones[milestones["metric"].isin(ADOPTION_LABELS)].sort_values(["date", "metric"], kind="stable")
    values = []
    for row in adoption.itertuples():
        text = (
            fmt.usd_bn(row.value)
            if row.unit == "usd_bn"
            else f"{row.value:g} million"
            if row.unit == "million"
            else f"{row.value:g} trillion"
        )
        values.append(text + QUALIFIERS.get(row.milestone_id, ""))
    return pd.DataFrame(
        {
            "Disclosed": adoption["date"].map(fmt.long_date).tolist(),
            "Measure": adoption["metric"].map(ADOPTION_LABELS).tolist(),
            "Value": values,
            "Status": adoption["status"].str.replace("_", " ").tolist(),
            "Source": adoption["source"].tolist(),
        }
    )
