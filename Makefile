# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make serve   set up, build and serve the site at http://127.0.0.1:8000 with live reload
#   make test    set up, then run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)

export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test validate schema clean
.DEFAULT_GOAL := serve

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

serve: setup
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(PY) -m mkdocs build --strict --clean

test: setup
	$(PY) -m pytest

validate: setup
	$(PY) -m scripts.validate

schema: setup
	$(PY) -m scripts.export_schema

clean:
	rm -rf site .cache .pytest_cache
