# Two commands do everything on a fresh machine with Python 3.11 and make:
#   make serve   set up, build and serve the site at http://127.0.0.1:8000 with live reload
#   make test    set up, then run the whole test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
PY     := $(VENV)/bin/python
# pip-tools in a venv of its own inside .venv: pip-sync makes .venv hold exactly a lock file's
# packages, so it must not run from .venv itself.
TOOLS  := $(VENV)/tools
cksum   = $(shell cksum < $(1) | cut -d' ' -f1)

# Lock files (hashes for every file, written by `make lock`):
#   requirements.txt        what the site needs (make serve, build, offline, validate, new-report)
#   requirements-test.txt   that plus the test and lint tools (make test, pre-commit, ruff)
#   requirements-tools.txt  pip-tools itself
# A stamp names the lock file's checksum: editing a lock file re-syncs the venv on the next command.
# The test set contains the site set at the same versions, so a venv synced to it serves the site too.
TOOLS_STAMP := $(TOOLS)/.installed-$(call cksum,requirements-tools.txt)
SITE_STAMP  := $(VENV)/.synced-site-$(call cksum,requirements.txt)
TEST_STAMP  := $(VENV)/.synced-test-$(call cksum,requirements.txt)-$(call cksum,requirements-test.txt)
SITE_READY  := $(if $(wildcard $(TEST_STAMP)),$(TEST_STAMP),$(SITE_STAMP))
SYNC         = $(TOOLS)/bin/pip-sync --quiet --python-executable $(PY)

export NO_MKDOCS_2_WARNING := 1

.PHONY: setup setup-site serve build test lint validate schema clean new-report bench bench-lighthouse offline lock browser-deps
.DEFAULT_GOAL := serve

$(TOOLS_STAMP): requirements-tools.txt
	test -x $(TOOLS)/bin/python || $(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-tools.txt
	rm -f $(TOOLS)/.installed-* && touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# pip-sync installs what the lock file lists (checking every hash) and removes what it does not.
$(SITE_STAMP): requirements.txt | $(VENV)/bin/python $(TOOLS_STAMP)
	$(SYNC) requirements.txt
	rm -f $(VENV)/.synced-* && touch $@

$(TEST_STAMP): requirements.txt requirements-test.txt | $(VENV)/bin/python $(TOOLS_STAMP)
	$(SYNC) requirements-test.txt
	rm -f $(VENV)/.synced-* && touch $@

# everything a developer needs (the test set); `setup-site` is the smaller set `make serve` uses
setup: $(TEST_STAMP)
setup-site: $(SITE_READY)

# --dirty: after an edit only the pages whose data changed are built again (macros/hooks.py builds
# everything again when code, templates, configuration or shared data change)
serve: setup-site
	$(PY) -m mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# SITE_URL=https://example.org/claims/ make build   gives absolute sitemap, canonical and ClaimReview addresses
build: setup-site
	$(PY) -m scripts.build_site --site-dir site

# the offline classroom bundle: dist/reading-war-claims-offline.zip (see mkdocs.offline.yml)
offline: setup-site
	$(PY) -m scripts.offline_bundle

# Chromium, Java, poppler-utils and the Nu HTML checker (npm) for the browser, print and markup
# tests: installed when this user may (root, or sudo without a password; npm for the checker);
# otherwise the run says how many tests that skipped.
test: setup browser-deps
	$(PY) -m pytest -n auto

browser-deps:
	@bash .ci/browser-deps

# ruff, then every pre-commit hook on every file (what CI runs; settings in pyproject.toml
# and .pre-commit-config.yaml)
lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pre-commit run --all-files --show-diff-on-failure

# make validate VALIDATE_ARGS="--strict"   (also: --github, --error CODE, -q, -v)
validate: setup-site
	$(PY) -m scripts.validate $(VALIDATE_ARGS)

# make new-report OUTLET=korea-daily DATE=2024-12-18 SLUG="second wave"
# (without them, in a terminal, it asks for each)
new-report: setup-site
	$(PY) -m scripts.new_report $(if $(OUTLET),--outlet "$(OUTLET)") $(if $(DATE),--date "$(DATE)") $(if $(SLUG),--slug "$(SLUG)") $(if $(CASE),--case "$(CASE)")

# make schema SCHEMA_ARGS=--check   only checks that schema/ matches the model
schema: setup-site
	$(PY) -m scripts.export_schema $(SCHEMA_ARGS)

# Re-lock after editing a requirements*.in file. Existing pins are kept; to upgrade one package:
#   make lock LOCK_ARGS="--upgrade-package mkdocs-material"
LOCK = CUSTOM_COMPILE_COMMAND="make lock" $(TOOLS)/bin/pip-compile --quiet --generate-hashes --allow-unsafe \
       --strip-extras --no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(LOCK_ARGS)
lock: $(TOOLS_STAMP)
	$(LOCK) --output-file requirements-tools.txt requirements-tools.in
	$(LOCK) --output-file requirements.txt requirements.in
	$(LOCK) --output-file requirements-test.txt requirements-test.in

clean:
	rm -rf site .site-* .cache .pytest_cache dist

bench: setup
	$(PY) -m scripts.bench --sizes 1000,2000 $(BENCH_ARGS)

# Lighthouse on a phone profile for five page types: accessibility 100, performance >= 90
# (Lighthouse from the npm registry into .cache/npm/lighthouse, run in Debian's Chromium)
bench-lighthouse: setup
	$(PY) -m scripts.bench_lighthouse $(LIGHTHOUSE_ARGS)
