"""Part 2, OpenAI's restructuring: the cap table and its arithmetic, later stakes, dilution,
the valuations, and the steps from nonprofit lab to public benefit corporation."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..publish import Fact
from ..vocabulary import company
from . import facts

HOLDERS = ["openai_foundation", "microsoft", "employees_and_investors"]
KIND_NAMES = {
    "funding_round": "Funding round (new money)",
    "secondary_sale": "Sale of existing shares",
    "tender_offer": "Sale of existing shares",
    "reported_talks": "Reported talks (no deal)",
}
BASIS_NAMES = {
    "post_money": "Post-money",
    "pre_money": "Pre-money",
    "secondary": "Price of existing shares",
    "unspecified": "Not specified",
}
LANES = {
    "structure": "Structure and control",
    "funding": "Funding",
    "funding_condition": "Funding",
    "regulatory": "Regulators and courts",
    "litigation": "Regulators and courts",
    "philanthropy": "Foundation",
    "ipo": "Listing",
}
# Partnership-timeline events that belong on the restructuring's timeline, with their lane.
TIMELINE_EVENTS = {
    "msft_invest_2019": "funding",
    "msft_invest_2023": "funding",
    "nonprofit_control_2025": "structure",
    "attorneys_general_2025": "regulatory",
    "recapitalization_2025": "structure",
    "round_close_2026": "funding",
    # "ipo_filing_2026" is left out: it is the same event as the structure events' "s1_confirmed_2026".
    "ipo_delay_2026": "ipo",
}


def cap_table(ownership: pd.DataFrame, valuations: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """The recapitalization's cap table with each stake valued at the price it rests on, and that
    valuation's row. ``implied`` is share × valuation; ``stated`` is what the companies said."""
    table = facts.recapitalisation_cap_table(ownership)
    reference = valuations[valuations["valuation_id"] == table["valuation_id"].dropna().iloc[0]].iloc[0]
    table = table.assign(
        implied_value_usd_bn=table["share_pct"] / 100 * reference["valuation_usd_bn"],
        holder_name=[company(h) for h in table["holder"]],
    )
    return table, reference


def largest_gap_pct(table: pd.DataFrame) -> float:
    """The largest gap, in percent, between a stated stake value and share × valuation."""
    stated = table.dropna(subset=["stated_value_usd_bn"])
    return float(((stated["stated_value_usd_bn"] / stated["implied_value_usd_bn"] - 1).abs() * 100).max())


def arithmetic_table(table: pd.DataFrame, valuation: float) -> pd.DataFrame:
    """The cap table as the page prints it: shares, stated values and share × valuation."""
    rows = []
    for row in table.set_index("holder").loc[HOLDERS].itertuples():
        has_value = pd.notna(row.stated_value_usd_bn)
        rows.append(
            {
                "Holder": row.holder_name,
                "Share": fmt.pct(row.share_pct),
                "Stated value": fmt.usd_bn(row.stated_value_usd_bn) if has_value else "not stated",
                f"Share × {fmt.usd_bn(valuation)}": fmt.usd_bn(row.implied_value_usd_bn),
                "Stated ÷ computed": fmt.pct(row.stated_value_usd_bn / row.implied_value_usd_bn * 100)
                if has_value
                else "—",
            }
        )
    rows.append(
        {
            "Holder": "Total",
            "Share": fmt.pct(table["share_pct"].sum()),
            "Stated value": "",
            f"Share × {fmt.usd_bn(valuation)}": fmt.usd_bn(table["implied_value_usd_bn"].sum()),
            "Stated ÷ computed": "",
        }
    )
    return pd.DataFrame(rows)


def round_dilution(final_close: pd.Series) -> dict:
    """What a round does to a holder who buys nothing: the new money's share of the company
    after the round, and the fraction of its percentage a non-buyer keeps."""
    new_money = final_close["amount_raised_usd_bn"] / final_close["valuation_usd_bn"]
    return {"new_money_share_pct": 100 * float(new_money), "keep_factor": 1 - float(new_money)}


def first_close_keeps_pre_money(first_close: pd.Series, final_close: pd.Series, tolerance: float = 0.5) -> bool:
    """The upsized round closed at the first close's pre-money valuation (final post − raised)."""
    return (
        abs(final_close["valuation_usd_bn"] - final_close["amount_raised_usd_bn"] - first_close["valuation_usd_bn"])
        < tolerance
    )


def disclosed_stakes(ownership: pd.DataFrame) -> pd.DataFrame:
    """Every disclosed stake, with the kind of figure it is (reported, before the
    recapitalization, or prospective)."""
    kind = pd.Series("Reported stake", index=ownership.index)
    first_date = ownership.loc[ownership["holder"] == "microsoft", "snapshot_date"].min()
    kind[
        (ownership["holder"] == "microsoft")
        & (ownership["snapshot_date"] == first_date)
        & ownership["valuation_id"].isna()
    ] = "Before recapitalization, excl. recent rounds"
    kind[ownership["basis"].str.contains("prospective", case=False, na=False)] = "Prospective (after 2026 payments)"
    return ownership.assign(holder_name=[company(h) for h in ownership["holder"]], disclosure=kind)[
        ["snapshot_date", "holder_name", "share_pct", "disclosure", "basis", "source"]
    ].reset_index(drop=True)


def valuation_points(valuations: pd.DataFrame) -> pd.DataFrame:
    """Every valuation event, with its kind, basis and post-money equivalent (pre-money + raised)."""
    post = valuations["valuation_usd_bn"].where(
        valuations["valuation_basis"] != "pre_money",
        valuations["valuation_usd_bn"] + valuations["amount_raised_usd_bn"],
    )
    shown = valuations.assign(
        kind=valuations["event_type"].map(KIND_NAMES),
        basis=valuations["valuation_basis"].map(BASIS_NAMES),
        post_money_equivalent_usd_bn=post,
    )
    return (
        shown[
            [
                "date",
                "date_precision",
                "kind",
                "basis",
                "valuation_usd_bn",
                "post_money_equivalent_usd_bn",
                "amount_raised_usd_bn",
                "lead_investors",
                "source",
            ]
        ]
        .sort_values("date", kind="stable")
        .reset_index(drop=True)
    )


def restructuring_steps(events: pd.DataFrame, timeline: pd.DataFrame, labels: dict) -> pd.DataFrame:
    """The restructuring's dated steps: its own events and the partnership events that belong
    to it, each in one lane, with a short label (every step must have one)."""
    columns = ["event_id", "date", "date_precision", "category", "title", "description", "source"]
    from_timeline = timeline[timeline["event_id"].isin(TIMELINE_EVENTS)].assign(
        category=lambda d: d["event_id"].map(TIMELINE_EVENTS)
    )
    steps = pd.concat([events[columns], from_timeline[columns]], ignore_index=True)
    steps = steps.assign(lane=steps["category"].map(LANES), label=steps["event_id"].map(labels))
    missing = steps.loc[steps["label"].isna(), "event_id"].tolist()
    if missing:
        raise KeyError(f"restructuring steps without a label: {missing}")
    return steps.sort_values(["date", "event_id"], kind="stable").reset_index(drop=True)


def step_labels(events: pd.DataFrame, timeline: pd.DataFrame, final_close: pd.Series) -> dict:
    """Short labels for the timeline, with the amounts each step names."""
    amount = events.set_index("event_id")["amount_usd_bn"]
    paid = timeline.set_index("event_id")["amount_usd_bn"]
    return {
        "founding_2015": f"Nonprofit founded; {fmt.usd_bn(amount['founding_2015'])} pledged",
        "msft_invest_2019": f"Microsoft invests {fmt.usd_bn(paid['msft_invest_2019'])}",
        "capped_profit_2019": "Capped-profit OpenAI LP created",
        "msft_invest_2023": f"Microsoft's third investment ({fmt.usd_bn(paid['msft_invest_2023'])} reported)",
        "pbc_plan_2024": "Plan: convert for-profit to a Delaware PBC",
        "softbank_condition_2025": "SoftBank round conditional on restructuring",
        "nonprofit_control_2025": "Reversal: nonprofit keeps control",
        "nonprofit_stake_2025_09": f"Nonprofit stake put at over {fmt.usd_bn(amount['nonprofit_stake_2025_09'])}",
        "softbank_approval_2025_10": f"SoftBank approves {fmt.usd_bn(amount['softbank_approval_2025_10'])} tranche",
        "attorneys_general_2025": "Delaware and California AGs do not object",
        "recapitalization_2025": "Recapitalization: OpenAI Group PBC",
        "foundation_commitment_2025": f"Foundation commits {fmt.usd_bn(amount['foundation_commitment_2025'])}",
        "softbank_second_closing_2025": f"SoftBank pays {fmt.usd_bn(amount['softbank_second_closing_2025'])}",
        "foundation_1bn_2026": f"Foundation: at least {fmt.usd_bn(amount['foundation_1bn_2026'])} in a year",
        "round_close_2026": f"Round closes at {fmt.usd_bn(final_close['valuation_usd_bn'])}",
        "musk_verdict_2026": "Musk's claims time-barred",
        "ipo_filing_2026": "Confidential IPO filing",
        "s1_confirmed_2026": "OpenAI confirms draft S-1",
        "ipo_delay_2026": "Reported: listing may slip to 2027",
    }


def event_amount(events: pd.DataFrame, event_id: str) -> Fact:
    rows = events[events["event_id"] == event_id]
    if len(rows) != 1:
        raise LookupError(f"openai_structure_events has no {event_id!r} row")
    return Fact(float(rows["amount_usd_bn"].iloc[0]), rows=rows, unit="usd_bn")
