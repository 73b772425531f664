"""Execute the chapters a build needs, two at a time, before Sphinx reads them.

MyST-NB executes notebooks one after another inside Sphinx's read phase. This step runs first:
it finds the chapters whose outputs the cache cannot supply (never executed, code edited, or a
file they read changed since the last build, per ``dependencies.plan``), executes them in
parallel with the same executor ``make refresh`` and the tests use, and stores the results
where MyST-NB looks for them (the jupyter-cache) and where the tests look for them
(``_build/executed``). Sphinx then executes nothing.

A chapter re-executed because a file it reads changed, whose outputs come out identical to the
last build's, is not re-read by Sphinx: its page cannot have changed (early cut-off). A notebook
that raises stops the build, naming the chapter and the cell.

    python -m msft_openai.execution prepare    # called by scripts/build-html.sh
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import nbformat

from . import dependencies, notebooks
from .data import repo_root

EXECUTED = Path("_build/executed")


def inputs_of(root: Path, source: Path, read: list[str]) -> dict[str, str]:
    """What an execution of ``source`` depended on: its own text, every file its kernel read and
    the pinned environment, each by content hash."""
    files = {str(source.relative_to(root)), *read, *dependencies.ENVIRONMENT}
    return {name: dependencies.digest(root / name) for name in sorted(files)}


def stored_execution(root: Path, source: Path) -> tuple[nbformat.NotebookNode, list[str]] | None:
    """The build's execution of ``source`` if none of its inputs changed since, else None."""
    notebook_path = root / EXECUTED / f"{source.stem}.ipynb"
    record_path = root / EXECUTED / f"{source.stem}.json"
    if not (notebook_path.is_file() and record_path.is_file()):
        return None
    record = json.loads(record_path.read_text(encoding="utf-8"))
    if inputs_of(root, source, record["read"]) != record["inputs"]:
        return None
    return nbformat.reads(notebook_path.read_text(encoding="utf-8"), as_version=4), record["read"]


def _store_execution(root: Path, source: Path, notebook: nbformat.NotebookNode, read: list[str], seconds: float):
    folder = root / EXECUTED
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{source.stem}.ipynb").write_text(notebooks.as_ipynb_text(notebook), encoding="utf-8")
    record = {"inputs": inputs_of(root, source, read), "read": read, "seconds": round(seconds, 2)}
    (folder / f"{source.stem}.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")


def _outputs(notebook: nbformat.NotebookNode) -> list:
    return [cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code"]


def _as_myst_nb_reads(source: Path) -> nbformat.NotebookNode:
    """The notebook exactly as MyST-NB reads the chapter: the cache matches on its code cells."""
    from myst_nb.core.read import read_myst_markdown_notebook
    from myst_parser.config.main import MdParserConfig

    return read_myst_markdown_notebook(
        source.read_text(encoding="utf-8"), config=MdParserConfig(), add_source_map=True, path=str(source)
    )


def _cache():
    from jupyter_cache import get_cache

    return get_cache(str(repo_root() / dependencies.CACHE))


def _is_cached(cache, source: Path) -> bool:
    try:
        cache.match_cache_notebook(_as_myst_nb_reads(source))
    except KeyError:
        return False
    return True


def _put_in_cache(cache, source: Path, executed: nbformat.NotebookNode, seconds: float) -> None:
    from jupyter_cache.base import CacheBundleIn

    notebook = _as_myst_nb_reads(source)
    code = [cell for cell in notebook.cells if cell.cell_type == "code"]
    ran = [cell for cell in executed.cells if cell.cell_type == "code"]
    if [cell.source.strip() for cell in code] != [cell.source.strip() for cell in ran]:
        raise SystemExit(f"{source}: MyST-NB and Jupytext read different code cells; cannot cache")
    for target, cell in zip(code, ran):
        target.outputs = cell.outputs
        target.execution_count = cell.get("execution_count")
    cache.cache_notebook_bundle(
        CacheBundleIn(notebook, str(source), data={"execution_seconds": seconds}), check_validity=False, overwrite=True
    )


def prepare(root: Path | None = None) -> dict:
    """Bring the cache up to date for every chapter; return what ran and what Sphinx must re-read."""
    root = root or repo_root()
    plan = dependencies.stale(root)
    if plan.get("cold"):
        plan = {"stale": [], "rerender_all": True, "cold": True}
    listed = notebooks.toc_files(root)
    sources = [s for s in notebooks.notebook_sources() if f"book/{s.stem}" in listed]
    cache = _cache()
    wanted = [s for s in sources if s.stem in plan["stale"] or not _is_cached(cache, s)]
    previous = {s.stem: _stored_outputs(root, s) for s in wanted}
    report = {"executed": [], "changed_outputs": [], "unchanged_outputs": [], "rerender_all": plan["rerender_all"]}
    if not wanted:
        return report
    for source in wanted:
        print(f"executing {source.relative_to(root)}", flush=True)
    failures = []
    for source, notebook, read, seconds, error in notebooks.execute_each(wanted):
        if error:
            failures.append(f"{source.relative_to(root)}: {error}")
            continue
        _store_execution(root, source, notebook, read, seconds)
        _put_in_cache(cache, source, notebook, seconds)
        report["executed"].append(source.stem)
        if previous[source.stem] == _outputs(notebook) and not plan.get("cold"):
            report["unchanged_outputs"].append(source.stem)
        else:
            report["changed_outputs"].append(source.stem)
            # Sphinx re-reads a page only when its source is newer than the last build.
            os.utime(source)
    if failures:
        raise SystemExit("a notebook raised, so no page is built:\n" + "\n".join(failures))
    return report


def _stored_outputs(root: Path, source: Path) -> list | None:
    path = root / EXECUTED / f"{source.stem}.ipynb"
    if not path.is_file():
        return None
    return _outputs(nbformat.reads(path.read_text(encoding="utf-8"), as_version=4))


def main(argv: list[str]) -> int:
    if argv[:1] != ["prepare"]:
        print(__doc__)
        return 2
    started = time.perf_counter()
    report = prepare()
    print(
        f"executed {len(report['executed'])} chapter(s) with {notebooks.workers()} worker(s) in "
        f"{time.perf_counter() - started:.1f} s; outputs changed: {', '.join(report['changed_outputs']) or 'none'}; "
        f"unchanged (page not re-read): {', '.join(report['unchanged_outputs']) or 'none'}"
    )
    if report["rerender_all"]:
        print("FLAGS=--all")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
