#!/usr/bin/env bash
# Build one chapter alone, in a scratch copy, with warnings as errors:
#   scripts/preview.sh part1_deal      -> /tmp/preview-part1_deal/_build/html/book/part1_deal.html
# Several people can preview different chapters at once without touching _build/.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: scripts/preview.sh CHAPTER_NAME (a file book/NAME.md)}
target=/tmp/preview-$name
rm -rf "$target"
mkdir -p "$target"
tar --exclude=.venv --exclude=_build --exclude=.git --exclude='book/*.ipynb' -cf - . | tar -xf - -C "$target"
cat > "$target/_toc.yml" <<TOC
format: jb-book
root: book/index
chapters:
  - file: book/$name
  - file: book/bibliography
TOC
MSFT_OPENAI_ROOT="$target" .venv/bin/jupyter-book build "$target" --builder html -n -W --keep-going
echo "Preview: $target/_build/html/book/$name.html"
