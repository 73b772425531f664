#!/usr/bin/env bash
# Build the HTML site, re-executing only the notebooks whose inputs changed.
# jupyter-cache keys on code cells only, so it cannot see an edited CSV or a changed package
# module. book/_dependencies.json (written by `make refresh`) lists the files each chapter's
# kernel read; `msft_openai.dependencies stale` drops from the cache exactly the chapters whose
# files changed since the last build, and asks for every page to be re-rendered (not
# re-executed) when a changed file is read by no notebook (the Sphinx extension, say).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p _build
plan=$(.venv/bin/python -c 'import sys; from msft_openai import dependencies; sys.exit(dependencies.main(["stale"]))')
echo "$plan" | grep -v '^FLAGS='
extra=()
if echo "$plan" | grep -q '^FLAGS=--all'; then
  extra+=(--all)
fi
.venv/bin/jupyter-book build . --builder html -n -W --keep-going "${extra[@]}"
.venv/bin/python -c 'import sys; from msft_openai import dependencies; sys.exit(dependencies.main(["record"]))'
