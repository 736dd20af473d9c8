# FrameLab: two commands on a fresh machine with Python 3.11 — `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
# The whole test suite runs a second time on PostgreSQL when this server answers (CI: it must).
# FRAMELAB_TEST_DATABASE_URL is the one switch: each run makes its own databases on that server.
PG_TEST_URL ?= postgresql://root@127.0.0.1:5432/test

.PHONY: run test test-sqlite test-postgres bench check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# axe-core, which the browser tests inject to check every page's accessibility (package.json).
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

## run: install, prepare the SQLite database with the lessons and a demo class, serve on $(HOST):$(PORT)
run: $(VENV)/.installed
	$(BIN)/framelab load
	$(BIN)/framelab demo
	$(BIN)/framelab serve --host $(HOST) --port $(PORT)

## test: install with the test extras and run the whole suite twice: on SQLite, then on PostgreSQL
test: test-sqlite test-postgres

test-sqlite: $(VENV)/.installed-test node_modules/.package-lock.json
	FRAMELAB_TEST_DATABASE_URL= $(BIN)/python -m pytest

test-postgres: $(VENV)/.installed-test node_modules/.package-lock.json
	@if $(BIN)/python -c "import psycopg; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
	  FRAMELAB_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest; \
	elif [ -n "$$CI" ]; then \
	  echo "PostgreSQL does not answer at $(PG_TEST_URL); CI needs it"; exit 1; \
	else \
	  echo "PostgreSQL does not answer at $(PG_TEST_URL): the PostgreSQL run was skipped"; \
	fi

## bench: speed of the analysis, the classifier, the class dashboard and the exports (prints figures)
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_analysis.py
	$(BIN)/python benchmarks/bench_classifier.py
	$(BIN)/python benchmarks/bench_dashboard.py
	$(BIN)/python benchmarks/bench_exports.py
	$(BIN)/python benchmarks/bench_authoring.py

check: $(VENV)/.installed
	$(BIN)/framelab check

clean:
	rm -rf $(VENV) .pytest_cache node_modules
