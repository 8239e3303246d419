# Two entry points for a newcomer: `make run` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PIP_QUIET := --quiet --disable-pip-version-check

.PHONY: run test test-remote lint bench serve load clean browser web

$(BIN)/jinling: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install $(PIP_QUIET) --upgrade pip 2>&1 | grep -v '^WARNING: Location' || true
	$(BIN)/pip install $(PIP_QUIET) -e '.[test]' 2>&1 | grep -v '^WARNING: Location' || true
	@$(BIN)/python -c "import pyoxigraph, fastapi, pyshacl, owlready2, pytest" \
	  || { echo "install failed: see the pip output above"; exit 1; }
	@touch $@

venv: $(BIN)/jinling

load: venv
	$(BIN)/jinling load data/
	$(BIN)/jinling ingest marc data/marc/jinling-authority.mrc --graph catalogue --no-infer
	$(BIN)/jinling ingest marc data/marc/jinling-marc21.mrc data/marc/jinling-cnmarc.iso \
	  --graph catalogue --no-infer
	$(BIN)/jinling ingest document data/documents --no-infer
	$(BIN)/jinling ingest oral-history data/oral-history/interviews --no-infer
	$(BIN)/jinling ingest ancient-book data/ancient-books

# the pages' npm packages (api/package.json: the SPARQL page's editor), from package-lock.json;
# without npm the pages still work, the SPARQL page with a plain form
WEB := api/node_modules/.package-lock.json
$(WEB): api/package.json api/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
	  npm ci --prefix api --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "no npm: the SPARQL page will have a plain form instead of its editor"; fi

web: $(WEB)

serve: venv web
	$(BIN)/jinling serve

run: load serve

# Debian's Chromium and a Chinese font, which the web pages' tests (tests/web) drive through
# Playwright; installed with apt when missing (as root, or through sudo)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
BROWSER_PACKAGES := chromium fonts-wqy-microhei
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! fc-list :lang=zh 2>/dev/null | grep -q .; then \
	  echo "installing $(BROWSER_PACKAGES) for tests/web"; \
	  $(SUDO) apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null 2>&1 \
	  || { $(SUDO) apt-get update -q >/dev/null && \
	       $(SUDO) apt-get install -y -q $(BROWSER_PACKAGES) >/dev/null; } \
	  || { echo "could not install $(BROWSER_PACKAGES): run make as root or with sudo"; exit 1; }; \
	fi

test: venv browser web
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

test-remote: venv
	$(BIN)/python -m pytest -m remote tests/sparql

bench: venv
	$(BIN)/python benchmarks/bulk_load.py
	$(BIN)/python benchmarks/http_queries.py
	$(BIN)/python benchmarks/marc.py speed --records 100000
	$(BIN)/python benchmarks/marc.py coverage
	$(BIN)/python benchmarks/sources.py documents --copies 200
	$(BIN)/python benchmarks/sources.py census --rows 20000
	$(BIN)/python benchmarks/sources.py editions --rounds 200
	$(BIN)/python benchmarks/linking.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache api/node_modules
