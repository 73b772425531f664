"""The executive summary: the few numbers behind its ten findings, from the shared facts and
the chapters' own functions (nothing is computed here that a chapter computes differently)."""

from __future__ import annotations

import pandas as pd

from ..publish import Fact
from . import deal, facts


def cap_table_share(ownership: pd.DataFrame, holder: str) -> Fact:
    """A holder's share of the cap table published at the recapitalization."""
    cap_table = facts.recapitalisation_cap_table(ownership)
    row = cap_table[cap_table["holder"] == holder]
    return Fact(float(row["share_pct"].iloc[0]), rows=row, unit="pct")


def capex_growth(quarterly: pd.DataFrame, metric: str = "capex_incl_finance_leases") -> Fact:
    """Latest quarter's capital expenditure over the first quarter recorded."""
    series = facts.quarterly_series(quarterly, metric)
    first, last = series.iloc[0], series.iloc[-1]
    return Fact(
        float(last["value"] / first["value"]), rows=series.iloc[[0, -1]], unit="x", extra={"first": first, "last": last}
    )


def amazon_cloud(compute: pd.DataFrame) -> tuple[Fact, Fact]:
    """OpenAI's cloud contracts with Amazon: the total, and the first contract."""
    suppliers = deal.cloud_contracts_by_supplier(compute).set_index("code")
    ids = suppliers.loc["amazon", "deal_ids"].split()
    rows = compute[compute["deal_id"].isin(ids)].sort_values("date", kind="stable")
    total = Fact(float(suppliers.loc["amazon", "value_usd_bn"]), rows=rows, unit="usd_bn")
    first = Fact(float(rows["value_usd_bn"].iloc[0]), rows=rows.iloc[[0]], unit="usd_bn")
    return total, first
