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
    return subprocess.run(["pdftotext", "-layout", str(latex_dir / "book.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout


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
