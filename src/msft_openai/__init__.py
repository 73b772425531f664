"""Shared code of the Microsoft–OpenAI report.

- data layer: :mod:`.data` (``load_table``, ``as_of``) over :mod:`.errors`, :mod:`.schema`,
  :mod:`.sources`, :mod:`.rules` and :mod:`.catalogue`;
- analysis: :mod:`.analysis` (shared facts, one module of pure functions per chapter);
- publishing: :mod:`.publish` (``glue``, ``glued``), :mod:`.numbers` (the published numbers
  table), :mod:`.charts` (theme, ``figure``), :mod:`.tables` (escaped tables), :mod:`.fmt`
  (number formats), :mod:`.vocabulary` (names, colours, labels).
"""

from . import dependencies, fmt, vocabulary
from .charts import COMPANY_COLOURS, company_scale, figure
from .data import DataError, Package, as_of, load_table, package
from .publish import Fact, glue, glue_text, glued, loaded
from .tables import markdown_table

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
