# Step Two: everyday commands. `make` on its own lists them.
#
# Needs only what a fresh Debian machine of ours has: pyenv's Python 3.12, node/npm, make, apt.
# uv is installed into .tools/, the Python packages into .venv/ (from uv.lock), the NHS.UK front
# end into node_modules/ (from package-lock.json). Nothing here downloads a Python or a browser.

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

export UV_PYTHON_DOWNLOADS := never

UV := .tools/bin/uv
VENV := .venv
MANAGE := $(VENV)/bin/python manage.py
DEV := STEPTWO_ENV=development
SUDO := $(if $(filter 0,$(shell id -u)),,sudo)

# Extra pytest arguments, e.g. `make test-sqlite ARGS="-m browser"` or ARGS="steptwo/patients".
ARGS ?=
# pytest-xdist: one worker per CPU, at most 4 (each has its own test database and its own Chromium).
# PYTEST_WORKERS=0 runs everything in one process.
PYTEST_WORKERS ?= auto
PYTEST := $(VENV)/bin/pytest -n $(PYTEST_WORKERS) --maxprocesses 4

.PHONY: help install system-deps run test test-sqlite test-postgres test-deps lint fix clean

help: ## List the commands
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  make %-14s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# --- Installing ---------------------------------------------------------------------------------
# Each step leaves a stamp file, so `make install` does nothing when nothing has changed.

install: system-deps $(VENV)/.installed node_modules/.installed ## Install Python and front-end dependencies (from the lockfiles)

# WeasyPrint (PDF letters) needs Debian's Pango and a font; apt runs only when one is missing.
system-deps:
	@missing=(); \
	ldconfig -p | grep 'libpangoft2-1.0.so.0' >/dev/null || missing+=(libpango-1.0-0 libpangoft2-1.0-0); \
	[[ -d /usr/share/fonts/truetype/dejavu ]] || missing+=(fonts-dejavu-core); \
	if (( $${#missing[@]} )); then \
		echo "Installing $${missing[*]} with apt"; \
		$(SUDO) apt-get update; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y "$${missing[@]}"; \
	fi

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python 3.12
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	@touch $@

# Only when there is no lockfile yet: commit the result.
package-lock.json:
	npm install --package-lock-only --no-audit --no-fund

# --- Running ------------------------------------------------------------------------------------

run: install ## Run Step Two on http://127.0.0.1:8000 with a demo service (SQLite in var/)
	$(DEV) $(MANAGE) migrate --no-input
	$(DEV) $(MANAGE) seed_demo --size small --seed 1 --if-empty
	@echo "Step Two is running at http://127.0.0.1:8000"
	$(DEV) $(MANAGE) runserver 127.0.0.1:8000

# --- Testing ------------------------------------------------------------------------------------

test: lint test-sqlite test-postgres ## Lint, then run all the tests on SQLite, then on PostgreSQL (all must pass)

test-sqlite: install test-deps ## Run all the tests on SQLite only
	$(PYTEST) $(ARGS)

test-postgres: install test-deps ## Run all the tests on a throwaway PostgreSQL cluster only
	scripts/with-postgres $(PYTEST) $(ARGS)

# Debian's Chromium for the browser tests (never a downloaded browser) and the PostgreSQL server
# binaries for scripts/with-postgres; apt runs only when one of them is missing.
test-deps:
	@missing=(); \
	[[ -x /usr/bin/chromium ]] || missing+=(chromium); \
	compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql); \
	if (( $${#missing[@]} )); then \
		echo "Installing $${missing[*]} with apt"; \
		$(SUDO) apt-get update; \
		$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y "$${missing[@]}"; \
	fi

# --- Code style ---------------------------------------------------------------------------------

lint: install ## Check code style (ruff)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fix: install ## Fix what ruff can fix and reformat the code (lists what is left to fix by hand)
	$(VENV)/bin/ruff check --fix --exit-zero .
	$(VENV)/bin/ruff format .

# --- Tidying ------------------------------------------------------------------------------------

clean: ## Delete var/ (the development database and collected static files)
	rm -rf var
