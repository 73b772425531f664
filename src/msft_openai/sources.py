"""The bibliography (book/references/*.bib) and the rules every row's provenance obeys.

Entries are parsed with pybtex, the parser sphinxcontrib-bibtex itself uses, so the data layer
and the printed bibliography read the same entries. Every entry names what it is, where it lives,
when we read it and what kind of source it is (its tier); every data row cites one entry and
quotes it.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
from pybtex.database import parse_string
from pybtex.scanner import PybtexError

from .errors import DataError, display_path

PROVENANCE_FIELDS = ("source", "quote", "status")
STATUSES = ("company_disclosure", "press_report", "derived")
MAX_QUOTE_WORDS = 30
# A source names what it is, where it lives and when we read it; its publication date is a full
# `date` where the page gives one, otherwise at least its `year`.
REQUIRED_FIELDS = ("title", "url", "urldate", ("date", "year"))
# primary: the company's own document, a regulator, court or legislature, a dataset's publisher;
# outlet: an established news organisation; secondary: aggregators, reprints, blogs.
TIERS = ("primary", "outlet", "secondary")


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    url: str
    year: str
    tier: str | None
    read_via: str | None
    path: Path
    line: int


def _entry_line(text: str, key: str) -> int:
    match = re.search(r"^@\w+\s*\{\s*" + re.escape(key) + r"\s*,", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _plain(value: str) -> str:
    """BibTeX text as a reader sees it: no braces, no escapes."""
    return re.sub(r"\\([$&%#_])", r"\1", value.replace("{", "").replace("}", "")).strip()


@functools.lru_cache(maxsize=32)
def _parsed(text: str):
    """pybtex's reading of one file's text, kept: the test suite loads copies of the same
    bibliography some forty times, and parsing was most of each load. Read-only to callers."""
    return parse_string(text, "bibtex")


def read_bibliography(paths: list[Path]) -> dict[str, Source]:
    """Key -> :class:`Source`, from every file, each entry checked for the fields every source
    must carry and each key defined once across all files."""
    sources: dict[str, Source] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8")
        try:
            database = _parsed(text)
        except PybtexError as error:
            raise DataError(path, f"the bibliography file does not parse: {error}") from error
        declared = re.findall(r"^@\w+\s*\{\s*([^,\s]+)\s*,", text, re.MULTILINE)
        seen_here = set()
        for key in declared:
            if key in seen_here or key in sources:
                where = display_path(path) if key in seen_here else display_path(sources[key].path)
                raise DataError(
                    path, f"bibliography key already defined in {where}", line=_entry_line(text, key), value=key
                )
            seen_here.add(key)
        for key, entry in database.entries.items():
            fields = {name.lower(): value for name, value in entry.fields.items()}
            line = _entry_line(text, key)
            for required in REQUIRED_FIELDS:
                alternatives = required if isinstance(required, tuple) else (required,)
                if not any(fields.get(name, "").strip() for name in alternatives):
                    raise DataError(path, f"entry lacks the '{' or '.join(alternatives)}' field", line=line, value=key)
            tier = fields.get("tier")
            if tier is not None and tier not in TIERS:
                raise DataError(path, f"tier must be one of {list(TIERS)}", line=line, value=tier)
            author = " and ".join(str(person) for person in entry.persons.get("author", []))
            sources[key] = Source(
                key=key,
                title=_plain(fields["title"]),
                publisher=_plain(fields.get("howpublished") or fields.get("journal") or author or key),
                url=fields["url"],
                year=(fields.get("date") or fields.get("year"))[:4],
                tier=tier,
                read_via=fields.get("readvia"),
                path=path,
                line=line,
            )
    if not sources:
        raise DataError(paths[0].parent if paths else "book/references", "no bibliography entries found")
    return sources


def check_provenance(
    path: Path,
    frame: pd.DataFrame,
    sources: dict[str, Source],
    unsourced_allowed_when: dict,
    refuse_secondary: bool = True,
    awaiting: set[str] | None = None,
) -> None:
    """Every row cites a known source with a quote, except rows the table explicitly lets go
    unsourced (the claims audit's "unverifiable" verdict is the honest absence of a source)."""
    for position, line in enumerate(frame.attrs["lines"]):
        status = frame["status"].iloc[position]
        source = frame["source"].iloc[position]
        may_be_unsourced = bool(unsourced_allowed_when) and all(
            frame[column].iloc[position] == value for column, value in unsourced_allowed_when.items()
        )
        if pd.notna(source) and source not in sources:
            raise DataError(
                path,
                "source key is not in the bibliography (book/references/*.bib)",
                line=line,
                column="source",
                value=source,
            )
        if pd.isna(source) and not may_be_unsourced:
            raise DataError(path, "every row needs a source key", line=line, column="source")
        if pd.isna(status) and not may_be_unsourced:
            raise DataError(path, "every row needs a status", line=line, column="status")
        quote = frame["quote"].iloc[position]
        if pd.notna(source) and (pd.isna(quote) or not str(quote).strip()):
            raise DataError(path, "a sourced row needs a supporting quote", line=line, column="quote")
        if pd.notna(quote) and len(str(quote).split()) > MAX_QUOTE_WORDS:
            raise DataError(
                path,
                f"quote is longer than {MAX_QUOTE_WORDS} words",
                line=line,
                column="quote",
                value=str(quote)[:60] + "…",
            )
        row_key = "/".join(str(frame[column].iloc[position]) for column in frame.attrs.get("primary_key", []))
        is_secondary = pd.notna(source) and sources[source].tier in ("secondary", None)
        if awaiting is not None and row_key in awaiting and not is_secondary:
            raise DataError(
                path,
                "this row no longer rests on a secondary source: take it off the policy's "
                "awaiting_resourcing list in datapackage.json (the list only shrinks)",
                line=line,
                column="source",
                value=row_key,
            )
        if refuse_secondary and is_secondary and row_key not in (awaiting or set()):
            what = (
                "a secondary source alone (aggregator, reprint or blog)"
                if sources[source].tier
                else "a source of unknown kind (its bibliography entry has no tier)"
            )
            raise DataError(
                path,
                f"a row may not rest on {what}: cite the original document or outlet",
                line=line,
                column="source",
                value=source,
            )
