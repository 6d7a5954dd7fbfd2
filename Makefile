# Support tickets with AI triage. `make help` lists the targets.

PYTHON ?= python3.11
# An empty value counts as unset, as everywhere in the project.
PORT := $(or $(PORT),8000)
# make run listens on this address only; HOST=0.0.0.0 shares it with the network.
HOST := $(or $(HOST),127.0.0.1)
VENV := .venv
PY := $(abspath $(VENV))/bin/python
PIP := $(abspath $(VENV))/bin/pip
MANAGE := cd backend && $(PY) manage.py
FRONTEND_SOURCES := $(shell find frontend/src frontend/index.html frontend/vite.config.* frontend/package.json -type f 2>/dev/null)

SHELL := /bin/bash
.DEFAULT_GOAL := help
.PHONY: help install run worker bench-jobs token test test-backend test-frontend test-e2e test-compose lint format migrate \
	train-classifier bench-triage bench-triage-blind \
	frontend-build lock clean seed bench chaos

#: List the targets and what they do
help:
	@awk '/^#:/ {sub(/^#: /, ""); doc = $$0; next} /^[a-z][a-z0-9-]*:/ && doc {split($$0, t, ":"); printf "  make %-16s %s\n", t[1], doc; doc = ""}' $(MAKEFILE_LIST)

$(VENV)/.installed: backend/requirements.txt backend/requirements-dev.txt
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --disable-pip-version-check -r backend/requirements-dev.txt
	@touch $@

frontend/node_modules/.installed: frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --no-audit --no-fund
	@touch $@

frontend/dist/index.html: frontend/node_modules/.installed $(FRONTEND_SOURCES)
	cd frontend && npm run build

#: Install Python (into .venv) and front-end (into frontend/node_modules) dependencies
install: $(VENV)/.installed $(if $(wildcard frontend/package.json),frontend/node_modules/.installed)

#: Build the web UI into frontend/dist (served by Django at /)
frontend-build: install $(if $(wildcard frontend/package.json),frontend/dist/index.html)

#: Apply database migrations (embedded PostgreSQL unless DATABASE_URL is set)
migrate: install
	$(MANAGE) migrate --noinput
	$(MANAGE) createcachetable

#: Install, build, migrate and serve the whole product on http://localhost:PORT (8000; debug mode)
run: frontend-build
	DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(MAKE) --no-print-directory migrate
	cd backend && DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py ensure_superuser
	cd backend && DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) -m runner --host $(HOST) --port $(PORT)

#: Run a background job worker (e-mail, webhooks) beside `make run`, in debug mode too
worker: install
	cd backend && DJANGO_DEBUG=$${DJANGO_DEBUG:-true} $(PY) manage.py worker

#: Print `export TOKEN=...`, an API token of the debug admin: eval "$$(make -s token)"
token: $(VENV)/.installed
	@cd backend && DJANGO_DEBUG=true $(PY) manage.py migrate --noinput -v 0 >&2
	@cd backend && DJANGO_DEBUG=true $(PY) manage.py ensure_superuser >&2
	@cd backend && DJANGO_DEBUG=true $(PY) manage.py create_token admin --name "make token" --export

#: Run every test: backend (pytest), front end (Vitest) and browser journeys (Playwright)
test: test-backend test-frontend test-e2e

#: Backend tests against PostgreSQL (DATABASE_URL, or the embedded server)
test-backend: frontend-build
	cd backend && $(PY) -m pytest $(PYTEST_ARGS)

#: Front-end component tests (Vitest + Testing Library)
test-frontend: install
	@if [ -f frontend/package.json ]; then cd frontend && npm test; else echo "No front end yet."; fi

#: End-to-end journeys in headless Chromium against the app as `make run` serves it
test-e2e: frontend-build
	@if [ -d e2e ]; then $(PY) -m pytest -c e2e/pytest.ini e2e $(PYTEST_ARGS); else echo "No e2e tests yet."; fi

#: Build the Docker images and run docker-compose.yml for real, checked over HTTP (needs root; see docs/deployment.md)
test-compose:
	python3 deploy/compose_test/run.py $(COMPOSE_TEST_ARGS)

#: Add N realistic generated tickets (default 100000) to the database: make seed N=1000000
seed: migrate
	$(MANAGE) seed_tickets --count $(or $(N),100000)

#: Load benchmark at N tickets (default 100000) in database tickets_bench, then the live-updates one (100 open streams, tickets_bench_stream); see bench/RESULTS.md
bench: install
	$(PY) bench/run.py --count $(or $(N),100000)
	$(PY) bench/stream_load.py

#: Fault and load suite (~11 min): mixed load while PostgreSQL, Redis, a worker and the LLM fail; see bench/RESULTS.md
chaos: install
	cd bench && $(PY) chaos.py $(CHAOS_ARGS)

#: What e-mail and webhooks cost POST /api/tickets/ (database tickets_bench_jobs); see bench/RESULTS.md
bench-jobs: install
	$(PY) bench/jobs_overhead.py

#: Rebuild the offline classifier from the public data sets: make train-classifier DATA=dir
train-classifier: install
	@test -n "$(DATA)" || { echo "Usage: make train-classifier DATA=<folder of the public data sets>"; exit 2; }
	cd backend && DJANGO_DEBUG=true $(PY) manage.py train_classifier --data $(abspath $(DATA))

#: Accuracy and latency of the offline classifier on the public data sets: make bench-triage DATA=dir
bench-triage: install
	@test -n "$(DATA)" || { echo "Usage: make bench-triage DATA=<folder of the public data sets>"; exit 2; }
	$(PY) bench/triage_accuracy.py --data $(abspath $(DATA))

#: Quality of the offline classifier on the dev and blind sets, with intervals: make bench-triage-blind PHASE=after
bench-triage-blind: install
	$(PY) bench/triage_blind.py --phase $(or $(PHASE),after)

#: Lint, format-check and type-check (mypy) the Python code; check that no migration is missing; lint and type-check the web UI
lint: install
	$(VENV)/bin/ruff check backend e2e bench deploy
	$(VENV)/bin/ruff format --check backend e2e bench deploy
	cd backend && DJANGO_SECRET_KEY=lint DATABASE_URL=postgres://lint@127.0.0.1:1/lint $(abspath $(VENV))/bin/mypy .
	cd backend && DJANGO_SECRET_KEY=lint $(PY) manage.py makemigrations --check --dry-run
	@if [ -f frontend/package.json ]; then cd frontend && npm run lint; fi

#: Format the Python code
format: install
	$(VENV)/bin/ruff format backend e2e bench deploy
	$(VENV)/bin/ruff check --fix backend e2e bench deploy

#: Re-pin requirements*.txt from pyproject.toml's direct dependencies
lock:
	rm -rf .make/lock && mkdir -p .make && $(PYTHON) -m venv .make/lock
	.make/lock/bin/pip install --quiet $$($(PYTHON) -c "import tomllib; print(' '.join(tomllib.load(open('backend/pyproject.toml','rb'))['project']['dependencies']))")
	{ echo "# Runtime dependencies, every one pinned (transitive included). Regenerate with: make lock"; \
	  .make/lock/bin/pip freeze; } > backend/requirements.txt
	.make/lock/bin/pip install --quiet $$($(PYTHON) -c "import tomllib; print(' '.join(tomllib.load(open('backend/pyproject.toml','rb'))['project']['optional-dependencies']['dev']))")
	{ echo "# Test and tool dependencies on top of requirements.txt, every one pinned."; echo "-r requirements.txt"; \
	  .make/lock/bin/pip freeze | grep -v -i -x -F -f <(.make/lock/bin/python -c "print(open('backend/requirements.txt').read())" | grep -v '^#'); } > backend/requirements-dev.txt

#: Remove installed dependencies, builds and the embedded database
clean:
	rm -rf $(VENV) frontend/node_modules frontend/dist backend/staticfiles .data
