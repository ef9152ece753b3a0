# twinsite: `make run` to try it, `make test` to test it. `make help` lists the rest.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run test lint format messages migrate demo install install-dev clean

help: ## Show this list
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  make %-12s %s\n", $$1, $$2}'

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@ $(RUNTIME_STAMP)

install: $(RUNTIME_STAMP) ## Create .venv and install the runtime requirements
install-dev: $(DEV_STAMP) ## Create .venv and install runtime, test and lint tools

migrate: $(RUNTIME_STAMP) ## Apply migrations to the database (SQLite in var/ by default)
	@mkdir -p var/static var/media
	$(PY) manage.py migrate --no-input

demo: migrate ## Load the bilingual demo content (safe to repeat)
	$(PY) manage.py load_demo

run: demo ## Install, migrate, load the demo and serve it at http://127.0.0.1:8000
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(DEV_STAMP) ## Run the whole suite (SQLite; PostgreSQL when DATABASE_URL is set)
	$(PY) -m pytest

lint: $(DEV_STAMP) ## ruff check and ruff format --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(DEV_STAMP) ## Reformat the code and apply ruff's safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(DEV_STAMP) ## Extract and compile the de/fr catalogues (needs GNU gettext)
	$(PY) manage.py makemessages -l de -l fr --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=tests
	$(PY) manage.py compilemessages -l de -l fr --ignore=.venv

clean: ## Remove the virtualenv and the local database and media
	rm -rf $(VENV) var
