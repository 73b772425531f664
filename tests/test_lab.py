"""Re-running a chapter as analysts do: `make lab`'s JupyterLab, driven in headless Chromium.

JupyterLab starts with the settings `make lab` uses (lab/, and the Jupytext pairing in
pyproject.toml) on a free loopback port with a token, with throw-away user settings (autosave off,
so book/ is never written; every cell attached to the page). A copy of book/since.md and its
.ipynb must open as a notebook with its prose rendered by jupyterlab-myst; Edit > Clear Outputs
of All Cells then Run > Run All Cells must bring back the table of the tables it loaded, with no
error output; and File > Save must write both files of the pair, its .md unchanged.
Every wait is bounded; the server is shut down, kernels and all, even when a test fails.

Like the other browser tests these take the `browser` fixture, which marks them `built`:
`make check` leaves them out and `make test` runs them.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import jupytext
import pytest
from browsing import is_local

from msft_openai.data import repo_root
from msft_openai.dependencies import digest
from msft_openai.notebooks import cells_signature

ROOT = repo_root()
CONFIG = ROOT / "lab" / "jupyter_lab_config.py"
CHAPTER = "book/since.md"
TOKEN = "report-lab-test"
START_SECONDS = 60
OPEN_MS = 60_000
RUN_MS = 120_000
STOP_SECONDS = 15
SCREENSHOTS = ROOT / "_build" / "screenshots"
STDERR = ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']"

# Throw-away user settings: the chapter is never autosaved, and every cell is in the page so
# that its prompt and outputs can be read without scrolling.
USER_SETTINGS = {
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
}


# The notebook's kernel has started, is connected and idle (the app is exposed for the test only).
KERNEL_READY = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.connectionStatus === 'connected' && kernel.status === 'idle';
}"""

# Done when no cell is queued or running and the kernel is idle; `ran` counts the cells with an
# execution number (Run All stops at the first error, leaving the rest unnumbered).
RUN_STATE = """() => {
  const prompts = [...document.querySelectorAll('.jp-Notebook .jp-CodeCell .jp-InputPrompt')]
    .map((p) => p.textContent.trim());
  const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
  return {
    cells: prompts.length,
    ran: prompts.filter((p) => /^\\[\\d+\\]/.test(p)).length,
    busy: prompts.some((p) => p.startsWith('[*]')),
    kernel: indicator ? indicator.getAttribute('data-status') : null,
  };
}"""


def _request(url: str, method: str = "GET", timeout: float = 10) -> dict:
    headers = {"Authorization": f"token {TOKEN}"}
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers, method=method), timeout=timeout) as r:
        text = r.read()
    return json.loads(text) if text else {}


@contextmanager
def jupyterlab(scratch: Path):
    """JupyterLab on 127.0.0.1 and a port the system picks (its log in scratch); yields its URL."""
    jupyter_home = scratch / "jupyter"
    for name, settings in USER_SETTINGS.items():
        path = jupyter_home / "user-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(settings), encoding="utf-8")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(jupyter_home / "config"),
        "JUPYTER_DATA_DIR": str(jupyter_home / "data"),
        "JUPYTER_RUNTIME_DIR": str(jupyter_home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(jupyter_home / "user-settings"),
        "JUPYTERLAB_WORKSPACES_DIR": str(jupyter_home / "workspaces"),
    }
    log_path = scratch / "jupyterlab.log"
    command = [
        *(sys.executable, "-m", "jupyterlab", f"--config={CONFIG}", f"--IdentityProvider.token={TOKEN}"),
        # The test reads the kernel's state from the app; `make lab` does not expose it.
        "--LabApp.expose_app_in_browser=True",
    ]
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    url = None
    try:
        info_file = jupyter_home / "runtime" / f"jpserver-{process.pid}.json"
        deadline = time.monotonic() + START_SECONDS
        while url is None:
            if process.poll() is not None:
                pytest.fail(f"JupyterLab exited with {process.returncode}:\n{log_path.read_text()[-3000:]}")
            if time.monotonic() > deadline:
                pytest.fail(f"JupyterLab did not start in {START_SECONDS} s:\n{log_path.read_text()[-3000:]}")
            try:
                candidate = json.loads(info_file.read_text())["url"].rstrip("/")
                _request(f"{candidate}/api/status", timeout=2)
                url = candidate
            except (OSError, ValueError, KeyError):
                time.sleep(0.25)
        yield url
    finally:
        _stop(process, url)


def _stop(process: subprocess.Popen, url: str | None) -> None:
    """Ask the server to shut down, which stops its kernels; then signal its process group. (A kernel
    runs in a session of its own and exits by itself once the server is gone: ipykernel watches its
    parent.)"""
    if url and process.poll() is None:
        try:
            _request(f"{url}/api/shutdown", method="POST", timeout=5)
            process.wait(timeout=STOP_SECONDS)
        except (OSError, subprocess.TimeoutExpired):
            pass
    for sig in (signal.SIGTERM, signal.SIGKILL):
        if process.poll() is not None:
            break
        try:
            os.killpg(process.pid, sig)
            process.wait(timeout=STOP_SECONDS)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            pass


@pytest.fixture(scope="module")
def lab(tmp_path_factory):
    checkpoints = ROOT / "book" / ".ipynb_checkpoints"
    had_checkpoints = checkpoints.exists()
    pair = [ROOT / CHAPTER, (ROOT / CHAPTER).with_suffix(".ipynb")]
    before = [digest(path) for path in pair]
    with jupyterlab(tmp_path_factory.mktemp("lab")) as running:
        yield running
    if not had_checkpoints:
        shutil.rmtree(checkpoints, ignore_errors=True)
    assert [digest(path) for path in pair] == before, f"running {CHAPTER} in JupyterLab changed the chapter's files"


def _open_notebook(page, url: str, path: str) -> None:
    """Open path in JupyterLab and wait until it is a notebook whose kernel is ready."""
    page.goto(f"{url}/lab/tree/{path}?reset&token={TOKEN}", wait_until="domcontentloaded")
    # A notebook, or (without lab/settings/overrides.json) a text editor or a Markdown preview.
    page.locator(".jp-NotebookPanel .jp-CodeCell, .jp-FileEditor, .jp-MarkdownViewer").first.wait_for()
    if not page.locator(".jp-NotebookPanel .jp-CodeCell").count():
        pytest.fail(f"{path} did not open as a notebook (lab/settings/overrides.json, Jupytext)")
    page.wait_for_function(KERNEL_READY, polling=250)


def _menu(page, menu: str, item: str) -> None:
    page.locator("#jp-MainMenu").get_by_role("menuitem", name=menu, exact=True).click()
    page.locator(".lm-Menu .lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}$")).click()


def test_a_chapter_reruns_in_jupyterlab_and_saves_to_both_files_of_its_pair(lab, browser):
    """A copy of the chapter (book/ stays untouched), opened from a folder of _build/: its cells
    run, and saved from Lab it writes NAME.md and NAME.ipynb; its .md comes back byte for byte
    (no version stamps, and the header keeps its kernel's name: lab/jupyter_lab_config.py). One
    notebook, opened once: a kernel start per check cost 5 s."""
    url = lab
    folder = Path("_build") / f"lab-test-{os.getpid()}"
    copy = folder / Path(CHAPTER).name
    (ROOT / folder).mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / CHAPTER, ROOT / copy)
    shutil.copy((ROOT / CHAPTER).with_suffix(".ipynb"), (ROOT / copy).with_suffix(".ipynb"))
    paired = ROOT / copy.with_suffix(".ipynb")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(OPEN_MS)
    outside, page_errors = [], []

    def route(request_route):
        request = request_route.request
        if is_local(request.url):
            request_route.continue_()
        else:
            outside.append(request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    started = time.monotonic()
    try:
        with _kept_on_failure(page, "lab-failure.png"):
            _open_notebook(page, url, copy.as_posix())

            # The outputs stored in the paired .ipynb come up with the notebook: clear them first,
            # so that what is found below was produced by this run.
            _menu(page, "Edit", "Clear Outputs of All Cells")
            page.wait_for_function(
                f"() => !document.querySelector('.jp-Notebook .jp-OutputArea-output') && ({RUN_STATE})().ran === 0"
            )

            _menu(page, "Run", "Run All Cells")
            page.wait_for_function(
                f"() => {{ const s = ({RUN_STATE})(); return !s.busy && s.ran > 0 && s.kernel === 'idle'; }}",
                timeout=RUN_MS,
            )
            state = page.evaluate(RUN_STATE)
            outputs = page.evaluate(
                "() => [...document.querySelectorAll('.jp-Notebook .jp-OutputArea-output')].map((o) => o.textContent)"
            )
            errors = page.evaluate(f'() => [...document.querySelectorAll("{STDERR}")].map((o) => o.textContent)')
            text = page.evaluate("() => document.querySelector('.jp-Notebook').textContent")
            prose = page.evaluate(
                "() => [...document.querySelectorAll('.jp-MarkdownCell .myst')].map((o) => o.textContent)"
            )
            seconds = time.monotonic() - started

            stored = paired.stat().st_mtime_ns
            _menu(page, "File", "Save Markdown File")
            # Jupytext writes the .ipynb, then the .md. Wait through Playwright, not time.sleep, so
            # that the route handler above lets the save's request through.
            deadline = time.monotonic() + 20
            while paired.stat().st_mtime_ns == stored and time.monotonic() < deadline:
                page.wait_for_timeout(250)
            page.wait_for_timeout(250)
            saved_md = (ROOT / copy).read_text(encoding="utf-8")
            saved_pair = jupytext.read(paired)

        tracebacks = [error[:1500] for error in errors if "Traceback" in error or "Error" in error]
        assert not tracebacks and "Traceback" not in text, "error output in the notebook:\n" + "\n---\n".join(
            tracebacks
        )
        assert state["ran"] == state["cells"], f"Run All Cells stopped after {state['ran']} of {state['cells']} cells"
        loaded = next((output for output in outputs if "developments_since" in output), "")
        assert "rows" in loaded and "columns" in loaded, "the first cell's table of loaded tables did not appear"
        # jupyterlab-myst renders the prose: roles and directives are read, not shown as typed.
        assert prose and not any("{glue:text}" in cell or "{ref}" in cell for cell in prose), (
            "the prose is not MyST-rendered"
        )
        assert not outside, f"requests outside the machine: {outside[:5]}"
        assert not page_errors, f"JavaScript errors: {page_errors[:5]}"

        assert paired.stat().st_mtime_ns != stored, (
            f"saving {copy} did not write {paired.name} beside it (pyproject.toml [tool.jupytext])"
        )
        assert saved_md == (ROOT / CHAPTER).read_text(encoding="utf-8"), f"saving {CHAPTER} from JupyterLab changed it"
        assert cells_signature(saved_pair) == cells_signature(jupytext.read(ROOT / CHAPTER))
        print(f"{CHAPTER}: {state['cells']} cells ran in JupyterLab, {len(outputs)} outputs, {seconds:.1f} s")
    finally:
        shutil.rmtree(ROOT / folder, ignore_errors=True)


@contextmanager
def _kept_on_failure(page, screenshot: str):
    """Close the page afterwards; on a failure, keep a screenshot of it first."""
    try:
        yield
    except Exception:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / screenshot))
        raise
    finally:
        page.close()
