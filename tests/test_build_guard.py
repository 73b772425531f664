"""A broken data file stops the book build: a wrong chart is never published."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from msft_openai.data import repo_root

ROOT = repo_root()


@pytest.mark.slow
def test_a_broken_csv_makes_the_book_build_fail(tmp_path: Path):
    copy = tmp_path / "book-copy"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(".venv", "_build", ".git", "*.ipynb", "__pycache__"))
    # A one-page book keeps this test fast: the landing page loads data and draws a chart.
    (copy / "_toc.yml").write_text(
        "format: jb-book\nroot: book/index\nchapters:\n  - file: book/data_methods\n  - file: book/bibliography\n",
        encoding="utf-8",
    )
    valuations = copy / "data" / "openai_valuations.csv"
    lines = valuations.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    cells[header.index("valuation_usd_bn")] = "not-a-number"
    lines[1] = ",".join(cells)
    valuations.write_text("\n".join(lines) + "\n", encoding="utf-8")

    # The build script `make book` runs: its parallel pre-execution must stop the build too.
    (copy / ".venv").symlink_to(ROOT / ".venv")
    env = {"MSFT_OPENAI_ROOT": str(copy), "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}
    result = subprocess.run(
        ["bash", "scripts/build-html.sh"], env=env, capture_output=True, text=True, timeout=600, cwd=copy
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-3000:]
    assert "openai_valuations.csv" in output and "valuation_usd_bn" in output, output[-3000:]
    assert "book/index.md" in output and "a notebook raised" in output, output[-3000:]
    assert not (copy / "_build" / "html" / "index.html").exists() or "not-a-number" not in (
        copy / "_build" / "html" / "index.html"
    ).read_text(encoding="utf-8")
