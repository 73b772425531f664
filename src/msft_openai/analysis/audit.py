"""The claims audit: verdicts by section, the article's figures against the sources, and the
arithmetic behind the verdicts. Claims are named by their ids in data/article_claims.csv (c01
is the article's first checkable statement), which is how the chapter refers to them."""

from __future__ import annotations

import math
import re

import pandas as pd

from .. import fmt
from ..publish import Fact
from ..tables import escape

# The review added claims c41 onward; each is placed where it sits in the article.
PLACED_AFTER = {"c43": "c19", "c41": "c43", "c42": "c21"}
SECTIONS = ["intro", "01", "02", "03", "04"]
SECTION_SHORT = {
    "intro": "Lead paragraph",
    "01": "01 The money and the market",
    "02": "02 Technology rights and compute",
    "03": "03 OpenAI's new structure",
    "04": "04 Microsoft's AI and the compute race",
}
VERDICTS = ["confirmed", "imprecise", "outdated", "contradicted", "unverifiable"]
UNITS = {
    "usd_bn": "US$ bn",
    "usd_trillion": "US$ tn",
    "pct": "%",
    "pts": "points",
    "trillion_tokens": "trillion tokens",
    "million_users": "million users",
    "none": "×",
}
SHORT_LABELS = {
    "c01": "Microsoft's outlay",
    "c04": "Value of Microsoft's stake",
    "c07": "Microsoft's total funding",
    "c09": "Share-price move on 28 Oct",
    "c10": "Microsoft's market value",
    "c11": "OpenAI's Azure contract",
    "c12": "Azure contract ÷ investment",
    "c20": "Foundation's stake",
    "c21": "Employees' and investors' stake",
    "c22": "Value of Foundation's stake",
    "c24": "FY2025 AI data-centre plan",
    "c26": "AI points of Azure growth",
    "c27": "Tokens processed",
    "c29": "Copilot users",
    "c31": "Growth of AI business",
}
BIB_KEY = re.compile(r"\b[a-z][a-z0-9]*20\d\d[a-z0-9]+\b")


def in_article_order(claims: pd.DataFrame) -> pd.DataFrame:
    order = [claim for claim in sorted(claims["claim_id"]) if claim not in PLACED_AFTER]
    for claim_id, anchor in PLACED_AFTER.items():
        if claim_id in set(claims["claim_id"]) and anchor in order:
            order.insert(order.index(anchor) + 1, claim_id)
    positions = {claim: index for index, claim in enumerate(order)}
    return claims.assign(position=claims["claim_id"].map(positions)).sort_values("position", kind="stable")


def claim_value(claims: pd.DataFrame, claim_id: str, column: str = "found_value") -> Fact:
    """The article's figure (``claimed_value``) or the sourced one (``found_value``) of a claim."""
    rows = claims[claims["claim_id"] == claim_id]
    if len(rows) != 1 or pd.isna(rows[column].iloc[0]):
        raise LookupError(f"article_claims has no {column} for {claim_id}")
    unit_column = "claimed_unit" if column == "claimed_value" else "found_unit"
    return Fact(float(rows[column].iloc[0]), rows=rows, unit=str(rows[unit_column].iloc[0]))


def verdict_counts(claims: pd.DataFrame) -> pd.Series:
    return claims["verdict"].value_counts().reindex(VERDICTS, fill_value=0)


def section_verdicts(claims: pd.DataFrame) -> pd.DataFrame:
    """Claims per article section and verdict, with their ids (the chart's data)."""
    grouped = (
        claims.groupby(["section", "verdict"])
        .agg(claims=("claim_id", "size"), claim_ids=("claim_id", ", ".join))
        .reset_index()
    )
    return grouped.assign(article_section=grouped["section"].map(SECTION_SHORT)).drop(columns="section")[
        ["article_section", "verdict", "claims", "claim_ids"]
    ]


def problem_sections(claims: pd.DataFrame) -> pd.DataFrame:
    """Per section: claims not confirmed, and their share of the section's claims, worst first."""
    total = claims.groupby("section").size().reindex(SECTIONS, fill_value=0)
    problems = claims[claims["verdict"] != "confirmed"].groupby("section").size().reindex(SECTIONS, fill_value=0)
    table = pd.DataFrame(
        {
            "section": SECTIONS,
            "label": [SECTION_SHORT[s] for s in SECTIONS],
            "problems": problems.to_numpy(),
            "claims": total.to_numpy(),
        }
    )
    table["share_pct"] = 100 * table["problems"] / table["claims"]
    return table.sort_values("problems", ascending=False, kind="stable").reset_index(drop=True)


def shown(number: float, unit: str) -> str:
    """A claim's figure in the book's formats, in the claim's own unit."""
    whole = float(number).is_integer()
    if unit == "usd_bn":
        return fmt.usd_bn(number)
    if unit == "usd_trillion":
        return fmt.usd_bn(1000 * number, 0 if whole else 2)
    if unit == "pct":
        return fmt.pct(number, 0 if whole else 1)
    if unit == "pts":
        return fmt.pts(number)
    if unit == "none":
        return fmt.multiple(number, 0 if whole else 1)
    return f"{number:g} {UNITS[unit]}"


def paired_figures(claims: pd.DataFrame) -> pd.DataFrame:
    """Numeric claims whose article and sourced figures share a unit (dates left out), widest
    gap first; the gap is |log(found / claimed)|, so ten times too big equals ten times too small."""
    paired = claims[
        claims["claimed_value"].notna()
        & claims["found_value"].notna()
        & (claims["claimed_unit"] == claims["found_unit"])
        & (claims["claimed_unit"] != "year")
    ]
    paired = paired.assign(
        claim=[
            f"{c} {SHORT_LABELS.get(c, c)} ({UNITS[u]})" for c, u in zip(paired["claim_id"], paired["claimed_unit"])
        ],
        in_article=[shown(v, u) for v, u in zip(paired["claimed_value"], paired["claimed_unit"])],
        in_sources=[shown(v, u) for v, u in zip(paired["found_value"], paired["found_unit"])],
        gap=[abs(math.log(found / claimed)) for found, claimed in zip(paired["found_value"], paired["claimed_value"])],
    )
    return paired.sort_values(["gap", "position"], ascending=[False, True], kind="stable")[
        [
            "claim_id",
            "claim",
            "claimed_value",
            "found_value",
            "in_article",
            "in_sources",
            "verdict",
            "translation_en",
            "source",
        ]
    ].reset_index(drop=True)


def overtaken_claims(developments: pd.DataFrame) -> list[str]:
    """Claims that later developments overtook (named in developments_since)."""
    return sorted({claim for ids in developments["overtakes_claim_ids"].dropna() for claim in ids.split()})


def arithmetic_checks(v: dict) -> pd.DataFrame:
    """The arithmetic behind the money, market and structure verdicts, from named values."""
    rows = [
        (
            "Azure contract vs Microsoft's commitment",
            f"{fmt.usd_bn(v['azure'])} ÷ {fmt.usd_bn(v['commitment'])}",
            fmt.multiple(v["azure"] / v["commitment"]),
            "'More than twice' holds, but understates the ratio",
        ),
        (
            "Azure contract vs the article's own total",
            f"{fmt.usd_bn(v['azure'])} ÷ {fmt.usd_bn(v['claimed_total'])}",
            fmt.multiple(v["azure"] / v["claimed_total"]),
            "Same conclusion with the article's figure",
        ),
        (
            "Azure contract vs the stake value the lead calls the outlay",
            f"{fmt.usd_bn(v['azure'])} ÷ {fmt.usd_bn(v['stake'])}",
            fmt.multiple(v["azure"] / v["stake"], 2),
            "Less than twice: the claim fails on this reading",
        ),
        (
            "Stake value vs commitment",
            f"{fmt.usd_bn(v['stake'])} ÷ {fmt.usd_bn(v['commitment'])}",
            fmt.multiple(v["stake"] / v["commitment"]),
            "How far the lead inflates the outlay",
        ),
        (
            "The article's total vs the filing",
            f"{fmt.usd_bn(v['claimed_total'])} − {fmt.usd_bn(v['commitment'])}",
            fmt.usd_bn(v["claimed_total"] - v["commitment"], 1),
            "Overstatement of the commitment",
        ),
        (
            "Cap table",
            f"{fmt.pct(v['foundation'])} + {fmt.pct(v['microsoft'])} + {fmt.pct(v['others'])}",
            fmt.pct(v["foundation"] + v["microsoft"] + v["others"]),
            "The article's shares are consistent",
        ),
        (
            "Foundation's stake value",
            f"{fmt.pct(v['foundation'])} × {fmt.usd_bn(v['valuation'])}",
            fmt.usd_bn(v["foundation"] / 100 * v["valuation"]),
            "Matches the stated value",
        ),
        (
            "Microsoft's stake value",
            f"{fmt.pct(v['microsoft'])} × {fmt.usd_bn(v['valuation'])}",
            fmt.usd_bn(v["microsoft"] / 100 * v["valuation"]),
            "Matches the stated value",
        ),
        (
            "Share-price move",
            f"{fmt.pct(v['claimed_move'], 1)} − {fmt.pct(v['close_move'])}",
            fmt.pts(v["claimed_move"] - v["close_move"], 1),
            "Gap between the article and the close",
        ),
        (
            "Azure growth without AI, Jan–Mar 2025",
            f"{fmt.pct(v['azure_growth'])} − {fmt.pts(v['ai_points'])}",
            fmt.pts(v["azure_growth"] - v["ai_points"]),
            "Non-AI services still grew fast",
        ),
    ]
    return pd.DataFrame(rows, columns=["Check", "Computation", "Result", "What it shows"])


def with_citations(text: str, keys) -> str:
    """Escaped text in which every bibliography key becomes a ``{cite:t}`` citation (keys are
    letters and digits only, so escaping leaves them intact)."""
    escaped = escape(text)
    return BIB_KEY.sub(lambda m: f"{{cite:t}}`{m.group(0)}`" if m.group(0) in keys else m.group(0), escaped)


def claims_markdown(claims: pd.DataFrame, section: str, keys) -> str:
    """One section's claims as a table: excerpt, translation, verdict, reasoning with citations."""
    lines = ["| ID | In the article | English translation | Verdict | Reasoning and source |", "|---|---|---|---|---|"]
    for row in claims[claims["section"] == section].itertuples():
        source = (
            f"{{cite:p}}`{row.source}`" if isinstance(row.source, str) and row.source in keys else "No source found."
        )
        lines.append(
            f"| {escape(row.claim_id)} | {escape(row.excerpt_zh)} | {escape(row.translation_en)} | "
            f"{escape(row.verdict)} | {with_citations(row.reasoning, keys)} {source} |"
        )
    return "\n".join(lines)


def quarter_value(quarterly: pd.DataFrame, metric: str, period_end: str) -> Fact:
    """A Microsoft metric for the quarter ending on ``period_end`` (the audit rates claims as of
    the article's date, so it names the quarter rather than taking the latest)."""
    rows = quarterly[(quarterly["metric"] == metric) & (quarterly["period_end"] == pd.Timestamp(period_end))]
    if len(rows) != 1:
        raise LookupError(f"microsoft_quarterly has no single {metric} row for the quarter ending {period_end}")
    return Fact(float(rows["value"].iloc[0]), rows=rows, unit=str(rows["unit"].iloc[0]))


def zh_figure(number: float, unit: str) -> str:
    """A claim's figure for the Chinese edition (sums in 億 and 兆)."""
    if unit == "usd_bn":
        return fmt.zh_usd_bn(number)
    if unit == "usd_trillion":
        return fmt.zh_usd_bn(1000 * number)
    if unit == "none":
        return fmt.zh_multiple(number, 0 if float(number).is_integer() else 1)
    if unit == "pts":
        return f"{number:g}個百分點"
    if unit == "year":
        return f"{number:.0f}年"
    return shown(number, unit)


def zh_verdict_table(claims: pd.DataFrame, glossary: pd.DataFrame) -> pd.DataFrame:
    """Every claim with its verdict in Chinese (the glossary's words) and, where both are numbers
    in one unit, the article's figure beside the sourced one."""
    words = dict(zip(glossary["key"], glossary["zh_hant"]))
    figures = []
    for row in claims.itertuples():
        same_unit = pd.notna(row.claimed_value) and pd.notna(row.found_value) and row.claimed_unit == row.found_unit
        figures.append(
            f"原文：{zh_figure(row.claimed_value, row.claimed_unit)}；查證：{zh_figure(row.found_value, row.found_unit)}"
            if same_unit
            else ""
        )
    return pd.DataFrame(
        {
            "編號": claims["claim_id"].tolist(),
            "原文": claims["excerpt_zh"].tolist(),
            "查核結果": [words[verdict] for verdict in claims["verdict"]],
            "數字": figures,
            "出處": claims["source"].tolist(),
        }
    )
