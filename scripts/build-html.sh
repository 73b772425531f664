#!/usr/bin/env bash
# Build the HTML site. jupyter-cache keys on code cells only, so it cannot see an edited CSV or a
# changed chart theme: when data/ or src/ differ from the last build, the cache is dropped and
# every page re-read, so the change always shows. Otherwise the cache makes rebuilds cheap.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p _build
stamp=_build/.inputs.sha256
current=$(find data src -type f -not -name '*.pyc' -print0 | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
extra=()
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$current" ]; then
  echo "data/ or src/ changed since the last build: re-executing every notebook."
  rm -rf _build/.jupyter_cache _build/.doctrees
  extra+=(--all)
fi
.venv/bin/jupyter-book build . --builder html -n -W --keep-going "${extra[@]}"
echo "$current" > "$stamp"
