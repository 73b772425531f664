"""How the built site reads: accessible, usable on a phone and a laptop, findable offline."""

from __future__ import annotations

import os
import re

import pytest
from browsing import LAPTOP, open_page, site_pages

from msft_openai import as_of, fmt
from msft_openai.data import repo_root

ROOT = repo_root()
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "_build" / "screenshots"
# Full-page screenshots for a human eye cost about a second a page: taken by `make screenshots`.
TAKE_SCREENSHOTS = os.environ.get("REPORT_SCREENSHOTS") == "1"
WIDTHS = {"phone": 390, "laptop": LAPTOP["width"]}
# Charts that spill out of the text column, anything in the article wider than the screen, and
# tables that scroll in their own box but cannot take keyboard focus.
OVERFLOW_SCRIPT = """() => {
const out = [];
document.querySelectorAll('.report-chart-canvas').forEach((canvas, i) => {
  const column = canvas.closest('article') || document.body;
  const svg = canvas.querySelector('svg');
  if (!svg) { out.push(`chart ${i} not drawn`); return; }
  const box = svg.getBoundingClientRect(), col = column.getBoundingClientRect();
  if (box.right > col.right + 1 || box.left < col.left - 1) out.push(`chart ${i}: ${box.left}-${box.right} outside ${col.left}-${col.right}`);
});
// The text column must fit the screen. (The theme's table-of-contents drawer sits
// off-screen by design on narrow screens, so the check is on the article itself.)
const article = document.querySelector('article');
const limit = document.documentElement.clientWidth + 1;
article.querySelectorAll('*').forEach((el) => {
  const box = el.getBoundingClientRect();
  const scroller = el.closest('table, .report-chart, pre, .highlight');
  if (box.width > 0 && box.right > limit && !(scroller && scroller.getBoundingClientRect().right <= limit))
    out.push(`${el.tagName.toLowerCase()} "${(el.textContent || '').trim().slice(0, 40)}" ends at ${Math.round(box.right)}px`);
});
// A table that scrolls in its own box must take keyboard focus, at this width too.
article.querySelectorAll('table').forEach((table, i) => {
  if (table.scrollWidth > table.clientWidth && table.tabIndex < 0) out.push(`table ${i} scrolls but cannot take focus`);
});
return out.slice(0, 5);
}"""
TWO_FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
CONTENT_PAGES = lambda html_dir: [p for p in site_pages(html_dir) if p.parent.name == "book"]  # noqa: E731


def test_every_page_passes_axe_without_serious_violations(html_dir, opened):
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `npm ci` (make test does it for you)")
    problems = []
    for path in CONTENT_PAGES(html_dir):
        relative = path.relative_to(html_dir).as_posix()
        page, _, _ = opened(path)
        page.add_script_tag(path=str(AXE))
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        for violation in result["violations"]:
            if violation["impact"] in ("serious", "critical"):
                targets = [node["target"] for node in violation["nodes"][:3]]
                problems.append(f"{relative}: {violation['id']} ({violation['impact']}) at {targets}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("device", WIDTHS)
def test_no_chart_overflows_its_column(html_dir, opened, device):
    """Checked on the pages the other checks share, narrowed to a phone's width and back: the
    charts are drawn at one width and scaled by CSS, so a narrowed page lays out as one opened
    on a phone. The check waits two frames after each resize: the browser fires the resize event
    when it next renders, and the page's own handler (tables that scroll take focus) runs then."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    width = WIDTHS[device]
    problems = []
    for path in CONTENT_PAGES(html_dir):
        relative = path.relative_to(html_dir).as_posix()
        page = opened(path)[0]
        page.bring_to_front()  # a tab in the background renders (and so fires resize) rarely
        page.set_viewport_size({"width": width, "height": LAPTOP["height"]})
        try:
            page.evaluate(TWO_FRAMES)
            assert page.evaluate("() => document.documentElement.clientWidth") <= width
            overflow = page.evaluate(OVERFLOW_SCRIPT)
            if TAKE_SCREENSHOTS:
                page.screenshot(path=str(SCREENSHOTS / f"{path.stem}-{width}.png"), full_page=True)
        finally:
            page.set_viewport_size(LAPTOP)
        problems += [f"{relative} at {width}px: {item}" for item in overflow]
    assert not problems, "\n".join(problems)


def test_every_interactive_control_is_reachable_by_keyboard(html_dir, opened):
    problems, controls_seen = [], 0
    for path in CONTENT_PAGES(html_dir):
        relative = path.relative_to(html_dir).as_posix()
        page, _, _ = opened(path)
        controls = page.locator(".vega-bind input, .vega-bind select")
        for index in range(controls.count()):
            control = controls.nth(index)
            controls_seen += 1
            control.focus()
            focused = page.evaluate("(el) => document.activeElement === el", control.element_handle())
            tab_index = control.evaluate("(el) => el.tabIndex")
            label = control.evaluate(
                "(el) => (el.closest('label') || {}).textContent || el.getAttribute('aria-label') || ''"
            )
            if not focused or tab_index < 0:
                problems.append(f"{relative}: control {index} cannot take keyboard focus")
            if not label.strip():
                problems.append(f"{relative}: control {index} has no label")
    assert not problems, "\n".join(problems)


def test_search_works_offline(html_dir, server, browser):
    page, blocked, errors = open_page(browser, f"{server}/search.html?q=Azure")
    page.wait_for_selector("#search-results li", timeout=15_000)
    assert page.locator("#search-results li").count() > 0
    assert not blocked and not errors


def test_every_page_says_when_its_data_were_checked(html_dir):
    stated = fmt.long_date(as_of())
    for path in CONTENT_PAGES(html_dir):
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        assert f"Data checked as of {stated}" in text, path.name


def test_the_landing_page_links_the_pdf_the_data_and_the_notebooks(html_dir):
    landing = (html_dir / "book" / "index.html").read_text(encoding="utf-8")
    assert "msft-openai-report.pdf" in landing
    assert "data_methods.html" in landing
    methods = (html_dir / "book" / "data_methods.html").read_text(encoding="utf-8")
    assert "msft-openai-data.zip" in methods


def test_charts_keep_a_light_card_in_dark_mode(html_dir, server, browser):
    """The house colours were chosen for a light background, so in the site's dark mode every
    chart sits on its own white card rather than on the dark page."""
    page = browser.new_page(color_scheme="dark")
    page.goto(f"{server}/book/index.html", wait_until="networkidle")
    page.evaluate("() => document.documentElement.dataset.theme = 'dark'")
    page_background = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
    card = page.evaluate("() => getComputedStyle(document.querySelector('.report-chart-canvas')).backgroundColor")
    page.close()
    assert page_background != "rgb(255, 255, 255)", "the page did not switch to dark mode"
    assert card == "rgb(255, 255, 255)"


def test_the_pdf_title_page_carries_the_as_of_date():
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    assert config["sphinx"]["config"]["today"] == fmt.long_date(as_of())


def test_the_data_appendix_offers_every_table_for_download(html_dir):
    from msft_openai import package

    methods = (html_dir / "book" / "data_methods.html").read_text(encoding="utf-8")
    linked = set(re.findall(r'_downloads/[0-9a-f]+/([\w-]+\.csv)"', methods))
    described = {resource["path"] for resource in package().descriptor["resources"]}
    assert described <= linked, described - linked
