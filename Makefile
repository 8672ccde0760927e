# Two commands do the work on a fresh clone: `make run` and `make test`.
# Each creates .venv from requirements.lock if it is missing or stale.
.DEFAULT_GOAL := help
SHELL := /bin/bash
# The first of Python 3.11, 3.12, 3.13 on the PATH (the lock resolves for each); PYTHON=... to choose
PYTHON ?= $(or $(shell for v in 3.11 3.12 3.13; do command -v python$$v && break; done),\
  $(error no python3.11, python3.12 or python3.13 on the PATH: install one, or pass PYTHON=...))
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.synced-$(shell cat requirements.lock pyproject.toml | sha256sum | cut -c1-12)
UV_VERSION := $(shell sed -n 's/^uv==\([^ ]*\).*/\1/p' requirements.lock)
# JupyterLab's settings for this workspace (no news pop-up, no update check), where the
# environment's JupyterLab reads them: an overrides.d file leaves overrides.json to the user
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.d/ikm-workspace.json
ENV := $(STAMP) $(LAB_SETTINGS)
export PYTHONHASHSEED := 0
# Cache compiled modules (src/, tests/, pytest's rewritten asserts) even where the shell sets
# PYTHONDONTWRITEBYTECODE: every kernel, worker and test run would otherwise recompile them.
unexport PYTHONDONTWRITEBYTECODE
export PYDEVD_DISABLE_FILE_VALIDATION := 1
# The tests' scratch folders (tmp_path) go to memory, /dev/shm, where it has 256 MB free (make test
# needs about 20 MB at once): on this machine's disk, making and removing their thousands of small
# files cost the unit lane about a second. Elsewhere they stay in TMPDIR; TEST_TMPDIR=... chooses.
TEST_TMPDIR ?= $(shell test -d /dev/shm -a -w /dev/shm && df -Pk /dev/shm | awk 'NR == 2 && $$4 >= 262144 {print "/dev/shm"}')
TESTS_IN_TMPDIR := $(if $(TEST_TMPDIR),TMPDIR=$(TEST_TMPDIR))

.PHONY: help env run add test test-fast lint format notebooks lab lock benchmark clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

env: $(ENV) ## Create or update .venv from requirements.lock, with the JupyterLab settings

# uv compiles the environment's modules up front (16 s on two cores): left to first import, the
# 3,700 that runs and tests import were compiled by several processes at once, 12-18 s slower.
$(STAMP): requirements.lock pyproject.toml
	@if test -x $(BIN)/python; then \
	  echo "make: updating $(VENV) to requirements.lock (it changed): installing and compiling, a minute at most"; \
	else \
	  echo "make: creating $(VENV) from requirements.lock: installing and compiling the pinned packages, about a minute"; \
	fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@test -x $(BIN)/uv || $(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION) \
	  || echo "uv unavailable: installing with pip (slower)"
	@if test -x $(BIN)/uv; then \
	  $(BIN)/uv pip sync -q --compile-bytecode --python $(BIN)/python requirements.lock && \
	  $(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e . ; \
	else \
	  $(BIN)/python -m pip install -q -r requirements.lock && \
	  $(BIN)/python -m pip install -q --no-deps -e . ; \
	fi
	@rm -f $(VENV)/.synced-* && touch $@
	@echo "make: $(VENV) is ready"

$(LAB_SETTINGS): jupyter/lab-settings.json $(STAMP)
	@mkdir -p $(@D) && cp $< $@

run: $(ENV) ## Run every set of notebooks/runs.yaml; reports in reports/ (FORCE=1 reruns all, WAIT=1 waits for a run in progress)
	$(BIN)/python -m helpers.runner $(if $(FORCE),--force) $(if $(WAIT),--wait) $(if $(JOBS),--jobs $(JOBS)) $(SETS)

add: $(STAMP) ## Add an article: FILE=path/to/article.txt [ARGS="--publisher ..."]; then review data/proposals/
	@test -n "$(FILE)" || { echo "make add: give FILE=path/to/article.txt" >&2; exit 2; }
	$(BIN)/python -m helpers.add "$(FILE)" $(ARGS)

# Tests run on every core (pytest-xdist); --dist loadfile keeps a notebook's nbval cells, which
# share one kernel, on one worker, and hands out files in the order tests/conftest.py sets.
# nbval re-runs a copy of the committed notebooks in a scratch folder, so what they write (their
# scratch folder ../reports/lab/) lands there and not in the checkout, where it would replace a
# researcher's own JupyterLab outputs.
test: $(ENV) ## Lint, every test (unit and integration lanes) and nbval on the committed notebooks
	$(BIN)/ruff check src tests notebooks benchmarks
	$(BIN)/ruff format --check src tests notebooks benchmarks
	@scratch=$$(mktemp -d) && mkdir "$$scratch/notebooks" && cp notebooks/*.ipynb "$$scratch/notebooks/" && \
	$(TESTS_IN_TMPDIR) $(BIN)/pytest -c pyproject.toml -n auto --dist loadfile --no-loadscope-reorder tests --nbval "$$scratch/notebooks" --nbval-sanitize-with tests/nbval-sanitize.cfg; \
	status=$$?; rm -rf "$$scratch"; exit $$status

test-fast: $(ENV) ## Lint and the unit lane alone (50 examples per property): no kernel, browser or nbval
	$(BIN)/ruff check src tests notebooks benchmarks
	$(TESTS_IN_TMPDIR) HYPOTHESIS_PROFILE=fast $(BIN)/pytest -n auto -m unit -p no:nbval tests/unit

# lint runs the pre-commit hooks (.pre-commit-config.yaml), the one definition of the checks,
# on every file git tracks (git add a new file first); format fixes what ruff can.
lint: $(ENV) ## Check as the pre-commit hooks do: ruff, notebooks executed in order
	$(BIN)/pre-commit run --all-files

format: $(ENV) ## Fix lint and format in place with ruff (then make lint)
	$(BIN)/ruff check --fix --exit-zero --silent src tests notebooks benchmarks
	$(BIN)/ruff format src tests notebooks benchmarks
	$(BIN)/ruff check src tests notebooks benchmarks

notebooks: $(ENV) ## Re-execute the committed notebooks in place (the nbval reference; WAIT=1 waits for a run in progress)
	$(BIN)/python -m helpers.runner --refresh-notebooks $(if $(WAIT),--wait)

# The venv's kernels come first, so a user-level `python3` kernelspec cannot shadow this
# environment's; pass server options with LAB_ARGS, e.g. make lab LAB_ARGS="--port=8899".
# The file browser opens on the workspace's root, so data/, docs/ and reports/ are a click
# away; a kernel starts beside its notebook, in notebooks/, as papermill runs it.
lab: $(ENV) ## Open JupyterLab on the same environment, on the workspace's root
	JUPYTER_PATH="$(CURDIR)/$(VENV)/share/jupyter$${JUPYTER_PATH:+:$$JUPYTER_PATH}" \
	  $(BIN)/jupyter lab --ServerApp.root_dir="$(CURDIR)" $(LAB_ARGS)

# One lock for every platform and for Python 3.11 to 3.13 (uv's universal resolution).
# rfc3987-syntax (and its lark) is left out: jsonschema uses it, when installed, only for the
# "iri" format no Jupyter schema has, and importing it builds grammars for about 2 s of CPU
# in every process that imports nbformat (each run worker, nbval, JupyterLab).
lock: $(STAMP) ## Re-resolve requirements.lock after a change of dependencies
	$(BIN)/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 --no-header \
	  --no-emit-package rfc3987-syntax --no-emit-package lark -o requirements.lock

benchmark: $(ENV) ## Time the parser, the clean-table build (cached and not), the proposals, the run sets and the test lanes
	$(BIN)/python benchmarks/bench_pipeline.py
	$(BIN)/python benchmarks/bench_parser.py
	$(BIN)/python benchmarks/bench_proposals.py
	$(BIN)/python benchmarks/run_bench.py
	$(BIN)/python benchmarks/bench_tests.py

clean: ## Remove generated reports and the virtual environment
	rm -rf reports $(VENV)
