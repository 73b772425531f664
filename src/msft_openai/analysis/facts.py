"""Facts the report states in more than one place, each defined once.

Every function takes the tables it needs (as ``load_table`` returns them) and returns a
:class:`~msft_openai.publish.Fact`: the value and the rows it rests on. Dates are "as of": a fact
"on" a date uses only rows dated on or before it, so a later disclosure supersedes an earlier one
without anyone editing a chapter.
"""

from __future__ import annotations

import pandas as pd

from ..publish import Fact

# The version of the agreement this report is about, and the cap-table holder codes.
DEFINITIVE_AGREEMENT = "v2025_oct"
MICROSOFT = "microsoft"
CLOSED_EVENTS = ("funding_round", "secondary_sale", "tender_offer")


def _on_or_before(frame: pd.DataFrame, column: str, on) -> pd.DataFrame:
    if on is None:
        return frame
    return frame[frame[column] <= pd.Timestamp(on)]


def _latest(frame: pd.DataFrame, column: str, what: str) -> pd.Series:
    if frame.empty:
        raise LookupError(f"no {what} on or before the date asked for")
    # A stable sort keeps the table's order among rows of one date: the later row wins.
    return frame.sort_values(column, kind="stable").iloc[-1]


def deal_date(versions: pd.DataFrame) -> Fact:
    """The date of the definitive agreement of October 2025."""
    row = versions[versions["version_id"] == DEFINITIVE_AGREEMENT]
    if len(row) != 1:
        raise LookupError(f"deal_versions has no single {DEFINITIVE_AGREEMENT!r} row")
    return Fact(row["date"].iloc[0], rows=row, unit="date")


def latest_valuation(valuations: pd.DataFrame, on=None) -> Fact:
    """OpenAI's latest valuation at which shares were actually issued or sold (a funding round,
    a share sale or a tender offer; reported talks are not prices)."""
    closed = valuations[valuations["event_type"].isin(CLOSED_EVENTS)]
    row = _latest(_on_or_before(closed, "date", on), "date", "closed valuation")
    return Fact(float(row["valuation_usd_bn"]), rows=row, unit="usd_bn")


def latest_round(valuations: pd.DataFrame, on=None) -> Fact:
    """The latest new-money funding round valued post-money (like-for-like growth uses these)."""
    rounds = post_money_rounds(valuations)
    row = _latest(_on_or_before(rounds, "date", on), "date", "post-money funding round")
    return Fact(float(row["valuation_usd_bn"]), rows=row, unit="usd_bn")


def post_money_rounds(valuations: pd.DataFrame) -> pd.DataFrame:
    rounds = valuations[(valuations["event_type"] == "funding_round") & (valuations["valuation_basis"] == "post_money")]
    return rounds.sort_values("date", kind="stable")


def recapitalisation_cap_table(ownership: pd.DataFrame) -> pd.DataFrame:
    """The cap table published at the recapitalization: the first complete snapshot whose
    stated values rest on a named valuation."""
    complete = ownership[ownership["complete"].astype(bool)]
    valued = complete[complete["valuation_id"].notna()].sort_values("snapshot_date", kind="stable")
    if valued.empty:
        raise LookupError("openai_ownership has no complete, valued snapshot")
    return ownership[ownership["snapshot_id"] == valued["snapshot_id"].iloc[0]]


def share_at(ownership: pd.DataFrame, holder: str = MICROSOFT, on=None) -> Fact:
    """A holder's latest disclosed share (%) on or before ``on``."""
    rows = _on_or_before(ownership[ownership["holder"] == holder], "snapshot_date", on)
    row = _latest(rows, "snapshot_date", f"{holder} share")
    return Fact(float(row["share_pct"]), rows=row, unit="pct", note=str(row["basis"]))


def stake_at_recapitalisation(ownership: pd.DataFrame, valuations: pd.DataFrame, holder: str = MICROSOFT) -> Fact:
    """A holder's stake at the recapitalization: its share × the valuation the cap table rests on."""
    cap_table = recapitalisation_cap_table(ownership)
    row = cap_table[cap_table["holder"] == holder].iloc[0]
    valuation_id = cap_table["valuation_id"].dropna().iloc[0]
    valuation = valuations[valuations["valuation_id"] == valuation_id].iloc[0]
    value = float(row["share_pct"]) / 100 * float(valuation["valuation_usd_bn"])
    return Fact(
        value,
        rows=[row, valuation],
        unit="usd_bn",
        extra={
            "share_pct": float(row["share_pct"]),
            "valuation_usd_bn": float(valuation["valuation_usd_bn"]),
            "date": row["snapshot_date"],
        },
    )


def stake_value(ownership: pd.DataFrame, valuations: pd.DataFrame, holder: str = MICROSOFT, on=None) -> Fact:
    """A holder's latest disclosed share × OpenAI's latest closed valuation, both as of ``on``.

    The share and the price may come from different dates and bases; the rows say which."""
    share = share_at(ownership, holder, on)
    valuation = latest_valuation(valuations, on)
    return Fact(
        share.value / 100 * valuation.value,
        rows=[share.rows, valuation.rows],
        unit="usd_bn",
        extra={"share_pct": share.value, "valuation_usd_bn": valuation.value},
    )


def funding_as_of(funding: pd.DataFrame, measure: str, on=None) -> Fact:
    """Microsoft's funding of OpenAI as its filings state it (``committed`` or ``funded``) at the
    latest balance-sheet date on or before ``on``."""
    rows = _on_or_before(funding[funding["measure"] == measure], "as_of_date", on)
    row = _latest(rows, "as_of_date", f"{measure} funding")
    return Fact(float(row["value_usd_bn"]), rows=row, unit="usd_bn", extra={"date": row["as_of_date"]})


def azure_commitment(terms: pd.DataFrame) -> Fact:
    """OpenAI's incremental Azure purchase commitment under the October 2025 agreement. The same
    quantity is recorded in three other tables; a data rule keeps them equal."""
    row = terms[(terms["version_id"] == DEFINITIVE_AGREEMENT) & (terms["term_id"] == "azure_purchase_commitment")]
    if len(row) != 1:
        raise LookupError("deal_terms has no single October 2025 Azure commitment row")
    return Fact(float(row["value_usd_bn"].iloc[0]), rows=row, unit="usd_bn")


def quarterly_series(quarterly: pd.DataFrame, metric: str) -> pd.DataFrame:
    """One metric of microsoft_quarterly in fiscal order, with a ``quarter`` label (FY2026 Q1)."""
    rows = quarterly[quarterly["metric"] == metric].sort_values(["fiscal_year", "fiscal_quarter"], kind="stable")
    if rows.empty:
        raise LookupError(f"microsoft_quarterly has no {metric!r} rows")
    labels = [f"FY{year} Q{quarter}" for year, quarter in zip(rows["fiscal_year"], rows["fiscal_quarter"])]
    return rows.assign(quarter=labels)


def latest_quarter(quarterly: pd.DataFrame, metric: str) -> Fact:
    """The latest quarter's value of a Microsoft metric."""
    row = quarterly_series(quarterly, metric).iloc[-1]
    return Fact(
        float(row["value"]),
        rows=row,
        unit=str(row["unit"]),
        extra={
            "fiscal_year": int(row["fiscal_year"]),
            "fiscal_quarter": int(row["fiscal_quarter"]),
            "quarter": row["quarter"],
            "period_end": row["period_end"],
        },
    )


def latest_milestone(milestones: pd.DataFrame, metric: str, on=None) -> Fact:
    """The latest dated value of a metric in microsoft_ai_milestones (e.g. the AI run-rate)."""
    rows = _on_or_before(milestones[milestones["metric"] == metric], "date", on)
    row = _latest(rows, "date", metric)
    return Fact(float(row["value"]), rows=row, unit=str(row["unit"]), extra={"date": row["date"]})


def financial(financials: pd.DataFrame, fact_id: str) -> Fact:
    """One figure of OpenAI's finances, named by its row (a dated report is about that figure)."""
    row = financials[financials["fact_id"] == fact_id]
    if len(row) != 1:
        raise LookupError(f"openai_financials has no single row {fact_id!r}")
    return Fact(float(row["value"].iloc[0]), rows=row, unit=row["unit"].iloc[0])
