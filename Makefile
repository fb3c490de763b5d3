# IMIS-customer: the single entry point. Every target installs what it is missing.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

PLUGIN := imis_customer_plugin
VERSION := $(shell sed -n 's/^version=//p' metadata.txt)
SYSTEM_PYTHON := /usr/bin/python3
VENV := .venv
PY := $(VENV)/bin/python
DIST := dist
BUILD := build
ZIP := $(DIST)/$(PLUGIN)-$(VERSION).zip
DEMO_OUT := demo-output

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

system: ## Install missing Debian packages (QGIS, PostGIS, Xvfb, Qt tools)
	@scripts/install_system_packages.sh

$(VENV)/.deps: requirements.txt requirements-dev.txt | system
	test -x $(PY) || $(SYSTEM_PYTHON) -m venv --system-site-packages $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements-dev.txt
	touch $@

setup: system $(VENV)/.deps compile ## Debian packages, venv (system Python + QGIS), pinned Python deps

compile: $(PLUGIN)/resources_rc.py ## Compiled Qt resources and .qm translations

$(PLUGIN)/resources_rc.py: resources.qrc $(wildcard $(PLUGIN)/resources/icons/*) $(wildcard i18n/*.ts) | $(VENV)/.deps
	$(PY) scripts/build_package.py --compile-only

update-ts: ## Refresh the i18n/*.ts files from the sources (for translators)
	$(PY) scripts/update_translations.py

db: setup ## Local PostGIS cluster + database "imis" + pg_service "imis" (or check the shared one)
	@scripts/dev_db.sh

migrate: db ## Bring schema "imis" to the newest version (Alembic)
	$(PY) -m $(PLUGIN) db upgrade

lint: setup ## ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: setup db lint ## Lint + the whole test suite on real QGIS and PostGIS
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

demo: migrate ## Demo data + QGIS with the plugin and a demo project (screenshot under Xvfb without a display)
	$(PY) -m $(PLUGIN) demo load --size small --keep-existing
	$(PY) -m $(PLUGIN) worker --once
	$(PY) scripts/run_demo.py --output $(DEMO_OUT)

package: setup ## The plugin zip for "Install from ZIP", dependencies vendored
	$(PY) scripts/build_package.py --output $(ZIP)

bench: migrate ## Benchmarks (not part of make test); results in benchmarks/results/
	QT_QPA_PLATFORM=offscreen $(PY) -m benchmarks

clean: ## Remove build products (keeps the venv and the database)
	rm -rf $(BUILD) $(DIST) $(DEMO_OUT) $(PLUGIN)/resources_rc.py $(PLUGIN)/i18n

.PHONY: help system setup compile update-ts db migrate lint test demo package bench clean
