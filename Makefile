# Task runner: every target creates .venv and installs what it needs when missing.
# `make serve` installs only what serving needs; test, lint and bench add the dev tools.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SERVE_STAMP := $(VENV)/.installed-serve
HOST ?= 127.0.0.1
PORT ?= 8080
ARGS ?=
CONTRACTS := openapi.yaml openapi.platform.yaml mock_server/admin/openapi.yaml $(wildcard mock_server/apis/*/openapi.yaml)

.PHONY: install serve test lint fmt bench screenshots clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(SERVE_STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e .
	touch $(SERVE_STAMP)

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP) $(SERVE_STAMP)

install: $(STAMP)

# e.g. make serve ARGS="--seed 42 --clock manual"
serve: $(SERVE_STAMP)
	$(BIN)/workitems-mock serve --host $(HOST) --port $(PORT) $(ARGS)

# On every core (pytest-xdist): each worker is its own process with its own emulators.
test: $(STAMP)
	bash scripts/install_browser.sh
	$(BIN)/python -m pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/openapi-spec-validator $(CONTRACTS)

fmt: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: $(STAMP)
	bash scripts/install_browser.sh
	$(BIN)/python scripts/inspector_screenshots.py

bench: $(STAMP)
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .hypothesis .schemathesis
