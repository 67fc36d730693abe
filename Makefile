# The two commands of the README: `make run` and `make test`.
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint typecheck check install bench browser-deps serve

$(VENV)/bin/activate:
	python3 -m venv $(VENV)
	$(PIP) install -q --upgrade pip

$(VENV)/.installed: requirements.txt requirements-dev.txt $(VENV)/bin/activate
	$(PIP) install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed

# Debian's chromium (Playwright cannot download browsers here) and biber
# for the BibTeX validation; installed only when missing.
browser-deps:
	@command -v chromium >/dev/null && command -v biber >/dev/null || \
	  { (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium biber) >/dev/null \
	    || echo "warning: could not install chromium/biber; browser tests will be skipped"; }

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py import_articles corpus/
	$(PY) manage.py runserver $(HOST):$(PORT)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: install
	$(VENV)/bin/mypy .

check: lint typecheck

test: install browser-deps check
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/pytest

bench: install
	$(PY) bench/run_all.py
