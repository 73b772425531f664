"""The build's own executions are reused only while every file they read is unchanged."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from msft_openai import execution, notebooks


def _executed_copy(root: Path) -> Path:
    """A tiny repository: one chapter, one table it read, the lock, and the build's execution."""
    (root / "book").mkdir()
    (root / "data").mkdir()
    source = root / "book" / "chapter.md"
    source.write_text("# chapter\n", encoding="utf-8")
    (root / "data" / "table.csv").write_text("a\n1\n", encoding="utf-8")
    (root / "requirements.lock").write_text("pandas==2\n", encoding="utf-8")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1 + 1", id="cell-000")])
    execution._store_execution(root, source, notebook, ["data/table.csv"], 1.0)
    return source


def test_an_unchanged_execution_is_reused_as_it_was_written(tmp_path: Path):
    source = _executed_copy(tmp_path)
    stored = execution.stored_execution(tmp_path, source)
    assert stored is not None
    notebook, read = stored
    assert read == ["data/table.csv"]
    assert notebooks.as_ipynb_text(notebook) == (tmp_path / "_build/executed/chapter.ipynb").read_text()


def test_a_changed_table_chapter_or_lock_makes_the_execution_stale(tmp_path: Path):
    source = _executed_copy(tmp_path)
    for changed in ("data/table.csv", "book/chapter.md", "requirements.lock"):
        path = tmp_path / changed
        original = path.read_text()
        path.write_text(original + "x\n")
        assert execution.stored_execution(tmp_path, source) is None, f"{changed} changed, execution reused"
        path.write_text(original)
    assert execution.stored_execution(tmp_path, source) is not None


def test_a_deleted_input_makes_the_execution_stale(tmp_path: Path):
    source = _executed_copy(tmp_path)
    (tmp_path / "data" / "table.csv").unlink()
    assert execution.stored_execution(tmp_path, source) is None


def test_no_stored_execution_means_none(tmp_path: Path):
    (tmp_path / "book").mkdir()
    assert execution.stored_execution(tmp_path, tmp_path / "book" / "chapter.md") is None


def test_the_toc_lists_every_notebook_the_book_builds():
    listed = notebooks.toc_files()
    assert {f"book/{source.stem}" for source in notebooks.notebook_sources()} <= listed


def test_kernels_talk_over_private_sockets_so_two_starting_at_once_cannot_collide():
    # Over TCP two kernels started together can be handed the same free port; the CI run of
    # 2026-10 lost a build to exactly that ("Address already in use", kernel died).
    with notebooks.private_kernel() as first, notebooks.private_kernel() as second:
        assert (first.transport, second.transport) == ("ipc", "ipc")
        assert Path(first.ip).parent != Path(second.ip).parent


@pytest.mark.slow
def test_two_private_kernels_start_together_and_both_answer():
    with notebooks.private_kernel() as first, notebooks.private_kernel() as second:
        for manager in (first, second):
            manager.start_kernel()
        try:
            for manager in (first, second):
                client = manager.client()
                client.start_channels()
                client.wait_for_ready(timeout=60)
                reply = client.execute("1 + 1", reply=True, timeout=60)
                assert reply["content"]["status"] == "ok"
                assert list(Path(manager.ip).parent.iterdir()), "no socket file in the private directory"
                client.stop_channels()
        finally:
            for manager in (first, second):
                manager.shutdown_kernel(now=True)


@pytest.mark.slow
def test_executing_a_chapter_leaves_no_kernel_running():
    # A client handed its kernel manager does not shut the kernel down by itself; a build of
    # twenty chapters would otherwise keep twenty kernels alive until its workers exit.
    import os
    import subprocess

    notebooks.executed(notebooks.book_dir() / "corrections.md")
    children = subprocess.run(["ps", "--ppid", str(os.getpid()), "-o", "cmd="], capture_output=True, text=True)
    kernels = [line for line in children.stdout.splitlines() if "ipykernel" in line]
    assert not kernels, f"kernels left running: {kernels}"
