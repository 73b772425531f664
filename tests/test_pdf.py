"""The PDF holds every chapter, every chart as an image, and Chinese text that renders."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import yaml

from msft_openai.data import repo_root

ROOT = repo_root()


def chapter_titles() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    titles = []
    for name in files:
        text = (ROOT / f"{name}.md").read_text(encoding="utf-8")
        titles.append(re.search(r"^# (.+)$", text, re.MULTILINE).group(1).strip())
    return titles


def glued_figures() -> list[str]:
    names = []
    for path in sorted((ROOT / "book").glob("*.md")):
        names += re.findall(r"^```\{glue:figure\}\s+(\S+)", path.read_text(encoding="utf-8"), re.MULTILINE)
    return names


def pdf_text(latex_dir: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(latex_dir / "book.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout


def normalized(text: str) -> str:
    """Whitespace collapsed and typographic apostrophes made straight, as pdftotext varies."""
    return re.sub(r"\s+", " ", text.replace("\u2019", "'"))


def test_pdf_holds_every_chapter_title(latex_dir):
    text = normalized(pdf_text(latex_dir))
    missing = [title for title in chapter_titles() if normalized(title) not in text]
    assert not missing, missing


def test_every_chart_is_an_image_in_the_pdf(latex_dir):
    tex = (latex_dir / "book.tex").read_text(encoding="utf-8")
    included = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{?([^}]+)", tex)
    figures = glued_figures()
    assert figures, "the book glues no figure"
    assert len(included) >= len(figures), f"{len(included)} images in the PDF for {len(figures)} charts"
    for name in included:
        stem = Path(name).name
        assert list(latex_dir.glob(stem + "*")), f"image {name} missing from the LaTeX build"


def test_chinese_text_renders_without_missing_glyphs(latex_dir):
    log = (latex_dir / "book.log").read_text(encoding="utf-8", errors="replace")
    missing = [line for line in log.splitlines() if "Missing character" in line]
    assert not missing, missing[:5]
    assert re.search(r"[\u4e00-\u9fff]", pdf_text(latex_dir)), "no Chinese text in the PDF"


# Words that only make sense on a screen: the PDF must say "in the web edition" or print a static
# equivalent instead.
SCREEN_ONLY = re.compile(r"\b(hover|click)\w*\b|\bslider\b", re.IGNORECASE)


def test_the_pdf_holds_no_screen_only_instructions(latex_dir):
    lines = [
        line
        for line in pdf_text(latex_dir).splitlines()
        if SCREEN_ONLY.search(line) and "web edition" not in line.lower()
    ]
    assert not lines, lines[:10]


def test_the_landing_page_is_a_preface_not_under_a_list_header(latex_dir):
    pages = pdf_text(latex_dir).split("\f")
    opening = next(page for page in pages if "agreement Microsoft and OpenAI signed" in normalized(page))
    head = " ".join(line.strip() for line in opening.strip().splitlines()[:3]).upper()
    assert "LIST OF FIGURES" not in head and "PREFACE" in head, head


def test_the_title_page_names_the_edition_its_date_and_the_licence(latex_dir):
    from msft_openai import fmt, load_table
    from msft_openai.analysis import editions

    latest = editions.latest(load_table("editions"))
    first_page = normalized(pdf_text(latex_dir).split("\f")[0])
    assert f"Edition {latest['edition']}, published {fmt.long_date(latest['published'])}" in first_page
    assert "CC BY 4.0" in first_page
