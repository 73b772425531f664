"""Publishing helpers: glued numbers carry their record; tables escape every cell."""

from __future__ import annotations

import pandas as pd

from msft_openai import numbers, publish, tables
from msft_openai.publish import Fact


def test_glue_records_printed_raw_unit_and_rows(make_table):
    rows = make_table("openai_valuations", [{"valuation_id": "r2", "date": "2026-03-31", "valuation_usd_bn": 852}])
    printed = publish.glue("t_valuation", Fact(852.0, rows=rows, unit="usd_bn"), lambda v: f"${v:.0f}B")
    shown = publish.glued()
    assert printed == "$852B"
    assert shown.loc["t_valuation", "rows"] == "openai_valuations[r2]"
    assert shown.loc["t_valuation", "raw"] == 852.0
    assert publish.glued().empty  # the next cell starts afresh


def test_changes_read_as_old_to_new():
    old = pd.DataFrame([["part3", "p3_capex_latest", "$37.5B", "37.5", "usd_bn", "q[a]"]], columns=numbers.COLUMNS)
    new = old.assign(printed="$41.0B", raw="41.0")
    assert numbers.changes(old, new) == ["part3/p3_capex_latest: $37.5B -> $41.0B"]
    assert numbers.changes(old, old) == []
    assert numbers.changes(old, new.iloc[0:0]) == ["part3/p3_capex_latest: $37.5B -> (removed)"]


def test_used_names_come_from_roles_and_directives():
    text = "A {glue:text}`a_b` and {glue}`c`.\n\n```{glue:figure} fig-x\n:name: fig-x\n```\n"
    assert numbers.used_names(text) == {"a_b", "c", "fig-x"}


HOSTILE = [
    "a | b",
    "<script>alert(1)</script>",
    "**bold** _it_",
    "`code`",
    "{cite:p}`x`",
    "[link](http://example.com)",
    "x" * 80,
    "$5 and $6",
    "line\nbreak",
]


def test_every_hostile_cell_is_escaped():
    for text in HOSTILE:
        cell = tables.escape(text)
        assert "|" not in cell.replace("\\|", ""), cell
        assert "<" not in cell.replace("\\<", ""), cell
        assert "`" not in cell.replace("\\`", ""), cell
        assert "\n" not in cell
    assert "\u200b" in tables.escape("x" * 80)


def test_a_table_cites_keys_and_refuses_what_is_not_a_key():
    frame = pd.DataFrame({"Claim": ["a|b"], "Source": ["microsoft2025tenq"]})
    text = tables.markdown_table(frame, cite=["Source"]).data
    assert "{cite:p}`microsoft2025tenq`" in text and "a\\|b" in text
    try:
        tables.citation("x`y")
    except ValueError:
        pass
    else:
        raise AssertionError("a key with a backtick was accepted")


def test_every_mark_a_chart_draws_is_hidden_from_assistive_technology_including_line_points():
    # A line drawn with points compiles to two marks; the points once escaped the aria setting
    # and axe flagged them as images without a name.
    import altair as alt
    import pandas as pd

    from msft_openai.charts import _marks_without_aria

    frame = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    line = alt.Chart(frame).mark_line(point=True).encode(x="x:Q", y="y:Q")
    spec = _marks_without_aria(alt.layer(line, line.mark_area(line=True)).to_dict())
    marks = [layer["mark"] for layer in spec["layer"]]
    assert all(mark["aria"] is False for mark in marks)
    assert marks[0]["point"] == {"aria": False}
    assert marks[1]["line"] == {"aria": False}


def test_a_chart_paints_a_static_picture_first_and_hands_over_to_the_interactive_one():
    import base64

    import altair as alt

    from msft_openai.charts import PublishedChart

    frame = pd.DataFrame({"x": [1, 2], "y": [3, 4]})
    chart = PublishedChart(alt.Chart(frame).mark_bar().encode(x="x:Q", y="y:Q"), frame, "t", "A source", "Bars")
    page = chart.html()
    picture = page.split('elementtiming="report-chart" src="data:image/svg+xml;base64,')[1].split('"')[0]
    assert base64.b64decode(picture).decode().startswith("<svg")
    assert page.index("report-chart-static") < page.index("report-chart-canvas")
