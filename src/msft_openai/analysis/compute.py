"""Part 4, the cloud and compute landscape: OpenAI's agreements by kind and counterparty, the
cloud market's shares (with series breaks respected), and the hyperscalers' capital spending."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..publish import Fact
from ..vocabulary import company, label
from . import deal

DEAL_CUTOFF = pd.Timestamp("2025-10-28")  # the Microsoft–OpenAI definitive agreement
PROVIDERS = ["amazon", "microsoft", "google", "oracle"]
CAPEX_COMPANIES = ["amazon", "alphabet", "microsoft", "meta", "oracle"]
CASH_BASIS = "cash purchases of property and equipment"
# Suppliers that also bought equity in OpenAI (money into OpenAI, never counted as a purchase by it).
EQUITY_INVESTORS = ("amazon", "nvidia")


def agreements(compute: pd.DataFrame, as_of) -> pd.DataFrame:
    """Every agreement up to the as-of date, with readable counterparty, type and instrument."""
    shown = compute[compute["date"] <= pd.Timestamp(as_of)]
    return shown.assign(
        who=[company(code) for code in shown["counterparty"]],
        type_label=[label("deal_type", code) for code in shown["deal_type"]],
        instrument_label=[label("instrument", code) for code in shown["instrument"]],
    )


def agreements_table(shown: pd.DataFrame) -> pd.DataFrame:
    ordered = shown.sort_values(["date", "deal_id"], kind="stable")
    return pd.DataFrame(
        {
            "Date": ordered["date"].dt.strftime("%Y-%m-%d").tolist(),
            "Counterparty": ordered["who"].tolist(),
            "Type": ordered["type_label"].tolist(),
            "Instrument": ordered["instrument_label"].tolist(),
            "Value": [fmt.usd_bn(v) if pd.notna(v) else "" for v in ordered["value_usd_bn"]],
            "Capacity": [f"{v:g} GW" if pd.notna(v) else "" for v in ordered["gigawatts_gw"]],
            "Source": ordered["source"].tolist(),
        }
    )


def cloud_totals(compute: pd.DataFrame) -> dict:
    """Cloud-services commitments with a stated value, counted once per supplier (Part 1's rule:
    a relationship total is never added to the contracts it includes), split by whose figure it is."""
    suppliers = deal.cloud_contracts_by_supplier(compute)
    company_stated = suppliers.loc[suppliers["basis"] == "Stated by a company", "value_usd_bn"].sum()
    press_only = suppliers.loc[suppliers["basis"] != "Stated by a company", "value_usd_bn"].sum()
    ids = " ".join(suppliers["deal_ids"]).split()
    return {
        "suppliers": suppliers,
        "company_stated": float(company_stated),
        "press_only": float(press_only),
        "total": float(company_stated + press_only),
        "rows": compute[compute["deal_id"].isin(ids)],
    }


def equity_in_openai(compute: pd.DataFrame) -> Fact:
    """Equity suppliers agreed to put into OpenAI (definitive agreements only)."""
    rows = compute[
        (compute["kind"] == "equity")
        & compute["counterparty"].isin(EQUITY_INVESTORS)
        & (compute["instrument"] == "definitive_contract")
        & compute["value_usd_bn"].notna()
    ]
    return Fact(float(rows["value_usd_bn"].sum()), rows=rows, unit="usd_bn")


def letters_of_intent(compute: pd.DataFrame) -> Fact:
    rows = compute[(compute["instrument"] == "letter_of_intent") & compute["value_usd_bn"].notna()]
    return Fact(float(rows["value_usd_bn"].sum()), rows=rows, unit="usd_bn")


def chip_programmes(compute: pd.DataFrame) -> pd.DataFrame:
    """Chip supply programmes stated in gigawatts (one row per counterparty, its largest figure)."""
    chips = compute[(compute["kind"] == "chips") & compute["gigawatts_gw"].notna()]
    return chips.sort_values("gigawatts_gw", kind="stable").groupby("counterparty").tail(1)


def counterparty_bars(compute: pd.DataFrame, totals: dict) -> pd.DataFrame:
    """Per counterparty: cloud dollars by whose figure they are, and equity invested in OpenAI."""
    bars = [
        {
            "counterparty": row.supplier,
            "category": "Cloud contract, stated by a company"
            if row.basis == "Stated by a company"
            else "Cloud deal, press reports only",
            "value_usd_bn": row.value_usd_bn,
        }
        for row in totals["suppliers"].itertuples()
    ]
    for code, rows in equity_in_openai(compute).rows.groupby("counterparty"):
        bars.append(
            {
                "counterparty": company(code),
                "category": "Equity investment in OpenAI",
                "value_usd_bn": float(rows["value_usd_bn"].sum()),
            }
        )
    return pd.DataFrame(bars)


def share_series(shares: pd.DataFrame, firm: str = "synergy") -> tuple[pd.DataFrame, pd.Series, str | None]:
    """One tracker's shares by quarter (provider codes as columns), its market size, and the
    quarter at which a series break was marked (None if none)."""
    rows = shares[shares["research_firm"] == firm]
    table = rows[rows["provider"].isin(PROVIDERS)].pivot(index="quarter", columns="provider", values="share_pct")
    size = rows[rows["provider"] == "total_market"].set_index("quarter")["market_size_usd_bn"].sort_index()
    breaks = rows.loc[rows["break_before"].astype(bool), "quarter"]
    return table.sort_index(), size, (breaks.max() if len(breaks) else None)


def comparable_window(table: pd.DataFrame, break_quarter: str | None) -> pd.DataFrame:
    """The quarters after the latest series break: change is measured only within them."""
    return table if break_quarter is None else table[table.index >= break_quarter]


def capex_basis(definition: str) -> str:
    text = definition.lower()
    if "including finance leases" in text or "including principal payments" in text:
        return "headline, incl. finance leases"
    if "net of proceeds" in text or "likely net" in text:
        return "net of proceeds and incentives"
    return CASH_BASIS


def capex_cash(capex: pd.DataFrame) -> pd.DataFrame:
    """Cash purchases of property and equipment, one row per company and calendar quarter."""
    with_basis = capex.assign(
        basis=capex["definition"].map(capex_basis), company_name=[company(code) for code in capex["company"]]
    )
    cash = with_basis[with_basis["basis"] == CASH_BASIS]
    duplicated = cash[cash.duplicated(["company", "calendar_quarter"], keep=False)]
    if not duplicated.empty:
        raise ValueError(
            f"two cash capex figures for one company and quarter: "
            f"{sorted(set(duplicated['company'] + ' ' + duplicated['calendar_quarter']))}"
        )
    return cash


def four_spenders(cash: pd.DataFrame) -> pd.DataFrame:
    """Quarters in which Amazon, Alphabet, Microsoft and Meta all have a cash capex figure."""
    return (
        cash[cash["company"] != "oracle"]
        .pivot(index="calendar_quarter", columns="company", values="capex_usd_bn")
        .dropna()
    )


def capex_comparison(capex: pd.DataFrame, cash: pd.DataFrame) -> pd.DataFrame:
    """Each company's cash figure beside the other figure reported for the same quarter."""
    with_basis = capex.assign(basis=capex["definition"].map(capex_basis))
    other = with_basis[with_basis["basis"] != CASH_BASIS]
    pairs = other.merge(
        cash[["company", "calendar_quarter", "capex_usd_bn"]],
        on=["company", "calendar_quarter"],
        suffixes=("_other", "_cash"),
    ).sort_values(["company", "calendar_quarter"], kind="stable")
    gap = pairs["capex_usd_bn_other"] - pairs["capex_usd_bn_cash"]
    return pd.DataFrame(
        {
            "Company": [company(code) for code in pairs["company"]],
            "Quarter": pairs["calendar_quarter"].tolist(),
            "Cash PP&E": pairs["capex_usd_bn_cash"].map(lambda v: fmt.usd_bn(v, 2)).tolist(),
            "Other reported figure": pairs["capex_usd_bn_other"].map(lambda v: fmt.usd_bn(v, 2)).tolist(),
            "Other figure's basis": pairs["basis"].tolist(),
            "Gap": [("+" if v >= 0 else "−") + fmt.usd_bn(abs(v), 2) for v in gap],
        }
    )
