#!/usr/bin/env bash
# Build the PDF through XeLaTeX. Runs after the HTML build, which has already filled the
# execution cache, so no notebook is executed twice.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m msft_openai.book build . --builder pdflatex -n -W --keep-going
test -s _build/latex/book.pdf
mkdir -p _build/html/_static/pdf
cp _build/latex/book.pdf _build/html/_static/pdf/msft-openai-report.pdf
echo "PDF: _build/latex/book.pdf (also linked from the site as _static/pdf/msft-openai-report.pdf)"
