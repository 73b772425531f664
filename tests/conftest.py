from __future__ import annotations

from pathlib import Path

import pytest
from background import start
from browsing import LAPTOP, chromium, open_pages, serving, site_pages

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


@pytest.fixture(scope="session")
def opened(html_dir, server, browser):
    """Every page opened once, at the laptop width, and shared by the checks that only read it
    (charts drawn, accessibility, keyboard focus, overflow): each page loads once rather than
    once per check, all side by side. Returns ``get(path) -> (page, blocked, errors)``."""
    paths = site_pages(html_dir)
    urls = [f"{server}/{path.relative_to(html_dir).as_posix()}" for path in paths]
    pages = dict(zip(paths, open_pages(browser, urls, viewport=LAPTOP)))
    yield pages.__getitem__
    for page, _, _ in pages.values():
        page.close()


BUILT_FIXTURES = {"html_dir", "latex_dir", "server", "browser", "opened"}


BACKGROUND = pytest.StashKey()


def pytest_collection_modifyitems(config, items):
    """Tests that read the built site or PDF are marked `built`, so that `make check` (the quick
    loop, no book build) can leave them out with `-m "not built and not slow"`. Tests whose work
    runs in the background (tests/background.py) go last, so the rest run while it does."""
    for item in items:
        if BUILT_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.built)
    items.sort(key=lambda item: hasattr(getattr(item, "function", None), "background_work"))


def pytest_collection_finish(session):
    if session.config.option.collectonly:
        return
    for item in session.items:
        work = getattr(getattr(item, "function", None), "background_work", None)
        if work is not None:
            item.stash[BACKGROUND] = start(work)


@pytest.fixture
def background_work(request):
    """The test's background work, as a Future: ``.result()`` is what it returned, or raises what
    it raised (so that the test fails, rather than errs in a fixture)."""
    return request.node.stash[BACKGROUND]
