#!/usr/bin/env bash
# Build the HTML site, executing only the chapters whose inputs changed, two at a time.
# jupyter-cache keys on code cells only, so it cannot see an edited CSV or a changed package
# module. book/_dependencies.json (written by `make refresh`) lists the files each chapter's
# kernel read; `msft_openai.execution prepare` re-executes exactly the chapters whose files
# changed since the last build (and any the cache lacks), in parallel, and puts the results in
# the cache, so Sphinx executes nothing. A chapter whose outputs came out unchanged is not
# re-read. A changed file that no chapter reads (the Sphinx extension, say) re-renders every page.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p _build
plan=$(.venv/bin/python -m msft_openai.execution prepare)
echo "$plan" | grep -v '^FLAGS='
extra=()
if echo "$plan" | grep -q '^FLAGS=--all'; then
  extra+=(--all)
fi
.venv/bin/python -m msft_openai.book build . --builder html -n -W --keep-going "${extra[@]}"
.venv/bin/python -c 'import sys; from msft_openai import dependencies; sys.exit(dependencies.main(["record"]))'
