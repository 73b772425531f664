"""Shared code of the Microsoft–OpenAI report: data loading and validation, charts, formats."""

from . import fmt
from .charts import COMPANY_COLOURS, company_scale, figure, glue_text
from .data import DataError, Package, as_of, load_table, package

__all__ = ["fmt", "COMPANY_COLOURS", "company_scale", "figure", "glue_text", "DataError", "Package",
           "as_of", "load_table", "package"]
