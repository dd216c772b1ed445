# The newcomer's two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEV_ENV := DEBUG=1
# Both cores by default, on SQLite and PostgreSQL alike (each worker has its own database).
# `make test PYTEST_ARGS="-k name"` runs one part.
PYTEST_ARGS ?= -n 2

.PHONY: run test install install-test chromium lint format messages bench clean

$(BIN)/.installed: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(BIN)/.installed-test: requirements-test.txt $(BIN)/.installed
	$(BIN)/pip install -q -r requirements-test.txt
	touch $@

install: $(BIN)/.installed
install-test: $(BIN)/.installed-test

## run: install, migrate the SQLite default, load regions and the demo, serve on :8000
run: install
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput
	$(DEV_ENV) $(BIN)/python manage.py import_wilayah --verbosity 0
	$(DEV_ENV) $(BIN)/python manage.py demo
	$(DEV_ENV) $(BIN)/python manage.py hitung_ringkasan --hari-baru --tanda --verbosity 0
	@echo "Portal PLP-BK: http://127.0.0.1:8000  (Ctrl-C untuk berhenti)"
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

## chromium: Debian's Chromium for the browser tests (installed when missing and root)
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	  else echo "Browser tests need Debian's Chromium: sudo apt-get install chromium" >&2; exit 1; fi; \
	fi

## test: install the test tools and run the whole suite (SQLite unless DATABASE_URL is set)
test: install-test chromium
	$(DEV_ENV) DJANGO_ALLOW_ASYNC_UNSAFE=true $(BIN)/pytest $(PYTEST_ARGS)

## lint: Python (ruff), templates (djlint), the import graph, and every string translated
lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates --lint
	$(BIN)/python -m bench.import_graph
	.ci/messages

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## messages: refresh the English catalogue and compile it (needs GNU gettext)
messages: install
	$(DEV_ENV) $(BIN)/python manage.py makemessages -l en --ignore '.venv/*' --ignore 'static/vendor/*'
	$(DEV_ENV) $(BIN)/python manage.py compilemessages --ignore '.venv/*'

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
