"""The data folder loads cleanly, and every kind of breakage stops it with a precise message."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest

from msft_openai.data import DataError, Package, repo_root

ROOT = repo_root()


def test_every_table_loads_and_validates():
    tables = Package(ROOT).load_all()
    assert tables, "datapackage.json lists no tables"
    for name, frame in tables.items():
        assert len(frame) > 0, name


def test_frames_derived_from_a_table_share_its_line_numbers_rather_than_copy_them():
    """pandas deep-copies ``attrs`` into every derived frame; the line numbers are shared."""
    frame = Package(ROOT).load("openai_capital")
    derived = frame[frame.columns[:2]].head(3)
    assert derived.attrs["lines"] is frame.attrs["lines"]
    assert list(frame.attrs["lines"])[:1] == [2]  # the first row is the file's second line


def test_every_csv_in_data_is_described_in_the_package():
    package = Package(ROOT)
    described = {resource["path"] for resource in package.descriptor["resources"]}
    on_disk = {path.name for path in package.data_dir.glob("*.csv")}
    assert on_disk == described


def test_every_row_has_provenance():
    package = Package(ROOT)
    for name in package.table_names:
        if package.resource(name).get("x_kind") in ("log", "vocabulary"):  # our own records cite no outside source
            continue
        fields = [field["name"] for field in package.resource(name)["schema"]["fields"]]
        assert fields[-3:] == ["source", "quote", "status"], f"{name} must end with source, quote, status"


# -- deliberately broken copies ---------------------------------------------------------------


@pytest.fixture
def broken(tmp_path: Path):
    """A writable copy of data/ and the bibliography, and helpers to break them."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    shutil.copytree(ROOT / "book" / "references", tmp_path / "book" / "references")

    class Copy:
        root = tmp_path

        def path(self, table: str) -> Path:
            return tmp_path / "data" / f"{table}.csv"

        def rows(self, table: str) -> list[list[str]]:
            return list(csv.reader(io.StringIO(self.path(table).read_text(encoding="utf-8"))))

        def write_rows(self, table: str, rows: list[list[str]]) -> None:
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            self.path(table).write_text(buffer.getvalue(), encoding="utf-8")

        def set_cell(self, table: str, row: int, column: str, value: str) -> None:
            rows = self.rows(table)
            rows[row][rows[0].index(column)] = value
            self.write_rows(table, rows)

        def load(self, table: str):
            return Package(tmp_path).load(table)

    return Copy()


def expect(copy, table: str, *fragments: str) -> str:
    with pytest.raises(DataError) as caught:
        copy.load(table)
    message = str(caught.value)
    for fragment in fragments:
        assert fragment in message, f"{fragment!r} not in {message!r}"
    return message


def test_missing_column(broken):
    rows = broken.rows("openai_valuations")
    column = rows[0].index("valuation_usd_bn")
    broken.write_rows("openai_valuations", [row[:column] + row[column + 1 :] for row in rows])
    expect(broken, "openai_valuations", "openai_valuations.csv", "line 1", "'valuation_usd_bn'", "missing")


def test_unexpected_column(broken):
    rows = broken.rows("openai_valuations")
    broken.write_rows("openai_valuations", [row + (["note"] if i == 0 else ["x"]) for i, row in enumerate(rows)])
    expect(broken, "openai_valuations", "column 'note'", "not in the schema")


def test_wrong_type(broken):
    broken.set_cell("openai_valuations", 2, "valuation_usd_bn", "about 300")
    expect(broken, "openai_valuations", "line 3", "column 'valuation_usd_bn'", "not a valid number", "'about 300'")


def test_percent_out_of_range(broken):
    broken.set_cell("openai_ownership", 1, "share_pct", "127")
    expect(broken, "openai_ownership", "line 2", "column 'share_pct'", "above the maximum 100")


def test_negative_amount(broken):
    broken.set_cell("openai_valuations", 1, "valuation_usd_bn", "-5")
    expect(broken, "openai_valuations", "line 2", "below the minimum 0")


def test_duplicate_key(broken):
    rows = broken.rows("openai_valuations")
    broken.write_rows("openai_valuations", rows + [rows[1]])
    expect(broken, "openai_valuations", f"line {len(rows) + 1}", "duplicate primary key", rows[1][0])


def test_unknown_source_key(broken):
    broken.set_cell("openai_valuations", 1, "source", "nosuchsource2099")
    expect(broken, "openai_valuations", "line 2", "column 'source'", "not in the bibliography", "nosuchsource2099")


def test_missing_quote(broken):
    broken.set_cell("openai_valuations", 3, "quote", "")
    expect(broken, "openai_valuations", "line 4", "column 'quote'", "missing")


def test_quote_too_long(broken):
    broken.set_cell("openai_valuations", 1, "quote", " ".join(["word"] * 31))
    expect(broken, "openai_valuations", "line 2", "column 'quote'", "longer than 30 words")


def test_bad_date(broken):
    broken.set_cell("openai_valuations", 1, "date", "28/10/2025")
    expect(broken, "openai_valuations", "line 2", "column 'date'", "not an ISO date", "28/10/2025")


def test_impossible_date(broken):
    broken.set_cell("openai_valuations", 1, "date", "2025-02-30")
    expect(broken, "openai_valuations", "line 2", "column 'date'", "not a valid date")


def test_value_outside_enum(broken):
    broken.set_cell("openai_valuations", 1, "status", "rumour")
    expect(broken, "openai_valuations", "line 2", "column 'status'", "not one of the allowed values", "rumour")


def test_cap_table_that_does_not_sum_to_100(broken):
    rows = broken.rows("openai_ownership")
    header = rows[0]
    target = next(
        i
        for i, row in enumerate(rows[1:], 1)
        if row[header.index("complete")] == "true" and row[header.index("stated_value_usd_bn")] == ""
    )
    broken.set_cell("openai_ownership", target, "share_pct", str(float(rows[target][header.index("share_pct")]) + 5))
    expect(broken, "openai_ownership", "column 'share_pct'", "sum to 105%")


def test_stake_value_that_disagrees_with_share_times_valuation(broken):
    rows = broken.rows("openai_ownership")
    header = rows[0]
    target = next(i for i, row in enumerate(rows[1:], 1) if row[header.index("stated_value_usd_bn")])
    broken.set_cell("openai_ownership", target, "stated_value_usd_bn", "200")
    expect(broken, "openai_ownership", f"line {target + 1}", "column 'stated_value_usd_bn'", "share × valuation")


def test_foreign_key_to_a_missing_row(broken):
    rows = broken.rows("openai_ownership")
    target = next(i for i, row in enumerate(rows[1:], 1) if row[rows[0].index("valuation_id")])
    broken.set_cell("openai_ownership", target, "valuation_id", "v_nonexistent")
    expect(broken, "openai_ownership", f"line {target + 1}", "column 'valuation_id'", "does not exist")


def test_quarterly_series_with_a_gap(broken):
    rows = broken.rows("microsoft_quarterly")
    header = rows[0]
    revenue = [i for i, row in enumerate(rows[1:], 1) if row[header.index("metric")] == "revenue"]
    middle = revenue[len(revenue) // 2]
    broken.write_rows("microsoft_quarterly", [row for i, row in enumerate(rows) if i != middle])
    expect(broken, "microsoft_quarterly", "revenue series has no row for")


def test_the_headline_quarterly_series_are_declared_complete():
    declared = Package(ROOT).resource("microsoft_quarterly")["x_complete_quarterly_metrics"]
    assert "revenue" in declared


def test_funded_above_committed(broken):
    rows = broken.rows("microsoft_openai_funding")
    header = rows[0]
    target = next(i for i, row in enumerate(rows[1:], 1) if row[header.index("measure")] == "funded")
    broken.set_cell("microsoft_openai_funding", target, "value_usd_bn", "999")
    expect(broken, "microsoft_openai_funding", f"line {target + 1}", "funded exceeds committed")


def test_empty_file(broken):
    broken.path("openai_valuations").write_text("", encoding="utf-8")
    expect(broken, "openai_valuations", "openai_valuations.csv", "empty")


def test_header_only(broken):
    broken.write_rows("openai_valuations", broken.rows("openai_valuations")[:1])
    expect(broken, "openai_valuations", "no rows")


def test_byte_order_mark(broken):
    path = broken.path("openai_valuations")
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    expect(broken, "openai_valuations", "line 1", "byte-order mark")


def test_not_utf8(broken):
    path = broken.path("openai_valuations")
    lines = path.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b",", b",\xe9", 1)
    path.write_bytes(b"\n".join(lines))
    expect(broken, "openai_valuations", "line 3", "not valid UTF-8")


def test_ragged_row(broken):
    path = broken.path("openai_valuations")
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[1] = lines[1] + ",extra"
    path.write_text("\n".join(lines), encoding="utf-8")
    expect(broken, "openai_valuations", "line 2", "cells")


def test_stray_whitespace(broken):
    rows = broken.rows("openai_valuations")
    broken.set_cell("openai_valuations", 1, "valuation_id", rows[1][0] + " ")
    expect(broken, "openai_valuations", "line 2", "column 'valuation_id'", "whitespace")


def test_bibliography_entry_without_url(broken):
    bib = sorted((broken.root / "book" / "references").glob("*.bib"))[0]
    text = bib.read_text(encoding="utf-8")
    first_url = next(line for line in text.splitlines() if line.strip().lower().startswith("url"))
    bib.write_text(text.replace(first_url + "\n", "", 1), encoding="utf-8")
    expect(broken, "openai_valuations", bib.name, "'url'")


def test_bibliography_key_defined_twice(broken):
    first, second = sorted((broken.root / "book" / "references").glob("*.bib"))[:2]
    entry = first.read_text(encoding="utf-8").split("\n\n")[0]
    second.write_text(second.read_text(encoding="utf-8") + "\n" + entry + "\n", encoding="utf-8")
    expect(broken, "openai_valuations", second.name, "already defined")


def test_every_bibliography_file_is_configured_for_the_book():
    import yaml

    configured = set(yaml.safe_load((ROOT / "_config.yml").read_text())["bibtex_bibfiles"])
    on_disk = {path.relative_to(ROOT).as_posix() for path in (ROOT / "book" / "references").glob("*.bib")}
    assert configured == on_disk


def test_every_bibliography_entry_is_cited():
    """The bibliography lists what the report uses: each entry backs a data row or a citation."""
    import re

    package = Package(ROOT)
    used = set()
    for name in package.table_names:
        frame = package.load(name)
        used |= set(frame["source"].dropna()) if "source" in frame.columns else set()
    prose = "".join(path.read_text(encoding="utf-8") for path in (ROOT / "book").glob("*.md"))
    for roles in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", prose):
        used |= {key.strip() for key in roles.split(",")}
    # The audit's reasoning column names further sources by key; its chapter turns them into citations.
    data_text = "".join(path.read_text(encoding="utf-8") for path in package.data_dir.glob("*.csv"))
    words = set(re.findall(r"\w+", data_text))  # one pass, not one search per key
    used |= {
        key
        for key in package.bibliography
        if (key in words if re.fullmatch(r"\w+", key) else re.search(rf"\b{re.escape(key)}\b", data_text))
    }
    unused = sorted(set(package.bibliography) - used)
    assert not unused, f"bibliography entries nothing cites: {unused}"


def test_the_package_is_valid_frictionless_data():
    """The open-standard validator agrees with our loader: descriptor, schemas, types and keys."""
    from frictionless import validate

    report = validate(str(ROOT / "data" / "datapackage.json"))
    problems = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors][:10]
    assert report.valid, "\n".join(problems)


# -- the report's own rules (src/msft_openai/rules.py) -----------------------------------------


def test_a_broken_table_raises_on_every_load_not_only_the_first(broken):
    """Regression: a table was cached before its rules ran, so a second load in the same kernel
    returned a cap table summing to 105% without complaint."""
    rows = broken.rows("openai_ownership")
    header = rows[0]
    target = next(
        i
        for i, row in enumerate(rows[1:], 1)
        if row[header.index("complete")] == "true" and row[header.index("stated_value_usd_bn")] == ""
    )
    broken.set_cell("openai_ownership", target, "share_pct", str(float(rows[target][header.index("share_pct")]) + 5))
    package = Package(broken.root)
    for _ in range(2):
        with pytest.raises(DataError, match="sum to 105%"):
            package.load("openai_ownership")


def _row_index(copy, table: str, column: str, value: str) -> int:
    rows = copy.rows(table)
    return next(i for i, row in enumerate(rows[1:], 1) if row[rows[0].index(column)] == value)


def test_one_quantity_recorded_in_two_tables_has_one_value(broken):
    target = _row_index(broken, "compute_commitments", "deal_id", "msft_2025_10_azure_250bn")
    broken.set_cell("compute_commitments", target, "value_usd_bn", "260")
    message = expect(
        broken, "compute_commitments", "Azure commitment", "260", f"line {target + 1}", "column 'value_usd_bn'"
    )
    assert "deal_terms line" in message, message


def test_a_cap_table_snapshot_rests_on_one_valuation(broken):
    rows = broken.rows("openai_ownership")
    header = rows[0]
    recap = [i for i, row in enumerate(rows[1:], 1) if row[0] == "recap_2025_10_28"]
    unvalued = next(i for i in recap if not rows[i][header.index("valuation_id")])
    other = next(row[0] for row in broken.rows("openai_valuations")[1:] if row[0] != "secondary_2025_10")
    broken.set_cell("openai_ownership", unvalued, "valuation_id", other)
    expect(broken, "openai_ownership", "rest on more than one valuation", "column 'valuation_id'")


def test_the_structure_diagram_agrees_with_the_cap_table(broken):
    rows = broken.rows("openai_control_links")
    header = rows[0]
    target = next(
        i
        for i, row in enumerate(rows[1:], 1)
        if row[header.index("relation")] == "owns_pct"
        and row[header.index("from_entity")] == "employees_and_investors"
        and row[header.index("period")] == "after_2025_10"
    )
    broken.set_cell("openai_control_links", target, "share_pct", "40")
    expect(broken, "openai_control_links", f"line {target + 1}", "column 'share_pct'", "cap table")


def test_a_stated_annual_total_equals_its_quarters(broken):
    target = _row_index(broken, "microsoft_ai_milestones", "milestone_id", "capex_fy2025_total_88bn")
    broken.set_cell("microsoft_ai_milestones", target, "value", "95")
    expect(broken, "microsoft_ai_milestones", f"line {target + 1}", "column 'value'", "sum of its 4 quarters")


def _set_tier(copy, key: str, tier: str) -> None:
    import re

    for bib in (copy.root / "book" / "references").glob("*.bib"):
        text = bib.read_text(encoding="utf-8")
        start = text.find("{" + key + ",")
        if start < 0:
            continue
        end = text.find("\n}", start)
        entry = re.sub(r"tier = \{\w+\}", "tier = {" + tier + "}", text[start:end])
        bib.write_text(text[:start] + entry + text[end:], encoding="utf-8")


def test_a_source_tier_outside_the_fixed_set(broken):
    rows = broken.rows("deal_terms")
    _set_tier(broken, rows[1][rows[0].index("source")], "rumour")
    expect(broken, "deal_terms", "tier must be one of", "rumour")


def test_a_row_never_rests_on_a_secondary_source_alone(broken):
    import json

    descriptor_path = broken.root / "data" / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["x_source_policy"] = {"secondary_alone": "refuse"}
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")
    rows = broken.rows("deal_terms")
    key = rows[1][rows[0].index("source")]
    _set_tier(broken, key, "secondary")
    expect(broken, "deal_terms", "line 2", "column 'source'", "secondary source", key)


def _declare_series(copy, **series):
    import json

    descriptor_path = copy.root / "data" / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    descriptor["x_series"] = [
        {
            "name": "Microsoft revenue",
            "table": "microsoft_quarterly",
            "where": {"metric": "revenue"},
            "period_column": "period_end",
            "cadence": "quarterly",
            "lag_days": 45,
            **series,
        }
    ]
    descriptor["as_of"] = "2030-01-01"
    descriptor_path.write_text(json.dumps(descriptor), encoding="utf-8")


def test_a_series_that_stops_before_the_as_of_date_allows_stops_the_build(broken):
    _declare_series(broken)
    expect(
        broken,
        "microsoft_quarterly",
        "Microsoft revenue",
        "before the as-of date 2030-01-01",
        "column 'period_end'",
        "stale_reason",
    )


def test_a_stated_reason_lets_a_series_stop_early(broken):
    _declare_series(broken, stale_reason="the company stopped reporting it")
    assert len(broken.load("microsoft_quarterly")) > 0


def test_one_event_recorded_in_two_tables_has_one_date(broken):
    target = _row_index(broken, "developments_since", "event_id", "e03")
    broken.set_cell("developments_since", target, "date_precision", "month")
    broken.set_cell("developments_since", target, "date", "2025-11-01")
    message = expect(
        broken, "developments_since", "first AWS contract", f"line {target + 1}", "column 'date'", "2025-11-01"
    )
    assert "compute_commitments line" in message, message


def test_a_recorded_disagreement_names_two_rows_that_exist_and_differ(broken):
    broken.set_cell("source_disagreements", 1, "other_row", "no_such_row")
    expect(broken, "source_disagreements", "line 2", "column 'other_row'", "does not exist", "no_such_row")


def test_a_recorded_disagreement_is_a_real_difference(broken):
    rows = broken.rows("source_disagreements")
    broken.set_cell("source_disagreements", 1, "other_row", rows[1][rows[0].index("used_row")])
    expect(broken, "source_disagreements", "line 2", "no disagreement")


def test_a_second_report_of_one_release_names_its_value_source_and_quote(broken):
    target = _row_index(broken, "source_disagreements", "disagreement_id", "d003")
    broken.set_cell("source_disagreements", target, "other_quote", "")
    expect(broken, "source_disagreements", f"line {target + 1}", "column 'other_quote'", "needs other_quote")


def test_a_second_report_cites_a_known_source(broken):
    target = _row_index(broken, "source_disagreements", "disagreement_id", "d003")
    broken.set_cell("source_disagreements", target, "other_source", "nosuchkey2026")
    expect(broken, "source_disagreements", f"line {target + 1}", "column 'other_source'", "nosuchkey2026")


def test_a_second_report_that_agrees_is_no_disagreement(broken):
    target = _row_index(broken, "source_disagreements", "disagreement_id", "d003")
    broken.set_cell("source_disagreements", target, "other_value", "14")
    expect(broken, "source_disagreements", f"line {target + 1}", "no disagreement")


def test_a_signpost_that_selects_nothing_stops_the_build(broken):
    target = _row_index(broken, "signposts", "signpost_id", "s01")
    broken.set_cell("signposts", target, "where", "metric=no_such_metric")
    expect(broken, "signposts", f"line {target + 1}", "column 'where'", "selects no row", "metric=no_such_metric")


def test_a_signpost_reads_a_column_its_table_has(broken):
    target = _row_index(broken, "signposts", "signpost_id", "s02")
    broken.set_cell("signposts", target, "value_column", "valu")
    expect(broken, "signposts", f"line {target + 1}", "column 'value_column'", "valu")


def test_the_sourcing_policy_is_on_and_its_waiting_list_only_shrinks():
    package = Package(ROOT)
    assert package.refuses_secondary_sources
    waiting = package.descriptor["x_source_policy"]["awaiting_resourcing"]
    # 43 rows waited at the edition of 4 December 2026; each was re-sourced or withdrawn.
    assert sum(len(rows) for rows in waiting.values()) == 0, "no row may rest on a secondary site alone"


def _list_as_awaiting(copy, table: str, key: str) -> None:
    path = copy.root / "data" / "datapackage.json"
    descriptor = json.loads(path.read_text(encoding="utf-8"))
    descriptor["x_source_policy"]["awaiting_resourcing"][table] = [key]
    path.write_text(json.dumps(descriptor, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def test_a_listed_row_with_a_better_source_must_leave_the_waiting_list(broken):
    rows = broken.rows("openai_capital")
    target = 1
    listed = rows[target][rows[0].index("capital_id")]
    _list_as_awaiting(broken, "openai_capital", listed)
    expect(broken, "openai_capital", f"line {target + 1}", "awaiting_resourcing", listed)


def test_a_listed_row_still_on_a_secondary_site_is_accepted_while_listed(broken):
    rows = broken.rows("openai_capital")
    listed = rows[1][rows[0].index("capital_id")]
    _list_as_awaiting(broken, "openai_capital", listed)
    _set_tier(broken, rows[1][rows[0].index("source")], "secondary")
    broken.load("openai_capital")


def test_a_new_row_resting_on_a_secondary_site_alone_is_refused(broken):
    rows = broken.rows("openai_valuations")
    listed = set(Package(ROOT).awaiting_resourcing("openai_valuations"))
    key_column = rows[0].index("valuation_id")
    target = next(i for i, row in enumerate(rows[1:], 1) if row[key_column] not in listed)
    _set_tier(broken, rows[target][rows[0].index("source")], "secondary")
    expect(broken, "openai_valuations", "secondary source", rows[target][rows[0].index("source")])
