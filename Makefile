# The verbs people type. Everything runs inside .venv, created on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Local development only: DEBUG on, a throwaway key, SQLite in db.sqlite3.
LOCAL_ENV := DEBUG=true

.PHONY: install run serve test test-deep lint format migrations-check messages clean

# axe-core for the browser tests' accessibility checks (skipped where npm is missing).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $(NODE_STAMP); fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

# The translations (locale/<language>/LC_MESSAGES/django.po), compiled again whenever a
# catalog changes; compilemessages needs GNU gettext's msgfmt (package gettext).
CATALOGS := $(wildcard locale/*/LC_MESSAGES/django.po)
COMPILED := $(CATALOGS:.po=.mo)
$(COMPILED) &: $(CATALOGS) | $(STAMP)
	$(LOCAL_ENV) $(BIN)/python manage.py compilemessages --verbosity 0 --ignore node_modules
	touch $(COMPILED)

install: $(STAMP) $(COMPILED)

run: install
	$(LOCAL_ENV) $(BIN)/python manage.py migrate --noinput
	$(LOCAL_ENV) $(BIN)/python manage.py seed_demo
	$(LOCAL_ENV) $(BIN)/python manage.py runserver 127.0.0.1:8000

# Production: every setting from the environment (README, "Running in production").
serve: install
	$(BIN)/python manage.py check --deploy
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn -c deploy/gunicorn.conf.py

# The suite runs in parallel (pytest-xdist), a worker a core and four at the most; each
# worker has its own test database and files (tests/settings.py). Plain `pytest` still
# runs it in one process. The property tests try a fifth of their examples here.
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 2); echo $$(( n < 4 ? n : 4 )))
PARALLEL := -n $(TEST_WORKERS) --dist worksteal

test: install $(NODE_STAMP)
	$(BIN)/python -m pytest $(PARALLEL)

# The property tests (Hypothesis) with every example: what CI runs once, on SQLite.
test-deep: install $(NODE_STAMP)
	HYPOTHESIS_PROFILE=deep $(BIN)/python -m pytest $(PARALLEL) -m hypothesis

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/bandit --quiet --recursive --severity-level medium --exclude '*/migrations/*' \
		crisis_center intake advocacy referrals collaboration bench deploy

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

migrations-check: install
	$(LOCAL_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

# Gather the strings marked for translation into each catalog (then translate the new
# ones): `make messages LANGUAGE=fr` starts a catalog for a new language.
messages: install
	$(LOCAL_ENV) $(BIN)/python manage.py makemessages $(if $(LANGUAGE),-l $(LANGUAGE),--all) \
		--add-location file --no-obsolete \
		--ignore node_modules --ignore tests --ignore bench --ignore var --ignore staticfiles

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules
