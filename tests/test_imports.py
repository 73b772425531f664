"""Importing the package stays cheap: every kernel, build step and test process pays for it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import altair


def test_importing_the_package_does_not_compile_the_iri_grammars():
    # rfc3987_syntax compiles 38 grammars on import (about 2.3 s); the package keeps it out.
    probe = "import sys, msft_openai; print(sys.modules.get('rfc3987_syntax') is None)"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True", "importing msft_openai loaded rfc3987_syntax"


def test_no_vega_lite_schema_asks_for_the_format_left_unchecked():
    schemas = (Path(altair.__file__).parent / "vegalite").rglob("*.json")
    uses = [path.name for path in schemas if '"iri' in json.dumps(json.loads(path.read_text(encoding="utf-8")))]
    assert not uses, f"Vega-Lite schemas use the iri format, which the package leaves unchecked: {uses}"
