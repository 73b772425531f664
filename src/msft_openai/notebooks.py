"""Execute the book's MyST notebooks and keep their paired .ipynb reference outputs.

Each chapter is ``book/<name>.md`` (the narrative we edit) paired by Jupytext with
``book/<name>.ipynb`` (the same cells plus the outputs nbval compares against). ``refresh``
re-executes every .md and rewrites its .ipynb; ``check`` reports pairs whose cells have
drifted apart. Execution is made deterministic (fixed cell ids, no timing metadata) so that an
unchanged notebook re-executes to the same bytes.

    python -m msft_openai.notebooks refresh [NAME ...]
    python -m msft_openai.notebooks check
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import jupytext
import nbformat
from jupyter_client.manager import KernelManager
from nbclient import NotebookClient

from . import dependencies
from .data import repo_root

KERNEL = "python3"
TIMEOUT_SECONDS = 300


def book_dir() -> Path:
    return repo_root() / "book"


def notebook_sources() -> list[Path]:
    """The MyST-markdown files that are notebooks (they declare a kernel)."""
    return sorted(path for path in book_dir().glob("*.md") if "kernelspec:" in path.read_text(encoding="utf-8")[:600])


def workers() -> int:
    """How many notebooks execute at once: one kernel per core, at most two."""
    return max(1, min(2, os.cpu_count() or 1))


def toc_files(root: Path | None = None) -> set[str]:
    """Every page the table of contents lists, as ``book/<name>``: a build reads no other."""
    import yaml

    def walk(node) -> set[str]:
        if isinstance(node, dict):
            own = {node[key] for key in ("root", "file") if isinstance(node.get(key), str)}
            return own.union(*(walk(value) for value in node.values()))
        if isinstance(node, list):
            return set().union(*(walk(item) for item in node))
        return set()

    toc = yaml.safe_load(((root or repo_root()) / "_toc.yml").read_text(encoding="utf-8"))
    return {str(Path(name).with_suffix("")) for name in walk(toc)}


@contextmanager
def private_kernel():
    """A kernel manager whose kernel talks over Unix sockets in a directory of its own.

    Over TCP, jupyter_client picks free ports by binding and releasing them before the kernel
    binds them again; two kernels starting at once (as the build runs them) can pick the same
    port and one dies before replying ("Address already in use"). Sockets in a private
    directory cannot collide."""
    with tempfile.TemporaryDirectory(prefix="nbkernel-") as directory:
        manager = KernelManager(kernel_name=KERNEL, transport="ipc", ip=str(Path(directory) / "kernel"))
        try:
            yield manager
        finally:
            # A client handed a manager leaves its kernel running: stop whatever is left.
            if manager.has_kernel:
                manager.shutdown_kernel(now=True)


def executed(source: Path) -> nbformat.NotebookNode:
    return executed_with_dependencies(source)[0]


def executed_with_dependencies(source: Path) -> tuple[nbformat.NotebookNode, list[str]]:
    """The executed notebook, and the repository files its kernel read (traced by a last cell
    that is run and then removed, so the stored notebook is unchanged)."""
    notebook = jupytext.read(source)
    for index, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{index:03d}"
    notebook.cells.append(nbformat.v4.new_code_cell(dependencies.TRACE_CELL, id="cell-trace"))
    with private_kernel() as manager:
        client = NotebookClient(
            notebook,
            km=manager,
            kernel_name=KERNEL,
            timeout=TIMEOUT_SECONDS,
            record_timing=False,
            resources={"metadata": {"path": str(source.parent)}},
        )
        client.execute(cleanup_kc=True)  # shut the kernel down afterwards, as for a client's own
    trace = notebook.cells.pop()
    read = json.loads("".join(output.get("text", "") for output in trace.outputs if output.get("name") == "stdout"))
    notebook.metadata.pop("jupytext", None)
    return notebook, read


def execute_each(sources: list[Path]):
    """Execute the chapters two at a time; yield ``(source, notebook, read, seconds, error)`` for
    each, in order. A chapter that raised comes back with no notebook and the error's text, so
    the caller decides whether one failure stops the rest."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=max(1, min(workers(), len(sources)))) as pool:
        yield from pool.map(_execute_timed, sources)


def _execute_timed(source: Path) -> tuple[Path, nbformat.NotebookNode | None, list[str], float, str]:
    started = time.perf_counter()
    try:
        notebook, read = executed_with_dependencies(source)
    except Exception as error:  # reported by the caller
        return source, None, [], time.perf_counter() - started, f"{type(error).__name__}: {error}"
    return source, notebook, read, time.perf_counter() - started, ""


def as_ipynb_text(notebook: nbformat.NotebookNode) -> str:
    return nbformat.writes(notebook, version=4) + "\n"


def refresh(names: list[str] | None = None) -> list[Path]:
    """Re-execute the named chapters (all when none is named), two at a time, and store each."""
    sources = [source for source in notebook_sources() if not names or source.stem in names]
    written = []
    if sources:
        for source, notebook, read, _, error in execute_each(sources):
            if error:
                raise SystemExit(f"{source.relative_to(repo_root())}: {error}")
            target = source.with_suffix(".ipynb")
            target.write_text(as_ipynb_text(notebook), encoding="utf-8")
            dependencies.write_record({source.stem: read})
            written.append(target)
            print(f"refreshed {target.relative_to(repo_root())}", flush=True)
    return written


def cells_signature(notebook: nbformat.NotebookNode) -> list[tuple]:
    return [(cell.cell_type, cell.source.strip(), tuple(cell.metadata.get("tags", []))) for cell in notebook.cells]


def drifted_pairs() -> list[str]:
    """Human-readable problems: a missing .ipynb, or cells that differ between the pair."""
    problems = []
    for source in notebook_sources():
        target = source.with_suffix(".ipynb")
        if not target.exists():
            problems.append(f"{target.name} is missing: run `make refresh`")
            continue
        text_cells = cells_signature(jupytext.read(source))
        stored_cells = cells_signature(jupytext.read(target))
        if text_cells != stored_cells:
            for index, (left, right) in enumerate(zip(text_cells, stored_cells)):
                if left != right:
                    problems.append(f"{source.name} and {target.name} differ at cell {index}: run `make refresh`")
                    break
            else:
                problems.append(
                    f"{source.name} has {len(text_cells)} cells, {target.name} {len(stored_cells)}: run `make refresh`"
                )
    return problems


def main(argv: list[str]) -> int:
    command, names = (argv[0], argv[1:]) if argv else ("check", [])
    if command == "refresh":
        refresh(names)
        return 0
    if command == "check":
        problems = drifted_pairs()
        print("\n".join(problems) or "every notebook pair is in sync")
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
