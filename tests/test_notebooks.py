"""Each chapter's MyST notebook and its stored .ipynb stay one notebook, reproducibly executed."""

from __future__ import annotations

import pytest

from msft_openai import notebooks

SOURCES = notebooks.notebook_sources()


def test_the_book_has_notebooks():
    assert SOURCES, "no MyST notebooks found in book/"


def test_every_pair_is_in_sync():
    assert notebooks.drifted_pairs() == []


def test_pairing_is_configured_in_pyproject():
    import tomllib

    config = tomllib.loads((notebooks.repo_root() / "pyproject.toml").read_text())
    assert config["tool"]["jupytext"]["formats"] == "md:myst,ipynb"


def test_the_book_reads_only_the_markdown_of_each_pair():
    import yaml

    config = yaml.safe_load((notebooks.repo_root() / "_config.yml").read_text())
    assert "book/*.ipynb" in config["exclude_patterns"]


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=[source.stem for source in SOURCES])
def test_re_executing_reproduces_the_stored_notebook_byte_for_byte(source):
    stored = source.with_suffix(".ipynb").read_text(encoding="utf-8")
    fresh = notebooks.as_ipynb_text(notebooks.executed(source))
    assert fresh == stored, f"{source.stem}.ipynb differs from a fresh execution: run `make refresh` if intended"
