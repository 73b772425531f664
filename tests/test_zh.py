"""The Traditional-Chinese edition: its terms come from the bilingual glossary, it is written in
Traditional characters, every page switches language, and the site's search finds Chinese words."""

from __future__ import annotations

import re

import pytest

from msft_openai import load_table
from msft_openai.data import repo_root

ZH_PAGES = sorted((repo_root() / "book").glob("zh_*.md"))
# Characters that exist only in Simplified Chinese: a sign that text slipped in unconverted.
SIMPLIFIED_ONLY = set("软开发资运营权义务实际现总额况这们为于与过达长时间会对说经济项产业云数据认证")


def test_there_is_a_chinese_edition():
    assert {path.stem for path in ZH_PAGES} >= {"zh_summary", "zh_audit"}


@pytest.mark.parametrize("page", ZH_PAGES, ids=lambda path: path.stem)
def test_chinese_pages_use_only_glossary_terms_in_substitutions(page):
    keys = set(load_table("glossary_terms")["key"])
    used = set(re.findall(r"\{\{\s*zh_(\w+)\s*\}\}", page.read_text(encoding="utf-8")))
    assert used, f"{page.name} takes no term from the glossary"
    assert used <= keys, f"{page.name} uses terms the glossary lacks: {sorted(used - keys)}"


@pytest.mark.parametrize("page", ZH_PAGES, ids=lambda path: path.stem)
def test_chinese_pages_are_written_in_traditional_characters(page):
    found = sorted(set(page.read_text(encoding="utf-8")) & SIMPLIFIED_ONLY)
    assert not found, f"{page.name} holds Simplified characters: {found}"


def test_the_glossary_renders_each_english_term_once():
    glossary = load_table("glossary_terms")
    assert glossary["en"].is_unique and glossary["zh_hant"].str.len().gt(0).all()


def test_every_page_switches_language(html_dir):
    for path in sorted((html_dir / "book").glob("*.html")):
        text = path.read_text(encoding="utf-8")
        expected = "English" if path.stem.startswith("zh_") else "繁體中文"
        assert 'class="report-edition"' in text and expected in text, path.name


def test_search_finds_chinese_words(html_dir, server, browser):
    from browsing import open_page

    page, blocked, errors = open_page(browser, f"{server}/search.html?q=微軟")
    page.wait_for_selector("#search-results li", timeout=15_000)
    assert page.locator("#search-results li").count() > 0
    assert not blocked and not errors
