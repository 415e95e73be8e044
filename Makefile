# dialogue-explorer: run `make help` for the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

venv: $(STAMP) ## Create or update the local virtual environment (.venv)

report: $(STAMP) ## Main job: validate the data and build every HTML report into reports/ (open reports/index.html)
	$(VENV)/bin/dialoguelib summary
	$(VENV)/bin/dialoguelib report --all --out reports

summary: $(STAMP) ## Load and validate the data and print a summary table
	$(VENV)/bin/dialoguelib summary

test: $(STAMP) lint ## Lint, then run the whole test suite (library, data, notebooks, browser)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP) ## Check the code: ruff (lint, complexity, format) and import-linter (the layers of ARCHITECTURE.md)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: $(STAMP) ## Format the code and fix what ruff can fix
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test-fast: $(STAMP) ## Run only the library and data tests
	$(PY) -m pytest -m "not notebooks and not browser" $(PYTEST_ARGS)

notebooks: $(STAMP) ## Re-execute the committed notebooks, keeping only the outputs nbval compares
	$(PY) tools/refresh_notebooks.py

bench: $(STAMP) ## Time what users wait for (several minutes; run on an idle machine) and write benchmarks/RESULTS.md
	$(PY) -m benchmarks.run

eval: $(STAMP) ## Score ingest on the seeds and the development set and write evaluation/RESULTS.md
	$(PY) -m evaluation.ingest_eval --write

DATASETTE_PORT ?= 8001
datasette: $(STAMP) ## Build the SQLite export and browse it in Datasette on http://127.0.0.1:$(DATASETTE_PORT)
	@$(PY) -c "import datasette" 2>/dev/null || { echo "Datasette is an optional extra: $(PY) -m pip install -e '.[datasette]'"; exit 2; }
	@mkdir -p build
	$(VENV)/bin/dialoguelib export --format sqlite --out build/dialogue.db --force
	$(PY) -m datasette serve build/dialogue.db -m build/dialogue.metadata.json -h 127.0.0.1 -p $(DATASETTE_PORT)

DASHBOARD_PORT ?= 8866
dashboard: $(STAMP) ## Serve the explorers as a no-code app (Voila: code hidden, widgets live) on http://127.0.0.1:$(DASHBOARD_PORT)
	@$(PY) -c "import voila" 2>/dev/null || { echo "Voila is an optional extra: $(PY) -m pip install -e '.[dashboard]'"; exit 2; }
	$(PY) -m dialoguelib.runs.dashboard --port $(DASHBOARD_PORT)

illustrative: $(STAMP) ## Build build/illustrative-data: the data with the team's illustrative follow-up statement, statuses and links
	@rm -rf build/illustrative-data build/illustrative-data-review*
	@mkdir -p build
	$(PY) -c "from dialoguelib.curate import illustrative_record; print(illustrative_record('build/illustrative-data'))"

lab: $(STAMP) ## Open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/

clean: ## Remove build products (keeps .venv)
	rm -rf reports notebooks/_executed build .pytest_cache

.PHONY: help venv report summary test test-fast lint format notebooks bench eval datasette dashboard illustrative lab clean
