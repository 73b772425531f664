"""Each chapter's MyST notebook and its stored .ipynb stay one notebook, reproducibly executed."""

from __future__ import annotations

import functools

import pytest

from msft_openai import execution, notebooks

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


@functools.cache
def _fresh(source):
    """One execution per notebook per test run: it serves the byte-for-byte check, the
    cell-by-cell regression report and the dependency record alike. On a built book that
    execution is the build's own (``_build/executed``), taken only while none of the files it
    read has changed since; otherwise the notebook is executed here."""
    return execution.stored_execution(notebooks.repo_root(), source) or notebooks.executed_with_dependencies(source)


def _first_differences(stored_text: str, fresh) -> list[str]:
    """Where a fresh execution departs from the stored notebook, cell by cell, as nbval reports it."""
    import nbformat

    stored = nbformat.reads(stored_text, as_version=4)
    problems = []
    for index, (old, new) in enumerate(zip(stored.cells, fresh.cells)):
        if old.get("outputs") != new.get("outputs") or old.source != new.source:
            old_text = nbformat.writes(nbformat.v4.new_notebook(cells=[old]))
            new_text = nbformat.writes(nbformat.v4.new_notebook(cells=[new]))
            at = next(
                (i for i, (a, b) in enumerate(zip(old_text, new_text)) if a != b), min(len(old_text), len(new_text))
            )
            problems.append(
                f"cell {index}: stored …{old_text[max(0, at - 60) : at + 60]!r}… fresh …{new_text[max(0, at - 60) : at + 60]!r}…"
            )
    if len(stored.cells) != len(fresh.cells):
        problems.append(f"stored has {len(stored.cells)} cells, fresh {len(fresh.cells)}")
    return problems[:3]


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=[source.stem for source in SOURCES])
def test_re_executing_reproduces_the_stored_notebook_byte_for_byte(source):
    stored = source.with_suffix(".ipynb").read_text(encoding="utf-8")
    fresh, _ = _fresh(source)
    if notebooks.as_ipynb_text(fresh) != stored:
        where = "\n".join(_first_differences(stored, fresh)) or "metadata only"
        pytest.fail(f"{source.stem}.ipynb differs from a fresh execution (run `make refresh` if intended):\n{where}")


@pytest.mark.slow
@pytest.mark.parametrize("source", SOURCES, ids=[source.stem for source in SOURCES])
def test_the_dependency_record_lists_what_the_notebook_reads(source):
    from msft_openai import dependencies

    _, read = _fresh(source)
    recorded = dependencies.read_record().get(source.stem)
    assert recorded == read, (
        f"book/_dependencies.json is out of date for {source.stem} (run `make refresh`): "
        f"reads {sorted(set(read) - set(recorded or []))}, no longer {sorted(set(recorded or []) - set(read))}"
    )
