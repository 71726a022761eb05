# The verbs people type. Everything runs inside .venv, created on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# Local development only: DEBUG on, a throwaway key, SQLite in db.sqlite3.
LOCAL_ENV := DEBUG=true

.PHONY: install run serve test lint format migrations-check clean

# axe-core for the browser tests' accessibility checks (skipped where npm is missing).
NODE_STAMP := node_modules/.installed
$(NODE_STAMP): package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $(NODE_STAMP); fi

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

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

test: install $(NODE_STAMP)
	$(BIN)/python -m pytest

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

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache node_modules
