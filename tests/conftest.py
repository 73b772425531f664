from __future__ import annotations

from pathlib import Path

import pytest
from browsing import chromium, serving

from msft_openai.data import repo_root

ROOT = repo_root()
HTML_DIR = ROOT / "_build" / "html"
LATEX_DIR = ROOT / "_build" / "latex"


@pytest.fixture(scope="session")
def html_dir() -> Path:
    if not (HTML_DIR / "index.html").exists():
        pytest.fail("the site is not built: run `make book` (make test does it for you)")
    return HTML_DIR


@pytest.fixture(scope="session")
def latex_dir() -> Path:
    if not (LATEX_DIR / "book.pdf").exists():
        pytest.fail("the PDF is not built: run `make book` (make test does it for you)")
    return LATEX_DIR


@pytest.fixture(scope="session")
def server(html_dir):
    with serving(html_dir) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    with chromium() as launched:
        yield launched


BUILT_FIXTURES = {"html_dir", "latex_dir", "server", "browser"}


def pytest_collection_modifyitems(config, items):
    """Tests that read the built site or PDF are marked `built`, so that `make check` (the quick
    loop, no book build) can leave them out with `-m "not built and not slow"`."""
    for item in items:
        if BUILT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.built)
