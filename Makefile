# Two commands on a fresh machine:  `make run` (install, build the demo store, serve) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
SHARED_BOUNDARIES = ../shared/data/boundaries/ctyua_dec2024_en_buc_wgs84.geojson
export CDP_BOUNDARIES ?= $(if $(wildcard $(SHARED_BOUNDARIES)),$(abspath $(SHARED_BOUNDARIES)),)
# axe-core (accessibility rules run by tests/browser/test_browser_a11y.py), pinned, kept outside git.
AXE_VERSION = 4.10.3
AXE_DIR     = .cache/node

.PHONY: install install-dev data run serve test unit lint bench soak clean plotly-bundle

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/activate
	$(BIN)/pip install -q -r requirements.txt

install-dev: $(BIN)/activate
	$(BIN)/pip install -q -r requirements-dev.txt
	@# Already there at the pinned version: nothing to fetch (works offline). Otherwise npm, preferring its cache;
	@# a failure only warns here: the browser tests skip without axe locally and fail in CI.
	@if grep -qs '"version": "$(AXE_VERSION)"' $(AXE_DIR)/node_modules/axe-core/package.json; then :; \
	elif command -v npm >/dev/null; then \
	  npm install --no-save --no-audit --no-fund --prefer-offline --loglevel=error --prefix $(AXE_DIR) \
	    axe-core@$(AXE_VERSION) || echo "warning: could not install axe-core $(AXE_VERSION)" >&2; \
	else echo "warning: npm not found; axe-core $(AXE_VERSION) not installed" >&2; fi

data: install
	$(BIN)/flask --app app data init
	$(BIN)/flask --app app data demo --skip-if-real
	$(BIN)/flask --app app data boundaries $(if $(CDP_BOUNDARIES),$(CDP_BOUNDARIES),--tiles)

run: data
	$(BIN)/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) app:server

test: install-dev
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

unit: install-dev
	$(BIN)/python -m pytest -q tests/unit

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/lint-imports

bench: install-dev
	$(BIN)/python bench/run.py

soak: install-dev
	$(BIN)/python -m pytest -q -m soak tests/soak

# The app's plotly.js (scatter, bar, choropleth only) from the pinned npm packages in build/plotly; commit
# assets/plotly-cdp.min.js and build/plotly/plotly-cdp.min.js.sha256 together.
plotly-bundle:
	cd build/plotly && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error && npm run build

clean:
	rm -rf instance .pytest_cache
