#!/usr/bin/env bash
# Make sure the system tools the book needs are present: install them with apt when run as
# root, otherwise print the exact command and stop.
set -euo pipefail

APT_PACKAGES=(
  texlive-xetex texlive-latex-extra texlive-fonts-recommended texlive-lang-chinese latexmk
  fonts-noto-cjk fonts-freefont-otf fonts-dejavu-core librsvg2-bin poppler-utils chromium
)
# Node.js and npm install the accessibility checker (axe-core); Debian's packages suffice.
command -v npm >/dev/null 2>&1 || APT_PACKAGES+=(nodejs npm)

missing=()
for tool in xelatex latexmk rsvg-convert pdftotext pdftoppm chromium fc-list npm; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if command -v fc-list >/dev/null 2>&1; then
  # Read the list once: `fc-list | grep -q` dies of SIGPIPE under pipefail.
  fonts=$(fc-list : family)
  for family in "Noto Serif CJK TC" "FreeSerif" "DejaVu Sans"; do
    grep -qF "$family" <<<"$fonts" || missing+=("font:$family")
  done
fi
if command -v kpsewhich >/dev/null 2>&1; then
  for sty in xeCJK.sty tocloft.sty fncychap.sty; do
    [ -n "$(kpsewhich "$sty")" ] || missing+=("latex:$sty")
  done
fi

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "System packages missing (${missing[*]})."
command_line="apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${APT_PACKAGES[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing with apt (running as root): ${APT_PACKAGES[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${APT_PACKAGES[@]}"
else
  echo "Run this as root, then run make again:"
  echo "  sudo sh -c '$command_line'"
  exit 1
fi
