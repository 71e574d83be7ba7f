# The two commands of the quick start: `make demo` and `make test`.
# Each creates .venv and installs what it needs when missing; nothing is reinstalled
# unless pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit docs bench fuzz clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,docs]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ocop demo

test: lint typecheck unit docs

CODE := src tests tools $(wildcard benchmarks)

lint: $(STAMP)
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

docs: $(STAMP)
	$(BIN)/sphinx-build -q -W --keep-going -b html docs docs/_build/html

# Mutated documents of every kind through every route and the command; FUZZ_PER_KIND inputs of
# each of the 13 kinds (4000: 52,000 inputs), then a table of what happened to them.
FUZZ_PER_KIND ?= 4000

fuzz: $(STAMP)
	$(BIN)/python tests/fuzzing.py --per-kind $(FUZZ_PER_KIND)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/season.py
	$(BIN)/python benchmarks/limits.py

clean:
	rm -rf $(VENV) docs/_build .pytest_cache .mypy_cache .ruff_cache
