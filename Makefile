# privacybot: every command installs what it needs into .venv first.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test test-cluster lint format bench faults chat clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	PAGES_FILE=$${PAGES_FILE:-pages.example.toml} $(BIN)/privacybot serve

chat: $(STAMP)
	PAGES_FILE=$${PAGES_FILE:-pages.example.toml} $(BIN)/privacybot chat

# The suite on one (embedded) Redis server, then on a three-master Redis Cluster it starts.
test: $(STAMP)
	$(BIN)/pytest -q -rs
	PRIVACYBOT_TEST_REDIS=cluster $(BIN)/pytest -q -rs

test-cluster: $(STAMP)
	PRIVACYBOT_TEST_REDIS=cluster $(BIN)/pytest -q -rs

lint: $(STAMP)
	$(BIN)/ruff check bot intents webhook tests
	$(BIN)/ruff format --check bot intents webhook tests
	$(BIN)/mypy
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format bot intents webhook tests
	$(BIN)/ruff check --fix bot intents webhook tests

bench: $(STAMP)
	@for script in tests/bench/bench_*.py; do echo "== $$script"; $(BIN)/python $$script || exit 1; done

faults: $(STAMP)
	$(BIN)/python tests/faults/run.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache .pytest_cache
