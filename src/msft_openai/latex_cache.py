"""Decode each bibliography field from LaTeX once, not on every formatting of every build.

sphinxcontrib-bibtex formats every entry of the bibliography on every build, twice (the entry
and its hover tooltip), and pybtex decodes each field from LaTeX each time: about 1.5 s of the
2.4 s a build spent on the bibliography. Decoding is a pure function of the text (for one
version of latexcodec), so the results are kept: in memory for the build, and beside the
doctrees for the next one. Only the decoding is kept; the rich text is parsed afresh each time,
exactly as ``pybtex.richtext.Text.from_latex`` does, so no formatted object is shared.
"""

from __future__ import annotations

import codecs
import json
from importlib.metadata import version
from pathlib import Path

FILE_NAME = "latex-decoded.json"


def install(app) -> None:
    """Replace pybtex's ``Text.from_latex`` for this Sphinx process; save what it decoded when
    the build finishes."""
    import latexcodec  # noqa: F401  (registers the "ulatex" codec)
    from pybtex.markup import LaTeXParser
    from pybtex.richtext import Text

    path = Path(app.doctreedir) / FILE_NAME
    stamp = version("latexcodec")
    decoded = _read(path, stamp)
    loaded, used = set(decoded), set()

    def from_latex(cls, latex: str) -> Text:
        used.add(latex)
        if latex not in decoded:
            decoded[latex] = codecs.decode(latex, "ulatex")
        return LaTeXParser(decoded[latex]).parse()

    Text.from_latex = classmethod(from_latex)

    def save(app, exception) -> None:
        # Only what this build decoded is kept, so entries removed from the .bib drop out.
        if exception is None and used and used != loaded:
            path.parent.mkdir(parents=True, exist_ok=True)
            kept = {text: decoded[text] for text in sorted(used)}
            path.write_text(json.dumps({"latexcodec": stamp, "decoded": kept}, ensure_ascii=False), encoding="utf-8")

    app.connect("build-finished", save)


def _read(path: Path, stamp: str) -> dict[str, str]:
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(stored, dict) or stored.get("latexcodec") != stamp:
        return {}
    return dict(stored.get("decoded", {}))
