"""The published numbers table: every value a page glues, in one file a reader can diff.

Each executed chapter carries, beside every glued text, a record of its raw value, unit and the
data rows it rests on (see :mod:`.publish`). ``collect`` reads them from the stored notebooks
into one table, written to published/numbers.csv by ``make refresh``; ``changes`` says what
moved between two versions of the table ("p3_capex_latest: $37.5B -> $41.0B").

    python -m msft_openai.numbers write    # rewrite published/numbers.csv from book/*.ipynb
    python -m msft_openai.numbers check    # exit 1 and list the changes if it is stale
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import nbformat
import pandas as pd

from .errors import repo_root
from .publish import NUMBER_MIME

COLUMNS = ["page", "key", "printed", "raw", "unit", "rows"]
GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`([^`]+)`")
GLUE_DIRECTIVE = re.compile(r"^[`:]{3,}\{glue(?::\w+)?\}\s+(\S+)", re.MULTILINE)


def numbers_path(root: Path | None = None) -> Path:
    return (root or repo_root()) / "published" / "numbers.csv"


def _outputs(notebook):
    for cell in notebook.cells:
        yield from cell.get("outputs", [])


def glued_names(notebook) -> list[str]:
    """Every name the notebook glues (numbers, texts and figures)."""
    names = []
    for output in _outputs(notebook):
        scrapbook = output.get("metadata", {}).get("scrapbook")
        if scrapbook:
            names.append(scrapbook["name"])
    return names


def records(notebook, page: str) -> list[dict]:
    found = []
    for output in _outputs(notebook):
        for mime, record in output.get("data", {}).items():
            if mime.endswith(NUMBER_MIME):
                record = record if isinstance(record, dict) else json.loads(record)
                found.append(
                    {
                        "page": page,
                        "key": record["key"],
                        "printed": record["printed"],
                        "raw": "" if record["raw"] is None else str(record["raw"]),
                        "unit": record["unit"],
                        "rows": "; ".join(record["rows"]),
                    }
                )
    return found


def collect(notebooks: dict[str, Path]) -> pd.DataFrame:
    """The numbers table from executed notebooks, page name -> .ipynb path."""
    rows = []
    for page, path in sorted(notebooks.items()):
        rows.extend(records(nbformat.read(path, as_version=4), page))
    table = pd.DataFrame(rows, columns=COLUMNS)
    duplicated = table[table.duplicated(["page", "key"], keep=False)]
    if not duplicated.empty:
        raise ValueError(f"keys glued twice on one page: {sorted(set(duplicated['page'] + ':' + duplicated['key']))}")
    return table.sort_values(["page", "key"]).reset_index(drop=True)


def stored_notebooks(root: Path | None = None) -> dict[str, Path]:
    book = (root or repo_root()) / "book"
    return {path.stem: path for path in sorted(book.glob("*.ipynb"))}


def read(path: Path) -> pd.DataFrame:
    if not path.exists():
        return pd.DataFrame(columns=COLUMNS)
    return pd.read_csv(path, dtype=str, keep_default_na=False)[COLUMNS]


def write(table: pd.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(path, index=False, lineterminator="\n")


def changes(old: pd.DataFrame, new: pd.DataFrame) -> list[str]:
    """Readable differences, one line per key: "page/key: old -> new"."""
    old_by = {(r.page, r.key): r for r in old.itertuples(index=False)}
    new_by = {(r.page, r.key): r for r in new.itertuples(index=False)}
    lines = []
    for page, key in sorted(set(old_by) | set(new_by)):
        before, after = old_by.get((page, key)), new_by.get((page, key))
        if before is None:
            lines.append(f"{page}/{key}: (new) -> {after.printed}")
        elif after is None:
            lines.append(f"{page}/{key}: {before.printed} -> (removed)")
        elif tuple(before) != tuple(after):
            what = (
                f"{before.printed} -> {after.printed}"
                if before.printed != after.printed
                else f"{before.printed} (raw {before.raw} -> {after.raw}, rows {before.rows!r} -> {after.rows!r})"
            )
            lines.append(f"{page}/{key}: {what}")
    return lines


def used_names(markdown: str) -> set[str]:
    """Glue names a page's text uses, in roles and directives."""
    return set(GLUE_ROLE.findall(markdown)) | set(GLUE_DIRECTIVE.findall(markdown))


def main(argv: list[str]) -> int:
    command = argv[0] if argv else "check"
    path = numbers_path()
    fresh = collect(stored_notebooks())
    if command == "write":
        old = read(path)
        write(fresh, path)
        moved = changes(old, fresh)
        print(f"wrote {path.relative_to(repo_root())}: {len(fresh)} numbers, {len(moved)} changed")
        for line in moved:
            print("  " + line)
        return 0
    if command == "check":
        moved = changes(read(path), fresh)
        print("\n".join(moved) or "published/numbers.csv is up to date")
        return 1 if moved else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
