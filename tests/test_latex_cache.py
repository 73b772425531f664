"""The bibliography's LaTeX decoding, kept between builds, gives what pybtex's own gives."""

from __future__ import annotations

import codecs
import json

import pytest
from pybtex.richtext import Text

from msft_openai import latex_cache

ORIGINAL = Text.from_latex.__func__
SAMPLES = [
    "Plain words, 2026-11-28",
    "October--December 2025 and 2024---2025",
    "Platformonomics TGIF \\#114: AT\\&T, 50\\% {NASA} {\\'e}t{\\'e}",
    "``Quoted'' text~with a tie and $x$",
    "two  spaces and a\nnew line",
    "Unicode already: Zürich, 微軟, — and “quotes”",
]


class FakeApp:
    def __init__(self, doctreedir):
        self.doctreedir = str(doctreedir)
        self.listeners = {}

    def connect(self, event, handler):
        self.listeners[event] = handler


@pytest.fixture
def install(monkeypatch, tmp_path):
    monkeypatch.setattr(Text, "from_latex", Text.from_latex)  # restored after the test

    def run_build(samples):
        app = FakeApp(tmp_path)
        latex_cache.install(app)
        rendered = [Text.from_latex(sample).render_as("html") for sample in samples]
        app.listeners["build-finished"](app, None)
        return rendered

    return run_build


def test_decoding_through_the_cache_renders_as_pybtex_does(install):
    expected = [ORIGINAL(Text, sample).render_as("html") for sample in SAMPLES]
    assert install(SAMPLES) == expected  # the first build decodes
    assert install(SAMPLES) == expected  # the next reads what it saved


def test_the_next_build_decodes_nothing_it_decoded_before(install, monkeypatch, tmp_path):
    install(SAMPLES)
    stored = json.loads((tmp_path / latex_cache.FILE_NAME).read_text(encoding="utf-8"))
    assert sorted(stored["decoded"]) == sorted(SAMPLES)

    def refuse(*args):
        raise AssertionError(f"decoded again: {args[0]!r}")

    monkeypatch.setattr(codecs, "decode", refuse)
    install(SAMPLES)


def test_a_cache_from_another_latexcodec_is_ignored(install, tmp_path):
    (tmp_path / latex_cache.FILE_NAME).write_text(
        json.dumps({"latexcodec": "0.0", "decoded": {SAMPLES[1]: "wrong"}}), encoding="utf-8"
    )
    assert install(SAMPLES[1:2]) == [ORIGINAL(Text, SAMPLES[1]).render_as("html")]
