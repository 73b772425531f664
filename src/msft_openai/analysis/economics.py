"""OpenAI's economics: can it pay for the compute it has signed for, and what is Microsoft's
revenue share worth? A small, explicit model: every assumption arrives as an argument (the
chapter reads them from data/scenario_assumptions.csv, each with its rationale and source).

- Contracted obligations by year: each contract's value spread over its term, evenly or
  back-loaded (weights 1, 2, ..., n), the two phasings bracketing what the contracts disclose.
- Revenue by year on a path from the latest actual year to a target year, growing at a constant
  rate (geometric interpolation).
- Cash need: compute obligations plus other costs (a share of revenue) less revenue; the funding
  need is the largest cumulative shortfall, before and after the cash and committed funding on hand.
- The revenue share: a rate on revenue through a final year, under a total cap; the year the cap
  binds; the present value at a discount rate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

PHASINGS = ("even", "back_loaded")


def phase_contract(value: float, start_year: int, end_year: int, phasing: str) -> pd.Series:
    """A contract's value spread over the years start..end inclusive."""
    if end_year < start_year:
        raise ValueError(f"a contract cannot end ({end_year}) before it starts ({start_year})")
    if phasing not in PHASINGS:
        raise ValueError(f"phasing must be one of {PHASINGS}")
    years = range(start_year, end_year + 1)
    weights = np.ones(len(years)) if phasing == "even" else np.arange(1, len(years) + 1, dtype=float)
    return pd.Series(value * weights / weights.sum(), index=list(years), dtype=float)


def obligations_by_year(contracts: pd.DataFrame, phasing: str, years: range) -> pd.DataFrame:
    """Contracted obligations per year and counterparty (US$ bn). ``contracts`` needs columns
    contract_id, counterparty, value_usd_bn, start_year, end_year."""
    rows = []
    for contract in contracts.itertuples(index=False):
        spread = phase_contract(contract.value_usd_bn, int(contract.start_year), int(contract.end_year), phasing)
        for year, amount in spread.items():
            if year in years:
                rows.append(
                    {
                        "year": year,
                        "counterparty": contract.counterparty,
                        "contract_id": contract.contract_id,
                        "obligation_usd_bn": amount,
                    }
                )
    frame = pd.DataFrame(rows, columns=["year", "counterparty", "contract_id", "obligation_usd_bn"])
    return frame.assign(phasing=phasing)


def revenue_path(
    start_year: int, start_revenue: float, target_year: int, target_revenue: float, years: range
) -> pd.Series:
    """Revenue growing at the constant rate that takes start to target; flat growth continues
    past the target year at the same rate."""
    if start_revenue <= 0 or target_revenue <= 0 or target_year <= start_year:
        raise ValueError("a revenue path needs positive revenues and a target year after the start")
    rate = (target_revenue / start_revenue) ** (1 / (target_year - start_year)) - 1
    return pd.Series(
        [start_revenue * (1 + rate) ** (year - start_year) for year in years], index=list(years), dtype=float
    )


def growth_rate(start_revenue: float, target_revenue: float, periods: int) -> float:
    return (target_revenue / start_revenue) ** (1 / periods) - 1


def cash_flows(revenue: pd.Series, obligations: pd.Series, other_cost_share: float) -> pd.DataFrame:
    """Per year: revenue, compute obligations, other costs (a share of revenue), net cash flow and
    its running total. Positive net means cash generated."""
    if not 0 <= other_cost_share < 1:
        raise ValueError("other costs are a share of revenue between 0 and 1")
    years = revenue.index
    obligations = obligations.reindex(years, fill_value=0.0)
    other = revenue * other_cost_share
    net = revenue - obligations - other
    return pd.DataFrame(
        {
            "revenue": revenue,
            "obligations": obligations,
            "other_costs": other,
            "net": net,
            "cumulative": net.cumsum(),
            "coverage": obligations / revenue,
        },
        index=years,
    ).rename_axis("year")


def funding_need(flows: pd.DataFrame, through_year: int, cash_on_hand: float = 0.0) -> float:
    """The largest cumulative shortfall up to ``through_year``, less the cash on hand (never below
    zero): the money that has to be raised for the plan to be paid."""
    running = flows.loc[:through_year, "cumulative"]
    worst = -min(0.0, float(running.min()))
    return max(0.0, worst - cash_on_hand)


def revenue_share(revenue: pd.Series, rate_pct: float, cap: float, last_year: int) -> pd.DataFrame:
    """Payments to Microsoft: ``rate_pct`` of revenue each year through ``last_year``, until the
    cumulative payments reach ``cap``. Returns payment and cumulative per year."""
    paid, rows = 0.0, []
    for year, value in revenue.items():
        due = rate_pct / 100 * value if year <= last_year else 0.0
        payment = max(0.0, min(due, cap - paid))
        paid += payment
        rows.append({"year": year, "payment": payment, "cumulative": paid, "capped": payment < due})
    return pd.DataFrame(rows).set_index("year")


def year_cap_binds(payments: pd.DataFrame) -> int | None:
    """The first year in which the cap cut a payment, or None if it never binds."""
    capped = payments.index[payments["capped"]]
    return int(capped[0]) if len(capped) else None


def present_value(payments: pd.Series, rate_pct: float, base_year: int) -> float:
    """Payments discounted to the start of ``base_year`` (each year's payment at mid-year)."""
    factors = [(1 + rate_pct / 100) ** (year - base_year + 0.5) for year in payments.index]
    return float(sum(amount / factor for amount, factor in zip(payments, factors)))


def sensitivity(base: dict, ranges: dict, need) -> pd.DataFrame:
    """How much the funding need moves when each assumption alone goes to its low and high value.

    ``need(assumptions) -> float``; ``ranges`` maps an assumption to (low, high). Sorted by swing."""
    reference = need(base)
    rows = []
    for name, (low, high) in ranges.items():
        at_low, at_high = need({**base, name: low}), need({**base, name: high})
        rows.append(
            {
                "assumption": name,
                "low": low,
                "high": high,
                "need_at_low": at_low,
                "need_at_high": at_high,
                "swing": abs(at_high - at_low),
                "base_need": reference,
            }
        )
    return pd.DataFrame(rows).sort_values("swing", ascending=False, kind="stable").reset_index(drop=True)
