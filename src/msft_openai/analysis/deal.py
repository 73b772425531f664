"""Part 1, the deal structure: each term across versions, how long each right lasts, the money
in proportion and OpenAI's cloud contracts by supplier."""

from __future__ import annotations

import re

import pandas as pd

from .. import fmt
from ..publish import Fact
from ..vocabulary import company, label

# Microsoft's rights, then the money, then OpenAI's freedoms: the order of the matrix rows.
TERM_LABELS = {
    "equity_stake": "Equity stake",
    "model_ip_rights": "Model and product IP",
    "research_ip_rights": "Research IP",
    "agi_clause": "AGI clause",
    "agi_expert_panel": "AGI expert panel",
    "azure_api_exclusivity": "Azure API exclusivity",
    "compute_rofr": "First refusal on compute",
    "azure_purchase_commitment": "Azure purchase commitment",
    "revenue_share": "Revenue share and cap",
    "microsoft_agi_freedom": "Microsoft may pursue AGI",
    "openai_open_weights": "OpenAI: open weights",
    "openai_national_security": "OpenAI: national security",
    "openai_third_party_products": "OpenAI: third-party products",
    "openai_other_clouds": "OpenAI: other clouds",
}
MIXED = "Mixed or unclear"

# Microsoft's main rights, and which rows of deal_terms describe each. The compute lane joins
# Azure's exclusivity over OpenAI's cloud (2019, 2023) with the right of first refusal that
# replaced it (January 2025). Rows that only restate an earlier term (the February 2026 joint
# statement) or report a detail of it (the May 2026 cap) are left out of the spans.
LANES = {
    "Model and product IP licence": [("model_ip_rights", v) for v in ("v2023", "v2025_jan", "v2025_oct", "v2026_apr")],
    "Research IP": [("research_ip_rights", "v2025_oct")],
    "Azure API exclusivity": [("azure_api_exclusivity", v) for v in ("v2023", "v2025_jan", "v2025_oct", "v2026_apr")],
    "Exclusive cloud, then first refusal": [
        ("openai_other_clouds", "v2019"),
        ("openai_other_clouds", "v2023"),
        ("compute_rofr", "v2025_jan"),
    ],
    "Revenue share paid to Microsoft": [("revenue_share", v) for v in ("v2023", "v2025_jan", "v2025_oct", "v2026_apr")],
}
# Rows recording the end of a lane's right (they end the span before them but start none).
LANE_ENDINGS = {"Exclusive cloud, then first refusal": [("compute_rofr", "v2025_oct")]}

CLOUD_SUPPLIERS = ("microsoft", "oracle", "amazon", "coreweave", "cerebras")


def with_version_dates(terms: pd.DataFrame, versions: pd.DataFrame) -> pd.DataFrame:
    return terms.assign(version_date=terms["version_id"].map(versions.set_index("version_id")["date"]))


def term_matrix(terms: pd.DataFrame, versions: pd.DataFrame, publisher) -> pd.DataFrame:
    """One row per (version, term) for the matrix: which side the term favours, as worded."""
    dated = with_version_dates(terms, versions)
    names = versions.set_index("version_id")["name"]
    favours = [label("favours", code) if pd.notna(code) else MIXED for code in dated["favours"]]
    shown = dated.assign(
        version=dated["version_id"].map(names),
        version_label=dated["version_date"].dt.strftime("%b %Y"),
        term=dated["term_id"].map(TERM_LABELS),
        favours_label=favours,
        status_label=[label("status", code) for code in dated["status"]],
        source_name=dated["source"].map(publisher),
        letter=[label("status_letter", code) for code in dated["status"]],
        end_condition=dated["end_condition"].fillna("none stated"),
    )
    return shown.sort_values(["version_date", "term_id"], kind="stable")[
        [
            "version_date",
            "version_label",
            "version",
            "term",
            "state",
            "favours_label",
            "end_condition",
            "status_label",
            "source_name",
            "letter",
            "source",
        ]
    ]


def one_sided_terms(terms: pd.DataFrame, version_id: str) -> Fact:
    """How many of a version's terms clearly favour each side (a direction, not a weight)."""
    rows = terms[terms["version_id"] == version_id]
    counts = rows["favours"].value_counts()
    return Fact(
        {"microsoft": int(counts.get("microsoft", 0)), "openai": int(counts.get("openai", 0))},
        rows=rows[rows["favours"].isin(["microsoft", "openai"])],
        unit="terms",
    )


def _term_row(dated: pd.DataFrame, version_id: str, term_id: str) -> pd.Series:
    rows = dated[(dated["version_id"] == version_id) & (dated["term_id"] == term_id)]
    if len(rows) != 1:
        raise LookupError(f"deal_terms has no single row for {version_id}/{term_id}")
    return rows.iloc[0]


def horizon(terms: pd.DataFrame) -> pd.Timestamp:
    """The right-hand edge of the rights chart: two years past the latest fixed end year."""
    years = terms["end_condition"].dropna().str.extract(r"(20\d\d)")[0].dropna().astype(int)
    return pd.Timestamp(year=int(years.max()) + 2, month=12, day=31)


def rights_spans(terms: pd.DataFrame, versions: pd.DataFrame, as_of, publisher) -> pd.DataFrame:
    """The span each version promised for each of Microsoft's main rights, and whether a later
    version replaced it before the as-of date. Ends given as a year run to 31 December; rights
    ending on AGI or with no end are drawn to the chart's horizon."""
    dated = with_version_dates(terms, versions)
    dates = versions.set_index("version_id")["date"]
    edge, as_of = horizon(terms), pd.Timestamp(as_of)
    spans = []
    for lane, keys in LANES.items():
        changes = sorted(dates[v] for _, v in keys + LANE_ENDINGS.get(lane, []))
        for term_id, version_id in keys:
            row = _term_row(dated, version_id, term_id)
            condition = row["end_condition"] if pd.notna(row["end_condition"]) else ""
            replaced = next((day for day in changes if day > row["version_date"]), None)
            end, drawn = _span_end(condition, replaced, edge)
            in_force = replaced is None or replaced > as_of
            spans.append(
                {
                    "right": lane,
                    "version": f"{row['version_date']:%b %Y}",
                    "version_date": row["version_date"],
                    "start": row["rights_start"] if pd.notna(row["rights_start"]) else row["version_date"],
                    "end": end,
                    "label": drawn,
                    "state": row["state"],
                    "end_condition": condition or "none stated",
                    "standing": "In force at the as-of date" if in_force else f"Replaced {replaced:%b %Y}",
                    "in_force": in_force,
                    "basis": label("status", row["status"]),
                    "source_name": publisher(row["source"]),
                    "source": row["source"],
                }
            )
    return pd.DataFrame(spans)


def _span_end(condition: str, replaced, edge: pd.Timestamp) -> tuple[pd.Timestamp, str]:
    year = re.search(r"20\d\d", condition)
    on_agi = "AGI" in condition
    if year:
        drawn = f"to {year.group()}" + (" (or AGI)" if on_agi else "")
        return pd.Timestamp(year=int(year.group()), month=12, day=31), drawn
    if on_agi:
        return edge, "until AGI →"
    if replaced is not None:
        return replaced, f"replaced {replaced:%b %Y}"
    return edge, "no end date →"


def money_items(
    committed: Fact, funded: Fact, recap_share: Fact, latest_share: Fact, default_valuation: float
) -> pd.DataFrame:
    """Capital committed and funded beside the stake at two disclosed shares, the stakes valued
    at ``default_valuation`` (what the static image shows; the web chart's slider changes it)."""
    items = pd.DataFrame(
        [
            {
                "item": f"Committed ({committed.rows['filing']})",
                "kind": "capital",
                "share_pct": None,
                "value_usd_bn": committed.value,
                "source": committed.rows["source"],
            },
            {
                "item": f"Funded by {fmt.long_date(funded.extra['date'])}",
                "kind": "capital",
                "share_pct": None,
                "value_usd_bn": funded.value,
                "source": funded.rows["source"],
            },
            {
                "item": f"Stake at {fmt.pct(recap_share.value)} (pre-dilution)",
                "kind": "stake",
                "share_pct": recap_share.value,
                "value_usd_bn": None,
                "source": recap_share.rows["source"],
            },
            {
                "item": f"Stake at {fmt.pct(latest_share.value)} ({fmt.month(latest_share.rows['snapshot_date'])})",
                "kind": "stake",
                "share_pct": latest_share.value,
                "value_usd_bn": None,
                "source": latest_share.rows["source"],
            },
        ]
    )
    items["value_at_default_usd_bn"] = items["value_usd_bn"].fillna(items["share_pct"] / 100 * default_valuation)
    return items.assign(default_valuation_usd_bn=default_valuation)


def cloud_contracts_by_supplier(compute: pd.DataFrame) -> pd.DataFrame:
    """OpenAI's cloud-purchase commitments with a stated value, by supplier. Incremental
    contracts are summed per supplier; a value stated as the relationship's total (which includes
    the contracts it expands, and is restated by several rows) is never added to them: we take
    the larger of the two. The basis says whose figure it is."""
    cloud = compute[
        (compute["deal_type"] == "cloud_services")
        & compute["value_usd_bn"].notna()
        & compute["counterparty"].isin(CLOUD_SUPPLIERS)
    ]
    suppliers = []
    for code, rows in cloud.groupby("counterparty"):
        incremental = rows[rows["value_basis"] == "incremental"]
        totals = rows[rows["value_basis"] == "relationship_total"].sort_values(
            ["value_usd_bn", "status"], ascending=[False, True], kind="stable"
        )  # company figure first on a tie
        summed = float(incremental["value_usd_bn"].sum())
        use_total = not totals.empty and float(totals["value_usd_bn"].iloc[0]) > summed
        basis_row = totals.iloc[0] if use_total else None
        status = (
            basis_row["status"]
            if use_total
            else ("company_disclosure" if (incremental["status"] == "company_disclosure").all() else "press_report")
        )
        suppliers.append(
            {
                "supplier": company(code),
                "code": code,
                "value_usd_bn": float(basis_row["value_usd_bn"]) if use_total else summed,
                "basis": "Stated by a company" if status == "company_disclosure" else "Press-reported value",
                "deals": "; ".join(f"{fmt.month(r.date)}: {fmt.usd_bn(r.value_usd_bn)}" for r in rows.itertuples()),
                "deal_ids": " ".join(rows["deal_id"]),
            }
        )
    return pd.DataFrame(suppliers).sort_values("value_usd_bn", ascending=False, kind="stable").reset_index(drop=True)


def analyst_views_table(views: pd.DataFrame) -> pd.DataFrame:
    """Analysts' verdicts in date order, as the page's table shows them."""
    ordered = views.sort_values("date", kind="stable")
    when = [
        fmt.month(day) if precision != "day" else fmt.long_date(day)
        for day, precision in zip(ordered["date"], ordered["date_precision"])
    ]
    who = [
        f"{person}, {org}" if pd.notna(person) else org
        for person, org in zip(ordered["person"], ordered["organisation"])
    ]
    return pd.DataFrame(
        {
            "When": when,
            "Who": who,
            "Stance": [label("stance", s) for s in ordered["stance"]],
            "View": ordered["summary"].tolist(),
            "Source": ordered["source"].tolist(),
        }
    )


# Rows of other tables Part 1 quotes. The revenue-share rate is The Information's 2025 report
# (recorded on the 2023 terms it describes); the cap is its May 2026 report; OpenAI's revenue to
# Microsoft is the fiscal 2026 10-K's related-party figure, recorded on the timeline.
REVENUE_SHARE_RATE = ("v2023", "revenue_share")
REVENUE_SHARE_CAP = ("v2026_may_cap", "revenue_share")
OPENAI_REVENUE_TO_MICROSOFT_FY2026 = "msft_10k_2026"


def term_value(terms: pd.DataFrame, version_id: str, term_id: str, column: str) -> Fact:
    rows = terms[(terms["version_id"] == version_id) & (terms["term_id"] == term_id)]
    if len(rows) != 1:
        raise LookupError(f"deal_terms has no single row for {version_id}/{term_id}")
    unit = "pct" if column.endswith("pct") else "usd_bn"
    return Fact(float(rows[column].iloc[0]), rows=rows, unit=unit)


def revenue_share_rate(terms: pd.DataFrame) -> Fact:
    return term_value(terms, *REVENUE_SHARE_RATE, "value_pct")


def revenue_share_cap(terms: pd.DataFrame) -> Fact:
    return term_value(terms, *REVENUE_SHARE_CAP, "value_usd_bn")


def openai_revenue_to_microsoft(timeline: pd.DataFrame) -> Fact:
    rows = timeline[timeline["event_id"] == OPENAI_REVENUE_TO_MICROSOFT_FY2026]
    if len(rows) != 1:
        raise LookupError(f"partnership_timeline has no {OPENAI_REVENUE_TO_MICROSOFT_FY2026!r} row")
    return Fact(float(rows["amount_usd_bn"].iloc[0]), rows=rows, unit="usd_bn")


def ratio(numerator: Fact, denominator: Fact) -> Fact:
    """numerator / denominator, resting on both facts' rows."""
    return Fact(numerator.value / denominator.value, rows=[numerator.rows, denominator.rows], unit="x")


def in_force(spans: pd.DataFrame) -> Fact:
    return Fact(int(spans["in_force"].sum()), unit="spans", extra={"of": len(spans)})


def licence_end_year(spans: pd.DataFrame) -> int:
    """The year the model and product licence in force runs to."""
    current = spans[(spans["right"] == "Model and product IP licence") & spans["in_force"]]
    return int(current["end"].iloc[0].year)


def oracle_words(compute: pd.DataFrame, suppliers: pd.DataFrame) -> str:
    """How the report can describe Oracle's contract: whose figure it is decides the words."""
    oracle = suppliers[suppliers["code"] == "oracle"].iloc[0]
    value = fmt.usd_bn(oracle["value_usd_bn"])
    if oracle["basis"] == "Stated by a company":
        return f"OpenAI itself put it at more than {value} over five years"
    return f"reported by The Wall Street Journal at {value} but not confirmed by either company"


def fiscal_year_label(disclosed_on) -> str:
    """Microsoft discloses a fiscal year's figure in the July after it ends (its year ends 30 June)."""
    day = pd.Timestamp(disclosed_on)
    return f"fiscal {day.year if day.month >= 7 else day.year - 1}"
