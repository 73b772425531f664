"""Chapters read as narratives: short code cells beside the text they support, no logic and no
checks in the notebooks (arithmetic lives in tested package functions, checks in data rules)."""

from __future__ import annotations

import re
import statistics

import pytest

from msft_openai.notebooks import notebook_sources

LONGEST_CELL = 30
MEDIAN_CELL = 12
CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def code_lines(cell: str) -> int:
    """Lines of code, not counting cell options (":tags:" or a --- front matter) or blanks."""
    body = cell
    if body.startswith("---\n"):
        body = body.split("\n---\n", 1)[1]
    return sum(1 for line in body.splitlines() if line.strip() and not line.startswith(":"))


@pytest.mark.parametrize("source", notebook_sources(), ids=lambda path: path.stem)
def test_code_cells_are_short(source):
    lengths = [code_lines(cell) for cell in CELL.findall(source.read_text(encoding="utf-8"))]
    assert lengths, f"{source.name} has no code cells"
    assert max(lengths) <= LONGEST_CELL, f"{source.name}: longest cell {max(lengths)} lines (cells: {lengths})"
    assert statistics.median(lengths) <= MEDIAN_CELL, f"{source.name}: median cell {statistics.median(lengths)}"


@pytest.mark.parametrize("source", notebook_sources(), ids=lambda path: path.stem)
def test_notebooks_hold_no_asserts_and_define_no_functions(source):
    code = "\n".join(CELL.findall(source.read_text(encoding="utf-8")))
    assert not re.search(r"^\s*assert\b", code, re.MULTILINE), f"{source.name}: checks belong in rules or tests"
    assert not re.search(r"^\s*def \w+", code, re.MULTILINE), f"{source.name}: functions belong in the package"
