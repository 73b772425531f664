"""The report's own rules: what a Table Schema cannot say, checked every time a table is loaded.

A schema can say that a share lies between 0 and 100; it cannot say that the shares of one cap
table add up to 100, that a stake's stated value agrees with share × valuation, that a quarterly
series has no missing quarter, or that a quantity recorded in two tables has one value. Each rule
is a function registered for the table it guards. It receives the table and a ``tables`` object
whose ``get(name)`` returns another table, so rules never import the catalogue that runs them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Protocol

import pandas as pd

from .errors import DataError


class Tables(Protocol):
    def get(self, name: str) -> pd.DataFrame: ...

    def resource(self, name: str) -> dict: ...

    @property
    def descriptor(self) -> dict: ...

    @property
    def sources(self) -> dict: ...


Rule = Callable[[Tables, pd.DataFrame], None]
RULES: dict[str, list[Rule]] = defaultdict(list)

SHARE_SUM_TOLERANCE_PCT = 0.5  # published cap tables round each holder to a whole percent
STAKE_VALUE_TOLERANCE = 0.03  # "about $135B" against 27% × $500B: rounding, not error
ANNUAL_TOTAL_TOLERANCE_USD_BN = 0.05  # quarterly figures are published to one decimal


def rule(*tables: str):
    def register(function: Rule) -> Rule:
        for table in tables:
            RULES[table].append(function)
        return function

    return register


def check_table(tables: Tables, name: str, frame: pd.DataFrame) -> None:
    # References first (rules look rows up by them), then the table's own rules, so that its own
    # fault is reported before a disagreement with another table.
    check_foreign_keys(tables, name, frame)
    for function in RULES.get(name, []):
        function(tables, frame)
    check_same_quantity(tables, name, frame)
    check_same_event(tables, name, frame)
    check_series_are_current(tables, name, frame)


def _line(frame: pd.DataFrame, position: int) -> int:
    return frame.attrs["lines"][position]


def _position(frame: pd.DataFrame, index_label) -> int:
    return int(frame.index.get_loc(index_label))


def check_foreign_keys(tables: Tables, name: str, frame: pd.DataFrame) -> None:
    for foreign_key in tables.resource(name)["schema"].get("foreignKeys", []):
        fields = foreign_key["fields"]
        fields = [fields] if isinstance(fields, str) else fields
        reference = foreign_key["reference"]
        target_fields = reference["fields"]
        target_fields = [target_fields] if isinstance(target_fields, str) else target_fields
        target = tables.get(reference["resource"]) if reference["resource"] != name else frame
        known = set(target[target_fields].astype(str).itertuples(index=False, name=None))
        for position, values in enumerate(frame[fields].itertuples(index=False, name=None)):
            if any(pd.isna(value) for value in values):
                continue
            if tuple(str(value) for value in values) not in known:
                raise DataError(
                    frame.attrs["path"],
                    f"refers to a {reference['resource']} row that does not exist",
                    line=_line(frame, position),
                    column=fields[0],
                    value=values[0],
                )


def _select(frame: pd.DataFrame, key: dict) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in key.items():
        mask &= frame[column].astype(str) == str(value)
    return frame[mask]


def _declared_rows(tables: Tables, name: str, frame: pd.DataFrame, group: dict, what: str) -> list[tuple]:
    """The one row of each table a declared group names, as (place, table, index label, row);
    empty when the group does not involve the table being loaded."""
    places = group["rows"]
    if not any(place["resource"] == name for place in places):
        return []
    found = []
    for place in places:
        table = frame if place["resource"] == name else tables.get(place["resource"])
        rows = _select(table, place["key"])
        if len(rows) != 1:
            raise DataError(
                tables.resource(place["resource"])["path"],
                f"the {what} {group['name']!r} should be in exactly one row matching {place['key']}, found {len(rows)}",
                column=place.get("field"),
            )
        found.append((place, table, rows.index[0], rows.iloc[0]))
    return found


def _disagree(what: str, group: dict, shown: str, first_shown: str, first: tuple, here: tuple, column: str, value):
    first_place, first_table, first_label, _ = first
    _, table, label, _ = here
    return DataError(
        table.attrs["path"],
        f"the {what} {group['name']!r} is {shown} here but {first_shown} in {first_place['resource']} line "
        f"{_line(first_table, _position(first_table, first_label))}",
        line=_line(table, _position(table, label)),
        column=column,
        value=value,
    )


def check_same_quantity(tables: Tables, name: str, frame: pd.DataFrame) -> None:
    """One quantity, one value: where the descriptor's ``x_same_quantity`` says that rows of
    several tables record the same quantity, they must agree, or the build stops naming both."""
    for quantity in tables.descriptor.get("x_same_quantity", []):
        found = _declared_rows(tables, name, frame, quantity, "quantity")
        if not found:
            continue
        first_value = found[0][3][found[0][0]["field"]]
        for here in found[1:]:
            value = here[3][here[0]["field"]]
            if abs(float(value) - float(first_value)) > quantity.get("tolerance", 0):
                raise _disagree(
                    "quantity", quantity, f"{value:g}", f"{first_value:g}", found[0], here, here[0]["field"], value
                )


def check_same_event(tables: Tables, name: str, frame: pd.DataFrame) -> None:
    """One event, one date: where the descriptor's ``x_same_event`` says that rows of several
    tables record the same event, they carry the same date and the same date precision."""
    for event in tables.descriptor.get("x_same_event", []):
        found = _declared_rows(tables, name, frame, event, "event")
        if not found:
            continue
        first = found[0][3]
        for here in found[1:]:
            row = here[3]
            if (row["date"], row["date_precision"]) != (first["date"], first["date_precision"]):
                raise _disagree(
                    "event",
                    event,
                    f"dated {row['date'].date()} ({row['date_precision']})",
                    f"{first['date'].date()} ({first['date_precision']})",
                    found[0],
                    here,
                    "date",
                    str(row["date"].date()),
                )


CADENCE_DAYS = {"quarterly": 92, "monthly": 31, "annual": 366}


def series_status(tables: Tables, series: dict, frame: pd.DataFrame | None = None) -> dict:
    """How current one declared series is: its latest period and the date by which the next
    period is usually public (period end + one cadence + the usual publication lag)."""
    table = frame if frame is not None else tables.get(series["table"])
    rows = _select(table, series.get("where", {}))
    if rows.empty:
        raise DataError(
            tables.resource(series["table"])["path"],
            f"the series {series['name']!r} has no rows matching {series.get('where', {})}",
        )
    latest = pd.Timestamp(rows[series["period_column"]].max())
    next_due = latest + pd.Timedelta(days=CADENCE_DAYS[series["cadence"]] + series["lag_days"])
    return {
        "name": series["name"],
        "table": series["table"],
        "latest": latest,
        "next_due": next_due,
        "cadence": series["cadence"],
        "lag_days": series["lag_days"],
        "stale_reason": series.get("stale_reason"),
        "rows": rows[rows[series["period_column"]] == latest],
    }


def check_series_are_current(tables: Tables, name: str, frame: pd.DataFrame) -> None:
    """A series declared in ``x_series`` must reach the latest period public before the as-of
    date, or say why not (``stale_reason``): the next edition cannot go stale silently."""
    as_of = pd.Timestamp(tables.descriptor["as_of"])
    for series in tables.descriptor.get("x_series", []):
        if series["table"] != name:
            continue
        status = series_status(tables, series, frame)
        if status["next_due"] <= as_of and not status["stale_reason"]:
            raise DataError(
                frame.attrs["path"],
                f"the series {series['name']!r} stops at {status['latest'].date()}, but its next period "
                f"is usually public by {status['next_due'].date()}, before the as-of date "
                f"{as_of.date()}: add the new rows, or give the series a stale_reason in datapackage.json",
                column=series["period_column"],
                value=str(status["latest"].date()),
            )


# -- openai_ownership ------------------------------------------------------------------------


@rule("openai_ownership")
def cap_table_sums_to_100(tables: Tables, frame: pd.DataFrame) -> None:
    for snapshot, rows in frame.groupby("snapshot_id", sort=False):
        if not rows["complete"].all():
            continue
        total = rows["share_pct"].sum()
        if abs(total - 100) > SHARE_SUM_TOLERANCE_PCT:
            raise DataError(
                frame.attrs["path"],
                f"shares of snapshot {snapshot!r} sum to {total:g}%, not 100%",
                line=_line(frame, _position(frame, rows.index[-1])),
                column="share_pct",
                value=rows["share_pct"].tolist(),
            )


@rule("openai_ownership")
def a_snapshot_rests_on_one_valuation(tables: Tables, frame: pd.DataFrame) -> None:
    for snapshot, rows in frame.groupby("snapshot_id", sort=False):
        named = rows["valuation_id"].dropna()
        if named.nunique() > 1:
            raise DataError(
                frame.attrs["path"],
                f"the stated values of snapshot {snapshot!r} rest on more than one valuation",
                line=_line(frame, _position(frame, named.index[-1])),
                column="valuation_id",
                value=named.unique().tolist(),
            )


@rule("openai_ownership")
def stake_value_matches_share_times_valuation(tables: Tables, frame: pd.DataFrame) -> None:
    valuations = tables.get("openai_valuations").set_index("valuation_id")["valuation_usd_bn"]
    for position, row in enumerate(frame.itertuples(index=False)):
        if pd.isna(row.stated_value_usd_bn) or pd.isna(row.valuation_id):
            continue
        implied = row.share_pct / 100 * valuations[row.valuation_id]
        if abs(row.stated_value_usd_bn - implied) > STAKE_VALUE_TOLERANCE * implied:
            raise DataError(
                frame.attrs["path"],
                f"stated value disagrees with share × valuation ({row.share_pct:g}% × "
                f"${valuations[row.valuation_id]:g}B = ${implied:.1f}B)",
                line=_line(frame, position),
                column="stated_value_usd_bn",
                value=row.stated_value_usd_bn,
            )


# -- openai_control_links --------------------------------------------------------------------


@rule("openai_control_links")
def ownership_links_agree_with_the_cap_table(tables: Tables, frame: pd.DataFrame) -> None:
    """The structure diagram's "owns x%" links after the recapitalization are the cap table."""
    ownership = tables.get("openai_ownership")
    complete = ownership[ownership["complete"].astype(bool) & ownership["valuation_id"].notna()]
    if complete.empty:
        return
    first_snapshot = complete.sort_values("snapshot_date")["snapshot_id"].iloc[0]
    cap_table = ownership[ownership["snapshot_id"] == first_snapshot].set_index("holder")["share_pct"]
    owners = frame[(frame["period"] == "after_2025_10") & (frame["relation"] == "owns_pct")]
    for label, row in owners.iterrows():
        expected = cap_table.get(row["from_entity"])
        if expected is None or abs(expected - row["share_pct"]) > 1e-9:
            raise DataError(
                frame.attrs["path"],
                f"owns {row['share_pct']:g}% but the cap table of {first_snapshot!r} "
                f"gives {row['from_entity']} {expected}",
                line=_line(frame, _position(frame, label)),
                column="share_pct",
                value=row["share_pct"],
            )


# -- microsoft_openai_funding ----------------------------------------------------------------


@rule("microsoft_openai_funding")
def funded_never_exceeds_committed(tables: Tables, frame: pd.DataFrame) -> None:
    for _, rows in frame.groupby("as_of_date"):
        by_measure = rows.set_index("measure")["value_usd_bn"]
        if {"funded", "committed"} <= set(by_measure.index) and by_measure["funded"] > by_measure["committed"]:
            label = rows.index[rows["measure"] == "funded"][0]
            raise DataError(
                frame.attrs["path"],
                "funded exceeds committed on the same date",
                line=_line(frame, _position(frame, label)),
                column="value_usd_bn",
                value=by_measure["funded"],
            )


# -- microsoft_quarterly ---------------------------------------------------------------------


@rule("microsoft_quarterly")
def quarterly_series_have_no_gaps(tables: Tables, frame: pd.DataFrame) -> None:
    # The table's descriptor lists the series that must run quarter by quarter, with no gap,
    # from their first to their last observation (x_complete_quarterly_metrics).
    for metric in tables.resource("microsoft_quarterly").get("x_complete_quarterly_metrics", []):
        rows = frame[frame["metric"] == metric]
        if rows.empty:
            continue
        present = set((rows["fiscal_year"] * 4 + rows["fiscal_quarter"] - 1).astype(int))
        for expected in range(min(present), max(present) + 1):
            if expected not in present:
                year, quarter = divmod(expected, 4)
                raise DataError(
                    frame.attrs["path"],
                    f"the {metric} series has no row for FY{year} Q{quarter + 1}",
                    column="fiscal_quarter",
                    value=f"FY{year} Q{quarter + 1}",
                )


@rule("microsoft_quarterly")
def period_end_matches_fiscal_quarter(tables: Tables, frame: pd.DataFrame) -> None:
    # Microsoft's fiscal year ends on 30 June: FY2026 Q1 is July–September 2025.
    for position, row in enumerate(frame.itertuples(index=False)):
        month = {1: 9, 2: 12, 3: 3, 4: 6}[row.fiscal_quarter]
        year = row.fiscal_year - 1 if row.fiscal_quarter in (1, 2) else row.fiscal_year
        if (row.period_end.year, row.period_end.month) != (year, month):
            raise DataError(
                frame.attrs["path"],
                f"period_end is not the end of FY{row.fiscal_year} Q{row.fiscal_quarter}",
                line=_line(frame, position),
                column="period_end",
                value=str(row.period_end.date()),
            )


@rule("microsoft_ai_milestones")
def annual_totals_equal_their_quarters(tables: Tables, frame: pd.DataFrame) -> None:
    """A fiscal-year total Microsoft stated (``x_annual_totals``) equals the sum of the four
    quarters recorded for the same metric."""
    quarterly = tables.get("microsoft_quarterly")
    for total in tables.resource("microsoft_ai_milestones").get("x_annual_totals", []):
        rows = frame[frame["milestone_id"] == total["milestone_id"]]
        if rows.empty:
            continue
        quarters = quarterly[
            (quarterly["metric"] == total["metric"]) & (quarterly["fiscal_year"] == total["fiscal_year"])
        ]
        stated = float(rows["value"].iloc[0])
        summed = float(quarters["value"].sum())
        if len(quarters) != 4 or abs(stated - summed) > ANNUAL_TOTAL_TOLERANCE_USD_BN:
            raise DataError(
                frame.attrs["path"],
                f"the stated FY{total['fiscal_year']} total differs from the sum of its "
                f"{len(quarters)} quarters of {total['metric']} ({summed:g})",
                line=_line(frame, _position(frame, rows.index[0])),
                column="value",
                value=stated,
            )


# -- source_disagreements --------------------------------------------------------------------


@rule("source_disagreements")
def a_disagreement_names_two_rows_that_differ(tables: Tables, frame: pd.DataFrame) -> None:
    """A disagreement between sources is recorded, never silent: both rows exist in the table
    named, and their values differ (otherwise there is nothing to disagree about)."""
    value_columns = tables.resource("source_disagreements").get("x_value_columns", {})
    for position, row in enumerate(frame.itertuples(index=False)):

        def fault(message: str, column: str, value=None, position=position) -> DataError:
            return DataError(frame.attrs["path"], message, line=_line(frame, position), column=column, value=value)

        if row.table not in value_columns:
            raise fault("no value column is declared for this table (x_value_columns)", "table", row.table)
        table = tables.get(row.table)
        key = table.attrs["primary_key"]
        values = []
        second_report = pd.isna(row.other_row) or not str(row.other_row).strip()
        if second_report:
            # Two reports of one release under one key: the second is named here, not as a row.
            for column in ("other_value", "other_source", "other_quote"):
                if pd.isna(getattr(row, column)) or not str(getattr(row, column)).strip():
                    raise fault(f"with no other_row, the other report needs {column}", column)
            if row.other_source not in tables.sources:
                raise fault(
                    "source key is not in the bibliography (book/references/*.bib)", "other_source", row.other_source
                )
        for column in ("used_row",) if second_report else ("used_row", "other_row"):
            parts = str(getattr(row, column)).split("/")
            match = table[(table[key].astype(str) == parts).all(axis=1)] if len(parts) == len(key) else table.iloc[0:0]
            if len(match) != 1:
                raise fault(f"names a {row.table} row that does not exist", column, getattr(row, column))
            values.append(match[value_columns[row.table]].iloc[0])
        if second_report:
            values.append(row.other_value)
        if values[0] == values[1]:
            raise fault(
                f"the two rows give the same value ({values[0]!r}): no disagreement", "other_row", row.other_row
            )


# -- signposts -------------------------------------------------------------------------------


@rule("signposts")
def a_signpost_reads_rows_that_exist(tables: Tables, frame: pd.DataFrame) -> None:
    """Each signpost's selection finds rows in its table, with the value and date columns it
    names: a signpost that reads nothing would print an empty "latest value"."""
    from . import selectors

    for position, row in enumerate(frame.itertuples(index=False)):
        try:
            target = tables.get(row.table)
        except KeyError:
            raise DataError(
                frame.attrs["path"],
                "names a table that does not exist",
                line=_line(frame, position),
                column="table",
                value=row.table,
            ) from None
        for column in ("value_column", "date_column"):
            if getattr(row, column) not in target.columns:
                raise DataError(
                    frame.attrs["path"],
                    f"{row.table} has no such column",
                    line=_line(frame, position),
                    column=column,
                    value=getattr(row, column),
                )
        try:
            found = selectors.select(target, row.where)
        except (KeyError, ValueError) as error:
            raise DataError(
                frame.attrs["path"],
                str(error).strip("'\""),
                line=_line(frame, position),
                column="where",
                value=row.where,
            ) from None
        if found.empty:
            raise DataError(
                frame.attrs["path"],
                f"selects no row of {row.table}",
                line=_line(frame, position),
                column="where",
                value=row.where,
            )
