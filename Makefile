# The two commands of the README: `make demo` and `make test`. Each does its own set-up: the missing
# Debian packages (scripts/debian-packages.sh, as root or through sudo), then the Python environment.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8000
DEMO_DB ?= demo/casebook.db
STAMP = $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install demo shell test lint system-deps run-deps test-deps clean

## Debian packages: the [run] group for the demo and the CLI, [test] as well for the tests.
run-deps:
	@scripts/debian-packages.sh run

test-deps:
	@scripts/debian-packages.sh run test

system-deps: test-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: run-deps $(STAMP)

## Build the encrypted demo casebook at demo/casebook.db (kept on the next run; REBUILD=1 builds it
## anew), show it, then serve it (Ctrl-C stops).
demo: install
	$(BIN)/casebook demo --out $(DEMO_DB) $(if $(REBUILD),--rebuild) --serve --port $(PORT)

## A shell with `casebook` on the PATH, opened on the demo casebook (Ctrl-D leaves it).
shell: install
	@echo "casebook is on the PATH; CASEBOOK_DB=$(DEMO_DB), its passphrase from $(DEMO_DB).passphrase."
	@echo "Your own casebook: export CASEBOOK_DB=team.db; unset CASEBOOK_PASSPHRASE_FILE. Ctrl-D leaves."
	@PATH="$(CURDIR)/$(BIN):$$PATH" VIRTUAL_ENV="$(CURDIR)/$(VENV)" CASEBOOK_DB="$(DEMO_DB)" \
	  CASEBOOK_PASSPHRASE_FILE="$(DEMO_DB).passphrase" $${SHELL:-/bin/sh} -i

## Lint (ruff), type-check (mypy, on src/), then run the whole test suite (starts its own PostgreSQL).
test: test-deps install lint
	$(BIN)/pytest

## Ruff on the code and the tests, mypy on the code (both pinned in the [test] extra).
lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).key $(DEMO_DB).passphrase $(DEMO_DB)-wal $(DEMO_DB)-shm
