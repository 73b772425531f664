"""Part 4, the cloud and compute landscape: OpenAI's agreements by kind and counterparty, the
cloud market's shares (with series breaks respected), and the hyperscalers' capital spending."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..publish import Fact
from ..vocabulary import company, label
from . import deal
from .series import contiguous_runs, quarter_position

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


# -- Rows the chapter quotes, and the quantities it derives from them -------------------------
# openai_compute_targets rows Part 4 quotes: Altman's figure on the deal day (the yardstick for
# stated commitments), Reuters' report of OpenAI's spending plan to 2030, and OpenAI's statement
# that it had passed its US capacity goal.
ALTMAN_TARGET = "altman_2025_10_28_1_4tn"
PLAN_2030 = "openai_2026_02_600bn_2030"
SECURED_CAPACITY = "openai_2026_04_10gw_secured"
# Synergy's fourth-quarter 2025 release: reports of it differ on Google's share, and the data
# can hold one figure per quarter, firm and provider; the chapter says which it uses.
DISPUTED_SHARE = ("2025-Q4", "synergy", "google")
# Capex by companies that sell no cloud capacity: set apart from the cloud sellers' spending.
OWN_USE_ONLY = ("meta",)


def target(targets: pd.DataFrame, target_id: str) -> pd.Series:
    """One row of openai_compute_targets (its name and key kept, so glue can cite it)."""
    rows = targets[targets["target_id"] == target_id]
    if len(rows) != 1:
        raise LookupError(f"openai_compute_targets has no single {target_id!r} row")
    row = rows.iloc[0]
    row.attrs.update(targets.attrs)
    return row


def share_of_target(totals: dict, reference: pd.Series) -> Fact:
    """Stated cloud commitments as a percentage of a target's dollar figure."""
    return Fact(100 * totals["total"] / float(reference["value_usd_bn"]), rows=[totals["rows"], reference], unit="pct")


def on_or_after(deals: pd.DataFrame, cutoff=DEAL_CUTOFF) -> pd.DataFrame:
    return deals[deals["date"] >= pd.Timestamp(cutoff)]


def oracle_words(compute: pd.DataFrame, totals: dict) -> Fact:
    """How the chapter may describe Oracle's headline figure: whose figure the counted row is
    (its status) decides the words, as in Part 1 (deal.oracle_words)."""
    suppliers = totals["suppliers"]
    ids = suppliers.loc[suppliers["code"] == "oracle", "deal_ids"].iloc[0].split()
    return Fact(deal.oracle_words(compute, suppliers), rows=compute[compute["deal_id"].isin(ids)])


def tracker(shares: pd.DataFrame, firm: str) -> dict:
    """One tracker's shares and market size by quarter, its latest marked break, and the window
    in which change may be measured (from the break on): first and last quarter of it."""
    table, size, break_quarter = share_series(shares, firm)
    window = comparable_window(table, break_quarter)
    return {
        "table": table,
        "size": size,
        "break": break_quarter,
        "window": window,
        "first": window.index[0],
        "last": window.index[-1],
        "rows": shares[shares["research_firm"] == firm],
    }


def share_at(shares: pd.DataFrame, firm: str, quarter: str, provider: str) -> Fact:
    rows = shares[(shares["research_firm"] == firm) & (shares["quarter"] == quarter) & (shares["provider"] == provider)]
    if len(rows) != 1:
        raise LookupError(f"cloud_market_share has no single row for {quarter}/{firm}/{provider}")
    return Fact(float(rows["share_pct"].iloc[0]), rows=rows, unit="pct")


def break_rows(shares: pd.DataFrame, firm: str) -> pd.DataFrame:
    rows = shares[shares["research_firm"] == firm]
    return rows[rows["break_before"].astype(bool)]


def market_size(shares: pd.DataFrame, firm: str, quarter: str) -> Fact:
    rows = shares[
        (shares["research_firm"] == firm) & (shares["quarter"] == quarter) & (shares["provider"] == "total_market")
    ]
    return Fact(float(rows["market_size_usd_bn"].iloc[0]), rows=rows, unit="usd_bn")


def market_growth(shares: pd.DataFrame, firm: str, first: str, last: str) -> Fact:
    """The market's size in the last quarter as a multiple of the first."""
    start, end = market_size(shares, firm, first), market_size(shares, firm, last)
    return Fact(end.value / start.value, rows=[start.rows, end.rows], unit="x")


def latest_common_quarter(*tables: pd.DataFrame) -> str:
    """The latest quarter every tracker reports."""
    common = set.intersection(*(set(table.index) for table in tables))
    if not common:
        raise LookupError("the trackers share no quarter")
    return max(common)


def disputed_share(shares: pd.DataFrame) -> Fact:
    """The share the data hold for the figure two reports of one release give differently."""
    quarter, firm, provider = DISPUTED_SHARE
    fact = share_at(shares, firm, quarter, provider)
    fact.extra["source"] = fact.rows["source"].iloc[0]
    return fact


def share_chart_data(shares: pd.DataFrame, break_quarter: str | None) -> pd.DataFrame:
    """Providers' shares for the chart: names, the tracker's label, and which side of the break."""
    providers = shares[shares["provider"].isin(PROVIDERS)]
    after = providers["quarter"] >= break_quarter if break_quarter else pd.Series(True, index=providers.index)
    # A line also stops where a tracker's quarter could not be sourced, rather than bridging it.
    runs = contiguous_runs(providers, ["research_firm", "provider"], quarter_position(providers["quarter"]))
    return providers.assign(
        provider_name=[company(code) for code in providers["provider"]],
        firm=[label("research_firm", code) for code in providers["research_firm"]],
        segment=after.map({True: "after", False: "before"}) + "-" + runs.astype(str),
    )[["quarter", "firm", "provider_name", "share_pct", "segment"]]


def market_size_data(shares: pd.DataFrame) -> pd.DataFrame:
    sizes = shares[shares["provider"] == "total_market"]
    return sizes.assign(firm=[label("research_firm", code) for code in sizes["research_firm"]])[
        ["quarter", "firm", "market_size_usd_bn"]
    ]


def capex_summary(spenders: pd.DataFrame, cash: pd.DataFrame) -> dict:
    """The four largest spenders' quarterly capex: first and latest quarter, their totals and
    multiple, the largest spender, and the latest total split between cloud sellers and the rest."""
    first, last = spenders.index[0], spenders.index[-1]
    rows = cash[cash["calendar_quarter"].isin([first, last]) & cash["company"].isin(spenders.columns)]
    latest = spenders.loc[last]
    leader = latest.idxmax()

    def fact(value, unit="usd_bn"):
        return Fact(float(value), rows=rows, unit=unit)

    return {
        "first_q": first,
        "last_q": last,
        "rows": rows,
        "first": fact(spenders.loc[first].sum()),
        "latest": fact(latest.sum()),
        "multiple": fact(latest.sum() / spenders.loc[first].sum(), "x"),
        "leader": company(leader),
        "leader_value": fact(latest[leader]),
        "cloud_sellers": fact(latest.drop(list(OWN_USE_ONLY), errors="ignore").sum()),
        "own_use": fact(latest[[c for c in OWN_USE_ONLY if c in latest.index]].sum()),
    }


def latest_capex(cash: pd.DataFrame, code: str) -> pd.DataFrame:
    """A company's latest cash capex row (one-row frame)."""
    rows = cash[cash["company"] == code].sort_values("calendar_quarter", kind="stable")
    return rows.iloc[[-1]]


def supplier_total(compute: pd.DataFrame, totals: dict, code: str) -> Fact:
    """One supplier's stated cloud commitments, counted once, with the contracts behind them."""
    supplier = totals["suppliers"].set_index("code").loc[code]
    rows = compute[compute["deal_id"].isin(supplier["deal_ids"].split())]
    return Fact(float(supplier["value_usd_bn"]), rows=rows, unit="usd_bn", extra={"basis": supplier["basis"]})


def chip_gigawatts(chips: pd.DataFrame) -> Fact:
    """The gigawatts the chip programmes name (one figure per counterparty, see chip_programmes)."""
    return Fact(float(chips["gigawatts_gw"].sum()), rows=chips, unit="gw")


def share_change(shares: pd.DataFrame, firm: str, provider: str, first: str, last: str) -> Fact:
    """A provider's share in ``last`` less its share in ``first``, in percentage points."""
    start, end = share_at(shares, firm, first, provider), share_at(shares, firm, last, provider)
    return Fact(end.value - start.value, rows=[start.rows, end.rows], unit="pts")


def step_at_break(shares: pd.DataFrame, firm: str, provider: str) -> Fact:
    """The change in a provider's share from the quarter before a tracker's latest break to the
    break itself: the step that makes the break (never used as a change in share)."""
    table, _, break_quarter = share_series(shares, firm)
    if break_quarter is None:
        raise LookupError(f"{firm}'s series has no marked break")
    before = table.index[table.index < break_quarter]
    if before.empty:
        raise LookupError(f"{firm}'s series has no quarter before its break at {break_quarter}")
    return share_change(shares, firm, provider, before[-1], break_quarter)
