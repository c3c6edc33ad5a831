# Quick start (a fresh machine with Python 3.11, make and pip):
#   make demo   - set up, then run the main job on the embedded SQLite default
#   make test   - set up, then run the whole test suite
# uv is installed into .tools/ with pip when it is not there yet; the project's
# environment is .venv/, built from uv.lock.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
UV_VERSION := 0.13.9
UV := .tools/bin/uv
VENV := .venv
RUN := $(VENV)/bin
export UV_PYTHON_DOWNLOADS := never

.PHONY: setup demo test check typecheck lint format bench bench-smoke reliability clean

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/python -m pip install --quiet "uv==$(UV_VERSION)"

$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --frozen --python "$(PYTHON)"
	touch $@

setup: $(VENV)/.synced

demo: setup
	$(RUN)/udi demo

test: setup
	$(RUN)/pytest -n auto

typecheck: setup
	$(RUN)/mypy src tests benchmarks

lint: setup
	$(RUN)/ruff check src tests benchmarks
	$(RUN)/ruff format --check src tests benchmarks
	$(RUN)/lint-imports

check: typecheck lint

format: setup
	$(RUN)/ruff format src tests benchmarks
	$(RUN)/ruff check --fix src tests benchmarks

bench: setup
	$(RUN)/python -m benchmarks

bench-smoke: setup
	$(RUN)/python -m benchmarks --smoke

# The reliability and security figures at full size (needs PostgreSQL for concurrency:
# UDI_TEST_POSTGRES_URL, default postgresql://postgres@127.0.0.1:5432/test).
reliability: setup
	$(RUN)/python -m benchmarks reliability

clean:
	rm -rf .tools $(VENV) udi.sqlite3
