"""Tests whose time goes to subprocesses of their own (book builds) start that work as the
session starts and check what it found at the end of the session, while the other tests run.

The machine has two cores; a Sphinx build keeps one busy and so does the browser checks' one
page at a time, so run together they take little more than the longer of the two.

    @background(work)           # work(scratch: Path) -> anything; it may assert
    def test_something(background_work):
        check(background_work.result())

conftest.py starts ``work`` when collection finishes (only for tests selected to run) and moves
the test to the end of the run; ``.result()`` is what ``work`` returned, or raises what it raised.
"""

from __future__ import annotations

import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

# Background work runs its processes at a lower priority: it takes the cycles the other tests
# leave, rather than slowing each of them (at equal priority the browser checks took a third
# longer, and the run as a whole was no faster).
NICENESS = 10


def niced(command: list[str]) -> list[str]:
    """``command`` run at the background's lower priority."""
    return ["nice", "-n", str(NICENESS), *command]


def background(work: Callable[[Path], object]):
    def mark(test):
        test.background_work = work
        return test

    return mark


def start(work: Callable[[Path], object]) -> Future:
    """Run work(scratch) on a daemon thread (an interrupted session does not wait for it)."""
    future: Future = Future()
    scratch = Path(tempfile.mkdtemp(prefix="report-test-"))

    def run():
        try:
            future.set_result(work(scratch))
        except BaseException as error:  # handed to the test, which raises it
            future.set_exception(error)
        finally:
            shutil.rmtree(scratch, ignore_errors=True)

    threading.Thread(target=run, daemon=True, name=f"background {work.__name__}").start()
    return future
