# Tellonce. Two commands set everything up on a fresh Debian machine: `make run` and `make test`.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export DJANGO_SETTINGS_MODULE ?= tellonce.config.settings.local
DEMO_CHILDREN ?= 2000
DEMO_SEED ?= 1

.DEFAULT_GOAL := help
.PHONY: help run serve test test-sqlite test-postgres test-browser lint format assets bench install migrate demo clean

help: ## List the commands
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml requirements.lock
	@echo "==> Creating the Python environment in $(VENV)"
	@PYBIN=$$(scripts/find-python) && $$PYBIN -m venv $(VENV)
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.lock
	@$(VENV)/bin/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $(STAMP)

install: $(STAMP) ## Install Python packages into .venv

node_modules/.package-lock.json: package.json package-lock.json
	@echo "==> Installing GOV.UK Frontend from npm"
	@npm ci --no-audit --no-fund --loglevel=error
	@touch $@

build/static/css/tellonce.css: node_modules/.package-lock.json assets/scss/tellonce.scss assets/js/init.js scripts/build-assets
	@echo "==> Compiling GOV.UK Frontend"
	@bash scripts/build-assets

assets: build/static/css/tellonce.css ## Compile GOV.UK Frontend into build/static

migrate: install ## Create or update the database
	@$(PY) manage.py migrate --no-input -v 0

demo: migrate ## Load the demo area if the database is empty
	@$(PY) manage.py demo --children $(DEMO_CHILDREN) --seed $(DEMO_SEED) --if-empty

run: install assets demo ## Install, migrate, load the demo area and serve on http://127.0.0.1:8000
	@echo "==> Serving on http://127.0.0.1:8000 (Ctrl-C to stop)"
	@$(VENV)/bin/gunicorn --config python:tellonce.config.gunicorn tellonce.config.wsgi --bind 127.0.0.1:8000 --workers 2 --timeout 300 --access-logfile - --log-level warning

test: install assets ## Run every test: SQLite, PostgreSQL and the browser
	@bash scripts/test

lint: install ## ruff, the import contracts, mypy, the view-scoping and view-writes lints, the migration checks
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .
	@$(VENV)/bin/lint-imports
	@$(VENV)/bin/mypy
	@$(PY) scripts/lint_view_scoping.py
	@$(PY) scripts/lint_view_writes.py
	@$(PY) scripts/lint_migrations.py
	@DJANGO_SETTINGS_MODULE=tellonce.config.settings.test $(PY) manage.py makemigrations --check --dry-run -v 0

format: install ## Format the code
	@$(VENV)/bin/ruff format .
	@$(VENV)/bin/ruff check --fix .

bench: install ## Run the benchmarks and print the figures
	@$(PY) bench/run.py

clean: ## Remove the environment, built assets and the demo database
	rm -rf $(VENV) node_modules build var
