# The two commands a newcomer needs: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
# The address `make serve` listens on: nginx on this machine by default; an app server of several, its own address.
HOST ?= 127.0.0.1

.PHONY: run test serve bench bench-database load drill lint messages clean

$(VENV)/.runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt $(VENV)/.runtime
	$(VENV)/bin/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

run: $(VENV)/.runtime
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	$(PY) manage.py create_demo_accounts
	$(PY) manage.py build_export
	@echo "Trang quản trị, để nhập và sửa (admin, for editing):  http://127.0.0.1:$(PORT)/admin/"
	@echo "Bảng tổng hợp, để xem (dashboard, for reading):       http://127.0.0.1:$(PORT)/dashboard/"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production: DEBUG=0 SECRET_KEY=… DATABASE_URL=postgres://… ALLOWED_HOSTS=… make serve (behind nginx, see README).
# gunicorn's settings (threaded workers, WORKERS, THREADS, FORWARDED_ALLOW_IPS) are in foreignaffairs/ops/gunicorn.py.
# The first start writes the export snapshot the API sends; later starts leave that to the timer (README).
serve: $(VENV)/.runtime
	$(PY) manage.py migrate --no-input
	$(PY) manage.py collectstatic --no-input
	$(PY) manage.py build_export --if-missing
	$(VENV)/bin/gunicorn --config python:foreignaffairs.ops.gunicorn --bind $(HOST):$(PORT)

test: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/pytest -n 2

# The benchmark needs PostgreSQL; it creates its own database and keeps the generated data between runs.
BENCH_SCALE ?= 1
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/foreignaffairs_bench
# The benchmark's database, created if missing and migrated: make bench, make load and make drill all run on it.
bench-database: $(VENV)/.dev
	psql "$(dir $(BENCH_DATABASE_URL))postgres" -qtc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(BENCH_DATABASE_URL))'" | grep -q 1 \
		|| psql "$(dir $(BENCH_DATABASE_URL))postgres" -qc "CREATE DATABASE $(notdir $(BENCH_DATABASE_URL))"
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py migrate --no-input -v0

bench: bench-database
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py bench --scale $(BENCH_SCALE)

# Load through the production server (foreignaffairs/ops/load.py, README: Production): wrk from a second process on
# loopback against `make serve`'s gunicorn on the benchmark's database, at 8 and 32 connections, with and without
# three full exports running, with 1 and 2 workers. Needs wrk (apt install wrk).
load: bench-database
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py load --scale $(BENCH_SCALE)

# Failure drills (foreignaffairs/ops/drills.py, README: Production): two app servers behind a proxy, one restarted
# under load; PostgreSQL restarted under load (`--postgres`, restarts the machine's cluster: nothing else may run).
drill: bench-database
	DATABASE_URL=$(BENCH_DATABASE_URL) $(PY) manage.py drill $(DRILL_OPTIONS)

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# English is extracted from our (Vietnamese) sources. locale/vi holds only our Vietnamese for the libraries' own
# strings (Django, the admin, simple-history, django-countries…): written by hand, never extracted, compiled here.
messages: $(VENV)/.runtime
	$(PY) manage.py makemessages --locale en --ignore '.venv/*' --ignore 'tests/*'
	$(PY) manage.py compilemessages --locale en --locale vi --ignore '.venv/*'

clean:
	rm -rf var staticfiles .pytest_cache
