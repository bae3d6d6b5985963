# The two everyday commands are `make demo` and `make test`; both need no service.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
PORT ?= 8000

.PHONY: install demo test lint audit services services-stop migrate messages bench-pages bench-harvest bench-search bench-communities check-deploy

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --no-input -v 0

demo: migrate
	$(PY) manage.py load_demo --port $(PORT)
	$(PY) manage.py demo_server --port $(PORT)

test: install
	$(PY) -m pytest --ds=portail.settings.test $(PYTEST_ARGS)

# The house rules (pyproject.toml): ruff's lint and format, and the direction of
# imports between apps (import-linter contracts).
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

# Accessibility, eco-design and Lighthouse budgets of every page type, in Debian's chromium,
# on a production-like server (tests/audit); Lighthouse comes from npm (package-lock.json).
audit: install node_modules/.package-lock.json
	$(PY) -m tests.audit

node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

services:
	@bash scripts/services.sh start

services-stop:
	@bash scripts/services.sh stop

messages: install
	$(PY) manage.py makemessages -l en --ignore "*/migrations/*" --ignore ".venv/*" --ignore "node_modules/*" --ignore "bench/*"
	$(PY) manage.py compilemessages --ignore ".venv/*"

check-deploy: install
	DJANGO_SETTINGS_MODULE=portail.settings.production SECRET_KEY=$${SECRET_KEY:-check-deploy-0123456789abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ} \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///tmp/check.sqlite3} ALLOWED_HOSTS=$${ALLOWED_HOSTS:-portail.example.org} \
	$(PY) manage.py check --deploy --fail-level WARNING

bench-pages: install
	$(PY) bench/pages.py

bench-harvest: install
	$(PY) bench/harvest.py

bench-search: install
	$(PY) bench/search.py

bench-communities: install
	$(PY) bench/communities.py
