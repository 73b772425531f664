# Two commands: `make book` builds the site and the PDF; `make test` runs every test.
# Both install what is missing first: system packages (apt, when run as root) and a pinned venv.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed
SYSTEM_OK := _build/.system-ok
# Stamps, not pages: Jupyter Book rewrites _build/html/index.html (a redirect) only when missing.
HTML := _build/.html-built
PDF := _build/latex/book.pdf
BOOK_INPUTS := _config.yml _toc.yml requirements.lock $(shell find book src data -type f -not -name '*.ipynb' -not -name '*.pyc' -not -path '*/.ipynb_checkpoints/*' 2>/dev/null)

.PHONY: help book html pdf check test nbval refresh lab bench screenshots lock clean system venv

help:
	@echo "make book     build the HTML site (_build/html) and the PDF (_build/latex/book.pdf)"
	@echo "make check    the quick loop: ruff (lint, format) and the data and analysis tests, no book build"
	@echo "make test     run every test (make check first, then builds the book if needed)"
	@echo "make nbval    nbval's cell-by-cell check of the stored notebooks (not part of make test)"
	@echo "make refresh  re-execute the notebooks and update their stored reference outputs"
	@echo "make lab      JupyterLab on 127.0.0.1 (a free port, or PORT=8888): each book/NAME.md opens as a notebook"
	@echo "make bench    time cold and incremental builds, the PDF, the tests; report page weights"
	@echo "make screenshots  full-page screenshots of every page at 390 px and 1280 px in _build/screenshots"
	@echo "make clean    remove the build output"

system: $(SYSTEM_OK)
$(SYSTEM_OK): scripts/ensure-system.sh
	@scripts/ensure-system.sh
	@mkdir -p _build && touch $@

venv: $(INSTALLED)
$(INSTALLED): requirements.lock pyproject.toml
	@echo "Creating $(VENV) and installing the pinned packages from requirements.lock"
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e . \
	  || $(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# axe-core, for the accessibility test, pinned in package-lock.json.
$(NODE_INSTALLED): package.json package-lock.json $(SYSTEM_OK)
	@echo "Installing the pinned JavaScript test tools from package-lock.json (npm ci)"
	npm ci --no-audit --no-fund --silent
	@touch $@

book: $(HTML) $(PDF)
html: $(HTML)
pdf: $(PDF)

$(HTML): $(INSTALLED) $(SYSTEM_OK) $(BOOK_INPUTS)
	scripts/build-html.sh
	@touch $@

$(PDF): $(HTML)
	scripts/build-pdf.sh

# The loop to run after every edit: lint and format-check the package, the tests and the
# notebooks' code, then every test that needs no built book.
check: $(INSTALLED)
	$(VENV)/bin/ruff check src tests book/*.ipynb
	$(VENV)/bin/ruff format --check src tests
	$(PY) -m pytest -p no:cacheprovider -q -m "not built and not slow" tests

# `make check` has already run the quick tests; this runs the rest against the built book. Each
# notebook is executed once per run (tests/test_notebooks.py), by the build when the book is
# current: that execution serves the byte-for-byte check, the cell-by-cell regression report
# and the dependency record.
test: check book $(NODE_INSTALLED)
	$(PY) -m pytest -p no:cacheprovider -m "built or slow" tests

# nbval's own cell-by-cell comparison of the stored notebooks, for those who prefer its report
# (it executes every notebook again, so `make test` does not run it).
nbval: $(INSTALLED)
	$(PY) -m pytest -p no:cacheprovider -p nbval --nbval book

# The changelog compares the numbers table with the last edition's, so it runs after the table
# is rewritten from every other page.
refresh: $(INSTALLED)
	$(PY) -m msft_openai.notebooks refresh $(filter-out changelog,$(basename $(notdir $(wildcard book/*.md))))
	$(PY) -m msft_openai.numbers write
	$(PY) -m msft_openai.notebooks refresh changelog
	$(PY) -m msft_openai.numbers write

# Re-running the chapters as analysts do: JupyterLab with Jupytext (book/NAME.md opens as a
# notebook; saving writes NAME.md and NAME.ipynb) and jupyterlab-myst (the prose as in the book).
# Settings in lab/; it binds 127.0.0.1 and a free port unless PORT is given, and prints the URL.
PORT ?= 0
lab: $(INSTALLED)
	@echo "Starting JupyterLab: open the http://127.0.0.1:... URL printed below; Ctrl-C twice stops it."
	$(VENV)/bin/jupyter lab --config=lab/jupyter_lab_config.py --ServerApp.port=$(PORT)

# The overflow checks, with a full-page screenshot of every page at both widths for a human eye.
screenshots: book $(NODE_INSTALLED)
	REPORT_SCREENSHOTS=1 $(PY) -m pytest -p no:cacheprovider -q tests/test_reader.py -k overflows
	@echo "Screenshots in _build/screenshots/"

bench: $(INSTALLED) $(SYSTEM_OK)
	$(PY) scripts/bench.py

lock: $(INSTALLED)
	$(PY) -m pip freeze --exclude-editable | sort -f > requirements.lock.new
	@echo "Review requirements.lock.new and move it over requirements.lock"

clean:
	rm -rf _build
