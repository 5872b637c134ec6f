# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make serve   set up, build and serve the site at http://127.0.0.1:8000 with live reload
#   make test    set up, then run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-$(shell cksum < requirements.txt | cut -d' ' -f1)

export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test validate schema clean new-report bench offline
.DEFAULT_GOAL := serve

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

serve: setup
	$(PY) -m mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(PY) -m scripts.build_site --site-dir site

# the offline classroom bundle: dist/reading-war-claims-offline.zip (see mkdocs.offline.yml)
offline: setup
	$(PY) -m scripts.offline_bundle

test: setup
	$(PY) -m pytest -n auto

# make validate VALIDATE_ARGS="--strict"   (also: --github, --error CODE, -q, -v)
validate: setup
	$(PY) -m scripts.validate $(VALIDATE_ARGS)

# make new-report OUTLET=korea-daily DATE=2024-12-18 SLUG="second wave"
# (without them, in a terminal, it asks for each)
new-report: setup
	$(PY) -m scripts.new_report $(if $(OUTLET),--outlet "$(OUTLET)") $(if $(DATE),--date "$(DATE)") $(if $(SLUG),--slug "$(SLUG)") $(if $(CASE),--case "$(CASE)")

schema: setup
	$(PY) -m scripts.export_schema

clean:
	rm -rf site .site-* .cache .pytest_cache dist

bench: setup
	$(PY) -m scripts.bench --sizes 1000,2000
