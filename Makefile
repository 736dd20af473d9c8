# FrameLab: two commands on a fresh machine with Python 3.11 — `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench check clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

## run: install, check the corpus and analyse every article in it
run: $(VENV)/.installed
	$(BIN)/framelab check
	$(BIN)/framelab analyze corpus/articles/*/*.md

## test: install with the test extras and run the whole test suite
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest

## bench: time the analysis against the bare segment-and-sentiment baseline
bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_analysis.py

check: $(VENV)/.installed
	$(BIN)/framelab check

clean:
	rm -rf $(VENV) .pytest_cache
