# battlemap — two verbs for people (run, test) and a few for the pieces.
#   make run    install what running needs, build the warehouse, start the explorer app (or print the comparison table)
#   make test   install the test and lint tools too, then run every test (pytest: Python, dbt build, app in Chromium, GX, notebooks)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
# Installs, each redone when its pins change: what running needs (make run, build, app); on top of it the test and
# lint tools and the notebooks' kernel (make test, lint, notebooks); the Data Docs' vendored assets (make test, check).
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
ASSETS_STAMP := $(VENV)/.installed-assets
# Empty: the explorer's port comes from Streamlit's settings (.streamlit/config.toml, STREAMLIT_SERVER_PORT).
PORT ?=
PORT_OPTION := $(if $(PORT),--port $(PORT),)

.PHONY: run test lint setup setup-dev assets build app compare check notebooks docs bench browser clean

run: build
	@if [ -f app/main.py ]; then \
		$(BIN)/battlemap app $(PORT_OPTION); \
	else \
		$(BIN)/battlemap compare; \
	fi

test: setup-dev assets browser
	$(BIN)/pytest

# ruff (Python) and sqlfluff (dbt SQL, duckdb dialect), configured in pyproject.toml and .sqlfluff.
lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint models analyses macros tests/generic tests/singular

setup: $(STAMP)

setup-dev: $(DEV_STAMP)

# What running needs: the package and its pinned dependencies (requirements.lock), in a venv.
$(STAMP): pyproject.toml requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e .
	touch $@

# For tests and lint: the dev extra (pytest, Playwright, ruff, sqlfluff, nbclient, ipykernel) and the notebooks' kernel.
$(DEV_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (battlemap)" >/dev/null
	touch $@

assets: $(ASSETS_STAMP)

# The Data Docs' CSS/JS from the npm registry (expectations/vendor/package-lock.json), so `battlemap check` can
# serve them from disk; without npm the Data Docs keep their CDN links.
$(ASSETS_STAMP): $(STAMP) expectations/vendor/package.json expectations/vendor/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix expectations/vendor --no-audit --no-fund --loglevel=error \
			|| echo "npm ci failed: Data Docs assets not vendored, the Data Docs will load them from CDNs"; \
	else \
		echo "npm is missing: Data Docs assets not vendored, the Data Docs will load them from CDNs (install Node.js + npm, then make assets)"; \
	fi
	touch $@

build: setup
	$(BIN)/battlemap build

app: setup
	$(BIN)/battlemap app $(PORT_OPTION)

compare: setup
	$(BIN)/battlemap compare

check: setup assets
	$(BIN)/battlemap check

notebooks: setup-dev
	$(BIN)/battlemap notebooks

docs: setup
	$(BIN)/dbt docs generate

bench: setup-dev
	$(BIN)/python bench/bench_build.py
	@if [ -f bench/app_bench.py ]; then $(BIN)/python bench/app_bench.py; fi

# Debian's Chromium (and CJK fonts) for the real-browser tests; Playwright drives /usr/bin/chromium.
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = "0" ]; then \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium fonts-noto-cjk; \
		else \
			echo "Chromium is missing: sudo apt-get install chromium fonts-noto-cjk (browser tests will be skipped)"; \
		fi; \
	fi

clean:
	rm -rf target logs $(VENV) .pytest_cache test-artifacts
