"""Which files each chapter reads, so that a rebuild re-executes exactly the chapters a change touches.

jupyter-cache keys a notebook on its code cells only: it cannot see an edited CSV or a changed
package module. So every execution by ``msft_openai.notebooks`` also traces what the kernel read
(the data files and bibliography the catalogue opened, and the package modules imported) and
``make refresh`` stores it in ``book/_dependencies.json``. Before a build, ``stale`` compares the
current contents of each chapter's files with those of the last build and names the chapters
whose files changed (``msft_openai.execution`` re-executes them); a changed file that no chapter
reads (the Sphinx extension, say) re-renders every page without re-executing any.

    python -m msft_openai.dependencies record    # after a successful build
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from pathlib import Path

from .data import repo_root

RECORD = Path("book/_dependencies.json")
HASHES = Path("_build/.dependency-hashes.json")
CACHE = Path("_build/.jupyter_cache")
# Files that decide what every page looks like without being read by any notebook.
WATCHED = ("data", "src", "published")
# The pinned environment every kernel runs in: a change to it re-executes every chapter.
ENVIRONMENT = ("requirements.lock",)
TRACE_CELL = "import msft_openai.dependencies as _dependencies\n_dependencies.emit()"


_OPENED: set[str] = set()


def start_tracing() -> None:
    """Record every file this process opens from now on (an audit hook: it sees pandas, pybtex
    and plain ``open`` alike). Called once, when the package is imported."""
    if getattr(start_tracing, "started", False):
        return

    def hook(event: str, args: tuple) -> None:
        if event == "open" and isinstance(args[0], (str, os.PathLike)):
            _OPENED.add(os.fspath(args[0]))

    sys.addaudithook(hook)
    start_tracing.started = True


def traced() -> list[str]:
    """Inside a kernel: the repository files this process has opened (data, bibliography, the
    published numbers) and the package modules it has imported, relative to the repository root."""
    root = repo_root()
    files = {Path(path).resolve() for path in list(_OPENED) if not str(path).startswith("/proc")}
    files |= {
        Path(module.__file__).resolve()
        for name, module in list(sys.modules.items())
        if name.split(".")[0] == "msft_openai" and getattr(module, "__file__", None)
    }
    # Compiled bytecode comes and goes with the interpreter's cache: its .py source is what counts.
    inside = {
        path
        for path in files
        if root in path.parents and path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }
    ignored = ("_build", ".venv", ".git")
    return sorted(str(path.relative_to(root)) for path in inside if path.relative_to(root).parts[0] not in ignored)


def emit() -> None:
    print(json.dumps(traced()))


def read_record(root: Path | None = None) -> dict[str, list[str]]:
    path = (root or repo_root()) / RECORD
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_record(updates: dict[str, list[str]], root: Path | None = None) -> None:
    root = root or repo_root()
    record = read_record(root) | updates
    (root / RECORD).write_text(json.dumps(dict(sorted(record.items())), indent=1) + "\n", encoding="utf-8")


def digest(path: Path) -> str:
    """A file's content hash ("missing" when there is no such file): what every freshness check compares."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def watched_files(root: Path) -> dict[str, str]:
    files = [path for folder in WATCHED for path in (root / folder).rglob("*") if path.is_file()]
    files += list((root / "book" / "references").glob("*.bib"))
    files += [root / name for name in ENVIRONMENT if (root / name).is_file()]
    return {
        str(path.relative_to(root)): digest(path)
        for path in sorted(files)
        if "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def plan(record: dict[str, list[str]], before: dict[str, str], now: dict[str, str]) -> dict:
    """What a rebuild must do: the chapters to re-execute (a file they read changed) and whether
    every page must be re-rendered (a watched file changed that no chapter reads)."""
    changed = {path for path in set(before) | set(now) if before.get(path) != now.get(path)}
    stale = sorted(name for name, files in record.items() if changed & (set(files) | set(ENVIRONMENT)))
    read_by_someone = {path for files in record.values() for path in files} | set(ENVIRONMENT)
    return {"changed": sorted(changed), "stale": stale, "rerender_all": bool(changed - read_by_someone)}


def stale(root: Path | None = None) -> dict:
    """The rebuild plan since the last recorded build, or ``{"cold": True}`` (and an emptied
    cache) when no build is recorded."""
    root = root or repo_root()
    hashes = root / HASHES
    before = json.loads(hashes.read_text(encoding="utf-8")) if hashes.exists() else {}
    if not before:
        # No record of what the cache was built from: it cannot be trusted.
        for folder in (CACHE, Path("_build/.doctrees")):
            shutil.rmtree(root / folder, ignore_errors=True)
        return {"cold": True}
    return plan(read_record(root), before, watched_files(root))


def record_build(root: Path | None = None) -> None:
    root = root or repo_root()
    (root / HASHES).parent.mkdir(parents=True, exist_ok=True)
    (root / HASHES).write_text(json.dumps(watched_files(root), indent=0), encoding="utf-8")


def main(argv: list[str]) -> int:
    command = argv[0] if argv else ""
    if command == "record":
        record_build()
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
