# Two commands on a fresh machine: `make demo` and `make test`.
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
STAMP  := $(VENV)/.installed
DB     ?= workbench.db
PORT   ?= 8501

.PHONY: install demo test lint typecheck check browser postgres bench clean

$(PY):
	python3 -m venv $(VENV)

# torch first, pinned: it takes the CPU wheel on this machine's disk instead of
# letting another package pull a multi-GB CUDA build.
$(STAMP): pyproject.toml | $(PY)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e '.[dev,postgres,ray]'
	touch $(STAMP)

install: $(STAMP)

# Debian's chromium for the end-to-end browser test (no browser download): installed here,
# or the target fails (the browser test fails too without it; nothing is skipped).
browser:
	@test -x /usr/bin/chromium || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } \
	  || { echo "error: could not install Debian's chromium (/usr/bin/chromium)" >&2; exit 1; }
	@test -x /usr/bin/chromium || { echo "error: /usr/bin/chromium is still missing" >&2; exit 1; }

# Debian's PostgreSQL for the store tests on both engines (each test session starts a
# throwaway server with initdb + pg_ctl in a temporary directory; nothing is downloaded
# by the tests). A machine without it fails those tests; they do not skip.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 || { \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
	  || echo "warning: could not install postgresql; the PostgreSQL store tests will fail"; }

demo: install
	$(VENV)/bin/workbench ingest seeds/ --db $(DB)
	$(VENV)/bin/workbench cluster --db $(DB)
	$(VENV)/bin/workbench dashboard --db $(DB) --port $(PORT)

test: install browser postgres
	$(VENV)/bin/ruff check claims workbench tests benchmarks
	$(VENV)/bin/ruff format --check claims workbench tests benchmarks
	$(VENV)/bin/mypy
	$(PY) -m pytest -q

lint: install
	$(VENV)/bin/ruff check claims workbench tests benchmarks
	$(VENV)/bin/ruff format --check claims workbench tests benchmarks

typecheck: install
	$(VENV)/bin/mypy

check: lint typecheck test

bench: install
	$(PY) benchmarks/run_all.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
