# The two promises: `make run` (develop) and `make test` (everything CI checks).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
LOCAL_KEY := var/local-secret-key
# Links in emails point at the port the site is served on, unless SITE_URL says otherwise.
DEV = DJANGO_DEBUG=true SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}"
# Production-like settings for `make serve`, using a local key unless one is exported.
PROD = DJANGO_DEBUG=false DJANGO_HTTPS="$${DJANGO_HTTPS:-false}" DJANGO_SECRET_KEY="$${DJANGO_SECRET_KEY:-$$(cat $(LOCAL_KEY))}" \
	DJANGO_ALLOWED_HOSTS="$${DJANGO_ALLOWED_HOSTS:-127.0.0.1,localhost}" SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}"

.PHONY: setup setup-test migrate demo run serve test test-fast checks lint format bench audit soak screenshots clean

# Two stamps: the site's own dependencies (enough for `make run`) and the test tools on top.
$(VENV)/bin/python:
	@$(PYTHON) -c 'import sys; sys.exit("hipcare needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.txt | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-dev.txt | $(VENV)/.site-installed
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: $(VENV)/.site-installed

setup-test: $(VENV)/.test-installed

$(LOCAL_KEY):
	mkdir -p var
	$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@

migrate: setup $(LOCAL_KEY)
	$(DEV) $(BIN)/python manage.py migrate --noinput
	$(DEV) $(BIN)/python manage.py setup_roles --verbosity 0

demo: migrate
	$(DEV) $(BIN)/python manage.py load_demo

# The email sender runs beside the server (printing each email here) and stops with it.
run: demo
	$(DEV) $(BIN)/python manage.py send_pending_emails --watch & sender=$$!; \
	trap 'kill $$sender 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Production settings throughout: the demo content without its login, and a deploy check that
# refuses to serve while the demo login (made by `make run` in the same database) exists.
serve: migrate
	$(PROD) $(BIN)/python manage.py load_demo
	$(PROD) $(BIN)/python manage.py check --deploy --fail-level ERROR
	$(PROD) $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(PROD) SEND_EMAILS_FROM_WEB=true DJANGO_SERVE_MEDIA=true $(BIN)/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:$(PORT)

lint: setup-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: setup-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

checks: lint
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=tests.settings $(BIN)/python manage.py makemigrations --check --dry-run

# Tests run in one process per CPU core and one more (pytest-xdist): about a quarter of a test's
# time is spent waiting on Chromium, gunicorn or nginx, whose work runs in processes of their own.
# Each test file stays in one process, so a file's module-wide fixtures (a server, a proxy) start
# once. PYTEST_WORKERS=0 runs them all here.
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1)')
test test-fast: export PYTEST_ADDOPTS = -n $(PYTEST_WORKERS) --dist loadfile

# The whole suite, browser tests included: what CI runs.
test: checks
	$(BIN)/pytest

# Everything but the browser tests, for quick loops while working.
test-fast: checks
	$(BIN)/pytest -m "not browser"

# Cost per page type next to Django's floor, then load on loopback; writes docs/PERFORMANCE.md.
# BENCH_LARGE=1 also measures cold renders after generating 10,000 articles (a few minutes).
bench: setup-test
	@command -v wrk >/dev/null || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq wrk >/dev/null; } || echo "wrk not installed: the load part will be skipped"
	$(BIN)/python bench/run.py

# Lighthouse, axe and the Nu Html Checker on every page type; fails when a budget is missed.
# Needs Node.js, Java and Chromium; installs Lighthouse and the checker into .audit/.
audit: setup-test
	$(BIN)/python bench/audit.py

# 60 s of mixed traffic against gunicorn with a worker killed halfway (SOAK_SECONDS to change);
# fails on any server error or any accepted booking request missing afterwards.
soak: setup-test
	$(BIN)/python bench/soak.py

# Phone and laptop screenshots of every page type, light and dark, into docs/screenshots/.
screenshots: setup-test
	$(BIN)/python bench/screenshots.py

clean:
	rm -rf $(VENV) .audit staticfiles .pytest_cache .ruff_cache
