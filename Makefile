# SEND tracker: `make run` sets up and serves the app with demo data;
# `make test` sets up and runs the whole test suite. Both work on a fresh clone.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)
# Prefer pyenv's Python 3.13 (found through .python-version); otherwise uv fetches one.
PYTHON313 := $(shell command -v python3.13 2>/dev/null)
ifdef CI
export UV_PYTHON_DOWNLOADS := never
endif

.PHONY: help install run test test-fast lint format check-deploy vendor browser-deps system-deps clean bench \
	serve-prod stop-prod nginx-deps backup restore

help:
	@echo "make run      set up, migrate, load demo data and serve on http://$(HOST):$(PORT)"
	@echo "make test     set up (Chromium included) and run the whole test suite"
	@echo "make install  set up the virtual environment only"
	@echo "make lint     ruff check and ruff format --check"
	@echo "make vendor   refresh the vendored GOV.UK Frontend and axe-core"
	@echo "make serve-prod  as in production: nginx on http://127.0.0.1:$(PROD_PORT), two gunicorn"
	@echo "              app servers, PostgreSQL, Redis, the task worker (SCALE=1: national data)"
	@echo "make stop-prod   stop a serve-prod running in the background"
	@echo "make backup   dump the database (BACKUP_FILE=, default backups/sendtracker-<time>.dump)"
	@echo "make restore BACKUP_FILE=...  restore a dump into an empty database (FORCE=1: any)"

# uv: on PATH, or installed into Python 3.13 with pip.
UV := $(shell command -v uv 2>/dev/null)
ifeq ($(UV),)
ifneq ($(PYTHON313),)
UV := $(PYTHON313) -m uv
endif
endif

install:
	@if [ -z "$(strip $(UV))" ]; then echo "Install uv (https://docs.astral.sh/uv/) or Python 3.13."; exit 1; fi
	@if [ -n "$(PYTHON313)" ] && ! command -v uv >/dev/null && ! $(PYTHON313) -m uv --version >/dev/null 2>&1; then \
		echo "Installing uv into $(PYTHON313)"; $(PYTHON313) -m pip install --quiet --disable-pip-version-check uv; fi
	$(UV) sync --locked

# The background worker runs beside runserver and stops with it. Each worker process
# is recycled after WORKER_MAX_TASKS packs (memory); between them, and every
# MAINTENANCE_SECONDS, jobs left running by a dead worker are requeued and expired
# packs removed and the email reminders due sent (in production, run recover_packs,
# prune_packs and send_reminders from cron).
WORKER_MAX_TASKS ?= 20
MAINTENANCE_SECONDS ?= 300
run: install system-deps
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_official_statistics
	$(PY) manage.py load_demo
	@echo ""
	@echo "SEND tracker is at http://$(HOST):$(PORT) (Ctrl+C to stop)."
	@set -m; trap 'kill -TERM -- -$$server -$$worker -$$upkeep 2>/dev/null; wait' EXIT; trap 'exit 130' INT TERM; \
	( while :; do $(PY) manage.py db_worker --queue-name '*' --max-tasks $(WORKER_MAX_TASKS) --no-reload || sleep 5; done ) & worker=$$!; \
	( while :; do $(PY) manage.py recover_packs; $(PY) manage.py prune_packs; $(PY) manage.py send_reminders; sleep $(MAINTENANCE_SECONDS); done ) & upkeep=$$!; \
	$(PY) manage.py runserver $(HOST):$(PORT) & server=$$!; \
	wait $$server

# As in production, on this machine: see deploy/serve-prod and the README's
# "Deployment". DATABASE_URL, REDIS_URL, PROD_PORT, APP_PORTS, TASK_WORKERS, RUN_DIR
# and SCALE=1 come from the environment (or `make serve-prod PROD_PORT=8090`).
PROD_PORT ?= 8080
export PROD_PORT
serve-prod: install system-deps nginx-deps
	deploy/serve-prod

stop-prod:
	@pidfile=$${RUN_DIR:-.run}/serve-prod.pid; \
	if [ ! -f $$pidfile ] || ! kill -0 $$(cat $$pidfile) 2>/dev/null; then echo "serve-prod is not running"; exit 0; fi; \
	pid=$$(cat $$pidfile); kill -TERM $$pid; \
	for i in $$(seq 1 30); do kill -0 $$pid 2>/dev/null || { echo "serve-prod stopped"; exit 0; }; sleep 1; done; \
	echo "serve-prod (pid $$pid) did not stop within 30 s"; exit 1

# Debian's nginx (the light build: proxy, static files, gzip_static), installed as the
# other system packages are. Its own service is not started: serve-prod runs it.
nginx-deps:
	@if ! command -v nginx >/dev/null; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing Debian's nginx"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; \
		else \
			echo "serve-prod needs nginx: sudo apt-get install nginx-light"; exit 1; \
		fi; \
	fi

# The configured database (DATABASE_URL, PostgreSQL) into one file, and back: see
# sendtracker/core/backups.py and the README's "Deployment".
backup: install
	$(PY) manage.py backup_database $(if $(BACKUP_FILE),--output "$(BACKUP_FILE)")

restore: install
	@if [ -z "$(BACKUP_FILE)" ]; then echo "Say which: make restore BACKUP_FILE=backups/sendtracker-....dump"; exit 1; fi
	$(PY) manage.py restore_database "$(BACKUP_FILE)" $(if $(filter 1,$(FORCE)),--force)

# Debian's Chromium for the browser tests, and poppler for reading PDFs back.
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			echo "Installing Debian's Chromium for the browser tests"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
		else \
			echo "Browser tests need Debian's Chromium: sudo apt-get install chromium chromium-driver"; exit 1; \
		fi; \
	fi

# What WeasyPrint needs beyond Pango (on the machine already): HarfBuzz's subsetter,
# poppler's pdftoppm/pdfinfo for the tests. Packs ship their own font (static/fonts).
SYSTEM_PACKAGES := libharfbuzz-subset0 poppler-utils
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if ! command -v apt-get >/dev/null; then \
			echo "PDF packs need: $$missing (HarfBuzz subset library and poppler-utils)"; \
		elif [ "$$(id -u)" = "0" ]; then \
			echo "Installing $$missing for PDF packs"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "PDF packs need: sudo apt-get install $$missing"; exit 1; \
		fi; \
	fi

test: install browser-deps system-deps nginx-deps
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: install
	$(PY) -m pytest -m "not browser" $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check-deploy: install
	DEBUG=false SECRET_KEY="$$(head -c 64 /dev/urandom | base64 | tr -d '\n/+=')" ALLOWED_HOSTS=sendtracker.example \
		$(PY) manage.py check --deploy --fail-level WARNING

vendor:
	scripts/vendor-frontend

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache

bench: install
	cd benchmarks && for script in bench_*.py; do ../$(PY) $$script || exit 1; done

# Security checks, run by CI after ruff: bandit on the apps (medium and high severity;
# reviewed false positives are marked `# nosec` on their line with the reason), and the
# locked packages against known vulnerabilities (offline: .ci/advisories/README.md).
.PHONY: audit
audit: install
	$(VENV)/bin/bandit -c pyproject.toml -r sendtracker grants programmes inspections -ll -q
	$(PY) scripts/audit-dependencies

# The load test (loadtest/run, docs/reliability.md): 50 Locust users for 3 minutes on
# the national scale data against serve-prod on the loopback; started in the
# background (and stopped afterwards) unless one already answers on PROD_PORT.
.PHONY: loadtest
loadtest: install
	loadtest/run
