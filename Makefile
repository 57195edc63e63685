# freethem: `make run` serves the site, `make test` runs the whole suite (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
export PORT

.PHONY: run test test-sqlite test-postgres lint bench audit setup setup-dev otp messages lock format backup restore upgrade

run: setup ## Set up, migrate, load the demo data once, serve site and worker on 127.0.0.1:$PORT
	$(PY) manage.py migrate --noinput -v0
	$(PY) manage.py loaddemo
	bin/serve

# The two passes run side by side, one per core; each one's output is printed when it ends
# (--output-sync), and the run fails when either fails.
test: setup-dev ## Run the whole suite: SQLite with the browser tests, and PostgreSQL, side by side
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

test-sqlite: ## (after setup-dev) The suite on SQLite, with the browser tests
	$(VENV)/bin/pytest

test-postgres: ## (after setup-dev) The suite on a throwaway PostgreSQL server, without the browser
	bin/with-postgres $(VENV)/bin/pytest -m "not browser"

lint: setup-dev ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

bench: setup-dev ## Run the benchmarks under bench/ and print their figures
	$(PY) bench/run.py

audit: setup-dev ## Check the hardening of AUDIT_URL, or of a throwaway site started for it
	$(PY) audit/run.py

backup: ## Write one private archive of the database, media, keys and env file; prints its path
	bin/manage backup

restore: ## Restore FILE=<archive> [KEYS=<keys file>] into an empty data directory and database
	@test -n "$(FILE)" || { echo "usage: make restore FILE=<archive> [KEYS=<keys file>]" >&2; exit 2; }
	bin/manage restore "$(FILE)" $(if $(KEYS),--keys "$(KEYS)")

otp: ## Print the demo staff user's current authenticator code
	$(PY) manage.py totpcode demo

$(VENV)/.runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit("freethem needs Python 3.11 or newer, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@

node_modules/.installed: package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

setup: $(VENV)/.runtime node_modules/.installed ## Install pinned dependencies, build translations and static files
	$(VENV)/bin/pybabel compile --domain django --directory freethem/locale --statistics 2>&1 | tail -n 1
	bin/manage collectstatic --noinput -v0

setup-dev: setup $(VENV)/.dev

messages: setup-dev ## Extract translatable strings into freethem/locale (needs GNU gettext)
	$(PY) manage.py makemessages --locale fa --no-obsolete --add-location file \
	  --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'var/*'

lock: ## Recompile requirements*.txt from requirements*.in (needs uv)
	uv pip compile --python-version 3.11 --generate-hashes -q requirements.in -o requirements.txt
	uv pip compile --python-version 3.11 --generate-hashes -q requirements-dev.in -o requirements-dev.txt

# `make upgrade` on a production server (README, "Upgrades"), as root: the checkout's own steps
# run as the checkout's owner (freethem), then the services are restarted. Run by that owner
# instead, set RELOAD_WEB and RESTART_WORKER to what it may run (e.g. through sudo).
OWNER = $(shell stat -c %U .)
AS_OWNER = $(if $(filter 0,$(shell id -u)),runuser -u $(OWNER) --,)
# gunicorn's graceful reload: new workers start with the new code, old ones finish their
# requests, the socket stays open: no request is dropped.
RELOAD_WEB ?= systemctl reload freethem-web
# The worker stops after its current task (SIGTERM) and starts again with the new code.
RESTART_WORKER ?= systemctl restart freethem-worker

upgrade: ## Production: pull, install, migrate, check, reload the site, restart the worker
	$(AS_OWNER) git pull --ff-only
	$(AS_OWNER) $(MAKE) setup
	$(AS_OWNER) bin/manage migrate --noinput
	$(AS_OWNER) bin/manage check --deploy --database default
	$(RELOAD_WEB)
	$(RESTART_WORKER)
