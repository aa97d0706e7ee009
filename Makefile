# The two commands of the README: `make demo` and `make test`. Each does its own set-up: the missing
# Debian packages (scripts/debian-packages.sh, as root or through sudo), then the Python environment.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8000
DEMO_DB ?= demo/casebook.db
STAMP = $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install demo shell test lint soak system-deps run-deps test-deps clean

## Debian packages: the [run] group for the demo and the CLI, [test] as well for the tests.
run-deps:
	@scripts/debian-packages.sh run

test-deps:
	@scripts/debian-packages.sh run test

system-deps: test-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet --no-binary tesserocr -e '.[test]'
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

## The reliability scenarios at a larger count, outside the normal suite. SOAK_SCALE multiplies
## every SIGKILL and fuzz count (1 = the suite's own); SOAK_SECONDS/SOAK_CLIENTS size the load run;
## inputs hypothesis finds failing are kept in SOAK_CORPUS (outside the repository).
## A scaled-down soak pass (under 10 minutes). The issue-22 bars, on a machine of its own:
##   make soak SOAK_SCALE=11 SOAK_FUZZ_INPUTS=100000 SOAK_SECONDS=600   (hours; docs/reliability.md)
SOAK_SCALE ?= 1
SOAK_FUZZ_SCALE ?= 2
SOAK_FUZZ_INPUTS ?= 300
SOAK_SECONDS ?= 20
SOAK_CLIENTS ?= 200
SOAK_API_EXAMPLES ?= 25
SOAK_CORPUS ?= $(HOME)/.cache/casebook-soak-corpus
SOAK_OUT ?= /tmp/casebook-soak
FUZZ_FAMILIES = txt md docx pdf json csv sheets scans
soak: install
	CASEBOOK_SOAK_SCALE=$(SOAK_SCALE) $(BIN)/pytest -q -s -p no:cacheprovider \
		tests/reliability/test_sigkill.py tests/reliability/test_sigkill_writers.py \
		tests/reliability/test_faults.py
	for family in $(FUZZ_FAMILIES); do \
		$(BIN)/python bench/soak/fuzz_importers.py --family $$family \
			--count $(SOAK_FUZZ_INPUTS) --out $(SOAK_OUT)/fuzz-$$family || exit 1; \
	done
	CASEBOOK_SOAK_SCALE=$(SOAK_FUZZ_SCALE) CASEBOOK_FUZZ_CORPUS=$(SOAK_CORPUS) \
		$(BIN)/pytest -q -s -p no:cacheprovider tests/reliability/test_fuzz_importers.py \
		tests/reliability/test_fuzz_keyfile.py tests/reliability/test_fuzz_corpus.py
	CASEBOOK_API_FUZZ_EXAMPLES=$(SOAK_API_EXAMPLES) $(BIN)/pytest -q -s -p no:cacheprovider \
		tests/web/test_api.py -k schemathesis
	CASEBOOK_LOAD_SECONDS=$(SOAK_SECONDS) CASEBOOK_LOAD_CLIENTS=$(SOAK_CLIENTS) \
		$(BIN)/pytest -q -s -p no:cacheprovider tests/reliability/test_load.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB).key $(DEMO_DB).passphrase $(DEMO_DB)-wal $(DEMO_DB)-shm
