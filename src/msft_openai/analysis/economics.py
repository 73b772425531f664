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


# -- The scenario table, the contracts counted once, and the model run on a scenario ----------------

# The Azure commitment of October 2025 states no term: each scenario's azure_start_year and
# azure_end_year rows supply one (data/scenario_assumptions.csv says where each comes from).
AZURE_DEAL = "msft_2025_10_azure_250bn"
SCENARIOS = ("bear", "base", "bull")
CALIBRATION = "hsbc"
# HSBC's published funding gap, the calibration target (third_party_models).
HSBC_GAP = ("hsbc_2025_11", "funding_gap")
# How far the model may land from HSBC's published gap on HSBC's own inputs (see calibration()).
CALIBRATION_TOLERANCE = 0.30


def scenario_parameters(assumptions: pd.DataFrame) -> dict[str, dict[str, float]]:
    """``{scenario: {parameter: value}}`` from the scenario table (one row per pair)."""
    duplicated = assumptions[assumptions.duplicated(["scenario", "parameter"], keep=False)]
    if not duplicated.empty:
        raise ValueError(f"a scenario states a parameter twice: {sorted(set(duplicated['parameter']))}")
    return {
        scenario: dict(zip(rows["parameter"], rows["value"].astype(float)))
        for scenario, rows in assumptions.groupby("scenario", sort=False)
    }


def counted_contracts(compute: pd.DataFrame, assumed_terms: dict[str, tuple[int, int]] | None = None) -> pd.DataFrame:
    """OpenAI's cloud-rent contracts with a stated value, each deal counted once.

    Per supplier, incremental contracts are summed; a value stated as the relationship's total
    (restated by several rows) replaces them when larger, never adds to them. Rows restating one
    deal may give different terms: ``early_*`` is the earliest stated term, ``late_*`` the latest
    (the high and low phasings use one each). A missing end year comes from the contract the row
    expands, else from ``assumed_terms`` (deal_id -> (start, end)), which also overrides a start.
    Chips, data-centre programmes, equity and financing are other kinds: never counted here."""
    assumed_terms = assumed_terms or {}
    rent = compute[(compute["kind"] == "cloud_rent") & compute["value_usd_bn"].notna()]
    ends = compute.set_index("deal_id")["end_year"]

    def term(row) -> tuple[int, int]:
        start, end = row["start_year"], row["end_year"]
        if pd.isna(end) and pd.notna(row["expansion_of"]) and row["expansion_of"] in ends.index:
            end = ends[row["expansion_of"]]
        if row["deal_id"] in assumed_terms:
            start, end = assumed_terms[row["deal_id"]]
        if pd.isna(start) or pd.isna(end):
            raise ValueError(f"{row['deal_id']} states no term and none is assumed")
        return int(start), int(end)

    counted = []
    for code, rows in rent.groupby("counterparty", sort=False):
        incremental = rows[rows["value_basis"] == "incremental"]
        totals = rows[rows["value_basis"] == "relationship_total"]
        if not totals.empty and totals["value_usd_bn"].max() > incremental["value_usd_bn"].sum():
            terms = [term(row) for _, row in totals.iterrows()]
            starts, stops = zip(*terms)
            groups = [
                (totals, float(totals["value_usd_bn"].max()), (min(starts), min(stops)), (max(starts), max(stops)))
            ]
        else:
            groups = [
                (row.to_frame().T, float(row["value_usd_bn"]), term(row), term(row))
                for _, row in incremental.iterrows()
            ]
        for group, value, early, late in groups:
            counted.append(
                {
                    "counterparty": code,
                    "deal_ids": " ".join(group["deal_id"]),
                    "value_usd_bn": value,
                    "early_start": early[0],
                    "early_end": early[1],
                    "late_start": late[0],
                    "late_end": late[1],
                }
            )
    return pd.DataFrame(counted)


def scheduled_obligations(counted: pd.DataFrame, phasing: float, years: range) -> pd.DataFrame:
    """Obligations per year and counterparty under a phasing between 0 and 1: 0 is the high
    phasing (each deal spread evenly over its earliest stated term), 1 the low phasing
    (back-loaded over its latest stated term), values between blend the two."""
    if not 0 <= phasing <= 1:
        raise ValueError("phasing runs from 0 (high) to 1 (low)")
    rows = []
    for deal in counted.itertuples(index=False):
        high = phase_contract(deal.value_usd_bn, deal.early_start, deal.early_end, "even")
        low = phase_contract(deal.value_usd_bn, deal.late_start, deal.late_end, "back_loaded")
        blended = (1 - phasing) * high.reindex(years, fill_value=0.0) + phasing * low.reindex(years, fill_value=0.0)
        rows += [{"year": y, "counterparty": deal.counterparty, "obligation_usd_bn": v} for y, v in blended.items()]
    frame = pd.DataFrame(rows, columns=["year", "counterparty", "obligation_usd_bn"])
    return frame.groupby(["year", "counterparty"], as_index=False)["obligation_usd_bn"].sum()


def obligations_series(schedule: pd.DataFrame, years: range) -> pd.Series:
    return schedule.groupby("year")["obligation_usd_bn"].sum().reindex(years, fill_value=0.0)


def funding_need_by_year(flows: pd.DataFrame, funds: float = 0.0) -> pd.Series:
    """For each year, the money still to raise by then: the deepest cumulative shortfall so far
    less the funds on hand (never below zero)."""
    deepest = (-flows["cumulative"].clip(upper=0.0)).cummax()
    return (deepest - funds).clip(lower=0.0).rename("need")


def implied_other_cost_share(revenue: float, compute_spend: float, free_cash_flow: float) -> float:
    """Costs other than compute as a share of revenue, implied by a plan's revenue, compute
    spend and free cash flow over the same years (revenue - compute - other = free cash flow)."""
    if revenue <= 0:
        raise ValueError("a plan needs positive revenue")
    return (revenue - compute_spend - free_cash_flow) / revenue


def scenario_terms(params: dict) -> dict[str, tuple[int, int]]:
    return {AZURE_DEAL: (int(params["azure_start_year"]), int(params["azure_end_year"]))}


def model_years(params: dict) -> range:
    return range(int(params["model_first_year"]), int(params["model_last_year"]) + 1)


def scenario_revenue(params: dict, years: range) -> pd.Series:
    return revenue_path(
        int(params["start_year"]),
        params["start_revenue_usd_bn"],
        int(params["target_year"]),
        params["target_revenue_usd_bn"],
        years,
    )


def scenario_obligations(params: dict, compute: pd.DataFrame, years: range) -> pd.DataFrame:
    """Our contracts counted once, or (for a published model such as HSBC's) its own compute bill
    as one deal over its stated window."""
    if "compute_cost_usd_bn" in params:
        bill = pd.DataFrame(
            [
                {
                    "counterparty": "all suppliers",
                    "deal_ids": "",
                    "value_usd_bn": params["compute_cost_usd_bn"],
                    "early_start": int(params["compute_start_year"]),
                    "early_end": int(params["compute_end_year"]),
                    "late_start": int(params["compute_start_year"]),
                    "late_end": int(params["compute_end_year"]),
                }
            ]
        )
        return scheduled_obligations(bill, params["phasing"], years)
    return scheduled_obligations(counted_contracts(compute, scenario_terms(params)), params["phasing"], years)


def run_scenario(params: dict, compute: pd.DataFrame) -> dict:
    """Everything the chapter reports for one scenario: cash flows, funding need, coverage and
    the revenue share (payments, the year the cap binds, present value)."""
    years = model_years(params)
    revenue = scenario_revenue(params, years)
    schedule = scenario_obligations(params, compute, years)
    flows = cash_flows(revenue, obligations_series(schedule, years), params["other_cost_share_pct"] / 100)
    funds = params["cash_on_hand_usd_bn"] + params["committed_funding_usd_bn"]
    share_years = [y for y in years if y >= params["revenue_share_first_year"]]
    payments = revenue_share(
        revenue.loc[share_years],
        params["revenue_share_pct"],
        params["revenue_share_cap_usd_bn"],
        int(params["revenue_share_last_year"]),
    )
    last = years[-1]
    return {
        "years": years,
        "revenue": revenue,
        "schedule": schedule,
        "flows": flows,
        "funds": funds,
        "shortfall": funding_need(flows, last),
        "need": funding_need(flows, last, funds),
        "need_by_year": funding_need_by_year(flows, funds),
        "coverage_last": float(flows.loc[last, "coverage"]),
        "obligations_total": float(flows["obligations"].sum()),
        "payments": payments,
        "cap_year": year_cap_binds(payments),
        "paid_total": float(payments["payment"].sum()),
        "pv": present_value(payments["payment"], params["discount_rate_pct"], int(params["discount_base_year"])),
    }


def scenario_need(params: dict, compute: pd.DataFrame) -> float:
    return run_scenario(params, compute)["need"]


def scenario_summary(runs: dict[str, dict], params: dict[str, dict]) -> pd.DataFrame:
    """One row per scenario: the headline outputs (US$ bn unless stated)."""
    rows = []
    for name, run in runs.items():
        last = run["years"][-1]
        rows.append(
            {
                "scenario": name,
                "revenue_last": float(run["revenue"].loc[last]),
                "revenue_total": float(run["revenue"].sum()),
                "obligations_total": run["obligations_total"],
                "coverage_last": run["coverage_last"],
                "shortfall": run["shortfall"],
                "funds": run["funds"],
                "need": run["need"],
                "paid_total": run["paid_total"],
                "cap_year": run["cap_year"],
                "discount_rate_pct": params[name]["discount_rate_pct"],
                "pv": run["pv"],
            }
        )
    return pd.DataFrame(rows).set_index("scenario")


def pv_table(runs: dict[str, dict], rates: list[float], base_year: int) -> pd.DataFrame:
    """Present value of each scenario's payments to Microsoft at each discount rate."""
    return pd.DataFrame(
        {
            f"{rate:g}%": {
                name: present_value(run["payments"]["payment"], rate, base_year) for name, run in runs.items()
            }
            for rate in rates
        }
    )


def supplier_exposure(counted: pd.DataFrame, years: range) -> pd.DataFrame:
    """Per supplier: the contracted value counted once, and how much of it falls due within the
    window under the high and low phasings; sorted by the low (the surest) figure."""
    high = scheduled_obligations(counted, 0.0, years).groupby("counterparty")["obligation_usd_bn"].sum()
    low = scheduled_obligations(counted, 1.0, years).groupby("counterparty")["obligation_usd_bn"].sum()
    value = counted.groupby("counterparty")["value_usd_bn"].sum()
    frame = pd.DataFrame({"value_usd_bn": value, "due_high": high, "due_low": low}).fillna(0.0)
    frame["share_of_due_low_pct"] = 100 * frame["due_low"] / frame["due_low"].sum()
    return frame.sort_values("due_low", ascending=False, kind="stable").rename_axis("counterparty").reset_index()


def required_revenue_growth(params: dict, compute: pd.DataFrame, step: float = 0.5, most: float = 300) -> float:
    """The lowest constant annual revenue growth (%, from the start year, on a grid of ``step``)
    at which the scenario's obligations and other costs are paid from revenue and the cash and
    committed funding on hand by the last year. The need falls as growth rises, so a bisection
    on the grid finds it."""

    def pays(growth: float) -> bool:
        return scenario_need(with_growth(params, growth), compute) <= 0

    low, high = 0, int(round(most / step))
    if not pays(high * step):
        raise ValueError(f"no growth up to {most:g}% a year pays for the obligations")
    if pays(0):
        return 0.0
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if pays(middle * step) else (middle, high)
    return float(high * step)


def with_growth(params: dict, growth_pct: float) -> dict:
    """The scenario with revenue growing at ``growth_pct`` a year from its start to its last year."""
    last = int(params["model_last_year"])
    target = params["start_revenue_usd_bn"] * (1 + growth_pct / 100) ** (last - params["start_year"])
    return {**params, "target_year": last, "target_revenue_usd_bn": target}


def growth_pct(params: dict) -> float:
    """The scenario's constant annual revenue growth from its start to its target."""
    return 100 * growth_rate(
        params["start_revenue_usd_bn"],
        params["target_revenue_usd_bn"],
        int(params["target_year"] - params["start_year"]),
    )


def explorer_grid(params: dict, compute: pd.DataFrame, growths, phasings) -> pd.DataFrame:
    """Coverage and funding need by year for every growth and phasing a reader can pick (the web
    edition's sliders filter this table; nothing is computed in the browser)."""
    rows = []
    for growth in growths:
        for phasing in phasings:
            run = run_scenario({**with_growth(params, growth), "phasing": phasing}, compute)
            for year in run["years"]:
                rows.append(
                    {
                        "growth_pct": float(growth),
                        "phasing": float(phasing),
                        "year": year,
                        "revenue": float(run["revenue"].loc[year]),
                        "obligations": float(run["flows"].loc[year, "obligations"]),
                        "coverage": float(run["flows"].loc[year, "coverage"]),
                        "need": float(run["need_by_year"].loc[year]),
                    }
                )
    return pd.DataFrame(rows)


def share_grid(params: dict, growths, rates, discounts) -> pd.DataFrame:
    """Cumulative payments to Microsoft by year, and their present value, for every growth,
    revenue-share rate and discount rate a reader can pick."""
    rows = []
    for growth in growths:
        scenario = with_growth(params, growth)
        years = model_years(scenario)
        revenue = scenario_revenue(scenario, years)
        share_years = [y for y in years if y >= scenario["revenue_share_first_year"]]
        for rate in rates:
            payments = revenue_share(
                revenue.loc[share_years],
                rate,
                scenario["revenue_share_cap_usd_bn"],
                int(scenario["revenue_share_last_year"]),
            )
            for discount in discounts:
                pv = present_value(payments["payment"], discount, int(scenario["discount_base_year"]))
                for year, row in payments.iterrows():
                    rows.append(
                        {
                            "growth_pct": float(growth),
                            "rate_pct": float(rate),
                            "discount_pct": float(discount),
                            "year": int(year),
                            "cumulative": float(row["cumulative"]),
                            "pv": pv,
                        }
                    )
    return pd.DataFrame(rows)


def sensitivity_ranges(params: dict[str, dict], names: list[str], low: str = "bull", high: str = "bear") -> dict:
    """Each assumption's range: its value in the ``low`` and ``high`` scenarios."""
    return {name: (params[low][name], params[high][name]) for name in names}


def calibration(
    params: dict, compute: pd.DataFrame, published_gap: float, tolerance: float = CALIBRATION_TOLERANCE
) -> dict:
    """The model's funding gap on a published model's inputs, beside the published gap."""
    gap = scenario_need(params, compute)
    return {
        "gap": gap,
        "published": published_gap,
        "difference": gap - published_gap,
        "relative": (gap - published_gap) / published_gap,
        "within": abs(gap - published_gap) <= tolerance * published_gap,
        "tolerance": tolerance,
    }


# -- What the chapter shows readers ---------------------------------------------------------------

SENSITIVITY_LABELS = {
    "growth_pct": "Revenue growth a year, 2025-2030",
    "other_cost_share_pct": "Other costs, % of revenue",
    "phasing": "Phasing of the contracts",
    "azure_end_year": "Last year of the Azure commitment",
    "committed_funding_usd_bn": "Committed funding that arrives",
}


def net_need(params: dict, compute: pd.DataFrame) -> float:
    """The deepest cumulative shortfall through the last year less cash and committed funding:
    positive, money still to raise; negative, a cushion."""
    run = run_scenario(params, compute)
    return run["shortfall"] - run["funds"]


def _range_text(name: str, low: float, high: float) -> str:
    if name == "phasing":
        words = {0.0: "high", 0.5: "midway", 1.0: "low"}
        return f"{words.get(low, f'{low:g}')} → {words.get(high, f'{high:g}')}"
    if name.endswith("_pct"):
        return f"{low:.0f}% → {high:.0f}%"
    if name.endswith("_usd_bn"):
        return f"${low:g}B → ${high:g}B"
    return f"{low:g} → {high:g}"


def base_sensitivity(params: dict[str, dict], compute: pd.DataFrame, base: str = "base") -> pd.DataFrame:
    """Net need with each assumption of the base moved alone to its bull and its bear value
    (revenue as constant growth to the last year), largest swing first."""
    with_rates = {name: {**p, "growth_pct": growth_pct(p)} for name, p in params.items()}
    ranges = sensitivity_ranges(with_rates, list(SENSITIVITY_LABELS))
    table = sensitivity(with_rates[base], ranges, lambda a: net_need(with_growth(a, a["growth_pct"]), compute))
    table["label"] = table["assumption"].map(SENSITIVITY_LABELS)
    table["range"] = [_range_text(n, lo, hi) for n, lo, hi in zip(table["assumption"], table["low"], table["high"])]
    return table


def azure_per_year(commitment: float, params: dict) -> float:
    """The Azure revenue a year the commitment implies over the scenario's assumed term."""
    return commitment / (params["azure_end_year"] - params["azure_start_year"] + 1)


def scenarios_table(summary: pd.DataFrame, names: dict[str, str]) -> pd.DataFrame:
    """The headline outputs per path, as the page prints them."""
    from .. import fmt

    rows = summary.loc[[n for n in names if n in summary.index]]
    return pd.DataFrame(
        {
            "Path": [names[n] for n in rows.index],
            "Revenue 2030": rows["revenue_last"].map(fmt.usd_bn).tolist(),
            "Compute due 2026-30": rows["obligations_total"].map(fmt.usd_bn).tolist(),
            "Coverage 2030": rows["coverage_last"].map(lambda v: fmt.multiple(v, 2)).tolist(),
            "Shortfall by 2030": rows["shortfall"].map(fmt.usd_bn).tolist(),
            "Cash and committed": rows["funds"].map(fmt.usd_bn).tolist(),
            "Still to raise": rows["need"].map(fmt.usd_bn).tolist(),
            "Cap binds": [str(y) if pd.notna(y) else "never" for y in rows["cap_year"]],
            "PV to Microsoft": [f"{fmt.usd_bn(v)} at {r:g}%" for v, r in zip(rows["pv"], rows["discount_rate_pct"])],
        }
    )


def assumptions_table(assumptions: pd.DataFrame, scenarios=("bear", "base", "bull", "hsbc")) -> pd.DataFrame:
    """Every parameter with its value in each scenario and the base row's source."""
    wide = assumptions.pivot(index="parameter", columns="scenario", values="value")
    order = list(dict.fromkeys(assumptions["parameter"]))
    sources = assumptions.drop_duplicates("parameter", keep="first").set_index("parameter")["source"]
    base_sources = assumptions[assumptions["scenario"] == "base"].set_index("parameter")["source"]
    return pd.DataFrame(
        {
            "Parameter": order,
            **{
                name.upper() if name == "hsbc" else name.title(): [
                    "" if pd.isna(wide.loc[p].get(name)) else f"{wide.loc[p][name]:g}" for p in order
                ]
                for name in scenarios
            },
            "Source (base, else first)": [base_sources.get(p, sources[p]) for p in order],
        }
    )


def need_with(params: dict, compute: pd.DataFrame, **changes) -> float:
    """The money still to raise by the last year with some assumptions changed."""
    return scenario_need({**params, **changes}, compute)


def counted_rows(compute: pd.DataFrame, counted: pd.DataFrame) -> pd.DataFrame:
    """The compute_commitments rows behind the contracts counted."""
    ids = " ".join(counted["deal_ids"]).split()
    return compute[compute["deal_id"].isin(ids)]


def contracts_table(counted: pd.DataFrame, compute: pd.DataFrame) -> pd.DataFrame:
    """The contracts counted, one line per deal, with both stated terms and the rows' sources."""
    from .. import fmt
    from ..vocabulary import company

    sources = compute.set_index("deal_id")["source"]
    return pd.DataFrame(
        {
            "Supplier": [company(c) for c in counted["counterparty"]],
            "Value": counted["value_usd_bn"].map(fmt.usd_bn).tolist(),
            "Earliest term": [f"{a}-{b}" for a, b in zip(counted["early_start"], counted["early_end"])],
            "Latest term": [f"{a}-{b}" for a, b in zip(counted["late_start"], counted["late_end"])],
            "Rows": [ids.replace(" ", ", ") for ids in counted["deal_ids"]],
            "Source": [" ".join(dict.fromkeys(sources[i] for i in ids.split())) for ids in counted["deal_ids"]],
        }
    )


def exposure_table(exposure: pd.DataFrame) -> pd.DataFrame:
    from .. import fmt
    from ..vocabulary import company

    return pd.DataFrame(
        {
            "Supplier": [company(c) for c in exposure["counterparty"]],
            "Contracted": exposure["value_usd_bn"].map(fmt.usd_bn).tolist(),
            "Due 2026-30, low phasing": exposure["due_low"].map(fmt.usd_bn).tolist(),
            "Due 2026-30, high phasing": exposure["due_high"].map(fmt.usd_bn).tolist(),
            "Share of what falls due (low)": exposure["share_of_due_low_pct"].map(fmt.pct).tolist(),
        }
    )


def published_value(models: pd.DataFrame, model_id: str, metric: str) -> pd.DataFrame:
    """One published output of an outside model (a single row of third_party_models)."""
    rows = models[(models["model_id"] == model_id) & (models["metric"] == metric)]
    if len(rows) != 1:
        raise LookupError(f"third_party_models has no single {model_id}/{metric} row")
    return rows


def first_year_covered(run: dict) -> int | None:
    """The first year in which revenue exceeds contracted obligations (coverage below 1)."""
    below = run["flows"].index[run["flows"]["coverage"] < 1]
    return int(below[0]) if len(below) else None


def linear_revenue_gain(params: dict) -> float:
    """How much more revenue a straight line from the start to the target would bring over the
    modelled years than constant growth between the same two points (the most front-loaded
    smooth path against the most back-loaded)."""
    years = model_years(params)
    geometric = scenario_revenue(params, years)
    start, target = params["start_revenue_usd_bn"], params["target_revenue_usd_bn"]
    span = params["target_year"] - params["start_year"]
    linear = pd.Series([start + (target - start) * (y - params["start_year"]) / span for y in years], index=list(years))
    return float((linear - geometric).sum())


def pv_display(pvs: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    from .. import fmt

    names = names or {"bear": "Bear", "base": "Base", "bull": "Bull"}
    shown = pvs.map(fmt.usd_bn)
    shown.columns = [f"At {c}" for c in shown.columns]
    return shown.rename(index=names).rename_axis("Path").reset_index()
