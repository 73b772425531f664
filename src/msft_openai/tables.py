"""Render a data table for the page: every cell escaped, citations made from keys.

Data text is not markup. A quote holding ``|``, ``<``, ``*``, a backtick or a MyST role must
print as those characters, not break the table or inject markup into the page, so every cell is
escaped (CommonMark lets any ASCII punctuation be escaped with a backslash). Columns named in
``cite`` hold bibliography keys and become ``{cite:p}`` roles; keys are checked to be keys.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd
from IPython.display import Markdown

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~$&:;=\"'@^%,/?])")
_KEY = re.compile(r"^[A-Za-z0-9_\-:.]+$")
LONG_WORD = 28  # characters; longer words get break opportunities so they wrap in a column


def escape(value) -> str:
    """A cell's text, safe inside a Markdown table: punctuation escaped, lines joined."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    text = " ".join(str(value).split())
    text = _PUNCTUATION.sub(r"\\\1", text)
    return " ".join(_breakable(word) for word in text.split(" "))


def _breakable(word: str) -> str:
    # A zero-width space every LONG_WORD characters lets a long URL or identifier wrap. Chinese
    # text has no spaces but breaks anywhere by itself, and must stay searchable as written.
    if len(word) <= LONG_WORD or not word.isascii():
        return word
    return "\u200b".join(word[i : i + LONG_WORD] for i in range(0, len(word), LONG_WORD))


def citation(keys) -> str:
    """``{cite:p}`a,b``` from one key or several separated by commas, semicolons or spaces."""
    if keys is None or (isinstance(keys, float) and pd.isna(keys)):
        return ""
    parts = [key for key in re.split(r"[,;\s]+", str(keys)) if key]
    bad = [key for key in parts if not _KEY.match(key)]
    if bad:
        raise ValueError(f"not bibliography keys: {bad}")
    return "{cite:p}`" + ",".join(parts) + "`" if parts else ""


def markdown_table(
    frame: pd.DataFrame,
    *,
    caption: str | None = None,
    name: str | None = None,
    widths: Iterable[int] | None = None,
    cite: Iterable[str] = (),
) -> Markdown:
    """The frame as a MyST table (escaped cells; ``cite`` columns as citations).

    Cells that show it need ``mystnb: markdown_format: myst`` so the roles are parsed."""
    if frame.empty:
        # A table with no rows breaks the PDF build far from its cause; say so here instead.
        raise ValueError(f"markdown_table was given no rows (caption: {caption!r})")
    cite = set(cite)
    header = "| " + " | ".join(escape(column) for column in frame.columns) + " |"
    rule = "|" + "|".join("---" for _ in frame.columns) + "|"
    lines = [header, rule]
    for row in frame.itertuples(index=False):
        cells = [citation(value) if column in cite else escape(value) for column, value in zip(frame.columns, row)]
        lines.append("| " + " | ".join(cells) + " |")
    body = "\n".join(lines)
    if caption is None:
        return Markdown(body)
    options = [f":name: {name}"] if name else []
    if widths:
        options.append(":widths: " + " ".join(str(width) for width in widths))
    return Markdown("\n".join([f":::{{table}} {escape(caption)}", *options, "", body, ":::"]) + "\n")
