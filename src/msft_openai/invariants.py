"""Rules that span rows or tables, checked every time a table is loaded.

A schema can say that a share lies between 0 and 100; it cannot say that the shares of one cap
table add up to 100, that a stake's stated value agrees with share × valuation, or that a
quarterly series has no missing quarter. Those rules live here, one function per rule, each
registered for the table it guards.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Callable

import pandas as pd

from .data import DataError, Package

Rule = Callable[[Package, pd.DataFrame], None]
RULES: dict[str, list[Rule]] = defaultdict(list)

SHARE_SUM_TOLERANCE_PCT = 0.5  # published cap tables round each holder to a whole percent
STAKE_VALUE_TOLERANCE = 0.03  # "about $135B" against 27% × $500B: rounding, not error


def rule(*tables: str):
    def register(function: Rule) -> Rule:
        for table in tables:
            RULES[table].append(function)
        return function

    return register


def check_table(package: Package, name: str, frame: pd.DataFrame) -> None:
    check_foreign_keys(package, name, frame)
    for function in RULES.get(name, []):
        function(package, frame)


def _line(frame: pd.DataFrame, position: int) -> int:
    return frame.attrs["lines"][position]


def check_foreign_keys(package: Package, name: str, frame: pd.DataFrame) -> None:
    for foreign_key in package.foreign_keys(name):
        fields = foreign_key["fields"]
        fields = [fields] if isinstance(fields, str) else fields
        reference = foreign_key["reference"]
        target_fields = reference["fields"]
        target_fields = [target_fields] if isinstance(target_fields, str) else target_fields
        target = package.load(reference["resource"]) if reference["resource"] != name else frame
        known = set(target[target_fields].astype(str).itertuples(index=False, name=None))
        for position, values in enumerate(frame[fields].itertuples(index=False, name=None)):
            if any(pd.isna(value) for value in values):
                continue
            if tuple(str(value) for value in values) not in known:
                raise DataError(frame.attrs["path"], f"refers to a {reference['resource']} row that does not exist",
                                line=_line(frame, position), column=fields[0], value=values[0])


@rule("openai_ownership")
def cap_table_sums_to_100(package: Package, frame: pd.DataFrame) -> None:
    for snapshot, rows in frame.groupby("snapshot_id", sort=False):
        if not rows["complete"].all():
            continue
        total = rows["share_pct"].sum()
        if abs(total - 100) > SHARE_SUM_TOLERANCE_PCT:
            position = frame.index.get_loc(rows.index[-1])
            raise DataError(frame.attrs["path"], f"shares of snapshot {snapshot!r} sum to {total:g}%, not 100%",
                            line=_line(frame, position), column="share_pct", value=rows["share_pct"].tolist())


@rule("openai_ownership")
def stake_value_matches_share_times_valuation(package: Package, frame: pd.DataFrame) -> None:
    valuations = package.load("openai_valuations").set_index("valuation_id")["valuation_usd_bn"]
    for position, row in enumerate(frame.itertuples(index=False)):
        if pd.isna(row.stated_value_usd_bn) or pd.isna(row.valuation_id):
            continue
        implied = row.share_pct / 100 * valuations[row.valuation_id]
        if abs(row.stated_value_usd_bn - implied) > STAKE_VALUE_TOLERANCE * implied:
            raise DataError(frame.attrs["path"],
                            f"stated value disagrees with share × valuation ({row.share_pct:g}% × "
                            f"${valuations[row.valuation_id]:g}B = ${implied:.1f}B)",
                            line=_line(frame, position), column="stated_value_usd_bn", value=row.stated_value_usd_bn)


@rule("microsoft_openai_funding")
def funded_never_exceeds_committed(package: Package, frame: pd.DataFrame) -> None:
    for as_of, rows in frame.groupby("as_of_date"):
        by_measure = rows.set_index("measure")["value_usd_bn"]
        if {"funded", "committed"} <= set(by_measure.index) and by_measure["funded"] > by_measure["committed"]:
            position = frame.index.get_loc(rows.index[rows["measure"] == "funded"][0])
            raise DataError(frame.attrs["path"], "funded exceeds committed on the same date",
                            line=_line(frame, position), column="value_usd_bn", value=by_measure["funded"])


@rule("microsoft_quarterly")
def quarterly_series_have_no_gaps(package: Package, frame: pd.DataFrame) -> None:
    # The table's descriptor lists the series that must run quarter by quarter, with no gap,
    # from their first to their last observation (x_complete_quarterly_metrics).
    complete = package.resource("microsoft_quarterly").get("x_complete_quarterly_metrics", [])
    for metric in complete:
        rows = frame[frame["metric"] == metric]
        if rows.empty:
            continue
        index = (rows["fiscal_year"] * 4 + rows["fiscal_quarter"] - 1).astype(int)
        present = set(index)
        for expected in range(min(present), max(present) + 1):
            if expected not in present:
                year, quarter = divmod(expected, 4)
                raise DataError(frame.attrs["path"], f"the {metric} series has no row for FY{year} Q{quarter + 1}",
                                column="fiscal_quarter", value=f"FY{year} Q{quarter + 1}")


@rule("microsoft_quarterly")
def period_end_matches_fiscal_quarter(package: Package, frame: pd.DataFrame) -> None:
    # Microsoft's fiscal year ends on 30 June: FY2026 Q1 is July–September 2025.
    for position, row in enumerate(frame.itertuples(index=False)):
        month = {1: 9, 2: 12, 3: 3, 4: 6}[row.fiscal_quarter]
        year = row.fiscal_year - 1 if row.fiscal_quarter in (1, 2) else row.fiscal_year
        if (row.period_end.year, row.period_end.month) != (year, month):
            raise DataError(frame.attrs["path"], f"period_end is not the end of FY{row.fiscal_year} Q{row.fiscal_quarter}",
                            line=_line(frame, position), column="period_end", value=str(row.period_end.date()))
