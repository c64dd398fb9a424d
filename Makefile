# The two commands of the README: `make demo` and `make test`. Everything they need is
# installed into .venv/ here, from pyproject.toml, the first time (and when it changes).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint typecheck bench bench-team bench-import clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "pcsm needs Python 3.11 or newer; this is " + sys.version.split()[0] + " (set PYTHON=python3.11)")'
	@git --version >/dev/null 2>&1 || { echo "pcsm needs git (2.39 or newer) on PATH"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pcsm demo $(ARGS)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/pcsm schemas --check
	$(BIN)/pytest -n auto

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/mypy && $(BIN)/lint-imports --no-cache

bench: $(STAMP)
	$(BIN)/python benchmarks/run.py
	$(BIN)/python benchmarks/history.py
	$(BIN)/python benchmarks/exchange.py
	$(BIN)/python benchmarks/charts.py
	$(BIN)/python benchmarks/app.py

# A 20,000-row team workbook and the largest corpus workbook imported (a minute or two;
# not part of `make test` or CI): plan and commit times, peak memory. ROWS=N for another size.
bench-import: $(STAMP)
	$(BIN)/python benchmarks/import_big.py $(if $(ROWS),--rows $(ROWS))

# Team scale (slow: minutes; not part of `make test` or CI): the demo, 100 and 1,000
# engagements, every figure beside git's own; results also in bench-team.json.
bench-team: $(STAMP)
	$(BIN)/python benchmarks/team.py $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
