# The two commands a newcomer needs: `make run` and `make test`. Everything else is what they call.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.PHONY: run test fuzz install lint typecheck check services stop-services worker beat bench bench-scale bench-report clean

run: install
	$(PY) -m devservices.run

# Two test processes (pytest-xdist), each with its own test database and Redis database; TEST_PROCESSES=0
# runs in one process.
TEST_PROCESSES ?= 2

test: install
	$(PY) -m pytest -n $(TEST_PROCESSES) --dist worksteal $(PYTEST_ARGS)

# The API against its OpenAPI schema as each role (schemathesis); FUZZ_EXAMPLES cases per operation.
fuzz: install
	$(PY) -m pytest -m fuzz tests/fuzz $(PYTEST_ARGS)

install: $(INSTALLED)

$(INSTALLED): pyproject.toml constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[local,dev]"
	touch $@

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

typecheck: install
	$(VENV)/bin/mypy .

check: lint typecheck test

services: install
	$(PY) -m devservices start

stop-services: install
	$(PY) -m devservices stop

worker: install
	$(VENV)/bin/celery -A config worker --loglevel=info

beat: install
	$(VENV)/bin/celery -A config beat --loglevel=info

bench: install
	$(PY) -m benchmarks

# The portal at national size (SIZE=small for a tenth): seeds a separate database once, serves it with gunicorn
# and drives it with 8 and 32 concurrent clients; prints the table and writes benchmarks/results/<size>.json.
SIZE ?= national
bench-scale: install
	$(PY) -m benchmarks.scale $(if $(filter small,$(SIZE)),--small,) $(BENCH_ARGS)

# The README's Performance table from the last small and national runs (benchmarks/results/*.json).
bench-report: install
	$(PY) -m benchmarks.report

clean:
	-$(PY) -m devservices stop
	rm -rf $(VENV) .data
