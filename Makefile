# Two commands matter: `make demo` and `make test`. Everything else is a helper for them.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV ?= .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000

# Python >= 3.12: an ordinary `python3.12` on the PATH, or a pyenv interpreter whose shim
# would otherwise exit 127. Each candidate is tried, never trusted by name.
define FIND_PYTHON
for c in "$$PYTHON" python3.13 python3.12 python3.14 \
         $$(ls -d "$$(pyenv root 2>/dev/null || echo $$HOME/.pyenv)"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV) \
         python3 python; do \
  [ -n "$$c" ] || continue; \
  if "$$c" -c 'import sys, venv; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; then echo "$$c"; exit 0; fi; \
done; exit 1
endef
export FIND_PYTHON

.PHONY: help demo test test-fast install serve migrate messages i18n-check lint lock bench clean

help:
	@echo "make demo    - install, migrate, load demo data, serve http://$(HOST):$(PORT)"
	@echo "make test    - run the test suite (SQLite unless DATABASE_URL is set)"
	@echo "make serve   - gunicorn with the production settings (needs SECRET_KEY)"
	@echo "make lint    - ruff, migrations check, translations check"

$(VENV)/.installed: pyproject.toml constraints.txt
	@py=$$(bash -c "$$FIND_PYTHON") || { echo "No Python >= 3.12 found. Install python3.12 (or newer) and retry, or set PYTHON=/path/to/python3.12." >&2; exit 1; }; \
	  echo "Using $$py ($$($$py --version))"; \
	  [ -x $(PY) ] || $$py -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[test]"
	@touch $@

install: $(VENV)/.installed

migrate: install
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo
	@echo ""
	@echo "Portal:  http://$(HOST):$(PORT)/"
	@echo "Admin:   http://$(HOST):$(PORT)/admin/  (user: admin, password: thidua2017)"
	@echo ""
	@# the task worker (imports run there) beside the development server; Ctrl-C ends both
	@$(PY) manage.py db_worker --no-reload --no-startup-delay & worker=$$!; \
	  trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT; \
	  $(PY) manage.py runserver $(HOST):$(PORT)

# The suite always runs on the test profile, whatever DJANGO_SETTINGS_MODULE the shell exports.
test: install
	$(PY) manage.py i18n check
	DJANGO_SETTINGS_MODULE=portal.settings.test $(PY) -m pytest -n 2 -p no:cacheprovider $(PYTEST_ARGS)

serve: install
	DJANGO_SETTINGS_MODULE=portal.settings.production $(PY) manage.py collectstatic --noinput --verbosity 0
	DJANGO_SETTINGS_MODULE=portal.settings.production $(VENV)/bin/gunicorn -c portal/gunicorn.conf.py portal.wsgi

# Developers only: extracting strings needs GNU gettext (apt-get install -y gettext);
# compiling and checking do not.
messages: install
	$(PY) manage.py i18n extract
	$(PY) manage.py i18n compile

i18n-check: install
	$(PY) manage.py i18n check

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check . || true
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py i18n check

lock: install
	$(PY) -m pip freeze --exclude-editable | grep -v '^-e' > constraints.txt.new && mv constraints.txt.new constraints.txt

# Not part of CI. Both databases, demo size and --scale 100, databases reused when present
# (PostgreSQL at 127.0.0.1:5432 as postgres; skipped with a message when it does not answer).
# BENCH_QUICK=1: SQLite only, fewer hits (within 15 minutes). wrk for throughput: apt-get install -y wrk.
bench: install
	$(PY) bench/run.py --reuse $(BENCH_ARGS)
	@if [ "$(BENCH_QUICK)" = "1" ]; then echo "BENCH_QUICK=1: PostgreSQL skipped"; \
	elif pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then $(PY) bench/run.py --postgres --reuse $(BENCH_ARGS); \
	else echo "PostgreSQL does not answer at 127.0.0.1:5432: its bench skipped"; fi

clean:
	rm -rf $(VENV) var staticfiles
