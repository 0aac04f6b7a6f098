# Two commands on a fresh machine: `make site` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: site test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# Stamps re-run the install whenever pyproject.toml changes.
$(VENV)/.site: $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.test: $(VENV)/.site
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# axe-core for the browser tests, where npm is installed (without it those tests skip, saying why).
tests/browser/node_modules/.installed: tests/browser/package.json tests/browser/package-lock.json
	if command -v npm >/dev/null; then npm ci --prefix tests/browser --no-audit --no-fund --silent && touch $@; fi

# Extra options for the build, e.g. make site SITE_FLAGS="--base-url https://user.github.io/repo/"
SITE_FLAGS ?=

site: $(VENV)/.site
	$(BIN)/site-gen build $(SITE_FLAGS)

test: $(VENV)/.test tests/browser/node_modules/.installed
	$(BIN)/pytest

clean:
	rm -rf _site .pytest_cache
