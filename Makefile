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

# Extra options for the build, e.g. make site SITE_FLAGS="--base-url https://user.github.io/repo/"
SITE_FLAGS ?=

site: $(VENV)/.site
	$(BIN)/site-gen build $(SITE_FLAGS)

test: $(VENV)/.test
	$(BIN)/pytest

clean:
	rm -rf _site .pytest_cache
