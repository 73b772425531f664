"""What happened after the deal: developments by kind, and the article's claims they overtook."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..publish import Fact

# Each development falls in exactly one kind; the reader's label for each stored category.
KINDS = {
    "partnership": "Microsoft–OpenAI terms",
    "funding": "Funding",
    "compute": "Compute deals",
    "corporate": "Results and filings",
    "microsoft_strategy": "Microsoft's own AI",
    "regulatory": "Regulation and courts",
    "other": "Other",
}
KIND_COLOURS = ["#0072B2", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#D55E00", "#999999"]

# Deals the chapter names (ids in compute_commitments).
AWS_FIRST = "aws_2025_11_38bn"
AWS_EXPANSION = "aws_2026_02_100bn_expansion"
AMAZON_EQUITY = "amazon_2026_02_equity_50bn"
NVIDIA_EQUITY = "nvidia_2026_02_equity_30bn"


def developments(events: pd.DataFrame) -> pd.DataFrame:
    """Developments in date order, each with its kind and the claims it overtook (a list)."""
    unknown = set(events["category"]) - set(KINDS)
    if unknown:
        raise KeyError(f"developments of no known kind: {sorted(unknown)}; add them to since.KINDS")
    ordered = events.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)
    return ordered.assign(
        kind=ordered["category"].map(KINDS), overtakes=ordered["overtakes_claim_ids"].fillna("").str.split()
    )


def kind_counts(developments: pd.DataFrame) -> pd.Series:
    """Developments per kind, in the report's order; they add up to all developments."""
    counts = developments["kind"].value_counts().reindex(list(dict.fromkeys(KINDS.values())), fill_value=0)
    if counts.sum() != len(developments):
        raise ValueError("a development has no kind or more than one")
    return counts


def months_between(start, end) -> int:
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return (end.year - start.year) * 12 + end.month - start.month


def first_overtaken(developments: pd.DataFrame) -> dict[str, pd.Timestamp]:
    """Claim id -> the date of the first development that overtook it."""
    first: dict[str, pd.Timestamp] = {}
    for row in developments.itertuples():
        for claim_id in row.overtakes:
            first.setdefault(claim_id, row.date)
    return first


def overtaken_steps(developments: pd.DataFrame, claims: pd.DataFrame, as_of) -> pd.DataFrame:
    """The running count of overtaken claims, one step per development that overtook a new one,
    from the deal to the as-of date."""
    labels = dict(zip(claims["claim_id"], claims["translation_en"]))
    steps, seen = [], set()
    for index, row in enumerate(developments.itertuples()):
        new = [claim for claim in row.overtakes if claim not in seen]
        if index == 0 or new:
            seen.update(new)
            steps.append(
                {
                    "date": row.date,
                    "when": fmt.long_date(row.date),
                    "event": row.title,
                    "newly_overtaken": "; ".join(f"{c}: {labels[c]}" for c in new) or "none",
                    "claims_overtaken": len(seen),
                    "source": row.source,
                }
            )
    steps.append(
        {
            "date": pd.Timestamp(as_of),
            "when": fmt.long_date(as_of),
            "event": "Report's as-of date",
            "newly_overtaken": "none",
            "claims_overtaken": len(seen),
            "source": None,
        }
    )
    return pd.DataFrame(steps)


def timeline(developments: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    labels = dict(zip(claims["claim_id"], claims["translation_en"]))
    return developments.assign(
        when=developments["date"].map(fmt.long_date),
        overtook_claims=developments["overtakes"].map(
            lambda ids: "; ".join(f"{c}: {labels[c]}" for c in ids) or "none"
        ),
        overtook=developments["overtakes"].map(lambda ids: "Overtook an article claim" if ids else "Did not"),
    )[["event_id", "date", "when", "kind", "title", "description", "overtook", "overtook_claims", "source"]]


def deal_value(compute: pd.DataFrame, deal_id: str) -> Fact:
    rows = compute[compute["deal_id"] == deal_id]
    if len(rows) != 1:
        raise LookupError(f"compute_commitments has no {deal_id!r} row")
    return Fact(float(rows["value_usd_bn"].iloc[0]), rows=rows, unit="usd_bn")


# Claims of the audited article (ids in article_claims) the chapter quotes by name.
CLAIM_AMAZON_NO_COMMITMENT = "c35"  # Amazon the only major cloud without an OpenAI commitment
CLAIM_SOFTBANK_TRANCHE = "c36"  # SoftBank's second tranche released
CLAIM_CUMULATIVE_INVESTMENT = "c07"  # Microsoft's cumulative investment in OpenAI
CLAIM_COPILOT_USERS = "c29"  # Copilot users
CLAIM_AI_GROWTH = "c31"  # AI business growth rate
CLAIM_STAKE_VALUE = "c04"  # the value of Microsoft's stake
CLAIM_LICENCE_YEAR = "c13"  # the year Microsoft's licence runs to


def days_until_overtaken(developments: pd.DataFrame, claim_id: str, start) -> Fact:
    """Days from ``start`` to the first development that overtook a claim."""
    rows = developments[developments["overtakes"].map(lambda ids: claim_id in ids)]
    if rows.empty:
        raise LookupError(f"no development overtook claim {claim_id!r}")
    first = rows.iloc[[0]]
    return Fact((first["date"].iloc[0] - pd.Timestamp(start)).days, rows=first, unit="days")


def first_round_after(valuations: pd.DataFrame, day) -> Fact:
    """The first funding round announced after ``day`` at a pre-money valuation: its pre-money
    value, with the money raised and the post-money value (pre-money + raised) beside it."""
    rounds = valuations[
        (valuations["event_type"] == "funding_round")
        & (valuations["valuation_basis"] == "pre_money")
        & (valuations["date"] > pd.Timestamp(day))
    ].sort_values("date", kind="stable")
    if rounds.empty:
        raise LookupError(f"no pre-money funding round after {day}")
    row = rounds.iloc[[0]]
    pre, raised = float(row["valuation_usd_bn"].iloc[0]), float(row["amount_raised_usd_bn"].iloc[0])
    return Fact(pre, rows=row, unit="usd_bn", extra={"raised": raised, "post": pre + raised})


def valuation_rise(final: Fact, recapitalisation: Fact) -> Fact:
    """The latest round's post-money valuation as a multiple of the valuation at the
    recapitalization (the one the article's stake figures rest on)."""
    base = recapitalisation.extra["valuation_usd_bn"]
    return Fact(final.value / base, rows=[final.rows, recapitalisation.rows], unit="x")


def last_overtake(steps: pd.DataFrame) -> pd.Series:
    """The last development that overtook a claim (the steps end with the as-of date)."""
    developments = steps[steps["source"].notna()]
    return developments.iloc[-1]


def developments_table(developments: pd.DataFrame, claims: pd.DataFrame) -> pd.DataFrame:
    """Every development with its kind and the claims it overtook, for markdown_table."""
    by_id = claims.set_index("claim_id")
    overtook = [
        "; ".join(f"{c}: {by_id.loc[c, 'translation_en']} ({by_id.loc[c, 'excerpt_zh']})" for c in ids) or "—"
        for ids in developments["overtakes"]
    ]
    return pd.DataFrame(
        {
            "Date": [fmt.dated(d, p) for d, p in zip(developments["date"], developments["date_precision"])],
            "Development": [f"{t}. {d}" for t, d in zip(developments["title"], developments["description"])],
            "Kind": developments["kind"].tolist(),
            "Article claims it overtook": overtook,
            "Source": developments["source"].tolist(),
        }
    )
