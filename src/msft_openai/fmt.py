"""Number formats used in prose and charts, defined once ("$135B", "27%", "FY2026 Q1")."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd


def usd_bn(value: float, digits: int | None = None) -> str:
    """US$ billions as the book writes them: $135B, $11.6B, $1.4T."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot format a missing amount")
    if abs(value) >= 1000:
        return f"${value / 1000:.{1 if digits is None else digits}f}T".replace(".0T", "T")
    if digits is None:
        digits = 0 if abs(value) >= 100 or float(value).is_integer() else 1
    return f"${value:,.{digits}f}B"


def pct(value: float, digits: int = 0) -> str:
    return f"{value:.{digits}f}%"


def pts(value: float, digits: int = 0) -> str:
    return f"{value:.{digits}f} points"


def multiple(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}×"


def long_date(value) -> str:
    """28 October 2025."""
    value = pd.Timestamp(value)
    return f"{value.day} {value:%B %Y}"


def month(value) -> str:
    return f"{pd.Timestamp(value):%B %Y}"


def fiscal_quarter(fiscal_year: int, quarter: int) -> str:
    return f"FY{fiscal_year} Q{quarter}"


def calendar_span_of_fiscal_quarter(fiscal_year: int, quarter: int) -> str:
    """Microsoft's fiscal year ends 30 June, so FY2026 Q1 is July–September 2025."""
    start_month = {1: 7, 2: 10, 3: 1, 4: 4}[quarter]
    year = fiscal_year - 1 if quarter in (1, 2) else fiscal_year
    start = date(year, start_month, 1)
    end = date(year, start_month + 2, 1)
    return f"{start:%b}–{end:%b %Y}"


# -- Traditional Chinese (the zh-Hant edition) ----------------------------------------------------
# Chinese financial writing counts large sums in 億 (10^8) and 兆 (10^12): $135B is 1,350億美元.


def zh_usd_bn(value: float, digits: int = 0) -> str:
    """US$ billions in Traditional Chinese: 1,350億美元, 116億美元, 1.4兆美元."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("cannot format a missing amount")
    if abs(value) >= 1000:
        return f"{value / 1000:.1f}兆美元".replace(".0兆", "兆")
    hundred_millions = value * 10
    if digits == 0 and not float(round(hundred_millions, 6)).is_integer():
        digits = 1 if abs(hundred_millions) < 100 else 0
    return f"{hundred_millions:,.{digits}f}億美元"


def zh_date(value) -> str:
    """2025年10月28日."""
    value = pd.Timestamp(value)
    return f"{value.year}年{value.month}月{value.day}日"


def zh_month(value) -> str:
    """2026年3月."""
    value = pd.Timestamp(value)
    return f"{value.year}年{value.month}月"


def zh_multiple(value: float, digits: int = 1) -> str:
    """11.6倍."""
    return f"{value:.{digits}f}倍"


def zh_fiscal_quarter(label: str) -> str:
    """FY2026 Q3 -> 2026財年第3季."""
    year, quarter = label.removeprefix("FY").split(" Q")
    return f"{year}財年第{quarter}季"


def dated(value, precision: str) -> str:
    """A date as precisely as its source gives it: 28 October 2025, or October 2025, or 2025."""
    if precision == "day":
        return long_date(value)
    if precision in ("month", "quarter"):
        return month(value)
    return f"{pd.Timestamp(value).year}"


def points(value: float) -> str:
    """A whole number of percentage points in words' grammar: "1 point", "3 points"."""
    whole = round(abs(value))
    return f"{whole} point" if whole == 1 else f"{whole} points"
