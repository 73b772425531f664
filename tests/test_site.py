"""Every page of the built site works offline in a real browser."""

from __future__ import annotations

import re

from browsing import open_page, serving, site_pages

MAX_PAGE_BYTES = 1_000_000


def test_the_site_has_its_pages(html_dir):
    names = {path.name for path in site_pages(html_dir)}
    assert "index.html" in names and len(names) >= 3


def test_every_page_renders_its_charts_offline(html_dir, opened):
    failures = []
    charts_seen = 0
    for path in site_pages(html_dir):
        relative = path.relative_to(html_dir).as_posix()
        page, blocked, errors = opened(path)
        canvases = page.locator(".report-chart-canvas")
        count = canvases.count()
        for index in range(count):
            canvas = canvases.nth(index)
            canvas.locator("svg").first.wait_for(timeout=10_000)
            marks = canvas.locator("svg g[class*='mark-']").count()
            if marks == 0:
                failures.append(f"{relative}: chart {index} has no SVG marks")
        charts_seen += count
        # Each chart's static picture (painted with the page) gives way to the interactive chart.
        try:
            page.wait_for_function("() => !document.querySelector('.report-chart-static')", timeout=10_000)
        except Exception:  # a timeout: report it with the page's other faults
            left = page.locator(".report-chart-static").count()
            failures.append(f"{relative}: {left} static picture(s) never replaced by the interactive chart")
        if blocked:
            failures.append(f"{relative}: blocked non-local requests {blocked[:3]}")
        if errors:
            failures.append(f"{relative}: JavaScript errors {errors[:3]}")
    assert not failures, "\n".join(failures)
    assert charts_seen > 0, "no chart found on any page"


def test_a_request_off_the_machine_is_reported(browser, tmp_path):
    """The offline checks above rest on this: a page that reaches for a CDN is reported (and gets
    nothing: Chromium resolves no host but the loopback one)."""
    cdn = "https://cdn.jsdelivr.net/npm/vega@5"
    (tmp_path / "page.html").write_text(f'<!doctype html><title>t</title><script src="{cdn}"></script>')
    with serving(tmp_path) as url:
        page, blocked, _ = open_page(browser, f"{url}/page.html")
        loaded = page.evaluate("() => typeof vega !== 'undefined'")
        page.close()
    assert blocked == [cdn] and not loaded


def test_vega_is_served_once_from_the_site(html_dir):
    bundle = html_dir / "_static" / "vega-bundle.js"
    assert bundle.exists() and bundle.stat().st_size > 100_000
    for path in site_pages(html_dir):
        text = path.read_text(encoding="utf-8")
        assert "cdn.jsdelivr" not in text and "unpkg.com" not in text, path.name


def test_no_page_is_heavier_than_a_megabyte(html_dir):
    heavy = {path.name: path.stat().st_size for path in site_pages(html_dir) if path.stat().st_size > MAX_PAGE_BYTES}
    assert not heavy, heavy


def test_no_page_publishes_a_traceback(html_dir):
    for path in site_pages(html_dir):
        text = path.read_text(encoding="utf-8")
        assert "Traceback (most recent call last)" not in text, path.name
        assert "ename" not in text or "DataError" not in text, path.name


def test_no_page_holds_its_first_paint_for_the_search_index(html_dir):
    # The theme loads the whole search index in every page's head; book/_templates/layout.html
    # defers it (search-as-you-type is off, so nothing needs it before the page is drawn). The
    # search page itself loads it as Sphinx does: it is the page's content.
    blocking = []
    for path in (path for path in site_pages(html_dir) if path.name != "search.html"):
        head = path.read_text(encoding="utf-8").split("</head>", 1)[0]
        for tag in re.findall(r"<script[^>]*(?:searchindex|searchtools|language_data)\.js[^>]*>", head):
            if " defer" not in tag:
                blocking.append(f"{path.relative_to(html_dir)}: {tag}")
    assert not blocking, "\n".join(blocking[:5])
