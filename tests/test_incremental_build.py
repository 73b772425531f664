"""Rebuild only what a change touches, and get the same site as a clean build.

The builds run in the background from the start of the session (tests/background.py): this
test runs last and checks what they found."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from background import background, niced

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
        niced(["bash", "scripts/build-html.sh"]), cwd=copy, env=env, capture_output=True, text=True, timeout=900
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
        niced([sys.executable, "-m", "msft_openai.execution", "prepare"]),
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def _modification_times(copy: Path) -> dict[str, int]:
    """Every file a Sphinx build reads or the cache holds, with its modification time."""
    folders = [copy / "book", copy / "data", copy / "_build" / ".jupyter_cache"]
    return {str(path): path.stat().st_mtime_ns for folder in folders for path in folder.rglob("*") if path.is_file()}


def _html_files(html: Path) -> list[str]:
    return sorted(str(path.relative_to(html)) for path in html.rglob("*.html"))


def _edit_one_table(scratch: Path) -> dict:
    """Build two small books cold, side by side (each build is mostly one process): the edited
    book, the reference every incremental build must equal, and the original book, which is then
    edited and built again. Return what each build executed and re-read, and how the results
    compare."""
    original = (ROOT / EDITED_TABLE).read_text(encoding="utf-8")
    assert EDIT[0] in original, f"the test's edit no longer applies to {EDITED_TABLE}"
    edited = original.replace(*EDIT, 1)
    copies = {}
    for name, text in (("clean", edited), ("incremental", original)):
        copies[name] = _copy(ROOT, scratch / name)
        (copies[name] / "_toc.yml").write_text(TOC, encoding="utf-8")
        (copies[name] / EDITED_TABLE).write_text(text, encoding="utf-8")
    with ThreadPoolExecutor(max_workers=2) as pool:
        cold = {name: executed for name, (executed, _) in zip(copies, pool.map(_build, copies.values()))}

    copy = copies["incremental"]
    (copy / EDITED_TABLE).write_text(edited, encoding="utf-8")
    incremental = _build(copy)
    watched = _modification_times(copy)
    plan = _prepare(copy)
    touched = _modification_times(copy) != watched

    built, clean = copy / "_build" / "html", copies["clean"] / "_build" / "html"
    pages = _html_files(built)
    differing = [
        page for page in pages if (clean / page).exists() and _normalised(built / page) != _normalised(clean / page)
    ]
    return {
        "cold": cold,
        "incremental": incremental,
        "plan": plan,
        "touched": touched,
        "pages": (pages, _html_files(clean)),
        "differing": differing,
    }


@pytest.mark.slow
@background(_edit_one_table)
def test_a_change_to_one_table_re_executes_only_its_readers_and_matches_a_clean_build(background_work):
    readers = sorted(name for name, files in dependencies.read_record().items() if EDITED_TABLE in files)
    assert readers == ["data_methods"], f"{EDITED_TABLE} is read by {readers}: pick a table one chapter reads"
    found = background_work.result()
    # Cold, every notebook of the small book executes.
    assert found["cold"] == {"clean": {"data_methods", "corrections"}, "incremental": {"data_methods", "corrections"}}
    # The edit: only the table's one reader executes, and its outputs come out unchanged (the
    # edited text is not shown). Sphinx re-reads that page all the same, because it links the
    # table for download; nothing else.
    assert found["incremental"] == ({"=data_methods"}, {"data_methods"})
    # Nothing changed since: the planner executes nothing and touches no file Sphinx watches, so
    # Sphinx would re-read nothing (a full no-change build would cost another 9 s to show it).
    assert re.search(r"^executed 0 chapter", found["plan"], flags=re.M), found["plan"]
    assert not found["touched"], "a no-change plan touched the book's sources"
    # And the incremental build is the clean build of the edited book.
    incremental_pages, clean_pages = found["pages"]
    assert incremental_pages == clean_pages
    assert not found["differing"], f"incremental build differs from a clean build in {found['differing']}"


def _normalised(page: Path) -> str:
    # Sphinx adds a cache-busting "?v=<checksum>" to a stylesheet link only once the file exists
    # from an earlier build: an artefact of building twice, not a difference in content.
    return re.sub(r"\?v=[0-9a-f]{8}", "", page.read_text(encoding="utf-8"))
