# The two commands of the quick start: `make demo` and `make test`.
# Each creates .venv and installs what it needs when missing; nothing is reinstalled
# unless pyproject.toml changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck unit docs bench fuzz dist distcheck clean

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
# each of the 14 kinds (4000: 56,000 inputs), then a table of what happened to them.
FUZZ_PER_KIND ?= 4000

fuzz: $(STAMP)
	$(BIN)/python tests/fuzzing.py --per-kind $(FUZZ_PER_KIND)

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python benchmarks/season.py
	$(BIN)/python benchmarks/limits.py
	$(BIN)/python benchmarks/store.py
	$(BIN)/python benchmarks/places.py

# The source and wheel distributions in dist/ (the wheel built from the sdist), then the wheel
# installed into a fresh virtual environment and run there: its version and a small scoring.
CHECK := build/wheel-check

dist: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	rm -rf dist $(CHECK)
	$(BIN)/python -m build --outdir dist .
	$(PYTHON) -m venv $(CHECK)
	$(CHECK)/bin/python -m pip install --quiet dist/*.whl
	$(CHECK)/bin/ocop --version
	$(CHECK)/bin/ocop --lang en score --quiet "$$($(CHECK)/bin/python -c \
		'from importlib.resources import files; \
		print(files("ocop.examples") / "an_giang_2020" / "cards.jsonl")')" > $(CHECK)/score.txt
	tail -n 1 $(CHECK)/score.txt
	$(CHECK)/bin/ocop demo > /dev/null
	@echo "dist/: $$(ls dist | tr '\n' ' ')— the wheel installs and runs"

# The sdist unpacked on its own, running the whole of `make test` in its own .venv.
distcheck: dist
	rm -rf build/sdist-check
	mkdir -p build/sdist-check
	tar -xzf dist/ocop-*.tar.gz -C build/sdist-check
	cd build/sdist-check/ocop-* && $(MAKE) test PYTHON=$(PYTHON)

clean:
	rm -rf $(VENV) docs/_build .pytest_cache .mypy_cache .ruff_cache build dist
