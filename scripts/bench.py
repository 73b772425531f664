"""`make bench`: time the builds and the tests, and weigh the pages, in one run.

Prints: cold HTML build (clean, every notebook executed), no-change rebuild, rebuild after a
one-value data change, PDF build, the test suite, the notebooks' own execution time, and page
weights (each page alone; the shared vega bundle and theme assets counted once).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "_build"


def timed(label: str, command: list[str], must_pass: bool = True) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    seconds = time.perf_counter() - started
    status = "" if result.returncode == 0 else f"  (FAILED, exit {result.returncode})"
    print(f"{label:<48} {seconds:8.1f} s{status}", flush=True)
    if must_pass and result.returncode != 0:
        raise SystemExit(f"{label} failed: run `{' '.join(command)}` to see why")
    return seconds


def notebook_execution_seconds() -> float:
    """Sum of the execution times jupyter-cache recorded for the cold build."""
    from jupyter_cache import get_cache

    cache = get_cache(BUILD / ".jupyter_cache")
    total = 0.0
    for record in cache.list_cache_records():
        data = record.data or {}
        total += float(data.get("execution_seconds", 0.0))
    return total


def one_value_change() -> tuple[Path, str]:
    path = ROOT / "data" / "openai_valuations.csv"
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines()
    header = lines[0].split(",")
    cells = lines[1].split(",")
    column = header.index("valuation_usd_bn")
    cells[column] = str(float(cells[column]) + 0.5)
    lines[1] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, original


def page_weights() -> None:
    html = BUILD / "html"
    pages = sorted(p for p in html.rglob("*.html") if "_static" not in p.parts)
    shared = sum(p.stat().st_size for p in (html / "_static").rglob("*") if p.is_file() and "pdf" not in p.parts)
    print(f"\nshared static assets (vega bundle, theme; cached once): {shared / 1e6:.2f} MB")
    print(f"{'page':<40} {'bytes':>10}")
    for page in pages:
        print(f"{page.relative_to(html).as_posix():<40} {page.stat().st_size:>10,}")
    print(f"largest page: {max(p.stat().st_size for p in pages) / 1e6:.2f} MB")


def main() -> int:
    make = ["make", "--no-print-directory"]
    shutil.rmtree(BUILD, ignore_errors=True)
    subprocess.run(make + ["system"], cwd=ROOT, check=True)
    results = {}
    results["cold_html"] = timed("cold HTML build (clean, all notebooks run)", make + ["html"])
    results["notebooks"] = notebook_execution_seconds()
    print(f"{'notebooks own execution time (sum)':<48} {results['notebooks']:8.1f} s")
    results["no_change"] = timed("no-change rebuild (make book)", make + ["html"])
    path, original = one_value_change()
    try:
        results["data_change"] = timed("rebuild after a one-value data change", make + ["html"])
    finally:
        path.write_text(original, encoding="utf-8")
    timed("rebuild after restoring the value", make + ["html"])
    results["pdf"] = timed("PDF build", make + ["pdf"])
    results["tests"] = timed("test suite (make test, book already built)", make + ["test"], must_pass=False)
    page_weights()
    target = 1.5 * results["notebooks"] + 10
    print(f"\ntargets: no-change {results['no_change']:.1f} s (<= 5 s); cold HTML {results['cold_html']:.1f} s "
          f"(<= 1.5 x notebooks + 10 = {target:.1f} s); tests {results['tests'] / 60:.1f} min (<= 10 min)")
    (BUILD / "bench.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
