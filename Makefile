# The whole set-up is two commands: `make run` and `make test` (see README.md).
SHELL := /bin/bash
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export PORT
# The test MitID provider (testidp/) that `make run` starts beside the site.
MITID_TEST_PORT ?= 8090
export MITID_TEST_PORT
export DJANGO_SETTINGS_MODULE ?= samskab.settings.dev

.PHONY: run test stack-test nginx browser testidp htmlchecker openactive-validators lighthouse install install-dev messages makemessages migrate demo lint format lock vendor clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Each install is redone only when its lock file changes.
$(VENV)/.installed-base: requirements/base.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements/base.txt
	touch $@

$(VENV)/.installed-dev: requirements/dev.txt $(VENV)/.installed-base
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $@

install: $(VENV)/.installed-base
install-dev: $(VENV)/.installed-dev

# Compile every gettext catalogue (project and apps) with Babel: no GNU gettext needed.
messages: $(VENV)/.installed-base
	@for po in $$(find samskab -path '*/locale/*/LC_MESSAGES/*.po'); do \
	  $(BIN)/pybabel -q compile -i "$$po" -o "$${po%.po}.mo" || exit 1; \
	done

migrate: install messages
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

# Links in emails and in load_demo's output point at the port served.
demo run: export SITE_URL ?= http://127.0.0.1:$(PORT)

# The test MitID provider's node packages (oidc-provider, pinned in testidp/package-lock.json),
# reinstalled only when the lock file changes. Needs Node.js 20 or later and npm.
testidp/node_modules/.installed: testidp/package-lock.json
	npm ci --prefix testidp --no-audit --no-fund --loglevel=error
	touch $@

testidp: testidp/node_modules/.installed

# The W3C Nu Html Checker (vnu.jar, pinned in tools/vnu/package-lock.json) that the browser
# tests start as a local server to validate pages; it runs on the system's Java (11 or
# later). Its install script is skipped: it would download a Java runtime of its own.
tools/vnu/node_modules/.installed: tools/vnu/package-lock.json
	npm ci --prefix tools/vnu --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

htmlchecker: tools/vnu/node_modules/.installed

# OpenActive's validators (pinned in tools/openactive/package-lock.json), which the tests run
# against the feeds of a live server.
tools/openactive/node_modules/.installed: tools/openactive/package-lock.json
	npm ci --prefix tools/openactive --no-audit --no-fund --loglevel=error
	touch $@

openactive-validators: tools/openactive/node_modules/.installed

# Google Lighthouse (pinned in tools/lighthouse/package-lock.json), which bench/lighthouse.py
# runs with Debian's Chromium against a local production-like server. Benches only.
tools/lighthouse/node_modules/.installed: tools/lighthouse/package-lock.json
	npm ci --prefix tools/lighthouse --no-audit --no-fund --loglevel=error
	touch $@

lighthouse: tools/lighthouse/node_modules/.installed browser

# The background worker (every email, alerts, reminders, waitlist offers, closing finished
# shifts…) and the test MitID provider (testidp/, its test persons on the login page) run
# beside the web server and stop with it.
run: demo testidp
	REDIRECT_URIS="$$SITE_URL/mitid/callback/" PORT=$(MITID_TEST_PORT) \
	  node testidp/server.mjs & idp=$$!; \
	$(BIN)/python manage.py worker & worker=$$!; \
	trap 'kill $$worker $$idp 2>/dev/null' EXIT INT TERM; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# ruff, and the import contract: no app imports a layer above it (pyproject.toml).
lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports --no-cache

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The suite in two runs: first everything but the browser tests, in parallel on every core
# (pytest-xdist; each worker has its own test database) and in random order (pytest-randomly
# prints the seed; repeat an order with PYTEST_ARGS="-p randomly --randomly-seed=N"); then
# the browser tests in one process, in file order, against a live server. A run that
# PYTEST_ARGS leaves without tests (pytest's exit code 5) is fine, unless both are.
test: export DJANGO_SETTINGS_MODULE = samskab.settings.test
test: install-dev messages lint browser testidp htmlchecker openactive-validators
	@$(BIN)/pytest -n auto -m "not browser and not stack" $(PYTEST_ARGS); parallel=$$?; \
	if [ $$parallel -ne 0 ] && [ $$parallel -ne 5 ]; then exit $$parallel; fi; \
	$(BIN)/pytest -m browser -p no:randomly $(PYTEST_ARGS); browser=$$?; \
	if [ $$browser -ne 0 ] && [ $$browser -ne 5 ]; then exit $$browser; fi; \
	if [ $$parallel -eq 5 ] && [ $$browser -eq 5 ]; then echo "No tests selected."; exit 5; fi

# The production stack's fault tests (tests/stack): deploy/stack starts its own PostgreSQL,
# Redis, SMTP server, two gunicorn app servers, two workers and nginx on 127.0.0.1 (ports
# from STACK_PORT_BASE, default 47300), kills and restarts them under load, and stops and
# deletes everything at the end. About six minutes; STACK_LOAD_SECONDS shortens the 60 s
# load test. Needs PostgreSQL 15's server programs, redis-server and nginx (installed below).
stack-test: export DJANGO_SETTINGS_MODULE = samskab.settings.test
stack-test: install-dev messages nginx
	$(BIN)/pytest -m stack -p no:randomly tests/stack $(PYTEST_ARGS)

# Debian's nginx for the stack, installed with apt as the browser tests' Chromium is. The
# stack runs its own nginx process; it never uses the system's service.
nginx:
	@if command -v nginx >/dev/null || [ -x /usr/sbin/nginx ]; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's nginx for the stack tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then \
	  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; \
	else \
	  echo "The stack tests need nginx: install Debian's nginx package."; exit 1; \
	fi

# The browser tests drive Debian's Chromium; on a machine without it, install it with apt
# where apt is there (as root, or with sudo), else Playwright's own build of Chromium.
browser: install-dev
	@if [ -x "$${SAMSKAB_CHROMIUM:-/usr/bin/chromium}" ] || command -v chromium >/dev/null; then :; \
	elif command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	  echo "Installing Debian's Chromium for the browser tests"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	elif command -v apt-get >/dev/null && command -v sudo >/dev/null; then \
	  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "Installing Playwright's Chromium for the browser tests"; \
	  $(BIN)/playwright install chromium; \
	fi

# Re-pin the Python dependencies after editing requirements/*.in.
lock: $(BIN)/python
	$(BIN)/pip install --quiet pip-tools
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o base.txt base.in
	cd requirements && ../$(BIN)/pip-compile --quiet --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o dev.txt dev.in

# Refresh DKFDS, htmx, Leaflet and axe-core from npm at the versions in package.json;
# fonttools (pinned in requirements/dev.txt) makes the WOFF2 font subsets.
vendor: install-dev
	$(BIN)/python scripts/vendor_frontend.py

clean:
	rm -rf $(VENV) var testidp/node_modules tools/vnu/node_modules tools/openactive/node_modules tools/lighthouse/node_modules

# Extract new UI strings into each app's Danish and English catalogues (needs GNU gettext;
# developers only: the compiled catalogues are built by `make messages` without it).
makemessages: install-dev
	@for app in samskab/*/; do \
	  if [ -d "$$app/locale" ]; then \
	    (cd "$$app" && PYTHONPATH=$(CURDIR) ../../$(BIN)/django-admin makemessages -l da -l en --no-location --no-obsolete -v0) || exit 1; \
	  fi; \
	done
