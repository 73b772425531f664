"""Rebuild only what a change touches: the plan made from what each chapter's kernel read."""

from __future__ import annotations

from msft_openai import dependencies

RECORD = {
    "exposure": ["data/regulatory_record.csv", "data/money_flows.csv", "src/msft_openai/fmt.py"],
    "since": ["data/developments_since.csv", "src/msft_openai/fmt.py"],
}
BEFORE = {
    "data/regulatory_record.csv": "a",
    "data/money_flows.csv": "b",
    "data/developments_since.csv": "c",
    "src/msft_openai/fmt.py": "d",
    "src/msft_openai/sphinx_ext.py": "e",
}


def test_a_table_one_chapter_reads_re_executes_that_chapter_only():
    plan = dependencies.plan(RECORD, BEFORE, BEFORE | {"data/regulatory_record.csv": "a2"})
    assert plan["stale"] == ["exposure"] and not plan["rerender_all"]


def test_shared_code_re_executes_every_chapter_that_imports_it():
    plan = dependencies.plan(RECORD, BEFORE, BEFORE | {"src/msft_openai/fmt.py": "d2"})
    assert plan["stale"] == ["exposure", "since"]


def test_a_new_pinned_environment_re_executes_every_chapter():
    plan = dependencies.plan(RECORD, BEFORE | {"requirements.lock": "g"}, BEFORE | {"requirements.lock": "g2"})
    assert plan["stale"] == ["exposure", "since"] and not plan["rerender_all"]


def test_a_file_no_notebook_reads_re_renders_without_re_executing():
    plan = dependencies.plan(RECORD, BEFORE, BEFORE | {"src/msft_openai/sphinx_ext.py": "e2"})
    assert plan["stale"] == [] and plan["rerender_all"]


def test_no_change_plans_nothing_and_a_new_file_counts_as_a_change():
    assert dependencies.plan(RECORD, BEFORE, BEFORE) == {"changed": [], "stale": [], "rerender_all": False}
    added = dependencies.plan(RECORD, BEFORE, BEFORE | {"data/new_table.csv": "f"})
    assert added["changed"] == ["data/new_table.csv"] and added["rerender_all"]


def test_the_record_covers_every_chapter_and_names_files_that_exist():
    from msft_openai import notebooks
    from msft_openai.data import repo_root

    record = dependencies.read_record()
    assert sorted(record) == sorted(source.stem for source in notebooks.notebook_sources())
    missing = sorted({path for files in record.values() for path in files if not (repo_root() / path).exists()})
    assert not missing, f"book/_dependencies.json names files that do not exist (run `make refresh`): {missing}"
