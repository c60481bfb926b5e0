# Two entry points for a fresh machine (Python 3.11+):
#   make demo   install, then analyse and store the bundled sample articles (SQLite);
#               `make serve` then shows them in the browser
#   make test   install with test extras, then run the whole test suite
# Both install the versions pinned in requirements.lock (as constraints). After changing
# dependencies in pyproject.toml, `make lock` updates the lock (keeping the other pins);
# `make lock LOCK_FLAGS=--upgrade` moves every pin to the newest allowed release.
#   make audit  known vulnerabilities of the pinned versions (pip-audit)
#   make smoke  a fresh venv with the distribution's pip installs `.` and analyses HTML + WARC
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
LOCK := requirements.lock
LOCK_FLAGS ?=
DEMO_DB ?= demo.db
# The reference article, stored with the samples when it is there (it is not bundled).
SEED ?= ../shared/seed/rafah.txt

.PHONY: demo serve test install install-test lint bench clean lock audit smoke

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[web]"

install-test: $(BIN)/python
	$(BIN)/python -m pip install --quiet -c $(LOCK) -e ".[test]"

# The extras pinned: web (make demo), postgres, test (make test; includes spark and web).
lock: $(BIN)/python
	$(BIN)/python -m pip install --quiet "uv>=0.4,<1"
	$(BIN)/uv pip compile pyproject.toml --extra web --extra postgres --extra test \
		--python-version 3.11 $(LOCK_FLAGS) --output-file $(LOCK)

audit: install-test
	$(BIN)/python .ci/audit.py $(LOCK)

smoke:
	PYTHON=$(PYTHON) .ci/install-smoke

demo: install
	rm -f $(DEMO_DB)
	$(BIN)/newsgraph ingest samples/ $(wildcard $(SEED)) --db $(DEMO_DB) --published 2024-05-10
	$(BIN)/newsgraph link --db $(DEMO_DB)
	$(BIN)/newsgraph entities --db $(DEMO_DB) --limit 15
	$(BIN)/newsgraph search strike --db $(DEMO_DB)
	$(BIN)/newsgraph quotes --db $(DEMO_DB) --limit 8
	$(BIN)/newsgraph analyze samples/harbor-strike.txt --published 2024-05-08 --output harbor-strike.json
	@echo "Full JSON of one article: harbor-strike.json; the store: $(DEMO_DB); make serve to browse it"

serve:
	$(BIN)/newsgraph serve --db $(DEMO_DB)

test: install-test
	$(BIN)/python -m ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

bench: install-test
	$(BIN)/python benchmarks/bench_pipeline.py

clean:
	rm -rf $(VENV) $(DEMO_DB) harbor-strike.json .pytest_cache .ruff_cache
