"""`make bench`: time the builds and the tests, and weigh the pages, in one run.

Prints: cold HTML build (clean, every notebook executed) beside the notebooks' own execution
time, no-change rebuild, rebuilds after a one-chapter data change and a shared-code change, PDF
build, `make check`, `make test` on a built book, page weights (each page alone; the shared vega
bundle and theme assets counted once) and the time until each page's first chart is drawn.
Writes every figure to _build/bench.json so that runs can be compared.
"""

from __future__ import annotations

import json
import shutil
import statistics
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


def edited(path: Path, old: str, new: str):
    """Edit one file for the length of a ``with`` block, then restore it."""
    import contextlib

    @contextlib.contextmanager
    def block():
        original = path.read_text(encoding="utf-8")
        if old not in original:
            raise SystemExit(f"bench: {old!r} not found in {path}")
        path.write_text(original.replace(old, new, 1), encoding="utf-8")
        try:
            yield
        finally:
            path.write_text(original, encoding="utf-8")

    return block()


def load_all_seconds() -> float:
    """Loading and validating every table from a cold catalogue (goal: under a second)."""
    sys.path.insert(0, str(ROOT / "src"))
    from msft_openai.data import Package

    started = time.perf_counter()
    Package(ROOT).load_all()
    return time.perf_counter() - started


# The render time of the first static chart picture painted (Element Timing, buffered entries).
ELEMENT_TIMING = """() => new Promise((resolve) => {
  const done = (entries) => resolve(Math.min(...entries.filter((e) => e.identifier === "report-chart")
    .map((e) => e.renderTime || e.loadTime), Infinity));
  new PerformanceObserver((list) => done(list.getEntries())).observe({ type: "element", buffered: true });
  setTimeout(() => done([]), 500);
})"""


VIEWPORT_HEIGHT = 2400


ROUNDS = 3


def first_chart_times() -> dict[str, dict[str, float]]:
    """Milliseconds from navigation until the first chart is painted, per page with charts, in
    headless Chromium from a local server: each page opened ROUNDS times, each time in a fresh
    browser context (an empty cache, as a first visit), and the median kept. One opening varies
    by 100 ms or more on this machine, so a single sample of the worst page says little."""
    sys.path.insert(0, str(ROOT / "tests"))
    from browsing import chromium, serving

    html = BUILD / "html"
    pages = [p for p in sorted(html.rglob("*.html")) if "_static" not in p.parts and "report-chart" in p.read_text()]
    samples: dict[str, list[tuple[float, float]]] = {}
    with serving(html) as url, chromium() as browser:
        for _ in range(ROUNDS):
            for page in pages:
                # A screen tall enough to hold each page's first chart: below a short screen the
                # browser paints (and records) nothing until the reader scrolls.
                tab = browser.new_page(viewport={"width": 1280, "height": VIEWPORT_HEIGHT})
                relative = page.relative_to(html).as_posix()
                tab.goto(f"{url}/{relative}")
                # When the first chart was painted, as the browser records it (Element Timing on
                # the static picture), or when the interactive chart arrived if a page has none.
                tab.wait_for_selector(".report-chart-canvas svg", timeout=15000)
                first = tab.evaluate(ELEMENT_TIMING)
                interactive = tab.evaluate("performance.now()")
                samples.setdefault(relative, []).append((min(first, interactive), interactive))
                tab.close()
    return {
        relative: {
            "first_chart_ms": statistics.median(first for first, _ in runs),
            "first_chart_ms_slowest": max(first for first, _ in runs),
            "interactive_ms": statistics.median(interactive for _, interactive in runs),
        }
        for relative, runs in samples.items()
    }


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
    results["no_change"] = timed("no-change rebuild (make html)", make + ["html"])
    # openai_capital is read by the data appendix alone (book/_dependencies.json).
    with edited(ROOT / "data" / "openai_capital.csv", "(structure second-hand).", "(structure second-hand; edited)."):
        results["one_chapter_data_change"] = timed("rebuild after a one-chapter data change", make + ["html"])
    timed("rebuild after restoring it", make + ["html"])
    # A code change every chapter imports but that leaves every output as it was: each chapter
    # re-executes (in parallel), and none is re-read (its outputs are unchanged).
    with edited(
        ROOT / "src" / "msft_openai" / "fmt.py",
        "import math\n",
        "import math\n\nBENCH_EDIT = True\n",
    ):
        results["shared_code_change"] = timed("rebuild after a shared-code change (fmt.py)", make + ["html"])
    timed("rebuild after restoring it", make + ["html"])
    results["pdf"] = timed("PDF build", make + ["pdf"])
    results["load_all_tables"] = load_all_seconds()
    print(f"{'loading and validating every table':<48} {results['load_all_tables']:8.2f} s (goal <= 1 s)")
    results["check"] = timed("make check (lint, format, unit tests)", make + ["check"], must_pass=False)
    results["tests"] = timed("make test, book already built", make + ["test"], must_pass=False)
    page_weights()
    results["first_chart_ms"] = first_chart_times()
    print(f"\nfirst chart painted, headless Chromium, 1280x{VIEWPORT_HEIGHT} screen, local server, median of {ROUNDS}")
    print(f"{'page':<40} {'first chart, ms':>16} {'slowest of the runs':>20} {'interactive, ms':>16}")
    for page, ms in results["first_chart_ms"].items():
        print(
            f"{page:<40} {ms['first_chart_ms']:>16.0f} {ms['first_chart_ms_slowest']:>20.0f} {ms['interactive_ms']:>16.0f}"
        )
    cold = results["cold_html"]
    worst = max((ms["first_chart_ms"] for ms in results["first_chart_ms"].values()), default=0.0)
    slowest = max((ms["first_chart_ms_slowest"] for ms in results["first_chart_ms"].values()), default=0.0)
    print(
        f"\ntargets: no-change {results['no_change']:.1f} s (<= 5 s); "
        f"one-chapter data change {results['one_chapter_data_change'] / cold:.2f}x cold (<= 0.35x); "
        f"shared code {results['shared_code_change'] / cold:.2f}x cold (<= 1.0x); "
        f"make check {results['check']:.1f} s (<= 30 s); make test on a built book {results['tests']:.0f} s "
        f"(<= 105 s, half of the 210 s measured before the one-execution work); "
        f"first chart worst page {worst:.0f} ms, median of {ROUNDS} (<= 500 ms; slowest single opening {slowest:.0f} ms)"
    )
    (BUILD / "bench.json").write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
