#!/usr/bin/env bash
# Build one chapter (or a few) alone, in a scratch copy, with warnings as errors:
#   scripts/preview.sh part1_deal            -> /tmp/preview-part1_deal/_build/html/book/part1_deal.html
#   scripts/preview.sh audit glossary        -> both pages, so links between them resolve
# Several people can preview different chapters at once without touching _build/.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 1 ] || { echo "usage: scripts/preview.sh CHAPTER_NAME [MORE_NAMES...]"; exit 2; }
target=/tmp/preview-$1
rm -rf "$target"
mkdir -p "$target"
tar --exclude=.venv --exclude=_build --exclude=.git --exclude='book/*.ipynb' -cf - . | tar -xf - -C "$target"
{
  echo "format: jb-book"
  echo "root: book/index"
  echo "chapters:"
  for name in "$@"; do echo "  - file: book/$name"; done
  for page in data_methods bibliography; do
    case " $* " in *" $page "*) ;; *) echo "  - file: book/$page" ;; esac
  done
} > "$target/_toc.yml"
python=$PWD/.venv/bin/python
# Run inside the copy: the execution cache path in _config.yml is relative to the cwd.
(cd "$target" && MSFT_OPENAI_ROOT="$target" "$python" -m msft_openai.book build . --builder html -n -W --keep-going)
for name in "$@"; do echo "Preview: $target/_build/html/book/$name.html"; done
