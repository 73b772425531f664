"""Jupyter Book's command line, with this package imported first.

The build imports the package anyway (its Sphinx extension), but Jupyter Book imports
jsonschema before that, and with it the grammars the package keeps out (see ``__init__``):
importing the package first saves about 1.3 s on every build.

    python -m msft_openai.book build . --builder html
"""

from __future__ import annotations

import sys

import msft_openai  # noqa: F401  (imported for its side effect on jsonschema)


def main() -> None:
    from jupyter_book.cli.main import main as jupyter_book

    sys.exit(jupyter_book())


if __name__ == "__main__":
    main()
