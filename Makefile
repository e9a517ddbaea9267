# stride-tui: `make run` starts the app on the pre-run warm-up, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint types unit bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m pip install --quiet -e '.[sound]' || echo "note: the sound extra" \
		"(simpleaudio) did not build; install libasound2-dev for it. Chimes fall back" \
		"to the system's player or the terminal bell."
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/stride run pre-run-warmup

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmark-only tools: termdown to compare against, tmux to run programs as a user would.
bench: $(STAMP)
	@command -v tmux >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq \
		tmux >/dev/null; } || echo "tmux is missing: the whole-app figures will be skipped"
	$(BIN)/python -m pip install --quiet termdown==2.0.0
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) dist build .mypy_cache .ruff_cache .pytest_cache .hypothesis
