"""Sphinx extension: serve the chart libraries from the site itself and publish the data.

- vega, vega-lite and vega-embed come from the bundle vl-convert-python ships, written once
  into the site's ``_static`` folder. The bundle declares top-level names that collide with
  Sphinx's own page scripts, so it is wrapped in a function scope that exports only
  ``window.vegaEmbed``.
- A zip of the whole data package (``datapackage.json`` and every CSV) is written to
  ``book/_generated/`` so the "Data and methods" appendix can offer it with ``{download}``;
  the single CSVs are offered straight from data/.
- The bibliography's fields are decoded from LaTeX once and kept between builds
  (:mod:`msft_openai.latex_cache`).
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import vl_convert

from . import latex_cache
from .charts import VEGA_LITE_VERSION
from .data import Package

BUNDLE_NAME = "vega-bundle.js"
ZH_PREFIX = "zh_"  # book/zh_summary.md is the Chinese edition of book/summary.md
ZH_HOME = "zh_summary"
DATA_ARCHIVE = "msft-openai-data.zip"


def _bundle_text() -> str:
    bundle = vl_convert.javascript_bundle("window.vegaEmbed = vegaEmbed;", vl_version=VEGA_LITE_VERSION)
    return "(function () {\n" + bundle + "\n})();\n"


def _generated_static_dir(app) -> Path:
    return Path(app.outdir).parent / ".generated_static"


def _on_config_inited(app, config) -> None:
    generated = _generated_static_dir(app)
    generated.mkdir(parents=True, exist_ok=True)
    bundle_path = generated / BUNDLE_NAME
    stamp = generated / (BUNDLE_NAME + ".version")
    version = f"{vl_convert.__version__}-{VEGA_LITE_VERSION}"
    if not bundle_path.exists() or not stamp.exists() or stamp.read_text() != version:
        bundle_path.write_text(_bundle_text(), encoding="utf-8")
        stamp.write_text(version)
    _publish_data(Path(app.srcdir) / "book" / "_generated")
    config.html_static_path = list(config.html_static_path) + [str(generated)]
    package = Package()
    edition = _edition(package)
    config._report_edition = edition
    # The Chinese edition takes every term from the bilingual glossary: {{ zh_<key> }}.
    glossary = package.load("glossary_terms")
    config.myst_substitutions = {
        **config.myst_substitutions,
        **{f"zh_{key}": zh for key, zh in zip(glossary["key"], glossary["zh_hant"])},
    }
    config.latex_elements = {**config.latex_elements, "maketitle": _title_page(edition)}


def _publish_data(target: Path) -> None:
    package = Package()
    target.mkdir(parents=True, exist_ok=True)
    names = ["datapackage.json"] + [resource["path"] for resource in package.descriptor["resources"]]
    # A zip written with fixed timestamps, so that an unchanged package gives identical bytes.
    archive = target / DATA_ARCHIVE
    digest = hashlib.sha256(b"".join((package.data_dir / n).read_bytes() for n in names)).hexdigest()
    stamp = target / (DATA_ARCHIVE + ".sha256")
    if archive.exists() and stamp.exists() and stamp.read_text() == digest:
        return
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name in names:
            info = zipfile.ZipInfo(f"msft-openai-data/{name}", date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zipped.writestr(info, (package.data_dir / name).read_bytes())
    stamp.write_text(digest)


def _edition(package: Package) -> dict:
    """The latest edition's number and dates, from data/editions.csv and the as-of date."""
    from . import fmt

    editions = package.load("editions").sort_values("edition")
    latest = editions.iloc[-1]
    return {
        "number": int(latest["edition"]),
        "published": fmt.long_date(latest["published"]),
        "as_of": fmt.long_date(package.as_of),
    }


def _title_page(edition: dict) -> str:
    """The PDF's title page: what the report is, which edition, when, under what licence, and
    where its data and web edition live."""
    return (
        r"""
\begin{titlepage}
\centering
\vspace*{3cm}
{\Huge\bfseries Microsoft and OpenAI after October 2025\par}
\vspace{1.2em}
{\Large An open, reproducible analytical report on the agreement of 28 October 2025\\ and what has followed it\par}
\vspace{2.5em}
{\large The Microsoft–OpenAI Report data desk\par}
\vfill
{\large Edition %(number)d, published %(published)s\par}
\vspace{0.4em}
{\large Data as of %(as_of)s\par}
\vspace{2em}
{\small Text and data: Creative Commons Attribution 4.0 (CC BY 4.0). Code: MIT.\par}
\vspace{0.6em}
{\small The web edition, the data package (\texttt{data/}), every number this edition prints with the data\\
rows behind it (\texttt{published/numbers.csv}) and the code that computes them are in the\\
report's repository. How to cite: \texttt{CITATION.cff} in the same repository.\par}
\vspace*{1cm}
\end{titlepage}
"""
        % edition
    )


def _edition_bar(app, pagename, templatename, context, doctree) -> None:
    """Every page of the site says which edition it is, when its data were checked, and links
    the PDF of the same edition."""
    if doctree is None or "body" not in context:
        return
    edition = app.config._report_edition
    pdf = context["pathto"]("_static/pdf/msft-openai-report.pdf", 1)
    name = pagename.rsplit("/", 1)[-1]
    if name.startswith(ZH_PREFIX):  # a Chinese page links back to its English original
        english = pagename[: len(pagename) - len(name)] + name[len(ZH_PREFIX) :]
        switch = f'<a href="{context["pathto"](english)}" lang="en" hreflang="en">English</a>'
    else:
        chinese = pagename[: len(pagename) - len(name)] + ZH_PREFIX + name
        target = chinese if chinese in app.env.found_docs else pagename[: len(pagename) - len(name)] + ZH_HOME
        switch = f'<a href="{context["pathto"](target)}" lang="zh-Hant" hreflang="zh-Hant">繁體中文</a>'
    context["body"] = (
        f'<p class="report-edition">Edition {edition["number"]}, {edition["published"]}. '
        f'Data as of {edition["as_of"]}. <a href="{pdf}">Download this edition as a PDF</a> · {switch}</p>'
        + context["body"]
    )


def _drop_thebe_loader(app) -> None:
    """Jupyter Book always loads sphinx-thebe, whose loader points every page at a CDN and, on
    this version, declares THEBE_JS_URL twice (a JavaScript error). The report has no live-code
    buttons, so its loader is disconnected."""
    for event, listeners in list(app.events.listeners.items()):
        if event == "builder-inited":
            continue  # keeps copying the stylesheet the theme links on every page
        for listener in list(listeners):
            if getattr(listener.handler, "__module__", "").startswith("sphinx_thebe"):
                app.disconnect(listener.id)


def _tables_break_across_pages(app, doctree, docname) -> None:
    """In the PDF, a table may run longer than a page (the claims audit does): set every table
    as a longtable, which breaks across pages, instead of a tabular that runs off the page."""
    if app.builder.format != "latex":
        return
    from docutils import nodes

    for table in doctree.findall(nodes.table):
        if "longtable" not in table["classes"]:
            table["classes"].append("longtable")
        _widths_from_content(table, nodes)


def _widths_from_content(table, nodes) -> None:
    """Markdown tables carry no column widths, and LaTeX would then set every column on one
    unbroken line. Give each column a width in proportion to its longest cell (within bounds),
    so that long text wraps inside its column."""
    if "colwidths-given" in table["classes"]:
        return
    for group in table.findall(nodes.tgroup):
        colspecs = [child for child in group.children if isinstance(child, nodes.colspec)]
        longest = [10] * len(colspecs)
        for row in group.findall(nodes.row):
            for index, entry in enumerate(row.children[: len(colspecs)]):
                text = entry.astext()
                # Room for the whole cell, up to a cap, and never less than its longest word.
                longest_word = max((len(word) for word in text.split()), default=0) + 6
                longest[index] = max(longest[index], min(len(text), 60), longest_word)
        for colspec, width in zip(colspecs, longest):
            colspec["colwidth"] = width
    table["classes"].append("colwidths-given")


def setup(app):
    _drop_thebe_loader(app)
    latex_cache.install(app)
    app.connect("doctree-resolved", _tables_break_across_pages)
    app.connect("config-inited", _on_config_inited)
    app.connect("html-page-context", _edition_bar)
    # Deferred: the page (and each chart's static picture) paints before the bundle is parsed.
    app.add_js_file(BUNDLE_NAME, loading_method="defer")
    app.add_js_file("report.js", loading_method="defer")
    app.add_css_file("report.css")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
