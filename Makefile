# dialogue-explorer: run `make help` for the targets.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Two stamps, one environment: `make report` installs the package and its runtime dependencies
# only; the targets that lint or test install the `test` extra on top (pyproject.toml).
STAMP := $(VENV)/.installed-stamp
TEST_STAMP := $(VENV)/.installed-test-stamp
PYTEST_ARGS ?=
PIP_INSTALL := $(PY) -m pip install --quiet

.DEFAULT_GOAL := help

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}' \
		| sed -e 's/\$$(DATASETTE_PORT)/$(DATASETTE_PORT)/g' -e 's/\$$(DASHBOARD_PORT)/$(DASHBOARD_PORT)/g'

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) -e .
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP)

$(TEST_STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP_INSTALL) --upgrade pip
	$(PIP_INSTALL) -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	@touch $(STAMP) $(TEST_STAMP)

venv: $(STAMP) ## Create or update the local virtual environment (.venv): runtime dependencies only

venv-test: $(TEST_STAMP) ## The same, with the `test` extra (what `make test` and `make lint` use)

report: $(STAMP) ## Main job: validate the data and build every HTML report into reports/ (open reports/index.html)
	$(VENV)/bin/dialoguelib summary
	$(VENV)/bin/dialoguelib report --all --out reports

summary: $(STAMP) ## Load and validate the data and print a summary table
	$(VENV)/bin/dialoguelib summary

test: $(TEST_STAMP) lint ## Lint, then run the whole test suite (library, data, notebooks, browser)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(TEST_STAMP) ## Check the code: ruff (lint, complexity, format), import-linter (the layers of ARCHITECTURE.md), actionlint (the workflows)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	$(VENV)/bin/actionlint .github/workflows/*.yml

format: $(TEST_STAMP) ## Format the code and fix what ruff can fix
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

test-fast: $(TEST_STAMP) ## Run only the library and data tests
	$(PY) -m pytest -m "not notebooks and not browser" $(PYTEST_ARGS)

notebooks: $(STAMP) ## Re-execute the committed notebooks, keeping only the outputs nbval compares
	$(PY) tools/refresh_notebooks.py

executed: $(STAMP) ## Run every notebook with its defaults into build/notebooks/ (outputs kept, outside the tests' paths; CI keeps them as an artifact)
	@mkdir -p build/notebooks
	$(PY) -c "$$EXECUTE_ALL"

bench: $(TEST_STAMP) ## Time what users wait for (several minutes; run on an idle machine) and write benchmarks/RESULTS.md
	$(PY) -m benchmarks.run

eval: $(TEST_STAMP) ## Score ingest on the seeds and the development set and write evaluation/RESULTS.md
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

# Every notebook of notebooks/ through the library's batch runner (one worker per core); fails if one fails.
define EXECUTE_ALL
import sys
from pathlib import Path
from dialoguelib.runs import notebooks
jobs = [{"notebook": str(p), "output": f"build/notebooks/{p.name}"} for p in sorted(Path("notebooks").glob("[0-9]*.ipynb"))]
failed = [r for r in notebooks.run_batch(jobs) if r["error"]]
for r in failed:
    print(f"error: {r['notebook']}: {r['error']}", file=sys.stderr)
print(f"{len(jobs) - len(failed)} of {len(jobs)} notebooks executed into build/notebooks/")
sys.exit(1 if failed else 0)
endef
export EXECUTE_ALL

lab: $(STAMP) ## Open the notebooks in JupyterLab
	$(VENV)/bin/jupyter lab notebooks/

clean: ## Remove build products (keeps .venv)
	rm -rf reports notebooks/_executed build .pytest_cache

.PHONY: help venv venv-test report summary test test-fast lint format notebooks executed bench eval datasette dashboard illustrative lab clean
