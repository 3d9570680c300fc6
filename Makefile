# battlemap — two verbs for people (run, test) and a few for the pieces.
#   make run    set up, build the warehouse, start the explorer app (or print the comparison table)
#   make test   set up, then run every test (pytest: Python, dbt build, app in Chromium, GX, notebooks)

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Empty: the explorer's port comes from Streamlit's settings (.streamlit/config.toml, STREAMLIT_SERVER_PORT).
PORT ?=
PORT_OPTION := $(if $(PORT),--port $(PORT),)

.PHONY: run test lint setup build app compare check notebooks docs bench browser clean

run: build
	@if [ -f app/main.py ]; then \
		$(BIN)/battlemap app $(PORT_OPTION); \
	else \
		$(BIN)/battlemap compare; \
	fi

test: setup browser
	$(BIN)/pytest

# ruff (Python) and sqlfluff (dbt SQL, duckdb dialect), configured in pyproject.toml and .sqlfluff.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/sqlfluff lint models analyses macros tests/generic tests/singular

setup: $(STAMP)

# Installs pinned versions (requirements.lock) into a venv; redone when the pins change.
# Then the Data Docs' CSS/JS from the npm registry (expectations/vendor/package-lock.json), so
# `battlemap check` can serve them from disk; without npm the Data Docs keep their CDN links.
$(STAMP): pyproject.toml requirements.lock expectations/vendor/package.json expectations/vendor/package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[dev]"
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (battlemap)" >/dev/null
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix expectations/vendor --no-audit --no-fund --loglevel=error \
			|| echo "npm ci failed: Data Docs assets not vendored, the Data Docs will load them from CDNs"; \
	else \
		echo "npm is missing: Data Docs assets not vendored, the Data Docs will load them from CDNs (install Node.js + npm, then make setup)"; \
	fi
	touch $@

build: setup
	$(BIN)/battlemap build

app: setup
	$(BIN)/battlemap app $(PORT_OPTION)

compare: setup
	$(BIN)/battlemap compare

check: setup
	$(BIN)/battlemap check

notebooks: setup
	$(BIN)/battlemap notebooks

docs: setup
	$(BIN)/dbt docs generate

bench: setup
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
