# stride-tui: `make run` starts the app on the pre-run warm-up, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXTRA := simpleaudio
EXTRA_STATE := $(VENV)/.extra-$(EXTRA)

.PHONY: run test test-sound extras lint types unit bench clean

# The default install takes wheels only for what it depends on: no compiler, no headers.
$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --prefer-binary -e '.[dev]'
	rm -f $(EXTRA_STATE)
	touch $(STAMP)

# The optional simpleaudio extra builds from source (Python < 3.12 only: its marker keeps it
# off later ones). A failed build records what the machine could build with; it is tried
# again as soon as that changes, e.g. once libasound2-dev is installed.
extras: $(STAMP)
	@include="$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["include"])')"; \
	can="$$(for header in Python.h alsa/asoundlib.h; do \
		printf '#include <%s>\n' "$$header" | cc -I"$$include" -E - >/dev/null 2>&1 \
		&& echo "$$header:yes" || echo "$$header:no"; done | tr '\n' ' ')"; \
	state="$$(cat $(EXTRA_STATE) 2>/dev/null || true)"; \
	if [ "$$state" != ok ] && [ "$$state" != "failed $$can" ]; then \
		if $(BIN)/python -m pip install --quiet -e '.[$(EXTRA)]' >$(VENV)/extra.log 2>&1; then \
			echo ok >$(EXTRA_STATE); \
			if [ -n "$$state" ]; then echo "note: the $(EXTRA) extra is installed now"; fi; \
		else \
			echo "failed $$can" >$(EXTRA_STATE); \
			echo "note: the optional $(EXTRA) extra did not build ($(VENV)/extra.log); it needs" \
				"gcc, python3-dev and libasound2-dev. Chimes play through miniaudio anyway."; \
		fi; \
	fi

run: extras
	$(BIN)/stride run pre-run-warmup

test: extras
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The sound, speech and wheel tests alone: CI runs them again on each other Python it has.
test-sound: extras
	$(BIN)/python -m pytest tests/unit/test_sound_unit.py tests/system/test_real_audio.py tests/system/test_wheel.py \
		$(PYTEST_ARGS)

# Benchmark-only tools: termdown to compare against, tmux to run programs as a user would.
bench: $(STAMP)
	@command -v tmux >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq \
		tmux >/dev/null; } || echo "tmux is missing: the whole-app figures will be skipped"
	$(BIN)/python -m pip install --quiet termdown==2.0.0
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) dist build .mypy_cache .ruff_cache .pytest_cache .hypothesis
