"""Every number the book prints is published in published/numbers.csv, and every glued name is
used on its page (and every name a page uses is glued)."""

from __future__ import annotations

import nbformat
import pytest

from msft_openai import numbers
from msft_openai.notebooks import notebook_sources


def test_the_published_numbers_table_matches_the_notebooks():
    stored = numbers.read(numbers.numbers_path())
    fresh = numbers.collect(numbers.stored_notebooks())
    moved = numbers.changes(stored, fresh)
    assert not moved, "published/numbers.csv is stale (run `make refresh`):\n  " + "\n  ".join(moved)


@pytest.mark.parametrize("source", notebook_sources(), ids=lambda path: path.stem)
def test_every_glued_name_is_used_and_every_used_name_is_glued(source):
    used = numbers.used_names(source.read_text(encoding="utf-8"))
    glued = set(numbers.glued_names(nbformat.read(source.with_suffix(".ipynb"), as_version=4)))
    assert not (glued - used), f"{source.name} glues names no text uses: {sorted(glued - used)}"
    assert not (used - glued), f"{source.name} uses names nothing glues: {sorted(used - glued)}"
