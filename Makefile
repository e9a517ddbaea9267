# stride-tui: `make run` starts the app on the pre-run warm-up, `make test` runs every check.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
STAMP := $(VENV)/.installed
EXTRA := simpleaudio
EXTRA_STATE := $(VENV)/.extra-$(EXTRA)
LATEST := .venv-latest

# uv installs from uv.lock into $(VENV), on the Python that made it, and never downloads one.
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
# Inexact: the optional extra and what `make bench` adds stay installed.
SYNC := $(UV) sync --locked --inexact --python $(BIN)/python --quiet

.PHONY: run test checks test-sound test-latest lock extras bench clean

# The venv comes from the lock alone: uv itself by its hashes (requirements-uv.txt), then
# every other package, runtime and development, at uv.lock's versions and hashes. Wheels
# only for what stride depends on: no compiler, no headers.
$(STAMP): pyproject.toml uv.lock requirements-uv.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-uv.txt
	$(SYNC)
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
		if $(SYNC) --extra $(EXTRA) >$(VENV)/extra.log 2>&1; then \
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
	@$(SYNC) --check || { $(UV) sync --locked --inexact --python $(BIN)/python --check 2>&1 \
		| grep '^ [-+]'; echo "the venv differs from uv.lock above: run 'make clean test'"; exit 1; }
	@$(MAKE) --no-print-directory checks

# Every check, in whichever venv VENV names: the locked one (`make test`) or the newest one.
checks:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Drift, seen on purpose: a venv of the newest versions that pyproject's ranges allow, as
# a user's `pip install` would get them (uv.lock is not read or changed), then every check.
test-latest:
	rm -rf $(LATEST)
	$(PYTHON) -m venv $(LATEST)
	$(LATEST)/bin/python -m pip install --quiet --no-deps --require-hashes -r requirements-uv.txt
	@# With the optional extra where the machine can build it, as `make test` has it.
	$(LATEST)/bin/uv pip install --quiet --python $(LATEST)/bin/python --upgrade --group dev \
		-e '.[$(EXTRA)]' 2>/dev/null || $(LATEST)/bin/uv pip install --quiet \
		--python $(LATEST)/bin/python --upgrade --group dev -e .
	@$(LATEST)/bin/python -c 'import importlib.metadata as m; print("newest:", ", ".join( \
		f"{d.name} {d.version}" for d in sorted(m.distributions(), key=lambda d: d.name.lower())))'
	@$(MAKE) --no-print-directory checks VENV=$(LATEST)

# Refresh the lock on purpose: the newest versions the ranges allow, for every Python.
# uv's own version is pinned in requirements-uv.txt and [tool.uv] required-version.
lock: $(STAMP)
	$(UV) lock --upgrade
	@$(MAKE) --no-print-directory test

# The sound, speech and wheel tests alone: CI runs them again on each other Python it has.
test-sound: extras
	$(BIN)/python -m pytest tests/unit/test_sound_unit.py tests/system/test_real_audio.py \
		tests/system/test_wheel.py $(PYTEST_ARGS)

# Benchmark-only tools: termdown (locked, in the bench group) to compare against, tmux to
# run programs as a user would.
bench: $(STAMP)
	@command -v tmux >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq \
		tmux >/dev/null; } || echo "tmux is missing: the whole-app figures will be skipped"
	$(SYNC) --group bench
	$(BIN)/python -m bench.run_all

clean:
	rm -rf $(VENV) $(LATEST) dist build .mypy_cache .ruff_cache .pytest_cache .hypothesis
