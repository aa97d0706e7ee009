# The two commands of the README: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin
PORT ?= 8000
STAMP = $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install demo test lint system-deps bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

## Build the encrypted demo casebook at demo/casebook.db, show it, then serve it (Ctrl-C stops).
demo: install
	$(BIN)/casebook demo --out demo/casebook.db --serve --port $(PORT)

## Lint (ruff), type-check (mypy, on src/), then run the whole test suite (starts its own PostgreSQL).
test: install lint
	$(BIN)/pytest

## Ruff on the code and the tests, mypy on the code (both pinned in the [test] extra).
lint: install
	$(BIN)/ruff check src tests
	$(BIN)/mypy

## Debian packages the tests need (as root).
system-deps:
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$(grep -v '^#' debian-packages.txt)

clean:
	rm -rf $(VENV) demo/casebook.db demo/casebook.db.key demo/casebook.db-wal demo/casebook.db-shm
