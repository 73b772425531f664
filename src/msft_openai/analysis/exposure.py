"""Microsoft's exposure to OpenAI: how much of its business OpenAI is, how the money loops among
the AI alliances, whether the build-out earns its cost beside its rivals', and how the market and
the regulators have read the deal.

Pure functions over the loaded tables; the chapter ``book/exposure.md`` shows what they return.
"""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..publish import Fact
from ..vocabulary import company, company_colour

# -- Concentration --------------------------------------------------------------------------------

# The 10-K's related-party note: revenue Microsoft booked from OpenAI in fiscal 2026 (peer_alliances).
OPENAI_REVENUE_ROW = "msft_openai_revenue_fy2026"
OPENAI_REVENUE_FISCAL_YEAR = 2026
# The 10-K's net gains on the OpenAI investment in the same fiscal year (peer_alliances).
OPENAI_GAINS_ROW = "msft_openai_gains_fy2026"


def fiscal_year_total(quarterly: pd.DataFrame, metric: str, fiscal_year: int) -> Fact:
    """A Microsoft metric summed over the four quarters of a fiscal year; all four must be there."""
    rows = quarterly[(quarterly["metric"] == metric) & (quarterly["fiscal_year"] == fiscal_year)]
    found = sorted(rows["fiscal_quarter"].astype(int))
    if found != [1, 2, 3, 4]:
        raise LookupError(f"microsoft_quarterly has quarters {found} of FY{fiscal_year} {metric}, not all four")
    return Fact(float(rows["value"].sum()), rows=rows, unit=str(rows["unit"].iloc[0]))


def openai_share_of_revenue(quarterly: pd.DataFrame, alliances: pd.DataFrame) -> Fact:
    """OpenAI's share of Microsoft's revenue in the fiscal year the 10-K discloses it for."""
    row = alliances[alliances["row_id"] == OPENAI_REVENUE_ROW]
    if len(row) != 1:
        raise LookupError(f"peer_alliances has no single {OPENAI_REVENUE_ROW!r} row")
    total = fiscal_year_total(quarterly, "revenue", OPENAI_REVENUE_FISCAL_YEAR)
    from_openai = float(row["value"].iloc[0])
    return Fact(
        100 * from_openai / total.value,
        rows=[row, total.rows],
        unit="pct",
        extra={"from_openai": from_openai, "total": total.value, "fiscal_year": OPENAI_REVENUE_FISCAL_YEAR},
    )


def exposure_series(exposure: pd.DataFrame, metric: str) -> pd.DataFrame:
    """One metric of microsoft_openai_exposure in fiscal order, labelled ``FY2026 Q2``."""
    rows = exposure[exposure["metric"] == metric].sort_values(["fiscal_year", "fiscal_quarter"], kind="stable")
    if rows.empty:
        raise LookupError(f"microsoft_openai_exposure has no {metric!r} rows")
    return rows.assign(quarter=[fmt.fiscal_quarter(y, q) for y, q in zip(rows["fiscal_year"], rows["fiscal_quarter"])])


def latest_exposure(exposure: pd.DataFrame, metric: str) -> Fact:
    row = exposure_series(exposure, metric).iloc[-1]
    return Fact(float(row["value"]), rows=row, unit=str(row["unit"]), extra={"quarter": row["quarter"]})


def rpo_split(exposure: pd.DataFrame) -> pd.DataFrame:
    """Commercial RPO in each quarter where Microsoft gave OpenAI's share: the OpenAI part and the
    rest, in US$ bn (the share is Microsoft's rounded percentage, so the split is approximate)."""
    total = exposure_series(exposure, "commercial_rpo")[["fiscal_year", "fiscal_quarter", "quarter", "value"]]
    share = exposure_series(exposure, "commercial_rpo_openai_share_pct")[["fiscal_year", "fiscal_quarter", "value"]]
    both = total.merge(share, on=["fiscal_year", "fiscal_quarter"], suffixes=("_total", "_share"))
    openai = both["value_total"] * both["value_share"] / 100
    return pd.DataFrame(
        {
            "quarter": both["quarter"],
            "total": both["value_total"],
            "openai_share_pct": both["value_share"],
            "openai": openai,
            "rest": both["value_total"] - openai,
        }
    )


def rpo_growth(exposure: pd.DataFrame) -> pd.DataFrame:
    """Commercial RPO growth year on year, with and without OpenAI where Microsoft gave both."""
    series = {
        "All customers": "commercial_rpo_growth_pct",
        "Excluding OpenAI": "commercial_rpo_growth_ex_openai_pct",
    }
    frames = [
        exposure_series(exposure, metric)[["fiscal_year", "fiscal_quarter", "quarter", "value", "source"]].assign(
            series=name
        )
        for name, metric in series.items()
    ]
    return pd.concat(frames, ignore_index=True)


# -- Money loops ----------------------------------------------------------------------------------

MONEY_IN = ("equity_investment", "warrant")
MONEY_BACK = ("compute_purchase", "chip_purchase")
# Flows that are a year's booked revenue, not a commitment: never added to commitments.
BOOKED_NOT_COMMITTED = ("f03",)


def _parties(cell: str) -> list[str]:
    return [part.strip() for part in str(cell).split(";")]


def round_trips(flows: pd.DataFrame) -> pd.DataFrame:
    """Each investor-lab pair whose money goes both ways: equity (or warrants) in, purchases
    back. Stated amounts are summed by direction; unpriced flows are counted, not valued."""
    commitments = flows[~flows["edge_id"].isin(BOOKED_NOT_COMMITTED)]
    pairs = []
    # Sorted: a set's order changes from one process to the next, and the output must not.
    for investor, lab in sorted(
        {
            (giver, taker)
            for _, row in commitments[commitments["kind"].isin(MONEY_IN)].iterrows()
            for giver in _parties(row["from_party"])
            for taker in _parties(row["to_party"])
        }
    ):
        into = commitments[
            commitments["kind"].isin(MONEY_IN)
            & commitments["from_party"].map(lambda cell, who=investor: who in _parties(cell))
            & (commitments["to_party"] == lab)
        ]
        back = commitments[
            commitments["kind"].isin(MONEY_BACK)
            & (commitments["from_party"] == lab)
            & commitments["to_party"].map(lambda cell, who=investor: who in _parties(cell))
        ]
        if back.empty:
            continue
        money_in, money_back = into["amount_usd_bn"].sum(min_count=1), back["amount_usd_bn"].sum(min_count=1)
        pairs.append(
            {
                "investor": investor,
                "lab": lab,
                "money_in": money_in,
                "money_back": money_back,
                "back_per_dollar_in": money_back / money_in if pd.notna(money_in) and pd.notna(money_back) else None,
                "unpriced_flows": int(into["amount_usd_bn"].isna().sum() + back["amount_usd_bn"].isna().sum()),
                "edges": ", ".join(sorted(set(into["edge_id"]) | set(back["edge_id"]))),
            }
        )
    frame = pd.DataFrame(pairs)
    ordered = frame.sort_values(["money_back", "investor"], ascending=[False, True], kind="stable", na_position="last")
    return ordered.reset_index(drop=True)


def pair(trips: pd.DataFrame, investor: str, lab: str) -> pd.Series:
    found = trips[(trips["investor"] == investor) & (trips["lab"] == lab)]
    if len(found) != 1:
        raise LookupError(f"no round trip {investor} -> {lab}")
    return found.iloc[0]


def highest_other_ratio(trips: pd.DataFrame, investor: str, lab: str) -> pd.Series:
    """The pair, other than the one named, with the most committed back per dollar in."""
    others = trips[~((trips["investor"] == investor) & (trips["lab"] == lab))].dropna(subset=["back_per_dollar_in"])
    return others.sort_values("back_per_dollar_in", ascending=False, kind="stable").iloc[0]


def round_trip_rows(flows: pd.DataFrame, trips: pd.DataFrame) -> pd.DataFrame:
    ids = {edge.strip() for cell in trips["edges"] for edge in cell.split(",")}
    return flows[flows["edge_id"].isin(ids)]


def flow_matrix(flows: pd.DataFrame) -> pd.DataFrame:
    """Who pays whom, one cell per payer and payee: the stated amounts (summed) and what kind of
    money it is. A flow with several payers or payees is drawn in each of their cells."""
    cells = []
    for _, row in flows[~flows["edge_id"].isin(BOOKED_NOT_COMMITTED)].iterrows():
        for payer in _parties(row["from_party"]):
            for payee in _parties(row["to_party"]):
                cells.append({"payer": payer, "payee": payee, "kind": row["kind"], "amount": row["amount_usd_bn"]})
    frame = pd.DataFrame(cells)
    grouped = frame.groupby(["payer", "payee"], sort=True)
    return pd.DataFrame(
        {
            "amount": grouped["amount"].sum(min_count=1),
            "kinds": grouped["kind"].agg(lambda kinds: ", ".join(sorted(set(kinds)))),
            "flows": grouped.size(),
        }
    ).reset_index()


# -- Peer alliances -------------------------------------------------------------------------------

ALLIANCES = {
    "microsoft_openai": "Microsoft–OpenAI",
    "amazon_anthropic": "Amazon–Anthropic",
    "google_anthropic": "Google–Anthropic",
    "microsoft_nvidia_anthropic": "Microsoft and Nvidia–Anthropic",
    "oracle_openai": "Oracle–OpenAI",
    "aws_openai": "AWS–OpenAI",
}
# The rows that state each alliance's equity in and compute commitments back. Picked by hand
# because the table is not additive: some rows are components or earlier versions of others.
HEADLINE_ROWS = {
    "microsoft_openai": {"equity": ["msft_openai_equity_2026_06"], "compute": ["msft_openai_azure_2025_10"]},
    "amazon_anthropic": {
        "equity": ["amzn_anthropic_equity_pre2026", "amzn_anthropic_equity_2026_04"],
        "compute": ["amzn_anthropic_compute_2026_04"],
    },
    "google_anthropic": {"equity": ["goog_anthropic_equity_2026_04"], "compute": []},
    "microsoft_nvidia_anthropic": {
        "equity": ["msft_nvda_anthropic_equity_2025_11"],
        "compute": ["msft_nvda_anthropic_azure_2025_11"],
    },
    "oracle_openai": {"equity": [], "compute": ["oracle_openai_compute_2025_09"]},
    "aws_openai": {
        "equity": ["aws_openai_equity_2026_02"],
        "compute": ["aws_openai_compute_2025_11", "aws_openai_compute_2026_02"],
    },
}
DIMENSIONS = {
    "equity_invested_usd_bn": "Equity",
    "stake_pct": "Stake",
    "compute_commitment_usd_bn": "Compute committed to the investor",
    "exclusivity": "Exclusivity",
    "revenue_share": "Revenue share",
    "chips": "Chips",
    "gains_booked_usd_bn": "Gains booked",
}


def alliance_headlines(alliances: pd.DataFrame) -> pd.DataFrame:
    """Equity in and compute commitments back, per alliance, from the named rows."""
    records = []
    for code, picks in HEADLINE_ROWS.items():
        values = {}
        for what, ids in picks.items():
            missing = sorted(set(ids) - set(alliances["row_id"]))
            if missing:
                raise LookupError(f"peer_alliances lacks rows {missing}")
            chosen = alliances[alliances["row_id"].isin(ids)]
            values[what] = chosen["value"].sum(min_count=1) if ids else float("nan")
        ratio = (
            values["compute"] / values["equity"]
            if values["equity"] and values["compute"] == values["compute"]
            else None
        )
        records.append({"alliance": ALLIANCES[code], "code": code, **values, "compute_per_equity": ratio})
    return pd.DataFrame(records)


def headline_rows(alliances: pd.DataFrame) -> pd.DataFrame:
    ids = [row for picks in HEADLINE_ROWS.values() for group in picks.values() for row in group]
    return alliances[alliances["row_id"].isin(ids)]


def alliance_table(alliances: pd.DataFrame) -> pd.DataFrame:
    """The comparison table readers see: one row per alliance, one column per dimension, each
    cell the rows' descriptions (latest first) and the cell's sources for the citation column."""
    shown = alliances[alliances["alliance"].isin(ALLIANCES) & alliances["dimension"].isin(DIMENSIONS)]
    records = []
    for code, name in ALLIANCES.items():
        own = shown[shown["alliance"] == code].sort_values("as_of_date", ascending=False, kind="stable")
        record = {"Alliance": name}
        for dimension, heading in DIMENSIONS.items():
            cell = own[own["dimension"] == dimension]
            record[heading] = " / ".join(_cell_text(row) for _, row in cell.iterrows()) or "—"
        record["Sources"] = ",".join(dict.fromkeys(own["source"]))
        records.append(record)
    return pd.DataFrame(records)


def _cell_text(row: pd.Series) -> str:
    if pd.isna(row["value"]):
        return row["text"]
    number = fmt.pct(row["value"]) if row["dimension"] == "stake_pct" else fmt.usd_bn(row["value"])
    return f"{number} ({fmt.month(row['as_of_date'])}): {row['text']}"


# -- Returns on the build-out ---------------------------------------------------------------------


def quarterly(financials: pd.DataFrame) -> pd.DataFrame:
    """Rows for a single quarter: their fiscal label names one ("Q2 2026", "FY2026 Q4"); a year's
    total, an outlook or an effective date is left out."""
    labels = financials["fiscal_label"].astype(str)
    return financials[labels.str.contains(r"Q[1-4]\b", regex=True) & ~labels.str.contains("outlook|effective")]


def annual(financials: pd.DataFrame) -> pd.DataFrame:
    """Rows for a whole fiscal year (Microsoft's "FY2026"), dated at the year's last quarter."""
    return financials[financials["fiscal_label"].astype(str).str.fullmatch(r"FY\d{4}")]


def trailing_sum(frame: pd.DataFrame, quarter_column: str, value_column: str, last: str, quarters: int = 4):
    """The sum of the ``quarters`` consecutive calendar quarters ending at ``last``, or None when
    any is missing (a partial year is not a year)."""
    wanted = list(pd.period_range(end=pd.Period(last, freq="Q"), periods=quarters, freq="Q").strftime("%Y-Q%q"))
    picked = frame[frame[quarter_column].isin(wanted)]
    if sorted(picked[quarter_column]) != sorted(wanted):
        return None, picked
    return float(picked[value_column].sum()), picked


def _quarters_back(last: str, count: int) -> str:
    return (pd.Period(last, freq="Q") - count).strftime("%Y-Q%q")


def incremental_revenue_per_capex(revenue: pd.DataFrame, cash: pd.DataFrame, last: str) -> dict | None:
    """New cloud revenue per dollar of the previous year's capex: the rise in quarterly cloud
    revenue over a year, annualised (×4), divided by cash capex in the four quarters before that
    year. A crude, lagged measure: revenue from capacity bought earlier, against capex that also
    serves other businesses."""
    year_ago = _quarters_back(last, 4)
    now, then = revenue[revenue["calendar_quarter"] == last], revenue[revenue["calendar_quarter"] == year_ago]
    spent, spent_rows = trailing_sum(cash, "calendar_quarter", "capex_usd_bn", year_ago)
    if now.empty or then.empty or spent is None:
        return None
    added = 4 * (float(now["value"].iloc[0]) - float(then["value"].iloc[0]))
    return {
        "added_annualised": added,
        "capex_year_before": spent,
        "per_dollar": added / spent,
        "rows": [now, then, spent_rows],
    }


def year_of_flow(financials: pd.DataFrame, company_code: str, metric: str, quarter: str):
    """A flow over the four quarters ending at ``quarter``: four quarterly figures summed, else
    the company's trailing-twelve-month figure (Amazon), else its fiscal year's (Microsoft).
    Returns the value (None when the data hold none of these) and the rows it rests on."""
    own = financials[financials["company"] == company_code]
    rows = own[own["metric"] == metric]
    total, picked = trailing_sum(quarterly(rows), "calendar_quarter", "value", quarter)
    if total is not None:
        return total, picked
    whole = pd.concat([own[own["metric"] == f"{metric}_ttm"], annual(rows)])
    whole = whole[whole["calendar_quarter"] == quarter]
    return (float(whole["value"].iloc[0]), whole.iloc[[0]]) if len(whole) else (None, whole)


def capex_to_cash_flow(cash: pd.DataFrame, financials: pd.DataFrame, company_code: str, last: str) -> dict | None:
    """Cash capex over operating cash flow in the four quarters to ``last``."""
    spent, spent_rows = trailing_sum(cash[cash["company"] == company_code], "calendar_quarter", "capex_usd_bn", last)
    earned, earned_rows = year_of_flow(financials, company_code, "operating_cash_flow", last)
    if spent is None or earned is None:
        return None
    return {"capex": spent, "ocf": earned, "ratio": spent / earned, "last": last, "rows": [spent_rows, earned_rows]}


def four_quarters(financials: pd.DataFrame, company_code: str, metric: str, last: str) -> dict | None:
    """A flow over the latest four quarters, ending at or before ``last``, the data hold."""
    for back in range(0, 8):
        quarter = _quarters_back(last, back)
        value, rows = year_of_flow(financials, company_code, metric, quarter)
        if value is not None:
            return {"value": value, "last": quarter, "rows": rows}
    return None


def latest_capex_to_cash_flow(cash: pd.DataFrame, financials: pd.DataFrame, company_code: str, last: str):
    """The latest four-quarter window, ending at or before ``last``, with both figures sourced."""
    for back in range(0, 8):
        found = capex_to_cash_flow(cash, financials, company_code, _quarters_back(last, back))
        if found:
            return found
    return None


def cover_frame(covers: dict[str, dict | None]) -> pd.DataFrame:
    """The companies with a four-quarter capex-to-cash-flow figure, highest first."""
    records = [
        {
            "code": code,
            "company": company(code),
            "colour": company_colour(code),
            "window": found["last"],
            "ratio_pct": 100 * found["ratio"],
        }
        for code, found in covers.items()
        if found
    ]
    return pd.DataFrame(records).sort_values("ratio_pct", ascending=False, kind="stable").reset_index(drop=True)


def cover_rows(covers: dict[str, dict | None]) -> pd.DataFrame:
    return pd.concat([rows for found in covers.values() if found for rows in found["rows"]])


def incremental_table(cash: pd.DataFrame, financials: pd.DataFrame, companies: list[str], last: str) -> dict:
    """Incremental cloud revenue per dollar of the year-earlier capex, at each company's latest
    quarter (to ``last`` at most) where the data allow it."""
    found = {}
    for code in companies:
        revenue = quarterly(financials[(financials["company"] == code) & (financials["metric"] == "cloud_revenue")])
        for back in range(0, 8):
            quarter = _quarters_back(last, back)
            result = incremental_revenue_per_capex(revenue, cash[cash["company"] == code], quarter)
            if result:
                found[code] = {**result, "last": quarter}
                break
    return found


def latest_metric(financials: pd.DataFrame, company_code: str, metric: str) -> pd.Series | None:
    rows = financials[(financials["company"] == company_code) & (financials["metric"] == metric)]
    return None if rows.empty else rows.sort_values("period_end", kind="stable").iloc[-1]


def _signed_usd_bn(value: float) -> str:
    return ("−" if value < 0 else "") + fmt.usd_bn(abs(value))


def cloud_margin(financials: pd.DataFrame, company_code: str) -> dict | None:
    """The latest cloud-segment margin a company gives: its stated percentage where it states one
    (Microsoft's is a gross margin, the others' operating margins), else segment operating
    income over segment revenue in the same quarter."""
    own = quarterly(financials[financials["company"] == company_code])
    candidates = []
    for metric, basis in (("cloud_gross_margin_pct", "gross"), ("cloud_operating_margin_pct", "operating")):
        stated = own[own["metric"] == metric]
        if len(stated):
            row = stated.sort_values("period_end", kind="stable").iloc[-1]
            candidates.append(
                {
                    "pct": float(row["value"]),
                    "basis": basis,
                    "quarter": row["calendar_quarter"],
                    "rows": stated.loc[[row.name]],
                }
            )
    income, revenue = own[own["metric"] == "cloud_operating_income"], own[own["metric"] == "cloud_revenue"]
    both = income.merge(revenue, on="calendar_quarter", suffixes=("_income", "_revenue"))
    if len(both):
        row = both.sort_values("calendar_quarter", kind="stable").iloc[-1]
        quarter = row["calendar_quarter"]
        candidates.append(
            {
                "pct": 100 * row["value_income"] / row["value_revenue"],
                "basis": "operating",
                "quarter": quarter,
                "rows": pd.concat(
                    [income[income["calendar_quarter"] == quarter], revenue[revenue["calendar_quarter"] == quarter]]
                ),
            }
        )
    if not candidates:
        return None
    # The latest quarter wins; a stated percentage wins a tie (it is the company's own rounding).
    return max(enumerate(candidates), key=lambda item: (item[1]["quarter"], -item[0]))[1]


def returns_table(cash: pd.DataFrame, financials: pd.DataFrame, companies: list[str], last: str) -> pd.DataFrame:
    """The returns comparison readers see: the latest four quarters (to ``last`` at most) with both
    figures sourced; a dash where a company does not disclose a figure or this desk has not
    sourced all four quarters."""
    records = []
    for code in companies:
        covered = latest_capex_to_cash_flow(cash, financials, code, last)
        life = latest_metric(financials, code, "server_useful_life_years")
        leases = latest_metric(financials, code, "leases_not_yet_commenced")
        margin = cloud_margin(financials, code)
        free = four_quarters(financials, code, "free_cash_flow", last)
        records.append(
            {
                "Company": company(code),
                "Four quarters to": covered["last"] if covered else "—",
                "Cash capex": fmt.usd_bn(covered["capex"]) if covered else "—",
                "Operating cash flow": fmt.usd_bn(covered["ocf"]) if covered else "—",
                "Capex ÷ operating cash flow": fmt.pct(100 * covered["ratio"]) if covered else "—",
                "Free cash flow, four quarters": (
                    f"{_signed_usd_bn(free['value'])} (to {free['last']})" if free else "—"
                ),
                "Cloud margin, latest quarter": (
                    f"{fmt.pct(margin['pct'])} {margin['basis']} ({margin['quarter']})" if margin else "—"
                ),
                "Server life (years)": f"{life['value']:g}" if life is not None else "—",
                "Leases signed, not yet begun": fmt.usd_bn(leases["value"]) if leases is not None else "—",
            }
        )
    return pd.DataFrame(records)


# -- Market and regulation ------------------------------------------------------------------------


def first_common_close(prices: pd.DataFrame, tickers: list[str], on_or_after) -> pd.Timestamp:
    """The first day on or after ``on_or_after`` with a stated close for every ticker named."""
    closes = prices.dropna(subset=["close_usd"])
    closes = closes[closes["date"] >= pd.Timestamp(on_or_after)]
    days = closes.groupby("date")["ticker"].agg(set)
    common = [day for day, held in days.items() if set(tickers) <= held]
    if not common:
        raise LookupError(f"no day on or after {on_or_after} with closes for all of {tickers}")
    return min(common)


def news_days(prices: pd.DataFrame, ticker: str, deal_date) -> pd.DataFrame:
    """The days the ticker's move is recorded with the news that moved it, after the deal."""
    days = prices[
        (prices["ticker"] == ticker) & prices["change_pct"].notna() & (prices["date"] >= pd.Timestamp(deal_date))
    ]
    return days.assign(label=[f"{fmt.month(d)}: {c:+.0f}%" for d, c in zip(days["date"], days["change_pct"])])


def indexed_closes(prices: pd.DataFrame, base_date) -> pd.DataFrame:
    """Closing levels indexed to 100 on ``base_date``, for each ticker with a close that day."""
    closes = prices.dropna(subset=["close_usd"])
    base = closes[closes["date"] == pd.Timestamp(base_date)].set_index("ticker")["close_usd"]
    shown = closes[closes["ticker"].isin(base.index)]
    return shown.assign(index=100 * shown["close_usd"] / shown["ticker"].map(base)).sort_values(
        ["ticker", "date"], kind="stable"
    )


def relative_move(indexed: pd.DataFrame, ticker: str, benchmark: str) -> Fact:
    """How far ``ticker`` has moved against ``benchmark`` since the base date, in index points
    (percentage points), at the latest day both closed."""
    both = indexed[indexed["ticker"].isin([ticker, benchmark])].pivot(index="date", columns="ticker", values="index")
    both = both.dropna()
    if both.empty:
        raise LookupError(f"no day with closes for both {ticker} and {benchmark}")
    last = both.index.max()
    rows = indexed[(indexed["date"] == last) & indexed["ticker"].isin([ticker, benchmark])]
    return Fact(
        float(both.loc[last, ticker] - both.loc[last, benchmark]),
        rows=rows,
        unit="pts",
        extra={"date": last, ticker: float(both.loc[last, ticker]), benchmark: float(both.loc[last, benchmark])},
    )


def market_value_change(prices: pd.DataFrame, ticker: str, benchmark: str, start) -> Fact:
    """How far ``ticker``'s market value moved from ``start`` to the latest day with a stated
    market value, beside the benchmark's close over the same two days (both in percent)."""
    caps = prices[(prices["ticker"] == ticker) & prices["market_cap_usd_trn"].notna()]
    first = caps[caps["date"] == pd.Timestamp(start)]
    last = caps[caps["date"] > pd.Timestamp(start)].sort_values("date", kind="stable").tail(1)
    if first.empty or last.empty:
        raise LookupError(f"no market value for {ticker} on {start} and after it")
    end = last["date"].iloc[0]
    closes = prices[(prices["ticker"] == benchmark) & prices["close_usd"].notna()]
    bench = closes[closes["date"].isin([pd.Timestamp(start), end])].sort_values("date", kind="stable")
    if len(bench) != 2:
        raise LookupError(f"no {benchmark} close on both {start} and {end.date()}")
    value = 100 * (float(last["market_cap_usd_trn"].iloc[0]) / float(first["market_cap_usd_trn"].iloc[0]) - 1)
    bench_change = 100 * (float(bench["close_usd"].iloc[1]) / float(bench["close_usd"].iloc[0]) - 1)
    return Fact(
        value,
        rows=pd.concat([first, last, bench]),
        unit="pct",
        extra={
            "end": end,
            "benchmark_change": bench_change,
            "start_value": float(first["market_cap_usd_trn"].iloc[0]),
            "end_value": float(last["market_cap_usd_trn"].iloc[0]),
        },
    )


def market_table(prices: pd.DataFrame, ticker: str, benchmark: str, names: dict[str, str]) -> pd.DataFrame:
    """The days the data hold, one row each: the company's move and market value, the benchmark's."""
    records = []
    for day, rows in prices.sort_values("date", kind="stable").groupby("date", sort=True):
        own, bench = rows[rows["ticker"] == ticker], rows[rows["ticker"] == benchmark]
        if own.empty:
            continue
        move = own["change_pct"].dropna()
        cap = own["market_cap_usd_trn"].dropna()
        records.append(
            {
                "Date": fmt.long_date(day),
                names[ticker]: f"{move.iloc[0]:+g}%" if len(move) else "—",
                "Market value": f"${cap.iloc[0]:.2f} trillion" if len(cap) else "—",
                names[benchmark]: (
                    f"{bench['close_usd'].iloc[0]:,.2f} ({bench['change_pct'].iloc[0]:+g}%)" if len(bench) else "—"
                ),
                "What happened": own["event"].iloc[0],
                "Sources": ",".join(dict.fromkeys(rows[rows["ticker"].isin([ticker, benchmark])]["source"])),
            }
        )
    return pd.DataFrame(records)


def regulatory_table(record: pd.DataFrame) -> pd.DataFrame:
    """The regulatory and legal record as a dated table, oldest first."""
    ordered = record.sort_values("date", kind="stable")
    return pd.DataFrame(
        {
            "Date": [fmt.dated(d, p) for d, p in zip(ordered["date"], ordered["date_precision"])],
            "Authority": ordered["authority"].tolist(),
            "What": ordered["title"].tolist(),
            "Outcome": ordered["outcome"].tolist(),
            "Source": ordered["source"].tolist(),
        }
    )
