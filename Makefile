# Two commands on a fresh machine:  `make run` (install, build the demo store, serve) and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8050
SHARED_BOUNDARIES = ../shared/data/boundaries/ctyua_dec2024_en_buc_wgs84.geojson
export CDP_BOUNDARIES ?= $(if $(wildcard $(SHARED_BOUNDARIES)),$(abspath $(SHARED_BOUNDARIES)),)

.PHONY: install install-dev data run serve test lint bench soak clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/activate
	$(BIN)/pip install -q -r requirements.txt

install-dev: $(BIN)/activate
	$(BIN)/pip install -q -r requirements-dev.txt

data: install
	$(BIN)/flask --app app data init
	$(BIN)/flask --app app data demo
	$(BIN)/flask --app app data boundaries $(if $(CDP_BOUNDARIES),$(CDP_BOUNDARIES),--tiles)

run: data
	$(BIN)/gunicorn -c gunicorn.conf.py --bind $(HOST):$(PORT) app:server

test: install-dev
	$(BIN)/python -m pytest -q

lint: install-dev
	$(BIN)/ruff check .

bench: install-dev
	$(BIN)/python bench/run.py

soak: install-dev
	$(BIN)/python -m pytest -q -m soak tests/soak

clean:
	rm -rf instance .pytest_cache
