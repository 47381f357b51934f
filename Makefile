# Two commands for a new user:  `make serve`  and  `make test`.
# Both create .venv and install everything the project needs from its own files.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: install serve test test-python test-extension bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

serve: install
	$(BIN)/backstory serve

test: test-python test-extension

test-python: install
	$(BIN)/python -m pytest

test-extension:
	@if [ -f extension/package.json ]; then \
		cd extension && npm ci --no-audit --no-fund --loglevel=error && npm test; \
	else echo "no extension/package.json: extension tests skipped"; fi

bench: install
	# (pip 23's resolver fails on newspaper4k's lxml extras, 'Candidate is not for this requirement': a newer pip first)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade 'pip>=24'
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,bench]'
	$(BIN)/python bench/eval_metadata.py
	$(BIN)/python bench/eval_authors.py
	$(BIN)/python bench/eval_people.py
	$(BIN)/python bench/eval_people_beyond.py
	$(BIN)/python bench/eval_polnear.py
	$(BIN)/python bench/eval_body_text.py
	$(BIN)/python bench/eval_extraction_peers.py
	$(BIN)/python bench/latency.py

clean:
	rm -rf $(VENV) extension/node_modules .pytest_cache
