# twinsite: `make run` to try it, `make test` to test it. `make help` lists the rest.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed
HOST ?= 127.0.0.1
PORT ?= 8000

.DEFAULT_GOAL := help
.PHONY: help run serve load faults bench bench-mail test system-deps lint format messages migrate demo install install-dev clean

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

# The Node tools of the quality gates (tests/gates/): axe-core, vnu-jar, lighthouse.
# No install scripts: vnu-jar's would fetch a Java runtime; the machine's Java runs it.
NODE_STAMP := node_modules/.installed

# Without npm there is nothing to install; the gates that need these packages skip.
$(NODE_STAMP): package.json package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --ignore-scripts --no-audit --no-fund && touch $@; \
	else echo "npm not found: the gates' Node packages are not installed (scripts/system-deps.sh)"; fi

install: $(RUNTIME_STAMP) ## Create .venv and install the runtime requirements
install-dev: $(DEV_STAMP) $(NODE_STAMP) ## Create .venv and install runtime, test and lint tools

migrate: $(RUNTIME_STAMP) ## Apply migrations to the database (SQLite in var/ by default)
	@mkdir -p var/static var/media
	$(PY) manage.py migrate --no-input

demo: migrate ## Load the bilingual demo content (safe to repeat)
	$(PY) manage.py load_demo

# The mail worker runs beside the dev server and stops with it (docs/operations.md,
# "Background workers"); without --reload, so that stopping it stops it all.
WORKER := $(PY) manage.py db_worker --backend mail --queue-name mail,translation --no-reload

run: demo ## Install, migrate, load the demo and serve it at http://127.0.0.1:8000, with a mail worker
	@$(PY) manage.py registrations_housekeeping --schedule
	@$(PY) manage.py translation_request_reminders --schedule
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: http://$(HOST):$(PORT)/admin/)"
	@$(WORKER) & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST):$(PORT)

# The production settings on loopback: whitenoise's manifest files, gunicorn,
# DEBUG off. Local defaults stand in for the secrets a server gets from its
# environment; anything already set in the environment wins.
SERVE_ENV := DJANGO_SETTINGS_MODULE=twinsite.settings.production \
	SECRET_KEY=$${SECRET_KEY:-local-serve-key-not-for-the-internet-0123456789abcdef} \
	ALLOWED_HOSTS=$${ALLOWED_HOSTS:-127.0.0.1,localhost} \
	WAGTAILADMIN_BASE_URL=$${WAGTAILADMIN_BASE_URL:-http://$(HOST):$(PORT)} \
	SECURE_SSL_REDIRECT=$${SECURE_SSL_REDIRECT:-False} \
	SECURE_HSTS_SECONDS=$${SECURE_HSTS_SECONDS:-0}

serve: demo ## Run the production stack (gunicorn, DEBUG off) at http://127.0.0.1:8000
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) PORT=$(PORT) $(VENV)/bin/gunicorn -c gunicorn.conf.py twinsite.wsgi

# One .tar with the database, the media originals and a manifest of SHA-256
# checksums (operations/backup.py). docs/operations.md: "Backup and restore".
.PHONY: backup restore
backup: $(RUNTIME_STAMP) ## Back up database and media originals to var/backups/ (OUTPUT=dir or file)
	$(PY) manage.py backup $(if $(OUTPUT),--output "$(OUTPUT)")

restore: $(RUNTIME_STAMP) ## Verify and restore ARCHIVE=var/backups/....tar (asks before replacing)
	@test -n "$(ARCHIVE)" || { echo "usage: make restore ARCHIVE=var/backups/twinsite-backup-....tar" >&2; exit 2; }
	$(PY) manage.py restore "$(ARCHIVE)"

# Load and fault tests of the production stack on loopback; see bench/README.md.
BENCH_STAMP := $(VENV)/.bench-installed

$(BENCH_STAMP): requirements.txt requirements-bench.txt | $(PY)
	$(PY) -m pip install --quiet -r requirements-bench.txt
	@touch $@ $(RUNTIME_STAMP)

load: demo $(BENCH_STAMP) ## Load test: locust against the production stack, LOAD_SECONDS=60 LOAD_USERS=20
	$(PY) bench/load.py

faults: $(RUNTIME_STAMP) ## Restart PostgreSQL and stop Redis under load (this machine's services)
	$(PY) bench/faults.py

# wrk comes from apt (Debian/Ubuntu); the minimal view exists only in twinsite.settings.bench.
bench: demo ## Benchmark every page type against a minimal view (wrk); writes bench/results/
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	$(PY) bench/bench.py

# aiosmtpd (the SMTP sink) comes with the dev requirements; the database is its own, made fresh.
bench-mail: $(DEV_STAMP) ## Send the demo issue to 10,000 readers via a local SMTP sink: mails/s, worker RSS
	$(PY) bench/mail_send.py

# The system packages of the suite (gettext, Chromium, Java, Node): scripts/system-deps.sh
# installs the missing ones through apt when run as root, or names them and the command
# that installs them. .ci/run runs the same script. `make test` runs it first, then
# installs the Python and Node packages, in that order.
system-deps: ## Install the system packages the tests need (apt, as root), or say which are missing
	@PYTHON=$(PYTHON) scripts/system-deps.sh

# One pytest-xdist worker per CPU core (TEST_WORKERS=0: one process, no workers),
# each test file on one worker, so that a module's fixture (a Lighthouse run, a
# backup archive) is made once; docs/testing.md, "Running in parallel".
TEST_WORKERS ?= auto

test: system-deps ## Run the whole suite (SQLite; PostgreSQL when DATABASE_URL is set)
	@$(MAKE) --silent --no-print-directory $(DEV_STAMP) $(NODE_STAMP)
	$(PY) -m pytest -n $(TEST_WORKERS) --dist loadfile

lint: $(DEV_STAMP) ## ruff check, ruff format --check and the import layers (lint-imports)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: $(DEV_STAMP) ## Reformat the code and apply ruff's safe fixes
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: $(DEV_STAMP) ## Extract and compile the de/fr catalogues (needs GNU gettext)
	$(PY) manage.py makemessages -l de -l fr --extension=html,txt,py,mjml --no-obsolete --no-location --ignore=.venv --ignore=var --ignore=tests
	$(PY) manage.py compilemessages -l de -l fr --ignore=.venv

clean: ## Remove the virtualenv and the local database and media
	rm -rf $(VENV) var
