"""The evidence behind the report: what kind of source each row rests on, how current each
series is, and the codebook. Used by the data appendix and the landing page."""

from __future__ import annotations

import pandas as pd

from .. import fmt
from ..catalogue import Package
from ..tables import escape
from ..vocabulary import LABELS

TIER_ORDER = ["primary", "outlet", "secondary", "untiered"]


def rows_by_tier(package: Package) -> pd.DataFrame:
    """Rows per table by the tier of the source they cite (tables of our own, like the
    corrections log, cite none and are left out)."""
    records = []
    for name in package.table_names:
        frame = package.load(name)
        if "source" not in frame.columns:
            continue
        tiers = frame["source"].map(lambda key: (package.sources[key].tier or "untiered") if pd.notna(key) else None)
        counts = tiers.value_counts()
        records.append(
            {
                "table": name,
                "rows": len(frame),
                "unsourced": int(tiers.isna().sum()),
                **{tier: int(counts.get(tier, 0)) for tier in TIER_ORDER},
            }
        )
    table = pd.DataFrame(records)
    table["primary_or_outlet_pct"] = 100 * (table["primary"] + table["outlet"]) / (table["rows"] - table["unsourced"])
    return table


def tier_totals(by_table: pd.DataFrame) -> dict:
    totals = by_table[TIER_ORDER + ["rows", "unsourced"]].sum()
    sourced = totals["rows"] - totals["unsourced"]
    return {
        "rows": int(totals["rows"]),
        "sourced": int(sourced),
        **{tier: int(totals[tier]) for tier in TIER_ORDER},
        "primary_or_outlet_pct": 100 * (totals["primary"] + totals["outlet"]) / sourced,
    }


def series_freshness(package: Package) -> pd.DataFrame:
    """Each declared series (datapackage.json ``x_series``): its latest period, cadence, usual
    publication lag and, where it stops early, the stated reason."""
    from ..catalogue import _RuleView
    from ..rules import series_status

    view = _RuleView(package)
    records = []
    for series in package.descriptor.get("x_series", []):
        status = series_status(view, series)
        records.append(
            {
                "series": series["name"],
                "table": series["table"],
                "latest": status["latest"],
                "cadence": series["cadence"],
                "lag_days": series["lag_days"],
                "next_due": status["next_due"],
                "stale_reason": series.get("stale_reason") or "",
            }
        )
    return pd.DataFrame(
        records, columns=["series", "table", "latest", "cadence", "lag_days", "next_due", "stale_reason"]
    )


def freshness_table(freshness: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Series": freshness["series"],
            "Latest period ends": freshness["latest"].map(fmt.long_date),
            "Published": freshness["cadence"],
            "Usual lag (days)": freshness["lag_days"],
            "Note": freshness["stale_reason"],
        }
    )


def tier_table(by_table: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Table": by_table["table"],
            "Rows": by_table["rows"],
            LABELS["tier"]["primary"]: by_table["primary"],
            LABELS["tier"]["outlet"]: by_table["outlet"],
            LABELS["tier"]["secondary"]: by_table["secondary"],
            "Primary or outlet": by_table["primary_or_outlet_pct"].map(lambda value: fmt.pct(value)),
        }
    )


def codebook_markdown(package: Package, name: str) -> str:
    """One table's codebook section: title, description, download link and its columns."""
    resource = package.resource(name)
    frame = package.load(name)
    lines = [
        f"### {escape(resource.get('title', name))}",
        "",
        escape(resource.get("description", "")),
        "",
        f"Table `{name}`, {len(frame)} rows: {{download}}`{resource['path']} <../data/{resource['path']}>`",
        "",
        "| Column | Type | Unit | Description |",
        "|---|---|---|---|",
    ]
    for field in resource["schema"]["fields"]:
        description = escape(field.get("description", field.get("title", "")))
        lines.append(
            f"| `{field['name']}` | {field.get('type', 'string')} | {escape(field.get('unit', ''))} | {description} |"
        )
    return "\n".join(lines)


def disagreements_table(package: Package) -> pd.DataFrame:
    """Each recorded disagreement with both values and both sources, as the data appendix shows it."""
    log = package.load("source_disagreements")
    value_columns = package.resource("source_disagreements")["x_value_columns"]
    rows = []
    for item in log.itertuples():
        table = package.load(item.table)
        key = table.attrs["primary_key"]
        column = value_columns[item.table]
        found = {}
        for role in ("used_row", "other_row"):
            parts = str(getattr(item, role)).split("/")
            if role == "other_row" and (pd.isna(item.other_row) or not str(item.other_row).strip()):
                found[role] = {column: item.other_value, "source": item.other_source}
                continue
            found[role] = table[(table[key].astype(str) == parts).all(axis=1)].iloc[0]
        rows.append(
            {
                "Table": item.table,
                "Used": f"{found['used_row'][column]:g}",
                "Used source": found["used_row"]["source"],
                "Other": f"{found['other_row'][column]:g}",
                "Other source": found["other_row"]["source"],
                "Why": item.why,
            }
        )
    return pd.DataFrame(rows)
