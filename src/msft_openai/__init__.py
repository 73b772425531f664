"""Shared code of the Microsoft–OpenAI report.

- data layer: :mod:`.data` (``load_table``, ``as_of``) over :mod:`.errors`, :mod:`.schema`,
  :mod:`.sources`, :mod:`.rules` and :mod:`.catalogue`;
- analysis: :mod:`.analysis` (shared facts, one module of pure functions per chapter);
- publishing: :mod:`.publish` (``glue``, ``glued``), :mod:`.numbers` (the published numbers
  table), :mod:`.charts` (theme, ``figure``), :mod:`.tables` (escaped tables), :mod:`.fmt`
  (number formats), :mod:`.vocabulary` (names, colours, labels).
"""

import sys

# jsonschema (which Altair validates charts with) imports rfc3987_syntax, when installed, to
# check "iri" strings; it is installed only because JupyterLab's event schemas ask for it, and
# importing it compiles 38 grammars: 2.3 s in every kernel, build step and test process that
# imports this package. No Vega-Lite schema uses the "iri" format, so nothing we validate
# changes (`tests/test_imports.py` checks both).
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

from . import dependencies, fmt, vocabulary  # noqa: E402
from .charts import COMPANY_COLOURS, company_scale, figure  # noqa: E402
from .data import DataError, Package, as_of, load_table, package  # noqa: E402
from .publish import Fact, glue, glue_text, glued, loaded  # noqa: E402
from .tables import markdown_table  # noqa: E402

# Every file a notebook's kernel opens is recorded, so a rebuild knows what each chapter read.
dependencies.start_tracing()

__all__ = [
    "fmt",
    "vocabulary",
    "COMPANY_COLOURS",
    "company_scale",
    "figure",
    "DataError",
    "Package",
    "as_of",
    "load_table",
    "package",
    "Fact",
    "glue",
    "glue_text",
    "glued",
    "loaded",
    "markdown_table",
]
