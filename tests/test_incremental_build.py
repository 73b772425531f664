"""Rebuild only what a change touches, and get the same site as a clean build."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from msft_openai import dependencies
from msft_openai.data import repo_root

ROOT = repo_root()
# A table only the data appendix reads: editing it must re-execute that page and nothing else.
EDITED_TABLE = "data/openai_capital.csv"
EDIT = ("(structure second-hand).", "(structure second-hand; edited).")
TOC = "format: jb-book\nroot: book/data_methods\nchapters:\n  - file: book/corrections\n  - file: book/bibliography\n"


def _copy(source: Path, target: Path) -> Path:
    shutil.copytree(
        source,
        target,
        ignore=shutil.ignore_patterns(
            ".venv", "_build", ".git", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache"
        ),
    )
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


def _build(copy: Path) -> tuple[set[str], set[str]]:
    """Build the copy's HTML with the project's script; return the chapters executed and the
    pages Sphinx re-read (a chapter whose outputs came out unchanged is named "=name")."""
    env = {**os.environ, "MSFT_OPENAI_ROOT": str(copy), "PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"}
    result = subprocess.run(
        ["bash", "scripts/build-html.sh"], cwd=copy, env=env, capture_output=True, text=True, timeout=900
    )
    output = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout + result.stderr)
    assert result.returncode == 0, output[-3000:]
    assert "Executing notebook" not in output, "Sphinx executed a notebook the build had not cached"
    executed = set(re.findall(r"^executing book/(\w+)\.md$", output, flags=re.M))
    reread = set(re.findall(r"^reading sources\.\.\. \[ *\d+%\] book/(\w+)", output, flags=re.M))
    unchanged = re.search(r"unchanged \(page not re-read\): (.*)$", output, flags=re.M)
    if unchanged and unchanged.group(1) != "none":
        executed = {f"={name}" if name in unchanged.group(1).split(", ") else name for name in executed}
    return executed, reread


def _prepare(copy: Path) -> str:
    """Run only the build's planner and executor on the copy; return what it printed."""
    env = {**os.environ, "MSFT_OPENAI_ROOT": str(copy)}
    result = subprocess.run(
        [sys.executable, "-m", "msft_openai.execution", "prepare"], cwd=copy, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _modification_times(copy: Path) -> dict[str, int]:
    """Every file a Sphinx build reads or the cache holds, with its modification time."""
    folders = [copy / "book", copy / "data", copy / "_build" / ".jupyter_cache"]
    return {str(path): path.stat().st_mtime_ns for folder in folders for path in folder.rglob("*") if path.is_file()}


def _html_files(html: Path) -> list[str]:
    return sorted(str(path.relative_to(html)) for path in html.rglob("*.html"))


@pytest.mark.slow
def test_a_change_to_one_table_re_executes_only_its_readers_and_matches_a_clean_build(tmp_path: Path):
    readers = sorted(name for name, files in dependencies.read_record().items() if EDITED_TABLE in files)
    assert readers == ["data_methods"], f"{EDITED_TABLE} is read by {readers}: pick a table one chapter reads"

    original = (ROOT / EDITED_TABLE).read_text(encoding="utf-8")
    assert EDIT[0] in original, f"the test's edit no longer applies to {EDITED_TABLE}"
    edited = original.replace(*EDIT, 1)
    copies = {}
    for name, text in (("clean", edited), ("incremental", original)):
        copies[name] = _copy(ROOT, tmp_path / name)
        (copies[name] / "_toc.yml").write_text(TOC, encoding="utf-8")
        (copies[name] / EDITED_TABLE).write_text(text, encoding="utf-8")

    # Two cold builds side by side (each is mostly one process, and the machine has two cores):
    # the edited book, the reference every incremental build must equal, and the original book,
    # which is then edited. Cold, every notebook of the small book executes.
    with ThreadPoolExecutor(max_workers=2) as pool:
        cold = dict(zip(copies, pool.map(_build, copies.values())))
    assert {name: executed for name, (executed, _) in cold.items()} == {
        "clean": {"data_methods", "corrections"},
        "incremental": {"data_methods", "corrections"},
    }

    # The edit: only the table's one reader executes, and its outputs come out unchanged (the
    # edited text is not shown). Sphinx re-reads that page all the same, because it links the
    # table for download; nothing else.
    copy = copies["incremental"]
    (copy / EDITED_TABLE).write_text(edited, encoding="utf-8")
    assert _build(copy) == ({"=data_methods"}, {"data_methods"})
    # Nothing changed: the planner executes nothing and touches no file Sphinx watches, so Sphinx
    # re-reads nothing (a full no-change build would cost another 9 s to show the same).
    watched = _modification_times(copy)
    assert re.search(r"^executed 0 chapter", _prepare(copy), flags=re.M)
    assert _modification_times(copy) == watched, "a no-change plan touched the book's sources"

    built, clean = copy / "_build" / "html", copies["clean"] / "_build" / "html"
    pages = _html_files(built)
    assert pages == _html_files(clean)
    differing = [page for page in pages if _normalised(built / page) != _normalised(clean / page)]
    assert not differing, f"incremental build differs from a clean build in {differing}"


def _normalised(page: Path) -> str:
    # Sphinx adds a cache-busting "?v=<checksum>" to a stylesheet link only once the file exists
    # from an earlier build: an artefact of building twice, not a difference in content.
    return re.sub(r"\?v=[0-9a-f]{8}", "", page.read_text(encoding="utf-8"))
