"""Hostile data text stays text through MyST: rendered to HTML and to LaTeX, a table built by
markdown_table shows every cell's characters and injects no markup."""

from __future__ import annotations

import pandas as pd
from docutils.core import publish_string
from myst_parser.parsers.docutils_ import Parser

from msft_openai.tables import markdown_table

HOSTILE = [
    "a | b",
    "<script>alert(1)</script>",
    "**bold** _it_",
    "`code`",
    "{cite:p}`x`",
    "[link](http://example.com)",
    "x" * 80,
    "$5 and $6",
    "#heading",
    "- item",
]


def render(writer: str) -> str:
    frame = pd.DataFrame({"Claim": HOSTILE, "Id": [f"r{i}" for i in range(len(HOSTILE))]})
    source = markdown_table(frame).data
    settings = {
        "output_encoding": "unicode",
        "report_level": 5,
        "halt_level": 5,
        "myst_enable_extensions": [],
        "use_latex_citations": True,
        "legacy_column_widths": False,
    }
    return publish_string(source, parser=Parser(), writer_name=writer, settings_overrides=settings)


def test_hostile_cells_render_as_text_in_html():
    page = render("html5")
    # Long words carry zero-width break opportunities; they are not part of the text.
    html = page[page.index("<table") : page.index("</table>")].replace("\u200b", "")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<strong>" not in html and "<em>" not in html and "<code" not in html and "<a href" not in html
    assert "a | b" in html and "{cite:p}" in html and "$5 and $6" in html
    assert html.count("<tr") == len(HOSTILE) + 1  # a pipe in a cell did not split a row


def test_hostile_cells_render_as_text_in_latex():
    document = render("latex")
    latex = document[document.index("\\begin{document}") :].replace("\u200b", "")
    assert "\\textbf{bold}" not in latex and "\\emph" not in latex and "\\href" not in latex
    assert "alert(1)" in latex and "\\$5 and \\$6" in latex
