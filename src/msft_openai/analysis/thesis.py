"""The thesis page: who has gained what so far, and the signposts that would change the view.

The signposts' thresholds live in data/signposts.csv with their reasons; this module reads each
indicator's latest value from the table the signpost names and says which side of the
threshold it is on.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from .. import fmt, selectors
from ..publish import Fact

CROSSED, CLEAR, WATCH, NOT_DUE = "Crossed: the view changes", "Not crossed", "Watch for the event", "Not yet due"


def reading(signpost: pd.Series, load: Callable[[str], pd.DataFrame]) -> Fact:
    """The latest value of a signpost's indicator, with its date and the row it rests on."""
    rows = selectors.select(load(signpost["table"]), signpost["where"])
    if rows.empty:
        raise LookupError(f"signpost {signpost['signpost_id']} selects no row of {signpost['table']}")
    row = rows.sort_values(signpost["date_column"], kind="stable").iloc[-1]
    value = row[signpost["value_column"]]
    return Fact(
        value if signpost["unit"] == "text" else float(value),
        rows=row,
        unit=signpost["unit"],
        extra={"date": row[signpost["date_column"]]},
    )


def status(value, direction: str | None, threshold: float | None, read_on=None, due=None) -> str:
    """Which side of its threshold an indicator stands on; text indicators are watched, and a
    threshold set for a date is not tested on a reading taken before it."""
    if not isinstance(direction, str) or threshold is None or pd.isna(threshold):
        return WATCH
    if due is not None and pd.notna(due) and read_on is not None and pd.Timestamp(read_on) < pd.Timestamp(due):
        return NOT_DUE
    crossed = value < threshold if direction == "below" else value > threshold
    return CROSSED if crossed else CLEAR


def formatter(unit: str) -> Callable[[object], str]:
    """How a signpost's value is printed, by its unit."""
    return {"pct": fmt.pct, "usd_bn": fmt.usd_bn}.get(unit, str)


def printed(fact: Fact) -> str:
    return formatter(fact.unit)(fact.value)


def signposts_table(signposts: pd.DataFrame, readings: dict[str, Fact]) -> pd.DataFrame:
    """The table readers see: indicator, latest value and date, threshold, status, next disclosure."""
    records = []
    for _, signpost in signposts.iterrows():
        fact = readings[signpost["signpost_id"]]
        records.append(
            {
                "Indicator": signpost["indicator"],
                "Latest": f"{printed(fact)} ({fmt.long_date(fact.extra['date'])})",
                "Would change the view": signpost["threshold_text"],
                "Now": _status_of(signpost, fact),
                "Next disclosed": signpost["next_disclosure"],
                "Why it matters": signpost["why"],
            }
        )
    return pd.DataFrame(records)


def crossed(signposts: pd.DataFrame, readings: dict[str, Fact]) -> list[str]:
    """The indicators now on the side of their threshold that changes the view."""
    return [
        signpost["indicator"]
        for _, signpost in signposts.iterrows()
        if _status_of(signpost, readings[signpost["signpost_id"]]) == CROSSED
    ]


def _status_of(signpost: pd.Series, fact: Fact) -> str:
    text = status(fact.value, signpost["direction"], signpost["threshold"], fact.extra["date"], signpost.get("due"))
    if text == NOT_DUE:
        return f"{NOT_DUE} (tested {fmt.long_date(signpost['due'])})"
    return text


def cushion(paths: pd.DataFrame, name: str) -> float:
    """Cash and committed funding left over on a path after its deepest shortfall (negative: a gap)."""
    return float(paths.loc[name, "funds"] - paths.loc[name, "shortfall"])


ZH_STATUS = {CROSSED: "已跨越門檻：看法改變", CLEAR: "未跨越", WATCH: "留意事件", NOT_DUE: "尚未到檢驗時點"}


def zh_formatter(unit: str) -> Callable[[object], str]:
    return {"pct": fmt.pct, "usd_bn": fmt.zh_usd_bn}.get(unit, str)


def signposts_table_zh(signposts: pd.DataFrame, readings: dict[str, Fact]) -> pd.DataFrame:
    """The signposts for the zh-Hant page: a text indicator shows the date of its latest event,
    since the event's description is in English."""
    records = []
    for _, signpost in signposts.iterrows():
        fact = readings[signpost["signpost_id"]]
        when = fmt.zh_date(fact.extra["date"])
        latest = f"{when}有最新進展" if fact.unit == "text" else f"{zh_formatter(fact.unit)(fact.value)}（{when}）"
        english = _status_of(signpost, fact)
        records.append(
            {
                "指標": signpost["indicator_zh"],
                "最新數值": latest,
                "改變看法的門檻": signpost["threshold_text_zh"],
                "目前狀態": ZH_STATUS[english.split(" (")[0]],
            }
        )
    return pd.DataFrame(records)
