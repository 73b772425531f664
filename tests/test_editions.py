"""Editions: the citation file and the editions log tell the same story, and the changelog's
first entry is computed against the numbers of the edition of 28 November 2026."""

from __future__ import annotations

import yaml

from msft_openai import load_table
from msft_openai.analysis import editions
from msft_openai.data import repo_root


def test_citation_file_names_the_latest_edition():
    citation = yaml.safe_load((repo_root() / "CITATION.cff").read_text(encoding="utf-8"))
    latest = editions.latest(load_table("editions"))
    assert str(citation["version"]) == str(latest["edition"])
    assert str(citation["date-released"]) == latest["published"].date().isoformat()


def test_every_edition_has_its_numbers_file():
    for edition in load_table("editions").itertuples():
        assert (repo_root() / edition.numbers).exists(), edition.numbers


def test_the_latest_edition_publishes_the_live_numbers_table():
    assert editions.latest(load_table("editions"))["numbers"] == "published/numbers.csv"


def test_changes_list_old_and_new_with_the_rows_behind_them():
    import pandas as pd

    old = pd.DataFrame({"page": ["p", "p"], "key": ["a", "b"], "printed": ["$1B", "2"]})
    new = pd.DataFrame({"page": ["p", "p"], "key": ["a", "c"], "printed": ["$2B", "3"], "rows": ["t[x]", ""]})
    changed = editions.changed_numbers(old, new)
    assert changed.to_dict("records") == [{"page": "p", "key": "a", "old": "$1B", "new": "$2B", "rows": "t[x]"}]
    assert editions.added_and_removed(old, new) == (1, 1, 1)
