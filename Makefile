# Two commands on a fresh machine:
#   make demo   set up and run Marktplein with demo data (SQLite, tasks in process, console e-mail)
#   make test   set up and run every check and test (PostgreSQL, Redis, Celery, Chromium)

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
DEV := DJANGO_SETTINGS_MODULE=marktplein.settings.dev

.PHONY: demo test check lint format messages system-packages clean benchmark

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $@

# The demo needs only what the platform runs on: no test tools, and no build chatter.
$(VENV)/.runtime: pyproject.toml
	@echo "Installing Marktplein into $(VENV) (the first time takes a minute)..."
	@$(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --disable-pip-version-check -e . > $(VENV)/install.log 2>&1 \
		|| (cat $(VENV)/install.log; exit 1)
	@touch $@

demo: $(VENV)/.runtime
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv -v0 || true
	$(DEV) $(PY) manage.py migrate --noinput -v0
	$(DEV) $(PY) manage.py seed_demo
	@echo "Marktplein runs at http://127.0.0.1:$(PORT)/"
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

system-packages:
	bash scripts/install-system-packages

check: $(VENV)/.installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy
	$(DEV) $(PY) manage.py makemigrations --check --dry-run -v1
	$(DEV) $(PY) manage.py check
	msgfmt --check --statistics -o /dev/null locale/nl/LC_MESSAGES/django.po
	DJANGO_SETTINGS_MODULE=marktplein.settings.production \
	DJANGO_SECRET_KEY=check-deploy-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
	DJANGO_ALLOWED_HOSTS=marktplein.example REDIS_URL=redis://127.0.0.1:6379/0 \
	MARKTPLEIN_BASE_URL=https://marktplein.example \
	MARKTPLEIN_MFA_ENCRYPTION_KEYS=$$($(PY) -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())') \
	$(PY) manage.py check --deploy --fail-level WARNING

test: system-packages $(VENV)/.installed
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv -v0
	$(MAKE) check
	$(PY) -m pytest

messages: $(VENV)/.installed
	$(DEV) $(PY) manage.py makemessages -l nl --ignore=.venv --ignore=tests --ignore=static --no-obsolete
	$(DEV) $(PY) manage.py compilemessages --ignore=.venv

format: $(VENV)/.installed
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache

benchmark: $(VENV)/.installed
	$(PY) scripts/benchmark benchmark_matching
	$(PY) scripts/benchmark benchmark_subsidies
	$(PY) scripts/benchmark benchmark_reminders
	$(PY) scripts/benchmark benchmark_dashboard
	$(PY) scripts/benchmark_load
